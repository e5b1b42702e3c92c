/**
 * Browser mode's "Tô màu các ô": there is no Excel window to colour, so the
 * officer gets a copy of the open file with the findings' cells filled (the
 * same colours Excel mode uses) and each finding as the cell's note. The
 * opened bytes are never changed. exceljs comes from its lazy chunk.
 */
import type { Finding } from "../core/findings";
import { type HighlightSeverity, parseCellRef } from "../core/host";
import { SEVERITY_TITLE } from "./pane-text";

/** Same fills as the Excel host (src/excel/excel-host.ts). */
export const HIGHLIGHT_FILL: Record<HighlightSeverity, string> = { error: "FFFFC7CE", warning: "FFFFEB9C", info: "FFDDEBF7" };
const RANK: Record<HighlightSeverity, number> = { error: 3, warning: 2, info: 1 };

interface CellMarks {
  sheet: string;
  address: string;
  severity: HighlightSeverity;
  notes: string[];
}

/** Findings → one entry per cell: its worst severity and every message (for the note). */
export function cellMarks(findings: Finding[]): CellMarks[] {
  const byCell = new Map<string, CellMarks>();
  for (const f of findings) {
    const ref = f.cell ? parseCellRef(f.cell) : undefined;
    if (!ref) continue;
    const key = `${ref.sheet}\u0000${ref.address}`;
    const m = byCell.get(key) ?? { ...ref, severity: f.severity, notes: [] };
    if (RANK[f.severity] > RANK[m.severity]) m.severity = f.severity;
    m.notes.push(`${SEVERITY_TITLE[f.severity]}: ${f.message}${f.fix ? ` Đề xuất: ${f.fix}` : ""}`);
    byCell.set(key, m);
  }
  return [...byCell.values()];
}

/** A copy of `bytes` with the findings' cells coloured and noted; the count of cells marked. */
export async function highlightedCopy(bytes: Uint8Array, findings: Finding[]): Promise<{ bytes: Uint8Array; cells: number }> {
  const excel = await import(/* webpackChunkName: "exceljs" */ "exceljs");
  const ExcelJS = ((excel as { default?: typeof import("exceljs") }).default ?? excel) as typeof import("exceljs");
  const workbook = new ExcelJS.Workbook();
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  await workbook.xlsx.load(copy.buffer);
  let cells = 0;
  for (const m of cellMarks(findings)) {
    const sheet = workbook.getWorksheet(m.sheet);
    if (!sheet) continue;
    const cell = sheet.getCell(m.address);
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: HIGHLIGHT_FILL[m.severity] } };
    if (m.severity === "error") cell.font = { ...(cell.font ?? {}), color: { argb: "FF9C0006" }, bold: true };
    cell.note = m.notes.join("\n");
    cells++;
  }
  const out = (await workbook.xlsx.writeBuffer()) as ArrayBuffer;
  return { bytes: new Uint8Array(out), cells };
}
