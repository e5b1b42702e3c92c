/**
 * Consolidation: many units' located forms → the province's figures, by each
 * row's aggregation in the catalog (DOMAIN.md §6). Missing, duplicate,
 * unreadable and erroneous units stay visible; every number keeps its units.
 */
import { rowKey } from "../catalog";
import type { Aggregation, FormSpec, RowSpec, TemplateSpec } from "../catalog/types";
import type { CheckedWorkbook } from "./check-workbook";
import type { Finding } from "./findings";
import { foldText } from "./text";

/**
 * What consolidation needs of one checked workbook, as plain data: it crosses
 * worker threads and is all the check sheet and the detail sheets show.
 */
export interface UnitData {
  templateId?: string;
  unit?: string;
  period?: string;
  /** Why no form was found, when none was. */
  issue?: string;
  forms: { form: number; sheet: string; values: Record<string, { raw: string; value: number | null; address: string }> }[];
  /** Forms of the template not found in the file: the unit's report is incomplete. */
  missingForms?: number[];
  findings: Finding[];
  counts: { error: number; warning: number; info: number };
}

export function unitData(checked: CheckedWorkbook): UnitData {
  const { located } = checked;
  return {
    templateId: located.template?.id,
    unit: located.unit,
    period: located.period,
    issue: located.forms.length === 0 ? located.issues[0]?.message : undefined,
    forms: checked.forms.map((fv) => ({
      form: fv.form.number,
      sheet: fv.located.sheet,
      values: Object.fromEntries([...fv.byCode].map(([code, v]) => [code, { raw: v.raw, value: v.value, address: v.address }])),
    })),
    ...(located.missingForms?.length ? { missingForms: located.missingForms.map((f) => f.number) } : {}),
    findings: checked.findings,
    counts: checked.counts,
  };
}

/** One received file, read and checked (or not readable). */
export interface UnitInput {
  /** Name shown to the officer (file name or relative path). */
  file: string;
  size?: number;
  sha256?: string;
  /** ISO time the file was last modified. */
  modified?: string;
  data?: UnitData;
  /** Why the file could not be read. */
  error?: string;
}

export type UnitStatus = "ok" | "errors" | "excluded" | "duplicate" | "unreadable" | "other-template" | "no-form";

export interface UnitEntry {
  file: string;
  unit: string;
  unitFrom: "header" | "file-name";
  status: UnitStatus;
  errors: number;
  warnings: number;
  /** Error findings with their cells, for the check sheet. */
  errorFindings: Finding[];
  reason?: string;
  template?: string;
  input: UnitInput;
}

export interface Duplicate {
  unit: string;
  /** Every file of that unit (or with that content); the first is counted. */
  files: string[];
  kept: string;
  by: "name" | "content";
}

export interface AnswerCount {
  value: number;
  label: string;
  count: number;
  units: string[];
}

export interface ConsolidatedRow {
  spec: RowSpec;
  form: number;
  code: string;
  label: string;
  method: Aggregation;
  /** The province figure; null when nobody reported or it cannot be combined. */
  value: number | null;
  /** Units that reported this row. */
  reporting: number;
  /** Values of the included units, in column order (null = not reported). */
  perUnit: (number | null)[];
  /** Ratio rows: the plain mean of the units' own rates (for reference only). */
  naiveMean?: number | null;
  /** Coded rows: how many units gave each answer. */
  answers?: AnswerCount[];
  /** Same-for-all rows whose units disagree: each value with its units. */
  conflict?: { value: number; units: string[] }[];
  /** Why the officer must look at this row. */
  attention?: string;
}

export interface ConsolidatedForm {
  form: FormSpec;
  rows: ConsolidatedRow[];
}

export interface Consolidation {
  template: TemplateSpec;
  /** Every file, in input order. */
  units: UnitEntry[];
  /** Units counted, in column order. */
  included: UnitEntry[];
  skipped: { file: string; reason: string }[];
  duplicates: Duplicate[];
  /** Roster names with no file. */
  missing: string[];
  /** Units not on the roster (when a roster was given). */
  unexpected: string[];
  forms: ConsolidatedForm[];
}

export interface ConsolidateOptions {
  /** Use this template; otherwise the one most files hold. */
  templateId?: string;
  /** Leave out units whose sheets have errors (they are still listed). */
  excludeErrors?: boolean;
  /** Expected unit names. */
  roster?: string[];
}

/** "UBND Xã Lê Hồng" and "xa le hong" are the same unit. */
export function unitKey(name: string): string {
  return foldText(name)
    .replace(/^(ubnd|uy ban nhan dan)\s+/, "")
    .trim();
}

/** "ubnd_xa_le_hong (1).xlsx" → "ubnd xa le hong" */
export function unitNameFromFile(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base
    .replace(/\.[^.]+$/, "")
    .replace(/\s*\(\d+\)$/, "")
    .replace(/[_]+/g, " ")
    .trim();
}

/** Consolidation is refused for a template it cannot combine; the message says why, in Vietnamese. */
export class ConsolidateRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConsolidateRefusal";
  }
}

/**
 * Why a template cannot be consolidated, or undefined. Not supported (yet):
 * forms with several value columns (Năm 2023, Năm 2024 — the province sheet and
 * the detail sheets have one value column) and lists (each unit lists its own
 * tasks: nothing to add up).
 */
export function consolidationRefusal(template: TemplateSpec): string | undefined {
  const reasons = template.forms.flatMap((f) => {
    const name = f.caption ?? `Biểu mẫu ${f.number}`;
    if (f.kind === "list") return [`${name} là danh sách (mỗi đơn vị liệt kê nhiệm vụ của mình, không có số để cộng)`];
    if (f.valueColumns && f.valueColumns.length > 1) return [`${name} có ${f.valueColumns.length} cột số liệu (${f.valueColumns.join(", ")}), bảng tổng hợp chỉ có một cột`];
    return [];
  });
  if (reasons.length === 0) return undefined;
  return `mẫu ${template.id} chưa tổng hợp được nhiều đơn vị: ${reasons.join("; ")}. Hãy kiểm tra từng tệp bằng lệnh "bieumau validate" (hoặc mục Kiểm tra).`;
}

export function consolidate(inputs: UnitInput[], templates: TemplateSpec[], options: ConsolidateOptions = {}): Consolidation {
  const template = chooseTemplate(inputs, templates, options.templateId);
  const refusal = consolidationRefusal(template);
  if (refusal) throw new ConsolidateRefusal(refusal);
  const units = inputs.map((input) => entryFor(input, template, options));
  const duplicates = markDuplicates(units);
  const included = units.filter((u) => u.status === "ok" || u.status === "errors");
  const skipped = units
    .filter((u) => u.status === "unreadable" || u.status === "other-template" || u.status === "no-form")
    .map((u) => ({ file: u.file, reason: u.reason ?? "" }));

  const { missing, unexpected } = compareRoster(options.roster, units.filter((u) => u.status !== "unreadable" && u.status !== "other-template" && u.status !== "no-form"));
  const forms = template.forms.map((form) => ({ form, rows: consolidateForm(form, included) }));
  return { template, units, included, skipped, duplicates, missing, unexpected, forms };
}

function chooseTemplate(inputs: UnitInput[], templates: TemplateSpec[], id?: string): TemplateSpec {
  if (id) {
    const t = templates.find((x) => x.id === id);
    if (!t) throw new Error(`không có mẫu biểu "${id}"`);
    return t;
  }
  const votes = new Map<string, number>();
  for (const input of inputs) {
    const tid = input.data?.templateId;
    if (tid) votes.set(tid, (votes.get(tid) ?? 0) + 1);
  }
  const best = [...votes].sort((a, b) => b[1] - a[1])[0];
  return templates.find((t) => t.id === best?.[0]) ?? templates[0];
}

function entryFor(input: UnitInput, template: TemplateSpec, options: ConsolidateOptions): UnitEntry {
  const fromHeader = input.data?.unit;
  const unit = fromHeader ?? unitNameFromFile(input.file);
  const base = { file: input.file, unit, unitFrom: fromHeader ? ("header" as const) : ("file-name" as const), errors: 0, warnings: 0, errorFindings: [], input };
  const data = input.data;
  if (input.error || !data) return { ...base, status: "unreadable", reason: input.error ?? "không đọc được" };
  if (!data.templateId || data.forms.length === 0) {
    return { ...base, status: "no-form", reason: data.issue ?? "không tìm thấy biểu mẫu nào" };
  }
  if (data.templateId !== template.id) {
    return { ...base, status: "other-template", template: data.templateId, reason: `là mẫu ${data.templateId}, không cùng mẫu ${template.id} đang tổng hợp` };
  }
  const errorFindings = data.findings.filter((f) => f.severity === "error");
  const entry: UnitEntry = {
    ...base,
    template: template.id,
    errors: data.counts.error,
    warnings: data.counts.warning,
    errorFindings,
    status: errorFindings.length > 0 ? (options.excludeErrors ? "excluded" : "errors") : "ok",
  };
  // Forms missing: the report is incomplete, never "đạt" (its other forms are still counted).
  const missing = data.missingForms ?? [];
  if (missing.length > 0) {
    if (entry.status === "ok") entry.status = "errors";
    entry.reason = `thiếu ${missing.map((n) => template.forms.find((f) => f.number === n)?.caption ?? `Biểu mẫu ${n}`).join(", ")}`;
  }
  return entry;
}

/** Values of one unit as "form/code=raw" lines: identical content means the same report. */
function fingerprint(u: UnitEntry): string | undefined {
  const parts: string[] = [];
  for (const f of u.input.data?.forms ?? []) {
    for (const [code, v] of Object.entries(f.values)) if (v.raw !== "") parts.push(`${f.form}/${code}=${v.raw}`);
  }
  // Blank templates sent back look alike; only real content identifies a report.
  return parts.length >= 3 ? parts.sort().join("\n") : undefined;
}

/** The same unit twice (by name or by content): the most recently modified file counts. */
function markDuplicates(units: UnitEntry[]): Duplicate[] {
  const duplicates: Duplicate[] = [];
  const counted = () => units.filter((u) => u.status === "ok" || u.status === "errors" || u.status === "excluded");
  for (const by of ["name", "content"] as const) {
    const groups = new Map<string, UnitEntry[]>();
    for (const u of counted()) {
      const key = by === "name" ? unitKey(u.unit) : fingerprint(u);
      if (!key) continue;
      const list = groups.get(key) ?? [];
      list.push(u);
      groups.set(key, list);
    }
    for (const list of groups.values()) {
      if (list.length < 2) continue;
      const kept = [...list].sort((a, b) => (b.input.modified ?? "").localeCompare(a.input.modified ?? ""))[0];
      for (const u of list) {
        if (u === kept) continue;
        u.status = "duplicate";
        u.reason = by === "name" ? `trùng đơn vị với tệp ${kept.file} (tệp đó được dùng)` : `trùng nội dung với tệp ${kept.file} (đơn vị ${kept.unit}; tệp đó được dùng)`;
      }
      duplicates.push({ unit: kept.unit, files: [kept.file, ...list.filter((u) => u !== kept).map((u) => u.file)], kept: kept.file, by });
    }
  }
  return duplicates;
}

function compareRoster(roster: string[] | undefined, received: UnitEntry[]): { missing: string[]; unexpected: string[] } {
  if (!roster) return { missing: [], unexpected: [] };
  const have = new Set(received.map((u) => unitKey(u.unit)));
  const expected = new Set(roster.map(unitKey));
  return {
    missing: roster.filter((name) => !have.has(unitKey(name))),
    unexpected: received.filter((u) => u.status !== "duplicate" && !expected.has(unitKey(u.unit))).map((u) => u.unit),
  };
}

function consolidateForm(form: FormSpec, included: UnitEntry[]): ConsolidatedRow[] {
  const rows = new Map<string, ConsolidatedRow>();
  // Each unit's values of this form, found once (not once per row: 3,321 units × 100+ rows).
  const valuesOf = included.map((u) => u.input.data?.forms.find((x) => x.form === form.number)?.values);
  const perUnitOf = (code: string) => valuesOf.map((values) => values?.[code]?.value ?? null);
  // Ratios are pooled from their parts' consolidated values, so parts come first.
  const ordered = [...form.rows.filter((r) => !r.ratio), ...form.rows.filter((r) => r.ratio)];
  for (const spec of ordered) {
    const perUnit = perUnitOf(rowKey(spec));
    const reported = perUnit.filter((v): v is number => v !== null);
    const base: ConsolidatedRow = {
      spec,
      form: form.number,
      code: spec.code,
      label: spec.label,
      method: spec.aggregate,
      value: null,
      reporting: reported.length,
      perUnit,
    };
    switch (spec.aggregate) {
      case "sum":
        base.value = reported.length === 0 ? null : reported.reduce((a, b) => a + b, 0);
        break;
      case "same": {
        const distinct = [...new Set(reported)];
        if (distinct.length === 1) base.value = distinct[0];
        else if (distinct.length > 1) {
          base.conflict = distinct.map((value) => ({ value, units: included.filter((_, i) => perUnit[i] === value).map((u) => u.unit) }));
          base.attention = `các đơn vị ghi khác nhau (${distinct.length} giá trị): cần cán bộ xác định`;
        }
        break;
      }
      case "pooled": {
        const n = spec.ratio ? rows.get(spec.ratio.numerator)?.value ?? null : null;
        const d = spec.ratio ? rows.get(spec.ratio.denominator)?.value ?? null : null;
        base.value = n === null || d === null || d === 0 ? null : (n / d) * 100;
        base.naiveMean = reported.length === 0 ? null : reported.reduce((a, b) => a + b, 0) / reported.length;
        if (spec.ratio) {
          const nu = perUnitOf(spec.ratio.numerator);
          const du = perUnitOf(spec.ratio.denominator);
          base.reporting = included.filter((_, i) => nu[i] !== null && du[i] !== null).length;
        }
        break;
      }
      case "answers": {
        base.answers = (spec.options ?? []).map((o) => {
          const units = included.filter((_, i) => perUnit[i] === o.value).map((u) => u.unit);
          return { value: o.value, label: o.label, count: units.length, units };
        });
        const odd = reported.filter((v) => !(spec.options ?? []).some((o) => o.value === v));
        if (odd.length) base.attention = `${odd.length} đơn vị ghi mã không có trong danh sách`;
        break;
      }
      case "manual":
        if (reported.length > 0) base.attention = "không cộng gộp được: xem số của từng đơn vị, cần cán bộ xác định";
        break;
      case "none":
        break;
    }
    rows.set(rowKey(spec), base);
  }
  return form.rows.map((r) => rows.get(rowKey(r))!);
}

/** Units that answered "no" (the option with value 0: Không, Chưa, Chưa có …). */
export function answeredNo(row: ConsolidatedRow): string[] {
  return row.answers?.find((a) => a.value === 0)?.units ?? [];
}

export const METHOD_LABEL: Record<Aggregation, string> = {
  sum: "Cộng các đơn vị",
  pooled: "Tỷ lệ gộp (tử số cộng / mẫu số cộng)",
  answers: "Đếm theo câu trả lời",
  same: "Như nhau ở mọi đơn vị (không cộng)",
  manual: "Cán bộ tự xác định",
  none: "",
};
