"use strict";
/**
 * Consolidation at the country's scale: N commune workbooks (default 3,321),
 * end to end, against the floor (unzip + count cells) and a naive baseline
 * (exceljs loading each file whole), all measured in this run.
 */
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const zlib = require("node:zlib");
const { execFileSync } = require("node:child_process");
const { performance } = require("node:perf_hooks");
const ExcelJS = require("exceljs");
const { findTemplate } = require("../build/catalog");
const { writeFilledWorkbook } = require("../build/xlsx/plan-writer");
const { readWorkbookGrid } = require("../build/xlsx/read-grid");

const N = Number(process.env.BENCH_UNITS ?? 3321);
const BASELINE_SAMPLE = Math.min(N, Number(process.env.BENCH_BASELINE_SAMPLE ?? 150));

/** Unit workbooks with varied, consistent values (the shape of a real commune report). */
function generate(dir, n) {
  const marker = path.join(dir, `.generated-${n}-v1`);
  if (fs.existsSync(marker)) return;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const t = findTemplate("bnv581-xa");
  for (let i = 0; i < n; i++) {
    const v = {};
    for (const f of t.forms) {
      for (const r of f.rows) {
        const key = `${f.number}/${r.code}`;
        if (r.kind === "count" && !r.sum) v[key] = r.aggregate === "same" ? 139 : ((i * 7 + f.rows.indexOf(r) * 13) % 50) + 50;
        else if (r.kind === "coded") v[key] = (i + f.number) % 2;
        else if (r.kind === "percent") v[key] = (i % 5) * 20;
        else if (r.kind === "money") v[key] = 1000 + (i % 97);
      }
      // parts ≤ wholes, numerators ≤ denominators
      for (const r of f.rows) {
        if (r.ratio) v[`${f.number}/${r.ratio.numerator}`] = Math.min(v[`${f.number}/${r.ratio.numerator}`] ?? 0, v[`${f.number}/${r.ratio.denominator}`] ?? 0);
        for (const c of r.checks ?? []) if (c.rule === "le") for (const p of c.parts) v[`${f.number}/${p}`] = Math.floor((v[`${f.number}/${r.code}`] ?? 0) / (c.parts.length + 1));
        for (const c of r.checks ?? []) if (c.rule === "eq") v[`${f.number}/${r.code}`] = c.parts.reduce((a, p) => a + (v[`${f.number}/${p}`] ?? 0), 0);
      }
    }
    fs.writeFileSync(path.join(dir, `xa-${String(i + 1).padStart(4, "0")}.xlsx`), writeFilledWorkbook(t, { unit: `UBND xã Số ${i + 1}`, period: "Quý I năm 2025" }, v));
  }
  fs.writeFileSync(marker, "");
}

/** The floor: find each file's sheet and shared-strings entries, inflate them with zlib, count cells. */
function floor(files) {
  let cells = 0;
  for (const f of files) {
    const buf = fs.readFileSync(f);
    const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const count = buf.readUInt16LE(eocd + 10);
    let p = buf.readUInt32LE(eocd + 16);
    for (let i = 0; i < count; i++) {
      const method = buf.readUInt16LE(p + 10);
      const csize = buf.readUInt32LE(p + 20);
      const nlen = buf.readUInt16LE(p + 28);
      const xlen = buf.readUInt16LE(p + 30);
      const clen = buf.readUInt16LE(p + 32);
      const local = buf.readUInt32LE(p + 42);
      const name = buf.toString("utf8", p + 46, p + 46 + nlen);
      if (/^xl\/(worksheets\/sheet\d+|sharedStrings)\.xml$/.test(name)) {
        const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
        const data = buf.subarray(start, start + csize);
        const xml = (method === 8 ? zlib.inflateRawSync(data) : data).toString("latin1");
        for (let k = xml.indexOf("<c "); k !== -1; k = xml.indexOf("<c ", k + 3)) cells++;
      }
      p += 46 + nlen + xlen + clen;
    }
  }
  return cells;
}

async function baseline(files) {
  let cells = 0;
  for (const f of files) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(f));
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell(() => cells++)));
  }
  return cells;
}

const s = (ms) => `${(ms / 1000).toFixed(2)} s`;

(async () => {
  const dir = path.join(os.tmpdir(), `bieumau-bench-${N}`);
  let t = performance.now();
  generate(dir, N);
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".xlsx")).map((f) => path.join(dir, f));
  const totalBytes = files.reduce((a, f) => a + fs.statSync(f).size, 0);
  console.log(`consolidate — ${N} commune workbooks, ${(totalBytes / 1048576).toFixed(1)} MB (generated in ${s(performance.now() - t)}, reused when present)`);

  floor(files.slice(0, 50)); // warm the page cache and zlib
  t = performance.now();
  const floorCells = floor(files);
  const floorMs = performance.now() - t;

  t = performance.now();
  for (const f of files) readWorkbookGrid(fs.readFileSync(f));
  const readerMs = performance.now() - t;

  const out = path.join(dir, "..", `bieumau-bench-${N}-out.xlsx`);
  const child = JSON.parse(execFileSync(process.execPath, [path.join(__dirname, "consolidate-child.js"), dir, out], { encoding: "utf8", maxBuffer: 1 << 20 }));

  t = performance.now();
  const sample = files.slice(0, BASELINE_SAMPLE);
  await baseline(sample);
  const baseMs = ((performance.now() - t) / sample.length) * files.length;

  console.log(`  end to end (read, locate, validate, aggregate, write): ${s(child.total)}  = ${(N / (child.total / 1000)).toFixed(0)} files/s   (target ≤ 10 s: ${child.total <= 10000 ? "đạt" : "CHƯA ĐẠT"})`);
  console.log(`    read + locate + validate (${os.availableParallelism?.() ?? os.cpus().length} cores): ${s(child.read)}   aggregate: ${s(child.aggregate)}   write ${(child.outputBytes / 1048576).toFixed(1)} MB workbook: ${s(child.write)}`);
  console.log(`    peak memory (RSS): ${child.peakRssMB.toFixed(0)} MB   (target ≤ 1024 MB: ${child.peakRssMB <= 1024 ? "đạt" : "CHƯA ĐẠT"})`);
  console.log(`  floor (zlib unzip of sheets + shared strings, count ${floorCells} cells, 1 core): ${s(floorMs)}`);
  console.log(`  our reader alone (bytes → grid, same files, 1 core): ${s(readerMs)}   reader / floor = ${(readerMs / floorMs).toFixed(2)}×   (target ≤ 4×: ${readerMs / floorMs <= 4 ? "đạt" : "CHƯA ĐẠT"})`);
  console.log(`    read + locate + validate + SHA-256 in the end-to-end run / floor = ${(child.read / floorMs).toFixed(2)}×`);
  console.log(`  naive baseline (exceljs loads each file whole, reads every cell; ${sample.length} files timed, scaled to ${N}): ${s(baseMs)}`);
  console.log(`    end to end is ${(baseMs / child.total).toFixed(1)}× faster than the baseline's reading alone`);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
