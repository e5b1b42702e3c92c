/**
 * Units read on the main thread are kept for the whole run: a text cut out of a file's XML must
 * not keep that XML alive (V8 slices strings without copying), or memory grows with every file.
 */
import * as v8 from "node:v8";
import * as vm from "node:vm";
import { detachTexts } from "../../src/core/detach";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

/** A 2 MB "sheet XML" per unit and a unit's data holding texts cut out of it, as a reader would make them. */
function unitCutFrom(k: number) {
  const xml = `<sheetData>${`<c r="B${k}"><is><t>Số văn bản chỉ đạo CCHC đã ban hành ${k}</t></is></c>`.repeat(30_000)}</sheetData>`;
  const label = xml.slice(xml.indexOf("Số văn"), xml.indexOf("</t>"));
  return { file: `xa-${k}.xlsx`, data: { unit: label, forms: [{ form: 1, values: { "1": { raw: label, value: 12, address: "D6" } } }] } };
}

test("every text is kept as it was, in objects and arrays", () => {
  const unit = unitCutFrom(1);
  const copy = JSON.parse(JSON.stringify(unit));
  expect(detachTexts(unit)).toBe(unit);
  expect(unit).toEqual(copy);
});

test("the units' data no longer holds their files' XML: memory stays flat in the number of files", () => {
  const heap = () => {
    gc();
    return process.memoryUsage().heapUsed / 1048576;
  };
  const before = heap();
  const kept = Array.from({ length: 60 }, (_, k) => detachTexts(unitCutFrom(k)));
  const grown = heap() - before;
  expect(kept[59].data.unit).toBe("Số văn bản chỉ đạo CCHC đã ban hành 59");
  // Without the copy the 60 texts keep 60 × ~2 MB of XML alive.
  expect(grown).toBeLessThan(20);
});
