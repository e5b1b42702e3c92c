/** Reading files from disk (Node only): regular files only, bounded, every failure a Vietnamese reason. */
import * as fs from "node:fs";
import { MAX_FILE_BYTES, MAX_TEXT_BYTES, tooLargeReason } from "../app/unit-source";
import { loadWorkbookBytes, type LoadedFile } from "./load-workbook";

export type ReadBytes = { ok: true; bytes: Uint8Array; stat: fs.Stats } | { ok: false; reason: string; stat?: fs.Stats };

/** Why a path that is not a regular file is not read (a FIFO would hang, /dev/zero never ends). */
function notRegular(stat: fs.Stats): string {
  if (stat.isDirectory()) return "là thư mục, không phải tệp";
  if (stat.isFIFO()) return "là đường ống (FIFO), không phải tệp thông thường: bỏ qua";
  if (stat.isSocket()) return "là socket, không phải tệp thông thường: bỏ qua";
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return "là thiết bị, không phải tệp thông thường: bỏ qua";
  return "không phải tệp thông thường: bỏ qua";
}

/**
 * Reads a regular file, at most `limit` bytes: anything else (FIFO, device,
 * folder) is refused on the opened file's own status (opened without waiting:
 * O_NONBLOCK, so a FIFO does not wait for a writer; nothing is read from it),
 * and the read stops one byte past the limit whatever size the file claims
 * (files that grow, /proc…). One open and one fstat per file: a stat before the
 * open would cost a second look-up of the path for each of thousands of units.
 *
 * `scratch`: the bytes may be a view of one buffer kept for the next such read (valid until then):
 * for a caller that is done with them before it reads another file (a unit read into its grid).
 */
export function readFileBounded(file: string, limit = MAX_FILE_BYTES, scratch = false): ReadBytes {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return notOpened(file, limit, e);
  }
  let opened: fs.Stats | undefined;
  try {
    opened = fs.fstatSync(fd);
    if (!opened.isFile()) return { ok: false, reason: notRegular(opened), stat: opened };
    if (opened.size > limit) return { ok: false, reason: tooLargeReason(opened.size), stat: opened };
    const bytes = readOpened(fd, opened.size, limit, scratch);
    if (bytes.length > limit) return { ok: false, reason: tooLargeReason(bytes.length), stat: opened };
    return { ok: true, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), stat: opened };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return {
      ok: false,
      reason:
        code === "EISDIR" ? "là thư mục, không phải tệp" : code === "EAGAIN" ? "không đọc được tệp (đang bị khóa)" : "không đọc được tệp",
      stat: opened ?? statOrUndefined(file),
    };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * An opened regular file's bytes, at most limit + 1 of them (more than `limit`: too large). One
 * buffer of the stated size + 1: a read that stops short of it exactly at the stated size is at the
 * file's end, so a file usually takes one read. A file larger than it said (growing, /proc) is read
 * on, the buffer doubled, until the end or past the limit; a short read before the stated size
 * reads on too.
 */
function readOpened(fd: number, size: number, limit: number, scratch: boolean): Buffer {
  const want = Math.min(size > 0 ? size + 1 : 64 * 1024, limit + 1);
  let buf = scratch && want <= SCRATCH_MAX_BYTES ? scratchOf(want) : Buffer.allocUnsafe(want);
  let total = 0;
  for (;;) {
    if (total === buf.length) {
      if (total > limit) return buf;
      const bigger = Buffer.allocUnsafe(Math.min(total * 2, limit + 1, total + 16 * 1024 * 1024));
      buf.copy(bigger, 0, 0, total);
      buf = bigger;
    }
    const n = fs.readSync(fd, buf, total, buf.length - total, null);
    total += n;
    if (n === 0 || total === size) break;
  }
  return buf.subarray(0, total);
}

/** Files read into the kept buffer are at most this large (a unit's workbook is tens of KB). */
const SCRATCH_MAX_BYTES = 1024 * 1024;
let kept: Buffer | undefined;

/** The kept buffer's first `want` bytes (grown, never shrunk): no new buffer to allocate and collect per file. */
function scratchOf(want: number): Buffer {
  if (kept === undefined || kept.length < want) kept = Buffer.allocUnsafe(Math.max(want, 64 * 1024));
  return kept.subarray(0, want);
}

/** Why a file could not be opened, as the path's own status tells (missing, a loop, too large…), else the open's error. */
function notOpened(file: string, limit: number, e: unknown): ReadBytes {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return {
      ok: false,
      reason: code === "EACCES" ? "không có quyền đọc tệp" : code === "ELOOP" ? "liên kết vòng, không đọc được" : "không tìm thấy tệp",
    };
  }
  if (!stat.isFile()) return { ok: false, reason: notRegular(stat), stat };
  if (stat.size > limit) return { ok: false, reason: tooLargeReason(stat.size), stat };
  const code = (e as NodeJS.ErrnoException).code;
  return { ok: false, reason: code === "EACCES" || code === "EPERM" ? "không có quyền đọc tệp" : "không đọc được tệp", stat };
}

function statOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

export { MAX_TEXT_BYTES };

/** A small text file (UTF-8, BOM dropped), read like a workbook: regular files only, bounded. */
export function readTextFileBounded(file: string, limit = MAX_TEXT_BYTES): { ok: true; text: string } | { ok: false; reason: string } {
  const read = readFileBounded(file, limit);
  if (!read.ok) return read;
  return { ok: true, text: new TextDecoder("utf-8").decode(read.bytes).replace(/^\uFEFF/, "") };
}

export function loadWorkbookFile(file: string): LoadedFile {
  const read = readFileBounded(file);
  if (!read.ok) return { ok: false, reason: read.reason };
  return loadWorkbookBytes(read.bytes);
}
