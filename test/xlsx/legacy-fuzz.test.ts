/**
 * Fuzzed .xls input (a real LibreOffice-made .xls with bytes flipped, runs
 * overwritten, or cut short): the reader either reads something or refuses
 * with one Vietnamese line; never an exception, a stack trace, an English
 * message or a stall past the worker's deadline. Seeded, so a failure replays.
 */
import fc from "fast-check";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { checkRecords } from "../../src/xlsx/legacy/cfb";
import { readInSandbox } from "../../src/node/legacy-sandbox";
import { readAnyWorkbookGrid } from "../../src/xlsx/legacy/read-any";
import { sheetJsOptions } from "../../src/xlsx/legacy/to-grid";
import { loadWorkbookBytes } from "../../src/node/load-workbook";
import { ReadError } from "../../src/xlsx/read-grid";
import { convertWithLibreOffice } from "../helpers/legacy-convert";
import { officerWorkbookBytes } from "../helpers/officer-workbooks";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "bieumau-legacy-fuzz-"));
let xls: Uint8Array;
let ods: Uint8Array;

beforeAll(async () => {
  const src = path.join(work, "xa.xlsx");
  fs.writeFileSync(src, await officerWorkbookBytes("bnv581-xa", { numeric: true, forms: [1, 3] }));
  xls = new Uint8Array(fs.readFileSync(convertWithLibreOffice([src], "xls", work)[0]));
  ods = new Uint8Array(fs.readFileSync(convertWithLibreOffice([src], "ods", work)[0]));
}, 120_000);

/** A mutation: flip bytes, overwrite a run with one value, or cut the file. */
const mutation = (size: number) =>
  fc.oneof(
    fc
      .array(fc.record({ at: fc.nat(size - 1), value: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 24 })
      .map((flips) => ({ flips })),
    fc
      .record({ at: fc.nat(size - 1), length: fc.integer({ min: 1, max: 600 }), value: fc.constantFrom(0x00, 0xff, 0x41) })
      .map((run) => ({ run })),
    fc.integer({ min: 0, max: size - 1 }).map((cut) => ({ cut })),
  );

type Mutation = { flips: { at: number; value: number }[] } | { run: { at: number; length: number; value: number } } | { cut: number };

function apply(base: Uint8Array, m: Mutation, keepHeader: boolean): Uint8Array {
  if ("cut" in m) return base.slice(0, Math.max(keepHeader ? 8 : 0, m.cut));
  const out = base.slice();
  const from = keepHeader ? 8 : 0; // keep the signature so the .xls path is what gets fuzzed
  if ("flips" in m) for (const f of m.flips) out[Math.max(from, f.at)] = f.value;
  else out.fill(m.run.value, Math.max(from, m.run.at), Math.min(out.length, m.run.at + m.run.length));
  return out;
}

const ONE_VIETNAMESE_LINE = /^[^\n]*(tệp|bảng tính)[^\n]*$/;

test("fuzzed .xls: a grid or one clean Vietnamese line, never past the deadline", () => {
  let refused = 0;
  let read = 0;
  fc.assert(
    fc.property(mutation(xls.length), (m) => {
      const bytes = apply(xls, m as Mutation, true);
      const started = Date.now();
      const r = loadWorkbookBytes(bytes);
      expect(Date.now() - started).toBeLessThan(12_000); // the worker's deadline (8 s) and a restart
      if (r.ok) read++;
      else {
        refused++;
        expect(r.reason).toMatch(ONE_VIETNAMESE_LINE);
        expect(r.reason).not.toMatch(/Error|undefined|at \w+ \(|Cannot|Unsupported|Invalid/);
      }
    }),
    { seed: 20250601, numRuns: 400 },
  );
  // Both outcomes happen: the fuzzer reaches the parser, not only the signature check.
  expect(refused).toBeGreaterThan(20);
  expect(read).toBeGreaterThan(20);
}, 120_000);

test("fuzzed .ods and .xls through the task pane's reader: only ReadError", async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom("xls", "ods"), mutation(Math.min(xls.length, ods.length)), async (format, m) => {
      const base = format === "xls" ? xls : ods;
      const bytes = apply(base, m as Mutation, true);
      try {
        await readAnyWorkbookGrid(bytes);
      } catch (e) {
        expect(e).toBeInstanceOf(ReadError);
        expect((e as ReadError).message).toMatch(ONE_VIETNAMESE_LINE);
      }
    }),
    { seed: 20250602, numRuns: 200 },
  );
}, 120_000);

describe("a record stream that sends SheetJS into an endless loop", () => {
  // An ARRAY record with no bytes, continued: SheetJS reads its formula length as NaN and loops for ever.
  const rec = (type: number, data: number[] | Buffer) => {
    const b = Buffer.alloc(4 + data.length);
    b.writeUInt16LE(type, 0);
    b.writeUInt16LE(data.length, 2);
    Buffer.from(data).copy(b, 4);
    return b;
  };
  const bof = (dt: number) => {
    const d = Buffer.alloc(16);
    d.writeUInt16LE(0x0600, 0);
    d.writeUInt16LE(dt, 2);
    return rec(0x0809, d);
  };
  const stream = new Uint8Array(
    Buffer.concat([bof(0x0005), rec(0x000a, []), bof(0x0010), rec(0x0221, []), rec(0x003c, [1, 2]), rec(0x000a, [])]),
  );

  test("is refused before SheetJS sees it", () => {
    expect(() => checkRecords(stream)).toThrow(/bản ghi công thức 0x221 bị cắt cụt/);
  });

  test("and were it not, the worker's deadline stops it; the next file is read by a new worker", () => {
    const started = Date.now();
    expect(() => readInSandbox(stream, "xls", sheetJsOptions({}))).toThrow(/^tệp Excel 97–2003 \(\.xls\) bất thường: đọc quá lâu/);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(loadWorkbookBytes(xls)).toMatchObject({ ok: true, format: "xls" });
  }, 30_000);
});
