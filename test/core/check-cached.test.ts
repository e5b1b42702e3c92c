/**
 * Checking a file whose layout was found in an earlier file (layout-cache.ts) must give what checking
 * it afresh gives: the values read, every finding and the tally. Files of one layout that differ only
 * in their values (a rule failing in one file only, a blank, a text in a number cell, "Có"), in one
 * label, and a second layout read in between.
 */
import { findTemplate } from "../../src/catalog";
import { checkWorkbook, type CheckedWorkbook } from "../../src/core/check-workbook";
import { unitData } from "../../src/core/consolidate";
import type { WorkbookGrid } from "../../src/core/grid";
import { readHeader } from "../../src/core/header";
import { layoutCacheStats, locateByLayout } from "../../src/core/layout-cache";
import { validateWorkbook } from "../../src/core/validate";
import { type Rows, rowAtCode, stackedCommune } from "../helpers/stacked-commune";

const xa = findTemplate("bnv581-xa")!;
/** All seven forms stacked on one sheet under a unit line; `edit` changes the rows first. */
function commune(unit: string, seed: number, edit: (rows: Rows) => void = () => {}, gap = 0): WorkbookGrid {
  return stackedCommune(unit, seed, edit, { period: "Kỳ báo cáo: Quý I năm 2025", gap });
}

const at = rowAtCode;

/** What checking gives: values as read, findings, tally, and the unit's data for consolidation. */
function outcome(c: CheckedWorkbook, grid: WorkbookGrid) {
  return {
    values: c.forms.map((f) => [...f.byCode].map(([code, v]) => [code, v.raw, v.value, v.decimals, v.read, v.words, v.storedAsText])),
    findings: c.findings,
    summary: c.summary,
    counts: c.counts,
    data: unitData(c, grid),
    // Key order too (toEqual ignores it): the unit's data is sent and written as JSON.
    json: JSON.stringify(unitData(c, grid)),
    located: {
      keys: Object.keys(c.located),
      unit: c.located.unit,
      period: c.located.period,
      template: c.located.template?.id,
      issues: c.located.issues,
      missingForms: c.located.missingForms?.map((f) => f.number),
      forms: c.located.forms.map((f) => [f.form.number, f.sheet, f.valueCol, [...f.rows].map(([id, r]) => [id, r.address, r.cell])]),
    },
    keys: Object.keys(c),
  };
}

/** The same file checked afresh (layout located without the cache). */
function fresh(grid: WorkbookGrid): CheckedWorkbook {
  const located = { ...locateByLayout(grid, [xa], false), ...readHeader(grid) };
  const result = validateWorkbook(located, ["error"]);
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of result.findings) counts[f.severity]++;
  return { located, ...result, findings: result.findings.filter((f) => f.severity === "error"), counts };
}

describe("checking through the layout cache gives what checking afresh gives", () => {
  const files: [string, WorkbookGrid][] = [
    ["first", commune("UBND xã Một", 1)],
    ["other numbers", commune("UBND xã Hai", 2)],
    ["a total that does not add up", commune("UBND xã Ba", 3, (rows) => (rows[at(rows, 6, "2.1")][3] = 7))],
    ["a blank", commune("UBND xã Bốn", 4, (rows) => (rows[at(rows, 1, "1")][3] = null))],
    ["a text in a number cell", commune("UBND xã Năm", 5, (rows) => (rows[at(rows, 1, "1")][3] = "12 văn bản"))],
    ["Có in a coded row", commune("UBND xã Sáu", 6, (rows) => (rows[at(rows, 1, "5")][3] = "Có"))],
    ["a second layout", commune("UBND xã Bảy", 7, () => {}, 2)],
    ["a label changed", commune("UBND xã Tám", 8, (rows) => (rows[at(rows, 1, "1")][1] = "Số văn bản đã ban hành"))],
    [
      "the first layout again, a fraction and -0",
      commune("UBND xã Chín", 9, (rows) => {
        rows[at(rows, 1, "1")][3] = 2.5;
        rows[at(rows, 2, "1.1")][3] = -0;
      }),
    ],
  ];

  it("for every file, in order, whichever layout came before", () => {
    const templates = [xa];
    const hits = layoutCacheStats.hits;
    for (const [, grid] of files) {
      const cached = checkWorkbook(grid, templates, { kept: ["error"] });
      expect(outcome(cached, grid)).toEqual(outcome(fresh(grid), grid));
    }
    expect(layoutCacheStats.hits).toBeGreaterThan(hits); // the cache was used
    // The total that does not add up is an error of its file only.
    const errors = (i: number) => checkWorkbook(files[i][1], templates, { kept: ["error"] }).findings.filter((f) => f.rule === "sum");
    expect(errors(2).length).toBeGreaterThan(0);
    expect(errors(1)).toEqual([]);
    expect(errors(3)).toEqual([]);
  });
});
