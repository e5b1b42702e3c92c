/** Writing ASCII straight into the sheet buffer: the writer's hot path. */

const ENCODER = new TextEncoder();

export function utf8(s: string): Uint8Array {
  return ENCODER.encode(s);
}

/** Writes UTF-8 at `pos` (room for 3 bytes per UTF-16 unit is the caller's); returns the new position. */
export function putUtf8(buf: Uint8Array, pos: number, s: string): number {
  return pos + ENCODER.encodeInto(s, buf.subarray(pos)).written;
}

/** Writes an ASCII string; returns the new position. */
export function putAscii(buf: Uint8Array, pos: number, s: string): number {
  for (let i = 0; i < s.length; i++) buf[pos++] = s.charCodeAt(i);
  return pos;
}

/** Writes a non-negative integer < 2^32 in decimal; returns the new position. */
export function putUint(buf: Uint8Array, pos: number, n: number): number {
  if (n < 10) {
    buf[pos] = 48 + n;
    return pos + 1;
  }
  let digits = 1;
  for (let k = n; k >= 10; k = Math.floor(k / 10)) digits++;
  let p = pos + digits;
  for (let k = n; p > pos; k = Math.floor(k / 10)) buf[--p] = 48 + (k % 10);
  return pos + digits;
}
