/**
 * The open workbook → WorkbookGrid, through Office.js.
 *
 * Syncs: (1) sheet names and visibility; (2) every sheet's used range
 * geometry (`getUsedRangeOrNullObject(true)`: cells with values or formulas)
 * and, with ExcelApi 1.13, its merged areas; (3) values, formulas, number
 * formats and value types of all used ranges together. Step 3 is split into
 * several syncs only when the cells to read exceed `cellsPerSync`, because a
 * response is limited to 5 MB on Excel on the web like a request.
 *
 * Bounds (the same defaults as the .xlsx reader, src/xlsx/read-grid.ts):
 * - rows past `maxRows` (5,000) are not read and the sheet gets
 *   `truncatedAtRow` — forms have fewer than 500 rows, so a longer sheet is
 *   something else and its tail is not needed;
 * - if, after that, the workbook still has more than `maxCells` (200,000)
 *   cells to read (a sheet used out to column XFD, a pasted data dump), the
 *   read is refused with a Vietnamese message naming the largest sheet,
 *   rather than dropping whole sheets silently (a dropped form would be
 *   reported as missing).
 */
import type { Cell, CellRange, SheetGrid, WorkbookGrid } from "../core/grid";
import { a1Range } from "./render-plan";

export interface ReadLimits {
  maxRows: number;
  maxCells: number;
  cellsPerSync: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = { maxRows: 5000, maxCells: 200_000, cellsPerSync: 50_000 };

/** What Office.js returns for one rectangle of cells. */
export interface RangeData {
  values: unknown[][];
  formulas: unknown[][];
  numberFormat: unknown[][];
  /** "Empty" | "String" | "Double" | "Boolean" | "Error" | … */
  valueTypes?: string[][];
}

const STATE: Record<string, SheetGrid["state"]> = { Visible: "visible", Hidden: "hidden", VeryHidden: "veryHidden" };

/** One Office.js cell → a grid cell, or undefined for a blank. */
export function toCell(value: unknown, formula: unknown, numberFormat: unknown, valueType?: string): Cell | undefined {
  // `formulas` repeats the value for constants; text "=abc" stored as text comes back the same in both.
  const isFormula = typeof formula === "string" && formula.startsWith("=") && formula !== value;
  const isError = valueType === "Error";
  if (!isFormula && !isError && (value === "" || value === null || value === undefined)) return undefined;
  const cell: Cell = { value: null };
  if (isError) cell.error = String(value);
  else if (typeof value === "string") cell.value = value === "" ? null : value.normalize("NFC");
  else if (typeof value === "number" || typeof value === "boolean") cell.value = value;
  if (typeof numberFormat === "string" && numberFormat !== "" && numberFormat !== "General") cell.numFmt = numberFormat.normalize("NFC");
  if (isFormula) cell.formula = (formula as string).slice(1).normalize("NFC");
  return cell;
}

/** "'Biểu mẫu 1'!A1:E1" → { top: 1, left: 1, bottom: 1, right: 5 } */
export function parseRangeAddress(address: string): CellRange | undefined {
  const local = address.slice(address.lastIndexOf("!") + 1).replace(/\$/g, "");
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(local);
  if (!m) return undefined;
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const top = Number(m[2]);
  const left = col(m[1]);
  return { top, left, bottom: m[4] ? Number(m[4]) : top, right: m[3] ? col(m[3]) : left };
}

/** Places a block read at (top, left) into a sheet grid (1-based, sparse). */
export function placeBlock(sheet: SheetGrid, top: number, left: number, data: RangeData): void {
  data.values.forEach((row, r) => {
    const sheetRow = top + r;
    row.forEach((value, c) => {
      const cell = toCell(value, data.formulas[r]?.[c], data.numberFormat[r]?.[c], data.valueTypes?.[r]?.[c]);
      if (!cell) return;
      while (sheet.rows.length < sheetRow) sheet.rows.push([]);
      sheet.rows[sheetRow - 1][left + c - 1] = cell;
      sheet.maxRow = Math.max(sheet.maxRow, sheetRow);
      sheet.maxCol = Math.max(sheet.maxCol, left + c);
    });
  });
}

interface Plan {
  grid: SheetGrid;
  ws: Excel.Worksheet;
  top: number;
  left: number;
  rows: number;
  cols: number;
}

export async function readWorkbook(
  context: Excel.RequestContext,
  options: { mergedAreas: boolean; limits?: Partial<ReadLimits> },
): Promise<WorkbookGrid> {
  const limits = { ...DEFAULT_READ_LIMITS, ...options.limits };
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name,items/visibility");
  await context.sync();

  const probes = worksheets.items.map((ws) => {
    const used = ws.getUsedRangeOrNullObject(true);
    used.load("rowIndex,columnIndex,rowCount,columnCount");
    let merged: Excel.RangeAreas | undefined;
    if (options.mergedAreas) {
      merged = ws.getRange().getMergedAreasOrNullObject();
      merged.load("areas/items/address");
    }
    return { ws, used, merged };
  });
  await context.sync();

  const sheets: SheetGrid[] = [];
  const plans: Plan[] = [];
  for (const { ws, used, merged } of probes) {
    const grid: SheetGrid = {
      name: ws.name.normalize("NFC"),
      state: STATE[ws.visibility] ?? "visible",
      rows: [],
      merges: [],
      maxRow: 0,
      maxCol: 0,
    };
    sheets.push(grid);
    if (merged && !merged.isNullObject) {
      for (const area of merged.areas.items) {
        const r = parseRangeAddress(area.address);
        if (r && (r.bottom > r.top || r.right > r.left)) grid.merges.push(r);
      }
    }
    if (used.isNullObject) continue;
    const top = used.rowIndex + 1;
    const left = used.columnIndex + 1;
    const lastRow = used.rowIndex + used.rowCount;
    const bottom = Math.min(lastRow, limits.maxRows);
    if (lastRow > limits.maxRows) grid.truncatedAtRow = limits.maxRows;
    if (bottom < top) continue;
    plans.push({ grid, ws, top, left, rows: bottom - top + 1, cols: used.columnCount });
  }

  const total = plans.reduce((n, p) => n + p.rows * p.cols, 0);
  if (total > limits.maxCells) {
    const big = plans.reduce((a, b) => (a.rows * a.cols >= b.rows * b.cols ? a : b));
    throw new Error(
      `Sổ làm việc quá lớn để kiểm tra: cần đọc ${total.toLocaleString("vi-VN")} ô, vượt giới hạn ` +
        `${limits.maxCells.toLocaleString("vi-VN")} ô. Trang tính “${big.grid.name}” chiếm vùng ` +
        `${a1Range(big.top, big.left, big.top + big.rows - 1, big.left + big.cols - 1)}; ` +
        `hãy xoá dữ liệu thừa hoặc chép các biểu mẫu sang một sổ làm việc riêng.`,
    );
  }

  // Bands of rows, packed into syncs of at most cellsPerSync cells.
  let queued: { plan: Plan; top: number; range: Excel.Range }[] = [];
  let queuedCells = 0;
  const flush = async () => {
    if (queued.length === 0) return;
    await context.sync();
    for (const q of queued) {
      placeBlock(q.plan.grid, q.top, q.plan.left, {
        values: q.range.values,
        formulas: q.range.formulas,
        numberFormat: q.range.numberFormat,
        valueTypes: q.range.valueTypes as string[][],
      });
    }
    queued = [];
    queuedCells = 0;
  };
  for (const plan of plans) {
    const bandRows = Math.max(1, Math.floor(limits.cellsPerSync / plan.cols));
    for (let start = 0; start < plan.rows; start += bandRows) {
      const rows = Math.min(bandRows, plan.rows - start);
      if (queuedCells > 0 && queuedCells + rows * plan.cols > limits.cellsPerSync) await flush();
      const top = plan.top + start;
      const range = plan.ws.getRange(a1Range(top, plan.left, top + rows - 1, plan.left + plan.cols - 1));
      range.load("values,formulas,numberFormat,valueTypes");
      queued.push({ plan, top, range });
      queuedCells += rows * plan.cols;
    }
  }
  await flush();

  return { sheets };
}
