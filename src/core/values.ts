/**
 * The values of a located form, read once with each row's kind in mind.
 * Validation, fill and consolidation all work from these.
 */
import type { FormSpec, RowSpec } from "../catalog/types";
import { cellText, type Cell } from "./grid";
import type { LocatedForm } from "./locate";
import { readNumber, type ReadNumber, type Refusal } from "./numbers";
import { quoteSheetName } from "./formulas";

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
}

export interface FormValues {
  located: LocatedForm;
  form: FormSpec;
  /** By row code (every located row, headings included). */
  byCode: Map<string, RowValue>;
}

export function cellRef(sheet: string, address: string): string {
  return `${quoteSheetName(sheet)}!${address}`;
}

export function readFormValues(located: LocatedForm): FormValues {
  const byCode = new Map<string, RowValue>();
  const prefix = `${quoteSheetName(located.sheet)}!`;
  for (const row of located.rows.values()) {
    byCode.set(row.spec.code || row.spec.id, readRowValue(row.spec, row.cell, prefix + row.address, row.address, row.note));
  }
  return { located, form: located.form, byCode };
}

/** Reads one row's cell; `cell` is the full reference ("'Biểu mẫu 1'!D12") used in findings. */
export function readRowValue(spec: RowSpec, cell: Cell | undefined, ref: string, address: string, note?: string): RowValue {
  const v: RowValue = { spec, cell: ref, address, note, raw: "", value: null, decimals: 0, read: null, storedAsText: false };
  if (cell?.formula !== undefined) v.formula = cell.formula;
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
  const read = readNumber(stored, { kind: spec.kind, unit: spec.unit, numFmt: cell?.numFmt });
  v.raw = typeof stored === "number" ? String(stored) : stored;
  v.read = read;
  if (read && read.ok) {
    v.value = read.value;
    v.decimals = read.decimals;
    v.storedAsText = typeof stored === "string";
  }
  return v;
}
