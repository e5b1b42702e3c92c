/**
 * Issue 11: officers' own workbooks, each family of shapes with several
 * variants, written by exceljs (another writer than ours): every value is read
 * right (or reported), and a consistent commune gives no error.
 */
import { builtinTemplates, findTemplate } from "../../src/catalog";
import { checkWorkbook, type CheckedWorkbook } from "../../src/core/check-workbook";
import type { Finding } from "../../src/core/findings";
import { readWorkbookGrid } from "../../src/xlsx/read-grid";
import {
  type CommuneValues,
  consistentCommune,
  misreads,
  PLAIN_SHAPE,
  seeded,
  type Shape,
  shapedWorkbookBytes,
} from "../helpers/officer-workbooks";

const XA = findTemplate("bnv581-xa")!;

async function check(values: CommuneValues, shape: Partial<Shape>, forms?: number[]): Promise<CheckedWorkbook> {
  const bytes = await shapedWorkbookBytes(values, { ...PLAIN_SHAPE, ...shape }, { forms });
  return checkWorkbook(readWorkbookGrid(bytes), builtinTemplates());
}

const errors = (c: CheckedWorkbook): string[] =>
  c.findings.filter((f) => f.severity === "error").map((f) => `B${f.form} ${f.code} ${f.rule}: ${f.message}`);
const infos = (c: CheckedWorkbook, rule: Finding["rule"]) => c.findings.filter((f) => f.severity === "info" && f.rule === rule);

const COMMUNES = [1, 2, 3].map((s) => consistentCommune(seeded(s)));

/** Renames a header in the first sheet by replacing its cells: a read cell may be shared with other grids (never edited in place). */
function relabel(grid: ReturnType<typeof readWorkbookGrid>, from: string, to: string): void {
  for (const row of grid.sheets[0].rows) row.forEach((cell, i) => (cell?.value === from ? (row[i] = { ...cell, value: to }) : undefined));
}

describe("family 2: which column holds this period's numbers", () => {
  const shapes: Partial<Shape>[] = [
    { columns: "prev-first" },
    { columns: "prev-so-lieu", numbers: "numeric" },
    { columns: "cung-ky" },
    { columns: "merged-ky", layout: "stacked" },
    { columns: "thuc-hien-merged" },
    { columns: "ket-qua", numbers: "numeric" },
    { columns: "so-luong", left: 2, top: 3 },
  ];
  test.each(shapes.map((s, i) => [s.columns!, s, COMMUNES[i % COMMUNES.length]] as const))(
    "%s: every value from this period's column, no error",
    async (_name, shape, values) => {
      const c = await check(values, shape);
      expect(misreads(c, values)).toEqual([]);
      expect(errors(c)).toEqual([]);
    },
  );

  test("no column says which period: an error naming the candidate columns, and no value read", async () => {
    const values = COMMUNES[0];
    const bytes = await shapedWorkbookBytes(values, { ...PLAIN_SHAPE, columns: "prev-first" }, { forms: [1] });
    const grid = readWorkbookGrid(bytes);
    // Rename "Kỳ này" to "Số liệu kỳ trước": both columns are another period's.
    relabel(grid, "Kỳ này", "Số liệu năm trước");
    const c = checkWorkbook(grid, builtinTemplates());
    const err = c.findings.find((f) => f.severity === "error" && f.form === 1)!;
    expect(err.message).toMatch(/không xác định được cột số liệu của kỳ này/);
    expect(err.message).toMatch(/D \("Kỳ trước"\), E \("Số liệu năm trước"\)/);
    expect(c.forms.find((f) => f.form.number === 1)).toBeUndefined();
  });

  test("two columns both called this period: an error, never a guess", async () => {
    const bytes = await shapedWorkbookBytes(COMMUNES[1], { ...PLAIN_SHAPE, columns: "prev-first" }, { forms: [2] });
    const grid = readWorkbookGrid(bytes);
    relabel(grid, "Kỳ trước", "Thực hiện");
    relabel(grid, "Kỳ này", "Kết quả");
    const c = checkWorkbook(grid, builtinTemplates());
    expect(c.findings.filter((f) => f.severity === "error").map((f) => f.message)).toEqual([
      expect.stringMatching(/D \("Thực hiện"\), E \("Kết quả"\)/),
    ]);
  });
});

describe("family 3: coded answers written as words", () => {
  test.each([
    ["words", { coded: "words" }, 0],
    ["code and words", { coded: "code-words" }, 1],
    ["words, numbers typed as numbers", { coded: "words", numbers: "numeric" }, 2],
  ] as const)("%s: read as the option's code, with an info each", async (_name, shape, i) => {
    const values = COMMUNES[i];
    const c = await check(values, shape);
    expect(misreads(c, values)).toEqual([]);
    expect(errors(c)).toEqual([]);
    const coded = XA.forms.flatMap((f) => f.rows.filter((r) => r.kind === "coded").map((r) => `${f.number} ${r.code}`));
    expect(
      infos(c, "coded")
        .map((f) => `${f.form} ${f.code}`)
        .sort(),
    ).toEqual(coded.sort());
    expect(infos(c, "coded")[0].message).toMatch(/đọc là \d \(/);
  });

  test.each([
    ["Có", "5", 1],
    ["có", "5", 1],
    ["Không", "6", 0],
    ["Hoàn thành", "7/1", 1],
    ["Đã hoàn thành", "7/4", 2],
    ["3 cấp", "7/2", 2],
    ["Kết hợp", "5.2", 2],
    ["1 (Có)", "6", 1],
    ["2 (3 cấp)", "7/2", 2],
    ["Có (1)", "5", 1],
  ])("%s in row %s → %d", async (written, where, code) => {
    const [form, row] = where.includes("/") ? [Number(where.split("/")[0]), where.split("/")[1]] : [1, where];
    const values = structuredClone(COMMUNES[0]);
    const c = await check(values, {}, [form]).then(async () => {
      const bytes = await shapedWorkbookBytes(values, PLAIN_SHAPE, { forms: [form] });
      const grid = readWorkbookGrid(bytes);
      const sheet = grid.sheets[0];
      const r = sheet.rows.findIndex((cells) => cells[0]?.value === row);
      sheet.rows[r][3] = { value: written };
      return checkWorkbook(grid, builtinTemplates());
    });
    const v = c.forms[0].byCode.get(row)!;
    expect(v.value).toBe(code);
    expect(errors(c)).toEqual([]);
    expect(infos(c, "coded").find((f) => f.code === row)?.message).toContain(`"${written}"`);
  });

  test("words that match no option, or a code and words that disagree, are errors", async () => {
    for (const [written, why] of [
      ["Đang triển khai", /cần một mã/],
      ["0 (Có)", /mã 0 là "Không" nhưng chữ "Có" là mã 1/],
    ] as const) {
      const bytes = await shapedWorkbookBytes(COMMUNES[0], PLAIN_SHAPE, { forms: [1] });
      const grid = readWorkbookGrid(bytes);
      const sheet = grid.sheets[0];
      const r = sheet.rows.findIndex((cells) => cells[0]?.value === "6");
      sheet.rows[r][3] = { value: written };
      const c = checkWorkbook(grid, builtinTemplates());
      expect(c.findings.filter((f) => f.severity === "error").map((f) => `${f.code} ${f.message}`)).toEqual([expect.stringMatching(why)]);
      expect(c.forms[0].byCode.get("6")!.value).toBeNull();
    }
  });
});

describe("family 4: statistical signs in empty-looking cells", () => {
  test.each([
    ["zeros as dashes", { zeros: "dash" }, 0],
    ["zeros as 'không' / 'Không có'", { zeros: "khong" }, 1],
    ["not reported as '…' / '...'", { blanks: "dots" }, 2],
    ["not reported as 'N/A' / 'chưa có số liệu', zeros as dashes", { blanks: "na", zeros: "dash", numbers: "numeric" }, 0],
  ] as const)("%s: read by the convention, said in an info", async (_name, shape, i) => {
    const values = structuredClone(COMMUNES[i]);
    // Leaves not reported (their rules then cannot be checked, which is no error).
    values[5]["2.1"] = null;
    values[3]["2.2"] = null;
    const c = await check(values, shape);
    expect(misreads(c, values)).toEqual([]);
    expect(errors(c)).toEqual([]);
    if ("zeros" in shape) {
      const zero = c.findings.filter((f) => f.rule === "number" && f.severity === "info" && /được đọc là 0/.test(f.message));
      expect(zero.length).toBeGreaterThan(0);
      expect(zero[0].message).toMatch(/D\d+ "(-|—|–|không|Không có)"/);
    }
    if ("blanks" in shape) {
      const notReported = c.findings.filter((f) => f.rule === "blank" && /coi như chưa báo cáo/.test(f.message));
      // and the rates of 0 / 0 written "…" too
      expect(notReported.map((f) => f.form)).toEqual(expect.arrayContaining([3, 5]));
    }
  });
});

describe("family 5: formulas without a stored result", () => {
  test.each([
    ["one sheet per form", {}, 0],
    ["stacked, percents formatted", { layout: "stacked" }, 1],
    ["previous-period column first", { columns: "prev-first" }, 2],
  ] as const)("%s: ratios and totals computed, no error", async (_name, shape, i) => {
    const values = COMMUNES[i];
    // A script writes numbers as numbers (SUM skips text, as in Excel).
    const c = await check(values, { ...shape, numbers: "numeric", formulas: true });
    expect(misreads(c, values, undefined, 0.005)).toEqual([]);
    expect(errors(c)).toEqual([]);
    expect(infos(c, "formula").length).toBeGreaterThan(3);
    expect(c.findings.filter((f) => f.rule === "formula" && f.severity !== "info")).toEqual([]);
  });

  test("a wrong formula (=D10/D18*100) is caught by the ratio rule; an unknown function is a warning naming the cell", async () => {
    const values = COMMUNES[0];
    const bytes = await shapedWorkbookBytes(values, { ...PLAIN_SHAPE, formulas: true }, { forms: [7] });
    const grid = readWorkbookGrid(bytes);
    const sheet = grid.sheets[0];
    const rowOf = (code: string) => sheet.rows.findIndex((cells) => cells[0]?.value === code) + 1;
    const r67 = rowOf("6.7");
    sheet.rows[r67 - 1][3] = { value: null, formula: `D${rowOf("6.7.2")}/D${rowOf("6.4.1")}*100` };
    const r68 = rowOf("6.8");
    sheet.rows[r68 - 1][3] = { value: null, formula: `NPV(0.1,D${rowOf("6.8.2")})` };
    const c = checkWorkbook(grid, builtinTemplates());
    const ratio = c.findings.find((f) => f.code === "6.7" && f.rule === "ratio")!;
    expect(ratio.severity).toBe("error");
    const unevaluable = c.findings.find((f) => f.code === "6.8" && f.rule === "formula")!;
    expect(unevaluable).toMatchObject({ severity: "warning", cell: `'Biểu 7'!D${r68}` });
    expect(unevaluable.message).toMatch(/hàm NPV chưa được hỗ trợ/);
  });

  test("a stored result that differs from what the formula computes is reported", async () => {
    const values = COMMUNES[1];
    const bytes = await shapedWorkbookBytes(values, PLAIN_SHAPE, { forms: [1] });
    const grid = readWorkbookGrid(bytes);
    const sheet = grid.sheets[0];
    const rowOf = (code: string) => sheet.rows.findIndex((cells) => cells[0]?.value === code) + 1;
    sheet.rows[rowOf("2") - 1][3] = { value: 12.5, formula: `ROUND(D${rowOf("2.2")}/D${rowOf("2.1")}*100,2)` };
    const c = checkWorkbook(grid, builtinTemplates());
    const f = c.findings.find((x) => x.code === "2" && x.rule === "formula")!;
    expect(f.severity).toBe("warning");
    expect(f.message).toMatch(/lưu kết quả 12,5 nhưng công thức/);
    // Excel's own stored result is kept (it is what the officer saw); the ratio rule then says it is wrong.
    expect(f.message).toMatch(/đã đọc kết quả lưu trong tệp/);
    expect(c.forms[0].byCode.get("2")!.value).toBe(12.5);
    expect(c.findings.find((x) => x.code === "2" && x.rule === "ratio")?.severity).toBe("error");
  });

  test("a program that stores 0 for every formula (XlsxWriter): the formulas' values are read, no false error", async () => {
    const values = COMMUNES[2];
    const bytes = await shapedWorkbookBytes(values, { ...PLAIN_SHAPE, numbers: "numeric", formulas: true });
    const grid = readWorkbookGrid(bytes);
    for (const sheet of grid.sheets)
      for (const row of sheet.rows) for (const cell of row) if (cell?.formula && cell.value === null) cell.value = 0;
    const c = checkWorkbook(grid, builtinTemplates());
    expect(misreads(c, values, undefined, 0.005)).toEqual([]);
    expect(errors(c)).toEqual([]);
    expect(c.findings.filter((f) => f.rule === "formula" && f.severity === "warning").length).toBeGreaterThan(5);
  });
});

describe("family 6: forms without 'Biểu mẫu N'", () => {
  test.each([
    ["all seven on one sheet, header once, introduced by their names in capitals", { layout: "one-header", titles: "caps" }, 0],
    ["one sheet, header once, 'I. CÔNG TÁC …' rows", { layout: "one-header", titles: "roman", numbers: "numeric" }, 1],
    ["one sheet, header once, no titles at all", { layout: "one-header", titles: "none" }, 2],
    ["one sheet, header once, 'Biểu mẫu 4: Cải cách …' lines", { layout: "one-header", titles: "bieu-mau-long" }, 0],
    ["stacked with long titles", { layout: "stacked", titles: "bieu-mau-long", left: 2 }, 1],
    ["stacked with names in capitals only", { layout: "stacked", titles: "caps" }, 2],
    ["sheets named Sheet1…, no titles", { layout: "sheets", titles: "none" }, 0],
  ] as const)("%s: all seven forms, every value", async (_name, shape, i) => {
    const values = COMMUNES[i];
    const c = await check(values, shape);
    expect(c.located.forms.map((f) => f.form.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(misreads(c, values)).toEqual([]);
    expect(errors(c)).toEqual([]);
    expect(c.findings.filter((f) => f.rule === "structure" && f.severity === "warning")).toEqual([]);
  });

  test("a form missing from the file is a warning per form, and the unit is not 'đạt' in consolidation", async () => {
    const values = COMMUNES[0];
    const c = await check(values, { layout: "one-header", titles: "caps" }, [1, 2, 3, 5, 6, 7]);
    expect(c.located.forms.map((f) => f.form.number)).toEqual([1, 2, 3, 5, 6, 7]);
    const missing = c.findings.filter((f) => f.rule === "structure" && f.severity === "warning");
    expect(missing.map((f) => [f.form, f.message])).toEqual([[4, expect.stringMatching(/^Không tìm thấy Biểu mẫu 4/)]]);
    const { consolidate, unitData } = await import("../../src/core/consolidate");
    const result = consolidate([{ file: "xa.xlsx", data: unitData(c) }], builtinTemplates(), { templateId: "bnv581-xa" });
    expect(result.units[0]).toMatchObject({ status: "errors", reason: "thiếu Biểu mẫu 4" });
  });
});

/** The code a row gets when the officer deletes row `deleted` and renumbers its later siblings ("2.4.1" → "2.3.1" after deleting "2.2"). */
function renumbered(code: string, deleted: string): string {
  const d = deleted.split(".");
  const c = code.split(".");
  const level = d.length - 1;
  const samePrefix = d.slice(0, level).every((p, i) => c[i] === p);
  if (!samePrefix || c.length <= level || Number(c[level]) <= Number(d[level])) return code;
  c[level] = String(Number(c[level]) - 1);
  return c.join(".");
}

describe("family 7: deleted and renumbered rows", () => {
  test("Biểu 5 row 2.2 deleted, 2.3–2.5 renumbered 2.2–2.4: each value stays with its indicator, the renumbering is reported", async () => {
    const values = structuredClone(COMMUNES[0]);
    const bytes = await shapedWorkbookBytes(values, PLAIN_SHAPE, { forms: [5] });
    const grid = readWorkbookGrid(bytes);
    const sheet = grid.sheets[0];
    const at = sheet.rows.findIndex((cells) => cells[0]?.value === "2.2");
    sheet.rows.splice(at, 1);
    for (const [i, code] of ["2.2", "2.3", "2.4"].entries()) sheet.rows[at + i][0] = { value: code };
    sheet.maxRow--;
    const c = checkWorkbook(grid, builtinTemplates());
    values[5]["2.2"] = null;
    expect(misreads(c, values, [5])).toEqual([]);
    const form = c.located.forms[0];
    expect(form.renumbered.map((r) => `${r.writtenCode}→${r.spec.code}`)).toEqual(["2.2→2.3", "2.3→2.4", "2.4→2.5"]);
    expect(form.missing.map((r) => r.code)).toEqual(["2.2"]);
    expect(c.findings.filter((f) => f.rule === "structure" && f.code === "2.3")[0].message).toMatch(/ghi STT 2.2 nhưng chỉ tiêu/);
    expect(errors(c)).toEqual([]);
  });

  test.each([
    [1, "4.2", "4.3"],
    [7, "6.4.1", "6.4.3"],
    [6, "2.2", "2.5"],
  ])("Biểu %d: rows %s … %s renumbered in another shape still read right", async (form, from, to) => {
    const values = structuredClone(COMMUNES[1]);
    const bytes = await shapedWorkbookBytes(values, { ...PLAIN_SHAPE, columns: "prev-first", layout: "stacked" }, { forms: [form] });
    const grid = readWorkbookGrid(bytes);
    const sheet = grid.sheets[0];
    const first = sheet.rows.findIndex((cells) => cells[0]?.value === from);
    const last = sheet.rows.findIndex((cells) => cells[0]?.value === to);
    const deleted = sheet.rows[first][0]!.value as string;
    const codes = sheet.rows.slice(first + 1, last + 1).map((cells) => cells[0]!.value as string);
    sheet.rows.splice(first, 1);
    codes.forEach((code, i) => (sheet.rows[first + i][0] = { value: renumbered(code, deleted) }));
    values[form][deleted] = null;
    const c = checkWorkbook(grid, builtinTemplates());
    expect(misreads(c, values, [form]).filter((m) => !m.includes(` ${deleted}:`))).toEqual([]);
    expect(c.located.forms[0].missing.map((r) => r.code)).toEqual([deleted]);
  });
});

describe("family 6: codes that fall back inside a form", () => {
  test("a mistyped code ('1' for '4') inside Biểu 1 keeps its rows in Biểu 1", async () => {
    const values = COMMUNES[2];
    const bytes = await shapedWorkbookBytes(values, { ...PLAIN_SHAPE, layout: "one-header", titles: "none" });
    const grid = readWorkbookGrid(bytes);
    const sheet = grid.sheets[0];
    const r = sheet.rows.findIndex((cells) => cells[0]?.value === "4");
    sheet.rows[r][0] = { value: "1" };
    const c = checkWorkbook(grid, builtinTemplates());
    expect(c.located.forms.map((f) => f.form.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(misreads(c, values)).toEqual([]);
    expect(c.located.issues).toEqual([]);
  });
});
