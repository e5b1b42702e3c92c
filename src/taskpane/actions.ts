/**
 * What the task pane does, without the UI: building insert plans, turning
 * findings and fill actions into host calls, reading unit files (with
 * progress) and rosters, preparing the consolidation. Plain functions over
 * the core, tested under Node (test/taskpane).
 */
import { foldText } from "../core/text";
import { builtinTemplates, CatalogError, parseTemplateJson } from "../catalog";
import type { TemplateSpec } from "../catalog/types";
import type { CheckedWorkbook } from "../core/check-workbook";
import { checkWorkbook } from "../core/check-workbook";
import { consolidate, unitData, type Consolidation, type UnitInput, type UnitStatus } from "../core/consolidate";
import type { FillAction } from "../core/fill";
import type { Finding } from "../core/findings";
import { defaultSheetName, type FormSheetPlan, planFormSheet, type SheetHeader } from "../core/form-layout";
import { cellText } from "../core/grid";
import { type CellWrite, freeSheetName, type HighlightSeverity } from "../core/host";
import { ruleLabel } from "../core/report";
import { XlsxWriter } from "../xlsx/fast-writer";
import { jsonProblem, notTextReason } from "./pane-text";
import { readAnyWorkbookGrid } from "../xlsx/legacy/read-any";
import { ReadError, readWorkbookGrid } from "../xlsx/read-grid";
import { writeConsolidationWorkbook } from "../xlsx/write-consolidation";

/** Larger than any real report (same limit as the command line). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

export const SEVERITY_LABEL: Record<HighlightSeverity, string> = { error: "Lỗi", warning: "Cảnh báo", info: "Thông tin" };

// ---------------------------------------------------------------------------
// Templates
// ---------------------------------------------------------------------------

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

/** Templates that a consolidation of some template can also fill ("--into"). */
export function intoChoices(templates: TemplateSpec[]): TemplateSpec[] {
  const ids = new Set(templates.flatMap((t) => (t.mappings ?? []).map((m) => m.into)));
  return templates.filter((t) => ids.has(t.id));
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

/** "bnv581-xa" + "UBND xã A" → "bnv581-xa-ubnd-xa-a.xlsx" */
export function templateFileName(template: TemplateSpec, unit?: string): string {
  const u = unit ? slug(unit) : "";
  return `${template.id}${u ? `-${u}` : ""}.xlsx`;
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

export const FINDINGS_HEADER = ["Mức độ", "Biểu mẫu", "STT", "Chỉ tiêu", "Ô", "Giá trị đọc được", "Giá trị đúng", "Quy tắc", "Nội dung", "Đề xuất"];

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

/** A one-sheet .xlsx holding a plain table (header in bold, frozen). */
export function tableWorkbookBytes(sheetName: string, header: string[], rows: (string | number | null)[][]): Uint8Array {
  const writer = new XlsxWriter({ creator: "Biểu mẫu CCHC", title: sheetName });
  const head = writer.style({ bold: true, border: true, wrap: true, vAlign: "middle", fill: "DDEBF7" });
  const body = writer.style({ border: true, wrap: true, vAlign: "top" });
  const widths = header.map((h, i) => Math.min(60, Math.max(10, h.length + 2, ...rows.slice(0, 200).map((r) => String(r[i] ?? "").length * 0.9))));
  const sheet = writer.addSheet(sheetName.slice(0, 31), { columns: widths.map((width) => ({ width })), freeze: { rows: 1 }, print: { landscape: true, fitToWidth: true } });
  sheet.row(1, header.map((h, i) => ({ col: i + 1, value: h, style: head })));
  rows.forEach((r, idx) =>
    sheet.row(
      idx + 2,
      // Text is written as text (a message starting with "=" never becomes a formula).
      r.map((v, i) => ({ col: i + 1, value: v === null ? undefined : v, style: body })),
    ),
  );
  sheet.end();
  return writer.finish();
}

// ---------------------------------------------------------------------------
// Fill
// ---------------------------------------------------------------------------

/** What to write for the fill actions (kept values are not written). */
export function fillWrites(actions: FillAction[]): CellWrite[] {
  return actions
    .filter((a) => a.action !== "kept")
    .map((a) => ({ sheet: a.sheet, address: a.address, value: a.value, ...(a.formula ? { formula: a.formula } : {}) }));
}

export function fillCounts(actions: FillAction[]): { filled: number; overwritten: number; kept: number } {
  const n = (k: FillAction["action"]) => actions.filter((a) => a.action === k).length;
  return { filled: n("filled"), overwritten: n("overwritten"), kept: n("kept") };
}

export const FILL_ACTION_LABEL: Record<FillAction["action"], string> = { filled: "Điền", overwritten: "Thay", kept: "Giữ" };

/** The fill message as the task pane says it (the command line's option name replaced by the pane's). */
export function fillMessage(a: FillAction): string {
  return a.message.replace("Dùng --overwrite để thay.", "Chọn “Ghi đè số đã nhập” để thay.");
}

/** "xa-A.xlsx" → "xa-A-da-tinh.xlsx" */
export function withSuffix(fileName: string, suffix: string): string {
  const base = fileName.replace(/\.(xlsx|xlsm|xls|ods)$/i, "");
  return `${base}${suffix}.xlsx`;
}

// ---------------------------------------------------------------------------
// Consolidate: rosters and unit files
// ---------------------------------------------------------------------------

/** A roster: one unit per line (.txt, .csv) or the first column of an .xlsx (a header cell is skipped). */
export function parseRoster(fileName: string, bytes: Uint8Array): string[] {
  let names: string[];
  if (!/\.(txt|csv|xlsx|xlsm|xls)$/i.test(fileName)) {
    const what = notTextReason(fileName, bytes);
    throw new Error(`${what ?? `${fileName} không phải danh sách đơn vị`}: hãy chọn tệp .txt, .csv (mỗi dòng một đơn vị) hoặc .xlsx (cột đầu)`);
  }
  if (/\.xls[xm]?$/i.test(fileName)) {
    let grid;
    try {
      grid = readWorkbookGrid(bytes);
    } catch (e) {
      const why = e instanceof ReadError ? e.message : "không đọc được tệp";
      throw new Error(`danh sách đơn vị ${fileName}: ${why}`);
    }
    const sheet = grid.sheets[0];
    names = (sheet?.rows ?? []).map((row) => cellText(row.find((c) => c && c.value !== null)));
  } else {
    const junk = notTextReason(fileName, bytes);
    if (junk) throw new Error(junk);
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      throw new Error(`danh sách đơn vị ${fileName}: không phải văn bản UTF-8 (hãy lưu tệp .txt với mã UTF-8, hoặc dùng .xlsx)`);
    }
    names = text.split(/\r?\n/).map((line) => (/\.csv$/i.test(fileName) ? (line.split(/[,;\t]/)[0] ?? "").replace(/^"|"$/g, "") : line));
  }
  const cleaned = names.map((n) => n.normalize("NFC").replace(/^\uFEFF/, "").trim()).filter((n) => n && !n.startsWith("#"));
  if (cleaned.length > 0 && /^(stt|tên đơn vị|đơn vị|danh sách)/i.test(cleaned[0])) cleaned.shift();
  if (cleaned.length === 0) throw new Error(`danh sách đơn vị ${fileName} trống`);
  return cleaned;
}

/** Hex SHA-256 (Web Crypto: browsers and Node ≥ 20). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", copy.buffer));
  let hex = "";
  for (const b of digest) hex += b.toString(16).padStart(2, "0");
  return hex;
}

/** One file to consolidate, however it arrived (picked, dropped, from a folder, or built by a test). */
export interface UnitSource {
  /** Shown to the officer: file name, or the path inside a dropped folder. */
  name: string;
  size: number;
  /** ms since epoch */
  lastModified?: number;
  read(): Promise<Uint8Array>;
}

export function unitSourceOf(file: File, name = file.webkitRelativePath || file.name): UnitSource {
  return { name, size: file.size, lastModified: file.lastModified, read: async () => new Uint8Array(await file.arrayBuffer()) };
}

/** One unit file → what consolidation needs; never throws (a bad file gets its reason). */
export async function readUnitSource(source: UnitSource, templates: TemplateSpec[]): Promise<UnitInput> {
  const meta: UnitInput = {
    file: source.name,
    size: source.size,
    ...(source.lastModified ? { modified: new Date(source.lastModified).toISOString() } : {}),
  };
  if (source.size > MAX_FILE_BYTES) return { ...meta, error: `tệp quá lớn (${Math.round(source.size / 1048576)} MB) cho một báo cáo biểu mẫu` };
  let bytes: Uint8Array;
  try {
    bytes = await source.read();
  } catch {
    return { ...meta, error: "không đọc được tệp" };
  }
  const sha256 = await sha256Hex(bytes);
  let grid;
  try {
    grid = (await readAnyWorkbookGrid(bytes)).grid; // .xlsx, .xls or .ods, by content
  } catch (e) {
    const reason = e instanceof ReadError ? e.message : `tệp bị hỏng hoặc không đọc được (${(e as Error).message})`;
    return { ...meta, sha256, error: reason };
  }
  try {
    return { ...meta, sha256, data: unitData(checkWorkbook(grid, templates), grid) };
  } catch (e) {
    return { ...meta, sha256, error: `không kiểm tra được (${(e as Error).message.split("\n")[0]})` };
  }
}

export type FileState = "ok" | "errors" | "unreadable" | "no-form";

export interface FileProgress {
  file: string;
  state: FileState;
  /** "đạt", "có lỗi (3 lỗi)", "không đọc được", "không có biểu mẫu" */
  label: string;
  reason?: string;
}

export const FILE_STATE_LABEL: Record<FileState, string> = {
  ok: "đạt",
  errors: "có lỗi",
  unreadable: "không đọc được",
  "no-form": "không có biểu mẫu",
};

export function fileProgress(input: UnitInput): FileProgress {
  if (input.error || !input.data) return { file: input.file, state: "unreadable", label: FILE_STATE_LABEL.unreadable, reason: input.error ?? "không đọc được" };
  const d = input.data;
  if (!d.templateId || d.forms.length === 0) return { file: input.file, state: "no-form", label: FILE_STATE_LABEL["no-form"], reason: d.issue ?? "không tìm thấy biểu mẫu nào" };
  if (d.counts.error > 0) {
    return { file: input.file, state: "errors", label: `${FILE_STATE_LABEL.errors} (${d.counts.error} lỗi)`, reason: d.findings.find((f) => f.severity === "error")?.message };
  }
  return { file: input.file, state: "ok", label: d.counts.warning ? `${FILE_STATE_LABEL.ok} (${d.counts.warning} cảnh báo)` : FILE_STATE_LABEL.ok };
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
export async function readUnitSources(sources: UnitSource[], templates: TemplateSpec[], options: ReadProgressOptions = {}): Promise<UnitInput[]> {
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

export interface ConsolidationRequest {
  templateId?: string;
  excludeErrors?: boolean;
  roster?: string[];
}

export type ConsolidationOutcome = { ok: true; result: Consolidation } | { ok: false; message: string };

/** Consolidates what was read; refuses (with the reason) when nothing can be consolidated. */
export function runConsolidation(inputs: UnitInput[], templates: TemplateSpec[], request: ConsolidationRequest = {}): ConsolidationOutcome {
  if (inputs.length === 0) return { ok: false, message: "Chưa chọn tệp nào để tổng hợp." };
  if (!inputs.some((i) => i.data?.templateId)) {
    return { ok: false, message: "Không tổng hợp được: không tệp nào có biểu mẫu đọc được." };
  }
  let result: Consolidation;
  try {
    result = consolidate(inputs, templates, { templateId: request.templateId, excludeErrors: request.excludeErrors, roster: request.roster });
  } catch (e) {
    return { ok: false, message: `Không tổng hợp được: ${(e as Error).message}` };
  }
  if (result.included.length === 0) {
    return { ok: false, message: `Không tổng hợp được: không còn đơn vị nào để cộng (${result.units.length} tệp; xem lý do từng tệp ở trên).` };
  }
  return { ok: true, result };
}

export const UNIT_STATUS_LABEL: Record<UnitStatus, string> = {
  ok: "Đạt",
  errors: "Có lỗi (vẫn cộng)",
  excluded: "Có lỗi (không cộng)",
  duplicate: "Trùng (không cộng)",
  unreadable: "Không đọc được",
  "no-form": "Không có biểu mẫu",
  "other-template": "Khác mẫu",
  "own-output": "Bảng tổng hợp (không cộng)",
  "other-period": "Khác kỳ báo cáo (không cộng)",
};

export function statusCount(result: Consolidation, status: UnitStatus): number {
  return result.units.filter((u) => u.status === status).length;
}

/** The consolidation workbook, with the province form when asked and possible. */
export function consolidationBytes(
  result: Consolidation,
  templates: TemplateSpec[],
  intoId?: string,
  header: { unit?: string; period?: string } = {},
): { bytes: Uint8Array; note?: string; into?: TemplateSpec } {
  let into: TemplateSpec | undefined;
  let note: string | undefined;
  if (intoId) {
    into = templates.find((t) => t.id === intoId);
    if (!into) note = `Không có mẫu "${intoId}": không ghi biểu của tỉnh.`;
    else if (into.id === result.template.id) {
      into = undefined;
      note = `Các tệp đã là mẫu ${intoId}: biểu tổng hợp chính là biểu của mẫu này.`;
    } else if (!(result.template.mappings ?? []).some((m) => m.into === intoId)) {
      note = `Mẫu ${result.template.id} không khai báo dòng nào ánh xạ sang ${intoId}: các dòng của biểu tỉnh để cán bộ điền.`;
    }
  }
  const unit = header.unit?.normalize("NFC").trim() || undefined;
  const period = header.period?.normalize("NFC").trim() || undefined;
  return { bytes: writeConsolidationWorkbook(result, { into, unit, period }), ...(note ? { note } : {}), ...(into ? { into } : {}) };
}

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

/** "Kết quả kiểm tra" → "ket-qua-kiem-tra" (file names without diacritics travel better). */
export function slug(text: string): string {
  return foldText(text)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toLocaleString("vi-VN", { maximumFractionDigits: 0 })} KB`;
  return `${(n / 1048576).toLocaleString("vi-VN", { maximumFractionDigits: 1 })} MB`;
}

/** Excel files inside a folder (Excel's "~$" lock files and hidden files left out). */
export function isUnitFileName(path: string): boolean {
  const base = path.split(/[\\/]/).pop() ?? path;
  return /\.(xlsx|xlsm|xls|ods)$/i.test(base) && !base.startsWith("~$") && !base.startsWith(".");
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
