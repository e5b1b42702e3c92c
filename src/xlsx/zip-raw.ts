/**
 * The zip container as the cell patcher needs it: entries listed from the
 * central directory, inflated only when asked for, and written back with the
 * untouched entries copied byte for byte (still compressed). So a damaged part
 * that nobody reads (a thumbnail, a theme, docProps) neither stops `fill` nor
 * gets rewritten — the same tolerance as the reader, which never inflates
 * those parts either.
 */
import { deflateSync, inflateSync } from "fflate";

export interface ZipEntry {
  name: string;
  nameBytes: Uint8Array;
  flags: number;
  method: number;
  time: number;
  date: number;
  crc: number;
  size: number;
  compressed: Uint8Array;
}

/** Why the container cannot be listed; the caller falls back or explains. */
export class ZipFormatError extends Error {}

const utf8 = new TextDecoder("utf-8");

function u16(d: Uint8Array, o: number): number {
  return d[o] | (d[o + 1] << 8);
}
function u32(d: Uint8Array, o: number): number {
  return (d[o] | (d[o + 1] << 8) | (d[o + 2] << 16) | (d[o + 3] << 24)) >>> 0;
}

function findEndOfDirectory(d: Uint8Array): number {
  for (let i = d.length - 22; i >= Math.max(0, d.length - 22 - 65535); i--) {
    if (u32(d, i) === 0x06054b50) return i;
  }
  throw new ZipFormatError("no end of central directory");
}

/** Entries in central-directory order; ZIP64 and multi-disk archives are not listed (ZipFormatError). */
export function listZip(d: Uint8Array): ZipEntry[] {
  const eocd = findEndOfDirectory(d);
  const count = u16(d, eocd + 10);
  const dirOffset = u32(d, eocd + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) throw new ZipFormatError("zip64");
  const entries: ZipEntry[] = [];
  let p = dirOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > d.length || u32(d, p) !== 0x02014b50) throw new ZipFormatError("bad central directory");
    const flags = u16(d, p + 8);
    const nameLen = u16(d, p + 28);
    const compSize = u32(d, p + 20);
    const local = u32(d, p + 42);
    if (compSize === 0xffffffff || local === 0xffffffff) throw new ZipFormatError("zip64");
    const nameBytes = d.slice(p + 46, p + 46 + nameLen);
    if (local + 30 > d.length || u32(d, local) !== 0x04034b50) throw new ZipFormatError("bad local header");
    const start = local + 30 + u16(d, local + 26) + u16(d, local + 28);
    if (start + compSize > d.length) throw new ZipFormatError("entry past the end");
    entries.push({
      name: utf8.decode(nameBytes),
      nameBytes,
      flags,
      method: u16(d, p + 10),
      time: u16(d, p + 12),
      date: u16(d, p + 14),
      crc: u32(d, p + 16),
      size: u32(d, p + 24),
      compressed: d.subarray(start, start + compSize),
    });
    p += 46 + nameLen + u16(d, p + 30) + u16(d, p + 32);
  }
  return entries;
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

/** Writes the entries, in order, with sizes in the headers (no data descriptors). */
export function writeZip(entries: ZipEntry[]): Uint8Array {
  const localSize = entries.reduce((n, e) => n + 30 + e.nameBytes.length + e.compressed.length, 0);
  const dirSize = entries.reduce((n, e) => n + 46 + e.nameBytes.length, 0);
  const out = new Uint8Array(localSize + dirSize + 22);
  const view = new DataView(out.buffer);
  const offsets: number[] = [];
  let p = 0;
  const header = (sig: number, e: ZipEntry, central: boolean) => {
    view.setUint32(p, sig, true);
    p += 4;
    if (central) {
      view.setUint16(p, 20, true);
      p += 2;
    }
    view.setUint16(p, 20, true);
    view.setUint16(p + 2, e.flags & 0x0800, true); // only the UTF-8 name flag survives
    view.setUint16(p + 4, e.method, true);
    view.setUint16(p + 6, e.time, true);
    view.setUint16(p + 8, e.date, true);
    view.setUint32(p + 10, e.crc, true);
    view.setUint32(p + 14, e.compressed.length, true);
    view.setUint32(p + 18, e.size, true);
    view.setUint16(p + 22, e.nameBytes.length, true);
    view.setUint16(p + 24, 0, true);
    p += 26;
  };
  for (const e of entries) {
    offsets.push(p);
    header(0x04034b50, e, false);
    out.set(e.nameBytes, p);
    p += e.nameBytes.length;
    out.set(e.compressed, p);
    p += e.compressed.length;
  }
  const dirStart = p;
  entries.forEach((e, i) => {
    header(0x02014b50, e, true);
    // comment length, disk, internal and external attributes: zero; then the local header's offset
    view.setUint32(p + 10, offsets[i], true);
    p += 14;
    out.set(e.nameBytes, p);
    p += e.nameBytes.length;
  });
  view.setUint32(p, 0x06054b50, true);
  view.setUint16(p + 8, entries.length, true);
  view.setUint16(p + 10, entries.length, true);
  view.setUint32(p + 12, p - dirStart, true);
  view.setUint32(p + 16, dirStart, true);
  return out;
}

let CRC_TABLE: Uint32Array | undefined;

/** CRC-32 (zip), slicing by 4. */
export function crc32(data: Uint8Array): number {
  let t = CRC_TABLE;
  if (!t) {
    t = CRC_TABLE = new Uint32Array(1024);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      t[n] = c >>> 0;
    }
    for (let n = 0; n < 256; n++) {
      let c = t[n];
      for (let k = 1; k < 4; k++) {
        c = t[c & 0xff] ^ (c >>> 8);
        t[k * 256 + n] = c >>> 0;
      }
    }
  }
  let c = 0xffffffff;
  const n = data.length;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    c ^= data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24);
    c = t[768 + (c & 0xff)] ^ t[512 + ((c >>> 8) & 0xff)] ^ t[256 + ((c >>> 16) & 0xff)] ^ t[c >>> 24];
  }
  for (; i < n; i++) c = t[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
