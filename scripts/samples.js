#!/usr/bin/env node
"use strict";
// The README's main job on bundled data: writes the blank templates into samples/.
const path = require("node:path");
const fs = require("node:fs");
const { main } = require("../build/cli/main.js");

const samples = path.join(__dirname, "..", "samples");
fs.mkdirSync(samples, { recursive: true });
const io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

const jobs = [
  ["template", "--template", "bnv581-tinh", "--unit", "UBND tỉnh Sơn La", "--period", "Quý I năm 2024", "-o", path.join(samples, "bnv581-tinh.xlsx"), "--force"],
  ["template", "--template", "bnv581-xa", "--unit", "UBND xã Lê Hồng", "--period", "Quý I năm 2024", "-o", path.join(samples, "bnv581-xa.xlsx"), "--force"],
];

(async () => {
  for (const args of jobs) {
    const code = await main(args, io);
    if (code !== 0) process.exit(code);
  }
})();
