/**
 * The commands on .xls and .ods as a Sở Nội vụ receives them: a commune set
 * mixing .xlsx, .xls and .ods consolidates to the same totals as the same
 * set all in .xlsx; validate reports the same findings; fill writes an
 * .xlsx copy (and says so) with the same cells filled, the source untouched.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { builtinTemplates, findTemplate } from "../../src/catalog";
import { main } from "../../src/cli/main";
import { checkWorkbook } from "../../src/core/check-workbook";
import { writeFilledWorkbook } from "../../src/xlsx/plan-writer";
import { readWorkbookGrid } from "../../src/xlsx/read-grid";
import { convertWithLibreOffice } from "../helpers/legacy-convert";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "bieumau-legacy-cli-"));
const allXlsx = path.join(work, "tat-ca-xlsx");
const mixed = path.join(work, "hon-hop");
const xa = findTemplate("bnv581-xa")!;

type Values = Record<string, number | string | null>;
const UNITS: { name: string; unit: string; values: Values }[] = [
  {
    name: "xa-a",
    unit: "UBND xã An Bình",
    values: { "1/1": 3, "1/2.1": 10, "1/2.2": 5, "1/5": 1, "3/1.4.3": 139, "3/3.3.1": 100, "3/3.3.2": 99, "7/6.4.1": 64 },
  },
  {
    name: "xa-b",
    unit: "UBND xã Bình Minh",
    values: { "1/1": 5, "1/2.1": 30, "1/2.2": 30, "1/5": 0, "3/1.4.3": 139, "3/3.3.1": 50, "3/3.3.2": 50, "7/6.4.1": 64 },
  },
  {
    name: "xa-c",
    unit: "UBND xã Cát Tiên",
    values: { "1/1": null, "1/2.1": 4, "1/2.2": 1, "1/5": 1, "3/1.4.3": 140, "3/3.3.1": 7, "3/3.3.2": 6, "7/6.4.1": 64 },
  },
  { name: "xa-d", unit: "UBND xã Đông Hòa", values: { "1/1": 0, "1/5": 0, "3/1.4.3": 139, "7/6.4.1": 64 } },
  { name: "xa-e", unit: "UBND xã Ea Tu", values: { "1/1": 7, "1/2.1": 12, "1/2.2": 12, "3/3.3.1": 9, "3/3.3.2": 3, "7/6.4.1": 64 } },
  { name: "xa-g", unit: "UBND xã Gia Lộc", values: { "1/1": 2, "1/2.1": 8, "1/2.2": 2, "1/5": 1, "3/1.4.3": 12, "7/6.4.1": 64 } },
];
/** Which units the mixed set sends in which format. */
const FORMAT: Record<string, "xlsx" | "xls" | "ods"> = {
  "xa-a": "xlsx",
  "xa-b": "xls",
  "xa-c": "ods",
  "xa-d": "xls",
  "xa-e": "ods",
  "xa-g": "xlsx",
};

const sha = (f: string) => createHash("sha256").update(fs.readFileSync(f)).digest("hex");

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

beforeAll(() => {
  fs.mkdirSync(allXlsx);
  fs.mkdirSync(mixed);
  // Rates and totals left blank: fill has work to do, consolidation pools from the parts.
  for (const u of UNITS)
    fs.writeFileSync(
      path.join(allXlsx, `${u.name}.xlsx`),
      writeFilledWorkbook(xa, { unit: u.unit, period: "Quý I năm 2025" }, u.values, { computed: "blank" }),
    );
  const originals = (f: string) => UNITS.filter((u) => FORMAT[u.name] === f).map((u) => path.join(allXlsx, `${u.name}.xlsx`));
  for (const f of originals("xlsx")) fs.copyFileSync(f, path.join(mixed, path.basename(f)));
  convertWithLibreOffice(originals("xls"), "xls", mixed);
  convertWithLibreOffice(originals("ods"), "ods", mixed);
}, 240_000);

interface ConsolidationDoc {
  units: { file: string; unit: string; status: string }[];
  skipped: unknown[];
  forms: { form: number; rows: { code: string; value: number | null; reporting: number }[] }[];
}

test("a mixed .xlsx/.xls/.ods commune set consolidates to the same totals as the same set in .xlsx", async () => {
  expect(fs.readdirSync(mixed).sort()).toEqual(["xa-a.xlsx", "xa-b.xls", "xa-c.ods", "xa-d.xls", "xa-e.ods", "xa-g.xlsx"]);
  const before = new Map(fs.readdirSync(mixed).map((f) => [f, sha(path.join(mixed, f))]));
  const a = await run("consolidate", allXlsx, "-o", path.join(work, "tong-hop-xlsx.xlsx"), "--json");
  const b = await run("consolidate", mixed, "-o", path.join(work, "tong-hop-hon-hop.xlsx"), "--json");
  expect([a.code, b.code, b.err]).toEqual([0, 0, ""]);
  const docA = JSON.parse(a.out) as ConsolidationDoc;
  const docB = JSON.parse(b.out) as ConsolidationDoc;
  expect(docB.skipped).toEqual([]);
  expect(docB.units.map((u) => [u.file, u.unit, u.status])).toEqual(
    UNITS.map((u) => [`${u.name}.${FORMAT[u.name]}`, u.unit, expect.any(String)]),
  );
  expect(docB.units.map((u) => u.status)).toEqual(docA.units.map((u) => u.status));
  expect(docB.forms).toEqual(docA.forms);
  // The totals are real: six units reported 1/1 or not, and the sum is theirs.
  const row = (code: string) => docB.forms.find((f) => f.form === 1)!.rows.find((r) => r.code === code)!;
  expect(row("1")).toMatchObject({ value: 17, reporting: 5 });
  expect(row("2.1")).toMatchObject({ value: 64 });
  for (const [f, h] of before) expect(sha(path.join(mixed, f))).toBe(h);
}, 120_000);

test.each(["xls", "ods"] as const)("validate on an .%s: the same JSON findings and exit code as on its .xlsx original", async (format) => {
  const name = UNITS.find((u) => FORMAT[u.name] === format)!.name;
  const a = await run("validate", path.join(allXlsx, `${name}.xlsx`), "--json");
  const b = await run("validate", path.join(mixed, `${name}.${format}`), "--json");
  expect(b.code).toBe(a.code);
  expect(b.err).toBe("");
  expect(b.out.replaceAll(`${name}.${format}`, `${name}.xlsx`)).toBe(a.out);
});

test.each(["xls", "ods"] as const)(
  "fill on an .%s writes an .xlsx copy, says so, fills the same cells; the source is untouched",
  async (format) => {
    const name = UNITS.find((u) => FORMAT[u.name] === format)!.name;
    const source = path.join(mixed, `${name}.${format}`);
    const hash = sha(source);
    const outA = path.join(work, `${name}-tu-xlsx-da-tinh.xlsx`);
    const outB = path.join(work, `${name}-tu-${format}-da-tinh.xlsx`);
    const a = await run("fill", path.join(allXlsx, `${name}.xlsx`), "-o", outA, "--json");
    const b = await run("fill", source, "-o", outB, "--json");
    expect([a.code, b.code, b.err]).toEqual([0, 0, ""]);
    const cells = (out: string) => (JSON.parse(out) as { cells: unknown[] }).cells;
    expect(cells(b.out)).toEqual(cells(a.out));
    expect(cells(b.out).length).toBeGreaterThanOrEqual(3);
    expect(JSON.parse(b.out)).toMatchObject({ sourceFormat: format });
    expect(sha(source)).toBe(hash);
    // The copy is an .xlsx our reader reads, with the same numbers and findings as the .xlsx's filled copy.
    const templates = builtinTemplates();
    const checkedA = checkWorkbook(readWorkbookGrid(fs.readFileSync(outA)), templates);
    const checkedB = checkWorkbook(readWorkbookGrid(fs.readFileSync(outB)), templates);
    expect(checkedB.findings).toEqual(checkedA.findings);
    const numbers = (c: typeof checkedA) => c.forms.map((f) => [...f.byCode].map(([code, v]) => [code, v.value]));
    expect(numbers(checkedB)).toEqual(numbers(checkedA));
    const text = await run("fill", source, "-o", path.join(work, `${name}-${format}-text.xlsx`));
    const label = format === "xls" ? "Excel 97–2003 .xls" : "OpenDocument .ods";
    expect(text.out).toMatch(
      new RegExp(
        `Đã ghi .*-${format}-text\\.xlsx \\(bản \\.xlsx của tệp ${label.replace(".", "\\.")}; tệp gốc không bị sửa\\): điền \\d+ ô`,
      ),
    );
  },
);
