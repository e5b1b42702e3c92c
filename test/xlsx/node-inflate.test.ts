/**
 * The kept zlib engine (node-inflate.ts) inflates exactly as `zlib.inflateRawSync` does: the same
 * bytes for whole streams, "too-large" for a stream longer than said, an error for a broken one,
 * and the next part after an error still read (the engine is made anew).
 */
import * as zlib from "node:zlib";
import { byKeptEngine, bySync, NODE_INFLATER, type NodeInflater } from "../../src/xlsx/read/node-inflate";

const kept = byKeptEngine(() => zlib.createInflateRaw() as never);
const sync = bySync(zlib.inflateRawSync);

function outcome(inflate: NodeInflater, comp: Uint8Array, size: number): string {
  try {
    const out = inflate(comp, size);
    return out === "too-large" ? out : `${out.length}:${Buffer.from(out).toString("base64")}`;
  } catch {
    return "error";
  }
}

/** Deterministic pseudo-random bytes (some runs repeated, so deflate has matches to make). */
function bytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = i > 40 && x % 3 === 0 ? out[i - 1 - (x % 37)] : x >>> 24;
  }
  return out;
}

test("the kept engine is what the reader uses under Node", () => {
  expect(NODE_INFLATER).toBeDefined();
  const comp = zlib.deflateRawSync(Buffer.from("<c r='A1'/>".repeat(20)));
  expect(outcome(NODE_INFLATER!, comp, 220)).toBe(outcome(sync, comp, 220));
});

test.each([0, 1, 63, 64, 1000, 70_000])("same outcome as inflateRawSync, %i bytes: whole, sizes that lie, cut short, broken", (n) => {
  const text = bytes(n, n + 7);
  for (const level of [0, 1, 9]) {
    const comp = new Uint8Array(zlib.deflateRawSync(text, { level }));
    const cases: [Uint8Array, number][] = [
      [comp, n],
      [comp, n + 1],
      [comp, n + 1000],
      [comp, Math.max(0, n - 1)],
      [comp, 0],
      [comp.subarray(0, comp.length - 1), n],
      [comp.subarray(0, comp.length >> 1), n],
      [new Uint8Array(0), n],
      [comp.map((b, i) => (i === comp.length >> 1 ? b ^ 0x5a : b)), n],
      [bytes(50, n), n],
    ];
    for (const [c, size] of cases) {
      const want = outcome(sync, c, size);
      expect(outcome(kept, c, size)).toBe(want);
      // the engine after that case (an error closes it) reads a whole stream again
      expect(outcome(kept, comp, n)).toBe(outcome(sync, comp, n));
    }
  }
});

test("a broken stream is an error, a longer one too-large, a whole one its bytes", () => {
  const text = bytes(5000, 1);
  const comp = zlib.deflateRawSync(text);
  expect(outcome(kept, comp.subarray(0, 100), 5000)).toBe("error");
  expect(kept(comp, 4999)).toBe("too-large");
  expect(Buffer.from(kept(comp, 5000) as Uint8Array).equals(Buffer.from(text))).toBe(true);
});

test("same outcome as inflateRawSync on streams with a flipped byte, every size around the true one", () => {
  for (let seed = 0; seed < 120; seed++) {
    const n = (seed * 37) % 300;
    const comp = new Uint8Array(zlib.deflateRawSync(bytes(n, seed), { level: seed % 10 }));
    const at = (seed * 7919) % Math.max(1, comp.length);
    const broken = comp.map((b, i) => (i === at ? b ^ (1 << (seed % 8)) : b));
    for (const size of [0, 1, n >> 1, n - 1, n, n + 1, 63, 64, 65]) {
      if (size < 0) continue;
      expect(`${seed} ${size} ${outcome(kept, broken, size)}`).toBe(`${seed} ${size} ${outcome(sync, broken, size)}`);
      expect(outcome(kept, comp, size)).toBe(outcome(sync, comp, size));
    }
  }
});
