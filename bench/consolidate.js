"use strict";
/**
 * Consolidation at the country's scale: N commune workbooks (default 3,321), end to end by the
 * real CLI process (`bieumau consolidate --json -o out.xlsx DIR`), against the floor (zlib unzip
 * of each sheet + shared strings, count cells: bench/floor.js) measured in the same run, on two sets,
 * three with openpyxl. The floor is measured two ways: as its own process (`node bench/floor.js DIR`,
 * as the issue measured it: whole process, like the CLI; the target ratio) and inside this process after
 * a warm-up (no start-up, no listing: stricter, reported beside it).
 *  - marker:  workbooks our writer made (hidden marker column: exact locating);
 *  - content: workbooks exceljs wrote, no marker, seven forms stacked on one sheet (located by content);
 *  - blanks: the same with about one value in twenty left blank in each unit (officers leave cells empty);
 *  - openpyxl (when python3 has openpyxl): the content set opened and saved by openpyxl (inline strings,
 *    every Vietnamese letter as &#NNNN;), as officers' scripts write them.
 * Each set is measured BENCH_REPEAT times (default 3) and the medians reported; totals are checked exact.
 * Baselines: exceljs loading each file whole (sampled), and an openpyxl read-only script when
 * python3 has openpyxl.
 */
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { execFileSync, spawnSync } = require("node:child_process");
const { performance } = require("node:perf_hooks");
const ExcelJS = require("exceljs");
const { readWorkbookGrid } = require("../build/xlsx/read-grid");
const U = require("./units");

const N = Number(process.env.BENCH_UNITS ?? 3321);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
/** Another build's CLI (e.g. before a change) run beside ours on the content and openpyxl sets, for a before/after ratio in one run. */
const COMPARE_BIN = process.env.BENCH_COMPARE_BIN;
const BASELINE_SAMPLE = Math.min(N, Number(process.env.BENCH_BASELINE_SAMPLE ?? 150));

async function exceljsBaseline(files) {
  let cells = 0;
  for (const f of files) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(f));
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell(() => cells++)));
  }
  return cells;
}

const hasOpenpyxl = () => spawnSync("python3", ["-c", "import openpyxl"], { stdio: "ignore" }).status === 0;

function openpyxlRun(dir) {
  const m = U.runMeasured("python3", [path.join(__dirname, "openpyxl-sum.py"), dir]);
  if (m.status !== 0) throw new Error(`openpyxl script failed: ${m.stderr.slice(-1000)}`);
  return m;
}

const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
const xs = (a, b) => `${(a / b).toFixed(2)}×`;

function measureSet(name, dir, files, withOpenpyxl) {
  const runs = [];
  for (let k = 0; k < REPEAT; k++) {
    const floor = U.timeFloor(files);
    const floorProcess = U.timeFloorProcess(dir);
    const cli = U.runCli(dir, path.join(os.tmpdir(), `bieumau-bench-${name}-${N}-out.xlsx`));
    const py = withOpenpyxl ? openpyxlRun(dir) : undefined;
    const other =
      COMPARE_BIN && name !== "marker"
        ? U.runCli(dir, path.join(os.tmpdir(), `bieumau-bench-compare-${name}-${N}-out.xlsx`), COMPARE_BIN)
        : undefined;
    runs.push({
      floor,
      floorProcess,
      cli,
      py,
      other,
      ratio: cli.wallMs / floorProcess.ms,
      cpuRatio: (cli.cpuS * 1000) / floorProcess.cpuMs,
      inProcessRatio: cli.wallMs / floor.ms,
      pyRatio: py ? py.wallMs / cli.wallMs : undefined,
    });
  }
  const med = (f) => U.median(runs.map(f));
  return {
    runs,
    json: runs[runs.length - 1].cli.json,
    floorMs: med((r) => r.floor.ms),
    floorProcessMs: med((r) => r.floorProcess.ms),
    floorProcessCpuMs: med((r) => r.floorProcess.cpuMs),
    cells: runs[0].floor.cells,
    wallMs: med((r) => r.cli.wallMs),
    cpuS: med((r) => r.cli.cpuS),
    peakMB: Math.max(...runs.map((r) => r.cli.peakMB)),
    ratio: med((r) => r.ratio),
    floorCpuMs: med((r) => r.floor.cpuMs),
    cpuRatio: med((r) => r.cpuRatio),
    inProcessRatio: med((r) => r.inProcessRatio),
    other: runs[0].other
      ? {
          wallMs: med((r) => r.other.wallMs),
          cpuS: med((r) => r.other.cpuS),
          peakMB: Math.max(...runs.map((r) => r.other.peakMB)),
          wallRatio: med((r) => r.other.wallMs / r.cli.wallMs),
          cpuRatio: med((r) => r.other.cpuS / r.cli.cpuS),
          json: runs[0].other.json,
        }
      : undefined,
    pyMs: withOpenpyxl ? med((r) => r.py.wallMs) : undefined,
    pyRatio: withOpenpyxl ? med((r) => r.pyRatio) : undefined,
  };
}

function report(title, m) {
  console.log(`  ${title}`);
  for (const [i, r] of m.runs.entries()) {
    console.log(
      `    run ${i + 1}: floor ${s(r.floorProcess.ms)} as a process (${s(r.floorProcess.cpuMs)} CPU), ${s(r.floor.ms)} in-process · CLI ${s(r.cli.wallMs)} wall, ${r.cli.cpuS.toFixed(2)} s CPU, ${r.cli.peakMB.toFixed(0)} MB → ${xs(r.cli.wallMs, r.floorProcess.ms)} the floor (in-process ${xs(r.cli.wallMs, r.floor.ms)}; CPU ${xs(r.cli.cpuS * 1000, r.floorProcess.cpuMs)})` +
        (r.py ? ` · openpyxl ${s(r.py.wallMs)} → CLI ${xs(r.py.wallMs, r.cli.wallMs)} faster` : "") +
        (r.other ? ` · compared build ${s(r.other.wallMs)} wall, ${r.other.cpuS.toFixed(2)} s CPU` : ""),
    );
  }
  console.log(
    `    median: end to end ${s(m.wallMs)} (${m.cpuS.toFixed(2)} s CPU) = ${(N / (m.wallMs / 1000)).toFixed(0)} files/s; floor as a process ${s(m.floorProcessMs)} (${s(m.floorProcessCpuMs)} CPU), in-process ${s(m.floorMs)} (${s(m.floorCpuMs)} CPU; ${m.cells} cells, 1 core)`,
  );
  console.log(
    `    ratio to the floor (both whole processes, as the issue measured): wall ${m.ratio.toFixed(2)}× (target ≤ 5×: ${m.ratio <= 5 ? "đạt" : "CHƯA ĐẠT"}); CPU ${m.cpuRatio.toFixed(2)}× (all cores' CPU over the floor's, steadier when the machine is loaded); to the in-process floor ${m.inProcessRatio.toFixed(2)}× (stricter: the floor without start-up or listing)`,
  );
  if (m.other)
    console.log(
      `    compared build (${COMPARE_BIN}): ${s(m.other.wallMs)} wall, ${m.other.cpuS.toFixed(2)} s CPU, ${m.other.peakMB.toFixed(0)} MB → this build is ${m.other.wallRatio.toFixed(2)}× faster (wall), ${m.other.cpuRatio.toFixed(2)}× less CPU; totals ${U.differingTotals(m.json, m.other.json).length === 0 ? "identical" : "DIFFER"}`,
    );
  console.log(`    peak memory (RSS, highest run): ${m.peakMB.toFixed(0)} MB (target ≤ 1024 MB: ${m.peakMB <= 1024 ? "đạt" : "CHƯA ĐẠT"})`);
  if (m.pyMs !== undefined)
    console.log(
      `    openpyxl read-only script (sums column D): median ${s(m.pyMs)} → the CLI is ${m.pyRatio.toFixed(1)}× faster (goal ≥ 6×: ${m.pyRatio >= 6 ? "đạt" : "CHƯA ĐẠT"})`,
    );
}

(async () => {
  const markerDir = path.join(os.tmpdir(), `bieumau-bench-${N}`);
  const contentDir = path.join(os.tmpdir(), `bieumau-bench-content-${N}`);
  let t = performance.now();
  U.generateMarkerSet(markerDir, N);
  await U.generateContentSet(contentDir, N);
  const list = (dir) =>
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".xlsx"))
      .map((f) => path.join(dir, f));
  const markerFiles = list(markerDir);
  const contentFiles = list(contentDir);
  const mb = (files) => (files.reduce((a, f) => a + fs.statSync(f).size, 0) / 1048576).toFixed(1);
  console.log(
    `consolidate — ${N} commune workbooks per set (generated in ${s(performance.now() - t)}, reused when present); ${os.availableParallelism?.() ?? os.cpus().length} cores, load average ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(" ")}`,
  );
  console.log(
    `  end to end = the CLI process \`bieumau consolidate --json -o out.xlsx DIR\` (read, locate, validate, aggregate, write); ${REPEAT} runs each, medians`,
  );

  const withPy = hasOpenpyxl();
  const marker = measureSet("marker", markerDir, markerFiles, false);
  report(`marker set (our writer, hidden marker; ${mb(markerFiles)} MB)`, marker);
  const content = measureSet("content", contentDir, contentFiles, withPy);
  report(`content-located set (exceljs, no marker, 7 forms stacked on sheet "Bieu mau", shared strings; ${mb(contentFiles)} MB)`, content);
  const blanksDir = path.join(os.tmpdir(), `bieumau-bench-blanks-${N}`);
  await U.generateContentSet(blanksDir, N, true);
  const blanksFiles = list(blanksDir);
  const blanks = measureSet("blanks", blanksDir, blanksFiles, withPy);
  report(`the content set with blanks (each unit leaves about one value in twenty empty; ${mb(blanksFiles)} MB)`, blanks);
  if (!withPy)
    console.log(
      "    openpyxl: bỏ qua — python3 không có openpyxl (pip install openpyxl, hoặc PYTHONPATH=<thư mục có openpyxl và et_xmlfile>)",
    );
  let openpyxlSet;
  if (withPy) {
    // The same workbooks as another program writes them: openpyxl's inline strings and &#NNNN; letters.
    const dir = path.join(os.tmpdir(), `bieumau-bench-openpyxl-${N}`);
    U.generateOpenpyxlSet(contentDir, dir, N);
    const files = list(dir);
    openpyxlSet = measureSet("openpyxl", dir, files, true);
    report(`openpyxl set (the content set opened and saved by openpyxl: inline strings, letters as &#NNNN;; ${mb(files)} MB)`, openpyxlSet);
  }

  const expected = U.expectedSums(N);
  const wrong = U.wrongTotals(content.json, expected);
  const differ = U.differingTotals(content.json, marker.json);
  const included = content.json.units.filter((u) => u.status === "ok" || u.status === "errors").length;
  console.log(
    `  totals: content set ${wrong.length === 0 ? "exact" : `WRONG (${wrong.slice(0, 5).join("; ")})`} on ${Object.keys(expected).length} summed rows; ${included}/${N} units included; same as the marker set on every row: ${differ.length === 0 ? "yes" : `NO (${differ.slice(0, 8).join(", ")})`}`,
  );
  if (wrong.length || differ.length || included !== N) process.exitCode = 1;
  const wrongBlanks = U.wrongTotals(blanks.json, U.expectedSums(N, true));
  const includedBlanks = blanks.json.units.filter((u) => u.status === "ok" || u.status === "errors").length;
  console.log(
    `  totals: set with blanks ${wrongBlanks.length === 0 ? "exact" : `WRONG (${wrongBlanks.slice(0, 5).join("; ")})`} (blank values not counted); ${includedBlanks}/${N} units included`,
  );
  if (wrongBlanks.length || includedBlanks !== N) process.exitCode = 1;
  if (openpyxlSet) {
    const wrongPy = U.wrongTotals(openpyxlSet.json, expected);
    const includedPy = openpyxlSet.json.units.filter((u) => u.status === "ok" || u.status === "errors").length;
    console.log(
      `  totals: openpyxl set ${wrongPy.length === 0 ? "exact" : `WRONG (${wrongPy.slice(0, 5).join("; ")})`}; ${includedPy}/${N} units included`,
    );
    if (wrongPy.length || includedPy !== N) process.exitCode = 1;
  }

  // Where the time goes (content set, in-process phases) and the reader alone.
  const child = JSON.parse(
    execFileSync(
      process.execPath,
      [path.join(__dirname, "consolidate-child.js"), contentDir, path.join(os.tmpdir(), `bieumau-bench-child-${N}.xlsx`)],
      { encoding: "utf8", maxBuffer: 1 << 20 },
    ),
  );
  console.log(
    `  content set, in-process phases: read + locate + validate ${s(child.read)} · aggregate ${s(child.aggregate)} · write ${(child.outputBytes / 1048576).toFixed(1)} MB workbook ${s(child.write)}`,
  );
  t = performance.now();
  for (const f of contentFiles) readWorkbookGrid(fs.readFileSync(f));
  const readerMs = performance.now() - t;
  const floorNow = U.timeFloor(contentFiles).ms;
  console.log(
    `  our reader alone (bytes → grid, content set, 1 core): ${s(readerMs)}; floor just before ${s(floorNow)} → ${xs(readerMs, floorNow)} (target ≤ 4×: ${readerMs / floorNow <= 4 ? "đạt" : "CHƯA ĐẠT"})`,
  );

  t = performance.now();
  const sample = contentFiles.slice(0, BASELINE_SAMPLE);
  await exceljsBaseline(sample);
  const baseMs = ((performance.now() - t) / sample.length) * contentFiles.length;
  console.log(
    `  naive baseline (exceljs loads each file whole, reads every cell; ${sample.length} files timed, scaled to ${N}): ${s(baseMs)} → the CLI end to end is ${xs(baseMs, content.wallMs)} faster than its reading alone`,
  );
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
