/**
 * The built task pane in headless Chromium, in browser mode (office.js never
 * reachable, as with no network): the four flows on real .xlsx files, asserting
 * what the officer sees and what the downloads contain. Screenshots of each
 * flow go to test-output/e2e/.
 */
import * as fs from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { findTemplate } from "../../src/catalog";
import { planFormSheet } from "../../src/core/form-layout";
import { cellAt, cellText, type SheetGrid } from "../../src/core/grid";
import { writeFilledWorkbook } from "../../src/xlsx/plan-writer";
import { readWorkbookGrid } from "../../src/xlsx/read-grid";
import { officerWorkbookBytes } from "../helpers/officer-workbooks";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startServer } = require("../../scripts/serve.js") as { startServer: (o: object) => Promise<Server> };

const ROOT = path.resolve(__dirname, "../..");
const SHOTS = path.join(ROOT, "test-output", "e2e");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "bieumau-e2e-"));
const xa = findTemplate("bnv581-xa")!;

let server: Server;
let browser: Browser;
let base: string;

beforeAll(async () => {
  if (!fs.existsSync(path.join(ROOT, "dist", "taskpane.html"))) throw new Error("dist/ chưa được dựng: chạy npm run build:web (npm test làm việc này)");
  fs.mkdirSync(SHOTS, { recursive: true });
  server = await startServer({ secure: false, host: "127.0.0.1", port: 0 });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

/** A page in browser mode: office.js's host is unreachable, like a machine with no network. */
async function openPane(query = ""): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 360, height: 900 }, acceptDownloads: true });
  await page.route("https://appsforoffice.microsoft.com/**", (route) => route.abort());
  await page.goto(`${base}/taskpane.html${query}`);
  await page.waitForSelector('[data-testid="host-mode"][data-mode="browser"]', { timeout: 20_000 });
  return page;
}

async function download(page: Page, click: () => Promise<unknown>): Promise<Uint8Array> {
  const [d] = await Promise.all([page.waitForEvent("download", { timeout: 30_000 }), click()]);
  const file = path.join(work, d.suggestedFilename());
  await d.saveAs(file);
  return fs.readFileSync(file);
}

const sheet = (bytes: Uint8Array, name: string): SheetGrid => readWorkbookGrid(bytes).sheets.find((s) => s.name === name)!;
const rowOfCode = (form: number, code: string) => planFormSheet(xa, xa.forms[form - 1]).rowOf.get(code)!;

describe("task pane in a plain browser", () => {
  test("renders with no network and says it is in browser mode", async () => {
    const page = await openPane();
    expect(await page.textContent("body")).toMatch(/Biểu mẫu CCHC/);
    await page.screenshot({ path: path.join(SHOTS, "0-start.png"), fullPage: true });
    await page.close();
  }, 60_000);

  test("Chèn biểu mẫu: the commune forms are downloaded as a formatted workbook", async () => {
    const page = await openPane();
    await page.click('[data-testid="tab-insert"]');
    await page.selectOption('[data-testid="insert-template"]', "bnv581-xa");
    await page.fill('[data-testid="insert-unit"]', "UBND xã Thử Nghiệm");
    await page.fill('[data-testid="insert-period"]', "Quý II năm 2025");
    const bytes = await download(page, () => page.click('[data-testid="insert-run"]'));
    const grid = readWorkbookGrid(bytes);
    expect(grid.sheets.filter((s) => s.state === "visible").map((s) => s.name)).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => `Biểu mẫu ${n}`));
    expect(cellText(cellAt(grid.sheets[0], 1, 1))).toBe("Đơn vị báo cáo: UBND xã Thử Nghiệm");
    expect(cellAt(grid.sheets[0], rowOfCode(1, "2"), 4)?.formula).toMatch(/^IF\(/);
    await page.screenshot({ path: path.join(SHOTS, "1-insert.png"), fullPage: true });
    await page.close();
  }, 90_000);

  test("Kiểm tra and Tính tỷ lệ: the commune seed's errors with their cells; the blank rate filled and downloaded", async () => {
    const file = path.join(work, "xa-le-hong.xlsx");
    fs.writeFileSync(file, await officerWorkbookBytes("bnv581-xa"));
    const page = await openPane();
    await page.click('[data-testid="tab-validate"]');
    await page.setInputFiles('[data-testid="open-file"]', file);
    await page.waitForSelector('[data-testid="open-file-name"]');
    if (!(await page.$('[data-testid="finding"]'))) await page.click('[data-testid="validate-run"]');
    await page.waitForSelector('[data-testid="finding"][data-severity="error"]', { timeout: 20_000 });
    const errors = await page.$$eval('[data-testid="finding"][data-severity="error"]', (els) => els.map((e) => `${e.getAttribute("data-code")}|${e.getAttribute("data-rule")}|${e.getAttribute("data-cell")}|${e.textContent}`));
    expect(errors).toEqual([
      expect.stringMatching(/^6\.6\.1\|eq\|BM7!D\d+\|.*6\.6\.1 ghi 112 nhưng phải bằng 6\.4\.2 \(64\) \+ 6\.5\.2 \(46\) = 110/),
      expect.stringMatching(/^6\.7\|ratio\|BM7!D\d+\|.*ghi 0% nhưng 6\.7\.2 \/ 6\.7\.1 = 264 \/ 272 × 100 = 97,06%/),
    ]);
    expect(await page.getAttribute('[data-testid="count-error"]', "data-count").catch(() => null) ?? (await page.textContent('[data-testid="count-error"]'))).toMatch(/2/);
    // Choosing a finding selects its cell
    const first = page.locator('[data-testid="finding"][data-severity="error"]').first();
    const cell = await first.getAttribute("data-cell");
    await first.click();
    await page.waitForSelector(`[data-testid="selected-cell"][data-cell="${cell}"]`);
    await page.screenshot({ path: path.join(SHOTS, "2-validate.png"), fullPage: true });

    await page.click('[data-testid="tab-fill"]');
    await page.click('[data-testid="fill-run"]');
    await page.waitForSelector('[data-testid="fill-action"]', { timeout: 20_000 });
    const r68 = rowOfCode(7, "6.8") + 0;
    const actions = await page.$$eval('[data-testid="fill-action"]', (els) => els.map((e) => [e.getAttribute("data-cell"), e.getAttribute("data-action"), e.getAttribute("data-value")]));
    const filled = actions.find((a) => a[1] === "filled" && a[2] === "75");
    expect(filled).toBeDefined(); // 24 / 32 × 100, blank in the seed
    expect(actions.find((a) => a[1] === "kept")).toEqual([expect.stringMatching(/^BM7!D\d+$/), "kept", "97.06"]); // the typed 0 is kept
    const bytes = await download(page, () => page.click('[data-testid="fill-download"]'));
    const bm7 = sheet(bytes, "BM7");
    const row = Number(/D(\d+)$/.exec(filled![0]!)![1]);
    expect(cellAt(bm7, row, 4)?.value).toBe(75);
    expect(String(cellAt(bm7, row, 2)?.value)).toMatch(/thanh toán trực tuyến/);
    void r68;
    await page.screenshot({ path: path.join(SHOTS, "3-fill.png"), fullPage: true });
    await page.close();
  }, 120_000);

  test("Kiểm tra with the plan's targets: rows below target are information with the gap", async () => {
    const file = path.join(work, "tinh-son-la.xlsx");
    fs.writeFileSync(file, await officerWorkbookBytes("bnv581-tinh", { forms: [1, 7] }));
    const page = await openPane();
    await page.click('[data-testid="tab-validate"]');
    await page.selectOption('[data-testid="validate-targets"]', "sonla-2024");
    await page.setInputFiles('[data-testid="open-file"]', file);
    await page.waitForSelector('[data-testid="open-file-name"]');
    await page.click('[data-testid="validate-run"]');
    await page.waitForSelector('[data-testid="finding"][data-rule="target"]', { state: "attached", timeout: 20_000 });
    const targets = await page.$$eval('[data-testid="finding"][data-rule="target"]', (els) => els.map((e) => `${e.getAttribute("data-severity")}|${e.getAttribute("data-code")}|${e.textContent}`));
    expect(targets).toEqual([
      expect.stringMatching(/^info\|2\|.*đạt 23,46%, chưa đạt chỉ tiêu "Hoàn thành 100% kế hoạch CCHC năm".*còn thiếu 76,54%/),
      expect.stringMatching(/^info\|6\.4\|.*trên 95%/),
    ]);
    await page.screenshot({ path: path.join(SHOTS, "2b-validate-targets.png"), fullPage: true });
    await page.close();
  }, 90_000);

  test("Tổng hợp: many unit files, one bad, consolidated and downloaded with the right totals", async () => {
    const files: string[] = [];
    const units = [
      { name: "An Bình", v: { "1/1": 3, "1/2.1": 10, "1/2.2": 5 } },
      { name: "Bình Minh", v: { "1/1": 5, "1/2.1": 30, "1/2.2": 30 } },
      { name: "Cát Tiên", v: { "1/1": 7, "1/2.1": 4, "1/2.2": 1 } },
    ];
    for (const [i, u] of units.entries()) {
      const f = path.join(work, `xa-${i + 1}.xlsx`);
      fs.writeFileSync(f, writeFilledWorkbook(xa, { unit: `UBND xã ${u.name}`, period: "Quý I năm 2025" }, u.v));
      files.push(f);
    }
    const bad = path.join(work, "thu-xin-gia-han.xlsx");
    fs.writeFileSync(bad, "không phải Excel");
    files.push(bad);

    const page = await openPane();
    await page.click('[data-testid="tab-consolidate"]');
    await page.setInputFiles('[data-testid="consolidate-files"]', files);
    await page.waitForSelector('[data-testid="consolidate-count"][data-count="4"]');
    await page.click('[data-testid="consolidate-run"]');
    await page.waitForSelector('[data-testid="consolidate-progress"][data-done="4"]', { timeout: 30_000 });
    await page.waitForSelector('[data-testid="consolidate-unit"]', { state: "attached" });
    const states = await page.$$eval('[data-testid="consolidate-file"]', (els) => els.map((e) => `${e.getAttribute("data-file")}:${e.getAttribute("data-state")}`));
    expect(states.sort()).toEqual(["thu-xin-gia-han.xlsx:unreadable", "xa-1.xlsx:ok", "xa-2.xlsx:ok", "xa-3.xlsx:ok"]);
    const bytes = await download(page, () => page.click('[data-testid="consolidate-write"]'));
    const bm1 = sheet(bytes, "Biểu mẫu 1");
    expect(cellAt(bm1, rowOfCode(1, "1"), 4)?.value).toBe(15);
    expect(cellAt(bm1, rowOfCode(1, "2.1"), 4)?.value).toBe(44);
    expect(cellAt(bm1, rowOfCode(1, "2"), 4)?.value).toBeCloseTo((36 / 44) * 100, 10); // pooled, not the mean of rates
    expect(cellText(cellAt(sheet(bytes, "Chi tiết 1"), 1, 4))).toBe("UBND xã An Bình");
    await page.screenshot({ path: path.join(SHOTS, "4-consolidate.png"), fullPage: true });
    await page.close();
  }, 120_000);

  test("npm start's page (?samples=1) opens on Tổng hợp with the sample unit workbooks loaded", async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 900 } });
    await page.route("https://appsforoffice.microsoft.com/**", (route) => route.abort());
    const names = ["xa-01.xlsx", "xa-02.xlsx"];
    await page.route("**/samples/don-vi/index.json", (route) => route.fulfill({ contentType: "application/json", body: JSON.stringify(names) }));
    await page.route("**/samples/don-vi/xa-0*.xlsx", (route) =>
      route.fulfill({ contentType: "application/octet-stream", body: Buffer.from(writeFilledWorkbook(xa, { unit: `UBND xã ${route.request().url().slice(-7, -5)}` }, { "1/1": 1 })) }),
    );
    await page.route("**/samples/danh-sach-xa.txt", (route) => route.fulfill({ contentType: "text/plain", body: "UBND xã 01\nUBND xã 02\nUBND xã 03\n" }));
    await page.goto(`${base}/taskpane.html?samples=1`);
    await page.waitForSelector('[data-testid="panel-consolidate"]');
    await page.waitForSelector('[data-testid="consolidate-count"][data-count="2"]', { timeout: 20_000 });
    await page.waitForSelector('[data-testid="consolidate-roster-status"][data-count="3"]');
    await page.close();
  }, 60_000);
});
