/** Template candidates: the one de-duplication rule for the command line and the pane. */
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

/** Templates that a consolidation of some template can also fill ("--into", "Ghi thêm biểu của tỉnh"). */
export function intoChoices(templates: TemplateSpec[]): TemplateSpec[] {
  const ids = new Set(templates.flatMap((t) => (t.mappings ?? []).map((m) => m.into)));
  return templates.filter((t) => ids.has(t.id));
}
