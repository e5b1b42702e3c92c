/** Locating the forms of a workbook our template wrote: by the hidden marker column, exactly. */
import { isListForm } from "../catalog";
import type { TemplateSpec } from "../catalog/types";
import { COL, formColumns, parseFormMarker } from "./form-layout";
import { evaluateFormCells } from "./formula-cells";
import { columnLetters } from "./a1";
import { cellAt, cellText, type SheetGrid, type WorkbookGrid } from "./grid";
import { readHeader } from "./header";
import { findListHeaders, locateListAt } from "./locate-list";
import { duplicateIssue, listForm, missingForms } from "./located";
import type { LocatedForm, LocatedRow, LocatedWorkbook, LocateIssue, StrayRow } from "./located";

export function locateByMarker(grid: WorkbookGrid, templates: TemplateSpec[]): LocatedWorkbook | undefined {
  const forms: LocatedForm[] = [];
  const issues: LocateIssue[] = [];
  let template: TemplateSpec | undefined;
  for (const sheet of grid.sheets) {
    const found = markerIn(sheet);
    if (!found) continue;
    const { marker, col: markerCol } = found;
    const t = templates.find((x) => x.id === marker.templateId);
    const form = t?.forms.find((f) => f.number === marker.form);
    if (!t || !form || (template && template.id !== t.id)) continue;
    template = t;
    if (forms.some((f) => f.form.number === form.number)) {
      issues.push(duplicateIssue(form.number, sheet.name, forms.find((f) => f.form.number === form.number)!.sheet));
      continue;
    }
    if (isListForm(form)) {
      const header = findListHeaders(sheet, [t]).find((h) => h.form === form);
      forms.push(listForm(form, sheet, "marker", locateListAt(sheet, form, header?.row, header?.cols)));
      continue;
    }
    const C = formColumns(form);
    const many = C.values.length > 1;
    const ids = new Map(form.rows.map((r) => [r.id, r]));
    const rows = new Map<string, LocatedRow>();
    const stray: StrayRow[] = [];
    const first = columnLetters(C.values[0]);
    for (let r = 2; r <= sheet.maxRow; r++) {
      const id = cellText(cellAt(sheet, r, markerCol));
      const spec = ids.get(id);
      const cell = cellAt(sheet, r, C.values[0]);
      if (spec) {
        rows.set(spec.id, {
          spec,
          row: r,
          address: `${first}${r}`,
          cell,
          ...(many ? { cells: C.values.map((c) => cellAt(sheet, r, c)), addresses: C.values.map((c) => `${columnLetters(c)}${r}`) } : {}),
          writtenCode: cellText(cellAt(sheet, r, C.code)),
          writtenLabel: cellText(cellAt(sheet, r, C.label)),
          note: cellText(cellAt(sheet, r, C.note)) || undefined,
        });
      } else if (r > 6 && id === "" && (cellText(cellAt(sheet, r, C.label)) || C.values.some((c) => cellAt(sheet, r, c)))) {
        // A row an officer inserted into our template.
        stray.push({
          row: r,
          address: `${first}${r}`,
          writtenCode: cellText(cellAt(sheet, r, C.code)),
          writtenLabel: cellText(cellAt(sheet, r, C.label)),
          cell,
        });
      }
    }
    forms.push({
      form,
      sheet: sheet.name,
      via: "marker",
      valueCol: C.values[0],
      rows,
      stray,
      missing: form.rows.filter((s) => !rows.has(s.id)),
      renumbered: [],
      ...(many ? { valueCols: C.values } : {}),
    });
  }
  if (!template) return undefined;
  evaluateFormCells(grid, forms);
  const found = new Set([...forms.map((f) => f.form.number), ...issues.map((i) => i.form ?? 0)]);
  return {
    template,
    forms: forms.sort((a, b) => a.form.number - b.form.number),
    issues,
    missingForms: missingForms(template, found),
    ...readHeader(grid),
  };
}

/** The form marker in row 1: column F for one-column forms, further right for forms with more columns. */
function markerIn(sheet: SheetGrid): { marker: { templateId: string; form: number }; col: number } | undefined {
  const atF = parseFormMarker(cellText(cellAt(sheet, 1, COL.marker)));
  if (atF) return { marker: atF, col: COL.marker };
  const row = sheet.rows[0] ?? [];
  for (let c = COL.marker + 1; c <= row.length; c++) {
    const text = cellText(row[c - 1]);
    if (!text.startsWith("bieumau:")) continue;
    const marker = parseFormMarker(text);
    if (marker) return { marker, col: c };
  }
  return undefined;
}
