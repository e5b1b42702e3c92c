/** sameBytes, and commonEnds: where two byte strings agree at their start and end, natively compared (Node) or not. */
import fc from "fast-check";
import { common, commonEnds, decodeXml, NODE_ASCII_TEXT, NODE_BYTES_EQUAL, NODE_IS_ASCII, sameBytes } from "../../src/xlsx/read/xml-bytes";

function oracle(a: Uint8Array, b: Uint8Array): { prefix: number; suffix: number } {
  const lim = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix < lim && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < lim - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  return { prefix, suffix };
}

test("under Node the native comparison is found and used", () => {
  expect(NODE_BYTES_EQUAL).toBeDefined();
});

test("native and four-bytes-at-a-time comparisons agree with a byte-by-byte one (property)", () => {
  const bytes = (max: number) => fc.uint8Array({ maxLength: max, min: 0, max: 3, size: "max" });
  fc.assert(
    fc.property(bytes(2000), bytes(40), bytes(40), bytes(2000), fc.nat(7), fc.nat(7), (head, x, y, tail, offA, offB) => {
      // a and b share a head and a tail around a differing middle, at any alignment in their buffers
      const place = (parts: Uint8Array[], off: number) => {
        const len = parts.reduce((s, p) => s + p.length, 0);
        const buf = new Uint8Array(off + len);
        let at = off;
        for (const p of parts) (buf.set(p, at), (at += p.length));
        return buf.subarray(off);
      };
      const a = place([head, x, tail], offA);
      const b = place([head, y, tail], offB);
      const want = oracle(a, b);
      for (const equal of [NODE_BYTES_EQUAL!, null]) {
        commonEnds(a, b, equal);
        expect({ ...common }).toEqual(want);
        commonEnds(b, a, equal);
        expect({ ...common }).toEqual(oracle(b, a));
      }
    }),
    { numRuns: 1000, seed: 1313 },
  );
});

test("sameBytes, native or not, at any alignment (property)", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300, max: 2 }), fc.nat(7), fc.nat(7), fc.nat(400), (x, offA, offB, flip) => {
      const a = new Uint8Array(offA + x.length).subarray(offA);
      const b = new Uint8Array(offB + x.length).subarray(offB);
      a.set(x);
      b.set(x);
      const changed = flip < x.length;
      if (changed) b[flip] ^= 1;
      for (const equal of [NODE_BYTES_EQUAL!, null]) {
        expect(sameBytes(a, b, equal)).toBe(!changed);
        expect(sameBytes(a, b.subarray(1), equal)).toBe(x.length === 0);
      }
    }),
    { numRuns: 500, seed: 1313 },
  );
});

test("sameBytes sees a difference at the first and at the last byte, native or not", () => {
  for (const equal of [NODE_BYTES_EQUAL!, null]) {
    expect(sameBytes(Uint8Array.of(1, 2, 3), Uint8Array.of(0, 2, 3), equal)).toBe(false);
    expect(sameBytes(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 4), equal)).toBe(false);
    expect(sameBytes(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 3), equal)).toBe(true);
  }
});

test("under Node ASCII bytes are read as text by a plain copy, the very text the UTF-8 decoder gives (property)", () => {
  expect(NODE_ASCII_TEXT).toBeDefined();
  const text = NODE_ASCII_TEXT!;
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 3000, min: 0, max: 127 }), fc.nat(9), fc.nat(9), (bytes, a, b) => {
      // any view into a larger buffer, as the inflater hands out
      const buf = new Uint8Array(a + bytes.length + b).fill(0xc3);
      buf.set(bytes, a);
      const view = buf.subarray(a, a + bytes.length);
      expect(NODE_IS_ASCII!(view)).toBe(true);
      expect(text(view)).toBe(decodeXml(view));
    }),
    { numRuns: 300, seed: 2012 },
  );
});
