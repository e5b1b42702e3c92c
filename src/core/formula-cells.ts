/**
 * The formulas of located value cells, checked against the workbook: a formula
 * without a stored result is computed (src/core/formula-eval.ts) and its value
 * read like any other; one whose stored result differs from what it computes is
 * reported, and read as computed only when the stored result is a writer's
 * placeholder (0, ""); one that cannot be computed is reported too.
 */
import type { Cell, WorkbookGrid } from "./grid";
import { type FormulaValue, FormulaEvaluator, isPlaceholder } from "./formula-eval";
import type { LocatedForm } from "./locate";

export interface FormulaNote {
  /** "D12" */
  address: string;
  rowId: string;
  formula: string;
  kind: "evaluated" | "unevaluable" | "mismatch";
  /** Why it could not be computed (Vietnamese). */
  reason?: string;
  computed?: FormulaValue;
  stored?: Cell["value"];
  /** Mismatches: which value was read. */
  used?: "stored" | "computed";
}

/** Cells whose value was computed here (the file stored none). */
const evaluatedCells = new WeakSet<Cell>();

export function isEvaluated(cell: Cell | undefined): boolean {
  return cell !== undefined && evaluatedCells.has(cell);
}

/** Computes and checks the formulas of the forms' value cells; replaces cells without a stored result by computed ones. */
export function evaluateFormCells(grid: WorkbookGrid, forms: LocatedForm[]): void {
  let evaluator: FormulaEvaluator | undefined;
  for (const form of forms) {
    if (form.list) continue;
    const sheet = grid.sheets.find((s) => s.name === form.sheet);
    if (!sheet) continue;
    const notes: FormulaNote[] = [];
    for (const row of form.rows.values()) {
      // Most value cells hold no formula: nothing to make for them.
      if (!row.cells && row.cell?.formula === undefined) continue;
      const cells = row.cells ?? [row.cell];
      const addresses = row.addresses ?? [row.address];
      cells.forEach((cell, i) => {
        if (cell?.formula === undefined || evaluatedCells.has(cell)) return;
        evaluator ??= new FormulaEvaluator(grid);
        const result = evaluator.evaluate(cell.formula, sheet);
        const note = { address: addresses[i], rowId: row.spec.id, formula: cell.formula };
        const stored = cell.value !== null || cell.error !== undefined;
        if (!result.ok) {
          if (!stored) notes.push({ ...note, kind: "unevaluable", reason: result.reason });
          return;
        }
        if (stored) {
          const cached: FormulaValue = cell.error ? { error: cell.error } : cell.value;
          if (sameValue(cached, result.value)) return;
          // LibreOffice's .xls export stores an empty-text result ("" from IF(…,"",…)) as 0: the
          // formula says blank, so blank is read, with nothing to report.
          const emptyTextAsZero = cached === 0 && result.value === "";
          if (!emptyTextAsZero) {
            notes.push({
              ...note,
              kind: "mismatch",
              computed: result.value,
              stored: cell.error ?? cell.value,
              used: isPlaceholder(cached) ? "computed" : "stored",
            });
            // Excel's stored result is kept, unless it is a writer's placeholder (XlsxWriter stores 0 for
            // every formula): then what Excel shows once it recalculates is read.
            if (!isPlaceholder(cached)) return;
          }
        } else notes.push({ ...note, kind: "evaluated", computed: result.value });
        const computed = computedCell(cell, result.value);
        evaluatedCells.add(computed);
        if (row.cells) {
          row.cells[i] = computed;
          if (row.cell === cell) row.cell = computed;
        } else row.cell = computed;
      });
    }
    if (notes.length > 0) form.formulas = notes;
  }
}

function computedCell(cell: Cell, v: FormulaValue): Cell {
  const out: Cell = typeof v === "object" && v !== null ? { value: null, error: v.error } : { value: v === "" ? null : v };
  if (cell.numFmt) out.numFmt = cell.numFmt;
  out.formula = cell.formula;
  return out;
}

/** Stored and computed results agree (numbers to 9 significant digits: Excel stores 15, writers round). */
function sameValue(a: FormulaValue, b: FormulaValue): boolean {
  const blank = (v: FormulaValue) => v === null || v === "";
  if (blank(a) && blank(b)) return true;
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null) return a.error === b.error;
  if (typeof a === "string" && typeof b === "string") return a.toLowerCase() === b.toLowerCase();
  return a === b;
}
