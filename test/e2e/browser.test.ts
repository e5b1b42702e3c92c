/**
 * The built task pane in headless Chromium, in browser mode (office.js never
 * reachable, as with no network): the four flows on real .xlsx files, asserting
 * what the officer sees and what the downloads contain. Screenshots of each
 * flow go to test-output/e2e/. The page is the task pane's real width, 320×800:
 * after each action the result that matters must be inside the first screen
 * (positions are asserted, not only presence), and an axe-core scan (its
 * source injected, offline) finds no serious or critical violation.
 */
import * as fs from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
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
  if (!fs.existsSync(path.join(ROOT, "dist", "taskpane.html")))
    throw new Error("dist/ chưa được dựng: chạy npm run build:web (npm test làm việc này)");
  fs.mkdirSync(SHOTS, { recursive: true });
  server = await startServer({ secure: false, host: "127.0.0.1", port: 0 });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--headless",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

/** A page in browser mode: office.js's host is unreachable, like a machine with no network. */
async function openPane(query = ""): Promise<Page> {
  const page = await browser.newPage({ viewport: VIEW, acceptDownloads: true });
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

const VIEW = { width: 320, height: 800 };

/** The element's top is inside the first screen (scrolled there by the page itself, not by the test). */
async function inFirstScreen(page: Page, selector: string): Promise<{ top: number; bottom: number }> {
  const box = await page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom };
    });
  expect(box.top).toBeGreaterThanOrEqual(-1);
  expect(box.top).toBeLessThan(VIEW.height - 40);
  return box;
}

/** The page has no horizontal scroll at pane width (nothing cut off to the right). */
async function noSideScroll(page: Page): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll).toBeLessThanOrEqual(client + 1);
}

const AXE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** axe-core in the page (injected from node_modules: no network); serious and critical violations only. */
async function axeSerious(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (ctx: Document, o: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    // Fluent's tabster puts invisible <i data-tabster-dummy> focus guards around the tab list: its keyboard helpers, not content.
    const r = await axe.run({ exclude: [["[data-tabster-dummy]"]] } as unknown as Document, { resultTypes: ["violations"] });
    return r.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
}

/** Headings go h1 → h2 (no jump to h3) on what is shown. */
async function headingLevels(page: Page): Promise<number[]> {
  return page.$$eval("h1, h2, h3, h4", (els) =>
    els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => Number(e.tagName[1])),
  );
}

const sheet = (bytes: Uint8Array, name: string): SheetGrid => readWorkbookGrid(bytes).sheets.find((s) => s.name === name)!;
const rowOfCode = (form: number, code: string) => planFormSheet(xa, xa.forms[form - 1]).rowOf.get(code)!;

function communeFile(name: string, unit: string, values: Record<string, number>): string {
  const f = path.join(work, name);
  fs.writeFileSync(f, writeFilledWorkbook(xa, { unit, period: "Quý I năm 2025" }, values));
  return f;
}

describe("task pane in a plain browser, at pane width 320×800", () => {
  test("renders with no network, says it is in browser mode; every area passes axe (no serious or critical)", async () => {
    const page = await openPane();
    expect(await page.textContent("body")).toMatch(/Biểu mẫu CCHC/);
    await page.screenshot({ path: path.join(SHOTS, "0-start.png"), fullPage: true });
    for (const tab of ["insert", "validate", "fill", "consolidate"]) {
      await page.click(`[data-testid="tab-${tab}"]`);
      expect(await axeSerious(page)).toEqual([]);
      expect(await headingLevels(page)).not.toContain(3);
      await noSideScroll(page);
    }
    await page.close();
  }, 90_000);

  test("Chèn biểu mẫu: human template names, the choice remembered, the workbook downloaded, the result in view", async () => {
    const page = await openPane();
    await page.click('[data-testid="tab-insert"]');
    const labels = await page.$$eval('[data-testid="insert-template"] option', (os) => os.map((o) => o.textContent));
    expect(labels).toContain("Cấp xã — Biểu mẫu 1–7 (581/BNV-CCHC)");
    expect(labels.join("|")).not.toMatch(/bnv581/);
    await page.selectOption('[data-testid="insert-template"]', "bnv581-xa");
    await page.fill('[data-testid="insert-unit"]', "UBND xã Thử Nghiệm");
    await page.fill('[data-testid="insert-period"]', "Quý II năm 2025");
    const bytes = await download(page, () => page.click('[data-testid="insert-run"]'));
    const grid = readWorkbookGrid(bytes);
    expect(grid.sheets.filter((s) => s.state === "visible").map((s) => s.name)).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => `Biểu mẫu ${n}`));
    expect(cellText(cellAt(grid.sheets[0], 1, 1))).toBe("Đơn vị báo cáo: UBND xã Thử Nghiệm");
    expect(cellAt(grid.sheets[0], rowOfCode(1, "2"), 4)?.formula).toMatch(/^IF\(/);
    await inFirstScreen(page, '[data-testid="insert-result"]');
    await page.screenshot({ path: path.join(SHOTS, "1-insert.png"), fullPage: true });
    // Another template: the success note about the first one goes away; the choice is remembered on reload.
    await page.selectOption('[data-testid="insert-template"]', "bnv581-tinh");
    expect(await page.$('[data-testid="insert-result"]')).toBeNull();
    await page.reload();
    await page.waitForSelector('[data-testid="host-mode"][data-mode="browser"]');
    expect(await page.inputValue('[data-testid="insert-template"]')).toBe("bnv581-tinh");
    await page.close();
  }, 90_000);

  test("Kiểm tra: errors first and in view, information collapsed, badges filter, findings are buttons; coloured copy; Tính tỷ lệ names what it cannot settle", async () => {
    const file = path.join(work, "xa-le-hong.xlsx");
    fs.writeFileSync(file, await officerWorkbookBytes("bnv581-xa"));
    const page = await openPane();
    await page.click('[data-testid="tab-validate"]');
    await page.setInputFiles('[data-testid="open-file"]', file);
    await page.waitForSelector('[data-testid="finding"][data-severity="error"]', { timeout: 20_000 });
    const errors = await page.$$eval('[data-testid="finding"][data-severity="error"]', (els) =>
      els.map((e) => `${e.getAttribute("data-code")}|${e.getAttribute("data-rule")}|${e.getAttribute("data-cell")}|${e.textContent}`),
    );
    expect(errors).toEqual([
      expect.stringMatching(/^6\.6\.1\|eq\|BM7!D\d+\|.*6\.6\.1 ghi 112 nhưng phải bằng 6\.4\.2 \(64\) \+ 6\.5\.2 \(46\) = 110/),
      expect.stringMatching(/^6\.7\|ratio\|BM7!D\d+\|.*ghi 0% nhưng 6\.7\.2 \/ 6\.7\.1 = 264 \/ 272 × 100 = 97,06%/),
    ]);
    expect(await page.getAttribute('[data-testid="count-error"]', "data-count")).toBe("2");
    // The error badge and the first error card in the first screen; focus on the result.
    await inFirstScreen(page, '[data-testid="count-error"]');
    await inFirstScreen(page, '[data-testid="finding"][data-severity="error"]');
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("validate-result");
    expect(await page.textContent('[data-testid="validate-announce"]')).toMatch(/2 lỗi/);
    // Findings are buttons, not list items with a role; information is collapsed with its count.
    expect(await page.$$('li[role="button"]')).toHaveLength(0);
    expect(
      await page.$$eval('[data-testid="finding"]', (els) => els.every((e) => e.tagName === "BUTTON" || !e.getAttribute("data-cell"))),
    ).toBe(true);
    const infoCount = Number(await page.getAttribute('[data-testid="count-info"]', "data-count"));
    if (infoCount > 0) {
      expect(await page.$$('[data-testid="finding"][data-severity="info"]')).toHaveLength(0);
      expect(await page.textContent('[data-testid="findings-info-toggle"]')).toContain(`(${infoCount})`);
    }
    expect(await page.textContent("body")).not.toMatch(/bieumau|--overwrite/);
    // A badge filters: warnings only, then back.
    if (Number(await page.getAttribute('[data-testid="count-warning"]', "data-count")) > 0) {
      await page.click('[data-testid="count-warning"]');
      expect(new Set(await page.$$eval('[data-testid="finding"]', (els) => els.map((e) => e.getAttribute("data-severity"))))).toEqual(
        new Set(["warning"]),
      );
      await page.click('[data-testid="count-warning"]');
    }
    // Choosing a finding says so on the finding itself, in view.
    const first = page.locator('[data-testid="finding"][data-severity="error"]').first();
    const cell = await first.getAttribute("data-cell");
    await first.click();
    await page.waitForSelector(`[data-testid="finding"] [data-testid="selected-cell"][data-cell="${cell}"]`);
    await inFirstScreen(page, '[data-testid="selected-cell"]');
    expect(await axeSerious(page)).toEqual([]);
    expect(await headingLevels(page)).not.toContain(3);
    await noSideScroll(page);
    await page.screenshot({ path: path.join(SHOTS, "2-validate.png") });

    // Tô màu các ô: a downloaded copy with the cells filled and the findings as notes; the source untouched.
    const coloured = await download(page, () => page.click('[data-testid="validate-highlight"]'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(coloured) as unknown as ArrayBuffer);
    const address = /!(\$?[A-Z]+\$?\d+)$/.exec(cell!)![1];
    const colouredCell = wb.getWorksheet("BM7")!.getCell(address);
    expect((colouredCell.fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe("FFFFC7CE");
    expect(JSON.stringify(colouredCell.note)).toMatch(/6\.6\.1 ghi 112/);
    await inFirstScreen(page, '[data-testid="validate-action"]');

    // Tính tỷ lệ with overwrite: the identity between typed numbers is listed as the officer's call.
    await page.click('[data-testid="tab-fill"]');
    await page.check('[data-testid="fill-overwrite"]');
    await page.click('[data-testid="fill-run"]');
    await page.waitForSelector('[data-testid="fill-summary"]', { timeout: 20_000 });
    await inFirstScreen(page, '[data-testid="fill-summary"]');
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("fill-result");
    const unsettled = await page.$$eval('[data-testid="fill-unsettled-item"]', (els) =>
      els.map((e) => `${e.getAttribute("data-code")}|${e.textContent}`),
    );
    expect(unsettled).toContainEqual(expect.stringMatching(/^6\.6\.1\|.*không biết số nào sai, cán bộ/));
    expect(await page.textContent('[data-testid="fill-summary"]')).not.toMatch(/Không có ô nào cần tính/);
    const actions = await page.$$eval('[data-testid="fill-action"]', (els) =>
      els.map((e) => [e.getAttribute("data-cell"), e.getAttribute("data-action"), e.getAttribute("data-value")]),
    );
    const filled = actions.find((a) => a[1] === "filled" && a[2] === "75");
    expect(filled).toBeDefined(); // 24 / 32 × 100, blank in the seed
    expect(actions.find((a) => a[1] === "overwritten")).toEqual([expect.stringMatching(/^BM7!D\d+$/), "overwritten", "97.06"]);
    const bytes = await download(page, () => page.click('[data-testid="fill-download"]'));
    const bm7 = sheet(bytes, "BM7");
    const row = Number(/D(\d+)$/.exec(filled![0]!)![1]);
    expect(cellAt(bm7, row, 4)?.value).toBe(75);
    await page.screenshot({ path: path.join(SHOTS, "3-fill.png") });
    await page.click('[data-testid="fill-undo"]');
    await page.waitForSelector('[data-testid="fill-info"]');
    await inFirstScreen(page, '[data-testid="fill-info"]');
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("fill-result");
    await page.close();
  }, 150_000);

  test("Kiểm tra with the plan's targets; a wrong targets file refused in Vietnamese", async () => {
    const file = path.join(work, "tinh-son-la.xlsx");
    fs.writeFileSync(file, await officerWorkbookBytes("bnv581-tinh", { forms: [1, 7] }));
    const page = await openPane();
    await page.click('[data-testid="tab-validate"]');
    const empty = path.join(work, "chi-tieu-trong.json");
    fs.writeFileSync(empty, "");
    const wrong = path.join(work, "chi-tieu-sai.json");
    fs.writeFileSync(wrong, "Đây không phải JSON");
    for (const f of [empty, wrong]) {
      await page.setInputFiles('[data-testid="validate-targets-file"]', f);
      const msg = await page.textContent('[data-testid="validate-targets-error"]');
      expect(msg).toContain(path.basename(f));
      expect(msg).not.toMatch(/Unexpected|JSON input|is not valid/);
    }
    await page.click('summary:has-text("Chỉ tiêu kế hoạch")');
    await page.selectOption('[data-testid="validate-targets"]', "sonla-2024");
    await page.setInputFiles('[data-testid="open-file"]', file);
    await page.click('[data-testid="count-info"]'); // information is collapsed: its badge shows it
    await page.waitForSelector('[data-testid="finding"][data-rule="target"]', { state: "attached", timeout: 20_000 });
    const targets = await page.$$eval('[data-testid="finding"][data-rule="target"]', (els) =>
      els.map((e) => `${e.getAttribute("data-severity")}|${e.getAttribute("data-code")}|${e.textContent}`),
    );
    expect(targets).toEqual([
      expect.stringMatching(/^info\|2\|.*đạt 23,46%, chưa đạt chỉ tiêu "Hoàn thành 100% kế hoạch CCHC năm".*còn thiếu 76,54%/),
      expect.stringMatching(/^info\|6\.4\|.*trên 95%/),
    ]);
    await page.screenshot({ path: path.join(SHOTS, "2b-validate-targets.png") });
    await page.close();
  }, 90_000);

  test("Tổng hợp: results in view and focused, the units' chart, a unit's errors opened in Kiểm tra, the right totals downloaded", async () => {
    const files = [
      communeFile("xa-1.xlsx", "UBND xã An Bình", { "1/1": 3, "1/2.1": 10, "1/2.2": 5, "3/3.3.1": 40, "3/3.3.2": 30 }),
      communeFile("xa-2.xlsx", "UBND xã Bình Minh", { "1/1": 5, "1/2.1": 30, "1/2.2": 30, "3/3.3.1": 50, "3/3.3.2": 49 }),
      communeFile("xa-3.xlsx", "UBND xã Cát Tiên", { "1/1": 7, "1/2.1": 4, "1/2.2": 1, "3/3.3.1": 10, "3/3.3.2": 12 }), // 12 of 10 on time: an error
    ];
    const bad = path.join(work, "thu-xin-gia-han.xlsx");
    fs.writeFileSync(bad, "không phải Excel");
    files.push(bad);

    const page = await openPane();
    await page.click('[data-testid="tab-consolidate"]');
    // A PDF is not a roster.
    const pdf = path.join(work, "cong-van.pdf");
    fs.writeFileSync(pdf, "%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n");
    await page.setInputFiles('[data-testid="consolidate-roster"]', pdf);
    expect(await page.textContent('[data-testid="consolidate-roster-error"]')).toMatch(/cong-van\.pdf.*PDF/);
    expect(await page.$('[data-testid="consolidate-roster-status"]')).toBeNull();

    await page.setInputFiles('[data-testid="consolidate-files"]', files);
    await page.waitForSelector('[data-testid="consolidate-count"][data-count="4"]');
    await page.click('[data-testid="consolidate-run"]');
    await page.waitForSelector('[data-testid="consolidate-summary"]', { timeout: 30_000 });
    await inFirstScreen(page, '[data-testid="consolidate-summary"]');
    await inFirstScreen(page, '[data-testid="consolidate-write"]');
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("consolidate-result");
    expect(await page.textContent('[data-testid="consolidate-announce"]')).toMatch(/Tổng hợp xong: cộng 3 đơn vị/);
    const states = await page.$$eval('[data-testid="consolidate-file"]', (els) =>
      els.map((e) => `${e.getAttribute("data-file")}:${e.getAttribute("data-state")}`),
    );
    expect(states.sort()).toEqual(["thu-xin-gia-han.xlsx:unreadable", "xa-1.xlsx:ok", "xa-2.xlsx:ok", "xa-3.xlsx:errors"]);
    // The chart: one bar per unit, sorted, the pooled value as a line, the unit with errors marked.
    const bars = await page.$$eval('[data-testid="chart-bar"]', (els) =>
      els.map((e) => [e.getAttribute("data-unit"), Number(e.getAttribute("data-value")), e.getAttribute("data-errors")]),
    );
    expect(bars.map((b) => b[0])).toEqual(["UBND xã Cát Tiên", "UBND xã Bình Minh", "UBND xã An Bình"]);
    expect(bars[0][2]).toBe("1");
    expect(Number(await page.getAttribute('[data-testid="chart-pooled"]', "data-value"))).toBeCloseTo((91 / 100) * 100, 6);
    const svgWidth = await page.locator('[data-testid="consolidate-chart-svg"]').evaluate((el) => el.getBoundingClientRect().width);
    expect(svgWidth).toBeLessThanOrEqual(VIEW.width);
    expect(await page.$$('[data-testid="lowest-unit"]')).toHaveLength(3);
    expect(await axeSerious(page)).toEqual([]);
    expect(await headingLevels(page)).not.toContain(3);
    await noSideScroll(page);
    await page.locator('[data-testid="consolidate-chart"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, "4-consolidate-chart.png") });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SHOTS, "4-consolidate.png"), fullPage: true });

    // Download: the totals, and the ranking sheet.
    const bytes = await download(page, () => page.click('[data-testid="consolidate-write"]'));
    await inFirstScreen(page, '[data-testid="consolidate-write-result"]');
    expect(await page.textContent('[data-testid="consolidate-write-result"]')).toMatch(/Xếp hạng/);
    const bm1 = sheet(bytes, "Biểu mẫu 1");
    expect(cellAt(bm1, rowOfCode(1, "1"), 4)?.value).toBe(15);
    expect(cellAt(bm1, rowOfCode(1, "2.1"), 4)?.value).toBe(44);
    expect(cellAt(bm1, rowOfCode(1, "2"), 4)?.value).toBeCloseTo((36 / 44) * 100, 10); // pooled, not the mean of rates
    expect(cellText(cellAt(bm1, 2, 1))).toMatch(/Quý I năm 2025/); // the units' common period
    expect(readWorkbookGrid(bytes).sheets.map((s) => s.name)).toContain("Xếp hạng");

    // The unit with errors opens in Kiểm tra with its cells.
    await page.click('[data-testid="consolidate-open-unit"][data-file="xa-3.xlsx"]');
    await page.waitForSelector('[data-testid="panel-validate"]:not([hidden]) [data-testid="finding"][data-severity="error"]', {
      timeout: 20_000,
    });
    expect(await page.textContent('[data-testid="open-file-name"]')).toContain("xa-3.xlsx");
    await inFirstScreen(page, '[data-testid="finding"][data-severity="error"]');
    expect(await page.getAttribute('[data-testid="finding"][data-severity="error"]', "data-cell")).toMatch(/!D\d+$/);
    await page.screenshot({ path: path.join(SHOTS, "4b-unit-in-validate.png") });
    await page.close();
  }, 150_000);

  test("Tổng hợp: a folder pick names the files it leaves out", async () => {
    const dir = path.join(work, "thu-muc");
    fs.mkdirSync(dir, { recursive: true });
    fs.copyFileSync(communeFile("a.xlsx", "UBND xã A", { "1/1": 1 }), path.join(dir, "xa-a.xlsx"));
    fs.copyFileSync(communeFile("b.xlsx", "UBND xã B", { "1/1": 2 }), path.join(dir, "xa-b.xlsx"));
    fs.writeFileSync(path.join(dir, "ghi-chu.txt"), "ghi chú");
    fs.writeFileSync(path.join(dir, "cong-van.pdf"), "%PDF-1.4");
    const page = await openPane();
    await page.click('[data-testid="tab-consolidate"]');
    await page.setInputFiles('[data-testid="consolidate-folder"]', dir);
    await page.waitForSelector('[data-testid="consolidate-count"][data-count="2"]');
    const ignored = await page.textContent('[data-testid="consolidate-ignored"]');
    expect(ignored).toMatch(/cong-van\.pdf/);
    expect(ignored).toMatch(/ghi-chu\.txt/);
    await page.close();
  }, 60_000);

  test("npm start's page (?samples=1) opens on Tổng hợp with the sample unit workbooks loaded", async () => {
    const page = await browser.newPage({ viewport: VIEW });
    await page.route("https://appsforoffice.microsoft.com/**", (route) => route.abort());
    const names = ["xa-01.xlsx", "xa-02.xlsx"];
    await page.route("**/samples/don-vi/index.json", (route) =>
      route.fulfill({ contentType: "application/json", body: JSON.stringify(names) }),
    );
    await page.route("**/samples/don-vi/xa-0*.xlsx", (route) =>
      route.fulfill({
        contentType: "application/octet-stream",
        body: Buffer.from(writeFilledWorkbook(xa, { unit: `UBND xã ${route.request().url().slice(-7, -5)}` }, { "1/1": 1 })),
      }),
    );
    await page.route("**/samples/danh-sach-xa.txt", (route) =>
      route.fulfill({ contentType: "text/plain", body: "UBND xã 01\nUBND xã 02\nUBND xã 03\n" }),
    );
    await page.goto(`${base}/taskpane.html?samples=1`);
    await page.waitForSelector('[data-testid="panel-consolidate"]');
    await page.waitForSelector('[data-testid="consolidate-count"][data-count="2"]', { timeout: 20_000 });
    await page.waitForSelector('[data-testid="consolidate-roster-status"][data-count="3"]');
    await page.close();
  }, 60_000);
});
