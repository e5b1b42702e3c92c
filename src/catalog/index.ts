/**
 * Entry point of the catalog: the built-in templates and loading of
 * templates a province writes itself (same JSON format).
 */
import { CatalogError, checkTemplate } from "./check";
import type { FormSpec, RowSpec, TemplateSpec } from "./types";
import bnv581Tinh from "./templates/bnv581-tinh.json";
import bnv581Xa from "./templates/bnv581-xa.json";
import dienbienSo from "./templates/dienbien-so.json";
import sonlaKiemtra from "./templates/sonla-kiemtra.json";

export * from "./types";
export { CatalogError, checkTemplate } from "./check";
export type { CatalogProblem } from "./check";
export { checkMappingTargets, computedFrom, rowAt } from "./check-references";

/** Validates raw JSON data as a template; throws CatalogError listing every problem. */
export function loadTemplate(raw: unknown, origin: string): TemplateSpec {
  const problems = checkTemplate(raw, origin);
  if (problems.length > 0) throw new CatalogError(origin, problems);
  const template = raw as TemplateSpec;
  // A list form's JSON may leave out "rows": the rest of the code sees an empty list.
  if (template.forms.some((f) => f.rows === undefined)) {
    return { ...template, forms: template.forms.map((f) => (f.rows === undefined ? { ...f, rows: [] } : f)) };
  }
  return template;
}

/** Parses JSON text (e.g. a province's own file) into a checked template. */
export function parseTemplateJson(text: string, origin: string): TemplateSpec {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new CatalogError(origin, [{ path: "", where: `tệp ${origin}`, message: `không phải JSON hợp lệ (${(e as Error).message})` }]);
  }
  return loadTemplate(raw, origin);
}

let builtins: TemplateSpec[] | undefined;

/** The templates shipped with the tool, checked once on first use. */
export function builtinTemplates(): TemplateSpec[] {
  builtins ??= [
    loadTemplate(bnv581Tinh, "bnv581-tinh.json"),
    loadTemplate(bnv581Xa, "bnv581-xa.json"),
    loadTemplate(dienbienSo, "dienbien-so.json"),
    loadTemplate(sonlaKiemtra, "sonla-kiemtra.json"),
  ];
  return builtins;
}

export function findTemplate(id: string, extra: TemplateSpec[] = []): TemplateSpec | undefined {
  return [...extra, ...builtinTemplates()].find((t) => t.id === id);
}

export function findForm(template: TemplateSpec, number: number): FormSpec | undefined {
  return template.forms.find((f) => f.number === number);
}

/** Rows of a form by code (uncoded "Trong đó" rows by id: see rowKey), for resolving rule references. */
export function rowsByCode(form: FormSpec): Map<string, RowSpec> {
  return new Map(form.rows.map((r) => [rowKey(r), r]));
}

/** How rules and maps refer to a row: its code, or its id when it has no code ("Trong đó" rows). */
export function rowKey(row: RowSpec): string {
  return row.code || row.id;
}

/** The STT printed for a row: its `stt` when the form numbers sections alike, else its code. */
export function printedCode(row: RowSpec): string {
  return row.stt ?? row.code;
}

/** A list form (Phụ lục I: tasks, documents …): officers add rows; no indicators. */
export function isListForm(form: FormSpec): boolean {
  return form.kind === "list";
}

/** The value columns of a table form, as printed; one "Số liệu" column by default. */
export const DEFAULT_VALUE_COLUMN = "Số liệu";
export function valueColumnsOf(form: FormSpec): string[] {
  return form.valueColumns && form.valueColumns.length > 0 ? form.valueColumns : [DEFAULT_VALUE_COLUMN];
}

/** A computed row gets a formula in the template and is filled by `fill`. */
export function isComputed(row: RowSpec): boolean {
  return row.ratio !== undefined || row.sum !== undefined;
}

/** A row an officer types a value into. */
export function isInput(row: RowSpec): boolean {
  return row.kind !== "heading" && !isComputed(row);
}
