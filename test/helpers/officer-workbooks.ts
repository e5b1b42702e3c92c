/**
 * Workbooks as units really send them, built from the seed reports' own
 * values: forms typed by hand or pasted from Word, one sheet per form or all
 * stacked in one sheet, tables not at A1, codes with trailing dots, numbers
 * as text in Vietnamese style.
 */
import ExcelJS from "exceljs";
import { findTemplate, type FormSpec, rowKey } from "../../src/catalog";
import type { CheckedWorkbook } from "../../src/core/check-workbook";
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
function writeForm(
  ws: ExcelJS.Worksheet,
  templateId: SeedTemplateId,
  form: FormSpec,
  r: number,
  left: number,
  style: OfficerStyle,
): number {
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

/* ------------------------------------------------------------------------ */
/* Officer-shaped workbooks from any commune's values (issue 11's families)  */
/* ------------------------------------------------------------------------ */

/** form → code → the intended value (a number; the code of a coded answer; null = not reported). */
export type CommuneValues = Record<number, Record<string, number | null>>;

/** How the value columns are headed (family 2). */
export type ColumnShape =
  | "so-lieu" // "Kết quả thống kê" merged over ĐVT | Số liệu (our template's header)
  | "thuc-hien-merged" // "Kết quả thống kê" merged over ĐVT | Thực hiện (a second header line)
  | "ket-qua" // ĐVT | Kết quả
  | "so-luong" // ĐVT | Số lượng
  | "prev-first" // ĐVT | Kỳ trước | Kỳ này
  | "prev-so-lieu" // ĐVT | Số liệu kỳ trước | Số liệu kỳ này
  | "cung-ky" // ĐVT | Cùng kỳ năm trước | Thực hiện
  | "merged-ky" // ĐVT | "Số liệu" merged over Kỳ trước | Kỳ này
  | "current-first" // ĐVT | Kỳ này | Cùng kỳ năm trước
  | "plan" // ĐVT | Kế hoạch | Thực hiện | Tỷ lệ so với kế hoạch (%)
  | "group-ky"; // "Kết quả thống kê" merged over ĐVT | Kỳ trước | Kỳ này

export interface Shape {
  /** One sheet per form; all stacked with their own headers; one sheet with the header written once. */
  layout: "sheets" | "stacked" | "one-header";
  /** How each form is introduced (family 6). */
  titles: "bieu-mau" | "bieu-mau-long" | "caps" | "roman" | "none";
  columns: ColumnShape;
  /** Values typed as numbers (percents with a % format) or as Vietnamese text. */
  numbers: "numeric" | "text";
  /** Coded answers as codes, as the option's words, or both ("2 (3 cấp)") (family 3). */
  coded: "code" | "words" | "code-words";
  /** How a 0 in a count row is written (family 4). */
  zeros: "0" | "dash" | "khong";
  /** How a value not reported is written (family 4). */
  blanks: "empty" | "dots" | "na";
  /** Ratio and total rows as formulas without a stored result (family 5). */
  formulas: boolean;
  /** One sheet, header once: the first form's title stands above the header, not in the table. */
  firstTitleAbove?: boolean;
  top: number;
  left: number;
}

export const PLAIN_SHAPE: Shape = {
  layout: "sheets",
  titles: "bieu-mau",
  columns: "so-lieu",
  numbers: "text",
  coded: "code",
  zeros: "0",
  blanks: "empty",
  formulas: false,
  top: 1,
  left: 1,
};

const CAPS_TITLES: Record<number, string> = {
  1: "CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH CCHC",
  2: "CẢI CÁCH THỂ CHẾ",
  3: "CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
  4: "CẢI CÁCH TỔ CHỨC BỘ MÁY HÀNH CHÍNH NHÀ NƯỚC",
  5: "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ",
  6: "CẢI CÁCH TÀI CHÍNH CÔNG",
  7: "XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ",
};
const ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII"];

/** Value columns of a shape: [header lines of each column], the current one's index, merges over them. */
function columnHeads(shape: ColumnShape): { heads: string[][]; current: number; group?: string } {
  switch (shape) {
    case "so-lieu":
      return { heads: [["Số liệu"]], current: 0, group: "Kết quả thống kê" };
    case "thuc-hien-merged":
      return { heads: [["Thực hiện"]], current: 0, group: "Kết quả thống kê" };
    case "ket-qua":
      return { heads: [["Kết quả"]], current: 0 };
    case "so-luong":
      return { heads: [["Số lượng"]], current: 0 };
    case "prev-first":
      return { heads: [["Kỳ trước"], ["Kỳ này"]], current: 1 };
    case "prev-so-lieu":
      return { heads: [["Số liệu kỳ trước"], ["Số liệu kỳ này"]], current: 1 };
    case "cung-ky":
      return { heads: [["Cùng kỳ năm trước"], ["Thực hiện"]], current: 1 };
    case "merged-ky":
      return { heads: [["Kỳ trước"], ["Kỳ này"]], current: 1, group: "Số liệu" };
    case "current-first":
      return { heads: [["Kỳ này"], ["Cùng kỳ năm trước"]], current: 0 };
    case "plan":
      return { heads: [["Kế hoạch"], ["Thực hiện"], ["Tỷ lệ so với kế hoạch (%)"]], current: 1 };
    case "group-ky":
      return { heads: [["Kỳ trước"], ["Kỳ này"]], current: 1, group: "Kết quả thống kê" };
  }
}

/** Writes the table header at row r; returns the first data row. */
function writeShapeHeader(ws: ExcelJS.Worksheet, r: number, left: number, columns: ColumnShape): number {
  const { heads, group } = columnHeads(columns);
  const two = group !== undefined;
  ws.getCell(r, left).value = "STT";
  ws.getCell(r, left + 1).value = "Chỉ tiêu thống kê";
  const unitCol = left + 2;
  const firstValue = unitCol + 1;
  const noteCol = firstValue + heads.length;
  if (two && group === "Kết quả thống kê") {
    ws.getCell(r, unitCol).value = group;
    ws.mergeCells(r, unitCol, r, firstValue + heads.length - 1);
    ws.getCell(r + 1, unitCol).value = "Đơn vị tính";
  } else if (two) {
    ws.getCell(r, unitCol).value = "Đơn vị tính";
    ws.mergeCells(r, unitCol, r + 1, unitCol);
    ws.getCell(r, firstValue).value = group;
    ws.mergeCells(r, firstValue, r, firstValue + heads.length - 1);
  } else ws.getCell(r, unitCol).value = "Đơn vị tính";
  heads.forEach((lines, i) => (ws.getCell(two ? r + 1 : r, firstValue + i).value = lines.join("\n")));
  ws.getCell(r, noteCol).value = "Ghi chú";
  if (two) {
    ws.mergeCells(r, left, r + 1, left);
    ws.mergeCells(r, left + 1, r + 1, left + 1);
    ws.mergeCells(r, noteCol, r + 1, noteCol);
  }
  return r + (two ? 2 : 1);
}

/** The previous period's value: different from this period's, so reading the wrong column shows. */
function previousValue(v: number | null, spec: { kind: string; options?: { value: number }[] }): number | null {
  if (v === null) return 7;
  if (spec.kind === "coded") return spec.options!.find((o) => o.value !== v)?.value ?? v;
  if (spec.kind === "percent" || spec.kind === "ratio") return Math.round((v / 2 + 3) * 100) / 100;
  return v + 3;
}

const viNumber = (v: number, decimals?: number) =>
  new Intl.NumberFormat("vi-VN", { useGrouping: true, maximumFractionDigits: decimals ?? 10, minimumFractionDigits: decimals ?? 0 })
    .format(v)
    .replace(/\u00a0/g, ".");

interface RowCtx {
  spec: FormSpec["rows"][number];
  value: number | null;
  shape: Shape;
  seed: number;
}

/** Writes one value as the shape says (words, signs, numbers as text or numeric). */
function writeShapedValue(cell: ExcelJS.Cell, { spec, value, shape, seed }: RowCtx): void {
  if (value === null) {
    if (spec.kind === "heading") return;
    if (shape.blanks === "dots") cell.value = seed % 2 ? "…" : "...";
    else if (shape.blanks === "na") cell.value = seed % 2 ? "N/A" : "chưa có số liệu";
    return;
  }
  if (spec.kind === "coded") {
    const option = spec.options!.find((o) => o.value === value)!;
    if (shape.coded === "words")
      cell.value = option.label === "Hoàn thành" && seed % 2 ? "Đã hoàn thành" : seed % 3 === 0 ? option.label.toLowerCase() : option.label;
    else if (shape.coded === "code-words") cell.value = `${value} (${option.label})`;
    else cell.value = shape.numbers === "numeric" ? value : String(value);
    return;
  }
  if (value === 0 && spec.kind === "count" && shape.zeros !== "0") {
    cell.value = shape.zeros === "dash" ? ["-", "—", "–"][seed % 3] : seed % 2 ? "không" : "Không có";
    return;
  }
  const percent = spec.kind === "percent" || spec.kind === "ratio";
  if (shape.numbers === "numeric") {
    if (percent && seed % 2 === 0) {
      cell.value = value / 100;
      cell.numFmt = "0.00%";
    } else cell.value = value;
    return;
  }
  cell.value = percent && seed % 2 === 0 ? `${viNumber(value)}%` : viNumber(value);
}

/** A formula for a ratio or total row (family 5): en-US syntax, no stored result. */
function shapedFormula(
  spec: FormSpec["rows"][number],
  addressOf: (code: string) => string,
  seed: number,
  sheetName: string,
): string | undefined {
  if (spec.ratio) {
    const n = addressOf(spec.ratio.numerator);
    const d = addressOf(spec.ratio.denominator);
    return [`${n}/${d}*100`, `ROUND(${n}/${d}*100,2)`, `IF(${d}=0,"",${n}/${d}*100)`, `IF(OR(${n}="",${d}=""),"",ROUND(${n}*100/${d},2))`][
      seed % 4
    ];
  }
  if (spec.sum) {
    const parts = spec.sum.map(addressOf);
    const quoted = `'${sheetName.replace(/'/g, "''")}'`;
    return [`SUM(${parts.join(",")})`, parts.join("+"), `SUM(${parts.map((p) => `${quoted}!${p}`).join(",")})`][seed % 3];
  }
  return undefined;
}

/** Writes one form's rows from `r`; returns the next free row. */
function writeShapedRows(ws: ExcelJS.Worksheet, form: FormSpec, values: Record<string, number | null>, shape: Shape, r: number): number {
  const left = shape.left;
  const { heads, current } = columnHeads(shape.columns);
  const valueCol = (i: number) => left + 3 + i;
  const rowOf = new Map<string, number>();
  form.rows.forEach((spec, i) => rowOf.set(spec.code, r + i));
  const letter = (c: number) => ws.getColumn(c).letter;
  const addressOf = (code: string) => `${letter(valueCol(current))}${rowOf.get(code)}`;
  form.rows.forEach((spec, i) => {
    const row = r + i;
    const seed = row * 7 + form.number;
    ws.getCell(row, left).value = spec.code;
    ws.getCell(row, left + 1).value = spec.label;
    ws.getCell(row, left + 2).value = spec.unit;
    const value = values[spec.code] ?? null;
    heads.forEach((_, k) => {
      const cell = ws.getCell(row, valueCol(k));
      if (k !== current) {
        if (spec.kind !== "heading")
          writeShapedValue(cell, {
            spec,
            value: previousValue(value, spec),
            shape: { ...shape, zeros: "0", blanks: "empty", coded: "code" },
            seed,
          });
        return;
      }
      const formula = shape.formulas && value !== null ? shapedFormula(spec, addressOf, seed, ws.name) : undefined;
      if (formula) cell.value = { formula } as ExcelJS.CellFormulaValue;
      else writeShapedValue(cell, { spec, value, shape, seed });
    });
  });
  return r + form.rows.length;
}

/** A title line of a form as the shape introduces it, written at row r; returns the rows used. */
function writeTitle(ws: ExcelJS.Worksheet, form: FormSpec, shape: Shape, r: number, inTable: boolean): number {
  const left = shape.left;
  switch (shape.titles) {
    case "none":
      return 0;
    case "bieu-mau":
      ws.getCell(r, left).value = `Biểu mẫu ${form.number}`;
      ws.getCell(r + 1, left).value = form.title.toUpperCase();
      return 2;
    case "bieu-mau-long":
      ws.getCell(r, left).value = `Biểu mẫu ${form.number}: ${form.title}`;
      return 1;
    case "caps":
      ws.getCell(r, left).value = CAPS_TITLES[form.number] ?? form.title.toUpperCase();
      if (inTable) ws.mergeCells(r, left, r, left + 4);
      return 1;
    case "roman":
      ws.getCell(r, left).value = ROMAN[form.number];
      ws.getCell(r, left + 1).value = CAPS_TITLES[form.number] ?? form.title.toUpperCase();
      return 1;
  }
}

function writeHeaderBlock(ws: ExcelJS.Worksheet, shape: Shape, unit: string): number {
  ws.getCell(shape.top, shape.left).value = "ỦY BAN NHÂN DÂN";
  ws.getCell(shape.top + 1, shape.left).value = unit.toUpperCase();
  ws.getCell(shape.top + 2, shape.left).value = "Kỳ báo cáo: Quý I năm 2024";
  return shape.top + 4;
}

/** A commune's workbook in the given shape (bnv581-xa's forms, or those listed). */
export function buildShapedWorkbook(
  values: CommuneValues,
  shape: Shape,
  options: { unit?: string; forms?: number[]; templateId?: SeedTemplateId } = {},
): ExcelJS.Workbook {
  const template = findTemplate(options.templateId ?? "bnv581-xa")!;
  const forms = template.forms.filter((f) => !options.forms || options.forms.includes(f.number));
  const unit = options.unit ?? "XÃ ĐÔNG HÒA";
  const wb = new ExcelJS.Workbook();
  if (shape.layout === "sheets") {
    for (const form of forms) {
      const ws = wb.addWorksheet(shape.titles === "none" ? `Sheet${form.number}` : `Biểu ${form.number}`);
      let r = writeHeaderBlock(ws, shape, unit);
      r += writeTitle(ws, form, shape, r, false);
      r = writeShapeHeader(ws, r, shape.left, shape.columns);
      writeShapedRows(ws, form, values[form.number] ?? {}, shape, r);
    }
    return wb;
  }
  const ws = wb.addWorksheet("Sheet1");
  let r = writeHeaderBlock(ws, shape, unit);
  if (shape.layout === "one-header") {
    if (shape.firstTitleAbove && forms[0]) r += writeTitle(ws, forms[0], shape, r, false);
    r = writeShapeHeader(ws, r, shape.left, shape.columns);
    for (const form of forms) {
      if (!shape.firstTitleAbove || form !== forms[0]) r += writeTitle(ws, form, shape, r, true);
      r = writeShapedRows(ws, form, values[form.number] ?? {}, shape, r);
    }
    return wb;
  }
  for (const form of forms) {
    r += writeTitle(ws, form, shape, r, false);
    r = writeShapeHeader(ws, r, shape.left, shape.columns);
    r = writeShapedRows(ws, form, values[form.number] ?? {}, shape, r) + 2;
  }
  return wb;
}

export async function shapedWorkbookBytes(
  values: CommuneValues,
  shape: Shape,
  options: Parameters<typeof buildShapedWorkbook>[2] = {},
): Promise<Uint8Array> {
  return new Uint8Array(await buildShapedWorkbook(values, shape, options).xlsx.writeBuffer());
}

/**
 * A consistent commune from a random source: every rule of bnv581-xa holds
 * (parts ≤ wholes, totals, identities, numerator ≤ denominator, rates rounded
 * to 2 decimals), coded answers are options, headings are blank. `rand()` in [0, 1).
 */
export function consistentCommune(rand: () => number, templateId: SeedTemplateId = "bnv581-xa"): CommuneValues {
  const template = findTemplate(templateId)!;
  const out: CommuneValues = {};
  const int = (max: number) => Math.floor(rand() * (max + 1));
  for (const form of template.forms) {
    const v: Record<string, number | null> = {};
    for (const spec of form.rows) {
      if (spec.kind === "heading" || spec.kind === "text") v[spec.code] = null;
      else if (spec.kind === "coded") v[spec.code] = spec.options![int(spec.options!.length - 1)].value;
      else if (spec.kind === "percent") v[spec.code] = int(4) === 0 ? 100 : Math.round((1 + rand() * 99) * 100) / 100;
      else v[spec.code] = int(3) === 0 ? 0 : int(spec.kind === "money" ? 5000 : 400);
    }
    for (let round = 0; round < 8; round++) {
      for (const spec of form.rows) {
        for (const check of spec.checks ?? []) {
          const sum = check.parts.reduce((a, c) => a + (v[c] ?? 0), 0);
          if (check.rule === "eq") v[spec.code] = sum;
          else if ((v[spec.code] ?? 0) < sum) v[spec.code] = sum + int(20);
        }
        if (spec.sum) v[spec.code] = spec.sum.reduce((a, c) => a + (v[c] ?? 0), 0);
        if (spec.ratio) {
          const { numerator, denominator } = spec.ratio;
          const d = v[denominator] ?? 0;
          const fixedWhole = form.rows.some((r) => r.code === denominator && r.checks?.some((c) => c.rule === "eq"));
          if ((v[numerator] ?? 0) > d) {
            if (fixedWhole) v[numerator] = int(d);
            else v[denominator] = (v[numerator] ?? 0) + int(20);
          }
        }
      }
    }
    for (const spec of form.rows) {
      if (!spec.ratio) continue;
      const n = v[spec.ratio.numerator] ?? 0;
      const d = v[spec.ratio.denominator] ?? 0;
      v[spec.code] = d === 0 ? null : Math.round((n / d) * 10000) / 100;
    }
    out[form.number] = v;
  }
  return out;
}

/** A fixed pseudo-random source (mulberry32), so a commune is the same in every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every value read, by form and code, next to the intended one. */
export function misreads(
  c: CheckedWorkbook,
  values: CommuneValues,
  forms = findTemplate("bnv581-xa")!.forms.map((f) => f.number),
  tolerance = 1e-6,
): string[] {
  const out: string[] = [];
  for (const n of forms) {
    const fv = c.forms.find((f) => f.form.number === n);
    if (!fv) {
      out.push(`B${n}: not found`);
      continue;
    }
    for (const spec of fv.form.rows) {
      if (spec.kind === "heading") continue;
      const want = values[n]?.[spec.code] ?? null;
      const got = fv.byCode.get(rowKey(spec))?.value ?? null;
      const same = want === null || got === null ? want === got : Math.abs(want - got) <= tolerance * Math.max(1, Math.abs(want));
      if (!same) out.push(`B${n} ${spec.code}: read ${got}, intended ${want}`);
    }
  }
  return out;
}
