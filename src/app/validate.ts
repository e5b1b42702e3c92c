/**
 * Validate-a-file, for the command line and the pane alike: the grid checked
 * against the candidate templates (and plan targets), the "no form found"
 * refusal, the file's report and the one-line announcement.
 */
import type { TargetSet } from "../catalog/targets";
import type { TemplateSpec } from "../catalog/types";
import { type CheckedWorkbook, checkWorkbook } from "../core/check-workbook";
import type { WorkbookGrid } from "../core/grid";
import { errorReport, fileReport, type FileReport } from "../core/report";
import { noFormReason } from "./forms-found";

export interface Validation {
  checked: CheckedWorkbook;
  /** Why nothing could be validated (no known template, no form located); absent when forms were found. */
  noForm?: string;
}

export function validateGrid(grid: WorkbookGrid, templates: TemplateSpec[], targets?: TargetSet): Validation {
  const checked = checkWorkbook(grid, templates, { targets });
  const noForm = noFormReason(checked);
  return noForm === undefined ? { checked } : { checked, noForm };
}

/** A workbook as a surface read it: its grid, or why it could not be read. */
export type ReadWorkbook = { ok: true; grid: WorkbookGrid } | { ok: false; reason: string };

/** One file's report; a file that cannot be read or holds no form becomes an error report. */
export function validationReport(name: string, read: ReadWorkbook, templates: TemplateSpec[], targets?: TargetSet): FileReport {
  if (!read.ok) return errorReport(name, read.reason);
  const { checked, noForm } = validateGrid(read.grid, templates, targets);
  return noForm !== undefined ? errorReport(name, noForm) : fileReport(name, checked);
}

/** What a screen reader hears once the check is done. */
export function validationAnnouncement({ checked, noForm }: Validation): string {
  if (noForm !== undefined) return "Không tìm thấy biểu mẫu nào.";
  const c = checked.counts;
  return `Kiểm tra xong: ${c.error} lỗi, ${c.warning} cảnh báo, ${c.info} thông tin.`;
}
