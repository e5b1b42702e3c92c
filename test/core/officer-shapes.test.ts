/**
 * Issue 11: officers' own workbooks, each family of shapes with several
 * variants, written by exceljs (another writer than ours): every value is read
 * right (or reported), and a consistent commune gives no error.
 */
import { builtinTemplates, findTemplate, rowKey } from "../../src/catalog";
import { checkWorkbook, type CheckedWorkbook } from "../../src/core/check-workbook";
import type { Finding } from "../../src/core/findings";
import { readWorkbookGrid } from "../../src/xlsx/read-grid";
import { type CommuneValues, consistentCommune, PLAIN_SHAPE, type Shape, shapedWorkbookBytes } from "../helpers/officer-workbooks";

const XA = findTemplate("bnv581-xa")!;

/** A fixed pseudo-random source (mulberry32), so a commune is the same in every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function check(values: CommuneValues, shape: Partial<Shape>, forms?: number[]): Promise<CheckedWorkbook> {
  const bytes = await shapedWorkbookBytes(values, { ...PLAIN_SHAPE, ...shape }, { forms });
  return checkWorkbook(readWorkbookGrid(bytes), builtinTemplates());
}

/** Every value read, by form and code, next to the intended one. */
export function misreads(c: CheckedWorkbook, values: CommuneValues, forms = XA.forms.map((f) => f.number)): string[] {
  const out: string[] = [];
  for (const n of forms) {
    const fv = c.forms.find((f) => f.form.number === n);
    if (!fv) {
      out.push(`B${n}: not found`);
      continue;
    }
    for (const spec of fv.form.rows) {
      if (spec.kind === "heading") continue;
      const want = values[n]?.[spec.code] ?? null;
      const got = fv.byCode.get(rowKey(spec))?.value ?? null;
      const same = want === null || got === null ? want === got : Math.abs(want - got) < 1e-6 * Math.max(1, Math.abs(want));
      if (!same) out.push(`B${n} ${spec.code}: read ${got}, intended ${want}`);
    }
  }
  return out;
}

const errors = (c: CheckedWorkbook): string[] => c.findings.filter((f) => f.severity === "error").map((f) => `B${f.form} ${f.code} ${f.rule}: ${f.message}`);
const infos = (c: CheckedWorkbook, rule: Finding["rule"]) => c.findings.filter((f) => f.severity === "info" && f.rule === rule);

const COMMUNES = [1, 2, 3].map((s) => consistentCommune(seeded(s)));

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
  test.each(shapes.map((s, i) => [s.columns!, s, COMMUNES[i % COMMUNES.length]] as const))("%s: every value from this period's column, no error", async (_name, shape, values) => {
    const c = await check(values, shape);
    expect(misreads(c, values)).toEqual([]);
    expect(errors(c)).toEqual([]);
  });

  test("no column says which period: an error naming the candidate columns, and no value read", async () => {
    const values = COMMUNES[0];
    const bytes = await shapedWorkbookBytes(values, { ...PLAIN_SHAPE, columns: "prev-first" }, { forms: [1] });
    const grid = readWorkbookGrid(bytes);
    // Rename "Kỳ này" to "Số liệu kỳ trước": both columns are another period's.
    const sheet = grid.sheets[0];
    for (const row of sheet.rows) for (const cell of row) if (cell?.value === "Kỳ này") cell.value = "Số liệu năm trước";
    const c = checkWorkbook(grid, builtinTemplates());
    const err = c.findings.find((f) => f.severity === "error" && f.form === 1)!;
    expect(err.message).toMatch(/không xác định được cột số liệu của kỳ này/);
    expect(err.message).toMatch(/D \("Kỳ trước"\), E \("Số liệu năm trước"\)/);
    expect(c.forms.find((f) => f.form.number === 1)).toBeUndefined();
  });

  test("two columns both called this period: an error, never a guess", async () => {
    const bytes = await shapedWorkbookBytes(COMMUNES[1], { ...PLAIN_SHAPE, columns: "prev-first" }, { forms: [2] });
    const grid = readWorkbookGrid(bytes);
    for (const row of grid.sheets[0].rows) for (const cell of row) if (cell?.value === "Kỳ trước") cell.value = "Thực hiện";
    for (const row of grid.sheets[0].rows) for (const cell of row) if (cell?.value === "Kỳ này") cell.value = "Kết quả";
    const c = checkWorkbook(grid, builtinTemplates());
    expect(c.findings.filter((f) => f.severity === "error").map((f) => f.message)).toEqual([expect.stringMatching(/D \("Thực hiện"\), E \("Kết quả"\)/)]);
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
    expect(infos(c, "coded").map((f) => `${f.form} ${f.code}`).sort()).toEqual(coded.sort());
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
    for (const [written, why] of [["Đang triển khai", /cần một mã/], ["0 (Có)", /mã 0 là "Không" nhưng chữ "Có" là mã 1/]] as const) {
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
