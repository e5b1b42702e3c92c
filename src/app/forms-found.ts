/** The "no form found" check shared by validate and fill, on every surface. */
import type { CheckedWorkbook } from "../core/check-workbook";

/**
 * Why a checked workbook holds nothing to validate or fill (no known template,
 * or a template with no form located); undefined when forms were found.
 * `fallback` is the surface's wording when the locator gave no reason.
 */
export function noFormReason(checked: CheckedWorkbook, fallback = "không tìm thấy biểu mẫu nào"): string | undefined {
  if (checked.located.template && checked.located.forms.length > 0) return undefined;
  return checked.located.issues[0]?.message ?? fallback;
}
