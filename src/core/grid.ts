/**
 * A workbook as the core sees it: sheets of cells with their stored values,
 * number formats, formulas and merges. The .xlsx reader and the Office.js
 * adapter both produce this; nothing here knows about files or Excel.
 */

/**
 * A cell of a grid. Never edited once read: the .xlsx reader hands the same cell object to every
 * grid holding that value alone (a template's labels, small whole numbers: xlsx/read/sheet-scanner.ts).
 * Rows are each grid's own: a change puts another cell object in the row.
 */
export interface Cell {
  /**
   * The stored value: a number for numeric cells (a percent-formatted 99,87%
   * is 0.9987 here), text for strings, a boolean, or null. For a formula cell,
   * its cached result.
   */
  value: string | number | boolean | null;
  /** Excel number format code when not "General" (e.g. "0.00%", "#,##0"). */
  numFmt?: string;
  /** Formula text without the leading "=", when the cell holds one. */
  formula?: string;
  /** Error value of the cell or of its formula ("#DIV/0!"), when any. */
  error?: string;
}

export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface SheetGrid {
  name: string;
  state: "visible" | "hidden" | "veryHidden";
  /** rows[r - 1][c - 1] for 1-based row r and column c; sparse. */
  rows: (Cell | undefined)[][];
  merges: CellRange[];
  /** Largest row / column index that holds a cell. */
  maxRow: number;
  maxCol: number;
  /** Set when the reader stopped early (a sheet with far more rows than any form has). */
  truncatedAtRow?: number;
  /** What the reader repaired while reading (Vietnamese, for a finding): never silent. */
  readNotes?: string[];
}

export interface WorkbookGrid {
  sheets: SheetGrid[];
  /** The mark this tool's writers leave in a workbook ("tong-hop" for a consolidation), when present. */
  origin?: string;
}

export function cellAt(sheet: SheetGrid, row: number, col: number): Cell | undefined {
  return sheet.rows[row - 1]?.[col - 1];
}

/** The value shown in a merged area lives in its top-left cell. */
export function mergedOwner(sheet: SheetGrid, row: number, col: number): { row: number; col: number } {
  for (const m of sheet.merges) {
    if (row >= m.top && row <= m.bottom && col >= m.left && col <= m.right) return { row: m.top, col: m.left };
  }
  return { row, col };
}

/** Text of a cell as a person reads it (numbers in plain en-US digits), "" for empty. */
export function cellText(cell: Cell | undefined): string {
  if (!cell || cell.value === null) return "";
  if (typeof cell.value === "string") return cell.value;
  return String(cell.value);
}

/** Builds a grid from a plain 2-D array (tests, Office.js `values`). */
export function gridFromValues(
  name: string,
  values: (string | number | boolean | null | undefined)[][],
  numFmts?: (string | undefined)[][],
): SheetGrid {
  let maxCol = 0;
  let maxRow = 0;
  const rows = values.map((row, r) =>
    row.map((v, c) => {
      if (v === null || v === undefined || v === "") return undefined;
      maxCol = Math.max(maxCol, c + 1);
      maxRow = Math.max(maxRow, r + 1);
      const fmt = numFmts?.[r]?.[c];
      return fmt && fmt !== "General" ? { value: v, numFmt: fmt } : { value: v };
    }),
  );
  return { name, state: "visible", rows, merges: [], maxRow, maxCol };
}
