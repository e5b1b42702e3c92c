/** One unit file from disk → what consolidation needs (Node only). */
import { createHash } from "node:crypto";
import type { TemplateSpec } from "../catalog/types";
import { checkWorkbook } from "../core/check-workbook";
import { unitData, type UnitInput } from "../core/consolidate";
import { loadWorkbookBytes, readFileBounded } from "../xlsx/read-file";

/** `toJson`: the caller sends the result as JSON text at once (a worker), see `unitData`. */
export function readUnitFile(file: string, shown: string, templates: TemplateSpec[], toJson = false): UnitInput {
  const read = readFileBounded(file);
  const meta = read.stat ? { file: shown, size: read.stat.size, modified: read.stat.mtime.toISOString() } : { file: shown };
  if (!read.ok) return { ...meta, error: read.reason };
  const bytes = read.bytes;
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const loaded = loadWorkbookBytes(bytes);
  if (!loaded.ok) return { ...meta, sha256, error: loaded.reason };
  try {
    return { ...meta, sha256, data: unitData(checkWorkbook(loaded.grid, templates), loaded.grid, toJson) };
  } catch {
    return { ...meta, sha256, error: "không kiểm tra được nội dung tệp (lỗi khi đọc biểu mẫu)" };
  }
}
