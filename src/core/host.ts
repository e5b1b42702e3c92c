/**
 * The workbook the task pane works on, whatever hosts it: Excel (Office.js,
 * src/excel/) or a plain browser on .xlsx files (src/browser/browser-host).
 * The UI talks only to this interface, never to `Excel` directly.
 */
import type { FormSheetPlan } from "./form-layout";
import type { WorkbookGrid } from "./grid";

/** A value or formula to write into one cell ("Biểu mẫu 1"!D8). */
export interface CellWrite {
  sheet: string;
  /** "D8" */
  address: string;
  value: number | string | null;
  /** Without "=", en-US syntax; when set, `value` is only the expected result. */
  formula?: string;
}

/** What a cell held before the add-in wrote it (for undo). */
export interface CellSnapshot {
  sheet: string;
  address: string;
  /** The cell's formula (with "=") or value as Office.js `formulas` would give it; "" for blank. */
  before: string | number | boolean;
  numberFormat?: string;
}

export type HighlightSeverity = "error" | "warning" | "info";

export interface WorkbookHost {
  readonly kind: "excel" | "browser";
  /** A short Vietnamese description of what is open ("Sổ làm việc Excel", "tệp xa-A.xlsx"). */
  describe(): Promise<string>;
  sheetNames(): Promise<string[]>;
  /** Inserts formatted form sheets; the plans' sheet names must not exist yet. */
  insertForms(plans: FormSheetPlan[]): Promise<void>;
  /** Values, number formats, formulas and merges of every sheet. */
  readGrid(): Promise<WorkbookGrid>;
  /** Writes cells and returns what they held before, so the add-in can undo its own changes. */
  writeCells(cells: CellWrite[]): Promise<CellSnapshot[]>;
  /** Puts back what `writeCells` returned. */
  restoreCells(snapshots: CellSnapshot[]): Promise<void>;
  /** Selects a cell ("'Biểu mẫu 3'!D12") so the officer sees it. */
  selectCell(ref: string): Promise<void>;
  highlight(cells: { ref: string; severity: HighlightSeverity }[]): Promise<void>;
  clearHighlights(): Promise<void>;
  /** Adds a sheet holding a plain table (findings export); the name must not exist yet. */
  addTableSheet(name: string, header: string[], rows: (string | number | null)[][]): Promise<void>;
  /** Adds every sheet of an .xlsx file (the consolidation output) to this workbook, or offers it for download. */
  addWorkbookSheets(xlsx: Uint8Array, suggestedName: string): Promise<"inserted" | "downloaded">;
}

/** "'Biểu mẫu 3'!D12" → { sheet: "Biểu mẫu 3", address: "D12" } */
export function parseCellRef(ref: string): { sheet: string; address: string } | undefined {
  const m = /^(?:'((?:[^']|'')+)'|([^!]+))!\$?([A-Z]+)\$?(\d+)$/.exec(ref);
  if (!m) return undefined;
  return { sheet: (m[1] ?? m[2]).replace(/''/g, "'"), address: `${m[3]}${m[4]}` };
}

/** A sheet name not in `existing`: "Biểu mẫu 1", then "Biểu mẫu 1 (2)", … (Excel's 31-character limit kept). */
export function freeSheetName(wanted: string, existing: string[]): string {
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  if (!taken.has(wanted.toLowerCase())) return wanted;
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const name = wanted.slice(0, 31 - suffix.length) + suffix;
    if (!taken.has(name.toLowerCase())) return name;
  }
}
