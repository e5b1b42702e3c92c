/**
 * Big sheets compressed on other threads (`background`, Node's zlib thread pool) while the next ones are
 * written: the same bytes as compressing each in turn, whether finishAsync waits for them or finish()
 * compresses them again; the consolidation workbook alike.
 */
import { unzipSync } from "fflate";
import { findTemplate } from "../../src/catalog";
import { consolidate, type UnitInput } from "../../src/core/consolidate";
import { cellAt } from "../../src/core/grid";
import { XlsxWriter } from "../../src/xlsx/fast-writer";
import { readWorkbookGrid } from "../../src/xlsx/read-grid";
import { writeConsolidationWorkbook, writeConsolidationWorkbookAsync } from "../../src/xlsx/write-consolidation";
import { communeUnit } from "../helpers/commune-units";

const created = new Date("2025-04-01T08:00:00Z");

/** Three sheets, two of them over the 256 KB from which `level` applies (and so compressed elsewhere). */
function workbook(background: boolean, level = 1): XlsxWriter {
  const w = new XlsxWriter({ created, background, level });
  const style = w.style({ border: true, numFmt: "0.00" });
  for (const [name, rows] of [
    ["Một", 12000],
    ["Hai", 50],
    ["Ba", 9000],
  ] as const) {
    const s = w.addSheet(name);
    for (let r = 1; r <= rows; r++)
      s.row(r, [
        { col: 1, value: r * (name === "Ba" ? -1 : 1) },
        { col: 2, value: `dòng ${r % 97}`, style },
        { col: 3, value: { formula: `A${r}*2`, result: r * 2 } },
      ]);
    s.end();
  }
  return w;
}

test("finishAsync gives the bytes finish gives, sheets compressed elsewhere meanwhile", async () => {
  const inTurn = workbook(false).finish();
  const background = await workbook(true).finishAsync();
  expect(Buffer.from(background).equals(Buffer.from(inTurn))).toBe(true);
  const grid = readWorkbookGrid(background);
  expect(grid.sheets.map((s) => [s.name, cellAt(s, 100, 1)?.value, cellAt(s, 7, 2)?.value])).toEqual([
    ["Một", 100, "dòng 7"],
    ["Hai", undefined, "dòng 7"],
    ["Ba", -100, "dòng 7"],
  ]);
});

test("finish() on a background writer compresses the pending sheets itself: the same bytes", () => {
  const inTurn = workbook(false).finish();
  expect(Buffer.from(workbook(true).finish()).equals(Buffer.from(inTurn))).toBe(true);
});

test("stored parts (level 0) are never handed to another thread: each sheet keeps its own bytes", async () => {
  const bytes = await workbook(true, 0).finishAsync();
  expect(Buffer.from(bytes).equals(Buffer.from(workbook(false, 0).finish()))).toBe(true);
  const parts = unzipSync(bytes);
  expect(new TextDecoder().decode(parts["xl/worksheets/sheet3.xml"]).includes('<c r="A9000"><v>-9000</v></c>')).toBe(true);
});

test("the consolidation workbook: the same parts written in turn or with its sheets compressed elsewhere", async () => {
  const xa = findTemplate("bnv581-xa")!;
  // 900 units: each detail sheet is over 256 KB of XML, so it is compressed on another thread.
  const inputs: UnitInput[] = Array.from({ length: 900 }, (_, i) =>
    communeUnit(
      xa,
      i,
      (form) => `BM${form}`,
      (k) => (i * k) % 13,
    ),
  );
  const c = consolidate(inputs, [xa]);
  const inTurn = unzipSync(writeConsolidationWorkbook(c));
  const background = unzipSync(await writeConsolidationWorkbookAsync(c));
  expect(Object.keys(background)).toEqual(Object.keys(inTurn));
  expect(inTurn["xl/worksheets/sheet12.xml"].length).toBeGreaterThan(256 * 1024);
  for (const name of Object.keys(inTurn)) {
    if (name === "docProps/core.xml") continue; // the time of writing
    expect([name, Buffer.from(background[name]).equals(Buffer.from(inTurn[name]))]).toEqual([name, true]);
  }
});

test("a shared-string table over 256 KB, compressed elsewhere at finishAsync: the same bytes as finish", async () => {
  const make = (background: boolean) => {
    const w = new XlsxWriter({ created, background });
    const s = w.addSheet("Tên");
    for (let r = 1; r <= 20000; r++) s.row(r, [{ col: 1, value: `Xã số ${r} · tệp xa-${String(r).padStart(5, "0")}.xlsx` }]);
    return w;
  };
  const inTurn = make(false).finish();
  const background = await make(true).finishAsync();
  expect(Buffer.from(background).equals(Buffer.from(inTurn))).toBe(true);
  expect(unzipSync(background)["xl/sharedStrings.xml"].length).toBeGreaterThan(256 * 1024);
});
