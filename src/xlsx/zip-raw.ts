/**
 * The zip container as the cell patcher needs it: entries listed from the central directory
 * (ooxml/zip-directory.ts, as the reader lists them: ZIP64, CP437 or UTF-8 names), inflated only
 * when asked for, and written back (ooxml/zip-write.ts) with the untouched entries copied byte for
 * byte (still compressed). So a damaged part that nobody reads (a thumbnail, a theme, docProps)
 * neither stops `fill` nor gets rewritten — the same tolerance as the reader, which never inflates
 * those parts either.
 */
import { deflateSync, inflateSync } from "fflate";
import { normalizePartName } from "./ooxml/part-name";
import { entryDataStart, readZipDirectory, ZipFormatError } from "./ooxml/zip-directory";
import { crc32, type ZipWriteEntry } from "./ooxml/zip-write";

export { ZipFormatError } from "./ooxml/zip-directory";
export { crc32, writeZip } from "./ooxml/zip-write";

export interface ZipEntry extends ZipWriteEntry {
  /** The name as written in the zip. */
  name: string;
  /** The part name, normalized (ooxml/part-name.ts): lower case, forward slashes, no leading slash. */
  part: string;
}

/** Entries in central-directory order, folders included; throws ZipFormatError when they cannot be listed. */
export function listZip(d: Uint8Array): ZipEntry[] {
  return readZipDirectory(d).map((e) => {
    const start = entryDataStart(d, e);
    return {
      name: e.written,
      part: e.name,
      nameBytes: e.nameBytes,
      flags: e.flags,
      method: e.method,
      time: e.time,
      date: e.date,
      crc: e.crc,
      size: e.size,
      compressed: d.subarray(start, start + e.compSize),
    };
  });
}

/** The entry's bytes; throws ZipFormatError when they cannot be inflated. */
export function inflateEntry(e: ZipEntry): Uint8Array {
  if (e.flags & 1) throw new ZipFormatError("encrypted");
  if (e.method === 0) return e.compressed.slice();
  if (e.method !== 8) throw new ZipFormatError(`method ${e.method}`);
  try {
    return inflateSync(e.compressed);
  } catch {
    throw new ZipFormatError("corrupt deflate stream");
  }
}

/** A new entry holding `bytes`, deflated, keeping the name, flags and time of `like` when given. */
export function deflatedEntry(name: string, bytes: Uint8Array, like?: ZipEntry): ZipEntry {
  return {
    name,
    part: normalizePartName(name),
    nameBytes: like?.nameBytes ?? new TextEncoder().encode(name),
    flags: like ? like.flags & 0x0800 : 0x0800,
    method: 8,
    time: like?.time ?? 0,
    date: like?.date ?? 0x21,
    crc: crc32(bytes),
    size: bytes.length,
    compressed: deflateSync(bytes, { level: 6 }),
  };
}
