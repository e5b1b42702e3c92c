/** What validation reports: findings a reporting officer can act on, and a per-rule tally. */
import type { Severity } from "../catalog/types";

export type RuleName =
  /** The cell must hold a number (not prose, not an error). */
  | "number"
  /** Counts are whole numbers ≥ 0; money ≥ 0. */
  | "count"
  /** Percents lie in 0–100. */
  | "percent"
  /** Coded answers are one of the listed codes. */
  | "coded"
  /** A stated rate equals numerator / denominator × 100 at its precision. */
  | "ratio"
  /** A total equals the sum of its parts. */
  | "sum"
  /** Parts do not exceed their whole. */
  | "le"
  /** A cross-row identity holds. */
  | "eq"
  /** Required values are reported (blank is not zero). */
  | "blank"
  /** The form's rows are where the template puts them. */
  | "structure"
  /** Below a plan target (information only). */
  | "target"
  /** Forms with several value columns: a value changing between neighbouring columns (years) beyond the form's factor. */
  | "years"
  /** A formula of a value cell is computable and its stored result agrees. */
  | "formula"
  /** Lists: a date is a real date. */
  | "date"
  /** Lists: "Đúng hạn" / "Quá hạn" agrees with the deadline and the document's date. */
  | "status";

export interface Finding {
  severity: Severity;
  rule: RuleName;
  /** Form number (Biểu mẫu N); 0 for workbook-level findings. */
  form: number;
  /** Row STT as in the template (no trailing dot); "" when not about one row. */
  code: string;
  label: string;
  /** "'Biểu mẫu 3'!D12"; "" when not about one cell. */
  cell: string;
  actual: string | number | null;
  expected: string | number | null;
  /** Vietnamese, for the reporting officer. */
  message: string;
  /** Proposed fix, when there is one. */
  fix?: string;
  /** Forms with several value columns: the column the finding is about ("Năm 2024"). */
  column?: string;
}

export interface RuleTally {
  rule: RuleName;
  /** Evaluated: all inputs present. */
  checked: number;
  passed: number;
  failed: number;
  /** Not evaluated because a value it needs is blank. */
  notReported: number;
}

export class Tally {
  private readonly byRule = new Map<RuleName, RuleTally>();

  private get(rule: RuleName): RuleTally {
    let t = this.byRule.get(rule);
    if (!t) {
      t = { rule, checked: 0, passed: 0, failed: 0, notReported: 0 };
      this.byRule.set(rule, t);
    }
    return t;
  }
  // A rule's tally looked up here, not through `get`: a call fewer for each of the thousands of checks
  // of a run while the code is not yet optimised.
  pass(rule: RuleName): void {
    const t = this.byRule.get(rule) ?? this.get(rule);
    t.checked++;
    t.passed++;
  }
  fail(rule: RuleName): void {
    const t = this.byRule.get(rule) ?? this.get(rule);
    t.checked++;
    t.failed++;
  }
  notReported(rule: RuleName): void {
    (this.byRule.get(rule) ?? this.get(rule)).notReported++;
  }
  rows(): RuleTally[] {
    return [...this.byRule.values()];
  }
}

export function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const out: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) out[f.severity]++;
  return out;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then by form and sheet position (a stable sort: equal keys keep their order). */
export function sortFindings(findings: Finding[]): Finding[] {
  // Findings are mostly made in order (form by form, row by row): then sorting would give them back as
  // they are (a stable sort), without its key arrays and comparator calls.
  if (inOrder(findings)) return findings;
  // Each finding's key read once, not at every comparison (its cell's row is read with a RegExp).
  const rows = findings.map((f) => cellOrder(f.cell));
  const order = findings.map((_, i) => i);
  order.sort(
    (i, j) =>
      findings[i].form - findings[j].form ||
      SEVERITY_ORDER[findings[i].severity] - SEVERITY_ORDER[findings[j].severity] ||
      rows[i] - rows[j],
  );
  return order.map((i) => findings[i]);
}

/** Each finding sorts at or after the one before it (the comparison `sortFindings` sorts by). */
function inOrder(findings: Finding[]): boolean {
  for (let k = 1; k < findings.length; k++) {
    const a = findings[k - 1];
    const b = findings[k];
    const d = a.form - b.form || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || cellOrder(a.cell) - cellOrder(b.cell);
    if (d > 0) return false;
  }
  return true;
}

function cellOrder(cell: string): number {
  if (cell === "") return 0; // not about one cell (and every finding kept without its text)
  const m = /(\d+)$/.exec(cell);
  return m ? Number(m[1]) : 0;
}
