#!/usr/bin/env node
"use strict";
/**
 * Serves the built task pane (dist/) and the sample unit workbooks over
 * https://localhost:3000 with a development certificate made offline in .certs/.
 * Used by `npm start`, the browser tests and the bench (`startServer`); the
 * server itself is src/node/pane-server.ts (compiled: npm run build), shared
 * with `bieumau serve`.
 */
const path = require("node:path");

const ROOT = path.join(__dirname, "..");
let server;
try {
  server = require("../build/node/pane-server.js");
} catch {
  const message = 'Chưa biên dịch: chạy "npm run build" trước.';
  if (require.main !== module) throw new Error(message);
  console.error(message);
  process.exit(2);
}
const files = server.folderFiles(path.join(ROOT, "dist"), path.join(ROOT, "samples"));

/** Starts the server; `secure: false` serves plain http (tests on 127.0.0.1). */
function startServer({ port = 3000, host = "localhost", secure = true } = {}) {
  return server.startPaneServer({ files, port, host, secure, certDir: path.join(ROOT, ".certs") });
}

module.exports = { startServer, handler: server.paneHandler(files) };

if (require.main === module) {
  startServer().then(
    () => console.log("Đang phục vụ https://localhost:3000/taskpane.html"),
    (e) => {
      console.error(`Không mở được máy chủ: ${e.message}`);
      process.exit(2);
    },
  );
}
