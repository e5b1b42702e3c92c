/**
 * Workbooks as units really send them, built from the seed reports' own
 * values: forms typed by hand or pasted from Word, one sheet per form or all
 * stacked in one sheet, tables not at A1, codes with trailing dots, numbers
 * as text in Vietnamese style.
 */
import ExcelJS from "exceljs";
import { findTemplate, type FormSpec } from "../../src/catalog";
import { readNumber } from "../../src/core/numbers";
import { SEED_NOTES, SEED_VALUES, type SeedTemplateId } from "../fixtures/seed-values";

export interface OfficerStyle {
  /** All forms in one sheet, one under the other, each with its "Biểu mẫu N" title. */
  stacked?: boolean;
  /** Where the table's top-left cell is (1-based). */
  top?: number;
  left?: number;
  /** "2.1." instead of "2.1". */
  trailingDots?: boolean;
  /** Values typed as numbers (percents as 0.9987 with a % format) instead of Word-pasted text. */
  numeric?: boolean;
  /** Repeat the table header after this many rows (a Word page break pasted into Excel). */
  repeatHeaderEvery?: number;
  /** Replace printed values: form → code → raw text (undefined removes the value). */
  override?: Record<number, Record<string, string | undefined>>;
  /** Rows to leave out: form → codes. */
  omit?: Record<number, string[]>;
  /** Extra rows the template does not have: form → after code → [code, label, value]. */
  extra?: Record<number, { after: string; code: string; label: string; value: string }[]>;
  /** Codes written differently: form → template code → written code (a renumbered row). */
  recode?: Record<number, Record<string, string>>;
  unitLine?: string;
  forms?: number[];
}

function headerRows(ws: ExcelJS.Worksheet, r: number, left: number): number {
  ws.getCell(r, left).value = "STT";
  ws.getCell(r, left + 1).value = "Chỉ tiêu thống kê\n(Sử dụng trong kỳ báo cáo hàng quý, 6 tháng, năm)";
  ws.getCell(r, left + 2).value = "Kết quả thống kê";
  ws.getCell(r, left + 4).value = "Ghi chú";
  ws.getCell(r + 1, left + 2).value = "Đơn vị tính";
  ws.getCell(r + 1, left + 3).value = "Số liệu";
  ws.mergeCells(r, left + 2, r, left + 3);
  return r + 2;
}

function writeValue(cell: ExcelJS.Cell, raw: string, form: FormSpec, code: string, numeric: boolean): void {
  if (!numeric) {
    cell.value = raw;
    return;
  }
  const spec = form.rows.find((r) => r.code === code)!;
  const read = readNumber(raw, { kind: spec.kind, unit: spec.unit });
  if (!read || !read.ok) {
    cell.value = raw; // prose stays prose
    return;
  }
  if ((spec.kind === "percent" || spec.kind === "ratio") && /%/.test(raw)) {
    cell.value = read.value / 100;
    cell.numFmt = read.decimals > 0 ? `0.${"0".repeat(read.decimals)}%` : "0%";
  } else {
    cell.value = read.value;
  }
}

/** Writes one form's table from row `r`; returns the next free row. */
function writeForm(ws: ExcelJS.Worksheet, templateId: SeedTemplateId, form: FormSpec, r: number, left: number, style: OfficerStyle): number {
  ws.getCell(r, left).value = `Biểu mẫu ${form.number}`;
  ws.getCell(r + 1, left).value = form.title;
  r = headerRows(ws, r + 2, left);
  const values = { ...SEED_VALUES[templateId][form.number], ...(style.override?.[form.number] ?? {}) };
  const notes = SEED_NOTES[templateId]?.[form.number] ?? {};
  let sinceHeader = 0;
  const put = (code: string, label: string, unit: string, value: string | undefined, note?: string) => {
    if (style.repeatHeaderEvery && sinceHeader === style.repeatHeaderEvery) {
      r = headerRows(ws, r, left);
      sinceHeader = 0;
    }
    ws.getCell(r, left).value = code && style.trailingDots ? `${code}.` : code;
    ws.getCell(r, left + 1).value = label;
    ws.getCell(r, left + 2).value = unit;
    if (value !== undefined) writeValue(ws.getCell(r, left + 3), value, form, code, style.numeric === true);
    if (note) ws.getCell(r, left + 4).value = note;
    r++;
    sinceHeader++;
  };
  for (const row of form.rows) {
    if (style.omit?.[form.number]?.includes(row.code)) continue;
    const written = style.recode?.[form.number]?.[row.code] ?? row.code;
    put(written, row.label, row.unit, values[row.code], notes[row.code]);
    for (const x of style.extra?.[form.number]?.filter((e) => e.after === row.code) ?? []) {
      ws.getCell(r, left).value = x.code;
      ws.getCell(r, left + 1).value = x.label;
      ws.getCell(r, left + 3).value = x.value;
      r++;
    }
  }
  return r + 2;
}

export function buildOfficerWorkbook(templateId: SeedTemplateId, style: OfficerStyle = {}): ExcelJS.Workbook {
  const template = findTemplate(templateId)!;
  const wb = new ExcelJS.Workbook();
  const top = style.top ?? 1;
  const left = style.left ?? 1;
  const forms = template.forms.filter((f) => !style.forms || style.forms.includes(f.number));
  const unitLine = style.unitLine ?? (templateId === "bnv581-tinh" ? "ỦY BAN NHÂN DÂN TỈNH SƠN LA" : "UBND xã Lê Hồng");
  if (style.stacked) {
    const ws = wb.addWorksheet("Phụ lục");
    ws.getCell(top, left).value = unitLine;
    let r = top + 2;
    for (const form of forms) r = writeForm(ws, templateId, form, r, left, style);
  } else {
    for (const form of forms) {
      const ws = wb.addWorksheet(`BM${form.number}`);
      ws.getCell(top, left).value = unitLine;
      writeForm(ws, templateId, form, top + 2, left, style);
    }
  }
  return wb;
}

export async function officerWorkbookBytes(templateId: SeedTemplateId, style: OfficerStyle = {}): Promise<Uint8Array> {
  const wb = buildOfficerWorkbook(templateId, style);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
