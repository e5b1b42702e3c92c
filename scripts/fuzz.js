#!/usr/bin/env node
"use strict";
/**
 * Fuzz harness (issue 9): mutated workbooks through `validate`, `fill` and
 * `consolidate`, in bounded time, reporting crashes, "lỗi không mong đợi",
 * hangs, English text, sources modified, outputs we cannot read back, files
 * `validate` reads but `fill` refuses, and the largest memory seen.
 *
 *   npm run build && node scripts/fuzz.js [--cases 3000] [--seed 1] [--timeout 20000] [--keep DIR] [--memory 512]
 *
 * A child process runs the cases in order, in-process through build/cli/main.js,
 * and announces each case before and after; the parent kills it when a case
 * takes longer than --timeout (a hang) or when it dies (a crash: out of
 * memory under --memory MB, or anything else), records the case, and starts a
 * new child at the next case. Cases are deterministic: (seed, index) → bytes.
 * Failing cases are copied to --keep (default: a temporary folder) to replay.
 */
const { fork } = require("node:child_process");
const crypto = require("node:crypto");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const ROOT = path.join(__dirname, "..");

function parseArgs(argv) {
  const opts = { cases: 3000, seed: 1, timeout: 20000, memory: 512, keep: undefined, child: false, start: 0 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i];
    if (a === "--cases") opts.cases = Number(next());
    else if (a === "--seed") opts.seed = Number(next());
    else if (a === "--timeout") opts.timeout = Number(next());
    else if (a === "--memory") opts.memory = Number(next());
    else if (a === "--keep") opts.keep = next();
    else if (a === "--child") opts.child = true;
    else if (a === "--start") opts.start = Number(next());
    else if (a === "--work") opts.work = next();
  }
  return opts;
}

// ---------------------------------------------------------------------------
// Deterministic cases
// ---------------------------------------------------------------------------

function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SNIPPETS = [
  "<",
  ">",
  "</c>",
  "</row>",
  "<row>",
  '<row r="3">',
  '<c r="B6000"><v>1</v></c>',
  `<v>${"9".repeat(309)}</v>`,
  "_x001B_[31m",
  "_x0000_",
  "&#0;",
  "&#x1B;",
  "&#10;bieumau: xa-99.xlsx: giả",
  "&e;",
  "&amp",
  "&#xD800;",
  '<!DOCTYPE x [<!ENTITY e "]>">]>',
  "<![CDATA[<c>]]>",
  "<!-- </sheetData> -->",
  "<?pi x?>",
  "\u0000",
  "\uFFFE",
  "\uD800",
  '<is><t>=HYPERLINK("http://x","y")</t></is>',
  ' t="s"',
  ' t="e"',
  ' t="inlineStr"',
  ' t="b"',
  ' s="99999"',
  "<f>SUM(A1:A2)</f>",
  ' r="XFD1048577"',
  ' r="A0"',
  ' r="-1"',
  ' r=""',
  ' r="ZZZZ1"',
  '<c r="D7" t="s"><v>99999</v></c>',
  "<v>NaN</v>",
  "<v>1e309</v>",
  "<v>-0</v>",
  "<v></v>",
  "<v>1,5</v>",
  "x".repeat(40000),
  '<mergeCell ref="A1:XFD1048576"/>',
  '<dimension ref="A1:XFD1048576"/>',
  "<sheetData/>",
  "</worksheet>",
  '<x:c r="D8"><x:v>5</x:v></x:c>',
  '<t xml:space="preserve">  </t>',
  "</si><si><t>lệch</t></si>",
];

const NUMBERS = ["NaN", "1e309", "-1e309", "-0", "", "1,5", "9".repeat(400), "0x10", " 7 ", "1e-400", "12345678901234567890", "-5", "3.5"];

function pick(rand, list) {
  return list[Math.floor(rand() * list.length)];
}

/** Mutates one XML text 1–3 times. */
function mutateXml(rand, xml) {
  const ops = 1 + Math.floor(rand() * 3);
  for (let k = 0; k < ops; k++) {
    const at = boundary(rand, xml);
    const op = rand();
    if (op < 0.3) xml = xml.slice(0, at) + pick(rand, SNIPPETS) + xml.slice(at);
    else if (op < 0.45) xml = xml.slice(0, at) + xml.slice(at + 1 + Math.floor(rand() * 60));
    else if (op < 0.55) {
      const len = 1 + Math.floor(rand() * 400);
      xml = xml.slice(0, at) + xml.slice(at, at + len) + xml.slice(at);
    } else if (op < 0.7) {
      const values = [...xml.matchAll(/<v>([^<]*)<\/v>/g)];
      if (values.length) {
        const m = pick(rand, values);
        xml = xml.slice(0, m.index) + `<v>${pick(rand, NUMBERS)}</v>` + xml.slice(m.index + m[0].length);
      }
    } else if (op < 0.8) {
      const rows = [...xml.matchAll(/<row\b[\s\S]*?<\/row>/g)];
      if (rows.length > 2) {
        const [a, b] = [pick(rand, rows), pick(rand, rows)].sort((x, y) => x.index - y.index);
        if (a.index + a[0].length <= b.index)
          xml = xml.slice(0, a.index) + b[0] + xml.slice(a.index + a[0].length, b.index) + a[0] + xml.slice(b.index + b[0].length);
      }
    } else if (op < 0.9) {
      const refs = [...xml.matchAll(/ r="([A-Z]*)(\d+)"/g)];
      if (refs.length) {
        const m = pick(rand, refs);
        const ref = rand() < 0.5 ? `${m[1]}${Math.floor(rand() * 70000)}` : `${pick(rand, ["A", "B", "D", "XFD", "AAAA"])}${m[2]}`;
        xml = xml.slice(0, m.index) + ` r="${ref}"` + xml.slice(m.index + m[0].length);
      }
    } else {
      const closes = [...xml.matchAll(/<\/[a-zA-Z:]+>/g)];
      if (closes.length) {
        const m = pick(rand, closes);
        xml = xml.slice(0, m.index) + xml.slice(m.index + m[0].length);
      }
    }
  }
  return xml;
}

/** Mostly a tag boundary (just after a ">"), sometimes anywhere. */
function boundary(rand, xml) {
  const at = Math.floor(rand() * xml.length);
  if (rand() < 0.3) return at;
  const gt = xml.indexOf(">", at);
  return gt < 0 ? at : gt + 1;
}

function partWeight(name) {
  if (/worksheets\/sheet\d*\.xml$/.test(name)) return 6;
  if (/sharedStrings\.xml$/.test(name)) return 3;
  if (/workbook\.xml$|\.rels$|\[Content_Types\]\.xml$|styles\.xml$/.test(name)) return 1;
  return 0.3;
}

function mutateCase(fflate, seeds, seed, index) {
  const rand = prng((seed * 1000003) ^ (index * 7919) ^ 0x5bd1e995);
  const base = seeds[index % seeds.length];
  const kind = rand();
  if (kind < 0.12) {
    const out = Uint8Array.from(base.bytes);
    const flips = 1 + Math.floor(rand() * 8);
    for (let k = 0; k < flips; k++) out[Math.floor(rand() * out.length)] ^= 1 + Math.floor(rand() * 255);
    return { bytes: out, how: `${base.name}: ${flips} octet(s) flipped` };
  }
  if (kind < 0.16) return { bytes: base.bytes.slice(0, Math.floor(rand() * base.bytes.length)), how: `${base.name}: truncated` };
  const files = fflate.unzipSync(base.bytes);
  const names = Object.keys(files).filter((n) => /\.(xml|rels)$/.test(n));
  const total = names.reduce((s, n) => s + partWeight(n), 0);
  let r = rand() * total;
  let part = names[0];
  for (const n of names) {
    r -= partWeight(n);
    if (r <= 0) {
      part = n;
      break;
    }
  }
  files[part] = fflate.strToU8(mutateXml(rand, fflate.strFromU8(files[part])));
  const zipped = fflate.zipSync(files, { level: rand() < 0.2 ? 0 : 6 });
  if (rand() < 0.05) {
    // a corrupt deflate stream somewhere in the package
    const at = Math.floor(zipped.length * (0.1 + 0.6 * rand()));
    zipped[at] ^= 0x5a;
    return { bytes: zipped, how: `${base.name}: ${part} mutated, zip byte ${at} flipped` };
  }
  return { bytes: zipped, how: `${base.name}: ${part} mutated` };
}

/** Seed workbooks: ours (values, text, formulas), exceljs-written templates, a consolidation. */
async function makeSeeds() {
  const { findTemplate } = require(path.join(ROOT, "build/catalog"));
  const { writeFilledWorkbook } = require(path.join(ROOT, "build/xlsx/plan-writer"));
  const { buildTemplateWorkbook } = require(path.join(ROOT, "build/xlsx/write-template"));
  const xa = findTemplate("bnv581-xa");
  const tinh = findTemplate("bnv581-tinh");
  const values = {
    "1/1": 3,
    "1/2.1": 10,
    "1/2.2": 5,
    "1/2": 50,
    "1/5": 1,
    "2/1.3": 0,
    "3/1.4.3": 139,
    "3/3.3.1": 100,
    "3/3.3.2": 99,
    "7/3": 80,
    "7/6.4.1": 64,
  };
  const seeds = [
    { name: "xa-values", bytes: writeFilledWorkbook(xa, { unit: "UBND xã An Bình", period: "Quý I năm 2025" }, values) },
    {
      name: "xa-text",
      bytes: writeFilledWorkbook(xa, { unit: "UBND xã Bình Minh", period: "Quý I năm 2025" }, { ...values, "1/1": "ba", "1/2": "50%" }),
    },
  ];
  for (const [name, t, forms] of [
    ["xa-template", xa, undefined],
    ["tinh-template", tinh, [1, 3, 7]],
  ]) {
    const { workbook } = buildTemplateWorkbook(t, { forms, unit: "UBND xã Cát Tiên", period: "Quý I năm 2025" });
    workbook.created = workbook.modified = new Date(Date.UTC(2025, 0, 1)); // the same bytes on every run
    seeds.push({ name, bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) });
  }
  return seeds;
}

// ---------------------------------------------------------------------------
// Child: runs cases, one JSON line before and after each
// ---------------------------------------------------------------------------

/** Words of system or library messages (cell values quoted in a finding may legitimately be "NaN" or "null"). */
const ENGLISH = /\b(error|invalid|undefined|cannot|unexpected|illegal|EISDIR|EACCES|ENOENT|zlib|distance|TypeError|RangeError)\b/i;

async function runChild(opts) {
  const fflate = require("fflate");
  const { main } = require(path.join(ROOT, "build/cli/main.js"));
  const seeds = await makeSeeds();
  const work = opts.work;
  const unitDir = path.join(work, "units");
  fs.mkdirSync(unitDir, { recursive: true });
  fs.writeFileSync(path.join(unitDir, "a-good-1.xlsx"), seeds[0].bytes);
  fs.writeFileSync(path.join(unitDir, "a-good-2.xlsx"), seeds[1].bytes);
  const file = path.join(unitDir, "case.xlsx");
  const send = (m) => process.send(m);
  const cli = async (...argv) => {
    let out = "";
    let err = "";
    const t0 = process.hrtime.bigint();
    let code;
    try {
      code = await main(argv, { out: (s) => (out += s.length < 1e6 ? s : s.slice(0, 1e6)), err: (s) => (err += s) });
    } catch (e) {
      code = "threw";
      err += `THREW ${e && e.stack}`;
    }
    return { code, out, err, ms: Number(process.hrtime.bigint() - t0) / 1e6 };
  };
  for (let i = opts.start; i < opts.cases; i++) {
    const { bytes, how } = mutateCase(fflate, seeds, opts.seed, i);
    fs.writeFileSync(file, bytes);
    send({ begin: i, how });
    const hash = crypto.createHash("sha256").update(bytes).digest("hex");
    const out = path.join(work, "out.xlsx");
    const validate = await cli("validate", file);
    const fill = await cli("fill", file, "-o", out, "--force");
    let fillReread;
    if (fill.code === 0) fillReread = (await cli("validate", out)).code;
    const consolidate = await cli("consolidate", unitDir, "-o", path.join(work, "tong-hop.xlsx"), "--force", "--json");
    const modified = crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex") !== hash;
    const runs = { validate, fill, consolidate };
    const problems = [];
    for (const [name, r] of Object.entries(runs)) {
      if (r.code === "threw" || ![0, 1, 2].includes(r.code))
        problems.push({ kind: "crash", text: `${name}: ${String(r.err).split("\n")[0]}` });
      if (/lỗi không mong đợi/.test(r.err))
        problems.push({ kind: "unexpected", text: `${name}: ${r.err.split("\n").find((l) => /không mong đợi/.test(l))}` });
      if (/\n\s+at .+:\d+:\d+/.test(r.err)) problems.push({ kind: "stack", text: `${name}: stack trace` });
      const english = r.err.split("\n").find((l) => ENGLISH.test(l.replace(/\/[^ ]*/g, "")));
      if (english) problems.push({ kind: "english", text: `${name}: ${english.slice(0, 200)}` });
    }
    if (validate.code !== 2 && fill.code === 2 && !/không tìm thấy|không có biểu/.test(fill.err))
      problems.push({ kind: "tolerance", text: `validate reads it, fill refuses: ${fill.err.trim().slice(0, 300)}` });
    if (fill.code === 0 && fillReread === 2) problems.push({ kind: "unreadableOutput", text: "fill wrote a file validate cannot read" });
    if (modified) problems.push({ kind: "modified", text: "source modified" });
    const rss = process.memoryUsage().rss;
    send({
      end: i,
      problems,
      ms: { validate: validate.ms, fill: fill.ms, consolidate: consolidate.ms },
      codes: { validate: validate.code, fill: fill.code, consolidate: consolidate.code },
      rss,
    });
  }
  send({ done: true });
}

// ---------------------------------------------------------------------------
// Parent: supervises, counts, reports
// ---------------------------------------------------------------------------

function runParent(opts) {
  // tmpfs where there is one: outputs are fsync'ed before their rename, which is slow on a disk.
  const base = fs.existsSync("/dev/shm") ? "/dev/shm" : os.tmpdir();
  const work = fs.mkdtempSync(path.join(base, "bieumau-fuzz-"));
  const keep = opts.keep ?? path.join(work, "failures");
  fs.mkdirSync(keep, { recursive: true });
  const stats = {
    cases: 0,
    hangs: [],
    crashes: [],
    unexpected: 0,
    english: 0,
    tolerance: 0,
    unreadableOutput: 0,
    modified: 0,
    stack: 0,
    maxRss: 0,
    maxRssCase: -1,
    slowest: { ms: 0, case: -1, command: "" },
    codes: {},
  };
  const problemCases = new Map();
  const t0 = Date.now();
  const keepCase = (i, how, why) => {
    if (!problemCases.has(i)) problemCases.set(i, { how, why: [] });
    problemCases.get(i).why.push(...why);
  };
  const startChild = (start) =>
    new Promise((resolve) => {
      const child = fork(
        __filename,
        [
          "--child",
          "--cases",
          String(opts.cases),
          "--seed",
          String(opts.seed),
          "--start",
          String(start),
          "--work",
          path.join(work, `run-${start}`),
        ],
        {
          execArgv: [`--max-old-space-size=${opts.memory}`],
          stdio: ["ignore", "ignore", "pipe", "ipc"],
        },
      );
      let current;
      let timer;
      let stderr = "";
      child.stderr.on("data", (d) => (stderr = (stderr + d).slice(-2000)));
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          stats.hangs.push(current.i);
          keepCase(current.i, current.how, [`hang: > ${opts.timeout} ms`]);
          child.kill("SIGKILL");
        }, opts.timeout);
      };
      child.on("message", (m) => {
        if (m.begin !== undefined) {
          current = { i: m.begin, how: m.how };
          arm();
        } else if (m.end !== undefined) {
          clearTimeout(timer);
          record(m, current);
          current = undefined;
        } else if (m.done) clearTimeout(timer);
      });
      child.on("exit", (code, signal) => {
        clearTimeout(timer);
        if (current && !stats.hangs.includes(current.i)) {
          stats.crashes.push(current.i);
          keepCase(current.i, current.how, [
            `process died (${signal ?? code}): ${stderr.split("\n").filter(Boolean).slice(-2).join(" | ")}`,
          ]);
        }
        resolve(current ? current.i + 1 : opts.cases);
      });
    });
  const record = (m, cur) => {
    stats.cases++;
    for (const [cmd, c] of Object.entries(m.codes)) stats.codes[`${cmd} ${c}`] = (stats.codes[`${cmd} ${c}`] ?? 0) + 1;
    for (const [cmd, ms] of Object.entries(m.ms)) if (ms > stats.slowest.ms) stats.slowest = { ms, case: m.end, command: cmd };
    if (m.rss > stats.maxRss) {
      stats.maxRss = m.rss;
      stats.maxRssCase = m.end;
    }
    for (const p of m.problems) {
      if (p.kind === "crash") stats.crashes.push(m.end);
      else stats[p.kind]++;
    }
    if (m.problems.length)
      keepCase(
        m.end,
        cur.how,
        m.problems.map((p) => `${p.kind}: ${p.text}`),
      );
    if (stats.cases % 250 === 0)
      process.stderr.write(`  ${stats.cases}/${opts.cases} trường hợp, ${Math.round((Date.now() - t0) / 1000)} s\n`);
  };
  return (async () => {
    for (let next = 0; next < opts.cases;) next = await startChild(next);
    const { fflate, seeds } = { fflate: require("fflate"), seeds: await makeSeeds() };
    for (const [i] of problemCases) fs.writeFileSync(path.join(keep, `case-${i}.xlsx`), mutateCase(fflate, seeds, opts.seed, i).bytes);
    report(stats, problemCases, keep, Date.now() - t0, opts);
    for (const d of fs.readdirSync(work)) if (d.startsWith("run-")) fs.rmSync(path.join(work, d), { recursive: true, force: true });
    if (problemCases.size === 0 && !opts.keep) fs.rmSync(work, { recursive: true, force: true });
    return problemCases.size === 0 ? 0 : 1;
  })();
}

function report(stats, problemCases, keep, ms, opts) {
  const lines = [
    `Fuzz: ${stats.cases} trường hợp (seed ${opts.seed}) qua validate, fill, consolidate trong ${(ms / 1000).toFixed(0)} s`,
    `  sập (crash): ${new Set(stats.crashes).size}`,
    `  "lỗi không mong đợi": ${stats.unexpected}`,
    `  treo (> ${opts.timeout} ms): ${stats.hangs.length}`,
    `  vết ngăn xếp: ${stats.stack}; chữ tiếng Anh trong thông báo: ${stats.english}`,
    `  validate đọc được nhưng fill từ chối: ${stats.tolerance}; fill ghi tệp không đọc lại được: ${stats.unreadableOutput}; tệp nguồn bị sửa: ${stats.modified}`,
    `  bộ nhớ lớn nhất (RSS của tiến trình chạy): ${(stats.maxRss / 1048576).toFixed(0)} MB (trường hợp ${stats.maxRssCase}); giới hạn heap ${opts.memory} MB`,
    `  lệnh chậm nhất: ${stats.slowest.command} ${stats.slowest.ms.toFixed(0)} ms (trường hợp ${stats.slowest.case})`,
    `  mã thoát: ${Object.entries(stats.codes)
      .sort()
      .map(([k, v]) => `${k}: ${v}`)
      .join(", ")}`,
  ];
  if (problemCases.size) {
    lines.push(`  ${problemCases.size} trường hợp có vấn đề (đã lưu trong ${keep}):`);
    for (const [i, c] of [...problemCases].slice(0, 30)) lines.push(`    #${i} [${c.how}] ${c.why.join("; ").slice(0, 300)}`);
  }
  process.stdout.write(lines.join("\n") + "\n");
}

const opts = parseArgs(process.argv.slice(2));
if (!fs.existsSync(path.join(ROOT, "build/cli/main.js"))) {
  process.stderr.write("Chưa biên dịch: chạy npm run build trước.\n");
  process.exit(2);
}
if (opts.child)
  runChild(opts).then(
    () => process.exit(0),
    (e) => {
      process.stderr.write(String(e && e.stack));
      process.exit(3);
    },
  );
else runParent(opts).then((code) => process.exit(code));
