/**
 * Node: any workbook bytes → grid, whatever the format (.xlsx, .xls, .ods).
 * SheetJS is require()d inside the function, so the CLI loads it only when
 * a legacy file appears. (The task pane uses read-any.ts instead, which
 * loads it as a separate chunk.)
 */
import type { WorkbookGrid } from "../../core/grid";
import { readWorkbookGrid, type ReadOptions } from "../read-grid";
import { type LegacyFormat, legacyFormatOf } from "./detect";
import { legacyGrid, type SheetJsReader } from "./to-grid";

export type WorkbookFormat = "xlsx" | LegacyFormat;

let sheetJs: SheetJsReader | undefined;

function loadSheetJs(): SheetJsReader {
  // The CommonJS build of @e965/xlsx also loads its code page tables (Excel 95 text).
  sheetJs ??= require("@e965/xlsx") as SheetJsReader;
  return sheetJs;
}

/** Reads an .xls (BIFF8/BIFF5) or .ods. Throws ReadError only. */
export function readLegacyWorkbook(bytes: Uint8Array, format: LegacyFormat, options: ReadOptions = {}): WorkbookGrid {
  return legacyGrid(loadSheetJs(), bytes, format, options);
}

/** The format by content, then the matching reader. Throws ReadError only. */
export function readWorkbookAnyFormat(bytes: Uint8Array, options: ReadOptions = {}): { grid: WorkbookGrid; format: WorkbookFormat } {
  const format = legacyFormatOf(bytes);
  if (format) return { grid: readLegacyWorkbook(bytes, format, options), format };
  return { grid: readWorkbookGrid(bytes, options), format: "xlsx" };
}
