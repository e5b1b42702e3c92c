/**
 * .xls and .ods read like .xlsx: workbooks of the layouts already tested
 * (officer-typed seed workbooks, our template with live formulas) are saved
 * by LibreOffice as Excel 97–2003 and OpenDocument, and must give the same
 * grid content and the same findings as the .xlsx they came from, through
 * the CLI's reader (sync) and the task pane's (async, lazy chunk).
 */
import ExcelJS from "exceljs";
import { strToU8, zipSync } from "fflate";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { builtinTemplates, findTemplate } from "../../src/catalog";
import { checkWorkbook } from "../../src/core/check-workbook";
import { cellAt, type WorkbookGrid } from "../../src/core/grid";
import { readAnyWorkbookGrid } from "../../src/xlsx/legacy/read-any";
import { legacyFormatOf } from "../../src/xlsx/legacy/detect";
import { readLegacyWorkbook } from "../../src/node/read-any-format";
import { xlsxFromGrid } from "../../src/xlsx/legacy/to-xlsx";
import { writeFilledWorkbook } from "../../src/xlsx/plan-writer";
import { loadWorkbookBytes } from "../../src/node/load-workbook";
import { readWorkbookGrid } from "../../src/xlsx/read-grid";
import { convertWithLibreOffice } from "../helpers/legacy-convert";
import { officerWorkbookBytes } from "../helpers/officer-workbooks";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "bieumau-legacy-"));
const templates = builtinTemplates();

/** The layouts of test/core/validate-seeds and test/cli, as .xlsx bytes. */
const LAYOUTS: Record<string, () => Promise<Uint8Array> | Uint8Array> = {
  "tinh-text": () => officerWorkbookBytes("bnv581-tinh"),
  "tinh-stacked-offset": () => officerWorkbookBytes("bnv581-tinh", { stacked: true, top: 3, left: 2 }),
  "xa-numeric": () => officerWorkbookBytes("bnv581-xa", { numeric: true }),
  "xa-dots-repeated-header": () => officerWorkbookBytes("bnv581-xa", { trailingDots: true, repeatHeaderEvery: 8 }),
  "xa-template-formulas": () =>
    writeFilledWorkbook(
      findTemplate("bnv581-xa")!,
      { unit: "UBND xã An Bình", period: "Quý I năm 2025" },
      { "1/1": 3, "1/2.1": 10, "1/2.2": 5, "3/3.3.1": 100, "3/3.3.2": 99, "7/6.4.1": 64 },
    ),
};

/** A workbook with what the grid must carry: percent and date formats, a formula, text that looks like one, merges, a hidden sheet. */
async function richWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Trang chính");
  ws.getCell("A1").value = "Tỷ lệ hồ sơ đúng hạn";
  ws.getCell("B1").value = 0.9987;
  ws.getCell("B1").numFmt = "0.00%";
  ws.getCell("B2").value = 45306;
  ws.getCell("B2").numFmt = "dd/mm/yyyy";
  ws.getCell("B3").value = { formula: "B1*100", result: 99.87 };
  ws.getCell("B4").value = '=HYPERLINK("x")';
  ws.getCell("B5").value = { formula: 'IF(B1>1,"quá","")', result: "" };
  ws.getCell("B6").value = { formula: "1/0", result: { error: "#DIV/0!" } };
  ws.getCell("A8").value = "Kết quả thống kê";
  ws.mergeCells("A8:C8");
  const hidden = wb.addWorksheet("Ẩn");
  hidden.state = "hidden";
  hidden.getCell("A1").value = 1;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const files: Record<string, { xlsx: string; xls: string; ods: string }> = {};

beforeAll(async () => {
  const originals: string[] = [];
  for (const [name, make] of Object.entries({ ...LAYOUTS, rich: richWorkbook })) {
    const file = path.join(work, `${name}.xlsx`);
    fs.writeFileSync(file, await make());
    originals.push(file);
  }
  const xls = convertWithLibreOffice(originals, "xls", path.join(work, "xls"));
  const ods = convertWithLibreOffice(originals, "ods", path.join(work, "ods"));
  originals.forEach((f, i) => (files[path.basename(f, ".xlsx")] = { xlsx: f, xls: xls[i], ods: ods[i] }));
}, 240_000);

function load(file: string): WorkbookGrid {
  const loaded = loadWorkbookBytes(fs.readFileSync(file));
  if (!loaded.ok) throw new Error(`${file}: ${loaded.reason}`);
  return loaded.grid;
}

/** What the officer sees from a check: the template, the forms found and every finding. */
function outcome(grid: WorkbookGrid) {
  const c = checkWorkbook(grid, templates);
  return { template: c.located.template?.id, forms: c.forms.length, counts: c.counts, findings: c.findings };
}

describe.each(Object.keys(LAYOUTS))("layout %s", (name) => {
  test.each(["xls", "ods"] as const)("as .%s: the same template, forms and findings as the .xlsx original", async (format) => {
    const expected = outcome(readWorkbookGrid(fs.readFileSync(files[name].xlsx)));
    expect(expected.template).toBeDefined();
    const bytes = fs.readFileSync(files[name][format]);
    expect(legacyFormatOf(bytes)).toBe(format);
    expect(outcome(load(files[name][format]))).toEqual(expected);
    // The task pane's reader (SheetJS through import()) gives the same.
    expect(outcome((await readAnyWorkbookGrid(bytes)).grid)).toEqual(expected);
  });
});

describe("what the grid carries", () => {
  test.each(["xls", "ods"] as const)(
    ".%s: values, percent and date formats, cached formula results, text kept as text, merges, hidden sheets",
    (format) => {
      const grid = load(files.rich[format]);
      expect(grid.sheets.map((s) => [s.name, s.state])).toEqual([
        ["Trang chính", "visible"],
        ["Ẩn", "hidden"],
      ]);
      const s = grid.sheets[0];
      expect(cellAt(s, 1, 1)).toEqual({ value: "Tỷ lệ hồ sơ đúng hạn" });
      expect(cellAt(s, 1, 2)).toMatchObject({ value: 0.9987, numFmt: "0.00%" });
      expect(cellAt(s, 2, 2)!.value).toBe(45306);
      expect(cellAt(s, 2, 2)!.numFmt!.replace(/"/g, "")).toBe("dd/mm/yyyy");
      expect(cellAt(s, 3, 2)).toMatchObject({ value: 99.87, formula: "B1*100" });
      expect(cellAt(s, 4, 2)).toEqual({ value: '=HYPERLINK("x")' });
      if (format === "xls") expect(cellAt(s, 5, 2)).toEqual({ value: "", formula: 'IF(B1>1,"quá","")' });
      // LibreOffice writes an empty-text formula result in .ods with no value type; SheetJS reads no cell there (blank).
      else expect(cellAt(s, 5, 2)?.value ?? "").toBe("");
      expect(cellAt(s, 6, 2)).toMatchObject({ value: null, error: "#DIV/0!", formula: "1/0" });
      expect(s.merges).toEqual([{ top: 8, left: 1, bottom: 8, right: 3 }]);
    },
  );

  test("detected by content, not by name: an .xls named .xlsx and an .ods named .xls are read", () => {
    const xls = fs.readFileSync(files.rich.xls);
    const ods = fs.readFileSync(files.rich.ods);
    fs.writeFileSync(path.join(work, "doi-ten.xlsx"), xls);
    fs.writeFileSync(path.join(work, "doi-ten.xls"), ods);
    expect(load(path.join(work, "doi-ten.xlsx")).sheets[0].name).toBe("Trang chính");
    expect(load(path.join(work, "doi-ten.xls")).sheets[0].name).toBe("Trang chính");
    expect(loadWorkbookBytes(xls)).toMatchObject({ ok: true, format: "xls" });
    expect(loadWorkbookBytes(ods)).toMatchObject({ ok: true, format: "ods" });
  });

  test.each(["xls", "ods"] as const)(".%s → .xlsx copy → read again: the same grid (what fill patches)", async (format) => {
    const grid = load(files.rich[format]);
    const again = readWorkbookGrid(await xlsxFromGrid(ExcelJS, grid));
    expect(again.sheets.map((s) => [s.name, s.state, s.merges, s.rows])).toEqual(
      grid.sheets.map((s) => [s.name, s.state, s.merges, s.rows]),
    );
  });
});

describe("bounds and bad files", () => {
  test("rows past the limit are not read, and the sheet says so", () => {
    const grid = readLegacyWorkbook(fs.readFileSync(files["xa-numeric"].xls), "xls", { maxRows: 10 });
    expect(grid.sheets[0].truncatedAtRow).toBe(10);
    expect(grid.sheets[0].maxRow).toBeLessThanOrEqual(10);
    const cells = readLegacyWorkbook(fs.readFileSync(files["xa-numeric"].ods), "ods", { maxCells: 5 });
    expect(cells.sheets.flatMap((s) => s.rows.flat()).filter(Boolean).length).toBeLessThanOrEqual(5);
    expect(cells.sheets[0].truncatedAtRow).toBeDefined();
  });

  test("a password-protected .xls (FilePass record) and .xlsx keep a clear message", () => {
    const xls = Buffer.from(fs.readFileSync(files.rich.xls));
    // Turn the WriteAccess record (0x005C, 112 bytes) right after BOF into an RC4 FilePass record.
    const at = xls.indexOf(Buffer.from([0x5c, 0x00, 0x70, 0x00]));
    expect(at).toBeGreaterThan(0);
    xls.writeUInt16LE(0x002f, at);
    xls.writeUInt16LE(1, at + 4); // wEncryptionType: RC4
    xls.writeUInt16LE(1, at + 6); // version 1.1
    xls.writeUInt16LE(1, at + 8);
    expect(loadWorkbookBytes(xls)).toEqual({ ok: false, reason: expect.stringMatching(/mật khẩu/) });
    const ooxml = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ooxml);
    Buffer.from("EncryptionInfo", "utf16le").copy(ooxml, 1024);
    expect(loadWorkbookBytes(ooxml)).toEqual({ ok: false, reason: "tệp được đặt mật khẩu: hãy gỡ mật khẩu rồi gửi lại" });
  });

  test("a damaged .xls or .ods: one Vietnamese line naming the format; a file that is neither keeps its message", () => {
    const xls = fs.readFileSync(files.rich.xls);
    expect(loadWorkbookBytes(xls.subarray(0, 2000))).toEqual({
      ok: false,
      reason: expect.stringMatching(/^tệp Excel 97–2003 \(\.xls\) bị hỏng/),
    });
    const ods = fs.readFileSync(files.rich.ods);
    expect(loadWorkbookBytes(ods.subarray(0, ods.length - 100))).toEqual({
      ok: false,
      reason: expect.stringMatching(/^tệp OpenDocument \(\.ods\) bị hỏng/),
    });
    expect(loadWorkbookBytes(strToU8("Báo cáo quý I"))).toEqual({
      ok: false,
      reason: "không phải tệp Excel .xlsx (không phải tệp nén zip)",
    });
  });

  test("an .ods zip bomb is refused before SheetJS inflates it", () => {
    const bomb = zipSync(
      {
        mimetype: [strToU8("application/vnd.oasis.opendocument.spreadsheet"), { level: 0 }],
        "content.xml": new Uint8Array(80 * 1024 * 1024),
      },
      { level: 1 },
    );
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const started = Date.now();
    expect(loadWorkbookBytes(bomb)).toEqual({ ok: false, reason: expect.stringMatching(/^tệp quá lớn: dữ liệu giải nén vượt quá 64 MB/) });
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
