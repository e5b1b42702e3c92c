/** Numbers and references read straight from the XML text, without slicing it. */
import type { CellRange } from "../../core/grid";

/** The row `parseRef` read (its return value is the column). */
export const parsedRef = { row: 0 };

/** "B12" → column 2 (row in parsedRef.row); 0 when not a reference. */
export function parseRef(s: string, a: number, b: number): number {
  let col = 0;
  let k = a;
  for (; k < b; k++) {
    const c = s.charCodeAt(k) | 0x20;
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
  }
  if (col === 0 || k - a > 3) return 0;
  let row = 0;
  const digits = k;
  for (; k < b; k++) {
    const c = s.charCodeAt(k);
    if (c < 48 || c > 57) return 0;
    row = row * 10 + (c - 48);
  }
  if (k === digits || k - digits > 7) return 0;
  parsedRef.row = row;
  return col;
}

/** "A1:$C$3" (or one cell) → its range, corners in order; undefined when not a range. */
export function parseRange(ref: string): CellRange | undefined {
  const colon = ref.indexOf(":");
  const a = colon < 0 ? ref : ref.slice(0, colon);
  const b = colon < 0 ? ref : ref.slice(colon + 1);
  // (most references have no "$": no replacing then)
  const a2 = a.indexOf("$") < 0 ? a : a.replace(/\$/g, "");
  const b2 = b.indexOf("$") < 0 ? b : b.replace(/\$/g, "");
  const c1 = parseRef(a2, 0, a2.length);
  const r1 = parsedRef.row;
  const c2 = parseRef(b2, 0, b2.length);
  const r2 = parsedRef.row;
  if (!c1 || !c2 || !r1 || !r2) return undefined;
  return { top: Math.min(r1, r2), left: Math.min(c1, c2), bottom: Math.max(r1, r2), right: Math.max(c1, c2) };
}

/** Optionally negative integer of at most 15 digits filling s[a, b) exactly; NaN otherwise. */
export function parseIntFast(s: string, a: number, b: number): number {
  let k = a;
  const neg = s.charCodeAt(k) === 45;
  if (neg) k++;
  if (k === b || b - k > 15) return NaN;
  let n = 0;
  for (; k < b; k++) {
    const c = s.charCodeAt(k);
    if (c < 48 || c > 57) return NaN;
    n = n * 10 + (c - 48);
  }
  return neg ? -n : n;
}

/** Non-negative integer in s[a, b) (surrounding spaces allowed); -1 when not one. */
export function parseIntRange(s: string, a: number, b: number): number {
  let n = 0;
  let digits = 0;
  for (let k = a; k < b; k++) {
    const c = s.charCodeAt(k);
    if (c >= 48 && c <= 57) {
      n = n * 10 + (c - 48);
      digits++;
    } else if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return -1;
  }
  return digits ? n : -1;
}

/** `parseIntRange` over ASCII bytes: the same result for u[a, b) as for the same chars. */
export function parseIntBytes(u: Uint8Array, a: number, b: number): number {
  let n = 0;
  let digits = 0;
  for (let k = a; k < b; k++) {
    const c = u[k];
    if (c >= 48 && c <= 57) {
      n = n * 10 + (c - 48);
      digits++;
    } else if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return -1;
  }
  return digits ? n : -1;
}

/** What `refBytesAt` read: the column and row numbers, and how many letters and digits it took. */
export const refBytesRead = { col: 0, row: 0, letters: 0, digits: 0 };

/**
 * An A1 reference's letters, then digits, from u[k] (letters in either case), as `parseRef` reads
 * them, into `refBytesRead`; returns the index after the digits. Callers judge the counts.
 */
export function refBytesAt(u: Uint8Array, k: number): number {
  const a = k;
  let col = 0;
  let c = u[k] | 0x20;
  while (c >= 97 && c <= 122) {
    col = col * 26 + (c - 96);
    c = u[++k] | 0x20;
  }
  const letters = k - a;
  let row = 0;
  let d = u[k];
  while (d >= 48 && d <= 57) {
    row = row * 10 + (d - 48);
    d = u[++k];
  }
  refBytesRead.col = col;
  refBytesRead.row = row;
  refBytesRead.letters = letters;
  refBytesRead.digits = k - a - letters;
  return k;
}
