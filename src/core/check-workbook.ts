/**
 * One received workbook, checked: located against the candidate templates and
 * validated. The CLI, the browser page and consolidation all go through here.
 */
import type { TargetSet } from "../catalog/targets";
import type { TemplateSpec } from "../catalog/types";
import { countBySeverity, type Finding, type RuleTally, sortFindings } from "./findings";
import type { WorkbookGrid } from "./grid";
import { locateWorkbook, type LocatedWorkbook } from "./locate";
import { targetFindings } from "./targets";
import { validateWorkbook } from "./validate";
import type { FormValues } from "./values";

export interface CheckedWorkbook {
  located: LocatedWorkbook;
  findings: Finding[];
  summary: RuleTally[];
  forms: FormValues[];
  counts: { error: number; warning: number; info: number };
}

export interface CheckOptions {
  /** Plan targets: rows below them are reported as information (only for their template). */
  targets?: TargetSet;
}

export function checkWorkbook(grid: WorkbookGrid, templates: TemplateSpec[], options: CheckOptions = {}): CheckedWorkbook {
  const located = locateWorkbook(grid, templates);
  const result = validateWorkbook(located);
  const { targets } = options;
  if (targets && located.template?.id === targets.template) {
    const below = targetFindings(result.forms, targets);
    const reported = targets.targets.filter((t) => result.forms.find((f) => f.form.number === t.form)?.byCode.get(t.code)?.value != null).length;
    result.summary.push({ rule: "target", checked: reported, passed: reported - below.length, failed: below.length, notReported: targets.targets.length - reported });
    result.findings = sortFindings([...result.findings, ...below]);
  }
  return { located, ...result, counts: countBySeverity(result.findings) };
}
