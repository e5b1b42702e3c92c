#!/usr/bin/env node
"use strict";
/**
 * `npm start`: the main job on the bundled sample data (CLI), then the add-in:
 * serves the built task pane on https://localhost:3000, sideloads it into
 * Excel where one is installed, and prints (and opens, where a desktop exists)
 * the browser-mode page preloaded with the sample unit workbooks.
 */
const { spawnSync, spawn } = require("node:child_process");
const path = require("node:path");
const fs = require("node:fs");
const { startServer } = require("./serve");

const ROOT = path.join(__dirname, "..");
const run = (cmd, args) => spawnSync(cmd, args, { cwd: ROOT, stdio: "inherit" }).status ?? 1;

/** The office-addin-debugging command-line script, or undefined when the optional package is not installed. */
function findSideloader(root = ROOT) {
  // Node's own lookup: node_modules of this folder, then of each parent.
  for (let dir = path.resolve(root); ; dir = path.dirname(dir)) {
    const pkgFile = path.join(dir, "node_modules", "office-addin-debugging", "package.json");
    if (fs.existsSync(pkgFile)) {
      try {
        const bin = JSON.parse(fs.readFileSync(pkgFile, "utf8")).bin;
        const rel = typeof bin === "string" ? bin : bin && bin["office-addin-debugging"];
        return rel ? path.join(fs.realpathSync(path.dirname(pkgFile)), rel) : undefined;
      } catch {
        return undefined;
      }
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

const MANUAL = "mở Excel > Trang đầu > Bổ trợ > Tải lên bổ trợ, chọn manifest.xml";

/**
 * Sideloads the add-in into desktop Excel (Windows, macOS) with the optional
 * office-addin-debugging package; says in Vietnamese what to do when it is
 * absent (installed with --omit=optional, or its install failed) or fails.
 * Never reaches the network (no npx download).
 */
function sideload({
  platform,
  log,
  find = findSideloader,
  run = (cli) =>
    spawnSync(process.execPath, [cli, "start", "manifest.xml", "desktop", "--no-debug"], { cwd: ROOT, stdio: "inherit" }).status,
}) {
  if (platform !== "win32" && platform !== "darwin") {
    log(
      "Máy này không có Excel cho máy tính: dùng chế độ trình duyệt ở trên, hoặc nạp manifest.xml vào Excel trên web (Trang đầu > Bổ trợ > Tải lên bổ trợ).",
    );
    return "no-desktop";
  }
  const cli = find();
  if (!cli) {
    log(
      `Không tự nạp được vào Excel: chưa cài gói tùy chọn office-addin-debugging (máy cài bằng "npm ci --omit=optional", hoặc gói này cài không thành công). Cách làm: ${MANUAL}; hoặc cài gói đó bằng "npm install office-addin-debugging" rồi chạy lại npm start.`,
    );
    return "absent";
  }
  if (run(cli) !== 0) {
    log(`Không nạp được vào Excel tự động: ${MANUAL}.`);
    return "failed";
  }
  return "loaded";
}

module.exports = { sideload, findSideloader };

if (require.main === module)
  (async () => {
    const samples = run(process.execPath, [path.join(__dirname, "samples.js")]);
    if (samples !== 0 && samples !== 1) process.exit(samples);
    if (!fs.existsSync(path.join(ROOT, "dist", "taskpane.html"))) {
      console.error("Chưa có bản dựng giao diện (dist/): chạy npm run build:web");
      process.exit(2);
    }
    let server;
    try {
      server = await startServer();
    } catch (e) {
      console.error(`Không mở được https://localhost:3000 (${e.code === "EADDRINUSE" ? "cổng 3000 đang được dùng" : e.message}).`);
      process.exit(2);
    }
    const page = "https://localhost:3000/taskpane.html?samples=1";
    console.log("\nNgăn tác vụ Biểu mẫu CCHC đang chạy tại https://localhost:3000 (chứng chỉ phát triển trong .certs/).");
    console.log(`Chế độ trình duyệt, có sẵn các tệp đơn vị mẫu: ${page}`);

    sideload({ platform: process.platform, log: (m) => console.log(m) });
    const opener =
      process.platform === "darwin" ? "open" : process.platform === "win32" ? "start" : process.env.DISPLAY ? "xdg-open" : undefined;
    if (opener && !process.env.CI)
      spawn(opener, [page], { stdio: "ignore", detached: true, shell: process.platform === "win32" })
        .on("error", () => undefined)
        .unref();
    console.log("Nhấn Ctrl+C để dừng.");
    process.on("SIGINT", () => server.close(() => process.exit(0)));
  })();
