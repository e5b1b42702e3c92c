/**
 * The rule kinds' registry (src/core/rules/index.ts): validate runs every kind
 * listed, fill and the templates' formulas take a computed row's kind from it,
 * and consolidation has an aggregation for every row of the built-in templates.
 */
import { builtinTemplates, findTemplate, rowKey } from "../../src/catalog";
import { checkWorkbook } from "../../src/core/check-workbook";
import { Tally } from "../../src/core/findings";
import { computeRow } from "../../src/core/fill";
import { computedRule, FORM_RULES, type RuleKind, rowFormula } from "../../src/core/rules";
import { AGGREGATES } from "../../src/core/rules/aggregate";
import { percentOf } from "../../src/core/rules/rate";
import { validateForm } from "../../src/core/validate";
import { readWorkbookGrid } from "../../src/xlsx/read-grid";
import { officerWorkbookBytes } from "../helpers/officer-workbooks";

const XA = findTemplate("bnv581-xa")!;

test("a kind added to the list is run by validate, its findings among the others", async () => {
  const c = checkWorkbook(readWorkbookGrid(await officerWorkbookBytes("bnv581-xa", { forms: [1] })), builtinTemplates());
  const seen: number[] = [];
  const probe: RuleKind = {
    name: "probe",
    validate: (check) => {
      seen.push(check.fv.form.number);
      check.finding("info", "structure", check.fv.form.rows[0], undefined, { message: "Thử." });
    },
  };
  FORM_RULES.push(probe);
  try {
    const findings = validateForm(c.forms[0], new Tally());
    expect(seen).toEqual([1]);
    expect(findings.filter((f) => f.message === "Thử.")).toHaveLength(1);
  } finally {
    FORM_RULES.splice(FORM_RULES.indexOf(probe), 1);
  }
});

test("a computed row's kind computes its value and its formula; the rate is n / d × 100", () => {
  const form = XA.forms.find((f) => f.number === 1)!;
  const rate = form.rows.find((r) => r.code === "2")!; // 2 = 2.2 / 2.1 × 100
  const values = new Map<string, number | null>([
    ["2.1", 30],
    ["2.2", 18],
  ]);
  expect(computedRule(rate)?.compute(rate, values)?.value).toBe(percentOf(18, 30));
  expect(computeRow(rate, values)).toEqual({ value: 60, how: "2.2 / 2.1 = 18 / 30 × 100" });
  expect(rowFormula(rate, (code) => ({ "2.1": "D9", "2.2": "D10" })[code]!)).toBe('IF(OR(D10="",D9="",D9=0),"",D10/D9*100)');
  const input = form.rows.find((r) => r.code === "2.1")!;
  expect(computedRule(input)).toBeUndefined();
  expect(rowFormula(input, () => "D1")).toBeUndefined();
});

test("every row of the built-in templates has an aggregation, and every computed row a kind", () => {
  for (const t of builtinTemplates()) {
    for (const form of t.forms) {
      for (const row of form.rows) {
        expect({ row: rowKey(row), aggregate: typeof AGGREGATES[row.aggregate] }).toEqual({ row: rowKey(row), aggregate: "function" });
        if (row.ratio || row.sum) expect(computedRule(row)).toBeDefined();
      }
    }
  }
});
