/**
 * A big sheet compressed on the zlib thread pool is gzipped there, so that its crc32 comes from the
 * gzip trailer instead of the main thread: the stream inside must be deflateRaw's, byte for byte, at
 * every level, and a member not laid out as zlib writes it is refused (the caller then does it plainly).
 */
import * as zlib from "node:zlib";
import { gzipBody, pickDeflater } from "../../src/xlsx/writer/deflate";

const text = (n: number) =>
  new TextEncoder().encode(Array.from({ length: n }, (_, i) => `<c r="A${i}"><v>${(i * 7919) % 1000}</v></c>`).join(""));

test("the body of zlib's gzip is deflateRaw's stream and its trailer the data's crc32, at every level", () => {
  const data = text(20000);
  for (let level = 1; level <= 9; level++) {
    const body = gzipBody(zlib.gzipSync(data, { level }), data.length)!;
    expect(Buffer.from(body.compressed).equals(zlib.deflateRawSync(data, { level }))).toBe(true);
    expect(body.crc).toBe(zlib.crc32(data) >>> 0);
  }
});

test("a member with a name, another method, a wrong size or cut short is refused", () => {
  const data = text(100);
  const member = new Uint8Array(zlib.gzipSync(data));
  expect(gzipBody(member, data.length)).toBeDefined();
  const named = member.slice();
  named[3] = 0x08; // FNAME
  expect(gzipBody(named, data.length)).toBeUndefined();
  const method = member.slice();
  method[2] = 7;
  expect(gzipBody(method, data.length)).toBeUndefined();
  expect(gzipBody(member, data.length + 1)).toBeUndefined();
  expect(gzipBody(member.subarray(0, 17), data.length)).toBeUndefined();
});

test("deflateAsync: deflate's bytes and crc32's value", async () => {
  const d = pickDeflater("auto");
  const data = text(30000);
  for (const level of [1, 6]) {
    const { compressed, crc } = await d.deflateAsync!(data, level);
    expect(Buffer.from(compressed).equals(Buffer.from(d.deflate(data, level)))).toBe(true);
    expect(crc).toBe(d.crc32(data));
  }
});
