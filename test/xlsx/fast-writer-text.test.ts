/**
 * XlsxWriter.text: a text written in many cells gives the bytes the string gives (the same
 * shared-string entries in the same order, the same reference count), blanks included.
 */
import { unzipSync } from "fflate";
import { XlsxWriter, XlsxWriteError, type XValue } from "../../src/xlsx/fast-writer";

const created = new Date("2025-04-01T08:00:00Z");
const TEXTS = ["Xã Đông Hòa", "", "Xã Đông Hòa", "Xa\u0300 NFD", "Xà NFD", "=SUM(A1)", " đầu cách", "_x0041_"];

/** The same cells, each text given as a string or as one XText per distinct text (made before or between uses). */
function workbook(asText: boolean): Record<string, Uint8Array> {
  const w = new XlsxWriter({ created });
  const made = new Map<string, XValue>();
  const value = (t: string): XValue => {
    if (!asText) return t;
    if (!made.has(t)) made.set(t, w.text(t));
    return made.get(t)!;
  };
  const style = w.style({ border: true });
  for (const name of ["Một", "Hai"]) {
    const s = w.addSheet(name);
    s.row(1, [{ col: 1, value: "đầu" }]);
    TEXTS.forEach((t, i) =>
      s.row(i + 2, [
        { col: 1, value: value(t) },
        { col: 2, value: value(t), style },
        { col: 3, value: i },
        { col: 4, value: value(TEXTS[(i + 3) % TEXTS.length]) },
      ]),
    );
  }
  return unzipSync(w.finish());
}

test("cells written from XTexts are the cells written from the strings, byte for byte", () => {
  const strings = workbook(false);
  const texts = workbook(true);
  expect(Object.keys(texts)).toEqual(Object.keys(strings));
  for (const name of Object.keys(strings))
    expect([name, Buffer.from(texts[name]).equals(Buffer.from(strings[name]))]).toEqual([name, true]);
  const sst = new TextDecoder().decode(strings["xl/sharedStrings.xml"]);
  expect(sst).toMatch(/count="\d+" uniqueCount="\d+"/);
});

test("an XText made by another writer is refused", () => {
  const a = new XlsxWriter();
  const b = new XlsxWriter();
  const s = b.addSheet("S");
  expect(() => s.row(1, [{ col: 1, value: a.text("x") }])).toThrow(XlsxWriteError);
});
