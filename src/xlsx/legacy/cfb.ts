/**
 * The workbook stream of an .xls: the OLE2 compound file ([MS-CFB]) is
 * walked here, bounded (every sector inside the file, every chain checked
 * for loops), and only the "Workbook" (BIFF8) or "Book" (BIFF5) stream goes
 * on to SheetJS. SheetJS's own container reader also parses the summary
 * property streams, where a damaged count makes it allocate without end;
 * those streams hold nothing the forms need.
 */
import { ReadError } from "../read-grid";

const END_OF_CHAIN = 0xfffffffe;
const FREE = 0xffffffff;

export function corruptXls(detail?: string): ReadError {
  return new ReadError("corrupt", `tệp Excel 97–2003 (.xls) bị hỏng hoặc không đọc được${detail ? ` (${detail})` : ""}`);
}

const u16 = (d: Uint8Array, o: number) => d[o] | (d[o + 1] << 8);
const u32 = (d: Uint8Array, o: number) => (d[o] | (d[o + 1] << 8) | (d[o + 2] << 16) | (d[o + 3] << 24)) >>> 0;

interface Container {
  d: Uint8Array;
  sectorSize: number;
  sectors: number;
  fat: number[];
}

function sectorOffset(c: Container, s: number): number {
  if (s >= c.sectors) throw corruptXls("chuỗi dữ liệu trỏ ra ngoài tệp");
  return (s + 1) * c.sectorSize;
}

/** Follows a chain of sectors in `table` from `start`; a loop or a sector outside the file is damage. */
function chain(table: number[], start: number, limit: number): number[] {
  const out: number[] = [];
  const seen = new Set<number>();
  for (let s = start; s !== END_OF_CHAIN; s = table[s]) {
    if (s === FREE || s === undefined || s >= limit || seen.has(s)) throw corruptXls("chuỗi dữ liệu bị lỗi");
    seen.add(s);
    out.push(s);
  }
  return out;
}

function readChain(c: Container, start: number, size: number): Uint8Array {
  const out = new Uint8Array(Math.ceil(size / c.sectorSize) * c.sectorSize);
  let at = 0;
  for (const s of chain(c.fat, start, c.sectors)) {
    if (at >= out.length) break;
    const o = sectorOffset(c, s);
    out.set(c.d.subarray(o, o + c.sectorSize), at);
    at += c.sectorSize;
  }
  if (at < size) throw corruptXls("tệp bị cắt cụt");
  return out.subarray(0, size);
}

function readFat(d: Uint8Array, sectorSize: number, sectors: number): number[] {
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) {
    const s = u32(d, 0x4c + i * 4);
    if (s !== FREE) fatSectors.push(s);
  }
  // Further FAT sector numbers live in DIFAT sectors (large files).
  const seen = new Set<number>();
  for (let s = u32(d, 0x44), n = u32(d, 0x48); n > 0 && s !== END_OF_CHAIN && s !== FREE; n--) {
    if (s >= sectors || seen.has(s)) throw corruptXls("bảng phân vùng bị lỗi");
    seen.add(s);
    const o = (s + 1) * sectorSize;
    for (let i = 0; i < sectorSize / 4 - 1; i++) {
      const f = u32(d, o + i * 4);
      if (f !== FREE) fatSectors.push(f);
    }
    s = u32(d, o + sectorSize - 4);
  }
  if (fatSectors.length > sectors) throw corruptXls("bảng phân vùng bị lỗi");
  const fat: number[] = [];
  for (const s of fatSectors) {
    if (s >= sectors) throw corruptXls("bảng phân vùng trỏ ra ngoài tệp");
    const o = (s + 1) * sectorSize;
    for (let i = 0; i < sectorSize / 4; i++) fat.push(u32(d, o + i * 4));
  }
  return fat;
}

interface DirEntry {
  name: string;
  type: number;
  start: number;
  size: number;
}

function readDirectory(c: Container, first: number): DirEntry[] {
  const entries: DirEntry[] = [];
  for (const s of chain(c.fat, first, c.sectors)) {
    const o = sectorOffset(c, s);
    for (let e = o; e + 128 <= o + c.sectorSize && e + 128 <= c.d.length; e += 128) {
      const nameBytes = Math.min(64, u16(c.d, e + 0x40));
      let name = "";
      for (let i = 0; i + 1 < nameBytes - 1; i += 2) name += String.fromCharCode(u16(c.d, e + i));
      entries.push({ name, type: c.d[e + 0x42], start: u32(c.d, e + 0x74), size: u32(c.d, e + 0x78) });
    }
  }
  return entries;
}

/** The BIFF record stream of an .xls, and which BIFF it is. Throws ReadError on damage. */
export function workbookStream(d: Uint8Array): { stream: Uint8Array; biff: 5 | 8 } {
  if (d.length < 512) throw corruptXls("tệp bị cắt cụt");
  const shift = u16(d, 0x1e);
  if (shift !== 9 && shift !== 12) throw corruptXls("phần đầu tệp bị lỗi");
  const sectorSize = 1 << shift;
  const sectors = Math.floor((d.length - sectorSize) / sectorSize) + (d.length % sectorSize ? 1 : 0);
  const c: Container = { d, sectorSize, sectors, fat: readFat(d, sectorSize, sectors) };
  const dir = readDirectory(c, u32(d, 0x30));
  const find = (name: string) => dir.find((e) => e.type === 2 && e.name.toLowerCase() === name.toLowerCase());
  const entry = find("Workbook") ?? find("Book");
  if (!entry) throw corruptXls("không có phần dữ liệu sổ làm việc");
  const biff = entry.name.toLowerCase() === "book" ? 5 : 8;
  if (entry.size > d.length) throw corruptXls("kích thước phần dữ liệu không khớp");
  if (entry.size >= u32(d, 0x38)) return checked(readChain(c, entry.start, entry.size), biff);
  // Small streams live in the mini stream (64-byte sectors), held by the root entry.
  const root = dir[0];
  if (!root || root.type !== 5) throw corruptXls("thư mục gốc bị lỗi");
  const container = readChain(c, root.start, Math.min(root.size, d.length));
  const miniFatBytes = readChain(c, u32(d, 0x3c), Math.min(u32(d, 0x40) * sectorSize, d.length));
  const miniFat: number[] = [];
  for (let i = 0; i + 4 <= miniFatBytes.length; i += 4) miniFat.push(u32(miniFatBytes, i));
  const out = new Uint8Array(entry.size);
  let at = 0;
  for (const s of chain(miniFat, entry.start, Math.floor(container.length / 64))) {
    if (at >= out.length) break;
    out.set(container.subarray(s * 64, Math.min(s * 64 + 64, s * 64 + out.length - at)), at);
    at += 64;
  }
  if (at < entry.size) throw corruptXls("tệp bị cắt cụt");
  return checked(out, biff);
}

function checked(stream: Uint8Array, biff: 5 | 8): { stream: Uint8Array; biff: 5 | 8 } {
  if (biff === 8) checkRecords(stream);
  return { stream, biff };
}

/**
 * Records SheetJS would misread into an endless loop: every record must lie
 * inside the stream, and a record carrying a formula must hold the formula
 * length it declares (a formula cut short sends SheetJS's token loop past
 * its end). [MS-XLS] 2.4: FORMULA 22 bytes + cce, ARRAY 14 + cce, SHRFMLA
 * 10 + cce, NAME 14 + cce, CF 6 + cce1 + cce2.
 */
export function checkRecords(stream: Uint8Array): void {
  for (let p = 0; p + 4 <= stream.length;) {
    const type = u16(stream, p);
    const len = u16(stream, p + 2);
    const o = p + 4;
    if (o + len > stream.length) {
      if (type === 0 && len === 0) return; // zero padding after the last EOF
      throw corruptXls("bản ghi vượt quá độ dài dữ liệu");
    }
    const need = formulaRecordNeeds(stream, type, o, len);
    if (need > len) throw corruptXls(`bản ghi công thức 0x${type.toString(16)} bị cắt cụt`);
    p = o + len;
  }
}

function formulaRecordNeeds(s: Uint8Array, type: number, o: number, len: number): number {
  const at = (k: number, fixed: number) => (len < fixed ? fixed : fixed + u16(s, o + k));
  switch (type) {
    case 0x0006: // FORMULA, and its BIFF3/4 ids that SheetJS parses the same way
    case 0x0206:
    case 0x0406:
      return at(20, 22);
    case 0x0221: // ARRAY (0x0021: its BIFF2 id)
    case 0x0021:
      return at(12, 14);
    case 0x04bc:
      return at(8, 10);
    case 0x0018: // NAME (0x0218: its BIFF3+ id)
    case 0x0218:
      return at(4, 14);
    case 0x01b1:
      return len < 6 ? 6 : 6 + u16(s, o + 2) + u16(s, o + 4);
    default:
      return 0;
  }
}
