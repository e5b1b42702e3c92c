/** One unit file from disk → what consolidation needs (Node only). */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import type { TemplateSpec } from "../catalog/types";
import { checkWorkbook } from "../core/check-workbook";
import { unitData, type UnitInput } from "../core/consolidate";
import { loadWorkbookBytes, MAX_FILE_BYTES } from "../xlsx/read-file";

export function readUnitFile(file: string, shown: string, templates: TemplateSpec[]): UnitInput {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return { file: shown, error: "không tìm thấy tệp" };
  }
  const meta = { file: shown, size: stat.size, modified: stat.mtime.toISOString() };
  if (stat.size > MAX_FILE_BYTES) return { ...meta, error: `tệp quá lớn (${Math.round(stat.size / 1048576)} MB) cho một báo cáo biểu mẫu` };
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return { ...meta, error: "không đọc được tệp" };
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const loaded = loadWorkbookBytes(bytes);
  if (!loaded.ok) return { ...meta, sha256, error: loaded.reason };
  try {
    return { ...meta, sha256, data: unitData(checkWorkbook(loaded.grid, templates), loaded.grid) };
  } catch (e) {
    return { ...meta, sha256, error: `không kiểm tra được (${(e as Error).message.split("\n")[0]})` };
  }
}
