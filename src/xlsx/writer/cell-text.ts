/**
 * Text as the writer stores it: valid XML 1.0 characters only, NFC, Excel's length limit, the
 * OOXML _xHHHH_ escape; and the checks on names the writer is given (sheet names, colors, numbers).
 */
import { escapeXmlText } from "../ooxml/xml-text";
import { XlsxWriteError } from "./write-error";

const MAX_TEXT = 32767;

/** Characters XML 1.0 cannot hold: C0 controls but TAB/LF/CR, lone surrogates, U+FFFE/U+FFFF. */
const INVALID_RE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function removeInvalid(s: string): string {
  INVALID_RE.lastIndex = 0;
  return INVALID_RE.test(s) ? s.replace(INVALID_RE, "") : s;
}

/**
 * Printable ASCII, tab, LF and CR only: valid XML, its own NFC. Most texts a consolidation writes
 * (files, hashes, dates, codes) are; their cleaning is then this test, not the invalid-character
 * regex and ICU. (A regex, not a charCodeAt loop: texts of several string shapes make that call megamorphic.)
 */
const PLAIN_ASCII = /^[\t\n\r\x20-\x7e]*$/;

/** Cell text as it will be stored: valid XML characters only, NFC, at most 32,767 UTF-16 units. */
export function cleanText(s: string): string {
  if (s.length <= MAX_TEXT && PLAIN_ASCII.test(s)) return s;
  let t = removeInvalid(s).normalize("NFC");
  if (t.length > MAX_TEXT) {
    t = t.slice(0, MAX_TEXT);
    const last = t.charCodeAt(MAX_TEXT - 1);
    if (last >= 0xd800 && last <= 0xdbff) t = t.slice(0, -1);
  }
  return t;
}

/**
 * Text of a <t> or a string <v>: XML-escaped, and OOXML-escaped so readers
 * (which decode _xHHHH_) give back exactly this text: a literal "_x0041_"
 * becomes "_x005F_x0041_", CR becomes "_x000D_" (XML parsers turn a raw CR
 * into LF).
 */
export function escapeCellText(s: string): string {
  let t = s;
  if (t.indexOf("_x") >= 0) t = t.replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1");
  if (t.indexOf("\r") >= 0) t = t.replace(/\r/g, "_x000D_");
  return escapeXmlText(t);
}

/** Leading/trailing whitespace or line breaks must be kept. */
export function needsPreserve(s: string): boolean {
  return /^[ \t\n\r]|[ \t\n\r]$|\n|\r|\t| {2}/.test(s);
}

export { quoteSheetName } from "../../core/a1";

/** The name, NFC; XlsxWriteError (in Vietnamese) when Excel would refuse it or it repeats one of `existing`. */
export function validateSheetName(name: string, existing: string[]): string {
  if (typeof name !== "string") throw new XlsxWriteError("Tên trang tính phải là chuỗi ký tự");
  const n = name.normalize("NFC");
  if (n.trim() === "") throw new XlsxWriteError("Tên trang tính không được để trống");
  if (n.length > 31) throw new XlsxWriteError(`Tên trang tính "${n}" dài ${n.length} ký tự; Excel chỉ cho phép tối đa 31 ký tự`);
  const bad = n.match(/[[\]:*?/\\]/g);
  if (bad) {
    throw new XlsxWriteError(
      `Tên trang tính "${n}" chứa ký tự không được phép (${[...new Set(bad)].join(" ")}); không dùng các ký tự [ ] : * ? / \\`,
    );
  }
  INVALID_RE.lastIndex = 0;
  if (/[\u0000-\u001F\u007F]/.test(n) || INVALID_RE.test(n))
    throw new XlsxWriteError(`Tên trang tính "${n.replace(/[\u0000-\u001F]/g, "?")}" chứa ký tự điều khiển`);
  if (n.startsWith("'") || n.endsWith("'"))
    throw new XlsxWriteError(`Tên trang tính "${n}" không được bắt đầu hoặc kết thúc bằng dấu nháy đơn (')`);
  if (n.toLowerCase() === "history") throw new XlsxWriteError(`"${n}" là tên Excel dành riêng, không dùng làm tên trang tính được`);
  const upper = n.toUpperCase();
  const dup = existing.find((e) => e.toUpperCase() === upper);
  if (dup !== undefined) throw new XlsxWriteError(`Đã có trang tính tên "${dup}" (tên trang tính không phân biệt chữ hoa, chữ thường)`);
  return n;
}

/** "F2F2F2" / "#f2f2f2" / "FFF2F2F2" → "FFF2F2F2". */
export function argb(color: string, what: string): string {
  const c = typeof color === "string" ? color.replace(/^#/, "").toUpperCase() : "";
  if (/^[0-9A-F]{6}$/.test(c)) return "FF" + c;
  if (/^[0-9A-F]{8}$/.test(c)) return c;
  throw new XlsxWriteError(`Mã ${what} không hợp lệ: "${String(color)}" (dùng dạng RRGGBB, ví dụ "F2F2F2")`);
}

export function checkInt(v: number, min: number, max: number, what: string): void {
  if (!Number.isInteger(v) || v < min || v > max) throw new XlsxWriteError(`${what} phải là số nguyên từ ${min} đến ${max} (nhận ${v})`);
}
