/** Reading a workbook from disk (Node only): bytes → grid, every failure a Vietnamese reason. */
import * as fs from "node:fs";
import type { WorkbookGrid } from "../core/grid";
import { readWorkbookAnyFormat, type WorkbookFormat } from "./legacy/read-legacy";
import { ReadError } from "./read-grid";

/** Larger than any real report; refusing early keeps memory bounded. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** `format`: what the bytes are (found from their content); fill writes an .xlsx copy of an .xls or .ods. */
export type LoadedFile = { ok: true; grid: WorkbookGrid; bytes: Uint8Array; format?: WorkbookFormat } | { ok: false; reason: string };

export function loadWorkbookFile(file: string): LoadedFile {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return { ok: false, reason: "không tìm thấy tệp" };
  }
  if (stat.isDirectory()) return { ok: false, reason: "là thư mục, không phải tệp" };
  if (stat.size > MAX_FILE_BYTES) {
    return { ok: false, reason: `tệp quá lớn (${Math.round(stat.size / 1048576)} MB) cho một báo cáo biểu mẫu` };
  }
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === "EACCES" ? "không có quyền đọc tệp" : "không đọc được tệp" };
  }
  return loadWorkbookBytes(bytes);
}

export function loadWorkbookBytes(bytes: Uint8Array): LoadedFile {
  try {
    const { grid, format } = readWorkbookAnyFormat(bytes); // .xlsx, .xls or .ods, by content
    return { ok: true, grid, bytes, format };
  } catch (e) {
    if (e instanceof ReadError) return { ok: false, reason: e.message };
    return { ok: false, reason: `tệp bị hỏng hoặc không đọc được (${(e as Error).message})` };
  }
}
