/**
 * Fill-a-file, for the command line and the pane alike: the grid checked, the
 * "no form found" refusal, the fill plan, the cells to write (kept values are
 * not), the counts and their wording. Writing is the surface's part (a patched
 * copy on disk, or the workbook host).
 */
import type { TemplateSpec } from "../catalog/types";
import { type CheckedWorkbook, checkWorkbook } from "../core/check-workbook";
import { type FillAction, type FillOptions, planFill } from "../core/fill";
import type { WorkbookGrid } from "../core/grid";
import { noFormReason } from "./forms-found";

/** What to write for the fill actions (kept values are not written). */
export type FillWrite = Pick<FillAction, "sheet" | "address" | "value"> & { formula?: string };

export function fillWrites(actions: FillAction[]): FillWrite[] {
  return actions
    .filter((a) => a.action !== "kept")
    .map((a) => ({ sheet: a.sheet, address: a.address, value: a.value, ...(a.formula ? { formula: a.formula } : {}) }));
}

export interface FillCounts {
  filled: number;
  overwritten: number;
  kept: number;
}

export function fillCounts(actions: FillAction[]): FillCounts {
  const n = (k: FillAction["action"]) => actions.filter((a) => a.action === k).length;
  return { filled: n("filled"), overwritten: n("overwritten"), kept: n("kept") };
}

/** "điền 3 ô, thay 0 ô, giữ nguyên 2 ô do người nhập" */
export function fillCountsText(n: FillCounts): string {
  return `điền ${n.filled} ô, thay ${n.overwritten} ô, giữ nguyên ${n.kept} ô do người nhập`;
}

export type FillPlan =
  | { ok: false; checked: CheckedWorkbook; reason: string }
  | { ok: true; checked: CheckedWorkbook; template: TemplateSpec; actions: FillAction[]; writes: FillWrite[]; counts: FillCounts };

/** The grid checked and its fill planned; refused (with the reason) when it holds no form. */
export function planFillOf(grid: WorkbookGrid, templates: TemplateSpec[], options: FillOptions = {}): FillPlan {
  const checked = checkWorkbook(grid, templates);
  const reason = noFormReason(checked);
  const template = checked.located.template;
  if (reason !== undefined || !template) return { ok: false, checked, reason: reason ?? "không tìm thấy biểu mẫu nào" };
  const actions = planFill(checked.forms, options);
  return { ok: true, checked, template, actions, writes: fillWrites(actions), counts: fillCounts(actions) };
}
