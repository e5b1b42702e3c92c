/** readFileBounded: the bytes of a regular file exactly, whatever its size and whatever size it states. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readFileBounded } from "../../src/node/read-file";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bieumau-read-file-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function bytesOf(n: number, seed: number): Uint8Array {
  const b = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) b[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  return b;
}

test.each([0, 1, 2, 4095, 4096, 4097, 65535, 65536, 65537, 200_000])("a file of %i bytes reads exactly", (n) => {
  const file = path.join(dir, `f-${n}.bin`);
  const data = bytesOf(n, n + 7);
  fs.writeFileSync(file, data);
  const r = readFileBounded(file);
  expect(r.ok).toBe(true);
  if (r.ok) expect(Buffer.from(r.bytes).equals(Buffer.from(data))).toBe(true);
});

test("the limit: a file of exactly the limit reads, one byte more is too large", () => {
  const file = path.join(dir, "limit.bin");
  fs.writeFileSync(file, bytesOf(1000, 3));
  const at = readFileBounded(file, 1000);
  expect(at.ok && at.bytes.length).toBe(1000);
  const over = readFileBounded(file, 999);
  expect(over.ok).toBe(false);
  if (!over.ok) expect(over.reason).toMatch(/quá lớn|lớn hơn/);
});

const procStatus = "/proc/self/status";
const procLarge = "/proc/self/smaps";
const hasProc = fs.existsSync(procStatus) && fs.statSync(procStatus).size === 0;

(hasProc ? test : test.skip)("a file that states size 0 (/proc) is read to its end, and stopped past the limit", () => {
  const r = readFileBounded(procStatus);
  expect(r.ok).toBe(true);
  if (r.ok) expect(new TextDecoder().decode(r.bytes)).toMatch(/^Name:[^]*\nPid:\s+\d+/);
  const cut = readFileBounded(procStatus, 10);
  expect(cut.ok).toBe(false);
  const large = readFileBounded(procLarge);
  // smaps of a node process is beyond the first 64 KB buffer (68 KB here): the buffer grows
  if (large.ok && fs.readFileSync(procLarge).length > 66_000) {
    const text = new TextDecoder().decode(large.bytes);
    expect(large.bytes.length).toBeGreaterThan(66_000);
    expect(text.endsWith("\n")).toBe(true);
    expect(text.split("\n").filter((l) => /^Size:/.test(l)).length).toBeGreaterThan(50);
  }
});

test("a folder and a missing file are refused with their reason", () => {
  expect(readFileBounded(dir)).toMatchObject({ ok: false, reason: "là thư mục, không phải tệp" });
  expect(readFileBounded(path.join(dir, "không-có.xlsx"))).toMatchObject({ ok: false, reason: "không tìm thấy tệp" });
});

describe("scratch: the bytes in one kept buffer, valid until the next such read", () => {
  test.each([0, 1, 4095, 65536, 65537, 200_000, 1024 * 1024 + 5])("a file of %i bytes reads exactly, as without scratch", (n) => {
    const file = path.join(dir, `s-${n}.bin`);
    const data = bytesOf(n, n + 11);
    fs.writeFileSync(file, data);
    const kept = readFileBounded(file, undefined, true);
    expect(kept.ok).toBe(true);
    if (kept.ok) expect(Buffer.from(kept.bytes).equals(Buffer.from(data))).toBe(true);
    const plain = readFileBounded(file);
    expect(plain.ok && kept.ok && Buffer.from(plain.bytes).equals(Buffer.from(kept.bytes))).toBe(true);
  });

  test("a larger file after a smaller one, then a smaller again: each exactly its own bytes (no tail of the last)", () => {
    const sizes = [100, 70_000, 50, 300_000, 3];
    for (const [i, n] of sizes.entries()) {
      const file = path.join(dir, `seq-${i}.bin`);
      const data = bytesOf(n, i + 99);
      fs.writeFileSync(file, data);
      const r = readFileBounded(file, undefined, true);
      expect(r.ok && r.bytes.length).toBe(n);
      if (r.ok) expect(Buffer.from(r.bytes).equals(Buffer.from(data))).toBe(true);
    }
  });

  test("the limit holds with scratch too", () => {
    const file = path.join(dir, "limit-s.bin");
    fs.writeFileSync(file, bytesOf(1000, 5));
    expect(readFileBounded(file, 1000, true).ok).toBe(true);
    expect(readFileBounded(file, 999, true).ok).toBe(false);
  });
});
