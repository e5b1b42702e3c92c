#!/usr/bin/env node
"use strict";
/**
 * npm run bench — speed figures reported as ratios against baselines measured
 * in the same run (never as timed unit tests).
 *
 * validate: one 7-form commune workbook (the seed's values, as a unit sends it)
 *   load   = our streaming reader (bytes → grid)
 *   base   = exceljs loading the same bytes (the naive way)
 *   check  = locate + validate on the loaded grid (target ≤ 50 ms)
 */
const { performance } = require("node:perf_hooks");
const ExcelJS = require("exceljs");
const { builtinTemplates, findTemplate } = require("../build/catalog");
const { buildTemplateWorkbook } = require("../build/xlsx/write-template");
const { readWorkbookGrid } = require("../build/xlsx/read-grid");
const { checkWorkbook } = require("../build/core/check-workbook");

function timeIt(fn, minMs = 400, minRuns = 5) {
  fn(); // warm up
  const times = [];
  const start = performance.now();
  while (times.length < minRuns || performance.now() - start < minMs) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], runs: times.length };
}

async function timeAsync(fn, runs = 20) {
  await fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], runs };
}

async function sampleWorkbookBytes() {
  const template = findTemplate("bnv581-xa");
  const { workbook, plans } = buildTemplateWorkbook(template, { unit: "UBND xã Lê Hồng", period: "Quý I năm 2024" });
  for (const plan of plans) {
    const ws = workbook.getWorksheet(plan.sheetName);
    plan.form.rows.forEach((row, i) => {
      if (row.kind === "count") ws.getCell(plan.valueCellOf.get(row.id)).value = 10 + i;
    });
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const ms = (x) => `${x.toFixed(2)} ms`;

(async () => {
  const bytes = await sampleWorkbookBytes();
  const templates = builtinTemplates();
  const grid = readWorkbookGrid(bytes);
  const load = timeIt(() => readWorkbookGrid(bytes));
  const check = timeIt(() => checkWorkbook(grid, templates));
  // The same workbook without our hidden marker: forms found by titles, headers, codes and labels.
  const unmarked = { sheets: grid.sheets.map((s) => ({ ...s, rows: s.rows.map((r) => r.slice(0, 5)) })) };
  if (checkWorkbook(unmarked, templates).located.forms[0]?.via !== "content") throw new Error("marker still found");
  // A layout met for the first time (a fresh candidate list has an empty layout cache), and a file of a known layout.
  const checkContentNew = timeIt(() => checkWorkbook(unmarked, [...templates]));
  const checkContent = timeIt(() => checkWorkbook(unmarked, templates));
  const base = await timeAsync(async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes));
  });
  console.log(`validate — one 7-form commune workbook (${(bytes.length / 1024).toFixed(1)} KB)`);
  console.log(`  load (our reader)        ${ms(load.median)}   (median of ${load.runs})`);
  console.log(`  load (exceljs, baseline) ${ms(base.median)}   → ours is ${(base.median / load.median).toFixed(1)}× faster`);
  console.log(
    `  locate + validate        ${ms(check.median)}   by the hidden marker (target ≤ 50 ms: ${check.median <= 50 ? "đạt" : "CHƯA ĐẠT"}; ${(check.median / load.median).toFixed(2)}× the load time)`,
  );
  console.log(
    `  locate + validate        ${ms(checkContentNew.median)}   by content, no marker, a new layout (target ≤ 50 ms: ${checkContentNew.median <= 50 ? "đạt" : "CHƯA ĐẠT"}; ${(checkContentNew.median / load.median).toFixed(2)}× the load time)`,
  );
  console.log(
    `  locate + validate        ${ms(checkContent.median)}   by content, a layout already met (units copy one template: the layout is reused)`,
  );
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
