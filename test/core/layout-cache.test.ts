/**
 * The layout cache (src/core/layout-cache.ts) reuses a layout located by content for the files
 * that share it. A wrong hit would be a silent misread: two workbooks that share every label but
 * differ in one thing the locator reads must each be located as they would be without the cache,
 * whichever is read first; workbooks that differ only in their numbers and their unit line share it.
 */
import { builtinTemplates, findTemplate } from "../../src/catalog";
import type { TemplateSpec } from "../../src/catalog/types";
import type { WorkbookGrid } from "../../src/core/grid";
import { layoutCacheStats, locateByLayout } from "../../src/core/layout-cache";
import { locateWorkbook, type LocatedWorkbook } from "../../src/core/locate";
import { rowAtCode, stackedCommune } from "../helpers/stacked-commune";

const xa = findTemplate("bnv581-xa")!;
const commune = stackedCommune;
const at = rowAtCode;

/** What a reader of the located layout sees: forms, their value columns, each row's place and value, issues. */
function summary(l: LocatedWorkbook) {
  return {
    template: l.template?.id,
    issues: l.issues.map((i) => i.message),
    forms: l.forms.map((f) => ({
      form: f.form.number,
      valueCol: f.valueCol,
      rows: [...f.rows].map(([id, r]) => `${id}@${r.address}=${r.cell?.value ?? ""} (${r.writtenCode} ${r.writtenLabel})`),
      stray: f.stray.map((s) => `${s.address}:${s.writtenCode}`),
      renumbered: f.renumbered.map((r) => `${r.spec.id}:${r.writtenCode}`),
    })),
  };
}

/** Locates `first` then `second` through one cache: each must equal its uncached locating. */
function expectBothExact(first: WorkbookGrid, second: WorkbookGrid, templates: TemplateSpec[]) {
  const a = locateWorkbook(first, templates);
  const b = locateWorkbook(second, templates);
  expect(a).toEqual(locateByLayout(first, templates, false));
  expect(b).toEqual(locateByLayout(second, templates, false));
  return { a, b };
}

const base = () => commune("UBND xã Tân Lập", 1);
const variants: [string, () => WorkbookGrid][] = [
  [
    "a label moved a row (two labels swapped, codes kept)",
    () =>
      commune("UBND xã Tân Lập", 1, (rows) => {
        const [i, j] = [at(rows, 1, "2.1"), at(rows, 1, "2.2")];
        [rows[i][1], rows[j][1]] = [rows[j][1], rows[i][1]];
      }),
  ],
  ["a code changed", () => commune("UBND xã Tân Lập", 1, (rows) => (rows[at(rows, 2, "1.1")][0] = "1.5"))],
  ["a code written as a number", () => commune("UBND xã Tân Lập", 1, (rows) => (rows[at(rows, 1, "1")][0] = 4))],
  ["a label left blank", () => commune("UBND xã Tân Lập", 1, (rows) => (rows[at(rows, 3, "1.1")][1] = null))],
  ["a value left blank", () => commune("UBND xã Tân Lập", 1, (rows) => (rows[at(rows, 1, "2.1")][3] = null))],
  ["a value written as text", () => commune("UBND xã Tân Lập", 1, (rows) => (rows[at(rows, 1, "2.1")][3] = "mười"))],
  [
    "the value column's header",
    () =>
      commune("UBND xã Tân Lập", 1, (rows) => {
        const h = at(rows, 1, "STT");
        rows[h][3] = "Kỳ trước";
        rows[h][4] = "Kỳ này";
      }),
  ],
  ["the form number of a title above the tables", () => commune("UBND xã Tân Lập", 1, (rows) => (rows[2][0] = "Biểu mẫu 3"))],
];

describe("the layout cache never serves a wrong layout", () => {
  test.each(variants)("%s: each workbook is located as without the cache, in either order", (_name, variant) => {
    // The difference matters: without the cache the two are located differently.
    expect(summary(locateByLayout(variant(), [xa], false))).not.toEqual(summary(locateByLayout(base(), [xa], false)));
    expectBothExact(base(), variant(), [...builtinTemplates()]);
    expectBothExact(variant(), base(), [...builtinTemplates()]);
    expectBothExact(base(), variant(), [xa]);
  });

  test("a merged header cell: the column under a merged 'Kỳ trước' is not this period's", () => {
    const twoLines = (merged: boolean) => {
      const grid = commune("UBND xã Tân Lập", 1, (rows) => {
        const h = at(rows, 1, "STT");
        rows[h][3] = "Kỳ trước";
        rows[h][4] = null;
        rows.splice(h + 1, 0, [null, null, null, "Số liệu", "Số liệu"]);
      });
      const sheet = grid.sheets[0];
      const h = sheet.rows.findIndex((r) => r[0]?.value === "STT") + 1;
      if (merged) sheet.merges.push({ top: h, left: 4, bottom: h, right: 5 });
      return grid;
    };
    expect(summary(locateByLayout(twoLines(true), [xa], false))).not.toEqual(summary(locateByLayout(twoLines(false), [xa], false)));
    expectBothExact(twoLines(false), twoLines(true), [...builtinTemplates()]);
    expectBothExact(twoLines(true), twoLines(false), [...builtinTemplates()]);
  });

  test("a number right below a header: 5 makes an unnumbered 'Tỷ lệ …' row a second header line, 500 a row of the form", () => {
    const firstRow = (value: number) =>
      commune("UBND xã Tân Lập", 1, (rows) => {
        const label = rows[at(rows, 1, "2")][1];
        rows.splice(at(rows, 1, "2"), 1);
        rows.splice(at(rows, 1, "STT") + 1, 0, ["", label, "", value]);
      });
    const five = summary(locateByLayout(firstRow(5), [xa], false));
    expect(five.forms[0].rows.some((r) => r.startsWith("b1.2@"))).toBe(false);
    expect(summary(locateByLayout(firstRow(500), [xa], false)).forms[0].rows.some((r) => r.startsWith("b1.2@"))).toBe(true);
    expectBothExact(firstRow(5), firstRow(500), [...builtinTemplates()]);
    expectBothExact(firstRow(500), firstRow(5), [...builtinTemplates()]);
  });

  test("units that differ only in their numbers and unit line share one layout, bound to their own cells", () => {
    const templates = [...builtinTemplates()]; // a list of its own: a cache of its own
    const hits = layoutCacheStats.hits;
    const units = Array.from({ length: 5 }, (_, k) => commune(`UBND xã Số ${k + 1}`, k));
    const located = units.map((g) => locateWorkbook(g, templates));
    expect(layoutCacheStats.hits - hits).toBe(4); // the first is located, the others reuse it
    located.forEach((l, k) => {
      expect(l).toEqual(locateByLayout(units[k], templates, false));
      expect(l.unit).toBe(`UBND xã Số ${k + 1}`);
      expect(l.forms[0].rows.get("b1.1")?.cell).toBe(units[k].sheets[0].rows[5][3]);
    });
  });
});

describe("value cells left blank", () => {
  /** Form 1's rows with a code, a label and a unit (the others are section lines: their values are read). */
  const unitRows = xa.forms[0].rows.filter((r) => r.unit).map((r) => r.code);

  test("units that leave values blank (an empty cell, or none written at the row's end) share one layout", () => {
    const templates = [...builtinTemplates()]; // a list of its own: a cache of its own
    const hits = layoutCacheStats.hits;
    const units = Array.from({ length: 6 }, (_, k) =>
      commune(`UBND xã Số ${k + 1}`, k, (rows) => {
        const row = rows[at(rows, 1, unitRows[k % unitRows.length])];
        if (k % 2 === 0) row[3] = null;
        else row.length = 3; // the value cell is not written: the row ends at the unit
      }),
    );
    units.unshift(commune("UBND xã Đầu", 9)); // the first file has every value
    const located = units.map((g) => locateWorkbook(g, templates));
    expect(layoutCacheStats.hits - hits).toBe(6);
    located.forEach((l, k) => expect(l).toEqual(locateByLayout(units[k], templates, false)));
    // Bound to each file's own cells: the blank stays blank.
    expect(located[1].forms[0].rows.get(`b1.${unitRows[0]}`)?.cell).toBeUndefined();
  });

  test("units that type 'Có', 'x' or a number as text in a value cell share the layout too", () => {
    const templates = [...builtinTemplates()];
    const texts = ["Có", "x", "12", "1.250", "Không"];
    const units = [
      commune("UBND xã Đầu", 9),
      ...texts.map((text, k) => commune(`UBND xã Số ${k + 1}`, k, (rows) => (rows[at(rows, 1, unitRows[k])][3] = text))),
    ];
    const hits = layoutCacheStats.hits;
    const located = units.map((g) => locateWorkbook(g, templates));
    expect(layoutCacheStats.hits - hits).toBe(texts.length);
    located.forEach((l, k) => expect(l).toEqual(locateByLayout(units[k], templates, false)));
  });

  test("a title typed in a value cell ('Biểu mẫu 3') moves the forms: never shared with a number there, in either order", () => {
    // Form 2 without its title line: the "Biểu mẫu 3" in form 1's last row names the table below it.
    const last = unitRows[unitRows.length - 1];
    const edited = (value: string | number) =>
      commune("UBND xã Tân Lập", 1, (rows) => {
        rows[at(rows, 1, last)][3] = value;
        rows.splice(
          rows.findIndex((r) => r[0] === "Biểu mẫu 2"),
          2,
          [],
          [],
        );
      });
    const forms = (l: LocatedWorkbook) => l.forms.map((f) => f.form.number);
    expect(forms(locateByLayout(edited("Biểu mẫu 3"), [xa], false))).not.toEqual(forms(locateByLayout(edited(5), [xa], false)));
    expectBothExact(edited(5), edited("Biểu mẫu 3"), [xa]);
    expectBothExact(edited("Biểu mẫu 3"), edited(5), [xa]);
  });

  test("a row that ends before its blank value, and the same row with a note after it, are located apart", () => {
    const row = (rows: (string | number | null)[][]) => rows[at(rows, 1, unitRows[0])];
    const short = () => commune("UBND xã Tân Lập", 1, (rows) => (row(rows).length = 3));
    const noted = () => commune("UBND xã Tân Lập", 1, (rows) => row(rows).splice(3, 2, null, "đã rà soát"));
    const note = (l: LocatedWorkbook) => l.forms[0].rows.get(`b1.${unitRows[0]}`)?.note;
    expect(note(locateByLayout(noted(), [xa], false))).toBe("đã rà soát");
    expectBothExact(short(), noted(), [xa]);
    expectBothExact(short(), noted(), [...builtinTemplates()]);
  });
});

describe("many small edits of one layout, located through one cache", () => {
  test("each of 300 edited workbooks is located exactly as without the cache", () => {
    let seed = 13;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const words: (string | number | null)[] = [
      null,
      0,
      5,
      20,
      500,
      "1",
      "2.1",
      "a",
      "Số liệu",
      "Kỳ này",
      "Kỳ trước",
      "Năm 2024",
      "STT",
      "Chỉ tiêu",
      "Biểu mẫu 4",
      "Ghi chú",
      ...xa.forms.flatMap((f) => f.rows.slice(0, 3).map((r) => r.label)),
    ];
    const templates = [...builtinTemplates()];
    const hits = layoutCacheStats.hits;
    for (let k = 0; k < 300; k++) {
      // Few edits, so that most workbooks share a layout with an earlier one and the cache is used.
      const edits = Array.from({ length: random(3) }, () => [random(150), random(6), words[random(words.length)]] as const);
      const grid = commune(`UBND xã Số ${k}`, random(4), (rows) => {
        for (const [r, c, v] of edits) {
          rows[r] ??= [];
          rows[r][c] = v;
        }
      });
      if (random(10) === 0) grid.sheets[0].merges.push({ top: random(150) + 1, left: 4, bottom: 0, right: 5 });
      for (const m of grid.sheets[0].merges) m.bottom = Math.max(m.bottom, m.top);
      expect(locateWorkbook(grid, templates)).toEqual(locateByLayout(grid, templates, false));
    }
    expect(layoutCacheStats.hits - hits).toBeGreaterThan(50);
  });
});
