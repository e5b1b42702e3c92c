/**
 * Row 3 of each detail sheet names, per unit, the sheet of its file that holds the form. A form
 * whose units' sheets are those of an earlier form (all forms on one sheet: the usual file) copies
 * that row's bytes; the text read back must be each unit's own sheet in every case, and the
 * shared-string count that of writing every cell.
 */
import { unzipSync } from "fflate";
import { findTemplate } from "../../src/catalog";
import { consolidate, type UnitInput } from "../../src/core/consolidate";
import { cellAt, cellText } from "../../src/core/grid";
import { readWorkbookGrid } from "../../src/xlsx/read-grid";
import { detailSheetName, writeConsolidationWorkbook } from "../../src/xlsx/write-consolidation";
import { communeUnit } from "../helpers/commune-units";

const xa = findTemplate("bnv581-xa")!;

/** Unit i's sheet of each form: one sheet for all ("Biểu mẫu"), one per form, or forms 3 and 5 missing. */
function sheetOf(i: number, form: number): string | undefined {
  if (i % 3 === 0) return "Biểu mẫu";
  if (i % 3 === 1) return `BM${form}`;
  return form === 3 || form === 5 ? undefined : "Biểu mẫu";
}

function unit(i: number): UnitInput {
  return communeUnit(
    xa,
    i,
    (form) => sheetOf(i, form),
    (k) => k,
  );
}

function row3(units: UnitInput[]): { sheets: Map<number, string[]>; sstCount: number; textCells: number } {
  const bytes = writeConsolidationWorkbook(consolidate(units, [xa]));
  const grid = readWorkbookGrid(bytes);
  const sheets = new Map<number, string[]>();
  for (const f of xa.forms) {
    const sheet = grid.sheets.find((s) => s.name === detailSheetName(f.number))!;
    sheets.set(
      f.number,
      units.map((_, i) => cellText(cellAt(sheet, 3, 4 + i))),
    );
  }
  const parts = unzipSync(bytes);
  const sst = new TextDecoder().decode(parts["xl/sharedStrings.xml"]);
  let textCells = 0;
  for (const [name, part] of Object.entries(parts)) {
    if (name.startsWith("xl/worksheets/sheet")) textCells += new TextDecoder().decode(part).split(' t="s"').length - 1;
  }
  return { sheets, sstCount: Number(/count="(\d+)"/.exec(sst)![1]), textCells };
}

describe("detail sheets' row 3: each unit's sheet of the form", () => {
  it("holds each unit's own sheet on every form, copied or written (mixed files)", () => {
    const units = Array.from({ length: 12 }, (_, i) => unit(i));
    const { sheets } = row3(units);
    for (const f of xa.forms) {
      expect(sheets.get(f.number)).toEqual(units.map((_, i) => sheetOf(i, f.number) ?? "(không có biểu này)"));
    }
  });

  it("all forms on one sheet: every detail sheet's row 3 the same, each copied cell counted in the shared-string table", () => {
    const units = Array.from({ length: 5 }, (_, i) => unit(3 * i));
    const { sheets, sstCount, textCells } = row3(units);
    for (const f of xa.forms) expect(sheets.get(f.number)).toEqual(units.map(() => "Biểu mẫu"));
    expect(sstCount).toBe(textCells);
    const mixed = row3(Array.from({ length: 12 }, (_, i) => unit(i)));
    expect(mixed.sstCount).toBe(mixed.textCells);
  });

  it("made with the columns by consolidate, or looked up by the writer for a consolidation without them: the same parts", () => {
    const c = consolidate(
      Array.from({ length: 12 }, (_, i) => unit(i)),
      [xa],
    );
    expect(c.forms.every((f) => f.sheets?.length === 12)).toBe(true);
    const withSheets = unzipSync(writeConsolidationWorkbook(c));
    const without = unzipSync(writeConsolidationWorkbook({ ...c, forms: c.forms.map(({ sheets: _, ...f }) => f) }));
    expect(Object.keys(without)).toEqual(Object.keys(withSheets));
    for (const name of Object.keys(withSheets)) {
      if (name !== "docProps/core.xml")
        expect([name, Buffer.from(without[name]).equals(Buffer.from(withSheets[name]))]).toEqual([name, true]);
    }
  });
});
