/** One unit file from disk → what consolidation needs (Node only: synchronous, so worker threads can run it). */
import * as crypto from "node:crypto";
import type { TemplateSpec } from "../catalog/types";
import type { UnitInput } from "../core/consolidate";
import { unitInputFromGrid } from "../app/unit-source";
import { loadWorkbookBytes } from "./load-workbook";
import { readFileBounded } from "./read-file";

/** The bytes' SHA-256 in hex: one call where Node has `crypto.hash` (no Hash object per file). */
const sha256Hex: (bytes: Uint8Array) => string =
  typeof crypto.hash === "function"
    ? (bytes) => crypto.hash("sha256", bytes, "hex")
    : (bytes) => crypto.createHash("sha256").update(bytes).digest("hex");

/** `toJson`: the caller sends the result as JSON text at once (a worker), see `unitData`. */
export function readUnitFile(file: string, shown: string, templates: TemplateSpec[], toJson = false): UnitInput {
  // The bytes are done with before the next file is read: hashed, read into the grid (which keeps none of them).
  const read = readFileBounded(file, undefined, true);
  const meta = read.stat ? { file: shown, size: read.stat.size, modified: read.stat.mtime.toISOString() } : { file: shown };
  if (!read.ok) return { ...meta, error: read.reason };
  const bytes = read.bytes;
  const sha256 = sha256Hex(bytes);
  const loaded = loadWorkbookBytes(bytes);
  if (!loaded.ok) return { ...meta, sha256, error: loaded.reason };
  return unitInputFromGrid(meta, sha256, loaded.grid, templates, toJson);
}
