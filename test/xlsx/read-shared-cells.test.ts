/**
 * A cell holding only a shared string or a small whole number (no format, formula or error) is one
 * object shared by every grid read (sheet-scanner.ts `sharedCell`): the units copy one template.
 * Whatever was read before, each sheet reads exactly as a fresh reader reads it, and reading a
 * sheet never changes a grid read earlier.
 */
import fc from "fast-check";
import type { SheetGrid } from "../../src/core/grid";
import { SheetScanner } from "../../src/xlsx/read/sheet-scanner";

const POOL = ["UBND xã An Bình", "Số liệu", "", "x & y", "Tỷ lệ", "7", "UBND xã Bình Minh"];
const FMTS = [undefined, "0.00%", undefined];

interface Sheet {
  sst: string[];
  cells: { kind: "s" | "n" | "f"; v: number; style: number }[];
}

const sheetArb: fc.Arbitrary<Sheet> = fc.record({
  sst: fc.array(fc.constantFrom(...POOL), { minLength: 1, maxLength: 5 }),
  cells: fc.array(
    fc.record({
      kind: fc.constantFrom("s" as const, "n" as const, "f" as const),
      v: fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: -3, max: 1100 }), fc.constantFrom(1023, 1024, 0)),
      style: fc.integer({ min: 0, max: 2 }),
    }),
    { maxLength: 12 },
  ),
});

function xml(s: Sheet): string {
  const cells = s.cells.map((c, i) => {
    const ref = `${String.fromCharCode(65 + i)}1`;
    const style = c.style ? ` s="${c.style}"` : "";
    if (c.kind === "s") return `<c r="${ref}"${style} t="s"><v>${Math.abs(c.v) % s.sst.length}</v></c>`;
    if (c.kind === "f") return `<c r="${ref}"${style}><f>1+1</f><v>${c.v}</v></c>`;
    return `<c r="${ref}"${style}><v>${c.v}</v></c>`;
  });
  return `<worksheet><sheetData><row r="1">${cells.join("")}</row></sheetData></worksheet>`;
}

function scanWith(Scanner: typeof SheetScanner, s: Sheet): SheetGrid {
  const scanner = new Scanner({ maxRows: 5000, sst: s.sst, fmts: FMTS, cellsLeft: 1000 }, 1000);
  scanner.feed(xml(s), true);
  return scanner.finish("Biểu", "visible");
}

function freshScanner(): typeof SheetScanner {
  let Scanner: typeof SheetScanner | undefined;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    Scanner = (require("../../src/xlsx/read/sheet-scanner") as typeof import("../../src/xlsx/read/sheet-scanner")).SheetScanner;
  });
  return Scanner!;
}

test("sheets read one after another read as a fresh reader reads each; earlier grids unchanged (property)", () => {
  fc.assert(
    fc.property(fc.array(sheetArb, { minLength: 2, maxLength: 5 }), (sheets) => {
      const grids: SheetGrid[] = [];
      const asRead: string[] = [];
      for (const s of sheets) {
        const g = scanWith(SheetScanner, s);
        grids.push(g);
        asRead.push(JSON.stringify(g));
        expect(g).toStrictEqual(scanWith(freshScanner(), s));
      }
      expect(grids.map((g) => JSON.stringify(g))).toEqual(asRead);
    }),
    { numRuns: 150, seed: 1306 },
  );
});

test("the same text at the same index is one cell; another text there, a formatted or formula cell is its own", () => {
  const a = scanWith(SheetScanner, {
    sst: ["Số liệu"],
    cells: [
      { kind: "s", v: 0, style: 0 },
      { kind: "n", v: 12, style: 0 },
    ],
  });
  const b = scanWith(SheetScanner, {
    sst: ["Số liệu"],
    cells: [
      { kind: "s", v: 0, style: 0 },
      { kind: "n", v: 12, style: 0 },
    ],
  });
  expect(b.rows[0][0]).toBe(a.rows[0][0]);
  expect(b.rows[0][1]).toBe(a.rows[0][1]);
  const c = scanWith(SheetScanner, {
    sst: ["Tỷ lệ"],
    cells: [
      { kind: "s", v: 0, style: 0 },
      { kind: "n", v: 12, style: 1 },
      { kind: "f", v: 12, style: 0 },
    ],
  });
  expect(c.rows[0]).toStrictEqual([{ value: "Tỷ lệ" }, { value: 12, numFmt: "0.00%" }, { value: 12, formula: "1+1" }]);
  expect(a.rows[0][0]).toStrictEqual({ value: "Số liệu" });
});

test("a cell of a long text (which may be cut out of its file's XML) is never kept for later files", () => {
  const long = "Ghi chú ".repeat(60);
  const a = scanWith(SheetScanner, { sst: [long], cells: [{ kind: "s", v: 0, style: 0 }] });
  const b = scanWith(SheetScanner, { sst: [long], cells: [{ kind: "s", v: 0, style: 0 }] });
  expect(b.rows[0][0]).toStrictEqual({ value: long });
  expect(b.rows[0][0]).not.toBe(a.rows[0][0]);
});

test("every value-only cell is frozen, kept or not; a formatted or formula cell is not", () => {
  const long = "Ghi chú ".repeat(60);
  const g = scanWith(SheetScanner, {
    sst: ["Số liệu", long],
    cells: [
      { kind: "s", v: 0, style: 0 }, // kept (shared string)
      { kind: "n", v: 12, style: 0 }, // kept (small number)
      { kind: "n", v: 5000, style: 0 }, // not kept: too large
      { kind: "n", v: -3, style: 0 }, // not kept: negative
      { kind: "s", v: 1, style: 0 }, // not kept: a long text
      { kind: "n", v: 12, style: 1 },
      { kind: "f", v: 12, style: 0 },
    ],
  });
  const row = g.rows[0];
  expect(row.slice(0, 5).map((c) => Object.isFrozen(c))).toEqual([true, true, true, true, true]);
  expect(row.slice(0, 5).map((c) => c?.value)).toEqual(["Số liệu", 12, 5000, -3, long]);
  expect(Object.isFrozen(row[5]) || Object.isFrozen(row[6])).toBe(false);
  // the first file's new shared cells are the ones the next file gets
  const h = scanWith(SheetScanner, {
    sst: ["Số liệu"],
    cells: [
      { kind: "s", v: 0, style: 0 },
      { kind: "n", v: 12, style: 0 },
      { kind: "n", v: 5000, style: 0 },
    ],
  });
  expect(h.rows[0][0]).toBe(row[0]);
  expect(h.rows[0][1]).toBe(row[1]);
  expect(h.rows[0][2]).not.toBe(row[2]);
});
