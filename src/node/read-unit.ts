/** One unit file from disk → what consolidation needs (Node only: synchronous, so worker threads can run it). */
import { createHash } from "node:crypto";
import type { TemplateSpec } from "../catalog/types";
import type { UnitInput } from "../core/consolidate";
import { unitInputFromGrid } from "../app/unit-source";
import { loadWorkbookBytes } from "./load-workbook";
import { readFileBounded } from "./read-file";

/** `toJson`: the caller sends the result as JSON text at once (a worker), see `unitData`. */
export function readUnitFile(file: string, shown: string, templates: TemplateSpec[], toJson = false): UnitInput {
  const read = readFileBounded(file);
  const meta = read.stat ? { file: shown, size: read.stat.size, modified: read.stat.mtime.toISOString() } : { file: shown };
  if (!read.ok) return { ...meta, error: read.reason };
  const bytes = read.bytes;
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const loaded = loadWorkbookBytes(bytes);
  if (!loaded.ok) return { ...meta, sha256, error: loaded.reason };
  return unitInputFromGrid(meta, sha256, loaded.grid, templates, toJson);
}
