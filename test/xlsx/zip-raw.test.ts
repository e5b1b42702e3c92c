/** The patcher's zip container: listed without inflating, written back with untouched entries copied as stored. */
import ExcelJS from "exceljs";
import { strToU8, unzipSync, zipSync } from "fflate";
import { crc32, deflatedEntry, inflateEntry, listZip, writeZip } from "../../src/xlsx/zip-raw";
import { officerWorkbookBytes } from "../helpers/officer-workbooks";

describe("zip-raw", () => {
  test("list then write: every entry the same bytes, and exceljs opens the result", async () => {
    const original = await officerWorkbookBytes("bnv581-xa", { forms: [1, 2] });
    const entries = listZip(original);
    const rewritten = writeZip(entries);
    const before = unzipSync(original);
    const after = unzipSync(rewritten);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const name of Object.keys(before)) expect(Buffer.from(after[name]).equals(Buffer.from(before[name]))).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(rewritten) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["BM1", "BM2"]);
  });

  test("a replaced entry is deflated with a correct CRC; stored entries stay stored; a damaged one fails only when inflated", () => {
    const zipped = zipSync({ "a.xml": [strToU8("<a/>"), { level: 0 }], "b.xml": strToU8("<b>" + "x".repeat(5000) + "</b>") });
    const entries = listZip(zipped);
    expect(entries.map((e) => [e.name, e.method])).toEqual([
      ["a.xml", 0],
      ["b.xml", 8],
    ]);
    const replaced = deflatedEntry("b.xml", strToU8("<b>new</b>"), entries[1]);
    expect(replaced.crc).toBe(crc32(strToU8("<b>new</b>")));
    const out = unzipSync(writeZip([entries[0], replaced]));
    expect(new TextDecoder().decode(out["b.xml"])).toBe("<b>new</b>");
    const broken = Uint8Array.from(zipped);
    const b = listZip(broken)[1];
    broken.fill(0xff, b.compressed.byteOffset + 2, b.compressed.byteOffset + 12);
    const damaged = listZip(broken);
    expect(new TextDecoder().decode(inflateEntry(damaged[0]))).toBe("<a/>");
    expect(() => inflateEntry(damaged[1])).toThrow();
  });
});
