/** level 0 (stored parts): each sheet keeps its own bytes, though sheets reuse one buffer while written. */
import { cellAt } from "../../src/core/grid";
import { XlsxWriter } from "../../src/xlsx/fast-writer";
import { readWorkbookGrid } from "../../src/xlsx/read-grid";

test("two big sheets written one after the other with level 0 read back each with its own values", () => {
  const w = new XlsxWriter({ level: 0 });
  for (const [name, sign] of [
    ["Dương", 1],
    ["Âm", -1],
  ] as const) {
    const s = w.addSheet(name);
    // ~500 KB of XML: over the 256 KB from which `level` applies
    for (let r = 1; r <= 12000; r++)
      s.row(r, [
        { col: 1, value: sign * r },
        { col: 2, value: 123456789 },
      ]);
    s.end();
  }
  const grid = readWorkbookGrid(w.finish());
  expect(grid.sheets.map((s) => [s.name, cellAt(s, 10, 1)?.value, cellAt(s, 1000, 1)?.value])).toEqual([
    ["Dương", 10, 1000],
    ["Âm", -10, -1000],
  ]);
});
