/**
 * `CheckOptions.kept` (issue 13): consolidation keeps only errors' text, so the rules skip building
 * the text of the other findings, which are still made and counted. Whatever is left out, the
 * counts, the per-rule tally, the values and the errors must be exactly those of a full check:
 * compared here on workbooks with errors, warnings and notes of every kind of rule.
 */
import { builtinTemplates } from "../../src/catalog";
import type { Severity } from "../../src/catalog/types";
import { checkWorkbook, type CheckedWorkbook } from "../../src/core/check-workbook";
import type { WorkbookGrid } from "../../src/core/grid";
import { readWorkbookGrid } from "../../src/xlsx/read-grid";
import { deptWorkbook } from "../helpers/dienbien-workbook";
import { consistentCommune, officerWorkbookBytes, PLAIN_SHAPE, seeded, shapedWorkbookBytes } from "../helpers/officer-workbooks";
import { unitWorkbook } from "../helpers/sonla-workbook";

const TEMPLATES = builtinTemplates();

/** A commune with a mistake or a habit for most rules (errors, warnings and notes). */
const communeWrong = () =>
  officerWorkbookBytes("bnv581-xa", {
    override: {
      1: { "1": "-5", "2.1": "30", "2.2": "35", "3.1": "-", "3.2": "N/A", "3.3.1": "0", "3.3": "50", "5": "3", "5.1": "2,5", "6": "Có" },
      2: { "2": "5", "1": "7", "1.3": "5", "2.2.1": "3", "2.2.2": "2", "2.2": "66,66", "3.2.1": "3", "3.2.2": "2", "3.2": "60" },
      3: { "1.4": "100", "1.4.3": undefined, "3.3.1": "10", "3.3.2": "5", "3.3": undefined, "2.1": "1.234,5", "2.2": "2.835" },
      4: { "1.2": "120", "2.1": "5", "2.2": "9", "2.5": "99.87%" },
      6: { "1.1": "-3", "1": undefined, "2.1": "2", "2.2": "3", "2.3": undefined, "2.4": undefined, "2.6": "không" },
      7: { "6.8": "khoảng 75", "3": "101", "6.5.1": "1,234", "1": "Không", "2": "2 (3 cấp)", "5.1": "0,5" },
    },
    omit: { 5: ["5.2.1"] },
    extra: { 3: [{ after: "2.3", code: "2.4", label: "Số thủ tục được rà soát thêm", value: "5" }] },
  });

/** Blank rates and totals everywhere (the notes consolidation only counts). */
async function communeBlankComputed(): Promise<Uint8Array> {
  const values = consistentCommune(seeded(7));
  for (const form of Object.values(values))
    for (const code of Object.keys(form)) if (Number(code.split(".").pop()) % 2 === 0) form[code] = null;
  return shapedWorkbookBytes(values, PLAIN_SHAPE, { unit: "UBND xã Trống" });
}

async function workbooks(): Promise<[string, WorkbookGrid][]> {
  const bytes: [string, Uint8Array][] = [
    ["commune with mistakes", await communeWrong()],
    ["commune, blank computed rows", await communeBlankComputed()],
    ["province seed", await officerWorkbookBytes("bnv581-tinh")],
    [
      "department with mistakes",
      await deptWorkbook({ values: { "1.6.1": "10", "1.6.2": undefined, "3.5.1": "10", "3.5.2": "12", "3.5": "90" } }),
    ],
    ["Sơn La appendices", await unitWorkbook({ values: { "1.1": [12, 120], "b2.6.4.ty-le": ["10/0 = 50%", "11/12 = 91,6%"] } })],
  ];
  return bytes.map(([name, b]) => [name, readWorkbookGrid(b)]);
}

/** Everything but the findings' list: counts, tally, located template, unit, period, every value. */
function withoutFindings(c: CheckedWorkbook) {
  return {
    counts: c.counts,
    summary: c.summary,
    template: c.located.template?.id,
    unit: c.located.unit,
    period: c.located.period,
    values: c.forms.map((fv) => [...fv.byCode].map(([code, v]) => `${code}@${v.cell}=${v.raw}|${v.value}`)),
  };
}

describe("checkWorkbook with only some severities kept", () => {
  let grids: [string, WorkbookGrid][];
  beforeAll(async () => {
    grids = await workbooks();
  });

  test("the workbooks have findings of every severity (else the comparison proves little)", () => {
    const total = { error: 0, warning: 0, info: 0 };
    for (const [, grid] of grids) {
      const c = checkWorkbook(grid, TEMPLATES);
      for (const s of ["error", "warning", "info"] as const) total[s] += c.counts[s];
    }
    expect(total.error).toBeGreaterThan(5);
    expect(total.warning).toBeGreaterThan(2);
    expect(total.info).toBeGreaterThan(5);
  });

  const cases: (readonly Severity[])[] = [["error"], ["warning"], ["info"], ["error", "warning"], []];
  test.each(cases.map((kept) => [kept.join("+") || "none", kept] as const))(
    "kept %s: counts, tally and values as a full check, the kept findings exactly its own",
    (_, kept) => {
      for (const [name, grid] of grids) {
        const full = checkWorkbook(grid, TEMPLATES);
        const some = checkWorkbook(grid, TEMPLATES, { kept });
        expect([name, withoutFindings(some)]).toEqual([name, withoutFindings(full)]);
        expect([name, some.findings]).toEqual([name, full.findings.filter((f) => kept.includes(f.severity))]);
      }
    },
  );
});
