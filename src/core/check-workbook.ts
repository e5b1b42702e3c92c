/**
 * One received workbook, checked: located against the candidate templates and
 * validated. The CLI, the browser page and consolidation all go through here.
 */
import type { TemplateSpec } from "../catalog/types";
import { countBySeverity, type Finding, type RuleTally } from "./findings";
import type { WorkbookGrid } from "./grid";
import { locateWorkbook, type LocatedWorkbook } from "./locate";
import { validateWorkbook } from "./validate";
import type { FormValues } from "./values";

export interface CheckedWorkbook {
  located: LocatedWorkbook;
  findings: Finding[];
  summary: RuleTally[];
  forms: FormValues[];
  counts: { error: number; warning: number; info: number };
}

export function checkWorkbook(grid: WorkbookGrid, templates: TemplateSpec[]): CheckedWorkbook {
  const located = locateWorkbook(grid, templates);
  const result = validateWorkbook(located);
  return { located, ...result, counts: countBySeverity(result.findings) };
}
