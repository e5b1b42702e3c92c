/**
 * The zip central directory, read once for the reader and the patcher: ZIP64 sizes and offsets,
 * UTF-8 or CP437 names, part names normalized (part-name.ts). Nothing is inflated here.
 */
import { normalizePartName } from "./part-name";

/** The fields an entry has wherever it is read or written. */
export interface ZipEntryFields {
  /** The name's bytes as stored, so a rewrite keeps it to the byte. */
  nameBytes: Uint8Array;
  flags: number;
  method: number;
  /** MS-DOS time and date, as stored. */
  time: number;
  date: number;
  crc: number;
  /** Uncompressed size. */
  size: number;
}

export interface ZipDirectoryEntry extends ZipEntryFields {
  /** The part name, normalized: lower case, forward slashes, no leading slash. */
  name: string;
  /** The name as written (UTF-8 or CP437 decoded), for a caller that shows or keeps it. */
  written: string;
  compSize: number;
  /** Where the entry's local header starts. */
  offset: number;
}

/** Why the directory cannot be read; the message is Vietnamese, for the officer. */
export class ZipFormatError extends Error {}

export function u16(d: Uint8Array, o: number): number {
  return d[o]! | (d[o + 1]! << 8);
}

export function u32(d: Uint8Array, o: number): number {
  return (d[o]! | (d[o + 1]! << 8) | (d[o + 2]! << 16) | (d[o + 3]! << 24)) >>> 0;
}

function u64(d: Uint8Array, o: number): number {
  return u32(d, o) + u32(d, o + 4) * 0x100000000;
}

interface EndRecord {
  count: number;
  cdSize: number;
  cdOffset: number;
}

function findEndRecord(d: Uint8Array): EndRecord {
  const n = d.length;
  let eocd = -1;
  for (let i = n - 22, stop = Math.max(0, n - 22 - 0xffff); i >= stop; i--) {
    if (d[i] === 0x50 && d[i + 1] === 0x4b && d[i + 2] === 5 && d[i + 3] === 6) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError("không tìm thấy mục lục của tệp nén, có thể tệp bị cắt cụt");
  const end = { count: u16(d, eocd + 10), cdSize: u32(d, eocd + 12), cdOffset: u32(d, eocd + 16) };
  if (end.count === 0xffff || end.cdSize === 0xffffffff || end.cdOffset === 0xffffffff) {
    // Zip64: the locator sits right before the classic end record.
    const loc = eocd - 20;
    if (loc >= 0 && u32(d, loc) === 0x07064b50) {
      const z = u64(d, loc + 8);
      if (z + 56 <= n && u32(d, z) === 0x06064b50) {
        end.count = u64(d, z + 32);
        end.cdSize = u64(d, z + 40);
        end.cdOffset = u64(d, z + 48);
      }
    }
  }
  if (end.cdOffset + end.cdSize > n) throw new ZipFormatError("mục lục của tệp nén nằm ngoài tệp, có thể tệp bị cắt cụt");
  return end;
}

/** Zip64 extended information (extra field 0x0001): only the saturated fields, in this order. */
function applyZip64Extra(d: Uint8Array, from: number, to: number, e: ZipDirectoryEntry): void {
  for (let x = from; x + 4 <= to;) {
    const id = u16(d, x);
    const len = u16(d, x + 2);
    if (id === 1) {
      let f = x + 4;
      const stop = x + 4 + len;
      if (e.size === 0xffffffff && f + 8 <= stop) ((e.size = u64(d, f)), (f += 8));
      if (e.compSize === 0xffffffff && f + 8 <= stop) ((e.compSize = u64(d, f)), (f += 8));
      if (e.offset === 0xffffffff && f + 8 <= stop) e.offset = u64(d, f);
      return;
    }
    x += 4 + len;
  }
}

/** Every entry, in directory order (folders and repeated names included: callers choose). */
export function readZipDirectory(d: Uint8Array): ZipDirectoryEntry[] {
  const n = d.length;
  const { count, cdOffset } = findEndRecord(d);
  const entries: ZipDirectoryEntry[] = [];
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > n || u32(d, p) !== 0x02014b50) throw new ZipFormatError("mục lục của tệp nén bị lỗi");
    const flags = u16(d, p + 8);
    const nameLen = u16(d, p + 28);
    const extraLen = u16(d, p + 30);
    const nameStart = p + 46;
    if (nameStart + nameLen + extraLen > n) throw new ZipFormatError("mục lục của tệp nén bị lỗi");
    const names = entryNames(k, d, nameStart, nameLen, (flags & 0x800) !== 0);
    const entry: ZipDirectoryEntry = {
      name: names.name,
      written: names.written,
      nameBytes: d.subarray(nameStart, nameStart + nameLen),
      flags,
      method: u16(d, p + 10),
      time: u16(d, p + 12),
      date: u16(d, p + 14),
      crc: u32(d, p + 16),
      compSize: u32(d, p + 20),
      size: u32(d, p + 24),
      offset: u32(d, p + 42),
    };
    if (entry.size === 0xffffffff || entry.compSize === 0xffffffff || entry.offset === 0xffffffff) {
      applyZip64Extra(d, nameStart + nameLen, nameStart + nameLen + extraLen, entry);
    }
    entries.push(entry);
    p = nameStart + nameLen + extraLen + u16(d, p + 32);
  }
  return entries;
}

/** An entry's name as written and as a part name, with the bytes and flag it was read from. */
interface EntryNames {
  bytes: Uint8Array;
  isUtf8: boolean;
  written: string;
  name: string;
}

/**
 * The names of the last directory read, by position: units copy one template, so the next file's
 * k-th entry usually has the very same name bytes, and then the same names (no decoding, no new
 * strings).
 */
const lastNames: EntryNames[] = [];

function entryNames(k: number, d: Uint8Array, start: number, len: number, isUtf8: boolean): EntryNames {
  const known = lastNames[k];
  if (known !== undefined && known.isUtf8 === isUtf8 && known.bytes.length === len) {
    const b = known.bytes;
    let i = 0;
    while (i < len && b[i] === d[start + i]) i++;
    if (i === len) return known;
  }
  const written = decodeName(d, start, len, isUtf8);
  // a copy (Buffer#slice would be a view of bytes the caller may reuse)
  const names = { bytes: new Uint8Array(d.subarray(start, start + len)), isUtf8, written, name: normalizePartName(written) };
  if (k < 64) lastNames[k] = names;
  return names;
}

/** The parts by name: the first of a repeated name wins, folders are left out (as the reader has always done). */
export function partsByName(entries: ZipDirectoryEntry[]): Map<string, ZipDirectoryEntry> {
  const parts = new Map<string, ZipDirectoryEntry>();
  for (const e of entries) if (!parts.has(e.name) && !e.name.endsWith("/")) parts.set(e.name, e);
  return parts;
}

/** Where an entry's compressed bytes start, after its local header; throws when they lie outside the file. */
export function entryDataStart(d: Uint8Array, e: ZipDirectoryEntry): number {
  const o = e.offset;
  if (o + 30 > d.length || u32(d, o) !== 0x04034b50) throw new ZipFormatError(`mục "${shownName(e.name)}" của tệp nén bị lỗi`);
  const start = o + 30 + u16(d, o + 26) + u16(d, o + 28);
  if (start + e.compSize > d.length) throw new ZipFormatError("tệp bị cắt cụt");
  return start;
}

/** A part name fit for a message: no control characters, at most 80 characters. */
export function shownName(name: string): string {
  const clean = name.replace(/[\u0000-\u001f\u007f]+/g, " ");
  return clean.length > 80 ? `${clean.slice(0, 77)}…` : clean;
}

const utf8 = new TextDecoder("utf-8");

/** Bytes 0x80–0xFF in code page 437, the zip format's names without the UTF-8 flag. */
const CP437_HIGH =
  "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0";

function decodeName(d: Uint8Array, start: number, len: number, isUtf8: boolean): string {
  let ascii = true;
  for (let i = start; i < start + len; i++) {
    if (d[i]! >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (!ascii && isUtf8) return utf8.decode(d.subarray(start, start + len));
  let s = "";
  for (let i = start; i < start + len; i++) s += d[i]! < 0x80 ? String.fromCharCode(d[i]!) : CP437_HIGH[d[i]! - 0x80];
  return s;
}
