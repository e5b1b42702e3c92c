#!/usr/bin/env node
"use strict";
// Thin launcher: the compiled CLI lives in build/ (npm run build). Also the entry
// of the single executable (npm run dist), where everything is bundled into one file.
let cli;
try {
  // The V8 code cache of the compiled modules (src/node/compile-cache.ts): a faster start.
  require("../build/node/compile-cache.js").useCompileCache();
} catch {
  // not built yet (said below), or no cache: the modules are compiled as usual
}
try {
  cli = require("../build/cli/main.js");
} catch (e) {
  process.stderr.write('bieumau: chưa biên dịch; chạy "npm run build" trước.\n');
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
const args = process.argv.slice(2);
// A folder dropped onto bieumau.exe opens a console window that closes when the
// program ends: keep it open until the officer has read the summary.
const keepWindow = process.platform === "win32" && Boolean(process.stdin.isTTY) && Boolean(cli.droppedFolderArgs(args, []));
const waitForEnter = () =>
  new Promise((resolve) => {
    process.stdout.write("\nNhấn Enter để đóng cửa sổ.\n");
    process.stdin.once("data", resolve).resume();
  });
cli.main(args, io).then(
  async (code) => {
    process.exitCode = code;
    if (keepWindow) {
      await waitForEnter();
      process.stdin.pause();
    }
  },
  (e) => {
    process.stderr.write(`bieumau: lỗi không mong đợi: ${e && e.message ? e.message.split("\n")[0] : e}\n`);
    process.exitCode = 2;
  },
);
