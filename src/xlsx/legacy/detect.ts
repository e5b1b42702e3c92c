/**
 * Which legacy format a file is, from its bytes (never from its name: units
 * rename files freely). Pure and cheap: no library is loaded to decide.
 *
 * - .xls (BIFF8, also BIFF5): an OLE2 compound file (D0 CF 11 E0 A1 B1 1A E1)
 *   that is not an encrypted .xlsx (those hold EncryptionInfo /
 *   EncryptedPackage streams and keep the .xlsx reader's message).
 * - .ods: a zip whose first entry is the stored "mimetype" file saying
 *   application/vnd.oasis.opendocument.spreadsheet (ODF 1.2 §3.3 requires it
 *   first and uncompressed; LibreOffice, Excel and WPS write it so).
 */

export type LegacyFormat = "xls" | "ods";

const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ODS_MIME = "application/vnd.oasis.opendocument.spreadsheet";

export function legacyFormatOf(d: Uint8Array): LegacyFormat | undefined {
  if (isOle2(d)) return isEncryptedOoxml(d) ? undefined : "xls";
  if (isOdsZip(d)) return "ods";
  return undefined;
}

export function isOle2(d: Uint8Array): boolean {
  return d.length >= 8 && OLE2_MAGIC.every((b, i) => d[i] === b);
}

/** An .xlsx saved with a password is an OLE2 file holding these streams. */
export function isEncryptedOoxml(d: Uint8Array): boolean {
  return containsUtf16(d, "EncryptionInfo") || containsUtf16(d, "EncryptedPackage");
}

function isOdsZip(d: Uint8Array): boolean {
  // Local file header: signature, ..., method at 8, sizes at 18/22, name length at 26, extra length at 28.
  if (d.length < 30 + 8 + ODS_MIME.length || d[0] !== 0x50 || d[1] !== 0x4b || d[2] !== 3 || d[3] !== 4) return false;
  const method = d[8] | (d[9] << 8);
  const nameLen = d[26] | (d[27] << 8);
  const extraLen = d[28] | (d[29] << 8);
  if (method !== 0 || nameLen !== 8 || ascii(d, 30, 8) !== "mimetype") return false;
  const start = 30 + nameLen + extraLen;
  // "…spreadsheet" and "…spreadsheet-template" (.ots) both hold a workbook.
  return ascii(d, start, ODS_MIME.length) === ODS_MIME;
}

function ascii(d: Uint8Array, start: number, len: number): string {
  let s = "";
  for (let i = start; i < start + len && i < d.length; i++) s += String.fromCharCode(d[i]);
  return s;
}

function containsUtf16(d: Uint8Array, text: string): boolean {
  const first = text.charCodeAt(0);
  const last = d.length - text.length * 2;
  outer: for (let i = 0; i <= last; i++) {
    if (d[i] !== first || d[i + 1] !== 0) continue;
    for (let k = 1; k < text.length; k++) {
      if (d[i + 2 * k] !== text.charCodeAt(k) || d[i + 2 * k + 1] !== 0) continue outer;
    }
    return true;
  }
  return false;
}
