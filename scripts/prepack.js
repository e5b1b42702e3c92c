#!/usr/bin/env node
"use strict";
/**
 * `npm pack` / `npm publish` run this first (package.json "prepack"): what the
 * package ships and git does not hold.
 *  1. build/  the CLI compiled afresh (tsc; stale files from renamed sources are dropped);
 *  2. dist/   the task pane (webpack, production); with BIEUMAU_REUSE_DIST=1 an existing
 *             dist/ is kept (the package test, after `npm test` has just built it);
 *  3. samples/don-vi/ and samples/danh-sach-xa.txt, the sample unit workbooks (scripts/samples.js).
 */
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.join(__dirname, "..");

function run(label, args, { quiet = false } = {}) {
  process.stderr.write(`prepack: ${label}\n`);
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: quiet ? ["ignore", "ignore", "inherit"] : ["ignore", 2, "inherit"] });
  if (r.status !== 0) {
    process.stderr.write(`prepack: "${label}" thất bại (mã ${r.status ?? r.signal})\n`);
    process.exit(1);
  }
}

fs.rmSync(path.join(ROOT, "build"), { recursive: true, force: true });
run("tsc (build/)", [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"]);
const reuse = process.env.BIEUMAU_REUSE_DIST === "1" && fs.existsSync(path.join(ROOT, "dist", "taskpane.html"));
if (reuse) process.stderr.write("prepack: dùng lại dist/ đã dựng (BIEUMAU_REUSE_DIST=1)\n");
else run("webpack (dist/)", [require.resolve("webpack-cli/bin/cli.js"), "--mode", "production"], { quiet: true });
run("tệp mẫu (samples/)", [path.join(__dirname, "samples.js")], { quiet: true });
