/**
 * Consolidation: many units' located forms → the province's figures, by each
 * row's aggregation in the catalog (DOMAIN.md §6). Missing, duplicate,
 * unreadable and erroneous units stay visible; every number keeps its units.
 */
import type { Aggregation, FormSpec, RowSpec, TemplateSpec } from "../catalog/types";
import type { CheckedWorkbook } from "./check-workbook";
import { detachText, detachTexts, markDetached, SLICED_FROM } from "./detach";
import type { Finding } from "./findings";
import type { WorkbookGrid } from "./grid";
import { comparePeriods, isCutShort, parsePeriod, samePeriod } from "./header";
import { ContentHasher, contentText, sameContentGroups } from "./fingerprint";
import { consolidateForm, formColumns } from "./consolidate-form";
import { nameKey, namesSharingFold, similarNamesIndex } from "./unit-names";

export { unitKey, similarUnitNames } from "./unit-names";

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
  /** Set when the workbook was written by this tool ("consolidation" for a province's consolidation). */
  origin?: string;
  forms: { form: number; sheet: string; values: Record<string, { raw: string; value: number | null; address: string }> }[];
  /** Forms of the template not found in the file: the unit's report is incomplete. */
  missingForms?: number[];
  /** The error findings (the check sheet lists them; warnings and notes are only counted). */
  findings: Finding[];
  /**
   * contentHash (fingerprint.ts) of `forms`, made where the unit is read (on every core) so that the
   * duplicate check does not walk every unit's values again; null when it has none. Absent: made then.
   */
  contentHash?: number | null;
  counts: { error: number; warning: number; info: number };
}

/**
 * `grid`, when given, tells whether this tool wrote the workbook (see `workbookOrigin`).
 * The texts are copied as the data is made (see core/detach.ts: none keeps the file's XML alive,
 * so memory stays flat in the number of files), and the data is marked so that the caller's
 * `detachTexts` does not walk its values again. `_toJson` (a worker's reply, turned into JSON at
 * once) is no longer needed: the copies are few (texts of 13 characters or more) and cheap.
 */
export function unitData(checked: CheckedWorkbook, grid?: WorkbookGrid, _toJson = false): UnitData {
  return markDetached(buildUnitData(checked, grid));
}

function capFinding(f: Finding): Finding {
  const text = (v: Finding["actual"]) => (typeof v === "string" ? capText(v, 200) : v);
  return {
    ...f,
    label: capText(f.label, 200),
    actual: text(f.actual),
    expected: text(f.expected),
    message: capText(f.message, 600),
    ...(f.fix ? { fix: capText(f.fix, 600) } : {}),
  };
}

function buildUnitData(checked: CheckedWorkbook, grid?: WorkbookGrid): UnitData {
  const { located } = checked;
  const origin = grid ? workbookOrigin(grid) : undefined;
  const hash = new ContentHasher();
  const forms = checked.forms.map((fv) => ({
    form: fv.form.number,
    sheet: detachText(fv.located.sheet),
    values: unitValues(fv.byCode, String(fv.form.number), hash),
  }));
  const issue = located.forms.length === 0 ? located.issues[0]?.message : undefined;
  return {
    ...(origin ? { origin: detachText(origin) } : {}),
    templateId: located.template && detachText(located.template.id),
    unit: located.unit === undefined ? undefined : detachText(capText(located.unit)),
    period: located.period === undefined ? undefined : detachText(capText(located.period)),
    issue: issue === undefined ? undefined : detachText(issue),
    forms,
    // Of the forms as kept (texts cut to MAX_UNIT_TEXT): what the duplicate check would hash.
    contentHash: hash.result() ?? null,
    ...(located.missingForms?.length ? { missingForms: located.missingForms.map((f) => f.number) } : {}),
    // Only errors are shown per cell; carrying every note across threads was half of each unit's data.
    findings: detachTexts(checked.findings.filter((f) => f.severity === "error").map(capFinding)),
    counts: checked.counts,
  };
}

/**
 * A form's values as plain data, in the located order, texts detached. One forEach: no iterator
 * results or [code, value] pairs made per value (as for…of over the Map makes). Each value is added
 * to `hash` as it is made (the unit's contentHash), not walked again afterwards.
 */
function unitValues(
  byCode: CheckedWorkbook["forms"][number]["byCode"],
  form: string,
  hash: ContentHasher,
): UnitData["forms"][number]["values"] {
  const values: UnitData["forms"][number]["values"] = {};
  byCode.forEach((v, code) => {
    // A short text is neither cut nor copied (detach.ts): no call made for it (most values and addresses).
    const raw = v.raw.length < SLICED_FROM ? v.raw : detachText(capText(v.raw));
    hash.add(form, code, raw);
    // A number too large to be finite ("<v>" of 309 nines) is a finding of that file, never a figure to add.
    const address = v.address.length < SLICED_FROM ? v.address : detachText(v.address);
    const n = v.value;
    // finiteOrNull without its call: n - n is 0 for a finite number only (NaN for NaN and ±Infinity).
    const value = { raw, value: typeof n === "number" && n - n === 0 ? n : null, address };
    // "__proto__" would set the prototype: kept as an own property, as Object.fromEntries does.
    if (code === "__proto__") Object.defineProperty(values, code, { value, enumerable: true, writable: true, configurable: true });
    else values[code] = value;
  });
  return values;
}

/** Longest text kept from a unit's cell, name or period: longer texts are cut, with an ellipsis. */
export const MAX_UNIT_TEXT = 500;

function capText(text: string, max = MAX_UNIT_TEXT): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
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

export type UnitStatus =
  | "ok"
  | "errors"
  | "excluded"
  | "duplicate"
  | "unreadable"
  | "other-template"
  | "no-form"
  /** A consolidation this tool wrote, saved among the units' files: never summed. */
  | "own-output"
  /** Another reporting period than the consolidation's ("khác kỳ báo cáo"): not summed. */
  | "other-period";

/** Statuses of files that are not a unit's report of this template (listed under "skipped"). */
const SKIPPED_STATUSES: UnitStatus[] = ["unreadable", "other-template", "no-form", "own-output", "other-period"];

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
  /** The period the unit's header names (normalised), when found. */
  period?: string;
  /** Why the officer should look at the unit although it is summed (no period found, another period included on request, same figures as another unit). */
  notes: string[];
  input: UnitInput;
}

export interface Duplicate {
  unit: string;
  /** Every file of that unit (or with that content); the first is counted. */
  files: string[];
  /** The file counted; "" when none is (equal modification times, different figures). */
  kept: string;
  by: "name" | "content";
  /** Set when the files were modified at the same time with different figures: none is counted. */
  tie?: boolean;
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
  /** Each included unit's sheet holding the form (its first of that number; undefined: none), made with the columns. */
  sheets?: (string | undefined)[];
}

export interface Consolidation {
  template: TemplateSpec;
  /** Every file, in input order. */
  units: UnitEntry[];
  /** Units counted, in column order. */
  included: UnitEntry[];
  skipped: { file: string; reason: string; /** Reason code: the unit status. */ code: UnitStatus; period?: string }[];
  duplicates: Duplicate[];
  /** Roster names with no file. */
  missing: string[];
  /** Units not on the roster (when a roster was given). */
  unexpected: string[];
  /** Names that differ only by diacritics (received vs roster, or received vs received): never merged, only suggested. */
  suggestions: { unit: string; like: string; where: "roster" | "units" }[];
  /** The period consolidated: the one asked for, else the one most units report. */
  period?: string;
  forms: ConsolidatedForm[];
}

export interface ConsolidateOptions {
  /** Use this template; otherwise the one most files hold. */
  templateId?: string;
  /** Leave out units whose sheets have errors (they are still listed). */
  excludeErrors?: boolean;
  /** Expected unit names. */
  roster?: string[];
  /** The period to consolidate ("Quý I năm 2024"); default the one most units report. */
  period?: string;
  /** Other periods whose units are summed anyway (the officer's decision); "*" for every period. */
  includePeriods?: string[];
}

/**
 * A unit named from its file name: the name without extension and copy number,
 * with its folder, since two communes may send files of the same name
 * ("huyen-a/Bao cao CCHC Quy I.xlsx" and "huyen-b/Bao cao CCHC Quy I.xlsx").
 * "ubnd_xa_le_hong (1).xlsx" → "ubnd xa le hong".
 */
export function unitNameFromFile(file: string): string {
  const parts = file.split(/[\\/]/);
  const base = (parts.pop() ?? file)
    .replace(/\.[^.]+$/, "")
    .replace(/\s*\(\d+\)$/, "")
    .replace(/[_]+/g, " ")
    .trim();
  const folder = parts.filter((p) => p && p !== ".").join("/");
  return folder ? `${base} (${folder})` : base;
}

/** The hidden name (and custom property) that marks a workbook this tool wrote. */
export const ORIGIN_NAME = "_BieuMau_NguonGoc";
export const ORIGIN_CONSOLIDATION = "tong-hop";

/**
 * Whether this tool wrote the workbook: by the mark our writers put in it, else
 * by a consolidation's shape (older consolidations carry no mark): its "Kiểm tra"
 * and "Nguồn" sheets beside "Chi tiết N" sheets.
 */
export function workbookOrigin(grid: WorkbookGrid): string | undefined {
  if (grid.origin) return grid.origin;
  const names = new Set(grid.sheets.map((s) => s.name));
  if (names.has("Kiểm tra") && names.has("Nguồn") && grid.sheets.some((s) => /^Chi tiết \d+$/.test(s.name))) return ORIGIN_CONSOLIDATION;
  return undefined;
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
    if (f.valueColumns && f.valueColumns.length > 1)
      return [`${name} có ${f.valueColumns.length} cột số liệu (${f.valueColumns.join(", ")}), bảng tổng hợp chỉ có một cột`];
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
  const period = markPeriods(units, options);
  // Each name's key made once per consolidation (the duplicate check, the roster and the likeness each ask).
  const keyOf = memoKeys();
  const duplicates = markDuplicates(units, keyOf);
  const included = units.filter((u) => u.status === "ok" || u.status === "errors");
  const skipped = units
    .filter((u) => SKIPPED_STATUSES.includes(u.status))
    .map((u) => ({
      file: u.file,
      reason: u.reason ?? "",
      code: u.status,
      ...(u.status === "other-period" && u.period ? { period: u.period } : {}),
    }));

  const received = units.filter((u) => !SKIPPED_STATUSES.includes(u.status) || u.status === "other-period");
  const { missing, unexpected, suggestions } = compareRoster(options.roster, received, keyOf);
  suggestions.push(...similarReceived(received, keyOf));
  const sheets: (string | undefined)[][] = [];
  const columns = formColumns(template.forms, included, sheets);
  const forms = template.forms.map((form, i) => ({ form, rows: consolidateForm(form, included, columns[i]), sheets: sheets[i] }));
  return { template, units, included, skipped, duplicates, missing, unexpected, suggestions, ...(period ? { period } : {}), forms };
}

/** The most common period among the units of this template (ties: the latest period). */
function commonPeriod(units: UnitEntry[]): string | undefined {
  const votes = new Map<string, number>();
  for (const u of units) if (u.period && COUNTABLE.includes(u.status)) votes.set(u.period, (votes.get(u.period) ?? 0) + 1);
  return [...votes].sort((a, b) => b[1] - a[1] || comparePeriods(b[0], a[0]))[0]?.[0];
}

const COUNTABLE: UnitStatus[] = ["ok", "errors", "excluded"];

/**
 * One report is one period (DOMAIN.md §6): a unit of another period is not
 * summed unless the officer includes that period; a unit whose period cannot
 * be found is summed and flagged. Returns the consolidation's period.
 */
function markPeriods(units: UnitEntry[], options: ConsolidateOptions): string | undefined {
  const asked = options.period?.trim();
  const period = asked ? (parsePeriod(asked) ?? asked) : commonPeriod(units);
  if (!period) {
    for (const u of units) if (COUNTABLE.includes(u.status)) u.notes.push("không tìm thấy kỳ báo cáo ở đầu biểu");
    return undefined;
  }
  const include = (options.includePeriods ?? []).map((p) => p.trim()).filter(Boolean);
  const included = (p: string) => include.includes("*") || include.some((x) => samePeriod(parsePeriod(x) ?? x, p));
  // Units of a province write the same few periods: each distinct one compared once.
  const same = new Map<string, boolean>();
  const isSame = (p: string) => same.get(p) ?? same.set(p, samePeriod(p, period)).get(p)!;
  for (const u of units) {
    if (!COUNTABLE.includes(u.status)) continue;
    if (!u.period) u.notes.push(`không tìm thấy kỳ báo cáo ở đầu biểu: vẫn cộng vào ${period}, cần kiểm tra`);
    else if (isSame(u.period)) {
      if (u.period !== period) u.notes.push(`kỳ báo cáo ghi "${u.period}", không ghi năm`);
    } else if (included(u.period)) u.notes.push(`khác kỳ báo cáo (${u.period}) nhưng vẫn cộng theo yêu cầu`);
    else {
      u.status = "other-period";
      u.reason = `khác kỳ báo cáo: ${u.period} (đang tổng hợp ${period}); không cộng`;
    }
  }
  return period;
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
  const fromHeader = input.data?.unit?.trim() || undefined;
  const unit = fromHeader ?? unitNameFromFile(input.file);
  const period = input.data?.period?.trim() || undefined;
  const unitFrom = fromHeader ? ("header" as const) : ("file-name" as const);
  const notes = isCutShort(fromHeader) ? ["tên đơn vị ở đầu biểu dài bất thường, đã cắt ngắn"] : [];
  // The same keys in the same order as `{ …, ...(period ? { period } : {}), notes, input }`, without the spread.
  const base = period
    ? { file: input.file, unit, unitFrom, errors: 0, warnings: 0, errorFindings: [] as Finding[], period, notes, input }
    : { file: input.file, unit, unitFrom, errors: 0, warnings: 0, errorFindings: [] as Finding[], notes, input };
  const data = input.data;
  if (input.error || !data) return { ...base, status: "unreadable", reason: input.error ?? "không đọc được" };
  // Marked, or named as our consolidation sheets name their unit ("Tổng hợp 12 đơn vị", "Tổng hợp từ 12 đơn vị (mẫu …)").
  if (data.origin === ORIGIN_CONSOLIDATION || /^Tổng hợp (?:từ )?\d+ đơn vị(?![\p{L}])/u.test(data.unit ?? "")) {
    return {
      ...base,
      status: "own-output",
      reason: "là bảng tổng hợp do Biểu mẫu CCHC tạo ra, không phải báo cáo của một đơn vị: không cộng (tránh tính hai lần)",
    };
  }
  if (!data.templateId || data.forms.length === 0) {
    return { ...base, status: "no-form", reason: data.issue ?? "không tìm thấy biểu mẫu nào" };
  }
  if (data.templateId !== template.id) {
    return {
      ...base,
      status: "other-template",
      template: data.templateId,
      reason: `là mẫu ${data.templateId}, không cùng mẫu ${template.id} đang tổng hợp`,
    };
  }
  const errorFindings = data.findings.filter((f) => f.severity === "error");
  // `{ ...base, template, errors, warnings, errorFindings, status }` spelled out (the same keys in the
  // same order): the usual unit's entry, made 3,321 times without copying `base`.
  const status: UnitStatus = errorFindings.length > 0 ? (options.excludeErrors ? "excluded" : "errors") : "ok";
  const errors = data.counts.error;
  const warnings = data.counts.warning;
  const entry: UnitEntry = period
    ? { file: input.file, unit, unitFrom, errors, warnings, errorFindings, period, notes, input, template: template.id, status }
    : { file: input.file, unit, unitFrom, errors, warnings, errorFindings, notes, input, template: template.id, status };
  // Forms missing: the report is incomplete, never "đạt" (its other forms are still counted).
  const missing = data.missingForms ?? [];
  if (missing.length > 0) {
    if (entry.status === "ok") entry.status = "errors";
    entry.reason = `thiếu ${missing.map((n) => template.forms.find((f) => f.number === n)?.caption ?? `Biểu mẫu ${n}`).join(", ")}`;
  }
  return entry;
}

/** Values of one unit as sorted "form/code=raw" lines: identical content means the same report. */
const fingerprint = (u: UnitEntry): string | undefined => contentText(u.input.data?.forms);

const byModifiedDesc = (a: UnitEntry, b: UnitEntry) => (b.input.modified ?? "").localeCompare(a.input.modified ?? "");

function groupBy(units: UnitEntry[], key: (u: UnitEntry) => string | undefined): UnitEntry[][] {
  const groups = new Map<string, UnitEntry[]>();
  for (const u of units) {
    const k = key(u);
    if (k === undefined) continue;
    const list = groups.get(k) ?? [];
    list.push(u);
    groups.set(k, list);
  }
  return [...groups.values()].filter((g) => g.length > 1);
}

/**
 * The same unit twice: same unit name (compared exactly, apart from case,
 * spacing and the "UBND" prefix; never by diacritics-free text). The most
 * recently modified file counts; files modified at the same time with
 * different figures cannot be told apart: none is counted and the tie is said.
 * Identical figures under two names from headers are two units that may have
 * copied each other: both counted, both flagged. A file named only by its
 * file name with the figures of another file is that file again.
 */
function markDuplicates(units: UnitEntry[], keyOf: (name: string) => string): Duplicate[] {
  const duplicates: Duplicate[] = [];
  const counted = () => units.filter((u) => COUNTABLE.includes(u.status));
  for (const list of groupBy(counted(), (u) => keyOf(u.unit))) {
    const sorted = [...list].sort(byModifiedDesc);
    const latest = sorted.filter((u) => (u.input.modified ?? "") === (sorted[0].input.modified ?? ""));
    const tied = latest.length > 1 && new Set(latest.map((u) => fingerprint(u) ?? u.input.sha256 ?? u.file)).size > 1;
    if (tied) {
      const files = latest.map((u) => u.file);
      for (const u of list) {
        u.status = "duplicate";
        u.reason = latest.includes(u)
          ? `trùng đơn vị với ${files.filter((f) => f !== u.file).join(", ")}: sửa cùng thời điểm (${u.input.modified ?? "không rõ"}) nhưng số liệu khác nhau, không biết tệp nào mới hơn nên chưa cộng tệp nào — hãy giữ lại một tệp rồi tổng hợp lại`
          : `trùng đơn vị, cũ hơn ${files.join(", ")}`;
      }
      duplicates.push({ unit: sorted[0].unit, files: sorted.map((u) => u.file), kept: "", by: "name", tie: true });
      continue;
    }
    const kept = sorted[0];
    for (const u of sorted.slice(1)) {
      u.status = "duplicate";
      u.reason = `trùng đơn vị với tệp ${kept.file} (tệp đó mới hơn hoặc cùng nội dung, được dùng)`;
    }
    duplicates.push({ unit: kept.unit, files: sorted.map((u) => u.file), kept: kept.file, by: "name" });
  }
  for (const list of sameContentGroups(
    counted(),
    (u) => u.input.data?.forms,
    (u) => u.input.data?.contentHash,
  )) {
    const named = list.filter((u) => u.unitFrom === "header");
    const unnamed = list.filter((u) => u.unitFrom === "file-name");
    if (unnamed.length > 0) {
      const kept = named[0] ?? [...unnamed].sort(byModifiedDesc)[0];
      for (const u of unnamed) {
        if (u === kept) continue;
        u.status = "duplicate";
        u.reason = `trùng nội dung với tệp ${kept.file} (đơn vị ${kept.unit}; tệp đó được dùng)`;
      }
      duplicates.push({
        unit: kept.unit,
        files: [kept.file, ...unnamed.filter((u) => u !== kept).map((u) => u.file)],
        kept: kept.file,
        by: "content",
      });
    }
    if (named.length > 1) {
      for (const u of named) {
        const others = named.filter((o) => o !== u).map((o) => `${o.unit} (${o.file})`);
        u.notes.push(`số liệu giống hệt ${others.join(", ")}: hai đơn vị khác nhau nên đều được cộng — kiểm tra có gửi nhầm tệp không`);
      }
    }
  }
  return duplicates;
}

function compareRoster(
  roster: string[] | undefined,
  received: UnitEntry[],
  keyOf: (name: string) => string,
): { missing: string[]; unexpected: string[]; suggestions: Consolidation["suggestions"] } {
  if (!roster) return { missing: [], unexpected: [], suggestions: [] };
  const counted = received.filter((u) => u.status !== "duplicate" && u.status !== "other-period");
  const have = new Set(received.map((u) => keyOf(u.unit)));
  const expected = new Set(roster.map(keyOf));
  const missing = roster.filter((name) => !have.has(keyOf(name)));
  const unexpected = counted.filter((u) => !expected.has(keyOf(u.unit))).map((u) => u.unit);
  const suggestions: Consolidation["suggestions"] = [];
  const similarMissing = similarNamesIndex(missing, keyOf);
  for (const unit of unexpected) {
    for (const like of similarMissing(unit)) suggestions.push({ unit, like, where: "roster" });
  }
  return { missing, unexpected, suggestions };
}

/** nameKey, each distinct name's key made once (names are compared several times over). */
function memoKeys(): (name: string) => string {
  const keys = new Map<string, string>();
  return (name) => {
    let key = keys.get(name);
    if (key === undefined) keys.set(name, (key = nameKey(name)));
    return key;
  };
}

/** Received units whose names differ only by diacritics ("xã Đông Hòa", "xã Đồng Hòa"): both kept, the likeness said. */
function similarReceived(received: UnitEntry[], keyOf: (name: string) => string): Consolidation["suggestions"] {
  const names = [...new Set(received.filter((u) => COUNTABLE.includes(u.status)).map((u) => u.unit))];
  const out: Consolidation["suggestions"] = [];
  const seen = new Set<string>();
  // A name alone in its diacritics-free group (most) has no like: the index is made and asked for the others only.
  let similarNames: ((name: string) => string[]) | undefined;
  for (const unit of namesSharingFold(names, keyOf)) {
    similarNames ??= similarNamesIndex(names, keyOf);
    for (const like of similarNames(unit)) {
      const pair = [keyOf(unit), keyOf(like)].sort().join("\n");
      if (seen.has(pair)) continue;
      seen.add(pair);
      out.push({ unit, like, where: "units" });
    }
  }
  // The first suggestion naming each unit (as `out.find` would), by key: not a scan per unit.
  const firstNaming = new Map<string, Consolidation["suggestions"][number]>();
  for (const s of out) {
    for (const k of [keyOf(s.unit), keyOf(s.like)]) if (!firstNaming.has(k)) firstNaming.set(k, s);
  }
  for (const u of received) {
    const like = out.length ? firstNaming.get(keyOf(u.unit)) : undefined;
    if (like) {
      const other = keyOf(like.unit) === keyOf(u.unit) ? like.like : like.unit;
      u.notes.push(`tên gần giống "${other}" (chỉ khác dấu): tính là hai đơn vị khác nhau`);
    }
  }
  return out;
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
