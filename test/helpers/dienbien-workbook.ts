/**
 * The department form of Điện Biên (template "dienbien-so") as a department sends
 * it: one sheet, the appendix title, the STT / Chỉ tiêu thống kê / Đơn vị tính /
 * Số liệu / Ghi chú header, values typed as text as printed in the seed
 * (seeds/002_…), "Trong đó" in the STT cell of the first uncoded row.
 */
import ExcelJS from "exceljs";
import { findTemplate, rowKey } from "../../src/catalog";
import { DIENBIEN_NOTES, DIENBIEN_VALUES } from "../fixtures/seed-values-dienbien";

const TITLE = "TỔNG KÊ SỐ LIỆU VỀ KẾT QUẢ THỰC HIỆN CÔNG TÁC CCHC TẠI CÁC CƠ QUAN CHUYÊN MÔN THUỘC UBND TỈNH";
/** The STT the seed prints for the uncoded rows. */
const PRINTED_STT: Record<string, string> = { "b1.3.1.3.tinh": "Trong đó" };

export interface DeptStyle {
  unit?: string;
  /** rowKey → raw text (undefined removes the value). */
  values?: Record<string, string | undefined>;
  notes?: Record<string, string | undefined>;
  /** Repeat the column header after this many rows (a Word page break pasted into Excel). */
  repeatHeaderEvery?: number;
  /** "1.1." instead of "1.1". */
  trailingDots?: boolean;
}

function header(ws: ExcelJS.Worksheet, r: number): number {
  ws.getCell(r, 1).value = "STT";
  ws.getCell(r, 2).value = "Chỉ tiêu thống kê (Sử dụng trong kỳ báo cáo quý, 6 tháng, năm)";
  ws.getCell(r, 3).value = "Kết quả thống kê";
  ws.mergeCells(r, 3, r, 4);
  ws.getCell(r, 5).value = "Ghi chú";
  ws.getCell(r + 1, 3).value = "Đơn vị tính";
  ws.getCell(r + 1, 4).value = "Số liệu";
  return r + 2;
}

export async function deptWorkbook(style: DeptStyle = {}): Promise<Uint8Array> {
  const form = findTemplate("dienbien-so")!.forms[0];
  const values = { ...DIENBIEN_VALUES, ...style.values };
  const notes = { ...DIENBIEN_NOTES, ...style.notes };
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Phụ lục");
  ws.getCell(1, 1).value = `Đơn vị báo cáo: ${style.unit ?? "Sở Kế hoạch và Đầu tư"}`;
  ws.getCell(2, 1).value = "Kỳ báo cáo: Quý I năm 2023";
  ws.getCell(3, 1).value = TITLE;
  ws.mergeCells(3, 1, 3, 5);
  ws.getCell(4, 1).value = "Quý I, năm 2022";
  ws.getCell(5, 1).value = "(Kèm theo Báo cáo số /BC-SKHĐT ngày 17/3/2023 của Sở Kế hoạch và Đầu tư)";
  let r = header(ws, 7);
  let since = 0;
  for (const row of form.rows) {
    if (style.repeatHeaderEvery && since === style.repeatHeaderEvery) {
      r = header(ws, r);
      since = 0;
    }
    const key = rowKey(row);
    const code = row.code === "" ? (PRINTED_STT[row.id] ?? "") : style.trailingDots ? `${row.code}.` : row.code;
    ws.getCell(r, 1).value = code;
    ws.getCell(r, 2).value = row.label;
    ws.getCell(r, 3).value = row.unit;
    if (values[key] !== undefined) ws.getCell(r, 4).value = values[key]!;
    if (notes[key] !== undefined) ws.getCell(r, 5).value = notes[key]!;
    if (row.kind === "heading") ws.getRow(r).font = { bold: true };
    r++;
    since++;
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
