/**
 * The validation report as data (the JSON of `bieumau validate --json`) and
 * as readable text grouped by file and form.
 */
import type { CheckedWorkbook } from "./check-workbook";
import type { Finding, RuleTally } from "./findings";
import type { FormValues } from "./values";
import { rowKey } from "../catalog";

export interface FileReport {
  file: string;
  template?: string;
  unit?: string;
  period?: string;
  forms?: {
    form: number;
    sheet: string;
    rows: number;
    /** What the document calls the form, when not "Biểu mẫu N" ("Phụ lục II"). */ name?: string;
    /** Every row read, in the form's order: what was taken from which cell. */
    values?: ReadRow[];
  }[];
  findings?: Pick<
    Finding,
    "severity" | "rule" | "form" | "code" | "label" | "cell" | "actual" | "expected" | "message" | "fix" | "column"
  >[];
  summary?: { errors: number; warnings: number; infos: number; rules: RuleTally[] };
  /** Set when the file could not be read or holds no recognisable form. */
  error?: string;
}

/** Longest texts kept in a report: a finding quotes a cell, it does not carry it whole. */
const MAX_LABEL = 200;
const MAX_MESSAGE = 600;

function cap(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * The report of one file, detached from the file's text: a string cut from a
 * sheet's XML can keep the whole XML alive, so the report is rebuilt from its
 * JSON; with texts capped, a report is small whatever the file held, and
 * validating many files uses memory flat in their number.
 */
/**
 * One row as read: `value` is the number (the code of a coded answer), null
 * when blank, not reported or unreadable; `raw` is the cell as written. Forms
 * with several value columns give one entry per column, naming it.
 */
export interface ReadRow {
  code: string;
  label: string;
  cell: string;
  value: number | null;
  raw: string;
  column?: string;
}

function readRows(fv: FormValues): ReadRow[] {
  const columns = fv.columns ?? [fv];
  return fv.form.rows.flatMap((spec) =>
    columns.flatMap((col) => {
      const v = col.byCode.get(rowKey(spec));
      if (!v) return [];
      return [
        {
          code: spec.code,
          label: spec.label,
          cell: v.cell,
          value: v.value,
          raw: v.raw,
          ...(col.columnName ? { column: col.columnName } : {}),
        },
      ];
    }),
  );
}

export function fileReport(file: string, checked: CheckedWorkbook): FileReport {
  return JSON.parse(JSON.stringify(buildFileReport(file, checked))) as FileReport;
}

function buildFileReport(file: string, checked: CheckedWorkbook): FileReport {
  const { located } = checked;
  const valuesOf = new Map(checked.forms.map((fv) => [fv.located, fv]));
  return {
    file,
    template: located.template?.id,
    unit: located.unit === undefined ? undefined : cap(located.unit, MAX_MESSAGE),
    period: located.period === undefined ? undefined : cap(located.period, MAX_LABEL),
    forms: located.forms.map((f) => {
      const fv = f.list ? undefined : valuesOf.get(f);
      return {
        form: f.form.number,
        sheet: f.sheet,
        rows: f.list ? f.list.items.length : f.rows.size,
        ...(f.form.caption ? { name: f.form.caption } : {}),
        ...(fv ? { values: readRows(fv) } : {}),
      };
    }),
    findings: checked.findings.map((f) => ({
      severity: f.severity,
      rule: f.rule,
      form: f.form,
      code: cap(f.code, MAX_LABEL),
      label: cap(f.label, MAX_LABEL),
      cell: f.cell,
      actual: typeof f.actual === "string" ? cap(f.actual, MAX_LABEL) : f.actual,
      expected: typeof f.expected === "string" ? cap(f.expected, MAX_LABEL) : f.expected,
      message: cap(f.message, MAX_MESSAGE),
      ...(f.fix ? { fix: cap(f.fix, MAX_MESSAGE) } : {}),
      ...(f.column ? { column: f.column } : {}),
    })),
    summary: { errors: checked.counts.error, warnings: checked.counts.warning, infos: checked.counts.info, rules: checked.summary },
  };
}

export function errorReport(file: string, reason: string): FileReport {
  return { file, error: `${file}: ${reason}` };
}

const SEVERITY_LABEL = { error: "LỖI", warning: "CẢNH BÁO", info: "THÔNG TIN" } as const;
const RULE_LABEL: Record<string, string> = {
  number: "đọc số",
  count: "số lượng",
  percent: "tỷ lệ 0–100",
  coded: "mã trả lời",
  ratio: "tỷ lệ = tử / mẫu",
  sum: "tổng = các thành phần",
  le: "thành phần ≤ tổng",
  eq: "đẳng thức giữa các dòng",
  blank: "đã báo cáo",
  structure: "cấu trúc biểu",
  target: "chỉ tiêu kế hoạch",
  years: "so sánh giữa các năm",
  formula: "công thức",
  date: "ngày hợp lệ",
  status: "đúng hạn / quá hạn",
};

export function ruleLabel(rule: string): string {
  return RULE_LABEL[rule] ?? rule;
}

/** Human-readable report, grouped by file and by form. */
export function formatTextReport(reports: FileReport[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    if (r.error) {
      lines.push(`✗ ${r.error}`, "");
      continue;
    }
    const head = [`mẫu ${r.template}`, r.unit ? `đơn vị: ${r.unit}` : "", r.period ? `kỳ: ${r.period}` : ""].filter(Boolean).join(", ");
    lines.push(`== ${r.file} (${head})`);
    lines.push(`   Các biểu tìm thấy: ${(r.forms ?? []).map((f) => `${f.form} (trang "${f.sheet}", ${f.rows} dòng)`).join("; ")}`);
    const byForm = new Map<number, NonNullable<FileReport["findings"]>>();
    for (const f of r.findings ?? []) {
      const list = byForm.get(f.form) ?? [];
      list.push(f);
      byForm.set(f.form, list);
    }
    for (const [form, list] of [...byForm].sort((a, b) => a[0] - b[0])) {
      lines.push(form === 0 ? "   Cả tệp:" : `   ${r.forms?.find((f) => f.form === form)?.name ?? `Biểu mẫu ${form}`}:`);
      for (const f of list) {
        lines.push(`     ${SEVERITY_LABEL[f.severity].padEnd(9)} ${f.cell ? f.cell + "  " : ""}${f.message}`);
        if (f.fix) lines.push(`     ${"".padEnd(9)} → ${f.fix}`);
      }
    }
    const s = r.summary!;
    lines.push(`   Tổng cộng: ${s.errors} lỗi, ${s.warnings} cảnh báo, ${s.infos} thông tin.`);
    lines.push("   Theo quy tắc (kiểm tra / đạt / sai / chưa báo cáo):");
    for (const t of s.rules) {
      lines.push(
        `     ${ruleLabel(t.rule).padEnd(24)} ${String(t.checked).padStart(4)} ${String(t.passed).padStart(5)} ${String(t.failed).padStart(5)} ${String(t.notReported).padStart(5)}`,
      );
    }
    lines.push("");
  }
  return lines.join("\n");
}
