/**
 * Browser (and any async caller): workbook bytes of any accepted format →
 * grid. SheetJS is reached only through import(), so webpack puts it in its
 * own chunk ("legacy"), fetched the first time an .xls or .ods appears; the
 * task pane's first load does not grow.
 */
import type { WorkbookGrid } from "../../core/grid";
import { ReadError, readWorkbookGrid, type ReadOptions } from "../read-grid";
import { type LegacyFormat, legacyFormatOf } from "./detect";
import { legacyGrid, needsCodepages, precheckLegacy, type SheetJsReader } from "./to-grid";
import { xlsxFromGrid } from "./to-xlsx";

export type WorkbookFormat = "xlsx" | LegacyFormat;

let loading: Promise<SheetJsReader> | undefined;
let codepages: Promise<void> | undefined;

async function loadSheetJs(): Promise<SheetJsReader> {
  loading ??= import(/* webpackChunkName: "legacy" */ "@e965/xlsx").then((m) =>
    (m as { default?: SheetJsReader }).default?.read ? (m as { default: SheetJsReader }).default : (m as SheetJsReader),
  );
  try {
    return await loading;
  } catch {
    loading = undefined;
    throw new ReadError("corrupt", "không tải được bộ đọc tệp .xls/.ods; hãy tải lại trang rồi thử lại");
  }
}

/** Excel 95 text needs SheetJS's code page tables (a second chunk, only for such files). */
async function loadCodepages(lib: SheetJsReader): Promise<void> {
  codepages ??= import(/* webpackChunkName: "legacy-codepages" */ "@e965/xlsx/dist/cpexcel.full").then((cp) => {
    lib.set_cptable?.((cp as { default?: unknown }).default ?? cp);
  });
  await codepages;
}

/** Reads any accepted workbook. Throws ReadError only. */
export async function readAnyWorkbookGrid(
  bytes: Uint8Array,
  options: ReadOptions = {},
): Promise<{ grid: WorkbookGrid; format: WorkbookFormat }> {
  const format = legacyFormatOf(bytes);
  if (!format) return { grid: readWorkbookGrid(bytes, options), format: "xlsx" };
  const pre = precheckLegacy(bytes, format); // refuse a huge file before fetching the reader
  const lib = await loadSheetJs();
  if (needsCodepages(pre)) await loadCodepages(lib);
  return { grid: legacyGrid(lib, bytes, format, options, pre), format };
}

/**
 * Bytes the browser page can open and patch: an .xlsx as it is, an .xls or
 * .ods turned into an .xlsx holding what was read (exceljs, its lazy chunk).
 * Throws ReadError when the file cannot be read.
 */
export async function openableXlsx(bytes: Uint8Array): Promise<{ bytes: Uint8Array; format: WorkbookFormat }> {
  if (!legacyFormatOf(bytes)) return { bytes, format: "xlsx" };
  const { grid, format } = await readAnyWorkbookGrid(bytes);
  const excel = await import(/* webpackChunkName: "exceljs" */ "exceljs");
  const ExcelJS = ((excel as { default?: typeof import("exceljs") }).default ?? excel) as typeof import("exceljs");
  try {
    return { bytes: await xlsxFromGrid(ExcelJS, grid), format };
  } catch {
    throw new ReadError("corrupt", "không chuyển được tệp sang .xlsx để tính; hãy mở bằng Excel và lưu lại dạng .xlsx");
  }
}
