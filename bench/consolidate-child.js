"use strict";
// Runs one end-to-end consolidation in a fresh process and prints its phases and peak memory as JSON.
const fs = require("node:fs");
const { performance } = require("node:perf_hooks");
const { builtinTemplates } = require("../build/catalog");
const { consolidate } = require("../build/core/consolidate");
const { collectUnitFiles, readUnits } = require("../build/node/read-units");
const { writeConsolidationWorkbookAsync } = require("../build/xlsx/write-consolidation");

(async () => {
  const [dir, out] = process.argv.slice(2);
  const templates = builtinTemplates();
  const t0 = performance.now();
  const { files } = collectUnitFiles([dir]);
  const inputs = await readUnits(files, templates);
  const t1 = performance.now();
  const result = consolidate(inputs, templates, {});
  const t2 = performance.now();
  const bytes = await writeConsolidationWorkbookAsync(result, {}); // as the CLI writes it
  fs.writeFileSync(out, bytes);
  const t3 = performance.now();
  process.stdout.write(
    JSON.stringify({
      files: files.length,
      included: result.included.length,
      read: t1 - t0,
      aggregate: t2 - t1,
      write: t3 - t2,
      total: t3 - t0,
      outputBytes: bytes.length,
      peakRssMB: process.resourceUsage().maxRSS / 1024,
    }),
  );
})();
