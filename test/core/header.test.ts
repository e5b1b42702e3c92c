/**
 * The unit and the period of a workbook from its header block, in the shapes
 * officers write (issue 11 item 1): written by exceljs, read back by our reader.
 */
import ExcelJS from "exceljs";
import { parsePeriod, readHeader } from "../../src/core/header";
import { readHeader as readHeaderFromLocate } from "../../src/core/locate";
import type { Cell, SheetGrid } from "../../src/core/grid";
import { readWorkbookGrid } from "../../src/xlsx/read-grid";

type Cells = Record<string, string>;

/** A sheet with the given header cells, then a small table whose header starts at `tableRow`. */
async function headerOf(cells: Cells, tableRow = 9, extraSheets: Cells[] = []): Promise<ReturnType<typeof readHeader>> {
  const wb = new ExcelJS.Workbook();
  for (const [i, sheetCells] of [cells, ...extraSheets].entries()) {
    const ws = wb.addWorksheet(`Sheet${i + 1}`);
    for (const [ref, text] of Object.entries(sheetCells)) ws.getCell(ref).value = text;
    ws.getCell(`A${tableRow}`).value = "STT";
    ws.getCell(`B${tableRow}`).value = "Chỉ tiêu thống kê";
    ws.getCell(`D${tableRow}`).value = "Số liệu";
    ws.getCell(`A${tableRow + 1}`).value = "1";
    ws.getCell(`B${tableRow + 1}`).value = "Năm 2023 và năm 2022"; // inside the table: never a period
    ws.getCell(`D${tableRow + 1}`).value = 5;
  }
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  return readHeader(readWorkbookGrid(bytes));
}

const TITLE = "BÁO CÁO KẾT QUẢ CÔNG TÁC CẢI CÁCH HÀNH CHÍNH";

describe("unit from the header block", () => {
  test.each<[string, Cells, string]>([
    ["our template's label", { A1: "Đơn vị báo cáo: UBND xã Lê Hồng", A2: "Kỳ báo cáo: Quý I năm 2024" }, "UBND xã Lê Hồng"],
    [
      "ỦY BAN NHÂN DÂN / XÃ ĐÔNG HÒA on two rows",
      { A1: "ỦY BAN NHÂN DÂN", A2: "XÃ ĐÔNG HÒA", D1: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", D2: "Độc lập - Tự do - Hạnh phúc" },
      "UBND xã Đông Hòa",
    ],
    ["two lines of one cell", { A1: "ỦY BAN NHÂN DÂN\nPHƯỜNG BA ĐÌNH" }, "UBND phường Ba Đình"],
    ["Uỷ (old accent placement), merged-looking cells", { B1: "UỶ BAN NHÂN DÂN", B2: "THỊ TRẤN MƯỜNG TÈ" }, "UBND thị trấn Mường Tè"],
    ["UBND HUYỆN X above UBND XÃ Y", { A1: "UBND HUYỆN MAI SƠN", A2: "UBND XÃ CHIỀNG MUNG" }, "UBND xã Chiềng Mung"],
    ["UBND HUYỆN X above ỦY BAN NHÂN DÂN / XÃ Y", { A1: "UBND HUYỆN MAI SƠN", A2: "ỦY BAN NHÂN DÂN", A3: "XÃ HÁT LÓT" }, "UBND xã Hát Lót"],
    ["UBND TỈNH above SỞ", { A1: "UBND TỈNH ĐIỆN BIÊN", A2: "SỞ KẾ HOẠCH VÀ ĐẦU TƯ" }, "SỞ KẾ HOẠCH VÀ ĐẦU TƯ"],
    ["the province alone", { A1: "ỦY BAN NHÂN DÂN TỈNH SƠN LA" }, "UBND tỉnh Sơn La"],
    ["a special zone", { A1: "UBND TỈNH QUẢNG NINH", A2: "UBND ĐẶC KHU VÂN ĐỒN" }, "UBND đặc khu Vân Đồn"],
    ["mixed case kept", { A1: "UBND xã Đồng Hòa" }, "UBND xã Đồng Hòa"],
  ])("%s", async (_, cells, unit) => {
    expect((await headerOf(cells)).unit).toBe(unit);
  });

  test("CỘNG HÒA XÃ HỘI … and a dateline are not units", async () => {
    expect((await headerOf({ D1: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", D3: "Hát Lót, ngày 15 tháng 3 năm 2024" })).unit).toBeUndefined();
  });

  test("locate.ts still exports readHeader", () => {
    expect(readHeaderFromLocate).toBe(readHeader);
  });
});

describe("period from the header block", () => {
  test.each<[string, Cells, string, number]>([
    ["label and period in one cell", { A1: "UBND xã A", A2: "Kỳ báo cáo: Quý I/2024" }, "Quý I năm 2024", 9],
    ["label cell, period in the next cell", { A1: "UBND xã A", A3: "Kỳ báo cáo:", B3: "Quý II năm 2024" }, "Quý II năm 2024", 9],
    [
      "label without colon, value two cells right",
      { A1: "UBND xã A", A3: "Kỳ báo cáo", C3: "6 tháng đầu năm 2024" },
      "6 tháng đầu năm 2024",
      9,
    ],
    [
      "several rows further down",
      { A1: "ỦY BAN NHÂN DÂN", A2: "XÃ ĐÔNG HÒA", A5: TITLE, A12: "(Kỳ báo cáo: Quý III năm 2024)" },
      "Quý III năm 2024",
      14,
    ],
    ["only in the title, capitals", { A1: "UBND XÃ A", A5: `${TITLE} QUÝ I NĂM 2024` }, "Quý I năm 2024", 9],
    ["title with 6 tháng", { A1: "UBND XÃ A", A5: `${TITLE} 6 tháng đầu năm 2024` }, "6 tháng đầu năm 2024", 9],
    ["title with Quý I/2024", { A1: "UBND XÃ A", A5: `${TITLE} Quý I/2024` }, "Quý I năm 2024", 9],
    ["title with năm 2024", { A1: "UBND XÃ A", A5: `${TITLE} năm 2024` }, "Năm 2024", 9],
    ["title with 9 tháng", { A1: "UBND XÃ A", A5: `${TITLE} 9 THÁNG NĂM 2024` }, "9 tháng năm 2024", 9],
    ["title with 9 tháng, no year", { A1: "UBND XÃ A", A5: `${TITLE} 9 tháng` }, "9 tháng", 9],
    ["title with Quý III, no year", { A1: "UBND XÃ A", A5: `${TITLE} QUÝ III` }, "Quý III", 9],
    [
      "a dateline is not the period",
      { A1: "UBND XÃ A", D3: "A, ngày 10 tháng 3 năm 2025", A5: `${TITLE} QUÝ I NĂM 2025` },
      "Quý I năm 2025",
      9,
    ],
    ["label wins over the title", { A1: "UBND XÃ A", A2: "Kỳ báo cáo: Quý IV năm 2023", A5: `${TITLE} NĂM 2024` }, "Quý IV năm 2023", 9],
  ])("%s", async (_, cells, period, tableRow) => {
    expect((await headerOf(cells, tableRow)).period).toBe(period);
  });

  test("a blank placeholder is no period; the table's own year columns are not read", async () => {
    expect((await headerOf({ A1: "Đơn vị báo cáo: ……", A2: "Kỳ báo cáo: ……………" })).period).toBeUndefined();
  });

  test("a later sheet's period is used when the first sheet has none", async () => {
    const h = await headerOf({ A1: "UBND XÃ B" }, 9, [{ A1: "UBND XÃ B", A2: "Kỳ báo cáo: Quý I năm 2024" }]);
    expect(h).toEqual({ unit: "UBND xã B", period: "Quý I năm 2024" });
  });
});

describe("parsePeriod", () => {
  test.each([
    ["Quý I năm 2024", "Quý I năm 2024"],
    ["QUÝ 1 - 2024", "Quý I năm 2024"],
    ["quý IV năm 2023", "Quý IV năm 2023"],
    ["Sáu tháng đầu năm 2024", "6 tháng đầu năm 2024"],
    ["06 tháng năm 2024", "6 tháng đầu năm 2024"],
    ["Năm 2024", "Năm 2024"],
    ["6 tháng cuối năm 2024", "6 tháng cuối năm 2024"],
    ["Chín tháng đầu năm 2024", "9 tháng năm 2024"],
    ["Số liệu sau tháng 6 năm 2024", undefined],
    ["Hát Lót, ngày 09 tháng 3 năm 2024", undefined],
    ["ngày 06 tháng 6 năm 2024", undefined],
    ["ngày 15 tháng 3 năm 2024", undefined],
    ["tháng 3/2024", undefined],
    ["Cải cách hành chính", undefined],
  ])("%s → %s", (text, period) => {
    expect(parsePeriod(text)).toBe(period);
  });
});

describe("header rows as the reader leaves them (holes, missing rows, hidden sheets, wide rows)", () => {
  // Built by hand: rows with holes (never set), missing rows, a cell past column 64.
  const sheetOf = (name: string, state: SheetGrid["state"], rows: (Cell | undefined)[][]): SheetGrid => {
    const maxCol = Math.max(0, ...rows.map((r) => (r ? r.length : 0)));
    return { name, state, rows, merges: [], maxRow: rows.length, maxCol };
  };
  const c = (value: string): Cell => ({ value });

  test("holes and missing rows add no line; a table header in a later column ends the block", () => {
    const rows: (Cell | undefined)[][] = [];
    rows[0] = [];
    rows[0][2] = c("UBND XÃ HÒA BÌNH"); // A1, B1 holes
    rows[2] = [undefined, c("Kỳ báo cáo:"), c("Quý II năm 2024")]; // row 2 missing
    rows[3] = [];
    rows[3][1] = c("STT"); // B4: the table starts; lines below are never read
    rows[4] = [c("UBND XÃ KHÁC"), c("Kỳ báo cáo: Năm 2023")];
    expect(readHeader({ sheets: [sheetOf("S", "visible", rows)] })).toEqual({ unit: "UBND xã Hòa Bình", period: "Quý II năm 2024" });
  });

  test("cells past column 64 are not header lines", () => {
    const row: (Cell | undefined)[] = [];
    row[64] = c("UBND XÃ XA"); // column 65
    row[63] = c("Kỳ báo cáo: Quý I năm 2024"); // column 64
    expect(readHeader({ sheets: [sheetOf("S", "visible", [row])] })).toEqual({ period: "Quý I năm 2024" });
  });

  test("visible sheets first, whatever their order; a hidden sheet fills in what they lack", () => {
    const hidden = sheetOf("H", "hidden", [[c("UBND XÃ ẨN")], [c("Kỳ báo cáo: Năm 2020")]]);
    const visible = sheetOf("V", "visible", [[c("UBND XÃ HIỆN")]]);
    expect(readHeader({ sheets: [hidden, visible] })).toEqual({ unit: "UBND xã Hiện", period: "Năm 2020" });
    expect(readHeader({ sheets: [visible] })).toEqual({ unit: "UBND xã Hiện" });
    expect(Object.keys(readHeader({ sheets: [hidden] }))).toEqual(["unit", "period"]);
  });

  test("a name in capitals is written as a name, the same every time it is met", () => {
    const g = { sheets: [sheetOf("S", "visible", [[c("UBND XÃ ĐÔNG HÒA")]])] };
    expect(readHeader(g)).toEqual({ unit: "UBND xã Đông Hòa" });
    expect(readHeader(g)).toEqual({ unit: "UBND xã Đông Hòa" });
  });
});
