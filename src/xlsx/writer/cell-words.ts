/**
 * A run's cells written four bytes at a time (DataView stores) instead of one: the detail sheets'
 * 375 K unit cells were ≈ 35 single-byte stores each, the hot loop of the consolidation's tail.
 * The same bytes: each store may write up to 3 bytes past what its piece needs, always before the
 * next piece's start, which overwrites them (or past the end of what is written: never kept).
 * Callers reserve CELL_MAX bytes (≥ a cell + 3) before each cell.
 */
import { putAscii, putUint } from "./bytes";

/** `s` (ASCII) as little-endian 32-bit words, the last one padded with zeros. */
export function asciiWords(s: string): Uint32Array {
  const words = new Uint32Array(Math.ceil(s.length / 4));
  for (let i = 0; i < s.length; i++) words[i >> 2] |= s.charCodeAt(i) << ((i & 3) * 8);
  return words;
}

/** One ASCII piece written as words: its words and its length in bytes. */
export interface WordText {
  words: Uint32Array;
  length: number;
}

export function wordText(s: string): WordText {
  return { words: asciiWords(s), length: s.length };
}

const word = (s: string) => asciiWords(s)[0];
/** `<c r` and `="`: a cell's start, 6 bytes. */
const OPEN = word("<c r");
const OPEN_END = word('="');
/** `</v></c>`. */
const CLOSE_V = word("</v>");
const CLOSE_C = word("</c>");
const BLANK_END = word("/>");

/** Whole numbers below this are written from a table, one store: the detail sheets' counts. */
const TABLE_MAX = 10000;
/** Each whole number's digits below TABLE_MAX as a word, and their count: made at the first use. */
let DIGIT_WORDS = new Uint32Array(0);
let DIGIT_LENGTHS = new Uint8Array(0);

function makeDigitTable(): void {
  DIGIT_WORDS = new Uint32Array(TABLE_MAX);
  DIGIT_LENGTHS = new Uint8Array(TABLE_MAX);
  for (let n = 0; n < TABLE_MAX; n++) {
    const s = String(n);
    DIGIT_WORDS[n] = word(s);
    DIGIT_LENGTHS[n] = s.length;
  }
}

/** A view for word stores into `buf` (made again whenever the buffer is). */
export function wordView(buf: Uint8Array): DataView {
  return new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** `<c r="` + the column's letters (from `refs` at `at`: their count, then up to 3 letters) at `pos`; returns the position after them. */
function putStart(dv: DataView, pos: number, refs: Uint8Array, at: number): number {
  dv.setUint32(pos, OPEN, true);
  dv.setUint16(pos + 4, OPEN_END, true);
  dv.setUint32(pos + 6, refs[at + 1] | (refs[at + 2] << 8) | (refs[at + 3] << 16), true);
  return pos + 6 + refs[at];
}

function putWords(dv: DataView, pos: number, text: WordText): number {
  const words = text.words;
  for (let k = 0; k < words.length; k++) dv.setUint32(pos + 4 * k, words[k], true);
  return pos + text.length;
}

/**
 * `<c r="` + the column + `tail` (the row, style and `><v>`) + n + `</v></c>`, n a whole number
 * 0 ≤ n < 2^32; returns the new position.
 */
export function putNumberWords(
  dv: DataView,
  buf: Uint8Array,
  pos: number,
  refs: Uint8Array,
  at: number,
  tail: WordText,
  n: number,
): number {
  pos = putWords(dv, putStart(dv, pos, refs, at), tail);
  if (n < TABLE_MAX) {
    if (DIGIT_LENGTHS.length === 0) makeDigitTable();
    dv.setUint32(pos, DIGIT_WORDS[n], true);
    pos += DIGIT_LENGTHS[n];
  } else pos = putUint(buf, pos, n);
  dv.setUint32(pos, CLOSE_V, true);
  dv.setUint32(pos + 4, CLOSE_C, true);
  return pos + 8;
}

/** `<c r="` + the column + `tail` (the row, style and `/>`): a styled blank cell; returns the new position. */
export function putBlankWords(dv: DataView, pos: number, refs: Uint8Array, at: number, tail: WordText): number {
  return putWords(dv, putStart(dv, pos, refs, at), tail);
}

/** ` s="N"` of each style number, made at its first use. */
const STYLE_TEXTS: WordText[] = [];

/** `<c r="` + the column + `rowTail` (the row number and its closing quote) + ` s="N"` unless s is 0; returns the new position. */
export function putStartWords(dv: DataView, pos: number, refs: Uint8Array, at: number, rowTail: WordText, s: number): number {
  pos = putWords(dv, putStart(dv, pos, refs, at), rowTail);
  if (s === 0) return pos;
  return putWords(dv, pos, STYLE_TEXTS[s] ?? (STYLE_TEXTS[s] = wordText(` s="${s}"`)));
}

/** What opens a value: ` t="s"><v>` (a shared string), ` t="b"><v>` (a boolean), `><v>` (a number). */
export const SHARED_STRING_OPEN = wordText(' t="s"><v>');
export const BOOLEAN_OPEN = wordText(' t="b"><v>');
export const NUMBER_OPEN = wordText("><v>");

/** `open` + num + `</v></c>`: a whole number 0 ≤ num < 2^32 by its digits, any other number as String gives it; returns the new position. */
export function putValueWords(dv: DataView, buf: Uint8Array, pos: number, open: WordText, num: number): number {
  pos = putWords(dv, pos, open);
  if (num >= 0 && num <= 0xffffffff && num === Math.floor(num)) {
    if (num < TABLE_MAX) {
      if (DIGIT_LENGTHS.length === 0) makeDigitTable();
      dv.setUint32(pos, DIGIT_WORDS[num], true);
      pos += DIGIT_LENGTHS[num];
    } else pos = putUint(buf, pos, num);
  } else pos = putAscii(buf, pos, String(num));
  dv.setUint32(pos, CLOSE_V, true);
  dv.setUint32(pos + 4, CLOSE_C, true);
  return pos + 8;
}

/** `/>`: a blank cell's end; returns the new position. */
export function putBlankEnd(dv: DataView, pos: number): number {
  dv.setUint16(pos, BLANK_END, true);
  return pos + 2;
}
