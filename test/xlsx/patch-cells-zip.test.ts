/**
 * The patcher lists the package as the reader does (ooxml/zip-directory.ts): a ZIP64 package (as
 * some streaming producers write even small files) is patched like any other, its untouched parts
 * copied still compressed, byte for byte; a part named in code page 437 (no UTF-8 flag) is found
 * by its relationship's target.
 */
import { cellAt } from "../../src/core/grid";
import { patchWorkbook } from "../../src/xlsx/patch-cells";
import { readWorkbookGrid } from "../../src/xlsx/read-grid";
import { deflatedEntry, inflateEntry, listZip, writeZip, type ZipEntry } from "../../src/xlsx/zip-raw";
import { officerWorkbookBytes } from "../helpers/officer-workbooks";

const SAT32 = 0xffffffff;

/** The same entries in a ZIP64 archive: sizes and offsets only in zip64 extra fields and records. */
function asZip64(entries: ZipEntry[]): Uint8Array {
  const size = entries.reduce(
    (n, e) => n + 30 + e.nameBytes.length + 20 + e.compressed.length + 46 + e.nameBytes.length + 28,
    56 + 20 + 22,
  );
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  const u64 = (p: number, n: number) => (v.setUint32(p, n % 0x100000000, true), v.setUint32(p + 4, Math.floor(n / 0x100000000), true));
  const offsets: number[] = [];
  let p = 0;
  const common = (e: ZipEntry, at: number) => {
    v.setUint16(at, 45, true);
    v.setUint16(at + 2, e.flags & 0x800, true);
    v.setUint16(at + 4, e.method, true);
    v.setUint16(at + 6, e.time, true);
    v.setUint16(at + 8, e.date, true);
    v.setUint32(at + 10, e.crc, true);
    v.setUint32(at + 14, SAT32, true);
    v.setUint32(at + 18, SAT32, true);
    v.setUint16(at + 22, e.nameBytes.length, true);
  };
  for (const e of entries) {
    offsets.push(p);
    v.setUint32(p, 0x04034b50, true);
    common(e, p + 4);
    v.setUint16(p + 28, 20, true);
    out.set(e.nameBytes, p + 30);
    let x = p + 30 + e.nameBytes.length;
    v.setUint16(x, 1, true);
    v.setUint16(x + 2, 16, true);
    u64(x + 4, e.size);
    u64(x + 12, e.compressed.length);
    x += 20;
    out.set(e.compressed, x);
    p = x + e.compressed.length;
  }
  const cd = p;
  entries.forEach((e, i) => {
    v.setUint32(p, 0x02014b50, true);
    v.setUint16(p + 4, 45, true);
    common(e, p + 6);
    v.setUint16(p + 30, 28, true);
    v.setUint32(p + 42, SAT32, true);
    out.set(e.nameBytes, p + 46);
    const x = p + 46 + e.nameBytes.length;
    v.setUint16(x, 1, true);
    v.setUint16(x + 2, 24, true);
    u64(x + 4, e.size);
    u64(x + 12, e.compressed.length);
    u64(x + 20, offsets[i]!);
    p = x + 28;
  });
  const cdSize = p - cd;
  const eocd64 = p;
  v.setUint32(p, 0x06064b50, true);
  u64(p + 4, 44);
  v.setUint16(p + 12, 45, true);
  v.setUint16(p + 14, 45, true);
  u64(p + 24, entries.length);
  u64(p + 32, entries.length);
  u64(p + 40, cdSize);
  u64(p + 48, cd);
  p += 56;
  v.setUint32(p, 0x07064b50, true);
  u64(p + 8, eocd64);
  v.setUint32(p + 16, 1, true);
  p += 20;
  v.setUint32(p, 0x06054b50, true);
  v.setUint16(p + 8, 0xffff, true);
  v.setUint16(p + 10, 0xffff, true);
  v.setUint32(p + 12, SAT32, true);
  v.setUint32(p + 16, SAT32, true);
  return out;
}

test("a ZIP64 package is patched; its untouched parts are copied still compressed, byte for byte", async () => {
  const plain = await officerWorkbookBytes("bnv581-xa", { forms: [1], numeric: true });
  const zip64 = asZip64(listZip(plain));
  const source = readWorkbookGrid(zip64); // the reader reads it: the premise
  const sheet = source.sheets[0]!.name;
  const patched = patchWorkbook(zip64, [{ sheet, address: "Z40", value: 4321 }]);
  expect(cellAt(readWorkbookGrid(patched).sheets[0]!, 40, 26)?.value).toBe(4321);
  const before = new Map(listZip(zip64).map((e) => [e.name, e]));
  const after = listZip(patched);
  expect(after.map((e) => e.name)).toEqual([...before.keys()]); // exceljs puts [Content_Types].xml first
  const rewritten = new Set(["xl/worksheets/sheet1.xml", "xl/workbook.xml"]);
  for (const e of after) {
    if (rewritten.has(e.name)) continue;
    expect({ name: e.name, same: Buffer.from(e.compressed).equals(Buffer.from(before.get(e.name)!.compressed)) }).toEqual({
      name: e.name,
      same: true,
    });
  }
});

test("a sheet part named in code page 437 is read and patched, its name kept to the byte", async () => {
  const plain = await officerWorkbookBytes("bnv581-xa", { forms: [1], numeric: true });
  // "xl/worksheets/Übersicht.xml" in CP437 (Ü = 0x9A), without the UTF-8 flag, as old zip tools write names
  const cp437Name = Uint8Array.from([...Buffer.from("xl/worksheets/"), 0x9a, ...Buffer.from("bersicht.xml")]);
  const entries = listZip(plain).map((e) => {
    if (e.name === "xl/worksheets/sheet1.xml") return { ...e, nameBytes: cp437Name, flags: e.flags & ~0x800 };
    if (e.name !== "xl/_rels/workbook.xml.rels") return e;
    const rels = new TextDecoder().decode(inflateEntry(e));
    return deflatedEntry(e.name, new TextEncoder().encode(rels.replace("worksheets/sheet1.xml", "worksheets/Übersicht.xml")), e);
  });
  const renamed = writeZip(entries);
  const sheet = readWorkbookGrid(renamed).sheets[0]!; // the reader finds the sheet: the premise
  expect(cellAt(sheet, 40, 26)).toBeUndefined();
  const patched = patchWorkbook(renamed, [{ sheet: sheet.name, address: "Z40", value: 4321 }]);
  expect(cellAt(readWorkbookGrid(patched).sheets[0]!, 40, 26)?.value).toBe(4321);
  const written = listZip(patched).find((e) => Buffer.from(e.nameBytes).equals(Buffer.from(cp437Name)));
  expect(written?.name).toBe("xl/worksheets/Übersicht.xml");
  expect(written!.flags & 0x800).toBe(0);
});
