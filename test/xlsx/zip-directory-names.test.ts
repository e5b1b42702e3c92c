/**
 * Zip entry names are taken from the last directory read when the same position holds the same
 * name bytes with the same UTF-8 flag (zip-directory.ts). Whatever came before, each name reads as
 * its own bytes and flag say.
 */
import fc from "fast-check";
import { readZipDirectory } from "../../src/xlsx/ooxml/zip-directory";
import { writeZip } from "../../src/xlsx/ooxml/zip-write";

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** Name bytes, and what they read as with the UTF-8 flag and without it (code page 437). */
const NAMES: { bytes: Uint8Array; utf8: string; cp437: string }[] = [
  { bytes: ascii("xl/workbook.xml"), utf8: "xl/workbook.xml", cp437: "xl/workbook.xml" },
  { bytes: ascii("XL/Sheet1.xml"), utf8: "XL/Sheet1.xml", cp437: "XL/Sheet1.xml" },
  { bytes: ascii("xl/sheet1.xml"), utf8: "xl/sheet1.xml", cp437: "xl/sheet1.xml" },
  // the same length, other bytes: é in UTF-8, then é and x in code page 437
  { bytes: new TextEncoder().encode("xl/Trang_é.xml"), utf8: "xl/Trang_é.xml", cp437: "xl/Trang_├⌐.xml" },
  { bytes: Uint8Array.from([...ascii("xl/Trang_"), 0x82, 0x78, ...ascii(".xml")]), utf8: "xl/Trang_\uFFFDx.xml", cp437: "xl/Trang_éx.xml" },
];

function zip(entries: [number, boolean][]): Uint8Array {
  return writeZip(
    entries.map(([i, utf8]) => ({
      nameBytes: NAMES[i].bytes,
      flags: utf8 ? 0x800 : 0,
      method: 0,
      time: 0,
      date: 0x21,
      crc: 0,
      size: 0,
      compressed: new Uint8Array(0),
    })),
  );
}

test("each directory's names read as their bytes and flag say, whatever directory came before (property)", () => {
  const entry = fc.tuple(fc.integer({ min: 0, max: NAMES.length - 1 }), fc.boolean());
  fc.assert(
    fc.property(fc.array(fc.array(entry, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }), (dirs) => {
      for (const entries of dirs) {
        const got = readZipDirectory(zip(entries)).map((e) => [e.written, e.name]);
        const want = entries.map(([i, utf8]) => {
          const written = utf8 ? NAMES[i].utf8 : NAMES[i].cp437;
          return [written, written.toLowerCase()];
        });
        expect(got).toEqual(want);
      }
    }),
    { numRuns: 500, seed: 1313 },
  );
});

test("the bytes of a directory read before may change without changing the next read", () => {
  const first = zip([[1, false]]);
  expect(readZipDirectory(first).map((e) => e.written)).toEqual(["XL/Sheet1.xml"]);
  const second = zip([[2, false]]);
  first.set(second); // the caller reuses its buffer for the next file
  expect(readZipDirectory(second).map((e) => e.written)).toEqual(["xl/sheet1.xml"]);
});
