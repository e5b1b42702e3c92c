/**
 * A1 references: column letters ⇄ numbers and "B12" ⇄ {row, col}, 1-based. The one home for them:
 * the reader, the patcher, the writers and the formula code all use these.
 */

/** The last column (XFD) and row of a worksheet. */
export const MAX_COL = 16384;
export const MAX_ROW = 1048576;

const LETTERS: string[] = [""];

/** 1 → "A", 27 → "AA" (cached: writers ask for the same few columns millions of times). */
export function columnLetters(col: number): string {
  let s = LETTERS[col];
  if (s === undefined) {
    s = "";
    for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    if (col <= MAX_COL) LETTERS[col] = s;
  }
  return s;
}

/** "A" → 1, "aa" → 27 (either case); the caller checks the letters are A–Z. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + ((letters.charCodeAt(i) | 0x20) - 96);
  return n;
}

const A1_RE = /^\$?([A-Za-z]{1,3})\$?([1-9][0-9]{0,6})$/;

/** "B12", "$B$12", " b12 " → {row: 12, col: 2}; undefined when not a cell inside the sheet's bounds. */
export function parseA1(address: string): { row: number; col: number } | undefined {
  const m = A1_RE.exec(address.trim());
  if (!m) return undefined;
  const col = columnNumber(m[1]!);
  const row = Number(m[2]);
  if (col > MAX_COL || row > MAX_ROW) return undefined;
  return { row, col };
}

/** (12, 2) → "B12". */
export function formatA1(row: number, col: number): string {
  return `${columnLetters(col)}${row}`;
}

/** (1, 1, 3, 2) → "A1:B3". */
export function rangeA1(top: number, left: number, bottom: number, right: number): string {
  return `${formatA1(top, left)}:${formatA1(bottom, right)}`;
}

/** A sheet name as it must appear in a formula or defined name: 'Chi tiết 1', 'O''Brien', 'BM7' (looks like a cell), Sheet1. */
export function quoteSheetName(name: string): string {
  const plain =
    /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) &&
    !/^[A-Za-z]{1,3}[0-9]+$/.test(name) &&
    !/^[Rr][0-9]*([Cc][0-9]*)?$|^[Cc][0-9]*$/.test(name) &&
    !/^(true|false)$/i.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}
