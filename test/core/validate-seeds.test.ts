/**
 * Officer-style workbooks built from the seed reports' own values: consistent
 * rows give no error, and every inconsistency the seeds contain is found.
 */
import { builtinTemplates, findTemplate } from "../../src/catalog";
import { checkWorkbook, type CheckedWorkbook } from "../../src/core/check-workbook";
import type { Finding } from "../../src/core/findings";
import { readWorkbookGrid } from "../../src/xlsx/read-grid";
import { officerWorkbookBytes, type OfficerStyle } from "../helpers/officer-workbooks";

async function check(id: "bnv581-tinh" | "bnv581-xa", style: OfficerStyle = {}): Promise<CheckedWorkbook> {
  const grid = readWorkbookGrid(await officerWorkbookBytes(id, style));
  return checkWorkbook(grid, builtinTemplates());
}

const at = (c: CheckedWorkbook, form: number, code: string, rule?: string): Finding[] =>
  c.findings.filter((f) => f.form === form && f.code === code && (!rule || f.rule === rule));
const errors = (c: CheckedWorkbook) => c.findings.filter((f) => f.severity === "error");
const brief = (fs: Finding[]) => fs.map((f) => `${f.severity} B${f.form} ${f.code} ${f.rule}`).sort();

/** What the seeds' own numbers contain, by arithmetic on them. */
const TINH_ERRORS = [
  "error B6 1 number", // prose: "Bằng 11,384% kế hoạch vốn giao, …"
  "error B7 6.4 ratio", // 91,84 stated; 39.488 / 43.597 = 90,58
];
const XA_ERRORS = [
  "error B7 6.6.1 eq", // 112 stated; 6.4.2 + 6.5.2 = 64 + 46 = 110
  "error B7 6.7 ratio", // 0 stated; 264 / 272 = 97,06
];

describe.each<[string, OfficerStyle]>([
  ["Word-pasted text, one sheet per form", {}],
  ["stacked in one sheet, not at A1, trailing dots", { stacked: true, top: 3, left: 2, trailingDots: true }],
  ["typed as numbers with percent formats, header repeated after page breaks", { numeric: true, repeatHeaderEvery: 9 }],
])("seed workbooks: %s", (_name, style) => {
  test("province (000_…): found as bnv581-tinh with all 7 forms and every row", async () => {
    const c = await check("bnv581-tinh", style);
    expect(c.located.template?.id).toBe("bnv581-tinh");
    expect(c.located.forms.map((f) => f.form.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (const f of c.located.forms) {
      expect({ form: f.form.number, missing: f.missing.map((r) => r.code), stray: f.stray.map((s) => s.writtenCode) }).toEqual({
        form: f.form.number,
        missing: [],
        stray: [],
      });
    }
    expect(c.located.unit).toMatch(/SƠN LA/i);
  });

  test("province: exactly the seed's inconsistencies are errors", async () => {
    const c = await check("bnv581-tinh", style);
    expect(brief(errors(c))).toEqual(TINH_ERRORS);
    const r64 = at(c, 7, "6.4", "ratio")[0];
    expect(r64).toMatchObject({ actual: 91.84, expected: 90.58, cell: expect.stringMatching(/!D?\w+\d+$/) });
    expect(r64.message).toMatch(/ghi 91,84% nhưng 6.4.2 \/ 6.4.1 = 39\.488 \/ 43\.597 × 100 = 90,58%/);
    const prose = at(c, 6, "1", "number")[0];
    expect(prose.message).toMatch(/Bằng 11,384% kế hoạch/);
    expect(prose.fix).toMatch(/11,384/);
  });

  test("province: the doubtful and the computable are warned and proposed", async () => {
    const c = await check("bnv581-tinh", style);
    // 100% stated for 0 / 0 documents to handle: undefined, not invented
    expect(at(c, 2, "2.2", "ratio")).toEqual([expect.objectContaining({ severity: "warning", actual: 100 })]);
    // the total of VBQPPL is blank in the seed but computable: 03 + 03 + 02
    expect(at(c, 2, "1", "sum")).toEqual([expect.objectContaining({ severity: "info", expected: 8 })]);
    // a heading that carries a value is neither checked nor consolidated, and says so
    expect(at(c, 6, "2", "structure")).toEqual([expect.objectContaining({ severity: "info", actual: "735" })]);
    // consistent rows: no finding of their rule
    for (const [form, code, rule] of [
      [1, "2", "ratio"],
      [3, "3.1", "ratio"],
      [3, "3.3", "ratio"],
      [3, "1.4", "sum"],
      [4, "1.5", "sum"],
      [6, "2.1", "sum"],
      [7, "6.3.1", "eq"],
      [7, "6.3", "ratio"],
    ] as const) {
      expect({ form, code, found: at(c, form, code, rule) }).toEqual({ form, code, found: [] });
    }
  });

  test("commune (003_…): found as bnv581-xa; exactly the seed's inconsistencies are errors", async () => {
    const c = await check("bnv581-xa", style);
    expect(c.located.template?.id).toBe("bnv581-xa");
    expect(c.located.forms).toHaveLength(7);
    expect(brief(errors(c))).toEqual(XA_ERRORS);
    expect(at(c, 7, "6.6.1", "eq")[0]).toMatchObject({ actual: 112, expected: 110 });
    expect(at(c, 7, "6.7", "ratio")[0]).toMatchObject({ actual: 0, expected: 97.06 });
    // blank but computable: 24 / 32 procedures with online payment
    expect(at(c, 7, "6.8", "ratio")).toEqual([expect.objectContaining({ severity: "info", expected: 75 })]);
    // "3 tỷ đồng" in a Triệu đồng row is read as 3000 and said so (when typed as text)
    const money = c.forms.find((f) => f.form.number === 6)!.byCode.get("1.1")!;
    expect(money.value).toBe(3000);
  });
});

describe("messy structure", () => {
  test("a row that matches nothing is reported, not dropped; a missing row is listed", async () => {
    const c = await check("bnv581-xa", {
      omit: { 1: ["2.2"] },
      extra: { 1: [{ after: "2.1", code: "2.1.1", label: "Số nhiệm vụ phát sinh ngoài kế hoạch", value: "4" }] },
    });
    const stray = c.findings.find((f) => f.rule === "structure" && f.code === "2.1.1")!;
    expect(stray).toMatchObject({ severity: "warning", form: 1 });
    expect(stray.message).toMatch(/không có trong Biểu mẫu 1/);
    const missing = c.findings.find((f) => f.rule === "structure" && /thiếu 1 dòng/.test(f.message))!;
    expect(missing.message).toMatch(/2\.2/);
  });

  test("a form present twice is reported", async () => {
    const grid = readWorkbookGrid(await officerWorkbookBytes("bnv581-xa", { forms: [1, 2] }));
    const again = readWorkbookGrid(await officerWorkbookBytes("bnv581-xa", { forms: [2] }));
    grid.sheets.push({ ...again.sheets[0], name: "BM2 (2)" });
    const c = checkWorkbook(grid, builtinTemplates());
    expect(c.located.issues).toEqual([expect.objectContaining({ kind: "duplicate-form", form: 2 })]);
    expect(c.findings.some((f) => f.rule === "structure" && /xuất hiện hai lần/.test(f.message))).toBe(true);
  });

  test("a renumbered row is matched by its label and reported", async () => {
    const c = await check("bnv581-tinh", { forms: [1], recode: { 1: { "5.3": "5.5" } } });
    const form = c.located.forms[0];
    expect(form.rows.size).toBe(findTemplate("bnv581-tinh")!.forms[0].rows.length);
    expect(form.renumbered).toEqual([expect.objectContaining({ writtenCode: "5.5" })]);
    expect(form.renumbered[0].spec.code).toBe("5.3");
    expect(c.findings.find((f) => f.code === "5.3" && f.rule === "structure")!.message).toMatch(/ghi STT 5.5/);
  });

  test("a forced template is the only candidate", async () => {
    const grid = readWorkbookGrid(await officerWorkbookBytes("bnv581-xa"));
    const c = checkWorkbook(grid, [findTemplate("bnv581-tinh")!]);
    expect(c.located.template?.id).toBe("bnv581-tinh");
  });
});
