/**
 * Running a consolidation, for the command line and the pane alike: each
 * file's state, the refusals (nothing to consolidate), the "into" choice, the
 * workbook bytes and the summary lines. Surfaces add only their wording of
 * where the details are (the pane's list above, the command line's --json).
 */
import type { TemplateSpec } from "../catalog/types";
import { consolidate, type Consolidation, type UnitInput, type UnitStatus } from "../core/consolidate";
import { STATUS_LABEL, writeConsolidationWorkbook, writeConsolidationWorkbookAsync } from "../xlsx/write-consolidation";

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

/** One read unit file as the progress list and the progress bar count it. */
export function fileProgress(input: UnitInput): FileProgress {
  if (input.error || !input.data)
    return { file: input.file, state: "unreadable", label: FILE_STATE_LABEL.unreadable, reason: input.error ?? "không đọc được" };
  const d = input.data;
  if (!d.templateId || d.forms.length === 0)
    return { file: input.file, state: "no-form", label: FILE_STATE_LABEL["no-form"], reason: d.issue ?? "không tìm thấy biểu mẫu nào" };
  if (d.counts.error > 0) {
    return {
      file: input.file,
      state: "errors",
      label: `${FILE_STATE_LABEL.errors} (${d.counts.error} lỗi)`,
      reason: d.findings.find((f) => f.severity === "error")?.message,
    };
  }
  return {
    file: input.file,
    state: "ok",
    label: d.counts.warning ? `${FILE_STATE_LABEL.ok} (${d.counts.warning} cảnh báo)` : FILE_STATE_LABEL.ok,
  };
}

export interface ConsolidationRequest {
  templateId?: string;
  excludeErrors?: boolean;
  roster?: string[];
  period?: string;
  includePeriods?: string[];
  /** Where the officer finds each file's reason (the pane: the list above; the command line: --json). */
  reasonsHint?: string;
}

export type RefusalKind = "no-files" | "no-form" | "refused" | "nothing-included";

export type ConsolidationOutcome =
  | { ok: true; result: Consolidation }
  /** `detail`: the reason after "không tổng hợp được: "; `message`: the whole sentence. */
  | { ok: false; kind: RefusalKind; detail: string; message: string };

function refusal(kind: RefusalKind, detail: string): ConsolidationOutcome {
  const message = kind === "no-files" ? "Chưa chọn tệp nào để tổng hợp." : `Không tổng hợp được: ${detail}.`;
  return { ok: false, kind, detail, message };
}

/** Consolidates what was read; refuses (with the reason) when nothing can be consolidated. */
export function runConsolidation(inputs: UnitInput[], templates: TemplateSpec[], request: ConsolidationRequest = {}): ConsolidationOutcome {
  if (inputs.length === 0) return refusal("no-files", "không tệp nào có biểu mẫu đọc được");
  if (!inputs.some((i) => i.data?.templateId)) return refusal("no-form", "không tệp nào có biểu mẫu đọc được");
  let result: Consolidation;
  try {
    const { templateId, excludeErrors, roster, period, includePeriods } = request;
    result = consolidate(inputs, templates, { templateId, excludeErrors, roster, period, includePeriods });
  } catch (e) {
    return refusal("refused", (e as Error).message);
  }
  if (result.included.length === 0) {
    const hint = request.reasonsHint ?? "xem lý do từng tệp ở trên";
    return refusal("nothing-included", `không còn đơn vị nào để cộng (${result.units.length} tệp; ${hint})`);
  }
  return { ok: true, result };
}

/** The workbook's labels ("Kiểm tra" sheet); on screen the unit with errors is already marked, so its label is shorter. */
export const UNIT_STATUS_LABEL: Record<UnitStatus, string> = { ...STATUS_LABEL, errors: "Có lỗi (vẫn cộng)" };

export function statusCount(result: Consolidation, status: UnitStatus): number {
  return result.units.filter((u) => u.status === status).length;
}

/** The province form to write too: `missing` when no such template exists, `note` when it cannot be used as asked. */
export function chooseInto(
  result: Consolidation,
  templates: TemplateSpec[],
  intoId?: string,
): { into?: TemplateSpec; note?: string; missing?: boolean } {
  if (!intoId) return {};
  const into = templates.find((t) => t.id === intoId);
  if (!into) return { missing: true, note: `Không có mẫu "${intoId}": không ghi biểu của tỉnh.` };
  if (into.id === result.template.id) return { note: `Các tệp đã là mẫu ${intoId}: biểu tổng hợp chính là biểu của mẫu này.` };
  if (!(result.template.mappings ?? []).some((m) => m.into === intoId)) {
    return {
      into,
      note: `Mẫu ${result.template.id} không khai báo dòng nào ánh xạ sang ${intoId}: các dòng của biểu tỉnh để cán bộ điền.`,
    };
  }
  return { into };
}

/** The consolidation workbook, with the province form when asked and possible. */
export function consolidationBytes(
  result: Consolidation,
  templates: TemplateSpec[],
  intoId?: string,
  header: { unit?: string; period?: string } = {},
): { bytes: Uint8Array; note?: string; into?: TemplateSpec } {
  const { into, note, options } = workbookRequest(result, templates, intoId, header);
  return { bytes: writeConsolidationWorkbook(result, options), ...(note ? { note } : {}), ...(into ? { into } : {}) };
}

/** consolidationBytes, the big sheets compressed on other threads meanwhile where Node's zlib is there (the same bytes). */
export async function consolidationBytesAsync(
  result: Consolidation,
  templates: TemplateSpec[],
  intoId?: string,
  header: { unit?: string; period?: string } = {},
): Promise<{ bytes: Uint8Array; note?: string; into?: TemplateSpec }> {
  const { into, note, options } = workbookRequest(result, templates, intoId, header);
  return { bytes: await writeConsolidationWorkbookAsync(result, options), ...(note ? { note } : {}), ...(into ? { into } : {}) };
}

function workbookRequest(
  result: Consolidation,
  templates: TemplateSpec[],
  intoId: string | undefined,
  header: { unit?: string; period?: string },
) {
  const { into, note } = chooseInto(result, templates, intoId);
  const unit = header.unit?.normalize("NFC").trim() || undefined;
  const period = header.period?.normalize("NFC").trim() || undefined;
  return { into, note, options: { into, unit, period } };
}

/** The pane's one-line announcement after a consolidation. */
export function consolidationAnnouncement(r: Consolidation): string {
  return `Tổng hợp xong: cộng ${r.included.length} đơn vị, ${statusCount(r, "errors")} đơn vị có lỗi, thiếu ${r.missing.length}, bỏ qua ${r.skipped.length} tệp.`;
}

export interface SummaryOptions {
  /** Units on the roster, when one was given. */
  rosterSize?: number;
  /** Said after "Không cộng vì có lỗi" (the command line names its option). */
  excludedWhy?: string;
  /** Makes each name printable on one line (the terminal's escaping). */
  shown?: (text: string) => string;
  /** The command line's detail: the missing units' names, where the skipped files' reasons are. */
  detailed?: boolean;
}

/** What was added up, one sentence each: the pane shows them in one note, the command line one a line. */
export function countSentences(result: Consolidation, options: SummaryOptions = {}): string[] {
  const shown = options.shown ?? ((s: string) => s);
  const n = (s: UnitStatus) => statusCount(result, s);
  const missing = result.missing;
  const missingNames =
    options.detailed && missing.length ? ` (${missing.slice(0, 10).map(shown).join(", ")}${missing.length > 10 ? " …" : ""})` : "";
  const skippedWhere = options.detailed ? ` (từng tệp kèm lý do ở các dòng "bỏ qua" phía trên)` : "";
  return [
    `Được cộng: ${result.included.length} đơn vị (${n("ok")} đạt, ${n("errors")} có lỗi — đã đánh dấu).`,
    n("excluded") ? `Không cộng vì có lỗi${options.excludedWhy ? ` (${options.excludedWhy})` : ""}: ${n("excluded")}.` : "",
    result.duplicates.length ? `Trùng: ${result.duplicates.length} đơn vị gửi nhiều tệp (mỗi đơn vị chỉ cộng một lần).` : "",
    result.skipped.length ? `Bỏ qua: ${result.skipped.length} tệp${skippedWhere}.` : "",
    options.rosterSize !== undefined ? `Theo danh sách ${options.rosterSize} đơn vị: thiếu ${missing.length}${missingNames}.` : "",
  ].filter(Boolean);
}

/** The summary of a consolidation as the command line prints it, one line each. */
export function consolidationSummary(result: Consolidation, options: SummaryOptions = {}): string[] {
  const shown = options.shown ?? ((s: string) => s);
  const byStatus = (s: UnitStatus) => result.units.filter((u) => u.status === s);
  const otherPeriod = byStatus("other-period");
  const ownOutput = byStatus("own-output");
  return [
    `Tổng hợp mẫu ${result.template.id}: ${result.units.length} tệp.`,
    otherPeriod.length
      ? `  Khác kỳ báo cáo (không cộng): ${otherPeriod.length} (${otherPeriod.map((u) => `${u.file}: ${u.period}`).join("; ")}).`
      : "",
    ownOutput.length ? `  Bảng tổng hợp do công cụ tạo (không cộng): ${ownOutput.map((u) => u.file).join(", ")}.` : "",
    ...countSentences(result, { ...options, detailed: true }).map((line) => `  ${line}`),
    `  Kỳ báo cáo: ${result.period ? shown(result.period) : "không xác định được (các tệp không ghi kỳ)"}.`,
  ].filter(Boolean);
}
