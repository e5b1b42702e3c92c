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

  // Sideload into Excel where Office is installed (Windows, macOS); nothing to do elsewhere.
  if (process.platform === "win32" || process.platform === "darwin") {
    const debug = spawnSync("npx", ["office-addin-debugging", "start", "manifest.xml", "desktop", "--no-debug"], { cwd: ROOT, stdio: "inherit", shell: true });
    if (debug.status !== 0) console.log("Không nạp được vào Excel tự động: mở Excel > Trang đầu > Bổ trợ > Tải lên bổ trợ, chọn manifest.xml.");
  } else {
    console.log("Máy này không có Excel cho máy tính: dùng chế độ trình duyệt ở trên, hoặc nạp manifest.xml vào Excel trên web (Trang đầu > Bổ trợ > Tải lên bổ trợ).");
  }
  const opener = process.platform === "darwin" ? "open" : process.platform === "win32" ? "start" : process.env.DISPLAY ? "xdg-open" : undefined;
  if (opener && !process.env.CI) spawn(opener, [page], { stdio: "ignore", detached: true, shell: process.platform === "win32" }).on("error", () => undefined).unref();
  console.log("Nhấn Ctrl+C để dừng.");
  process.on("SIGINT", () => server.close(() => process.exit(0)));
})();
