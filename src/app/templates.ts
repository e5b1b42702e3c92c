/** Template candidates: the one de-duplication rule and the one "no such template" refusal, for the command line and the pane. */
import { builtinTemplates } from "../catalog";
import type { TemplateSpec } from "../catalog/types";

/** Templates the officer can use: a province's own files first, then the built-ins (a same id: the own file wins). */
export function allTemplates(extra: TemplateSpec[] = []): TemplateSpec[] {
  const seen = new Set<string>();
  const out: TemplateSpec[] = [];
  for (const t of [...extra, ...builtinTemplates()]) {
    if (seen.has(t.id)) continue;
    seen.add(t.id);
    out.push(t);
  }
  return out;
}

/** The templates a workbook is matched against: the one chosen by id (none when unknown), or every one when none is chosen. */
export function templatesFor(templates: TemplateSpec[], id?: string): TemplateSpec[] {
  return id ? templates.filter((t) => t.id === id) : templates;
}

/** 'không có mẫu biểu "x" (có: a, b)': each id listed once. */
export function unknownTemplateReason(id: string, templates: TemplateSpec[]): string {
  return `không có mẫu biểu "${id}" (có: ${availableIds(templates)})`;
}

export function availableIds(templates: TemplateSpec[]): string {
  return [...new Set(templates.map((t) => t.id))].join(", ");
}

/** Templates that a consolidation of some template can also fill ("--into", "Ghi thêm biểu của tỉnh"). */
export function intoChoices(templates: TemplateSpec[]): TemplateSpec[] {
  const ids = new Set(templates.flatMap((t) => (t.mappings ?? []).map((m) => m.into)));
  return templates.filter((t) => ids.has(t.id));
}
