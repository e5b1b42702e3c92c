/** A part's bytes as text, and how two parts' bytes compare: what the reader does before scanning. */

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

/** Sets `common` for a and b: four bytes at a time, then one by one. */
export function commonEnds(a: Uint8Array, b: Uint8Array): void {
  const n = a.length;
  const m = b.length;
  const lim = n < m ? n : m;
  const da = new DataView(a.buffer, a.byteOffset, n);
  const db = new DataView(b.buffer, b.byteOffset, m);
  let pre = 0;
  while (pre + 4 <= lim && da.getInt32(pre) === db.getInt32(pre)) pre += 4;
  while (pre < lim && a[pre] === b[pre]) pre++;
  let suf = 0;
  const room = lim - pre;
  while (suf + 4 <= room && da.getInt32(n - 4 - suf) === db.getInt32(m - 4 - suf)) suf += 4;
  while (suf < room && a[n - 1 - suf] === b[m - 1 - suf]) suf++;
  common.prefix = pre;
  common.suffix = suf;
}
