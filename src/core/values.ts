/**
 * The values of a located form, read once with each row's kind in mind.
 * Validation, fill and consolidation all work from these.
 */
import { valueColumnsOf } from "../catalog";
import type { FormSpec, RowSpec } from "../catalog/types";
import { cellText, type Cell } from "./grid";
import type { LocatedForm } from "./locate";
import { readNumber, type ReadNumber, type Refusal } from "./numbers";
import { type CompoundPartValue, readCompound } from "./compound";
import { readCellWords, type WordReading } from "./cell-words";
import { isEvaluated } from "./formula-cells";

export interface RowValue {
  spec: RowSpec;
  /** "'Biểu mẫu 1'!D12" */
  cell: string;
  /** "D12" */
  address: string;
  /** What the cell holds, as text ("" when blank). */
  raw: string;
  /** The number read, or null when blank or unreadable. */
  value: number | null;
  /** Decimals the value was written with. */
  decimals: number;
  /** The reading (null when the cell is blank). */
  read: ReadNumber | Refusal | null;
  /** The number was typed as text (Excel will not add it up). */
  storedAsText: boolean;
  /** The cell holds a formula (its cached result is `value`). */
  formula?: string;
  /** The cell holds an Excel error (#DIV/0! …). */
  error?: string;
  /** Text of a text row. */
  text?: string;
  /** Ghi chú written on the row. */
  note?: string;
  /** Compound rows ("120 hồ sơ = 95,5%"): every part read; `value` is the row's own part. */
  compound?: CompoundPartValue[];
  /** Read by a convention of statistical tables or as a coded answer's words ("-" → 0, "…" → not reported, "Có" → 1). */
  words?: WordReading;
  /** The formula had no stored result and was computed here. */
  evaluated?: boolean;
}

export interface FormValues {
  located: LocatedForm;
  form: FormSpec;
  /** By row code (every located row, headings included); the first value column of a form with several. */
  byCode: Map<string, RowValue>;
  /** Forms with several value columns: the values of each column, in the form's order (`byCode` is the first's). */
  columns?: FormValues[];
  /** The value column these values are from ("Năm 2024"), when the form has several. */
  columnName?: string;
}

/**
 * A cell as findings name it ("BM7!D5", "'Biểu mẫu 7'!D5"): quoted only where the name has more than
 * letters, digits, "_" and ".", as officers read it; host.ts parseCellRef reads both forms back.
 * Formulas use a1.ts quoteSheetName, which also quotes names that look like cells ('BM7'!D5).
 */
export function cellRef(sheet: string, address: string): string {
  return `${shownSheetName(sheet)}!${address}`;
}

function shownSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function readFormValues(located: LocatedForm): FormValues {
  if (located.valueCols && located.valueCols.length > 1) {
    // Columns the file does not have (0) are left out: nothing to read or check.
    const names = valueColumnsOf(located.form);
    const columns = located.valueCols.flatMap((c, i) =>
      c > 0 ? [{ ...readFormValues(columnView(located, i)), columnName: names[i] }] : [],
    );
    return { located, form: located.form, byCode: columns[0].byCode, columns };
  }
  const byCode = new Map<string, RowValue>();
  const prefix = `${shownSheetName(located.sheet)}!`;
  for (const row of located.rows.values()) {
    byCode.set(row.spec.code || row.spec.id, readRowValue(row.spec, row.cell, prefix + row.address, row.address, row.note));
  }
  return { located, form: located.form, byCode };
}

/**
 * One value column of a form with several, as a one-column form: every row's
 * cell and address are that column's. Validation and fill run on it unchanged.
 */
export function columnView(located: LocatedForm, index: number): LocatedForm {
  const rows = new Map(
    [...located.rows].map(([id, row]) => [
      id,
      {
        ...row,
        cell: row.cells ? row.cells[index] : index === 0 ? row.cell : undefined,
        address: row.addresses?.[index] ?? row.address,
        cells: undefined,
        addresses: undefined,
      },
    ]),
  );
  const { valueCols, ...rest } = located;
  return { ...rest, rows, valueCol: valueCols?.[index] ?? located.valueCol };
}

/** Reads one row's cell; `cell` is the full reference ("'Biểu mẫu 1'!D12") used in findings. */
export function readRowValue(spec: RowSpec, cell: Cell | undefined, ref: string, address: string, note?: string): RowValue {
  const v: RowValue = { spec, cell: ref, address, note, raw: "", value: null, decimals: 0, read: null, storedAsText: false };
  if (cell?.formula !== undefined) v.formula = cell.formula;
  if (isEvaluated(cell)) v.evaluated = true;
  if (cell?.error) {
    v.error = cell.error;
    v.raw = cell.error;
    v.read = { ok: false, raw: cell.error, reason: `ô báo lỗi ${cell.error}` };
    return v;
  }
  const stored = cell?.value ?? null;
  if (stored === null || stored === "" || typeof stored === "boolean") {
    if (stored !== null) v.raw = String(stored);
    return v;
  }
  if (spec.kind === "text") {
    v.raw = v.text = cellText(cell);
    return v;
  }
  if (typeof stored === "number" && !spec.compound && !cell!.numFmt && Number.isInteger(stored)) {
    // A whole number without a number format (most value cells): what readNumber reads of it, for every
    // kind (no doubt applies to a whole number), without its context object and calls. -0 is read as 0.
    const raw = String(stored);
    const value = stored === 0 ? 0 : stored;
    v.raw = raw;
    v.read = { ok: true, value, raw, decimals: 0 };
    v.value = value;
    return v;
  }
  if (typeof stored === "string" && spec.kind !== "heading" && readWords(v, stored, spec)) return v;
  if (spec.compound) {
    v.raw = typeof stored === "number" ? String(stored) : stored;
    const read = readCompound(stored, spec, cell?.numFmt);
    if (!read.ok) {
      if (readNumber(stored, { kind: spec.kind }) === null) return v; // "...", "-": blank
      v.read = read;
      return v;
    }
    v.compound = read.parts;
    const main = read.parts[read.main];
    if (main.value === null) return v; // the row's own part is not given; the others are checked
    v.value = main.value;
    v.decimals = main.decimals;
    v.read = read.read ?? { ok: true, value: main.value, raw: v.raw, decimals: main.decimals, how: read.how };
    v.storedAsText =
      typeof stored === "string" && read.parts.filter((p) => p.value !== null).length === 1 && /^[\d.,\s%]+$/.test(stored.trim());
    return v;
  }
  const read = readNumber(stored, { kind: spec.kind, unit: spec.unit, numFmt: cell?.numFmt });
  // A number's reading holds its text already (String(stored)): not made twice.
  v.raw = typeof stored === "number" ? (read?.raw ?? String(stored)) : stored;
  v.read = read;
  if (read && read.ok) {
    v.value = read.value;
    v.decimals = read.decimals;
    v.storedAsText = typeof stored === "string";
  }
  return v;
}

/** "-" → 0, "…" → not reported, "Có" → 1 (src/core/cell-words.ts); true when the text was read so. */
function readWords(v: RowValue, text: string, spec: RowSpec): boolean {
  const words = readCellWords(text, spec.compound ? "text" : spec.kind, spec.options);
  if (!words) return false;
  v.raw = text;
  if (words.kind === "coded-conflict") {
    v.read = { ok: false, raw: text, reason: words.reason };
    return true;
  }
  v.words = words;
  if (words.kind === "not-reported") return true;
  const value = words.kind === "coded" ? words.value : 0;
  v.value = value;
  v.read = { ok: true, value, raw: text, decimals: 0, how: words.how };
  return true;
}
