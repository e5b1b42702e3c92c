/**
 * The sheet scanner keeps the cells of the row being read in one reused buffer and makes the row's
 * array once its length is known (sheet-scanner.ts `flushLine`); a row met again (a misplaced
 * cell, rows out of order) is written in place. Whatever order the cells come in, the grid is the
 * one the plain rule gives: each cell where its reference says, the last one written wins, holes
 * where no cell is, a row as long as its last cell, the row being read dropped when the cell budget
 * runs out.
 */
import fc from "fast-check";
import { columnLetters } from "../../src/core/a1";
import { SheetScanner } from "../../src/xlsx/read/sheet-scanner";

interface CellSpec {
  row?: number; // another row than the <row> holding it (misplaced)
  col: number;
  value: number;
}
interface RowSpec {
  r: number;
  cells: CellSpec[];
}

const col = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 8 }) },
  { weight: 1, arbitrary: fc.integer({ min: 250, max: 300 }) },
);
const cell: fc.Arbitrary<CellSpec> = fc.record(
  { row: fc.option(fc.integer({ min: 1, max: 12 }), { freq: 8, nil: undefined }), col, value: fc.integer({ min: -5, max: 2000 }) },
  { requiredKeys: ["col", "value"] },
);
const row: fc.Arbitrary<RowSpec> = fc.record({ r: fc.integer({ min: 1, max: 12 }), cells: fc.array(cell, { maxLength: 7 }) });

function xml(rows: RowSpec[]): string {
  const body = rows
    .map(
      (r) => `<row r="${r.r}">${r.cells.map((c) => `<c r="${columnLetters(c.col)}${c.row ?? r.r}"><v>${c.value}</v></c>`).join("")}</row>`,
    )
    .join("");
  return `<worksheet><sheetData>${body}</sheetData></worksheet>`;
}

/** The plain rule, cell by cell: rows[r - 1][c - 1], grown as needed. */
function model(rows: RowSpec[], budget: number) {
  const grid: { value: number }[][] = [];
  let left = budget;
  let truncatedAtRow: number | undefined;
  outer: for (const r of rows) {
    for (const c of r.cells) {
      const at = c.row ?? r.r;
      if (left <= 0) {
        grid[at - 1] = [];
        truncatedAtRow = at - 1;
        break outer;
      }
      left--;
      (grid[at - 1] ??= [])[c.col - 1] = { value: c.value };
    }
  }
  for (let i = 0; i < grid.length; i++) grid[i] ??= [];
  while (grid.length > 0 && grid[grid.length - 1].length === 0) grid.length--;
  return { rows: grid, truncatedAtRow };
}

/** Rows with their holes: the set columns of each and its length, then the cells. */
function shape(rows: unknown[][]) {
  return rows.map((r) => ({ length: r.length, set: Object.keys(r).join(","), cells: r.filter(() => true) }));
}

test("cells in any order read into the grid the plain rule gives, holes kept (property)", () => {
  fc.assert(
    fc.property(
      fc.array(row, { minLength: 1, maxLength: 8 }),
      fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
      (rows, budget) => {
        const cells = budget ?? 200_000;
        const scanner = new SheetScanner({ maxRows: 5000, sst: [], fmts: [], cellsLeft: cells }, cells);
        scanner.feed(xml(rows), true);
        const got = scanner.finish("Biểu", "visible");
        const want = model(rows, cells);
        expect(shape(got.rows)).toEqual(shape(want.rows));
        expect(got.truncatedAtRow).toBe(want.truncatedAtRow);
        expect(got.maxRow).toBe(want.rows.length);
        expect(got.maxCol).toBe(Math.max(0, ...want.rows.map((r) => r.length)));
      },
    ),
    { numRuns: 3000, seed: 1305 },
  );
});

test("a row is as long as its last cell, not as the buffer was for a longer row before it", () => {
  const rows: RowSpec[] = [
    {
      r: 1,
      cells: [
        { col: 1, value: 1 },
        { col: 260, value: 2 },
      ],
    },
    { r: 2, cells: [{ col: 2, value: 3 }] },
    {
      r: 3,
      cells: [
        { col: 3, value: 4 },
        { col: 1, value: 5 },
      ],
    },
  ];
  const scanner = new SheetScanner({ maxRows: 5000, sst: [], fmts: [], cellsLeft: 100 }, 100);
  scanner.feed(xml(rows), true);
  const got = scanner.finish("Biểu", "visible").rows;
  expect(got.map((r) => r.length)).toEqual([260, 2, 3]);
  expect(Object.keys(got[1])).toEqual(["1"]);
  expect(Object.keys(got[2])).toEqual(["0", "2"]);
  expect(got[2][0]).toEqual({ value: 5 });
});
