/**
 * A commune's grid as another program writes it: the seven forms of bnv581-xa stacked on one sheet
 * ("Bieu mau") under a unit line and a period line, with no marker (located by content).
 */
import { findTemplate } from "../../src/catalog";
import { gridFromValues, type WorkbookGrid } from "../../src/core/grid";

const xa = findTemplate("bnv581-xa")!;
export type Rows = (string | number | null)[][];

export interface CommuneOptions {
  /** The line under the unit's (default "Quý I năm 2025"). */
  period?: string;
  /** Empty rows between the period line and the first form. */
  gap?: number;
}

/** `seed` varies the numbers; `edit` changes the rows before the grid is made. */
export function stackedCommune(
  unit: string,
  seed: number,
  edit: (rows: Rows) => void = () => {},
  options: CommuneOptions = {},
): WorkbookGrid {
  const rows: Rows = [[unit], [options.period ?? "Quý I năm 2025"]];
  for (let i = 0; i < (options.gap ?? 0); i++) rows.push([]);
  for (const f of xa.forms) {
    rows.push([`Biểu mẫu ${f.number}`], [f.title.toUpperCase()], ["STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Số liệu", "Ghi chú"]);
    f.rows.forEach((r, i) =>
      rows.push([r.code, r.label, r.unit ?? "", r.kind === "count" && !r.sum ? ((seed * 7 + i * 13) % 50) + 50 : null]),
    );
    rows.push([]);
  }
  edit(rows);
  return { sheets: [gridFromValues("Bieu mau", rows)] };
}

/** The row index (0-based) of a form's row in `rows`, by its code under that form's title. */
export function rowAtCode(rows: Rows, form: number, code: string): number {
  const title = rows.findIndex((r) => r[0] === `Biểu mẫu ${form}`);
  return rows.findIndex((r, i) => i > title && r[0] === code);
}
