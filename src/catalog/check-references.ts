/**
 * References that reach past one row: cycles of computed rows, and mappings of a
 * template's rows into another template's rows ("3/3.3.1").
 */
import { FORMAT } from "./format";
import { checkFreeText, checkUnknownFields, isObject, type Add, type CatalogProblem } from "./problems";
import type { FormSpec, RowSpec, TemplateSpec } from "./types";

/** "3/3.3.1" → the row, or undefined. */
export function rowAt(template: TemplateSpec, ref: string): RowSpec | undefined {
  const m = /^(\d+)\/(.+)$/.exec(ref);
  if (!m) return undefined;
  return template.forms.find((f) => f.number === Number(m[1]))?.rows.find((r) => r.code === m[2]);
}

/** Rows this row's value is computed from (empty for input rows). */
export function computedFrom(row: RowSpec): string[] {
  if (row.ratio) return [row.ratio.numerator, row.ratio.denominator];
  if (row.sum) return [...row.sum];
  return [];
}

/** A computed row must not depend on itself, directly or through other computed rows. */
export function checkCycles(template: TemplateSpec, add: Add): void {
  template.forms.forEach((form: FormSpec, fi: number) => {
    if (!isObject(form) || !Array.isArray(form.rows)) return;
    const rows = form.rows.filter((r) => isObject(r) && typeof r.code === "string");
    const visit = cycleFinder(dependencies(rows));
    for (const [ri, row] of form.rows.entries()) {
      if (!rows.includes(row)) continue;
      const cycle = visit(row.code || row.id, []);
      if (cycle) {
        const start = cycle.indexOf(cycle[cycle.length - 1]);
        add(
          `forms[${fi}].rows[${ri}]`,
          `Biểu mẫu ${form.number}, dòng ${row.code}`,
          `công thức vòng tròn: ${cycle.slice(start).join(" → ")}`,
        );
        return;
      }
    }
  });
}

/** Each row (by code, or id when uncoded) → the rows its ratio or sum reads; the row may still be malformed. */
function dependencies(rows: RowSpec[]): Map<string, string[]> {
  const deps = new Map<string, string[]>();
  for (const row of rows) {
    const refs: unknown[] = [
      ...(isObject(row.ratio) ? [row.ratio.numerator, row.ratio.denominator] : []),
      ...(Array.isArray(row.sum) ? row.sum : []),
    ];
    deps.set(
      row.code || row.id,
      refs.filter((x): x is string => typeof x === "string"),
    );
  }
  return deps;
}

/** Depth-first search that remembers finished rows: returns the trail ending in a repeated row, or null. */
function cycleFinder(deps: Map<string, string[]>): (code: string, trail: string[]) => string[] | null {
  const state = new Map<string, "visiting" | "done">();
  const visit = (code: string, trail: string[]): string[] | null => {
    if (state.get(code) === "done") return null;
    if (state.get(code) === "visiting") return [...trail, code];
    state.set(code, "visiting");
    for (const d of deps.get(code) ?? []) {
      const cycle = visit(d, [...trail, code]);
      if (cycle) return cycle;
    }
    state.set(code, "done");
    return null;
  };
  return visit;
}

/** Sources must exist here; targets are checked against the other template when both are known. */
export function checkMappings(template: TemplateSpec, mappings: unknown, add: Add): void {
  if (!Array.isArray(mappings)) {
    add("mappings", "", '"mappings" phải là danh sách { into, rows }');
    return;
  }
  mappings.forEach((m: unknown, mi: number) => {
    const mpath = `mappings[${mi}]`;
    const mwhere = `ánh xạ thứ ${mi + 1}`;
    if (!isObject(m) || typeof m.into !== "string" || !Array.isArray(m.rows)) {
      add(mpath, mwhere, 'ánh xạ cần "into" (mã mẫu) và "rows"');
      return;
    }
    checkUnknownFields(m, FORMAT.mapping, mpath, mwhere, add);
    checkFreeText(m, FORMAT.mapping, mpath, mwhere, add);
    m.rows.forEach((r: unknown, ri: number) =>
      checkMappedRow(template, r, `${mpath}.rows[${ri}]`, `ánh xạ sang ${m.into as string}, dòng thứ ${ri + 1}`, add),
    );
  });
}

function checkMappedRow(template: TemplateSpec, r: unknown, path: string, where: string, add: Add): void {
  if (!isObject(r) || typeof r.from !== "string" || typeof r.to !== "string") {
    add(path, where, 'cần "from" và "to" dạng "biểu/STT", ví dụ "3/3.3.1"');
    return;
  }
  checkUnknownFields(r, FORMAT.mappingRow, path, where, add);
  checkFreeText(r, FORMAT.mappingRow, path, where, add);
  const source = rowAt(template, r.from);
  if (!source) add(`${path}.from`, where, `không có dòng "${r.from}" trong mẫu này`);
  else if (source.kind === "heading" || source.kind === "text") add(`${path}.from`, where, `dòng "${r.from}" không có số để chuyển`);
}

/** A mapping's targets must be input rows of the target template. */
export function checkMappingTargets(template: TemplateSpec, target: TemplateSpec): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  for (const m of template.mappings ?? []) {
    if (m.into !== target.id) continue;
    m.rows.forEach((r, i) => {
      const row = rowAt(target, r.to);
      const where = `mẫu ${template.id}, ánh xạ sang ${target.id}, dòng thứ ${i + 1}`;
      if (!row) problems.push({ path: `mappings.rows[${i}].to`, where, message: `mẫu ${target.id} không có dòng "${r.to}"` });
      else if (row.ratio || row.sum || row.kind === "heading") {
        problems.push({
          path: `mappings.rows[${i}].to`,
          where,
          message: `dòng "${r.to}" của ${target.id} là dòng tính toán hoặc tiêu đề, không nhận số`,
        });
      }
    });
  }
  return problems;
}
