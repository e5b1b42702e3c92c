/**
 * What the pane says, in its own words: human template names, findings in
 * severity order, the findings "Tính tỷ lệ" cannot settle and why, and the
 * engine's command-line wording turned into the pane's buttons. Pure
 * functions, tested under Node (test/taskpane/pane-text.test.ts).
 */
import type { TemplateSpec } from "../catalog/types";
import type { FillAction } from "../core/fill";
import type { Finding } from "../core/findings";
import type { HighlightSeverity } from "../core/host";

const LEVEL_LABEL: Record<string, string> = { tinh: "Cấp tỉnh", xa: "Cấp xã", huyen: "Cấp huyện", so: "Cấp sở, ngành" };

/** "1–7", "1", "I–II": the forms' numbers (or captions' numerals) as a range. */
function formsRange(t: TemplateSpec): string {
  const names = t.forms.map((f) => {
    const caption = (f as { caption?: string }).caption;
    const m = caption ? /Phụ lục\s+([IVXLC]+)/i.exec(caption) : null;
    return m ? { word: "Phụ lục", n: m[1] } : { word: "Biểu mẫu", n: String(f.number) };
  });
  if (names.length === 0) return "";
  const word = names[0].word;
  const first = names[0].n;
  const last = names[names.length - 1].n;
  return `${word} ${first === last ? first : `${first}–${last}`}`;
}

/** "Công văn 581/BNV-CCHC" → "581/BNV-CCHC"; otherwise the province named in the title ("Điện Biên"). */
function templateSource(t: TemplateSpec): string | undefined {
  const doc = /\b(\d+\/[A-ZĐ]+(?:-[A-ZĐ]+)+)\b/u.exec(t.name);
  if (doc) return doc[1];
  const province = /tỉnh\s+([A-ZĐ][\p{L}]*(?:\s+[A-ZĐ][\p{L}]*)*)/u.exec(t.name);
  const year = /năm\s+(\d{4})/.exec(t.name);
  if (province) return `${province[1]}${year ? ` ${year[1]}` : ""}`;
  return undefined;
}

/** "Cấp xã — Biểu mẫu 1–7 (581/BNV-CCHC)": what the officer recognises, built from the catalog's own data. */
export function templateLabel(t: TemplateSpec): string {
  const level = LEVEL_LABEL[t.level] ?? (t.level ? `Cấp ${t.level}` : "");
  const range = formsRange(t);
  const source = templateSource(t);
  const label = [level, range].filter(Boolean).join(" — ");
  return `${label || t.name}${source ? ` (${source})` : ""}`;
}

// ---------------------------------------------------------------------------
// Findings
// ---------------------------------------------------------------------------

export const SEVERITIES: HighlightSeverity[] = ["error", "warning", "info"];

export const SEVERITY_TITLE: Record<HighlightSeverity, string> = { error: "Lỗi", warning: "Cảnh báo", info: "Thông tin" };

/** Findings by severity (errors, then warnings, then information), each in form order as the checker gave them. */
export function bySeverity(findings: Finding[]): Record<HighlightSeverity, Finding[]> {
  const out: Record<HighlightSeverity, Finding[]> = { error: [], warning: [], info: [] };
  for (const f of findings) out[f.severity].push(f);
  for (const s of SEVERITIES) out[s].sort((a, b) => a.form - b.form);
  return out;
}

/** The engine's command-line wording in the pane's words (the pane has buttons, not commands). */
export function paneText(text: string): string {
  return text
    .replace(/\(lệnh "bieumau fill" tự điền\)/g, "(nút “Tính và ghi” ở mục Tính tỷ lệ tự điền)")
    .replace(/\(hoặc dùng lệnh "bieumau fill" trên bản sao\)/g, "(hoặc dùng nút “Tính và ghi” ở mục Tính tỷ lệ)")
    .replace(/bằng lệnh "bieumau validate" \(hoặc mục Kiểm tra\)/g, "ở mục Kiểm tra")
    .replace(/lệnh "bieumau fill"/g, "nút “Tính và ghi” (mục Tính tỷ lệ)")
    .replace(/lệnh "bieumau validate"/g, "mục Kiểm tra")
    .replace(/Dùng --overwrite để thay\./g, "Chọn “Ghi đè số đã nhập nếu sai” để thay.")
    .replace(/--json/g, "danh sách tệp ở trên");
}

/** A finding "Tính tỷ lệ" leaves to the officer, with the reason. */
export interface Unsettled {
  finding: Finding;
  reason: string;
}

/** Why filling cannot settle a finding: the officer's call, said plainly. */
function unsettledReason(f: Finding): string {
  switch (f.rule) {
    case "eq":
    case "le":
      return "Các số ở hai vế đều do người nhập: không biết số nào sai, cán bộ đối chiếu hồ sơ rồi sửa số sai.";
    case "ratio":
      return f.expected === null
        ? "Tử số và mẫu số không cho phép tính tỷ lệ (ví dụ tử số lớn hơn mẫu số): cần sửa số đã nhập."
        : "Tỷ lệ tính được nhưng ô đang có số do người nhập: chọn “Ghi đè số đã nhập nếu sai” để thay.";
    case "sum":
      return "Tổng tính được nhưng ô đang có số do người nhập: chọn “Ghi đè số đã nhập nếu sai” để thay, hoặc sửa các thành phần.";
    case "number":
    case "count":
    case "percent":
    case "coded":
      return "Ô không chứa số hợp lệ: cần nhập lại bằng tay.";
    default:
      return "Không phải ô tỷ lệ hay tổng: cán bộ xem và sửa bằng tay.";
  }
}

/** Errors and warnings about cells the fill did not touch or list ("kept" cells are listed already): what is left for the officer. */
export function unsettledFindings(findings: Finding[], actions: FillAction[]): Unsettled[] {
  const settled = new Set(actions.map((a) => a.cell));
  return findings
    .filter((f) => f.severity !== "info" && !(f.cell && settled.has(f.cell)))
    .map((finding) => ({ finding, reason: unsettledReason(finding) }));
}

// ---------------------------------------------------------------------------
// Files the officer gives
// ---------------------------------------------------------------------------

export { jsonProblem, parseJsonFile } from "../app/json-file";
export { notTextReason } from "../app/file-kind";
