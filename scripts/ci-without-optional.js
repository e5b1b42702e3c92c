#!/usr/bin/env node
"use strict";
/**
 * After `npm ci`: removes the root's optional packages (office-addin-debugging)
 * and every package that only they bring, leaving node_modules as npm leaves
 * it on a machine where the optional install failed. CI then runs the tests on
 * that install, so a test can never again pass only because an optional
 * package happened to bring something (fs-extra, for office-addin-manifest).
 *
 * Why not `npm ci --omit=optional`: that also drops the platform bindings
 * that tools declare as *their* optional dependencies (jest's resolver
 * @unrs/resolver-binding-*), which then download themselves from the
 * registry on the first test run: network at test time, and a failure offline.
 *
 *   node scripts/ci-without-optional.js [--dry-run] [--lock package-lock.json]
 */
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.join(__dirname, "..");

function parse(argv) {
  const opts = { dryRun: false, lock: path.join(ROOT, "package-lock.json") };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--dry-run") opts.dryRun = true;
    else if (argv[i] === "--lock") opts.lock = path.resolve(argv[++i]);
  }
  return opts;
}

/** The lockfile path a dependency `name` of the package at `from` resolves to (Node's lookup, upwards). */
function resolve(packages, from, name) {
  for (let dir = from; ;) {
    const candidate = (dir ? `${dir}/` : "") + `node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!dir) return undefined;
    const i = dir.lastIndexOf("/node_modules/");
    dir = i < 0 ? "" : dir.slice(0, i);
  }
}

/** Lockfile paths reachable from the root without the root's optional dependencies. */
function reachable(packages) {
  const root = packages[""];
  const dropped = new Set(Object.keys(root.optionalDependencies ?? {}));
  const seen = new Set([""]);
  const queue = [];
  const visit = (from, deps) => {
    for (const name of Object.keys(deps ?? {})) {
      const at = resolve(packages, from, name);
      if (at && !seen.has(at)) {
        seen.add(at);
        queue.push(at);
      }
    }
  };
  const rootDeps = { ...root.dependencies, ...root.devDependencies, ...root.peerDependencies };
  visit("", Object.fromEntries(Object.entries(rootDeps).filter(([n]) => !dropped.has(n))));
  while (queue.length) {
    const at = queue.shift();
    const p = packages[at];
    visit(at, { ...p.dependencies, ...p.optionalDependencies, ...p.peerDependencies });
  }
  return { seen, dropped };
}

function main() {
  const opts = parse(process.argv.slice(2));
  const lock = JSON.parse(fs.readFileSync(opts.lock, "utf8"));
  const packages = lock.packages;
  if (!packages) throw new Error('package-lock.json v2+ expected (a "packages" map)');
  const { seen, dropped } = reachable(packages);
  // Only what is on disk: bindings for other platforms were never installed.
  const removed = Object.keys(packages).filter(
    (p) => p && !seen.has(p) && !packages[p].link && (opts.dryRun || fs.existsSync(path.join(ROOT, p))),
  );
  for (const p of removed) {
    if (!opts.dryRun) fs.rmSync(path.join(ROOT, p), { recursive: true, force: true });
  }
  process.stdout.write(
    `${opts.dryRun ? "Would remove" : "Removed"} the optional ${[...dropped].join(", ") || "(none)"} (${removed.length} package folder(s) with what only it brings).\n` +
      (opts.dryRun ? removed.map((p) => `  ${p}\n`).join("") : ""),
  );
}

main();
