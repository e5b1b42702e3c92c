/** Workbook bytes → grid, every failure a Vietnamese reason (reading the bytes from disk is src/node/read-file.ts). */
import type { WorkbookGrid } from "../core/grid";
import { readWorkbookAnyFormat, type WorkbookFormat } from "./read-any-format";
import { readFailureReason } from "../xlsx/read-failure";

/** `format`: what the bytes are (found from their content); fill writes an .xlsx copy of an .xls or .ods. */
export type LoadedFile = { ok: true; grid: WorkbookGrid; bytes: Uint8Array; format?: WorkbookFormat } | { ok: false; reason: string };

export function loadWorkbookBytes(bytes: Uint8Array): LoadedFile {
  try {
    const { grid, format } = readWorkbookAnyFormat(bytes); // .xlsx, .xls or .ods, by content
    return { ok: true, grid, bytes, format };
  } catch (e) {
    return { ok: false, reason: readFailureReason(e) };
  }
}
