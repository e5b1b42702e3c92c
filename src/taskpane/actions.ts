/**
 * What the task pane does, without the UI: building insert plans, turning
 * findings and fill actions into host calls, reading unit files (with
 * progress) and rosters, preparing the consolidation. Plain functions over
 * the core, tested under Node (test/taskpane).
 */
import { builtinTemplates, CatalogError, parseTemplateJson } from "../catalog";
import type { TemplateSpec } from "../catalog/types";
import type { CheckedWorkbook } from "../core/check-workbook";
import type { UnitInput } from "../core/consolidate";
import type { FillAction } from "../core/fill";
import type { Finding } from "../core/findings";
import { defaultSheetName, type FormSheetPlan, planFormSheet, type SheetHeader } from "../core/form-layout";
import { freeSheetName, type HighlightSeverity } from "../core/host";
import { ruleLabel } from "../core/report";
import { fileProgress, type FileProgress } from "../app/consolidation";
import { readUnitSource, type UnitSource } from "../app/unit-source";
import { jsonProblem } from "./pane-text";

// The workflow steps shared with the command line live in src/app; the panels import them from here.
export { allTemplates, intoChoices } from "../app/templates";
export { slug, templateFileName, withSuffix } from "../browser/file-names";
export { isUnitFileName } from "../app/unit-files";
export { fillCounts, fillWrites } from "../app/fill";
export { parseRoster, RosterError } from "../app/roster";
export { MAX_FILE_BYTES, readUnitSource, sha256Hex, type UnitSource } from "../app/unit-source";
export {
  consolidationAnnouncement,
  consolidationBytes,
  type ConsolidationOutcome,
  type ConsolidationRequest,
  FILE_STATE_LABEL,
  fileProgress,
  type FileProgress,
  type FileState,
  runConsolidation,
  statusCount,
  UNIT_STATUS_LABEL,
} from "../app/consolidation";

export const SEVERITY_LABEL: Record<HighlightSeverity, string> = { error: "Lỗi", warning: "Cảnh báo", info: "Thông tin" };

// ---------------------------------------------------------------------------
// Templates
// ---------------------------------------------------------------------------

export type LoadedTemplate = { ok: true; template: TemplateSpec; replaces?: string } | { ok: false; problems: string[] };

/** A province's own template file (.json) → the template, or its problems in Vietnamese. */
export function loadTemplateText(text: string, fileName: string): LoadedTemplate {
  try {
    const template = parseTemplateJson(text.replace(/^\uFEFF/, ""), fileName);
    const builtin = builtinTemplates().find((t) => t.id === template.id);
    return { ok: true, template, ...(builtin ? { replaces: builtin.id } : {}) };
  } catch (e) {
    if (e instanceof CatalogError) return { ok: false, problems: e.problems.map((p) => `${p.where}: ${p.message}`) };
    return { ok: false, problems: [jsonProblem(fileName, e)] };
  }
}

// ---------------------------------------------------------------------------
// Insert
// ---------------------------------------------------------------------------

export interface InsertPlan {
  plans: FormSheetPlan[];
  /** Each form's sheet: the wanted name and the name given (differs when the wanted one exists). */
  sheets: { form: number; wanted: string; name: string }[];
}

/** Plans the chosen forms' sheets with names not yet in the workbook ("Biểu mẫu 1 (2)" when needed). */
export function planInsert(template: TemplateSpec, forms: number[], header: SheetHeader, existing: string[]): InsertPlan {
  const taken = [...existing];
  const plans: FormSheetPlan[] = [];
  const sheets: InsertPlan["sheets"] = [];
  const clean = (s: string | undefined) => {
    const t = s?.normalize("NFC").trim();
    return t ? t : undefined;
  };
  const h: SheetHeader = { unit: clean(header.unit), period: clean(header.period) };
  for (const form of template.forms.filter((f) => forms.includes(f.number))) {
    const wanted = defaultSheetName(form);
    const name = freeSheetName(wanted, taken);
    taken.push(name);
    plans.push(planFormSheet(template, form, h, name));
    sheets.push({ form: form.number, wanted, name });
  }
  return { plans, sheets };
}

/** "Đã chèn 3 trang: …" with the renamed ones explained. */
export function describeInsert(sheets: InsertPlan["sheets"]): string {
  const names = sheets.map((s) => `"${s.name}"`).join(", ");
  const renamed = sheets.filter((s) => s.name !== s.wanted);
  const why = renamed.length
    ? ` Trang ${renamed.map((s) => `"${s.wanted}"`).join(", ")} đã có nên trang mới được đặt tên ${renamed.map((s) => `"${s.name}"`).join(", ")} (không ghi đè trang cũ).`
    : "";
  return `Đã chèn ${sheets.length} trang: ${names}.${why}`;
}

// ---------------------------------------------------------------------------
// Validate
// ---------------------------------------------------------------------------

export interface FindingGroup {
  form: number;
  /** "Biểu mẫu 3 — Cải cách thủ tục hành chính", "Toàn sổ làm việc" for form 0. */
  title: string;
  findings: Finding[];
  counts: Record<HighlightSeverity, number>;
}

const SEVERITY_ORDER: Record<HighlightSeverity, number> = { error: 0, warning: 1, info: 2 };

/** Findings grouped by form (workbook-level first), each group in the checker's order. */
export function groupFindings(checked: CheckedWorkbook): FindingGroup[] {
  const template = checked.located.template;
  const groups = new Map<number, FindingGroup>();
  for (const f of checked.findings) {
    let g = groups.get(f.form);
    if (!g) {
      const spec = template?.forms.find((x) => x.number === f.form);
      const title = f.form === 0 ? "Toàn sổ làm việc" : `Biểu mẫu ${f.form}${spec ? ` — ${spec.title}` : ""}`;
      g = { form: f.form, title, findings: [], counts: { error: 0, warning: 0, info: 0 } };
      groups.set(f.form, g);
    }
    g.findings.push(f);
    g.counts[f.severity]++;
  }
  return [...groups.values()].sort((a, b) => a.form - b.form);
}

/** One highlight per cell, with the worst severity found there. */
export function highlightTargets(findings: Finding[]): { ref: string; severity: HighlightSeverity }[] {
  const worst = new Map<string, HighlightSeverity>();
  for (const f of findings) {
    if (!f.cell) continue;
    const prev = worst.get(f.cell);
    if (!prev || SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[prev]) worst.set(f.cell, f.severity);
  }
  return [...worst].map(([ref, severity]) => ({ ref, severity }));
}

export const FINDINGS_HEADER = [
  "Mức độ",
  "Biểu mẫu",
  "STT",
  "Chỉ tiêu",
  "Ô",
  "Giá trị đọc được",
  "Giá trị đúng",
  "Quy tắc",
  "Nội dung",
  "Đề xuất",
];

/** Findings as a plain table (for "Xuất ra trang tính"). */
export function findingsTable(findings: Finding[]): { header: string[]; rows: (string | number | null)[][] } {
  const rows = findings.map((f) => [
    SEVERITY_LABEL[f.severity],
    f.form === 0 ? null : f.form,
    f.code || null,
    f.label || null,
    f.cell || null,
    f.actual,
    f.expected,
    ruleLabel(f.rule),
    f.message,
    f.fix ?? null,
  ]);
  return { header: [...FINDINGS_HEADER], rows };
}

// ---------------------------------------------------------------------------
// Fill
// ---------------------------------------------------------------------------

export const FILL_ACTION_LABEL: Record<FillAction["action"], string> = { filled: "Điền", overwritten: "Thay", kept: "Giữ" };

/** The fill message as the task pane says it (the command line's option name replaced by the pane's). */
export function fillMessage(a: FillAction): string {
  return a.message.replace("Dùng --overwrite để thay.", "Chọn “Ghi đè số đã nhập” để thay.");
}

// ---------------------------------------------------------------------------
// Consolidate: rosters and unit files
// ---------------------------------------------------------------------------

export function unitSourceOf(file: File, name = file.webkitRelativePath || file.name): UnitSource {
  return { name, size: file.size, lastModified: file.lastModified, read: async () => new Uint8Array(await file.arrayBuffer()) };
}

export interface ReadProgressOptions {
  /** Called after each file, in input order. */
  onFile?: (done: number, total: number, progress: FileProgress) => void;
  /** Awaited between files so the page stays responsive (default: a macrotask). */
  pause?: () => Promise<void>;
  /** Stop early (the files read so far are returned). */
  signal?: { aborted: boolean };
}

/** A macrotask: lets the browser paint and handle input between files. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Reads the unit files one after another, reporting each and yielding between them. */
export async function readUnitSources(
  sources: UnitSource[],
  templates: TemplateSpec[],
  options: ReadProgressOptions = {},
): Promise<UnitInput[]> {
  const pause = options.pause ?? nextTask;
  const inputs: UnitInput[] = [];
  for (const source of sources) {
    if (options.signal?.aborted) break;
    const input = await readUnitSource(source, templates);
    inputs.push(input);
    options.onFile?.(inputs.length, sources.length, fileProgress(input));
    await pause();
  }
  return inputs;
}

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toLocaleString("vi-VN", { maximumFractionDigits: 0 })} KB`;
  return `${(n / 1048576).toLocaleString("vi-VN", { maximumFractionDigits: 1 })} MB`;
}

/** Adds newly picked files to the list; the same file (name, size, time) picked twice is listed once. */
export function mergeSources(current: UnitSource[], added: UnitSource[]): UnitSource[] {
  const key = (s: UnitSource) => `${s.name}\u0000${s.size}\u0000${s.lastModified ?? ""}`;
  const seen = new Set(current.map(key));
  const out = [...current];
  for (const s of added) {
    if (seen.has(key(s))) continue;
    seen.add(key(s));
    out.push(s);
  }
  return out;
}
