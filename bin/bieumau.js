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
// A reader that stops early (`bieumau validate --json … | head`) closes the pipe:
// stop writing to it and finish quietly, without Node's EPIPE stack trace.
const closed = { out: false, err: false };
const quietOnClosedPipe = (stream, key) =>
  stream.on("error", (e) => {
    if (e && e.code === "EPIPE") closed[key] = true;
    else throw e;
  });
quietOnClosedPipe(process.stdout, "out");
quietOnClosedPipe(process.stderr, "err");
const io = {
  out: (s) => closed.out || process.stdout.write(s),
  err: (s) => closed.err || process.stderr.write(s),
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
