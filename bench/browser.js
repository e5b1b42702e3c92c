"use strict";
/**
 * The task pane's size and browser-mode speed:
 *  - first-load JavaScript (gzipped) of the built task pane, exceljs in its lazy chunk (target ≤ 350 KB);
 *  - consolidating 200 commune workbooks (our writer) and 500 located by content (exceljs, no
 *    marker, stacked) in browser mode in headless Chromium (seconds), next to the same
 *    consolidation by the CLI in this run.
 */
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const zlib = require("node:zlib");
const { execFileSync } = require("node:child_process");
const { performance } = require("node:perf_hooks");
const { chromium } = require("playwright-core");
const { startServer } = require("../scripts/serve.js");
const { findTemplate } = require("../build/catalog");
const { writeFilledWorkbook } = require("../build/xlsx/plan-writer");
const { generateContentSet } = require("./units");

const N = Number(process.env.BENCH_BROWSER_UNITS ?? 200);
const CONTENT_N = Number(process.env.BENCH_BROWSER_CONTENT_UNITS ?? 500);
const dist = path.join(__dirname, "..", "dist");

function bundleSizes() {
  const html = fs.readFileSync(path.join(dist, "taskpane.html"), "utf8");
  const initial = [...html.matchAll(/<script[^>]+src="?([^"\s>]+\.js)/g)].map((m) => m[1]).filter((s) => !/^https?:/.test(s));
  const gz = (f) => zlib.gzipSync(fs.readFileSync(path.join(dist, f)), { level: 9 }).length;
  const all = fs.readdirSync(dist).filter((f) => f.endsWith(".js"));
  return {
    initial: initial.map((f) => ({ file: f, gz: gz(f) })),
    lazy: all.filter((f) => !initial.includes(f)).map((f) => ({ file: f, gz: gz(f) })),
  };
}

function units(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const t = findTemplate("bnv581-xa");
  const files = [];
  for (let i = 0; i < N; i++) {
    const v = {};
    for (const f of t.forms)
      for (const r of f.rows) if (r.kind === "count" && !r.sum && !r.checks) v[`${f.number}/${r.code}`] = (i * 3 + f.rows.indexOf(r)) % 40;
    const file = path.join(dir, `xa-${String(i + 1).padStart(3, "0")}.xlsx`);
    fs.writeFileSync(file, writeFilledWorkbook(t, { unit: `UBND xã Số ${i + 1}` }, v));
    files.push(file);
  }
  return files;
}

/** Consolidates `files` in the page (browser mode) and, for comparison, with the CLI; seconds. */
async function consolidateInPage(page, files, dir) {
  const n = files.length;
  await page.click('[data-testid="tab-consolidate"]');
  await page.setInputFiles('[data-testid="consolidate-files"]', files);
  await page.waitForSelector(`[data-testid="consolidate-count"][data-count="${n}"]`, { timeout: 120000 });
  let t = performance.now();
  await page.click('[data-testid="consolidate-run"]');
  await page.waitForSelector(`[data-testid="consolidate-progress"][data-done="${n}"]`, { timeout: 600000 });
  await page.waitForSelector('[data-testid="consolidate-write"]:not([disabled])', { timeout: 600000 });
  const read = performance.now() - t;
  const [download] = await Promise.all([
    page.waitForEvent("download", { timeout: 600000 }),
    page.click('[data-testid="consolidate-write"]'),
  ]);
  await download.path();
  const total = performance.now() - t;
  const out = path.join(dir, "..", `${path.basename(dir)}-cli.xlsx`);
  t = performance.now();
  execFileSync(process.execPath, [path.join(__dirname, "..", "bin", "bieumau.js"), "consolidate", dir, "-o", out, "--force"], {
    stdio: "ignore",
  });
  const cli = performance.now() - t;
  return { read, total, cli };
}

function report(title, n, ready, r) {
  console.log(`browser mode (headless Chromium), ${title}`);
  if (ready !== undefined) console.log(`  page ready in browser mode: ${(ready / 1000).toFixed(2)} s`);
  console.log(
    `  read + check all files: ${(r.read / 1000).toFixed(2)} s (${(n / (r.read / 1000)).toFixed(0)} files/s);  with the consolidated workbook written and downloaded: ${(r.total / 1000).toFixed(2)} s`,
  );
  console.log(
    `  the CLI on the same files (process start included): ${(r.cli / 1000).toFixed(2)} s  → browser / CLI = ${(r.total / r.cli).toFixed(1)}×`,
  );
}

(async () => {
  const sizes = bundleSizes();
  const initialKB = sizes.initial.reduce((a, x) => a + x.gz, 0) / 1024;
  console.log("task pane bundle");
  console.log(`  first-load JavaScript (gzip): ${initialKB.toFixed(1)} KB   (target ≤ 350 KB: ${initialKB <= 350 ? "đạt" : "CHƯA ĐẠT"})`);
  for (const x of sizes.lazy) {
    const when = x.file.startsWith("legacy") ? "an .xls or .ods file is opened" : "a template is built in the browser";
    console.log(`  lazy chunk ${x.file}: ${(x.gz / 1024).toFixed(1)} KB gzip (loaded only when ${when})`);
  }

  const dir = path.join(os.tmpdir(), `bieumau-bench-browser-${N}`);
  const files = units(dir);
  const contentDir = path.join(os.tmpdir(), `bieumau-bench-browser-content-${CONTENT_N}`);
  await generateContentSet(contentDir, CONTENT_N);
  const contentFiles = fs
    .readdirSync(contentDir)
    .filter((f) => f.endsWith(".xlsx"))
    .map((f) => path.join(contentDir, f));
  const server = await startServer({ secure: false, host: "127.0.0.1", port: 0 });
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--headless",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
  try {
    const open = async () => {
      const page = await browser.newPage({ viewport: { width: 360, height: 900 }, acceptDownloads: true });
      await page.route("https://appsforoffice.microsoft.com/**", (r) => r.abort());
      const t = performance.now();
      await page.goto(`${base}/taskpane.html`);
      await page.waitForSelector('[data-testid="host-mode"][data-mode="browser"]', { timeout: 30000 });
      return { page, ready: performance.now() - t };
    };
    const first = await open();
    report(`${N} commune workbooks (our writer, hidden marker)`, N, first.ready, await consolidateInPage(first.page, files, dir));
    await first.page.close();
    const second = await open();
    report(
      `${CONTENT_N} commune workbooks located by content (exceljs, no marker, 7 forms stacked on one sheet)`,
      CONTENT_N,
      undefined,
      await consolidateInPage(second.page, contentFiles, contentDir),
    );
  } finally {
    await browser.close();
    server.close();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
