#!/usr/bin/env node
"use strict";
/**
 * Serves the built task pane (dist/) and the sample unit workbooks over
 * https://localhost:3000 with a development certificate made offline.
 * Used by `npm start`; also importable by tests (`startServer`).
 */
const fs = require("node:fs");
const https = require("node:https");
const http = require("node:http");
const path = require("node:path");

const ROOT = path.join(__dirname, "..");
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".png": "image/png",
  ".xml": "application/xml; charset=utf-8",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json",
};

/** A localhost certificate, made once with node's crypto (no network, no system changes). */
async function devCertificate(dir = path.join(ROOT, ".certs")) {
  const key = path.join(dir, "localhost.key");
  const cert = path.join(dir, "localhost.crt");
  if (!fs.existsSync(key) || !fs.existsSync(cert)) {
    const selfsigned = require("selfsigned");
    const pems = await selfsigned.generate([{ name: "commonName", value: "localhost" }], {
      keySize: 2048,
      algorithm: "sha256",
      notAfterDate: new Date(Date.now() + 365 * 24 * 3600 * 1000),
      extensions: [
        { name: "basicConstraints", cA: false },
        { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
        { name: "extKeyUsage", serverAuth: true },
        { name: "subjectAltName", altNames: [{ type: 2, value: "localhost" }, { type: 7, ip: "127.0.0.1" }] },
      ],
    });
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(key, pems.private, { mode: 0o600 });
    fs.writeFileSync(cert, pems.cert);
  }
  return { key: fs.readFileSync(key), cert: fs.readFileSync(cert), certFile: cert };
}

/** Static files: dist/ at the root, samples/ under /samples/, plus a JSON list of the sample unit files. */
function handler(req, res) {
  const url = new URL(req.url, "http://localhost");
  let pathname = decodeURIComponent(url.pathname);
  if (pathname === "/") pathname = "/taskpane.html";
  if (pathname === "/samples/don-vi/index.json") {
    const dir = path.join(ROOT, "samples", "don-vi");
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /\.xlsx?$/i.test(f)).sort() : [];
    res.writeHead(200, { "content-type": TYPES[".json"], "cache-control": "no-store" });
    res.end(JSON.stringify(files));
    return;
  }
  const base = pathname.startsWith("/samples/") ? ROOT : path.join(ROOT, "dist");
  const file = path.normalize(path.join(base, pathname));
  if (!file.startsWith(base) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
    res.end("Không tìm thấy");
    return;
  }
  res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
  fs.createReadStream(file).pipe(res);
}

/** Starts the server; `secure: false` serves plain http (tests on 127.0.0.1). */
async function startServer({ port = 3000, host = "localhost", secure = true } = {}) {
  const server = secure ? https.createServer(await devCertificate(), handler) : http.createServer(handler);
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  return server;
}

module.exports = { startServer, devCertificate, handler };

if (require.main === module) {
  startServer().then(
    () => console.log("Đang phục vụ https://localhost:3000/taskpane.html"),
    (e) => {
      console.error(`Không mở được máy chủ: ${e.message}`);
      process.exit(2);
    },
  );
}
