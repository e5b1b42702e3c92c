/** A part's bytes as text, and how two parts' bytes compare: what the reader does before scanning. */
import { nodeBuiltin } from "../node-builtin";

const utf8 = new TextDecoder("utf-8");
/** ignoreBOM: a U+FEFF that opens a piece of a part is text, not a mark to drop. */
const utf8Strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const utf16le = new TextDecoder("utf-16le");

/** XML bytes → text: UTF-16 with a BOM either way, else UTF-8 (a UTF-8 BOM is dropped). */
export function decodeXml(b: Uint8Array): string {
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return utf16le.decode(b.subarray(2));
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
    const swapped = new Uint8Array(b.length - 2);
    for (let i = 2; i + 1 < b.length; i += 2) ((swapped[i - 2] = b[i + 1]), (swapped[i - 1] = b[i]));
    return utf16le.decode(swapped);
  }
  return utf8.decode(b);
}

/**
 * Node's `buffer.isAscii` (native, vectorized: a 22 KB worksheet in about a microsecond) when
 * running under Node; undefined elsewhere (no require: bundlers see nothing), where no caller needs
 * to know (a loop over the bytes would cost what knowing saves).
 */
export const NODE_IS_ASCII: ((b: Uint8Array) => boolean) | undefined = (() => {
  try {
    const mod = nodeBuiltin<{ isAscii?: (b: Uint8Array) => boolean }>("node:buffer");
    const isAscii = mod?.isAscii;
    if (typeof isAscii !== "function") return undefined;
    return isAscii(new Uint8Array([60, 99, 32, 127])) && !isAscii(new Uint8Array([60, 0xc3, 0xa1])) && !isAscii(new Uint8Array([0x80]))
      ? isAscii
      : undefined;
  } catch {
    return undefined;
  }
})();

/**
 * ASCII bytes → text under Node: Buffer#latin1Slice copies the bytes into a one-byte string, about
 * twice as fast as the UTF-8 decoder, which checks each byte first (a 22 KB exceljs worksheet,
 * node 20.20, the 2-core dev machine: ≈1.0 µs against ≈2.0 µs). For bytes all below 0x80 both read
 * the same text. undefined elsewhere (no require: bundlers see nothing).
 */
export const NODE_ASCII_TEXT: ((b: Uint8Array) => string) | undefined = (() => {
  try {
    type Slice = (this: Uint8Array, start: number, end: number) => string;
    const mod = nodeBuiltin<{ Buffer?: { prototype?: { latin1Slice?: Slice } } }>("node:buffer");
    const slice = mod?.Buffer?.prototype?.latin1Slice;
    if (typeof slice !== "function") return undefined;
    const text = (b: Uint8Array) => slice.call(b, 0, b.length);
    const probe = new Uint8Array([60, 99, 32, 114, 61, 34, 65, 49, 34, 127, 0, 9]);
    return text(probe) === '<c r="A1"\x7f\x00\t' && text(probe.subarray(3, 5)) === "r=" && text(new Uint8Array(0)) === ""
      ? text
      : undefined;
  } catch {
    return undefined;
  }
})();

/** Whether the bytes open with a byte-order mark (UTF-8, or UTF-16 either way). */
export function hasBom(b: Uint8Array): boolean {
  if (b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))) return true;
  return b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
}

/** Valid UTF-8 → text; undefined when the bytes are not valid UTF-8 (then a char is not its bytes). */
export function decodeUtf8Exact(b: Uint8Array): string | undefined {
  try {
    return utf8Strict.decode(b);
  } catch {
    return undefined;
  }
}

/** How many UTF-8 bytes s[a, b) takes (s decoded from valid UTF-8: surrogates come in pairs). */
export function utf8Length(s: string, a: number, b: number): number {
  let n = 0;
  for (let k = a; k < b; k++) {
    const c = s.charCodeAt(k);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdfff ? 2 : 3;
  }
  return n;
}

/** Where two byte strings agree: `prefix` bytes at their start, `suffix` bytes at their end (never overlapping). */
export const common = { prefix: 0, suffix: 0 };

/** Whether a[a0, a0 + len) and b[b0, b0 + len) hold the same bytes. */
export type BytesEqual = (a: Uint8Array, a0: number, b: Uint8Array, b0: number, len: number) => boolean;

type NodeCompare = (
  this: Uint8Array,
  target: Uint8Array,
  targetStart: number,
  targetEnd: number,
  sourceStart: number,
  sourceEnd: number,
) => number;

/**
 * Node's Buffer#compare over ranges (a native memcmp, no views made) when running under Node and it
 * takes plain Uint8Arrays; undefined elsewhere (no require: bundlers see nothing).
 */
export const NODE_BYTES_EQUAL: BytesEqual | undefined = (() => {
  try {
    const mod = nodeBuiltin<{ Buffer?: { prototype?: { compare?: NodeCompare } } }>("node:buffer");
    const compare = mod?.Buffer?.prototype?.compare;
    if (typeof compare !== "function") return undefined;
    const eq: BytesEqual = (a, a0, b, b0, len) => compare.call(a, b, b0, b0 + len, a0, a0 + len) === 0;
    const x = new Uint8Array([1, 2, 3, 4]);
    const y = new Uint8Array([9, 2, 3, 5]);
    return eq(x, 1, y, 1, 2) && !eq(x, 0, y, 0, 2) && !eq(x, 2, y, 2, 2) ? eq : undefined;
  } catch {
    return undefined;
  }
})();

/**
 * Sets `common` for a and b. With `equal` (a native comparison; null: none), runs of 16 bytes and more are
 * compared natively, the run growing while they agree and shrinking where they do not; the last
 * bytes, and everything without `equal`, four bytes at a time, then one by one.
 */
export function commonEnds(a: Uint8Array, b: Uint8Array, equal: BytesEqual | null = NODE_BYTES_EQUAL ?? null): void {
  const n = a.length;
  const m = b.length;
  const lim = n < m ? n : m;
  const da = new DataView(a.buffer, a.byteOffset, n);
  const db = new DataView(b.buffer, b.byteOffset, m);
  let pre = 0;
  if (equal) {
    for (let run = 256; run >= 16;) {
      if (pre + run <= lim && equal(a, pre, b, pre, run)) ((pre += run), (run *= 2));
      else run >>= 1;
    }
  }
  while (pre + 4 <= lim && da.getInt32(pre) === db.getInt32(pre)) pre += 4;
  while (pre < lim && a[pre] === b[pre]) pre++;
  let suf = 0;
  const room = lim - pre;
  if (equal) {
    for (let run = 256; run >= 16;) {
      if (suf + run <= room && equal(a, n - suf - run, b, m - suf - run, run)) ((suf += run), (run *= 2));
      else run >>= 1;
    }
  }
  while (suf + 4 <= room && da.getInt32(n - 4 - suf) === db.getInt32(m - 4 - suf)) suf += 4;
  while (suf < room && a[n - 1 - suf] === b[m - 1 - suf]) suf++;
  common.prefix = pre;
  common.suffix = suf;
}

/** Whether a and b hold the same bytes (natively compared when `equal` is given; null: not). */
export function sameBytes(a: Uint8Array, b: Uint8Array, equal: BytesEqual | null = NODE_BYTES_EQUAL ?? null): boolean {
  if (a.length !== b.length) return false;
  if (equal) return equal(a, 0, b, 0, a.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
