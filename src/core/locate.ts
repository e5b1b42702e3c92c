/**
 * Finding the forms in a received workbook: which template, which forms,
 * and where each row's value is. By the hidden marker when our template
 * wrote the file (locate-marker.ts); otherwise by content, as an officer
 * would (locate-content.ts): "Biểu mẫu N" titles, the STT / Chỉ tiêu /
 * Đơn vị tính / Số liệu header, codes and labels. Units copy one template,
 * so a layout located once is reused for the files that share it (layout-cache.ts).
 */
import type { TemplateSpec } from "../catalog/types";
import type { WorkbookGrid } from "./grid";
import { locateByLayout } from "./layout-cache";
import { locateByMarker } from "./locate-marker";
import type { LocatedWorkbook } from "./located";

export type { LocatedForm, LocatedRow, LocatedWorkbook, LocateIssue, StrayRow } from "./located";

/** Locates forms in a workbook; `templates` are the candidates (one when the user chose it). */
export function locateWorkbook(grid: WorkbookGrid, templates: TemplateSpec[]): LocatedWorkbook {
  return locateByMarker(grid, templates) ?? locateByLayout(grid, templates);
}

// The header block (unit and period) is read in header.ts; re-exported for callers of this module.
export { readHeader } from "./header";
