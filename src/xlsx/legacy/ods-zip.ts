/**
 * Bounds for .ods packages before SheetJS sees them: SheetJS inflates every
 * entry of a zip in full, trusting the sizes it declares, so a small file
 * can ask for gigabytes. Here every entry is inflated once in slices with
 * the output counted, and the whole package is refused as soon as it passes
 * the limit. content.xml comes back as text (for the sheets' visibility,
 * which SheetJS does not read from .ods).
 */
import { fflate } from "../fflate-lazy";
import { ReadError } from "../read-grid";

/** Inflate at most this much compressed input per step: bounded output per step. */
const SLICE = 16 * 1024;

interface Entry {
  name: string;
  method: number;
  compSize: number;
  offset: number;
}

export function corruptOds(detail?: string): ReadError {
  return new ReadError("corrupt", `tệp OpenDocument (.ods) bị hỏng hoặc không đầy đủ${detail ? ` (${detail})` : ""}`);
}

const u16 = (d: Uint8Array, o: number) => d[o] | (d[o + 1] << 8);
const u32 = (d: Uint8Array, o: number) => (d[o] | (d[o + 1] << 8) | (d[o + 2] << 16) | (d[o + 3] << 24)) >>> 0;

function centralDirectory(d: Uint8Array): Entry[] {
  let eocd = -1;
  for (let i = d.length - 22, stop = Math.max(0, d.length - 22 - 0xffff); i >= stop; i--) {
    if (u32(d, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corruptOds("không tìm thấy mục lục của tệp nén, có thể tệp bị cắt cụt");
  const count = u16(d, eocd + 10);
  let p = u32(d, eocd + 16);
  const entries: Entry[] = [];
  for (let k = 0; k < count; k++) {
    if (p + 46 > d.length || u32(d, p) !== 0x02014b50) throw corruptOds("mục lục của tệp nén bị lỗi");
    const nameLen = u16(d, p + 28);
    const name = String.fromCharCode(...d.subarray(p + 46, Math.min(d.length, p + 46 + Math.min(nameLen, 512))));
    entries.push({ name, method: u16(d, p + 10), compSize: u32(d, p + 20), offset: u32(d, p + 42) });
    p += 46 + nameLen + u16(d, p + 30) + u16(d, p + 32);
  }
  return entries;
}

function entryData(d: Uint8Array, e: Entry): Uint8Array {
  const o = e.offset;
  if (o + 30 > d.length || u32(d, o) !== 0x04034b50) throw corruptOds();
  const start = o + 30 + u16(d, o + 26) + u16(d, o + 28);
  if (start + e.compSize > d.length) throw corruptOds("tệp bị cắt cụt");
  return d.subarray(start, start + e.compSize);
}

/**
 * Inflates every entry with the total output capped at `maxBytes`; throws
 * ReadError when the package is damaged or too large. Returns content.xml.
 */
export function checkOdsPackage(d: Uint8Array, maxBytes: number): string {
  let left = maxBytes;
  let content: string | undefined;
  for (const e of centralDirectory(d)) {
    const comp = entryData(d, e);
    if (e.method !== 0 && e.method !== 8) throw corruptOds(`kiểu nén ${e.method} không được hỗ trợ`);
    const keep = e.name === "content.xml";
    const parts: Uint8Array[] = [];
    const take = (chunk: Uint8Array) => {
      left -= chunk.length;
      if (left < 0) {
        throw new ReadError(
          "too-large",
          `tệp quá lớn: dữ liệu giải nén vượt quá ${Math.round(maxBytes / 1048576)} MB (có thể là tệp bất thường hoặc bom nén)`,
        );
      }
      if (keep) parts.push(chunk);
    };
    if (e.method === 0) take(comp);
    else {
      const inf = new (fflate().Inflate)((chunk) => take(chunk));
      if (comp.length === 0) throw corruptOds("dữ liệu nén rỗng");
      for (let p = 0; p < comp.length; p += SLICE) inf.push(comp.subarray(p, Math.min(p + SLICE, comp.length)), p + SLICE >= comp.length);
    }
    if (keep) content = new TextDecoder("utf-8").decode(concat(parts));
  }
  if (content === undefined) throw corruptOds("thiếu nội dung content.xml");
  return content;
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Names of the sheets hidden in an .ods: a table whose table style has
 * table:display="false" (LibreOffice's "Ẩn trang tính").
 */
export function hiddenOdsSheets(contentXml: string): Set<string> {
  const hiddenStyles = new Set<string>();
  for (const m of contentXml.matchAll(/<style:style\s[^>]*>/g)) {
    const open = m[0];
    if (open.endsWith("/>") || !/style:family="table"/.test(open)) continue;
    const name = /style:name="([^"]*)"/.exec(open)?.[1];
    const end = contentXml.indexOf("</style:style>", m.index);
    const body = contentXml.slice(m.index + open.length, end < 0 ? undefined : end);
    if (name !== undefined && /<style:table-properties\b[^>]*table:display="false"/.test(body)) hiddenStyles.add(name);
  }
  const hidden = new Set<string>();
  if (hiddenStyles.size === 0) return hidden;
  for (const m of contentXml.matchAll(/<table:table\s[^>]*>/g)) {
    const style = /table:style-name="([^"]*)"/.exec(m[0])?.[1];
    const name = /table:name="([^"]*)"/.exec(m[0])?.[1];
    if (style !== undefined && name !== undefined && hiddenStyles.has(style)) hidden.add(decodeXml(name).normalize("NFC"));
  }
  return hidden;
}

function decodeXml(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (m, e: string) => {
    const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
    if (named[e]) return named[e];
    const cp = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
  });
}
