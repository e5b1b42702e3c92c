/**
 * .xls / .ods bytes → the same WorkbookGrid the .xlsx reader gives, through
 * SheetJS CE's read path (`@e965/xlsx`, a republish of SheetJS 0.20.3). The
 * library is handed in by the caller so that Node can require() it and the
 * browser can load it as its own chunk; this file only imports its types.
 *
 * What is kept: cell values (a formula's cached result, its text when the
 * format has it), number formats (percent and date matter to the checks),
 * merged ranges, sheet names and visibility. Chart and macro sheets are left
 * out, as the .xlsx reader does. Bounds are the .xlsx reader's: rows per
 * sheet, cells per workbook, plus a file size and (for .ods) an inflated
 * size. Every failure is a ReadError with a Vietnamese message naming the
 * format; SheetJS's own (English) messages never reach the officer.
 */
import type { CellObject, ParsingOptions, WorkBook, WorkSheet } from "@e965/xlsx";
import type { Cell, CellRange, SheetGrid, WorkbookGrid } from "../../core/grid";
import { ReadError, type ReadOptions } from "../read-grid";
import { workbookStream } from "./cfb";
import type { LegacyFormat } from "./detect";
import { checkOdsPackage, corruptOds, hiddenOdsSheets } from "./ods-zip";

/** The part of SheetJS used here: its reader (and code pages for Excel 95 files). */
export interface SheetJsReader {
  read(data: Uint8Array, opts: ParsingOptions): WorkBook;
  /** Exported by SheetJS but not in its types: parses a BIFF record stream given as bytes. */
  parse_xlscfb?: (stream: Uint8Array | number[], opts: ParsingOptions) => WorkBook;
  set_cptable?: (cptable: unknown) => void;
}

/** A unit's form workbook is tens of KB; SheetJS holds a whole file in memory, so legacy files are capped lower than .xlsx. */
export const MAX_LEGACY_BYTES = 16 * 1024 * 1024;
/** Inflated size of all parts of an .ods package. */
const MAX_ODS_INFLATED = 64 * 1024 * 1024;
const DEFAULT_MAX_ROWS = 5000;
const DEFAULT_MAX_CELLS = 200_000;

export const FORMAT_LABEL: Record<LegacyFormat, string> = {
  xls: "tệp Excel 97–2003 (.xls)",
  ods: "tệp OpenDocument (.ods)",
};

/** BIFF error codes ([MS-XLS] 2.5.97.2 BErr), as SheetJS hands them over in `v`. */
const ERRORS: Record<number, string> = {
  0x00: "#NULL!",
  0x07: "#DIV/0!",
  0x0f: "#VALUE!",
  0x17: "#REF!",
  0x1d: "#NAME?",
  0x24: "#NUM!",
  0x2a: "#N/A",
  0x2b: "#GETTING_DATA",
};

/** What is worked out before SheetJS runs: the .xls record stream, or the .ods content (inflated within bounds). */
export interface Prechecked {
  xls?: { stream: Uint8Array; biff: 5 | 8 };
  odsContent?: string;
}

/** Work to do before SheetJS runs: size limits, the .xls container, the .ods bounded inflation. */
export function precheckLegacy(bytes: Uint8Array, format: LegacyFormat): Prechecked {
  if (bytes.length > MAX_LEGACY_BYTES) {
    throw new ReadError("too-large", `${FORMAT_LABEL[format]} quá lớn (${Math.round(bytes.length / 1048576)} MB) cho một báo cáo biểu mẫu`);
  }
  try {
    return format === "xls" ? { xls: workbookStream(bytes) } : { odsContent: checkOdsPackage(bytes, MAX_ODS_INFLATED) };
  } catch (e) {
    throw asReadError(e, format); // fflate's own errors on damaged data included
  }
}

/** Does this .xls need SheetJS's code page tables (Excel 95 text is not Unicode)? */
export function needsCodepages(pre: Prechecked): boolean {
  return pre.xls?.biff === 5;
}

/**
 * Reads an .xls or .ods with the given SheetJS module, in this thread.
 * Throws ReadError only. `pre` is precheckLegacy's result (computed here
 * when not given).
 */
export function legacyGrid(
  lib: SheetJsReader,
  bytes: Uint8Array,
  format: LegacyFormat,
  options: ReadOptions = {},
  pre?: Prechecked,
): WorkbookGrid {
  const checked = pre ?? precheckLegacy(bytes, format);
  const opts = sheetJsOptions(options);
  const wb = quietly(() => {
    try {
      return runSheetJs(lib, checked.xls?.stream ?? bytes, format, opts);
    } catch (e) {
      throw asReadError(e, format);
    }
  });
  return gridFromWorkbook(wb, format, checked, options);
}

/** The SheetJS read options: values, formulas and formats; no styles, no HTML, no macros. */
export function sheetJsOptions(options: ReadOptions): ParsingOptions {
  const maxRows = Math.max(1, Math.floor(options.maxRows ?? DEFAULT_MAX_ROWS));
  return {
    type: "array",
    dense: true,
    cellFormula: true,
    cellNF: true,
    cellDates: false,
    cellHTML: false,
    cellText: false,
    cellStyles: false,
    bookVBA: false,
    // One row more than kept: a cell there tells that the sheet goes on.
    sheetRows: maxRows + 1,
  };
}

/** An .ods package whole, an .xls as its record stream only (see cfb.ts). */
export function runSheetJs(lib: SheetJsReader, data: Uint8Array, format: LegacyFormat, opts: ParsingOptions): WorkBook {
  if (format === "ods") return lib.read(data, opts);
  if (!lib.parse_xlscfb) throw new Error("SheetJS without parse_xlscfb");
  // SheetJS reads a Node Buffer as it is, anything else as a plain array.
  const NodeBuffer = (globalThis as { Buffer?: { from(b: Uint8Array): Uint8Array } }).Buffer;
  return NodeBuffer
    ? lib.parse_xlscfb(NodeBuffer.from(data), { ...opts, type: "buffer" })
    : lib.parse_xlscfb(Array.from(data), { ...opts, type: "array" });
}

/** SheetJS reports doubtful .ods number formats on the console; the officer's terminal is not the place. */
function quietly<T>(run: () => T): T {
  const c = console as unknown as Record<"error" | "warn" | "log", (...a: unknown[]) => void>;
  const saved = { error: c.error, warn: c.warn, log: c.log };
  c.error = c.warn = c.log = () => undefined;
  try {
    return run();
  } finally {
    Object.assign(c, saved);
  }
}

/** SheetJS's workbook → our grid (sheet order, visibility, cells within the bounds). Throws ReadError only. */
export function gridFromWorkbook(wb: WorkBook, format: LegacyFormat, checked: Prechecked, options: ReadOptions = {}): WorkbookGrid {
  const maxRows = Math.max(1, Math.floor(options.maxRows ?? DEFAULT_MAX_ROWS));
  const budget = { cellsLeft: Math.max(0, Math.floor(options.maxCells ?? DEFAULT_MAX_CELLS)) };
  const sheets: SheetGrid[] = [];
  try {
    const hidden = checked.odsContent !== undefined ? hiddenOdsSheets(checked.odsContent) : new Set<string>();
    wb.SheetNames.forEach((rawName, i) => {
      const ws = wb.Sheets[rawName];
      if (!ws || (ws["!type"] !== undefined && ws["!type"] !== "sheet")) return; // chart, macro and dialog sheets hold no cells
      const name = String(rawName).normalize("NFC");
      const flag = wb.Workbook?.Sheets?.[i]?.Hidden;
      const state: SheetGrid["state"] = flag === 2 ? "veryHidden" : flag === 1 || hidden.has(name) ? "hidden" : "visible";
      sheets.push(sheetGrid(ws, name, state, maxRows, budget));
    });
  } catch (e) {
    throw asReadError(e, format);
  }
  if (sheets.length === 0) throw new ReadError("no-workbook", "không có bảng tính nào trong tệp");
  return { sheets };
}

/** Any exception from SheetJS → a Vietnamese ReadError. */
export function asReadError(e: unknown, format: LegacyFormat): ReadError {
  if (e instanceof ReadError) return e;
  const message = e instanceof Error ? e.message : String(e);
  if (/password|encrypt/i.test(message)) {
    return new ReadError("encrypted", "tệp được đặt mật khẩu (hoặc khóa bảo vệ sổ làm việc): hãy gỡ mật khẩu rồi gửi lại");
  }
  if (e instanceof RangeError && /memory|allocation|Invalid (typed )?array length|string length|call stack/i.test(message)) {
    return new ReadError("too-large", "tệp quá lớn hoặc bất thường, không đọc được");
  }
  return format === "ods" ? corruptOds() : new ReadError("corrupt", `${FORMAT_LABEL[format]} bị hỏng hoặc không đọc được`);
}

function sheetGrid(ws: WorkSheet, name: string, state: SheetGrid["state"], maxRows: number, budget: { cellsLeft: number }): SheetGrid {
  const data: (CellObject | undefined)[][] = ws["!data"] ?? [];
  const rows: (Cell | undefined)[][] = [];
  let truncatedAtRow: number | undefined;
  let maxRow = 0;
  let maxCol = 0;
  for (let r = 0; r < data.length; r++) {
    const src = data[r];
    if (!src) continue;
    const row: (Cell | undefined)[] = [];
    let stop = false;
    for (let c = 0; c < src.length && c < 16384; c++) {
      const cell = src[c] ? toCell(src[c]!) : undefined;
      if (!cell) continue;
      if (r >= maxRows) {
        truncatedAtRow = maxRows;
        stop = true;
        break;
      }
      if (budget.cellsLeft <= 0) {
        truncatedAtRow = r; // this row is incomplete: dropped, as the .xlsx reader does
        stop = true;
        break;
      }
      budget.cellsLeft--;
      row[c] = cell;
    }
    if (stop) {
      if (truncatedAtRow === r) row.length = 0;
      break;
    }
    if (row.length > 0) {
      rows[r] = row;
      maxRow = r + 1;
      maxCol = Math.max(maxCol, row.length);
    }
  }
  for (let r = 0; r < maxRow; r++) if (!rows[r]) rows[r] = [];
  rows.length = maxRow;
  const merges: CellRange[] = (ws["!merges"] ?? [])
    .filter((m) => m && m.s && m.e && m.s.r < maxRows)
    .map((m) => ({ top: m.s.r + 1, left: m.s.c + 1, bottom: Math.min(m.e.r, maxRows - 1) + 1, right: m.e.c + 1 }));
  const sheet: SheetGrid = { name, state, rows, merges, maxRow, maxCol };
  if (truncatedAtRow !== undefined) sheet.truncatedAtRow = truncatedAtRow;
  return sheet;
}

/** One SheetJS cell → our cell; undefined for blanks (formatting only). */
function toCell(src: CellObject): Cell | undefined {
  let value: Cell["value"] = null;
  let error: string | undefined;
  switch (src.t) {
    case "s":
      value = String(src.v ?? "").normalize("NFC");
      break;
    case "n":
      value = typeof src.v === "number" ? src.v : Number(src.v);
      if (!Number.isFinite(value)) value = null;
      break;
    case "b":
      value = src.v === true;
      break;
    case "e":
      error = ERRORS[src.v as number] ?? (typeof src.w === "string" && src.w.startsWith("#") ? src.w : "#N/A");
      break;
    case "d":
      value = src.v instanceof Date ? src.v.getTime() / 86_400_000 + 25569 : null;
      break;
    default:
      return undefined; // "z": a stub with no value
  }
  const formula = typeof src.f === "string" ? cleanFormula(src.f) : undefined;
  if (value === null && error === undefined && formula === undefined) return undefined;
  const cell: Cell = { value };
  const z = typeof src.z === "string" ? src.z : undefined;
  if (z && !/^general$/i.test(z.trim())) cell.numFmt = z;
  if (formula !== undefined) cell.formula = formula;
  if (error !== undefined) cell.error = error;
  return cell;
}

/**
 * Formula text without "="; none for an error literal (LibreOffice stores a
 * typed "#DIV/0!" in .xls as a formula of that error alone).
 */
function cleanFormula(f: string): string | undefined {
  const text = (f.startsWith("=") ? f.slice(1) : f).normalize("NFC");
  if (text === "" || /^#[A-Z0-9/!?_]+$/i.test(text)) return undefined;
  return text;
}
