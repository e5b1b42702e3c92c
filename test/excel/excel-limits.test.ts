/**
 * ExcelHost against Excel's documented limits and behaviours, as the fake
 * models them (test/excel/fake-excel.ts, header): 512 merged areas, 5 MB
 * requests and responses on the web, 225-character error messages, 255-character
 * list sources, suspended calculation, apostrophe-prefixed text, failing
 * insertWorksheetsFromBase64, the undo stack, webviews that do not download.
 */
import { findTemplate } from "../../src/catalog";
import { planFormSheet } from "../../src/core/form-layout";
import { cellAt } from "../../src/core/grid";
import { ExcelHost, type ExcelHostOptions } from "../../src/excel/excel-host";
import { FakeExcel, OfficeError, WEB_PAYLOAD_MAX, colLetters } from "./fake-excel";

function hostOn(fake: FakeExcel, options: Partial<ExcelHostOptions> = {}): ExcelHost {
  return new ExcelHost({ run: fake.run, isSetSupported: fake.isSetSupported, platform: fake.platform, ...options });
}

describe("merged areas: more than 512 on a sheet", () => {
  test("are read in bands; a single row past the limit is named in a note, the rest is read", async () => {
    const fake = new FakeExcel(["Gộp nhiều", "Nhỏ"]);
    const s = fake.sheet("Gộp nhiều");
    for (let r = 1; r <= 600; r++) {
      s.seed(`A${r}`, { value: `Dòng ${r}` });
      s.merges.push({ top: r, left: 1, bottom: r, right: 2 });
    }
    for (let k = 0; k < 520; k++) s.merges.push({ top: 700, left: 2 * k + 1, bottom: 700, right: 2 * k + 2 });
    s.seed("A700", { value: "hàng gộp dày" });
    fake.sheet("Nhỏ").seed("B2", { value: 1 });
    fake.sheet("Nhỏ").merges.push({ top: 1, left: 1, bottom: 1, right: 4 });

    const host = hostOn(fake);
    const grid = await host.readGrid();
    const [big, small] = grid.sheets;
    expect(big.merges).toHaveLength(600); // row 700 alone holds 520: Excel cannot return them
    expect(big.merges).toContainEqual({ top: 600, left: 1, bottom: 600, right: 2 });
    expect(small.merges).toEqual([{ top: 1, left: 1, bottom: 1, right: 4 }]);
    expect(cellAt(big, 700, 1)?.value).toBe("hàng gộp dày");
    expect(host.notes.join(" ")).toMatch(/Trang “Gộp nhiều”: dòng 700 có quá nhiều ô gộp/);
  });
});

describe("Excel on the web: 5 MB responses and requests", () => {
  test("50,000 cells of ~70 characters (≈ 9.9 MB of values and formulas) are read in syncs under 5 MB", async () => {
    const fake = new FakeExcel(["Dữ liệu"]).useWebLimits();
    const s = fake.sheet("Dữ liệu");
    const text = "Trung tâm Phục vụ hành chính công xã Hoà An, tổ dân phố số ".normalize("NFC");
    for (let r = 1; r <= 1000; r++) for (let c = 1; c <= 50; c++) s.seed(`${colLetters(c)}${r}`, { value: `${text}${r}-${c}` });
    const grid = await hostOn(fake).readGrid();
    expect(cellAt(grid.sheets[0], 1000, 50)?.value).toBe(`${text}1000-50`);
    expect(cellAt(grid.sheets[0], 517, 3)?.value).toBe(`${text}517-3`);
    const total = fake.responses.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(1.5 * WEB_PAYLOAD_MAX);
    expect(Math.max(...fake.responses)).toBeLessThanOrEqual(WEB_PAYLOAD_MAX);
    console.log(
      `read 50,000 cells of ~70 characters: ${fake.syncs} syncs, responses ${fake.responses.map((b) => `${(b / 1e6).toFixed(2)} MB`).join(" / ")}`,
    );
  });

  test("20,000 highlighted cells go in several requests, each under 5 MB, and are restored", async () => {
    const fake = new FakeExcel(["Biểu mẫu 1"]).useWebLimits();
    const cells = Array.from({ length: 20_000 }, (_, i) => ({
      ref: `'Biểu mẫu 1'!${colLetters((i % 20) + 1)}${Math.floor(i / 20) + 1}`,
      severity: "error" as const,
    }));
    fake.sheet("Biểu mẫu 1").seed("A1", { fill: "#00FF00" });
    const host = hostOn(fake);
    await host.highlight(cells);
    expect(fake.sheet("Biểu mẫu 1").at("T1000").fill).toBe("#FFC7CE");
    expect(Math.max(...fake.payloads)).toBeLessThanOrEqual(WEB_PAYLOAD_MAX);
    console.log(`highlight 20,000 cells: ${fake.syncs} syncs, largest request ${(Math.max(...fake.payloads) / 1e6).toFixed(2)} MB`);
    await host.clearHighlights();
    expect(fake.sheet("Biểu mẫu 1").at("A1").fill).toBe("#00FF00");
    expect(fake.sheet("Biểu mẫu 1").at("T1000").fill).toBeUndefined();
  });
});

describe("writing formulas and reading after writes", () => {
  test("a formula written into a text-formatted (@) cell becomes a formula, not the text “=…”", async () => {
    const fake = new FakeExcel(["Biểu mẫu 3"]);
    const s = fake.sheet("Biểu mẫu 3");
    s.seed("D9", { numberFormat: "@" });
    await hostOn(fake).writeCells([{ sheet: "Biểu mẫu 3", address: "D9", value: 0.5, formula: 'IF(D8=0,"",D7/D8)' }]);
    expect(s.at("D9").formula).toBe('IF(D8=0,"",D7/D8)');
    expect(s.at("D9").value).toBeUndefined();
    expect(s.at("D9").numberFormat).toBe("General");
  });

  /** D10 = D8 + D9, recomputed by the fake whenever Excel would calculate. */
  function withTotal(): FakeExcel {
    const fake = new FakeExcel(["Biểu mẫu 1"]);
    const s = fake.sheet("Biểu mẫu 1");
    s.seed("D8", { value: 1 });
    s.seed("D9", { value: 2 });
    s.seed("D10", { formula: "D8+D9", cached: 3 });
    fake.calculator = () => {
      const n = (a: string) => Number(s.at(a).value ?? 0);
      s.at("D10").cached = n("D8") + n("D9");
    };
    return fake;
  }

  test("a check right after a write reads the recalculated total", async () => {
    const fake = withTotal();
    const host = hostOn(fake);
    await host.writeCells([{ sheet: "Biểu mẫu 1", address: "D8", value: 40 }]);
    const grid = await host.readGrid();
    expect(cellAt(grid.sheets[0], 10, 4)).toEqual({ value: 42, formula: "D8+D9" });
  });

  test("a write split in several syncs suspends calculation, then asks Excel to recalculate", async () => {
    const fake = withTotal();
    const host = hostOn(fake, { maxPayloadBytes: 400 });
    const writes = Array.from({ length: 6 }, (_, i) => ({ sheet: "Biểu mẫu 1", address: `${colLetters(6 + i)}1`, value: `ghi chú ${i}` }));
    await host.writeCells([{ sheet: "Biểu mẫu 1", address: "D9", value: 100 }, ...writes]);
    expect(fake.calculationSuspensions).toBeGreaterThan(0);
    expect(fake.log.filter((l) => l.startsWith("calculate"))).toEqual(["calculate Recalculate"]);
    const grid = await host.readGrid();
    expect(cellAt(grid.sheets[0], 10, 4)?.value).toBe(101);
  });
});

describe("undo", () => {
  test("text typed with an apostrophe (“'-5 (ước)”, “'=abc”, “'0123”) comes back as the same text", async () => {
    const fake = new FakeExcel(["Biểu mẫu 2"]);
    const s = fake.sheet("Biểu mẫu 2");
    const typed = { E8: "'-5 (ước)", E9: "'=abc", E10: "'0123" };
    for (const [address, v] of Object.entries(typed)) s.seed(address, { value: v.slice(1) }); // typed so, in General cells
    const host = hostOn(fake);
    const snapshots = await host.writeCells(Object.keys(typed).map((address) => ({ sheet: "Biểu mẫu 2", address, value: 7 })));
    expect(s.at("E8").value).toBe(7);
    await host.restoreCells(snapshots);
    for (const [address, v] of Object.entries(typed)) {
      expect(s.at(address).formula).toBeUndefined();
      expect(s.at(address).value).toBe(v.slice(1));
    }
  });

  test("the Ctrl+Z note says what this Excel does with its undo stack", async () => {
    for (const withUndo of [false, true]) {
      const fake = new FakeExcel(["Biểu mẫu 1"]);
      if (withUndo) fake.supported.add("1.20");
      fake.undoStack.push("gõ số của cán bộ");
      const host = hostOn(fake);
      await host.writeCells([{ sheet: "Biểu mẫu 1", address: "D8", value: 5 }]);
      if (withUndo) {
        expect(fake.undoStack).toEqual(["gõ số của cán bộ", expect.any(String)]);
        expect(host.undoNote()).toMatch(/Có thể dùng Hoàn tác \(Ctrl\+Z\) của Excel/);
      } else {
        expect(fake.undoStack).toEqual([]);
        expect(host.undoNote()).toMatch(/xoá lịch sử Hoàn tác \(Ctrl\+Z\)/);
      }
    }
  });
});

describe("addWorkbookSheets: the limit per platform, failures, webviews that do not download", () => {
  // ~4.5 MB once Base64-encoded: above the 4 MB budget, below nothing the desktop documents
  const big = new Uint8Array(3_400_000).map((_, i) => (i * 7919) % 251);

  test("on the desktop a 4.5 MB workbook is inserted; on the web it is downloaded with a note", async () => {
    const desktop = new FakeExcel();
    expect(await hostOn(desktop, { download: () => undefined }).addWorkbookSheets(big, "tong-hop.xlsx")).toBe("inserted");
    expect(desktop.inserted).toHaveLength(1);

    const web = new FakeExcel().useWebLimits();
    const downloads: string[] = [];
    const host = hostOn(web, { download: (_, name) => void downloads.push(name) });
    expect(await host.addWorkbookSheets(big, "tong-hop.xlsx")).toBe("downloaded");
    expect(downloads).toEqual(["tong-hop.xlsx"]);
    expect(web.syncs).toBe(0);
    expect(host.notes.join(" ")).toMatch(/vượt giới hạn một lần gửi của Excel trên web/);
  });

  test("a refused insertion falls back to the download, and says why", async () => {
    const fake = new FakeExcel();
    fake.insertFailure = new OfficeError("AccessDenied", "This operation is not allowed due to the extension hardening policy.");
    const downloads: string[] = [];
    const host = hostOn(fake, { download: (_, name) => void downloads.push(name) });
    expect(await host.addWorkbookSheets(new Uint8Array([80, 75, 3, 4]), "tong-hop.xlsx")).toBe("downloaded");
    expect(downloads).toEqual(["tong-hop.xlsx"]);
    expect(host.notes.join(" ")).toMatch(/không chèn được các trang tổng hợp \(This operation is not allowed/);
  });

  test("in Excel for Mac nothing is reported as downloaded: the error offers browser mode instead", async () => {
    const fake = new FakeExcel();
    fake.platform = "Mac";
    fake.insertFailure = new OfficeError("GeneralException", "An internal error has occurred.");
    const downloads: string[] = [];
    const host = hostOn(fake, { download: (_, name) => void downloads.push(name) });
    await expect(host.addWorkbookSheets(new Uint8Array([80, 75, 3, 4]), "tong-hop.xlsx")).rejects.toThrow(
      /Excel trên máy Mac không cho tiện ích tải tệp xuống.*chưa được lưu.*mở trang Biểu mẫu CCHC bằng trình duyệt/,
    );
    expect(downloads).toEqual([]);

    fake.supported.delete("1.13");
    await expect(host.addWorkbookSheets(new Uint8Array([80, 75, 3, 4]), "tong-hop.xlsx")).rejects.toThrow(/ExcelApi 1\.13.*máy Mac/);
    expect(downloads).toEqual([]);
  });
});

describe("data validation texts past Excel's limits (user templates)", () => {
  function planWith(error: string, listValues: string[]) {
    const t = findTemplate("bnv581-xa");
    if (!t) throw new Error("no template");
    const plan = planFormSheet(t, t.forms[0], { unit: "UBND xã Hoà An", period: "Năm 2025" });
    const [first, second] = plan.validations;
    plan.validations = plan.validations.map((v) =>
      v === first ? { ...v, error } : v === second ? { ...v, rule: { type: "list", values: listValues } } : v,
    );
    return { plan, first, second };
  }

  test("a 240-character error message is clipped to 225; a 300-character list gets no drop-down and a note", async () => {
    const error = `Số liệu không hợp lệ: ${"phải là số nguyên không âm, ".repeat(10)}`.slice(0, 240);
    const values = Array.from({ length: 40 }, (_, i) => `Phương án trả lời số ${i + 1}`);
    const { plan, first, second } = planWith(error, values);
    const fake = new FakeExcel(["Sheet1"]);
    const host = hostOn(fake);
    await host.insertForms([plan]);
    const s = fake.sheet(plan.sheetName);
    const message = s.peek(first.row, first.col)?.validation?.errorAlert?.message ?? "";
    expect(message.length).toBe(225);
    expect(message.endsWith("…")).toBe(true);
    expect(s.peek(second.row, second.col)?.validation).toBeUndefined();
    expect(host.notes.join(" ")).toMatch(
      new RegExp(`ô ${colLetters(second.col)}${second.row}: danh sách lựa chọn dài \\d+ ký tự, quá 255`),
    );
  });
});
