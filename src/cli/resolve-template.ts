/** Finds the template a command works with: a built-in id or a province's own JSON file. */
import { readTextFileBounded } from "../node/read-file";
import { builtinTemplates, findTemplate, parseTemplateJson, type TemplateSpec } from "../catalog";
import { allTemplates } from "../app/templates";
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
    throw new UserError(`cần chọn mẫu biểu bằng --template (có: ${availableIds(extra)})`);
  }
  const template = findTemplate(id, extra);
  if (!template) throw new UserError(`không có mẫu biểu "${id}" (có: ${availableIds(extra)})`);
  return template;
}

/** The templates a file is matched against: the one chosen, or every known one (a province's own file wins a same id). */
export function candidateTemplates(id: string | undefined, catalog: string | undefined): TemplateSpec[] {
  if (id) return [resolveTemplate(id, catalog)];
  return allTemplates(catalog ? [loadCatalogFile(catalog)] : []);
}

function availableIds(extra: TemplateSpec[]): string {
  return [...extra, ...builtinTemplates()].map((t) => t.id).join(", ");
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
