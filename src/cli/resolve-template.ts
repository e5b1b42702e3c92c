/** Finds the template a command works with: a built-in id or a province's own JSON file. */
import { readTextFileBounded } from "../node/read-file";
import { parseTemplateJson, type TemplateSpec } from "../catalog";
import { allTemplates, availableIds, templatesFor, unknownTemplateReason } from "../app/templates";
import { UserError } from "./program";

export function loadCatalogFile(file: string): TemplateSpec {
  const read = readTextFileBounded(file);
  if (!read.ok) throw new UserError(`không đọc được tệp mẫu biểu ${file}: ${read.reason}`);
  return parseTemplateJson(read.text, file);
}

export function resolveTemplate(id: string | undefined, catalogFile: string | undefined): TemplateSpec {
  const extra = catalogFile ? [loadCatalogFile(catalogFile)] : [];
  if (!id) {
    if (extra.length > 0) return extra[0];
    throw new UserError(`cần chọn mẫu biểu bằng --template (có: ${availableIds(allTemplates(extra))})`);
  }
  return requireTemplate(allTemplates(extra), id);
}

/** The template with this id among the candidates; refused (naming each known id once) when there is none. */
export function requireTemplate(templates: TemplateSpec[], id: string): TemplateSpec {
  const [template] = templatesFor(templates, id);
  if (!template) throw new UserError(unknownTemplateReason(id, templates));
  return template;
}

/** The templates a file is matched against: the one chosen, or every known one (a province's own file wins a same id). */
export function candidateTemplates(id: string | undefined, catalog: string | undefined): TemplateSpec[] {
  const all = allTemplates(catalog ? [loadCatalogFile(catalog)] : []);
  return id ? [requireTemplate(all, id)] : all;
}

/** "1,3,7" or "1-3,7" → [1, 3, 7], each checked against the template. */
export function parseFormList(text: string, template: TemplateSpec): number[] {
  const available = template.forms.map((f) => f.number);
  const chosen: number[] = [];
  for (const part of text.split(/[,;\s]+/).filter(Boolean)) {
    const range = /^(\d+)\s*[-–]\s*(\d+)$/.exec(part);
    const numbers = range
      ? Array.from({ length: Math.max(0, Number(range[2]) - Number(range[1]) + 1) }, (_, i) => Number(range[1]) + i)
      : /^\d+$/.test(part)
        ? [Number(part)]
        : [];
    if (numbers.length === 0) throw new UserError(`danh sách biểu "${text}" không hợp lệ (ví dụ: 1,3,7)`);
    for (const n of numbers) {
      if (!available.includes(n)) {
        throw new UserError(`mẫu ${template.id} không có Biểu mẫu ${n} (có: ${available.join(", ")})`);
      }
      if (!chosen.includes(n)) chosen.push(n);
    }
  }
  if (chosen.length === 0) throw new UserError("danh sách biểu trống");
  return chosen.sort((a, b) => a - b);
}
