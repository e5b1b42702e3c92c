/**
 * The one zip writer of src/xlsx (the fast writer's packages, the patcher's rewritten copies) and
 * the one CRC-32. Entries arrive compressed, with sizes and CRC known, so every local header holds
 * its sizes (no data descriptors) and the archive is one allocation. No zip64: a package and each
 * part stay below 4 GB (checked).
 */
import type { ZipEntryFields } from "./zip-directory";

/**
 * An entry as written: its data already compressed (method 8) or stored (0). Only the UTF-8 name
 * flag (0x800) of `flags` is written; the rest (data descriptor, …) no longer holds.
 */
export interface ZipWriteEntry extends ZipEntryFields {
  compressed: Uint8Array;
}

/** The archive would need zip64 (over 4 GB or 65,535 entries); the message is Vietnamese. */
export class ZipSizeError extends Error {
  constructor() {
    super("Tệp Excel quá lớn (vượt quá 4 GB)");
    this.name = "ZipSizeError";
  }
}

/** MS-DOS time and date of a moment, in UTC (years before 1980 become 1980). */
export function dosDateTime(when: Date): { time: number; date: number } {
  return {
    time: (when.getUTCHours() << 11) | (when.getUTCMinutes() << 5) | (when.getUTCSeconds() >> 1),
    date: (Math.max(0, when.getUTCFullYear() - 1980) << 9) | ((when.getUTCMonth() + 1) << 5) | when.getUTCDate(),
  };
}

/** The header fields local and central headers share, from "version needed" to the name's length. */
function putCommon(view: DataView, p: number, e: ZipWriteEntry): void {
  view.setUint16(p, 20, true);
  view.setUint16(p + 2, e.flags & 0x0800, true);
  view.setUint16(p + 4, e.method, true);
  view.setUint16(p + 6, e.time, true);
  view.setUint16(p + 8, e.date, true);
  view.setUint32(p + 10, e.crc, true);
  view.setUint32(p + 14, e.compressed.length, true);
  view.setUint32(p + 18, e.size, true);
  view.setUint16(p + 22, e.nameBytes.length, true);
}

/** Writes the entries in order: local headers and data, the central directory, its end record. */
export function writeZip(entries: readonly ZipWriteEntry[]): Uint8Array {
  let total = 22;
  for (const e of entries) total += 30 + 46 + 2 * e.nameBytes.length + e.compressed.length;
  if (total > 0xfffffff0 || entries.length > 0xffff) throw new ZipSizeError();
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  const offsets: number[] = [];
  let p = 0;
  for (const e of entries) {
    offsets.push(p);
    view.setUint32(p, 0x04034b50, true);
    putCommon(view, p + 4, e); // extra length (p + 28) stays 0
    out.set(e.nameBytes, p + 30);
    p += 30 + e.nameBytes.length;
    out.set(e.compressed, p);
    p += e.compressed.length;
  }
  const dirStart = p;
  entries.forEach((e, i) => {
    view.setUint32(p, 0x02014b50, true);
    view.setUint16(p + 4, 20, true); // version made by
    putCommon(view, p + 6, e);
    // extra and comment lengths, disk, internal and external attributes: 0
    view.setUint32(p + 42, offsets[i]!, true);
    out.set(e.nameBytes, p + 46);
    p += 46 + e.nameBytes.length;
  });
  view.setUint32(p, 0x06054b50, true);
  view.setUint16(p + 8, entries.length, true);
  view.setUint16(p + 10, entries.length, true);
  view.setUint32(p + 12, p - dirStart, true);
  view.setUint32(p + 16, dirStart, true);
  return out;
}

let CRC_TABLE: Uint32Array | undefined;

function crcTable(): Uint32Array {
  const t = new Uint32Array(1024);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n]!;
    for (let k = 1; k < 4; k++) {
      c = t[c & 0xff]! ^ (c >>> 8);
      t[k * 256 + n] = c >>> 0;
    }
  }
  return t;
}

/** CRC-32 (zip), slicing by 4. */
export function crc32(data: Uint8Array): number {
  const t = (CRC_TABLE ??= crcTable());
  let c = 0xffffffff;
  const n = data.length;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    c ^= data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24);
    c = t[768 + (c & 0xff)]! ^ t[512 + ((c >>> 8) & 0xff)]! ^ t[256 + ((c >>> 16) & 0xff)]! ^ t[c >>> 24]!;
  }
  for (; i < n; i++) c = t[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
