/** What the caller asks the patcher to write, and the checked form the sheet patcher works on. */
import { formatA1, parseA1 } from "../../core/a1";
import { PatchError } from "./patch-error";

export interface CellPatch {
  /** Sheet name as in xl/workbook.xml (matched exactly, else case-insensitively as Excel does). */
  sheet: string;
  /** A1-style address, e.g. "D12" ("$D$12" accepted). */
  address: string;
  /** A number to store; null (or absent without a formula) clears the value. */
  value?: number | null;
  /** Formula text without "=", en-US syntax; `value`, when given, is written as its cached result. */
  formula?: string;
}

/** A checked patch: a normalised address, a finite number or null, a non-empty formula without "=". */
export interface Target {
  sheet: string;
  ref: string; // normalised "D12"
  row: number;
  col: number;
  value: number | null;
  formula?: string;
}

export function validatePatch(patch: CellPatch): Target {
  const pos = parseA1(patch.address);
  if (!pos) {
    throw new PatchError(
      `Địa chỉ ô không hợp lệ: "${patch.address}" (trang "${patch.sheet}"); cần dạng cột + dòng như D12, trong giới hạn XFD1048576.`,
    );
  }
  const ref = formatA1(pos.row, pos.col);
  const value = patch.value ?? null;
  if (value !== null && (typeof value !== "number" || !Number.isFinite(value))) {
    throw new PatchError(`Giá trị ghi vào ô ${ref} trang "${patch.sheet}" không phải số hữu hạn (${String(value)}).`);
  }
  let formula: string | undefined;
  if (patch.formula !== undefined) {
    formula = patch.formula.trim().replace(/^=/, "");
    if (formula === "") throw new PatchError(`Công thức ghi vào ô ${ref} trang "${patch.sheet}" rỗng.`);
  }
  return { sheet: patch.sheet, ref, row: pos.row, col: pos.col, value, formula };
}

/** A rectangle of cells, 1-based, r1 ≤ r2 and c1 ≤ c2. */
export interface Range {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

/** "B2:A1" or "C3" → its rectangle; undefined when an end is not a cell. */
export function parseRange(ref: string): Range | undefined {
  const [a, b] = ref.trim().split(":");
  const p = a ? parseA1(a) : undefined;
  const q = b === undefined ? p : parseA1(b);
  if (!p || !q) return undefined;
  return { r1: Math.min(p.row, q.row), c1: Math.min(p.col, q.col), r2: Math.max(p.row, q.row), c2: Math.max(p.col, q.col) };
}

export function inRange(r: Range, row: number, col: number): boolean {
  return row >= r.r1 && row <= r.r2 && col >= r.c1 && col <= r.c2;
}
