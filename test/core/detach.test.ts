/**
 * Units read on the main thread are kept for the whole run: a text cut out of a file's XML must
 * not keep that XML alive (V8 slices strings without copying), or memory grows with every file.
 */
import * as v8 from "node:v8";
import * as vm from "node:vm";
import { builtinTemplates, findTemplate } from "../../src/catalog";
import { checkWorkbook } from "../../src/core/check-workbook";
import { unitData, type UnitData } from "../../src/core/consolidate";
import { detachText, detachTexts, markDetached } from "../../src/core/detach";
import { writeFilledWorkbook } from "../../src/xlsx/plan-writer";
import { readWorkbookGrid } from "../../src/xlsx/read-grid";

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

test("a marked object is not walked again, once: the next detachTexts walks it", () => {
  const xml = `<t>${"Số văn bản chỉ đạo CCHC đã ban hành ".repeat(10)}</t>`;
  const cut = xml.slice(3, 60);
  const marked = markDetached({ label: cut });
  const unit = { file: "xa-1.xlsx", data: marked };
  detachTexts(unit);
  expect(unit.data.label).toBe(cut); // not walked: the same string object stays (a walk would copy it)
  expect(Object.is(unit.data.label, cut)).toBe(true);
  detachTexts(unit); // the mark was used up: walked (and still equal)
  expect(unit.data.label).toBe(cut);
  expect(detachText("ngắn")).toBe("ngắn");
  expect(detachText(cut)).toBe(cut);
});

test("a unit's data made by unitData keeps none of its file's texts alive, without a walk", () => {
  // A long text (longer than the readers' memo tables keep) cut out of a 4 MB string in each grid,
  // as a reader's texts are cut out of the XML.
  const note = "Ghi chú dài ".repeat(40);
  const xa = findTemplate("bnv581-xa")!;
  const bytes = writeFilledWorkbook(xa, { unit: "UBND xã Bình Minh", period: "Quý I năm 2025" }, { "3/3.3.2": note });
  const heap = () => {
    gc();
    return process.memoryUsage().heapUsed / 1048576;
  };
  const kept: UnitData[] = [];
  const before = heap();
  for (let k = 0; k < 40; k++) {
    const grid = readWorkbookGrid(bytes);
    const xml = `${"x".repeat(4_000_000 + k)}${note}`;
    const cut = xml.slice(xml.length - note.length);
    for (const sheet of grid.sheets)
      for (const row of sheet.rows) row.forEach((cell, i) => cell?.value === note && (row[i] = { ...cell, value: cut }));
    const data = unitData(checkWorkbook(grid, builtinTemplates()), grid);
    expect(detachTexts(data)).toBe(data);
    kept.push(data);
  }
  const grown = heap() - before;
  expect(kept[39].unit).toBe("UBND xã Bình Minh");
  expect(kept[39].forms.flatMap((f) => Object.values(f.values)).some((v) => v.raw.startsWith("Ghi chú dài"))).toBe(true);
  // Without the copies the 40 units keep 40 × 4 MB of XML alive.
  expect(grown).toBeLessThan(40);
});
