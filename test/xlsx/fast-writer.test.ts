/**
 * The fast .xlsx writer: real files written, then read back with our reader
 * (values, formulas, number formats, merges), with exceljs (styles, columns,
 * views, page setup, print titles: an Excel-like parser accepts the package)
 * and recalculated by LibreOffice.
 *
 * Speed, measured once with a script on the 2-core dev machine (node 20.20),
 * 7 sheets × 113 rows × 3,321 styled numbers + a SUM per row (2.63 M cells,
 * 86 MB of XML → 12.5 MB .xlsx), including building the caller's cell objects:
 *   XlsxWriter (Node zlib):  ~0.6 s, peak RSS 100–115 MB (an idle node: 40 MB)
 *   XlsxWriter (fflate):     ~1.4 s, peak RSS 110–130 MB
 *   exceljs stream.xlsx.WorkbookWriter: 13.0 s unstyled (186 MB), 20.3 s with
 *   the same per-cell numFmt + border (316 MB).
 */
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { SaxesParser } from "saxes";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { cellAt, type SheetGrid, type WorkbookGrid } from "../../src/core/grid";
import { readWorkbookGrid } from "../../src/xlsx/read-grid";
import { XlsxWriter, quoteSheetName, type XCell, type XValue } from "../../src/xlsx/fast-writer";
import { writeErrorOf } from "../helpers/write-error";
import { recalcWithLibreOffice } from "../helpers/libreoffice";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bieumau-fastwriter-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const nfd = (s: string): string => s.normalize("NFD");
const LONG = "Đ".repeat(40_000);
const SHEET2 = "Chi tiết O'Brien";

function sheet(grid: WorkbookGrid, name: string): SheetGrid {
  const s = grid.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

function at(s: SheetGrid, ref: string): ReturnType<typeof cellAt> {
  const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
  let col = 0;
  for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
  return cellAt(s, Number(m[2]), col);
}

/** Cells of one row from a plain array: index 0 = column A; undefined entries skipped. */
function cells(values: (XValue | [XValue, number])[], firstCol = 1): (XCell | undefined)[] {
  return values.map((v, i) =>
    Array.isArray(v) ? { col: firstCol + i, value: v[0], style: v[1] } : v === undefined ? undefined : { col: firstCol + i, value: v },
  );
}

/** Test 1's workbook: two visible sheets and a hidden one, every feature once. */
function buildFeatureWorkbook(deflater: "auto" | "fflate" = "auto"): Uint8Array {
  const wb = new XlsxWriter({
    creator: nfd("Sở Nội vụ tỉnh"),
    title: nfd("Tổng hợp CCHC & <quý> 1"),
    created: new Date("2025-03-31T08:00:00Z"),
    deflater,
  });
  const header = wb.style({ bold: true, size: 13, fill: "F2F2F2", border: true, hAlign: "center", vAlign: "middle", wrap: true });
  const int = wb.style({ numFmt: "#,##0", border: true, hAlign: "right" });
  const dec = wb.style({ numFmt: "0.00", border: true });
  const pct = wb.style({ numFmt: "0.00%" });
  const custom = wb.style({ numFmt: '#,##0.0 "đồng"', italic: true, color: "#ff0000", font: "Arial", size: 10 });
  const boxed = wb.style({ border: true });
  expect(wb.style({ numFmt: "#,##0", border: true, hAlign: "right" })).toBe(int); // registered once
  expect(wb.style({})).toBe(0);

  const s1 = wb.addSheet(nfd("Tổng hợp"), {
    columns: [{ width: 6 }, { width: 40 }, { width: 12, hidden: true }, { width: 14 }, { width: 14 }],
    freeze: { rows: 2, cols: 2 },
    print: { landscape: true, fitToWidth: true, titleRows: [1, 2], horizontalCentered: true },
    tabColor: "00B050",
  });
  s1.row(
    1,
    cells([
      ["BIỂU TỔNG HỢP", header],
      [null, header],
      [null, header],
      [null, header],
    ]),
    { height: 30 },
  );
  s1.merge(1, 1, 1, 4);
  s1.row(
    2,
    cells([
      ["STT", header],
      ["Chỉ tiêu", header],
      ["Cột ẩn", header],
      ["Giá trị", header],
      ["Tỷ lệ", header],
    ]),
  );
  s1.row(3, cells([1, nfd("Số thủ tục hành chính"), "=SUM(A1:A2)", [1234567, int], [0.9987, pct]]));
  s1.row(4, cells([2, "+84 912 345 678", "-5 phút", [0.5, dec], ["@mention", boxed]]));
  s1.row(5, cells([3, "a & b < c > d \"q\" 's'", true, [false, boxed], [1234.5, custom]]));
  s1.row(6, cells(["x\u0001y\u0008z\u000Bw\u001F", "tab\there\nnewline\r\nCRLF", "  leading and trailing  ", "_x0041_ literal _x005F_"]));
  s1.row(
    7,
    cells([
      { formula: "=D3>0" },
      { formula: '"a"&"b"', result: "ab" },
      { formula: "1=1", result: true },
      [{ formula: "SUM(D3:D4)", result: 1234567.5 }, int],
      { formula: 'IF(D3>1,"lớn & <nhỏ>","")', result: "lớn & <nhỏ>" },
    ]),
  );
  s1.row(8, cells(["\uD800abc\uDFFF", "\uFFFE", "😀 ok", LONG]));
  s1.row(9, cells([-0.25, 1e-7, 1e21, 123456789012345, -3]));
  s1.row(10, cells([["", boxed], [null, boxed], undefined, [undefined, boxed], ""]));
  s1.row(11, [], { height: 5 }); // formatting-only row
  s1.row(12, [
    { col: 3, value: "only C" },
    { col: 26, value: "Z" },
    { col: 28, value: "AB" },
  ]);
  s1.merge(12, 4, 13, 6);

  const s2 = wb.addSheet(SHEET2, { freeze: { rows: 4 }, print: { titleRows: [3, 4] }, columns: [undefined, { hidden: true }] });
  s2.row(
    3,
    cells([
      ["Mã", header],
      ["Tên", header],
    ]),
  );
  s2.row(
    4,
    cells([
      ["(1)", header],
      ["(2)", header],
    ]),
  );
  s2.row(5, cells([{ formula: `${quoteSheetName(nfd("Tổng hợp"))}!D3*2`, result: 2469134 }, nfd("Xã Hòa Bình")]));
  s2.end();
  s1.end(); // sheets may end in any order

  const s3 = wb.addSheet("Ẩn", { state: "hidden", freeze: { cols: 1 } });
  s3.row(1, cells(["hidden"]));
  return wb.finish();
}

describe("XlsxWriter: a workbook read back", () => {
  const bytes = buildFeatureWorkbook();
  const file = path.join(tmp, "features.xlsx");
  fs.writeFileSync(file, bytes);
  const grid = readWorkbookGrid(bytes);
  const s1 = sheet(grid, "Tổng hợp");
  const s2 = sheet(grid, SHEET2);

  test("sheets, order, names (NFC) and states", () => {
    expect(grid.sheets.map((s) => [s.name, s.state])).toEqual([
      ["Tổng hợp", "visible"],
      [SHEET2, "visible"],
      ["Ẩn", "hidden"],
    ]);
    expect(s1.name).toBe("Tổng hợp".normalize("NFC"));
  });

  test("values, number formats, booleans, numbers", () => {
    expect(at(s1, "A1")).toEqual({ value: "BIỂU TỔNG HỢP" });
    expect(at(s1, "B1")).toBeUndefined(); // styled blank inside the merge
    expect(at(s1, "A3")).toEqual({ value: 1 });
    expect(at(s1, "D3")).toEqual({ value: 1234567, numFmt: "#,##0" });
    expect(at(s1, "E3")).toEqual({ value: 0.9987, numFmt: "0.00%" });
    expect(at(s1, "D4")).toEqual({ value: 0.5, numFmt: "0.00" });
    expect(at(s1, "E5")).toEqual({ value: 1234.5, numFmt: '#,##0.0 "đồng"' });
    expect(at(s1, "C5")).toEqual({ value: true });
    expect(at(s1, "D5")).toEqual({ value: false });
    expect([1, 2, 3, 4, 5].map((c) => cellAt(s1, 9, c)?.value)).toEqual([-0.25, 1e-7, 1e21, 123456789012345, -3]);
  });

  test("text stays text: NFC, leading = + - @, XML specials, control characters, escapes", () => {
    const b3 = at(s1, "B3")!.value as string;
    expect(b3).toBe("Số thủ tục hành chính".normalize("NFC"));
    expect(b3).not.toBe(nfd("Số thủ tục hành chính"));
    for (const [ref, text] of [
      ["C3", "=SUM(A1:A2)"],
      ["B4", "+84 912 345 678"],
      ["C4", "-5 phút"],
      ["E4", "@mention"],
    ] as const) {
      expect(at(s1, ref)!.value).toBe(text);
      expect(at(s1, ref)!.formula).toBeUndefined();
    }
    expect(at(s1, "B5")!.value).toBe("a & b < c > d \"q\" 's'");
    expect(at(s1, "A6")!.value).toBe("xyzw");
    expect(at(s1, "B6")!.value).toBe("tab\there\nnewline\r\nCRLF");
    expect(at(s1, "C6")!.value).toBe("  leading and trailing  ");
    expect(at(s1, "D6")!.value).toBe("_x0041_ literal _x005F_");
    expect(at(s1, "A8")!.value).toBe("abc"); // lone surrogates removed
    expect(at(s1, "B8")).toBeUndefined(); // nothing left
    expect(at(s1, "C8")!.value).toBe("😀 ok");
    expect(at(s1, "D8")!.value).toBe("Đ".repeat(32767));
    // "" and null are empty cells, styled or not
    expect(s1.rows[9]).toEqual([]);
    expect(at(s1, "C12")!.value).toBe("only C");
    expect(at(s1, "AB12")!.value).toBe("AB");
  });

  test("formulas with and without cached results", () => {
    expect(at(s1, "A7")).toEqual({ value: null, formula: "D3>0" });
    expect(at(s1, "B7")).toEqual({ value: "ab", formula: '"a"&"b"' });
    expect(at(s1, "C7")).toEqual({ value: true, formula: "1=1" });
    expect(at(s1, "D7")).toEqual({ value: 1234567.5, numFmt: "#,##0", formula: "SUM(D3:D4)" });
    expect(at(s1, "E7")).toEqual({ value: "lớn & <nhỏ>", formula: 'IF(D3>1,"lớn & <nhỏ>","")' });
    expect(at(s2, "A5")).toEqual({ value: 2469134, formula: "'Tổng hợp'!D3*2" });
    expect(at(s2, "B5")!.value).toBe("Xã Hòa Bình");
  });

  test("merges and dimensions", () => {
    expect(s1.merges).toEqual([
      { top: 1, left: 1, bottom: 1, right: 4 },
      { top: 12, left: 4, bottom: 13, right: 6 },
    ]);
    expect(s1.maxRow).toBe(12);
    expect(s1.maxCol).toBe(28);
  });

  test("every part is well-formed XML; worksheet children in schema order", () => {
    const parts = unzipSync(bytes);
    const names = Object.keys(parts);
    expect(names[0]).toBe("[Content_Types].xml");
    expect(names).toEqual(
      expect.arrayContaining([
        "_rels/.rels",
        "docProps/core.xml",
        "docProps/app.xml",
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "xl/styles.xml",
        "xl/sharedStrings.xml",
        "xl/worksheets/sheet1.xml",
        "xl/worksheets/sheet2.xml",
        "xl/worksheets/sheet3.xml",
      ]),
    );
    const ORDER = [
      "sheetPr",
      "dimension",
      "sheetViews",
      "sheetFormatPr",
      "cols",
      "sheetData",
      "mergeCells",
      "printOptions",
      "pageMargins",
      "pageSetup",
    ];
    const texts = new Map<string, string>();
    for (const name of names) {
      const text = strFromU8(parts[name]);
      texts.set(name, text);
      const children: string[] = [];
      const parser = new SaxesParser({ xmlns: true });
      let depth = 0;
      parser.on("opentag", (t) => {
        if (depth++ === 1) children.push(t.local);
      });
      parser.on("closetag", () => depth--);
      parser.write(text).close(); // throws on malformed XML
      if (name.startsWith("xl/worksheets/")) {
        const idx = children.map((c) => ORDER.indexOf(c));
        expect(idx.every((i) => i >= 0)).toBe(true);
        expect([...idx].sort((a, b) => a - b)).toEqual(idx);
      }
    }
    const s1xml = texts.get("xl/worksheets/sheet1.xml")!;
    expect(s1xml).toContain('<dimension ref="A1:AB12"/>');
    expect(s1xml).toContain('<pane xSplit="2" ySplit="2" topLeftCell="C3" activePane="bottomRight" state="frozen"/>');
    expect(s1xml).toContain('<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>');
    expect(s1xml).toContain('<sheetPr><tabColor rgb="FF00B050"/><pageSetUpPr fitToPage="1"/></sheetPr>');
    expect(texts.get("xl/worksheets/sheet2.xml")).toContain('activePane="bottomLeft"');
    expect(texts.get("xl/worksheets/sheet3.xml")).toContain('activePane="topRight"');
    const wbXml = texts.get("xl/workbook.xml")!;
    expect(wbXml).toContain('<definedName name="_xlnm.Print_Titles" localSheetId="0">\'Tổng hợp\'!$1:$2</definedName>');
    expect(wbXml).toContain("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"1\">'Chi tiết O''Brien'!$3:$4</definedName>");
    expect(wbXml).toContain('fullCalcOnLoad="1"');
    expect(texts.get("docProps/core.xml")).toContain("<dc:title>Tổng hợp CCHC &amp; &lt;quý&gt; 1</dc:title>");
    const styles = texts.get("xl/styles.xml")!;
    expect(styles).toContain('<fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>');
    expect(styles).toMatch(/<numFmt numFmtId="16\d" formatCode="#,##0.0 &quot;đồng&quot;"\/>/);
  });

  test("the same workbook through fflate reads the same", () => {
    const other = readWorkbookGrid(buildFeatureWorkbook("fflate"));
    expect(other).toEqual(grid);
  });

  test("exceljs accepts the package: properties, styles, columns, views, page setup, print titles", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    expect(wb.creator).toBe("Sở Nội vụ tỉnh");
    expect(wb.title).toBe("Tổng hợp CCHC & <quý> 1");
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ["Tổng hợp", "visible"],
      [SHEET2, "visible"],
      ["Ẩn", "hidden"],
    ]);
    const ws = wb.getWorksheet("Tổng hợp")!;
    const a1 = ws.getCell("A1");
    expect(a1.font).toMatchObject({ name: "Times New Roman", size: 13, bold: true });
    expect(a1.fill).toMatchObject({ type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } });
    expect(a1.border).toMatchObject({
      top: { style: "thin" },
      left: { style: "thin" },
      bottom: { style: "thin" },
      right: { style: "thin" },
    });
    expect(a1.alignment).toMatchObject({ horizontal: "center", vertical: "middle", wrapText: true });
    expect(ws.getCell("D3").font).toMatchObject({ name: "Times New Roman", size: 12 });
    expect(ws.getCell("D3").font.bold).toBeFalsy();
    expect(ws.getCell("D3").border).toMatchObject({ top: { style: "thin" } });
    expect(ws.getCell("D3").numFmt).toBe("#,##0");
    expect(ws.getCell("D3").alignment).toMatchObject({ horizontal: "right" });
    expect(ws.getCell("D4").numFmt).toBe("0.00");
    expect(ws.getCell("E5").font).toMatchObject({ name: "Arial", size: 10, italic: true, color: { argb: "FFFF0000" } });
    expect(ws.getCell("C3").value).toBe("=SUM(A1:A2)"); // a string, not { formula }
    expect(ws.getCell("D7").value).toMatchObject({ formula: "SUM(D3:D4)", result: 1234567.5 });
    expect(ws.getCell("C12").value).toBe("only C");
    expect(ws.getColumn(2).width).toBe(40);
    expect(ws.getColumn(3).hidden).toBe(true);
    expect(ws.getColumn(4).width).toBe(14);
    expect(ws.getRow(1).height).toBe(30);
    expect(ws.views[0]).toMatchObject({ state: "frozen", xSplit: 2, ySplit: 2, topLeftCell: "C3" });
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
    });
    expect(ws.pageSetup.printTitlesRow).toBe("1:2");
    expect(ws.properties.tabColor).toMatchObject({ argb: "FF00B050" });
    expect(ws.model.merges).toEqual(expect.arrayContaining(["A1:D1", "D12:F13"]));

    const ws2 = wb.getWorksheet(SHEET2)!;
    expect(ws2.views[0]).toMatchObject({ state: "frozen", ySplit: 4 });
    expect(ws2.pageSetup).toMatchObject({ paperSize: 9, orientation: "portrait" });
    expect(ws2.pageSetup.fitToPage).toBeFalsy();
    expect(ws2.pageSetup.printTitlesRow).toBe("3:4");
    expect(ws2.getColumn(2).hidden).toBe(true);
    expect(wb.getWorksheet("Ẩn")!.views[0]).toMatchObject({ state: "frozen", xSplit: 1 });
  });
});

describe("XlsxWriter: LibreOffice", () => {
  let recalculated: WorkbookGrid;
  let features: WorkbookGrid;

  beforeAll(() => {
    // Detail sheets with inputs, a summary with SUM / COUNT / IF and cross-sheet references, no cached results.
    const wb = new XlsxWriter({ title: "Tính lại" });
    const bold = wb.style({ bold: true, border: true });
    const d1 = wb.addSheet("Chi tiết 1");
    d1.row(4, cells(["Mã", "Xã A", "Xã B", "Xã C", "Cộng"]));
    d1.row(5, cells(["01", 10, 20, 30, [{ formula: "SUM(B5:D5)" }, bold]]));
    d1.row(6, cells(["02", 1.5, "không số", 2.5, [{ formula: "SUM(B6:D6)" }, bold]]));
    d1.row(7, cells(["03", "=SUM(A1:A2)", "+1", "-2", [{ formula: "COUNT(B7:D7)" }, bold]]));
    const d2 = wb.addSheet("Chi tiết 2");
    d2.row(5, cells(["01", 100, 200, 300]));
    const sum = wb.addSheet("Tổng hợp", { print: { titleRows: [1, 1] } });
    const q1 = quoteSheetName("Chi tiết 1");
    const q2 = quoteSheetName("Chi tiết 2");
    sum.row(1, cells(["Chỉ tiêu", "Kết quả"]));
    sum.row(2, cells(["cross-sheet", { formula: `${q1}!C5` }]));
    sum.row(3, cells(["sum of two sheets", { formula: `SUM(${q1}!B5:D5)+SUM(${q2}!B5:D5)` }]));
    sum.row(4, cells(["count numbers", { formula: `COUNT(${q1}!B5:D7)` }]));
    sum.row(5, cells(["if", { formula: `IF(${q1}!E5>50,"lớn","nhỏ")`, result: "sai" }]));
    sum.row(6, cells(["stale cache", { formula: `${q1}!E6*2`, result: 999 }]));
    sum.row(7, cells(["text looks like formula", "=SUM(A1:A2)"]));
    sum.row(8, cells(["sum of text", { formula: `SUM(${q1}!B7:D7)`, result: 123 }]));
    const file = path.join(tmp, "recalc.xlsx");
    fs.writeFileSync(file, wb.finish());
    const featuresFile = path.join(tmp, "features-lo.xlsx");
    fs.writeFileSync(featuresFile, buildFeatureWorkbook());
    const [out, outFeatures] = recalcWithLibreOffice([file, featuresFile]);
    recalculated = readWorkbookGrid(fs.readFileSync(out));
    features = readWorkbookGrid(fs.readFileSync(outFeatures));
  });

  test("formulas recalculate to the expected results (SUM, COUNT, IF, cross-sheet)", () => {
    const d1 = sheet(recalculated, "Chi tiết 1");
    const s = sheet(recalculated, "Tổng hợp");
    expect(at(d1, "E5")!.value).toBe(60);
    expect(at(d1, "E6")!.value).toBe(4);
    expect(at(d1, "E7")!.value).toBe(0); // "=SUM(A1:A2)", "+1", "-2" are text, not numbers
    expect(at(s, "B2")).toMatchObject({ value: 20, formula: "'Chi tiết 1'!C5" });
    expect(at(s, "B3")!.value).toBe(660);
    expect(at(s, "B4")!.value).toBe(5);
    expect(at(s, "B5")!.value).toBe("lớn");
    expect(at(s, "B6")!.value).toBe(8);
    expect(at(s, "B8")!.value).toBe(0);
  });

  test('text "=SUM(A1:A2)" written as a value is still that text after the round trip', () => {
    const s = sheet(recalculated, "Tổng hợp");
    expect(at(s, "B7")).toEqual({ value: "=SUM(A1:A2)" });
    expect(at(sheet(recalculated, "Chi tiết 1"), "B7")).toEqual({ value: "=SUM(A1:A2)" });
    const f = sheet(features, "Tổng hợp");
    expect(at(f, "C3")).toEqual({ value: "=SUM(A1:A2)" });
    expect(at(f, "B4")!.value).toBe("+84 912 345 678");
    expect(at(f, "C4")!.value).toBe("-5 phút");
    expect(at(f, "E4")!.value).toBe("@mention");
  });

  test("LibreOffice opens the feature workbook: values, formulas, formats, merges survive", () => {
    const f = sheet(features, "Tổng hợp");
    expect(features.sheets.map((s) => [s.name, s.state])).toEqual([
      ["Tổng hợp", "visible"],
      [SHEET2, "visible"],
      ["Ẩn", "hidden"],
    ]);
    expect(at(f, "D3")).toEqual({ value: 1234567, numFmt: "#,##0" });
    expect(at(f, "D7")).toMatchObject({ value: 1234567.5, formula: "SUM(D3:D4)" });
    expect(at(f, "A7")).toMatchObject({ value: true, formula: "D3>0" });
    expect(at(f, "E7")!.value).toBe("lớn & <nhỏ>");
    // LibreOffice keeps a lone CR but stores CRLF inside a cell as LF.
    expect(at(f, "B6")!.value).toBe("tab\there\nnewline\nCRLF");
    expect(at(f, "D6")!.value).toBe("_x0041_ literal _x005F_");
    expect(at(sheet(features, SHEET2), "A5")!.value).toBe(2469134);
    expect(f.merges).toEqual(
      expect.arrayContaining([
        { top: 1, left: 1, bottom: 1, right: 4 },
        { top: 12, left: 4, bottom: 13, right: 6 },
      ]),
    );
  });
});

describe("XlsxWriter: scale", () => {
  test("7 sheets × 113 rows × 3,321 numbers + a SUM per row read back", () => {
    const UNITS = 3321;
    const ROWS = 113;
    const wb = new XlsxWriter({ creator: "bench" });
    const num = wb.style({ numFmt: "#,##0", border: true });
    const total = wb.style({ numFmt: "#,##0", border: true, bold: true });
    const lastLetters = "DWG"; // column 3321
    for (let s = 1; s <= 7; s++) {
      const sh = wb.addSheet(`Chi tiết ${s}`, { freeze: { rows: 3, cols: 2 } });
      for (let r = 1; r <= ROWS; r++) {
        const row: XCell[] = new Array(UNITS + 1);
        for (let c = 1; c <= UNITS; c++) row[c - 1] = { col: c, value: (r * c * s) % 1000, style: num };
        row[UNITS] = { col: UNITS + 1, value: { formula: `SUM(A${r}:${lastLetters}${r})` }, style: total };
        sh.row(r, row);
      }
      sh.end();
    }
    const bytes = wb.finish();
    const grid = readWorkbookGrid(bytes, { maxCells: 3_000_000, maxUncompressedBytes: 200 * 1024 * 1024 });
    expect(grid.sheets).toHaveLength(7);
    for (const [s, r, c] of [
      [1, 1, 1],
      [1, 113, 3321],
      [4, 57, 1234],
      [7, 113, 3321],
      [7, 2, 2],
    ]) {
      const g = grid.sheets[s - 1];
      expect(g.maxRow).toBe(ROWS);
      expect(g.maxCol).toBe(UNITS + 1);
      expect(cellAt(g, r, c)).toEqual({ value: (r * c * s) % 1000, numFmt: "#,##0" });
      expect(cellAt(g, r, UNITS + 1)).toEqual({ value: null, numFmt: "#,##0", formula: `SUM(A${r}:DWG${r})` });
    }
  });
});

describe("XlsxWriter: errors", () => {
  const err = writeErrorOf;

  test("sheet names are validated with Vietnamese messages", () => {
    const wb = new XlsxWriter();
    wb.addSheet("Biểu 1");
    expect(err(() => wb.addSheet("  "))).toMatch(/không được để trống/);
    expect(err(() => wb.addSheet("x".repeat(32)))).toMatch(/tối đa 31 ký tự/);
    for (const bad of ["a[b", "a]b", "a:b", "a*b", "a?b", "a/b", "a\\b"]) expect(err(() => wb.addSheet(bad))).toMatch(/không được phép/);
    expect(err(() => wb.addSheet("'abc"))).toMatch(/dấu nháy đơn/);
    expect(err(() => wb.addSheet("BIỂU 1"))).toMatch(/Đã có trang tính tên "Biểu 1"/);
    expect(err(() => wb.addSheet(nfd("biểu 1")))).toMatch(/Đã có trang tính/);
    expect(err(() => wb.addSheet("History"))).toMatch(/dành riêng/);
    expect(wb.addSheet("x".repeat(31)).name).toHaveLength(31);
  });

  test("bad values and order are refused", () => {
    const wb = new XlsxWriter();
    const s = wb.addSheet("A");
    expect(err(() => s.row(1, [{ col: 1, value: NaN }]))).toMatch(/ô A1: giá trị số không hợp lệ \(NaN\)/);
    expect(err(() => s.row(2, [{ col: 2, value: Infinity }]))).toMatch(/ô B2/);
    s.row(3, [{ col: 1, value: 1 }]);
    expect(err(() => s.row(3, [{ col: 1, value: 1 }]))).toMatch(/thứ tự tăng dần/);
    expect(
      err(() =>
        s.row(4, [
          { col: 2, value: 1 },
          { col: 1, value: 1 },
        ]),
      ),
    ).toMatch(/cột A phải đứng sau cột B/);
    expect(err(() => s.row(5, [{ col: 1, value: 1, style: 99 }]))).toMatch(/kiểu định dạng 99 không tồn tại/);
    expect(err(() => s.row(6, [{ col: 0, value: 1 }]))).toMatch(/số cột/);
    s.merge(1, 1, 2, 2);
    expect(err(() => s.merge(2, 2, 3, 3))).toMatch(/chồng lên/);
    expect(err(() => wb.style({ fill: "red" }))).toMatch(/màu nền không hợp lệ/);
    s.end();
    expect(err(() => s.row(10, []))).toMatch(/đã kết thúc/);
    const hidden = new XlsxWriter();
    hidden.addSheet("A", { state: "hidden" });
    expect(err(() => hidden.finish())).toMatch(/ít nhất một trang tính không bị ẩn/);
    expect(err(() => new XlsxWriter().finish())).toMatch(/ít nhất một trang tính/);
  });

  test("quoteSheetName", () => {
    expect(quoteSheetName("Sheet1")).toBe("Sheet1");
    expect(quoteSheetName("Chi tiết 1")).toBe("'Chi tiết 1'");
    expect(quoteSheetName("O'Brien")).toBe("'O''Brien'");
    expect(quoteSheetName("Biểu")).toBe("'Biểu'");
    expect(quoteSheetName("A1")).toBe("'A1'");
    expect(quoteSheetName("R1C1")).toBe("'R1C1'");
    expect(quoteSheetName("1abc")).toBe("'1abc'");
  });
});
