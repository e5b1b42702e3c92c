/**
 * One unit file, however it arrives (a path on disk, a file picked or dropped
 * in the browser, a test's bytes) → what consolidation needs. The size limit,
 * the digest and the officer's reasons live here once; reading the bytes is
 * the surface's part (src/node for disk, a browser File for the pane).
 */
import type { TemplateSpec } from "../catalog/types";
import { checkWorkbook } from "../core/check-workbook";
import { unitData, type UnitInput } from "../core/consolidate";
import { detachText, markDetached } from "../core/detach";
import type { WorkbookGrid } from "../core/grid";
import { readAnyWorkbookGrid } from "../xlsx/legacy/read-any";
import { readFailureReason } from "../xlsx/read-failure";

/** Larger than any real report; refusing early keeps memory bounded. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** Templates, rosters and target files are small: this bounds what a wrong file (/dev/zero, a video) can cost. */
export const MAX_TEXT_BYTES = 16 * 1024 * 1024;

export function tooLargeReason(size: number): string {
  return `tệp quá lớn (${Math.round(size / 1048576)} MB) cho một báo cáo biểu mẫu`;
}

/** One file to consolidate, however it arrived (picked, dropped, from a folder, or built by a test). */
export interface UnitSource {
  /** Shown to the officer: file name, or the path inside a dropped folder. */
  name: string;
  size: number;
  /** ms since epoch */
  lastModified?: number;
  read(): Promise<Uint8Array>;
}

/** Hex SHA-256 (Web Crypto: browsers and Node ≥ 20). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", copy.buffer));
  let hex = "";
  for (const b of digest) hex += b.toString(16).padStart(2, "0");
  return hex;
}

type UnitMeta = Pick<UnitInput, "file" | "size" | "modified">;

/**
 * A read grid → the unit's data; a checker failure becomes the file's reason. Its texts are copied
 * as it is made (core/detach.ts), and it is marked so: the caller's `detachTexts` does not walk it.
 * `toJson`: the caller sends the result as JSON text at once (a worker), see `unitData`.
 */
export function unitInputFromGrid(
  meta: UnitMeta,
  sha256: string,
  grid: WorkbookGrid,
  templates: TemplateSpec[],
  toJson = false,
): UnitInput {
  try {
    // Consolidation keeps only errors' text (unitData): the other findings are only counted.
    const data = unitData(checkWorkbook(grid, templates, { kept: ["error"] }), grid, toJson);
    return markDetached({ ...detachedMeta(meta), sha256: detachText(sha256), data });
  } catch {
    return { ...meta, sha256, error: "không kiểm tra được nội dung tệp (lỗi khi đọc biểu mẫu)" };
  }
}

function detachedMeta(meta: UnitMeta): UnitMeta {
  const out: UnitMeta = { ...meta, file: detachText(meta.file) };
  if (meta.modified !== undefined) out.modified = detachText(meta.modified);
  return out;
}

/** One unit file → what consolidation needs; never throws (a bad file gets its reason). */
export async function readUnitSource(source: UnitSource, templates: TemplateSpec[]): Promise<UnitInput> {
  const meta: UnitMeta = {
    file: source.name,
    size: source.size,
    ...(source.lastModified ? { modified: new Date(source.lastModified).toISOString() } : {}),
  };
  if (source.size > MAX_FILE_BYTES) return { ...meta, error: tooLargeReason(source.size) };
  let bytes: Uint8Array;
  try {
    bytes = await source.read();
  } catch {
    return { ...meta, error: "không đọc được tệp" };
  }
  if (bytes.length > MAX_FILE_BYTES) return { ...meta, error: tooLargeReason(bytes.length) };
  const sha256 = await sha256Hex(bytes);
  let grid: WorkbookGrid;
  try {
    grid = (await readAnyWorkbookGrid(bytes)).grid; // .xlsx, .xls or .ods, by content
  } catch (e) {
    return { ...meta, sha256, error: readFailureReason(e) };
  }
  return unitInputFromGrid(meta, sha256, grid, templates);
}
