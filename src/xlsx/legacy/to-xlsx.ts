/**
 * A grid read from an .xls or .ods → an .xlsx workbook holding the same
 * cells, so that fill can patch it like any .xlsx (src/xlsx/patch-cells.ts)
 * and hand the officer an .xlsx copy; the legacy source is never written.
 *
 * Kept: every value (text stays text, even when it starts with "="),
 * formulas with their cached results, errors, number formats, merges,
 * sheet names and visibility. Not kept: fonts, borders, column widths
 * (the grid does not carry them).
 *
 * exceljs is handed in by the caller (Node imports it; the browser loads it
 * as its lazy chunk).
 */
import type ExcelJSModule from "exceljs";
import type { Cell, SheetGrid, WorkbookGrid } from "../../core/grid";

type ExcelJS = typeof ExcelJSModule;
type CellValue = ExcelJSModule.CellValue;

export async function xlsxFromGrid(excel: ExcelJS, grid: WorkbookGrid): Promise<Uint8Array> {
  const wb = new excel.Workbook();
  wb.creator = "Biểu mẫu CCHC";
  for (const sheet of grid.sheets) writeSheet(wb.addWorksheet(sheet.name, { state: sheet.state }), sheet);
  if (!grid.sheets.some((s) => s.state === "visible") && wb.worksheets[0]) wb.worksheets[0].state = "visible";
  const out: unknown = await wb.xlsx.writeBuffer();
  return out instanceof Uint8Array ? new Uint8Array(out) : new Uint8Array(out as ArrayBuffer);
}

function writeSheet(ws: ExcelJSModule.Worksheet, sheet: SheetGrid): void {
  sheet.rows.forEach((row, r) => {
    row?.forEach((cell, c) => {
      if (!cell) return;
      const target = ws.getCell(r + 1, c + 1);
      target.value = cellValue(cell);
      if (cell.numFmt) target.numFmt = cell.numFmt;
    });
  });
  for (const m of sheet.merges) {
    if (m.bottom === m.top && m.right === m.left) continue;
    try {
      ws.mergeCells(m.top, m.left, m.bottom, m.right);
    } catch {
      // Overlapping merges (a damaged file): the first one wins, the values stay where they are.
    }
  }
}

function cellValue(cell: Cell): CellValue {
  const error = cell.error ? ({ error: cell.error } as ExcelJSModule.CellErrorValue) : undefined;
  if (cell.formula !== undefined && safeFormula(cell.formula)) {
    const result = error ?? (cell.value === null ? undefined : cell.value);
    return { formula: cell.formula, ...(result !== undefined ? { result } : {}) } as ExcelJSModule.CellFormulaValue;
  }
  if (error) return error;
  // A string is always written as text: exceljs makes formulas only from { formula }.
  return cell.value;
}

/**
 * Formula text Excel will accept as written. SheetJS turns .ods formulas into
 * Excel syntax, but one it could not translate ("of:", "[.A1]") is left out and
 * the cell keeps its value: a file Excel refuses to open would be worse.
 */
function safeFormula(f: string): boolean {
  if (f.length > 8000 || /^of:|\[\.|\[\$/.test(f)) return false;
  let depth = 0;
  let quoted = false;
  for (const ch of f) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === "(") depth++;
    else if (!quoted && ch === ")" && --depth < 0) return false;
  }
  return depth === 0 && !quoted;
}
