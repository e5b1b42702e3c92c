"use strict";
/**
 * CPU of checking unit workbooks as consolidation does (checkWorkbook + unitData, app/unit-source.ts
 * unitInputFromGrid), without reading them, on one thread:
 *   node --expose-gc bench/check-units.js BUILD_DIR UNITS_DIR
 * "real": each file read (untimed), a minor GC (untimed, so that promoting the grid just read is not
 * charged to checking), then checked; summed over the files, JIT warm-up and per-file texts included.
 * "steady": all grids read first, then checked again and again: min over passes 2-4.
 * Compare two builds interleaved (A B A B …): the machine's load moves both numbers a lot.
 */
const fs = require("node:fs");
const path = require("node:path");

const [build, dir] = process.argv.slice(2).map((p) => path.resolve(p));
const { loadWorkbookBytes } = require(`${build}/node/load-workbook`);
const { builtinTemplates } = require(`${build}/catalog`);
const { unitInputFromGrid } = require(`${build}/app/unit-source`);
const templates = builtinTemplates();
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".xlsx"))
  .sort();
const read = (f) => loadWorkbookBytes(fs.readFileSync(path.join(dir, f))).grid;
const check = (grid, f) => unitInputFromGrid({ file: f, size: 1 }, "-", grid, templates, true);
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

let real = 0;
for (const f of files) {
  const grid = read(f);
  global.gc({ type: "minor" });
  const t0 = cpu();
  check(grid, f);
  real += cpu() - t0;
}
const grids = files.map(read);
const passes = [];
for (let p = 0; p < 4; p++) {
  const t0 = cpu();
  grids.forEach((g, i) => check(g, files[i]));
  passes.push(cpu() - t0);
}
console.log(`${files.length} files: real ${Math.round(real)} ms CPU, steady ${Math.round(Math.min(...passes.slice(1)))} ms CPU`);
