#!/usr/bin/env node
"use strict";
// Thin launcher: the compiled CLI lives in build/ (npm run build).
let cli;
try {
  cli = require("../build/cli/main.js");
} catch (e) {
  process.stderr.write("bieumau: chưa biên dịch; chạy \"npm run build\" trước.\n");
  process.exit(2);
}
const io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  isTTY: Boolean(process.stdout.isTTY),
};
cli.main(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`bieumau: lỗi không mong đợi: ${e && e.message ? e.message.split("\n")[0] : e}\n`);
    process.exitCode = 2;
  },
);
