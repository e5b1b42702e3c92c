/**
 * XRun (consecutive cells without an object per cell: a detail sheet's unit columns) writes exactly
 * the bytes of the same cells given one XCell each: its fast path (one style, whole numbers) and its
 * general path (anything else) alike, and it refuses what row() refuses, with the same messages.
 */
import { unzipSync } from "fflate";
import { XlsxWriter, type XCell, type XRun, type XValue } from "../../src/xlsx/fast-writer";
import { writeErrorOf } from "../helpers/write-error";

const CREATED = new Date("2025-03-31T08:00:00Z");

/** Where two texts first differ, with a little context (the whole sheets would flood the report). */
function firstDifference(a: string, b: string): string | undefined {
  if (a === b) return undefined;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at ${i}: ${a.slice(Math.max(0, i - 60), i + 60)} ≠ ${b.slice(Math.max(0, i - 60), i + 60)}`;
}

/** Writes the rows twice, once as given (runs) and once with each run spelled out as XCells; returns both sheets' XML. */
function both(rows: (XCell | XRun)[][], options: { texts?: string[] } = {}): [string, string] {
  const write = (spell: boolean) => {
    const w = new XlsxWriter({ created: CREATED, level: 0 });
    const styles = [0, w.style({ border: true }), w.style({ bold: true }), w.style({ numFmt: "0.00" })];
    const texts = new Map((options.texts ?? []).map((t) => [t, w.text(t)]));
    const value = (v: XValue) => (typeof v === "string" && texts.has(v) ? texts.get(v)! : v);
    const s = w.addSheet("A");
    rows.forEach((row, r) => {
      const cells = row.flatMap((c): (XCell | XRun)[] => {
        if (!("values" in c)) return [{ ...c, value: value(c.value), style: c.style === undefined ? undefined : styles[c.style] }];
        const styleOf = (i: number) => {
          const st = Array.isArray(c.style) ? c.style[i] : c.style;
          return st === undefined ? undefined : styles[st as number];
        };
        if (spell) return c.values.map((v, i) => ({ col: c.col + i, value: value(v), style: styleOf(i) }));
        return [
          {
            col: c.col,
            values: c.values.map(value),
            style: Array.isArray(c.style) ? c.values.map((_, i) => styleOf(i) ?? 0) : styleOf(0),
          },
        ];
      });
      s.row(r + 1, cells);
    });
    return new TextDecoder().decode(unzipSync(w.finish())["xl/worksheets/sheet1.xml"]);
  };
  return [write(false), write(true)];
}

test("numbers of one style (the fast path): whole, negative, fractional, large, blank and missing", () => {
  const values = [0, 1, 9, 10, 99, 4294967295, 4294967296, -1, -0, 0.5, 1e-7, 1e21, 123.456, null, undefined, 7];
  for (const style of [0, 1, undefined]) {
    const [run, cells] = both([
      [
        { col: 1, value: "x" },
        { col: 3, values, style },
        { col: 20, value: 1 },
      ],
    ]);
    expect(firstDifference(run, cells)).toBeUndefined();
    expect(run).toContain(style ? '<c r="C1" s="1"><v>0</v></c>' : '<c r="C1"><v>0</v></c>');
  }
});

test("every kind of value, per-cell styles, texts shared, formulas: the same bytes as XCells", () => {
  const values: XValue[] = ["Xã Đông Hòa", "Xã Đông Hòa", "", "=not a formula", true, false, 3, null, { formula: "SUM(A1:B1)", result: 2 }];
  const [run, cells] = both(
    [
      [{ col: 2, values, style: [1, 2, 3, 0, 1, 2, 3, 1, 2] }],
      [
        { col: 1, values: ["Xã Đông Hòa", "a", "Xã Đông Hòa"], style: 2 },
        { col: 5, values: [1.5, 2, 3], style: 3 },
      ],
      [
        { col: 1, values: [], style: 1 },
        { col: 1, value: 5 },
      ],
    ],
    { texts: ["Xã Đông Hòa"] },
  );
  expect(firstDifference(run, cells)).toBeUndefined();
  expect(run).toContain('<c r="J1" s="2"><f>SUM(A1:B1)</f><v>2</v></c>');
});

test("unit columns past Z, AZ, ZZ: every column's letters and the dimension", () => {
  const values = Array.from({ length: 3321 }, (_, i) => (i % 5 === 0 ? null : i));
  const [run, cells] = both([
    [{ col: 4, values, style: 1 }],
    [
      { col: 1, value: 1 },
      { col: 4, values: values.map((v) => (v === null ? 1 : null)), style: 1 },
    ],
  ]);
  expect(firstDifference(run, cells)).toBeUndefined();
  expect(run.includes('<dimension ref="A1:DWV2"/>')).toBe(true);
  expect(run.includes('<c r="ZZ1" s="1"><v>698</v></c><c r="AAA1" s="1"><v>699</v></c>')).toBe(true);
});

describe("a run refuses what the same cells are refused for", () => {
  const err = writeErrorOf;
  const sheet = () => new XlsxWriter().addSheet("A");

  test("values, styles and columns", () => {
    expect(err(() => sheet().row(1, [{ col: 1, values: [1, NaN], style: 0 }]))).toMatch(/ô B1: giá trị số không hợp lệ \(NaN\)/);
    expect(err(() => sheet().row(1, [{ col: 1, values: [Infinity] }]))).toMatch(/ô A1: giá trị số không hợp lệ/);
    expect(err(() => sheet().row(1, [{ col: 1, values: [1], style: 99 }]))).toMatch(/ô A1: kiểu định dạng 99 không tồn tại/);
    expect(err(() => sheet().row(1, [{ col: 1, values: [1, 2], style: [0, 99] }]))).toMatch(/ô B1: kiểu định dạng 99 không tồn tại/);
    expect(
      err(() =>
        sheet().row(1, [
          { col: 3, value: 1 },
          { col: 2, values: [1] },
        ]),
      ),
    ).toMatch(/cột B phải đứng sau cột C/);
    expect(
      err(() =>
        sheet().row(1, [
          { col: 1, values: [1, 2, 3] },
          { col: 3, value: 1 },
        ]),
      ),
    ).toMatch(/cột C phải đứng sau cột C/);
    expect(err(() => sheet().row(1, [{ col: 0, values: [1] }]))).toMatch(/số cột/);
    expect(err(() => sheet().row(1, [{ col: 16383, values: [1, 2, 3] }]))).toMatch(
      /số cột phải là số nguyên từ 1 đến 16384 \(nhận 16385\)/,
    );
    expect(err(() => sheet().row(1, [{ col: 1.5, values: [1] }]))).toMatch(/số cột/);
  });
});

describe("a run marked `same`, written again in a row of the same number", () => {
  /** Two sheets with the same head run in rows 1 and 3, and the shared-string table; `same` on or off. */
  function sheets(same: boolean): string[] {
    const w = new XlsxWriter({ created: CREATED, level: 0 });
    const head = w.style({ bold: true });
    const names = { col: 2, values: ["Xã A", w.text("Xã Đông Hòa"), "", null, 7], style: [head, head, head, 0, 0], same };
    for (const name of ["Một", "Hai"]) {
      const s = w.addSheet(name);
      s.row(1, [{ col: 1, value: name }, names]);
      s.row(3, [names, { col: 8, value: 1 }]);
      s.end();
    }
    const parts = unzipSync(w.finish());
    return ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/sharedStrings.xml"].map((p) => new TextDecoder().decode(parts[p]));
  }

  test("copies its bytes: the same sheets and the same shared-string count as writing it each time", () => {
    const copied = sheets(true);
    const written = sheets(false);
    copied.forEach((xml, i) => expect(firstDifference(xml, written[i])).toBeUndefined());
    expect(copied[2]).toContain('count="10"');
    expect(copied[1]).toContain('<dimension ref="A1:H3"/>');
  });

  test("still checks the columns' order of the row it is copied into", () => {
    const w = new XlsxWriter();
    const run = { col: 2, values: [1, 2], same: true };
    w.addSheet("A").row(1, [run]);
    expect(() => w.addSheet("B").row(1, [{ col: 2, value: 0 }, run])).toThrow(/cột B phải đứng sau cột B/);
  });
});

test("cells written four bytes at a time: every length of row number, column letters, style and digits", () => {
  // Numbers around the digit table's end (9,999 / 10,000) and 2^32 − 1, blanks between; columns of 1–3 letters.
  const values = [0, -0, 5, 42, 999, 1000, 9999, 10000, 10001, 65535, 123456, 4294967295, null, 7, undefined, 3];
  const rowNumbers = [1, 22, 333, 4444, 55555, 666666, 1000000];
  const sheetXml = (spell: boolean) => {
    const w = new XlsxWriter({ created: CREATED, level: 0 });
    const styles = [
      undefined,
      w.style({ border: true }),
      ...Array.from({ length: 120 }, (_, i) => w.style({ numFmt: `0.${"0".repeat(i % 9)}`, size: 8 + i })),
    ];
    const s = w.addSheet("A");
    rowNumbers.forEach((r, k) => {
      const style = styles[[0, 1, 121, 12, 1, 0, 100][k]];
      const runs: XRun[] = [2, 24, 700].map((col) => ({ col, values, style }));
      const cells = runs.flatMap((run): (XCell | XRun)[] =>
        spell ? run.values.map((v, i) => ({ col: run.col + i, value: v, style })) : [run],
      );
      s.row(r, [{ col: 1, value: "x" }, ...cells]);
    });
    return new TextDecoder().decode(unzipSync(w.finish())["xl/worksheets/sheet1.xml"]);
  };
  const run = sheetXml(false);
  expect(firstDifference(run, sheetXml(true))).toBeUndefined();
  expect(run).toContain('<c r="AD1"><v>9999</v></c><c r="AE1"><v>10000</v></c>');
  expect(run).toContain('<c r="AAJ1000000" s="100"/><c r="AAK1000000" s="100"><v>7</v></c>');
  expect(run).toContain('<c r="M4444" s="12"><v>4294967295</v></c>');
});
