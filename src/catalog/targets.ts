/**
 * Plan targets (chỉ tiêu phấn đấu) attached to a template: rows below target
 * are reported as information with the gap, never as errors.
 */
import { CatalogError, type CatalogProblem } from "./check";
import type { TemplateSpec } from "./types";
import sonla2024 from "./targets/sonla-2024.json";

export type TargetOp = ">=" | ">" | "<=" | "<" | "=";

export interface Target {
  form: number;
  code: string;
  op: TargetOp;
  value: number;
  /** The target as the plan words it. */
  label: string;
  note?: string;
}

export interface TargetSet {
  id: string;
  name: string;
  template: string;
  source?: string;
  note?: string;
  targets: Target[];
}

const OPS: TargetOp[] = [">=", ">", "<=", "<", "="];

export function checkTargets(raw: unknown, origin: string, templates: TemplateSpec[]): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const add = (path: string, where: string, message: string) =>
    problems.push({ path, where: `chỉ tiêu ${origin}${where ? ", " + where : ""}`, message });
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    add("", "", "nội dung phải là một đối tượng JSON { id, name, template, targets }");
    return problems;
  }
  const r = raw as Record<string, unknown>;
  for (const key of ["id", "name", "template"]) if (typeof r[key] !== "string" || r[key] === "") add(key, "", `thiếu trường "${key}"`);
  const template = templates.find((t) => t.id === r.template);
  if (typeof r.template === "string" && !template) add("template", "", `không có mẫu biểu "${r.template}"`);
  if (!Array.isArray(r.targets) || r.targets.length === 0) {
    add("targets", "", 'thiếu danh sách "targets"');
    return problems;
  }
  r.targets.forEach((t: unknown, i: number) => {
    const path = `targets[${i}]`;
    const x = (t ?? {}) as Record<string, unknown>;
    const where = `chỉ tiêu thứ ${i + 1}${typeof x.code === "string" ? ` (Biểu mẫu ${String(x.form)}, dòng ${x.code})` : ""}`;
    if (typeof x.form !== "number" || typeof x.code !== "string") return add(path, where, 'cần "form" (số) và "code" (STT)');
    if (!OPS.includes(x.op as TargetOp)) add(`${path}.op`, where, `phép so sánh "${String(x.op)}" không hợp lệ (dùng: ${OPS.join(" ")})`);
    if (typeof x.value !== "number" || !Number.isFinite(x.value)) add(`${path}.value`, where, '"value" phải là một số');
    if (typeof x.label !== "string" || x.label === "") add(`${path}.label`, where, 'thiếu "label" (chỉ tiêu như kế hoạch ghi)');
    const row = template?.forms.find((f) => f.number === x.form)?.rows.find((rr) => rr.code === x.code);
    if (template && !row) add(path, where, `mẫu ${template.id} không có dòng này`);
    else if (row && !["percent", "ratio", "count", "money"].includes(row.kind))
      add(path, where, `dòng loại "${row.kind}" không so với chỉ tiêu được`);
  });
  return problems;
}

export function loadTargets(raw: unknown, origin: string, templates: TemplateSpec[]): TargetSet {
  const problems = checkTargets(raw, origin, templates);
  if (problems.length) throw new CatalogError(origin, problems);
  return raw as TargetSet;
}

export function builtinTargetSets(templates: TemplateSpec[]): TargetSet[] {
  return [loadTargets(sonla2024, "sonla-2024.json", templates)];
}

export function meetsTarget(value: number, t: Target): boolean {
  const eps = 1e-9;
  switch (t.op) {
    case ">=":
      return value >= t.value - eps;
    case ">":
      return value > t.value + eps;
    case "<=":
      return value <= t.value + eps;
    case "<":
      return value < t.value - eps;
    case "=":
      return Math.abs(value - t.value) <= eps;
  }
}
