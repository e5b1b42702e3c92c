#!/usr/bin/env node
"use strict";
/**
 * npm (11.x) leaves out of package-lock.json the platform-specific optional
 * packages that its registry cannot serve (here: most @unrs/resolver-binding-*,
 * pulled in by Jest), and `npm ci` then refuses the lockfile ("Missing: … from
 * lock file"). This adds a stub entry (version, os, cpu, libc, optional) for
 * each: npm ci skips them on other platforms without downloading anything.
 * Run after `npm install` changes the lockfile: `node scripts/fix-lockfile.js`.
 */
const fs = require("node:fs");
const path = require("node:path");

const file = path.join(__dirname, "..", "package-lock.json");
const lock = JSON.parse(fs.readFileSync(file, "utf8"));
const pk = lock.packages;
let added = 0;
for (const [key, entry] of Object.entries(pk)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const target = `node_modules/${name}`;
    const m =
      /-(android|darwin|freebsd|linux|openharmony|win32)-(arm64|arm|x64|ia32|loong64|ppc64|riscv64|s390x)(?:-(gnu|gnueabihf|musl|musleabihf|msvc|eabi))?$/.exec(
        name,
      );
    if (pk[target] || pk[`${key}/${target}`] || !m) continue;
    const stub = { version: version.replace(/^[\^~]/, ""), cpu: [m[2]], optional: true, os: [m[1]] };
    if (m[1] === "linux" && m[3]) stub.libc = [/musl/.test(m[3]) ? "musl" : "glibc"];
    pk[target] = stub;
    added++;
  }
}
const [root, ...rest] = Object.entries(pk);
lock.packages = Object.fromEntries([root, ...rest.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))]);
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + "\n");
console.log(`package-lock.json: ${added} mục nền tảng được bổ sung.`);
