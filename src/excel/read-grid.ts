/**
 * The open workbook → WorkbookGrid, through Office.js.
 *
 * Syncs: (1) sheet names and visibility; (2) every sheet's used range
 * geometry (`getUsedRangeOrNullObject(true)`: cells with values or formulas)
 * and, with ExcelApi 1.13, its merged areas; (3) values, formulas, number
 * formats and value types of all used ranges together.
 *
 * Excel's limits met here:
 * - `getMergedAreasOrNullObject` fails when a range holds more than 512
 *   merged areas (Office.js reference, Range.getMergedAreasOrNullObject).
 *   Step 2 asks for whole sheets; if that fails, the geometry is asked again
 *   without merges and each sheet's merges are read on its own, in bands of
 *   rows halved until Excel answers, so one heavily merged sheet never sinks
 *   the read (a row alone past the limit is named in a note). Whether Excel
 *   returns merged areas that cross a band's edge is to be confirmed in a real
 *   Excel; areas are deduplicated so either answer is safe for crossing areas
 *   it does return;
 * - Excel on the web refuses a response above 5 MB ("Resource limits and
 *   performance optimization for Office Add-ins"). Step 3 is therefore
 *   bounded by estimated response bytes (`responseBytes`, 4 MB), not by cells
 *   alone: the first sync assumes `FIRST_BYTES_PER_CELL`, later ones use the
 *   bytes actually received per cell; a sync refused for its size is retried
 *   with a quarter of the rows.
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
import { columnNumber } from "../core/a1";
import type { Cell, CellRange, SheetGrid, WorkbookGrid } from "../core/grid";
import { a1Range } from "./render-plan";

export interface ReadLimits {
  maxRows: number;
  maxCells: number;
  /** At most this many cells per sync, whatever their size. */
  cellsPerSync: number;
  /** Estimated response bytes per sync (Excel on the web refuses responses above 5 MB). */
  responseBytes: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxRows: 5000,
  maxCells: 200_000,
  cellsPerSync: 50_000,
  responseBytes: 4_000_000,
};

/** Response bytes assumed per cell before anything was read: four properties of ~50 characters each. */
const FIRST_BYTES_PER_CELL = 200;

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
  const top = Number(m[2]);
  const left = columnNumber(m[1]);
  return { top, left, bottom: m[4] ? Number(m[4]) : top, right: m[3] ? columnNumber(m[3]) : left };
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

/** What the officer is told when part of a sheet could not be read (Vietnamese). */
export interface ReadOutcome {
  grid: WorkbookGrid;
  notes: string[];
}

const errorCode = (e: unknown) => (e as { code?: string } | undefined)?.code;
const isSizeRefusal = (e: unknown) => /PayloadSizeLimitExceeded/.test(errorCode(e) ?? "");

function newGrid(ws: Excel.Worksheet): SheetGrid {
  return { name: ws.name.normalize("NFC"), state: STATE[ws.visibility] ?? "visible", rows: [], merges: [], maxRow: 0, maxCol: 0 };
}

function addMerges(grid: SheetGrid, areas: Excel.RangeAreas, seen: Set<string>): void {
  if (areas.isNullObject) return;
  for (const area of areas.areas.items) {
    const r = parseRangeAddress(area.address);
    const key = r && `${r.top},${r.left},${r.bottom},${r.right}`;
    if (r && key && !seen.has(key) && (r.bottom > r.top || r.right > r.left)) {
      seen.add(key);
      grid.merges.push(r);
    }
  }
}

/** Sync 2: used ranges, and merged areas of whole sheets when `withMerges`. */
async function probeSheets(context: Excel.RequestContext, items: Excel.Worksheet[], withMerges: boolean) {
  const probes = items.map((ws) => {
    const used = ws.getUsedRangeOrNullObject(true);
    used.load("rowIndex,columnIndex,rowCount,columnCount");
    const merged = withMerges ? ws.getRange().getMergedAreasOrNullObject() : undefined;
    merged?.load("areas/items/address");
    return { ws, used, merged };
  });
  await context.sync();
  return probes;
}

/**
 * Merged areas of rows 1…bottom, one sync per band: first all of them, and a
 * band Excel refuses (more than 512 areas) is halved. Returns the rows that
 * could not be read even one by one.
 */
async function readMergeBands(context: Excel.RequestContext, ws: Excel.Worksheet, grid: SheetGrid, bottom: number): Promise<number[]> {
  const seen = new Set<string>();
  const failed: number[] = [];
  const pending: [number, number][] = [[1, bottom]];
  while (pending.length > 0) {
    const [top, end] = pending.shift() as [number, number];
    const areas = ws.getRange(`${top}:${end}`).getMergedAreasOrNullObject();
    areas.load("areas/items/address");
    try {
      await context.sync();
      addMerges(grid, areas, seen);
    } catch {
      if (top === end) failed.push(top);
      else {
        const mid = Math.floor((top + end) / 2);
        pending.unshift([top, mid], [mid + 1, end]);
      }
    }
  }
  return failed;
}

function mergeNote(sheet: string, rows: number[]): string {
  const shown = rows.slice(0, 5).join(", ") + (rows.length > 5 ? ", …" : "");
  return (
    `Trang “${sheet}”: dòng ${shown} có quá nhiều ô gộp (Excel chỉ trả về tối đa 512 vùng gộp mỗi lần) ` +
    `nên các ô gộp của ${rows.length > 1 ? "các dòng" : "dòng"} này không được đọc; hãy bỏ gộp những ô không cần thiết.`
  );
}

export async function readWorkbook(
  context: Excel.RequestContext,
  options: { mergedAreas: boolean; limits?: Partial<ReadLimits> },
): Promise<WorkbookGrid> {
  return (await readWorkbookWithNotes(context, options)).grid;
}

export async function readWorkbookWithNotes(
  context: Excel.RequestContext,
  options: { mergedAreas: boolean; limits?: Partial<ReadLimits> },
): Promise<ReadOutcome> {
  const limits = { ...DEFAULT_READ_LIMITS, ...options.limits };
  const notes: string[] = [];
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name,items/visibility");
  await context.sync();

  let probes: Awaited<ReturnType<typeof probeSheets>>;
  let mergesRead = options.mergedAreas;
  try {
    probes = await probeSheets(context, worksheets.items, options.mergedAreas);
  } catch (e) {
    if (!options.mergedAreas) throw e;
    probes = await probeSheets(context, worksheets.items, false); // a sheet with more than 512 merged areas
    mergesRead = false;
  }

  const sheets: SheetGrid[] = [];
  const plans: Plan[] = [];
  for (const { ws, used, merged } of probes) {
    const grid = newGrid(ws);
    sheets.push(grid);
    if (merged) addMerges(grid, merged, new Set());
    if (used.isNullObject) continue;
    const top = used.rowIndex + 1;
    const left = used.columnIndex + 1;
    const lastRow = used.rowIndex + used.rowCount;
    const bottom = Math.min(lastRow, limits.maxRows);
    if (lastRow > limits.maxRows) grid.truncatedAtRow = limits.maxRows;
    if (bottom < top) continue;
    plans.push({ grid, ws, top, left, rows: bottom - top + 1, cols: used.columnCount });
  }
  if (options.mergedAreas && !mergesRead) {
    for (const plan of plans) {
      const failed = await readMergeBands(context, plan.ws, plan.grid, plan.top + plan.rows - 1);
      if (failed.length > 0) notes.push(mergeNote(plan.grid.name, failed));
    }
  }

  refuseTooLarge(plans, limits);
  await readCells(context, plans, limits);
  return { grid: { sheets }, notes };
}

function refuseTooLarge(plans: Plan[], limits: ReadLimits): void {
  const total = plans.reduce((n, p) => n + p.rows * p.cols, 0);
  if (total <= limits.maxCells) return;
  const big = plans.reduce((a, b) => (a.rows * a.cols >= b.rows * b.cols ? a : b));
  throw new Error(
    `Sổ làm việc quá lớn để kiểm tra: cần đọc ${total.toLocaleString("vi-VN")} ô, vượt giới hạn ` +
      `${limits.maxCells.toLocaleString("vi-VN")} ô. Trang tính “${big.grid.name}” chiếm vùng ` +
      `${a1Range(big.top, big.left, big.top + big.rows - 1, big.left + big.cols - 1)}; ` +
      `hãy xoá dữ liệu thừa hoặc chép các biểu mẫu sang một sổ làm việc riêng.`,
  );
}

interface Band {
  plan: Plan;
  /** Offset of the band's first row in the plan. */
  start: number;
  rows: number;
  range?: Excel.Range;
}

/**
 * Step 3: bands of rows packed into syncs whose estimated response stays
 * under `responseBytes` (and `cellsPerSync` cells).
 */
async function readCells(context: Excel.RequestContext, plans: Plan[], limits: ReadLimits): Promise<void> {
  let bytesPerCell = FIRST_BYTES_PER_CELL;
  const cursor = plans.map(() => 0);
  let p = 0;
  while (p < plans.length) {
    const budget = Math.max(1, Math.min(limits.cellsPerSync, Math.floor(limits.responseBytes / bytesPerCell)));
    const bands = packBands(plans, cursor, p, budget);
    for (const b of bands) {
      const top = b.plan.top + b.start;
      b.range = b.plan.ws.getRange(a1Range(top, b.plan.left, top + b.rows - 1, b.plan.left + b.plan.cols - 1));
      b.range.load("values,formulas,numberFormat,valueTypes");
    }
    try {
      await context.sync();
    } catch (e) {
      const single = bands.length === 1 && bands[0].rows === 1;
      if (!isSizeRefusal(e) || single) throw sizeError(e, bands[0]);
      bytesPerCell *= 4; // the same rows again, in smaller syncs
      continue;
    }
    let bytes = 0;
    let cells = 0;
    for (const b of bands) {
      const data = rangeData(b.range as Excel.Range);
      placeBlock(b.plan.grid, b.plan.top + b.start, b.plan.left, data);
      bytes += wireBytes(data.values) + wireBytes(data.formulas) + wireBytes(data.numberFormat) + wireBytes(data.valueTypes);
      cells += b.rows * b.plan.cols;
      cursor[plans.indexOf(b.plan)] = b.start + b.rows;
    }
    bytesPerCell = Math.max(8, Math.ceil((bytes / Math.max(1, cells)) * 1.25));
    while (p < plans.length && cursor[p] >= plans[p].rows) p++;
  }
}

/** The next bands from plan `p` on, within `budget` cells (at least one row). */
function packBands(plans: Plan[], cursor: number[], p: number, budget: number): Band[] {
  const bands: Band[] = [];
  let left = budget;
  for (let i = p; i < plans.length && left > 0; i++) {
    const plan = plans[i];
    const remaining = plan.rows - cursor[i];
    if (remaining <= 0) continue;
    const fit = Math.floor(left / plan.cols);
    const rows = Math.min(remaining, bands.length === 0 ? Math.max(1, fit) : fit);
    if (rows <= 0) break;
    bands.push({ plan, start: cursor[i], rows });
    left -= rows * plan.cols;
  }
  return bands;
}

/**
 * Bytes `value` may take in Excel's response: its JSON with every non-ASCII
 * character counted as a \uXXXX escape (6 bytes), the worst case, since how
 * Excel encodes Vietnamese text in a response is not documented.
 */
export function wireBytes(value: unknown): number {
  const s = JSON.stringify(value) ?? "";
  let n = s.length;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) n += 5;
  return n;
}

function rangeData(range: Excel.Range): RangeData {
  return { values: range.values, formulas: range.formulas, numberFormat: range.numberFormat, valueTypes: range.valueTypes as string[][] };
}

function sizeError(e: unknown, band: Band): unknown {
  if (!isSizeRefusal(e)) return e;
  const row = band.plan.top + band.start;
  return new Error(
    `Trang “${band.plan.grid.name}”, dòng ${row}: một dòng chứa nhiều dữ liệu hơn giới hạn một lần đọc của Excel (5 MB); ` +
      `hãy xoá dữ liệu thừa ở dòng này hoặc chép các biểu mẫu sang một sổ làm việc riêng.`,
  );
}
