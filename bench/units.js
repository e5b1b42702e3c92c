"use strict";
/**
 * Unit workbooks for the benches, and the measurements every set shares:
 *  - the marker set: our own writer (hidden marker column, exact locating);
 *  - the content-located set: written by exceljs (another program), no marker, all seven
 *    forms stacked on one sheet "Bieu mau" under a unit line, shared strings. One template
 *    workbook is built with exceljs; each unit's file is that zip with the unit name and
 *    the values patched into the XML, so thousands of files take seconds.
 * Both sets carry the same values for unit i, so their consolidated totals must agree.
 */
const fs = require("node:fs");
const path = require("node:path");
const { execFileSync, spawnSync } = require("node:child_process");
const { performance } = require("node:perf_hooks");
const ExcelJS = require("exceljs");
const fflate = require("fflate");
const { findTemplate } = require("../build/catalog");
const { floor } = require("./floor");
const { writeFilledWorkbook } = require("../build/xlsx/plan-writer");

const TEMPLATE_ID = "bnv581-xa";
const PERIOD = "Quý I năm 2025";
const unitName = (i) => `UBND xã Số ${i + 1}`;
const fileName = (i) => `xa-${String(i + 1).padStart(4, "0")}.xlsx`;

/** Unit i's values (form/code → number), varied and consistent: parts ≤ wholes, numerators ≤ denominators, sums exact. */
function unitValues(t, i) {
  const v = {};
  for (const f of t.forms) {
    for (const r of f.rows) {
      const key = `${f.number}/${r.code}`;
      if (r.kind === "count" && !r.sum) v[key] = r.aggregate === "same" ? 139 : ((i * 7 + f.rows.indexOf(r) * 13) % 50) + 50;
      else if (r.kind === "coded") v[key] = (i + f.number) % 2;
      else if (r.kind === "percent") v[key] = (i % 5) * 20;
      else if (r.kind === "money") v[key] = 1000 + (i % 97);
    }
    for (const r of f.rows) {
      if (r.ratio)
        v[`${f.number}/${r.ratio.numerator}`] = Math.min(
          v[`${f.number}/${r.ratio.numerator}`] ?? 0,
          v[`${f.number}/${r.ratio.denominator}`] ?? 0,
        );
      for (const c of r.checks ?? [])
        if (c.rule === "le")
          for (const p of c.parts) v[`${f.number}/${p}`] = Math.floor((v[`${f.number}/${r.code}`] ?? 0) / (c.parts.length + 1));
      for (const c of r.checks ?? [])
        if (c.rule === "eq") v[`${f.number}/${r.code}`] = c.parts.reduce((a, p) => a + (v[`${f.number}/${p}`] ?? 0), 0);
    }
  }
  return v;
}

/** Unit i's values as an officer types them: also the totals our template computes by formula. */
function typedValues(t, i) {
  const v = unitValues(t, i);
  for (const f of t.forms) {
    const total = (r) => {
      const key = `${f.number}/${r.code}`;
      if (v[key] === undefined && r.sum) v[key] = r.sum.reduce((a, code) => a + (total(f.rows.find((x) => x.code === code)) ?? 0), 0);
      return v[key];
    };
    f.rows.forEach(total);
  }
  return v;
}

function freshDir(dir, stamp) {
  const marker = path.join(dir, stamp);
  if (fs.existsSync(marker)) return undefined;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return marker;
}

/** N workbooks by our writer (hidden marker); reused when present. */
function generateMarkerSet(dir, n) {
  const done = freshDir(dir, `.generated-${n}-v1`);
  if (!done) return;
  const t = findTemplate(TEMPLATE_ID);
  for (let i = 0; i < n; i++)
    fs.writeFileSync(path.join(dir, fileName(i)), writeFilledWorkbook(t, { unit: unitName(i), period: PERIOD }, unitValues(t, i)));
  fs.writeFileSync(done, "");
}

const PLACEHOLDER_UNIT = "UBND xã Mẫu Đơn Vị";
const placeholder = (k) => 77700000 + k; // numbers no real value takes

/** The keys (form/code) of the placeholders, in their order (as `contentTemplate` numbers them). */
function placeholderKeys(t) {
  const sample = typedValues(t, 0);
  return t.forms.flatMap((f) => f.rows.map((row) => `${f.number}/${row.code}`).filter((key) => sample[key] !== undefined));
}

/** The exceljs template: every value cell holds a placeholder number, patched per unit. */
async function contentTemplate(t) {
  const wb = new ExcelJS.Workbook();
  wb.creator = "exceljs";
  const ws = wb.addWorksheet("Bieu mau");
  ws.getCell(1, 1).value = PLACEHOLDER_UNIT;
  ws.getCell(2, 1).value = `Kỳ báo cáo: ${PERIOD}`;
  const keys = [];
  const sample = typedValues(t, 0);
  let r = 4;
  for (const f of t.forms) {
    ws.getCell(r++, 1).value = `Biểu mẫu ${f.number}`;
    ws.getCell(r++, 1).value = f.title.toUpperCase();
    ["STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Số liệu", "Ghi chú"].forEach((h, c) => (ws.getCell(r, c + 1).value = h));
    r++;
    for (const row of f.rows) {
      ws.getCell(r, 1).value = row.code;
      ws.getCell(r, 2).value = row.label;
      ws.getCell(r, 3).value = row.unit;
      const key = `${f.number}/${row.code}`;
      if (sample[key] !== undefined) {
        ws.getCell(r, 4).value = placeholder(keys.length);
        keys.push(key);
      }
      r++;
    }
    r += 2;
  }
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer({ useSharedStrings: true }));
  return { entries: fflate.unzipSync(bytes), keys };
}

/**
 * Whether unit i leaves value k (a placeholder's index) blank in the set with blanks: one in twenty,
 * spread over units and rows by a fixed hash (the same files in every run).
 */
const blankAt = (i, k) => ((Math.imul(i + 1, 2654435761) ^ Math.imul(k + 1, 40503)) >>> 0) % 20 === 0;

/**
 * N content-located workbooks (exceljs, no marker, one stacked sheet); reused when present.
 * `blanks`: each unit leaves about one value in twenty blank (`blankAt`), as officers do: the cell
 * written empty (its attributes kept) instead of its number.
 */
async function generateContentSet(dir, n, blanks = false) {
  const done = freshDir(dir, blanks ? `.generated-blanks-${n}-v1` : `.generated-content-${n}-v2`);
  if (!done) return;
  const t = findTemplate(TEMPLATE_ID);
  const { entries, keys } = await contentTemplate(t);
  const sheetName = Object.keys(entries).find((k) => /^xl\/worksheets\/sheet\d+\.xml$/.test(k));
  const sheetXml = fflate.strFromU8(entries[sheetName]);
  const stringsXml = fflate.strFromU8(entries["xl/sharedStrings.xml"]);
  if (!stringsXml.includes(PLACEHOLDER_UNIT)) throw new Error("exceljs wrote no shared string for the unit line");
  const valueRe = /<v>777(\d{5})<\/v>/g;
  if ((sheetXml.match(valueRe) ?? []).length !== keys.length) throw new Error("placeholders not found in the sheet XML");
  const cellRe = /<c r="([A-Z]+\d+)"([^>]*)><v>777(\d{5})<\/v><\/c>/g;
  if (blanks && (sheetXml.match(cellRe) ?? []).length !== keys.length) throw new Error("placeholder cells not found in the sheet XML");
  for (let i = 0; i < n; i++) {
    const v = typedValues(t, i);
    const files = { ...entries };
    const sheet = blanks
      ? sheetXml.replace(cellRe, (_m, ref, attrs, k) =>
          blankAt(i, Number(k)) ? `<c r="${ref}"${attrs}/>` : `<c r="${ref}"${attrs}><v>${v[keys[Number(k)]]}</v></c>`,
        )
      : sheetXml.replace(valueRe, (_m, k) => `<v>${v[keys[Number(k)]]}</v>`);
    files[sheetName] = fflate.strToU8(sheet);
    files["xl/sharedStrings.xml"] = fflate.strToU8(stringsXml.replace(PLACEHOLDER_UNIT, unitName(i)));
    fs.writeFileSync(path.join(dir, fileName(i)), fflate.zipSync(files, { level: 6 }));
  }
  fs.writeFileSync(done, "");
}

/**
 * N workbooks written by openpyxl (each content-set file opened and saved by it: inline strings,
 * numeric character references), when python3 has openpyxl; reused when present.
 */
function generateOpenpyxlSet(contentDir, dir, n) {
  const done = freshDir(dir, `.generated-openpyxl-${n}-v1`);
  if (!done) return;
  execFileSync("python3", [path.join(__dirname, "openpyxl-resave.py"), contentDir, dir], { stdio: "inherit" });
  fs.writeFileSync(done, "");
}

/**
 * Totals a consolidation must give on unit files 0..n-1, for rows summed over units (form/code → total);
 * `blanks`: of the set with blanks (a value left blank is not counted).
 */
function expectedSums(n, blanks = false) {
  const t = findTemplate(TEMPLATE_ID);
  const keys = blanks ? placeholderKeys(t) : [];
  const out = {};
  for (let i = 0; i < n; i++) {
    const v = typedValues(t, i);
    keys.forEach((key, k) => blankAt(i, k) && delete v[key]);
    for (const f of t.forms)
      for (const r of f.rows)
        if (r.aggregate === "sum" && v[`${f.number}/${r.code}`] !== undefined)
          out[`${f.number}/${r.code}`] = (out[`${f.number}/${r.code}`] ?? 0) + v[`${f.number}/${r.code}`];
  }
  return out;
}

/** Time of the floor over all files (median of `runs`, after a warm-up on a few files). */
function timeFloor(files, runs = 1) {
  floor(files.slice(0, 50));
  const times = [];
  const cpus = [];
  let cells = 0;
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  for (let k = 0; k < runs; k++) {
    const t = performance.now();
    const c = cpu();
    cells = floor(files);
    cpus.push(cpu() - c);
    times.push(performance.now() - t);
  }
  return { ms: median(times), cpuMs: median(cpus), cells };
}

/**
 * The floor as its own process, as the issue measured it ("whole process"): `node bench/floor.js DIR`
 * lists the folder and does the same unzip + count. Wall and CPU of the process, like the CLI's.
 */
function timeFloorProcess(dir) {
  const m = runMeasured(process.execPath, [path.join(__dirname, "floor.js"), dir]);
  if (m.status !== 0) throw new Error(`floor process failed (${m.status}): ${m.stderr.slice(-1000)}`);
  return { ms: m.wallMs, cpuMs: m.cpuS * 1000, cells: Number(m.stdout.trim()) };
}

/**
 * Runs a command as its own process: wall time, CPU time and peak RSS (GNU time -v
 * when present; else, for node, a preload that reports process.resourceUsage at exit).
 */
function runMeasured(cmd, args, options = {}) {
  const gnuTime = fs.existsSync("/usr/bin/time");
  const t = performance.now();
  const res = gnuTime
    ? spawnSync("/usr/bin/time", ["-v", cmd, ...args], { encoding: "utf8", maxBuffer: 1 << 28, ...options })
    : spawnSync(cmd, cmd === process.execPath ? ["-r", path.join(__dirname, "report-usage.js"), ...args] : args, {
        encoding: "utf8",
        maxBuffer: 1 << 28,
        ...options,
      });
  const wallMs = performance.now() - t;
  if (res.error) throw res.error;
  let peakMB;
  let cpuS;
  if (gnuTime) {
    peakMB = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(res.stderr)?.[1] ?? NaN) / 1024;
    cpuS =
      Number(/User time \(seconds\): ([\d.]+)/.exec(res.stderr)?.[1] ?? NaN) +
      Number(/System time \(seconds\): ([\d.]+)/.exec(res.stderr)?.[1] ?? NaN);
  } else {
    const m = JSON.parse(/@@measure (.*)$/m.exec(res.stderr)?.[1] ?? '{"peakMB":null,"cpuS":null}');
    peakMB = m.peakMB;
    cpuS = m.cpuS;
  }
  return { wallMs, cpuS, peakMB, status: res.status, stdout: res.stdout, stderr: res.stderr };
}

/** `bieumau consolidate --json -o out DIR` as its own process; its JSON result and measures. */
function runCli(dir, out, bin = path.join(__dirname, "..", "bin", "bieumau.js")) {
  fs.rmSync(out, { force: true });
  const m = runMeasured(process.execPath, [bin, "consolidate", "--json", "-o", out, dir]);
  if (m.status !== 0) throw new Error(`bieumau consolidate failed (${m.status}): ${m.stderr.slice(-2000)}`);
  return { ...m, json: JSON.parse(m.stdout) };
}

/** Rows summed over units whose consolidated value differs from `expected` ([] when all exact). */
function wrongTotals(json, expected) {
  const wrong = [];
  const seen = new Set();
  for (const f of json.forms) {
    for (const r of f.rows) {
      const key = `${f.form}/${r.code}`;
      if (expected[key] === undefined || r.method !== "sum") continue;
      seen.add(key);
      if (r.value !== expected[key]) wrong.push(`${key}: ${r.value} ≠ ${expected[key]}`);
    }
  }
  for (const key of Object.keys(expected)) if (!seen.has(key)) wrong.push(`${key}: không có trong kết quả`);
  return wrong;
}

/** Rows whose consolidated value differs between two runs. */
function differingTotals(a, b) {
  const values = new Map(b.forms.flatMap((f) => f.rows.map((r) => [`${f.form}/${r.code}`, JSON.stringify(r.value)])));
  return a.forms.flatMap((f) =>
    f.rows.filter((r) => values.get(`${f.form}/${r.code}`) !== JSON.stringify(r.value)).map((r) => `${f.form}/${r.code}`),
  );
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

module.exports = {
  TEMPLATE_ID,
  unitValues,
  generateMarkerSet,
  generateContentSet,
  generateOpenpyxlSet,
  expectedSums,
  floor,
  timeFloor,
  timeFloorProcess,
  runMeasured,
  runCli,
  wrongTotals,
  differingTotals,
  median,
};
