/**
 * One received workbook, checked: located against the candidate templates and
 * validated. The CLI, the browser page and consolidation all go through here.
 */
import type { TargetSet } from "../catalog/targets";
import type { Severity, TemplateSpec } from "../catalog/types";
import { countBySeverity, type Finding, type RuleTally, sortFindings } from "./findings";
import type { WorkbookGrid } from "./grid";
import { isCutShort } from "./header";
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
  /**
   * The severities whose findings are kept in `findings` (default: all). The others are counted
   * exactly as ever (`counts`, `summary`) but their text is not built: consolidation keeps only errors.
   */
  kept?: readonly Severity[];
}

/** What the reader repaired or cut short (a misplaced cell, a sheet too large): a warning, never silent. */
export function readerFindings(grid: WorkbookGrid): Finding[] {
  if (grid.sheets.every((s) => !s.readNotes?.length && s.truncatedAtRow === undefined)) return []; // the usual file
  const finding = (sheet: string, message: string): Finding => workbookWarning(`Trang "${sheet}": ${message}`);
  return grid.sheets.flatMap((s) => [
    ...(s.readNotes ?? []).map((m) => finding(s.name, m)),
    ...(s.truncatedAtRow !== undefined
      ? [finding(s.name, `trang tính quá lớn, chỉ đọc đến dòng ${s.truncatedAtRow}; phần sau không được đọc`)]
      : []),
  ]);
}

/** A unit name too long to be one (a pasted text, a forged file) is cut short, and said. */
function headerFindings(unit: string | undefined): Finding[] {
  if (!isCutShort(unit)) return [];
  return [
    workbookWarning(
      `Tên đơn vị ở đầu biểu dài bất thường; chỉ lấy ${unit!.length} ký tự đầu: "${unit!.slice(0, 60)}…"`,
      "Ghi lại tên đơn vị cho ngắn gọn (ví dụ: UBND xã …).",
    ),
  ];
}

/** A warning about the workbook as a whole (no form, row or cell of its own). */
function workbookWarning(message: string, fix?: string): Finding {
  return {
    severity: "warning",
    rule: "structure",
    form: 0,
    code: "",
    label: "",
    cell: "",
    actual: null,
    expected: null,
    message,
    ...(fix ? { fix } : {}),
  };
}

export function checkWorkbook(grid: WorkbookGrid, templates: TemplateSpec[], options: CheckOptions = {}): CheckedWorkbook {
  const located = locateWorkbook(grid, templates);
  const result = validateWorkbook(located, options.kept);
  const repaired = [...readerFindings(grid), ...headerFindings(located.unit)];
  if (repaired.length) result.findings = sortFindings([...repaired, ...result.findings]);
  const { targets } = options;
  if (targets && located.template?.id === targets.template) {
    const below = targetFindings(result.forms, targets);
    const reported = targets.targets.filter(
      (t) => result.forms.find((f) => f.form.number === t.form)?.byCode.get(t.code)?.value != null,
    ).length;
    result.summary.push({
      rule: "target",
      checked: reported,
      passed: reported - below.length,
      failed: below.length,
      notReported: targets.targets.length - reported,
    });
    result.findings = sortFindings([...result.findings, ...below]);
  }
  const counts = countBySeverity(result.findings);
  const { kept } = options;
  if (kept) result.findings = result.findings.filter((f) => kept.includes(f.severity));
  return { located, ...result, counts };
}
