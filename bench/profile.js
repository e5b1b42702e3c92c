"use strict";
/**
 * Where the CPU goes when consolidating by content, on one thread (no workers):
 *   node --cpu-prof --cpu-prof-dir=DIR bench/profile.js UNITS_DIR [LIMIT]
 *   node bench/profile.js --top N FILE.cpuprofile…   → the top N functions by self time, over all the
 *   profiles given (a CLI run with --cpu-prof writes one per thread)
 */
const fs = require("node:fs");
const path = require("node:path");

function top(files, n) {
  const self = new Map();
  let total = 0;
  for (const file of files) {
    const prof = JSON.parse(fs.readFileSync(file, "utf8"));
    const dt = new Map();
    prof.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
    for (const node of prof.nodes) {
      const t = dt.get(node.id) ?? 0;
      total += t;
      const f = node.callFrame;
      const key = `${f.functionName || "(anonymous)"} ${f.url ? path.basename(f.url) : ""}${f.url ? `:${f.lineNumber + 1}` : ""}`;
      self.set(key, (self.get(key) ?? 0) + t);
    }
  }
  const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, n);
  console.log(`total ${(total / 1e6).toFixed(2)} s sampled`);
  for (const [k, t] of rows) console.log(`${(t / 1e3).toFixed(0).padStart(7)} ms  ${((100 * t) / total).toFixed(1).padStart(5)}%  ${k}`);
}

if (process.argv[2] === "--top") {
  top(process.argv.slice(4), Number(process.argv[3]));
} else {
  const build = process.env.BUILD_DIR ?? path.join(__dirname, "..", "build");
  const { builtinTemplates } = require(`${build}/catalog`);
  const { consolidate } = require(`${build}/core/consolidate`);
  const { readUnitFile } = require(`${build}/node/read-unit`);
  const { writeConsolidationWorkbook } = require(`${build}/xlsx/write-consolidation`);
  const dir = process.argv[2];
  const limit = Number(process.argv[3] ?? Infinity);
  const templates = builtinTemplates();
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".xlsx"))
    .slice(0, limit);
  const cpu = () => process.cpuUsage().user / 1000 + process.cpuUsage().system / 1000;
  const t0 = cpu();
  const inputs = files.map((f) => readUnitFile(path.join(dir, f), f, templates));
  const t1 = cpu();
  const result = consolidate(inputs, templates, {});
  writeConsolidationWorkbook(result, {});
  console.log(
    `${files.length} files, CPU time: read + locate + validate ${(t1 - t0).toFixed(0)} ms, aggregate + write ${(cpu() - t1).toFixed(0)} ms`,
  );
}
