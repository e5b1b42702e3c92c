/**
 * Node: any workbook bytes → grid, whatever the format (.xlsx, .xls, .ods).
 * SheetJS runs in a worker thread with a deadline and a memory ceiling
 * (legacy-sandbox.ts), started only when a legacy file appears. (The task
 * pane uses read-any.ts instead, which loads SheetJS as a separate chunk.)
 */
import type { WorkbookGrid } from "../core/grid";
import { readWorkbookGrid, type ReadOptions } from "../xlsx/read-grid";
import { type LegacyFormat, legacyFormatOf } from "../xlsx/legacy/detect";
import { readInSandbox } from "./legacy-sandbox";
import { asReadError, gridFromWorkbook, precheckLegacy, sheetJsOptions } from "../xlsx/legacy/to-grid";

export type WorkbookFormat = "xlsx" | LegacyFormat;

/** Reads an .xls (BIFF8/BIFF5) or .ods. Throws ReadError only. */
export function readLegacyWorkbook(bytes: Uint8Array, format: LegacyFormat, options: ReadOptions = {}): WorkbookGrid {
  const checked = precheckLegacy(bytes, format);
  let wb;
  try {
    wb = readInSandbox(checked.xls?.stream ?? bytes, format, sheetJsOptions(options));
  } catch (e) {
    throw asReadError(e, format);
  }
  return gridFromWorkbook(wb, format, checked, options);
}

/** The format by content, then the matching reader. Throws ReadError only. */
export function readWorkbookAnyFormat(bytes: Uint8Array, options: ReadOptions = {}): { grid: WorkbookGrid; format: WorkbookFormat } {
  const format = legacyFormatOf(bytes);
  if (format) return { grid: readLegacyWorkbook(bytes, format, options), format };
  return { grid: readWorkbookGrid(bytes, options), format: "xlsx" };
}
