/**
 * Each row's own value: rule kinds "blank" (a blank is not reported, not zero)
 * and "number" (the cell holds a number, read as the row's kind expects), then
 * the row kind's own check (range.ts, coded.ts). Headings with a value, numbers
 * stored as text and values read by a convention ("-", "…", words) are noted.
 */
import { rowKey } from "../../catalog";
import type { RowKind, RowSpec } from "../../catalog/types";
import { compoundExample } from "../compound";
import type { RowValue } from "../values";
import { coded, codedWords } from "./coded";
import { type FormCheck, inColumn } from "./context";
import type { RuleKind, ValueCheck } from "./kinds";
import { count, money, percent } from "./range";
import { list, quote, ref, short, vi } from "./text";

/** The check of each kind of row that holds a number of its own. */
const VALUE_CHECKS: Partial<Record<RowKind, ValueCheck>> = { count, money, percent, ratio: percent, coded };

/** "2.835", "99,87%", "3.989.325,00": the ordinary vi-VN way; reading it needs no remark. */
const ROUTINE_VI_NUMBER = /^-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?\s*%?$/;

function checkValue(check: FormCheck, spec: RowSpec, v: RowValue): void {
  const { tally, finding } = check;
  const read = v.read;
  if (read === null) {
    // A blank computed row is proposed by its own rule (ratio, sum), not listed as unreported.
    if (!v.formula && !spec.ratio && !spec.sum) check.blanks.push(v);
    return tally.notReported("blank");
  }
  tally.pass("blank");
  if (!read.ok) {
    tally.fail("number");
    const candidates = read.candidates?.length ? read.candidates : undefined;
    return finding("error", "number", spec, v, {
      actual: v.raw,
      expected: expectedKind(spec),
      message: `Ô ${ref(spec)} cần ${expectedKind(spec)}, nhưng ${read.reason}.`,
      fix: candidates
        ? `Chỉ ghi số (ví dụ ${vi(candidates[0])}) và chuyển phần giải thích sang cột Ghi chú.`
        : "Ghi một số; phần giải thích đưa sang cột Ghi chú.",
    });
  }
  tally.pass("number");
  if (v.storedAsText) check.textNumbers.push(v);
  const kind = VALUE_CHECKS[spec.kind];
  const rule = kind?.rule ?? "count";
  const ok = kind ? kind.check(check, spec, v, read.value, read) : true;
  if (ok) tally.pass(rule);
  else return tally.fail(rule);
  if (read.doubt) {
    finding("warning", rule, spec, v, {
      actual: v.raw,
      expected: read.alternatives?.length ? read.alternatives.map((a) => vi(a)).join(" hoặc ") : null,
      message: `Ô ${ref(spec)} ghi ${quote(v.raw)}, đọc là ${vi(read.value)}: ${read.doubt}.`,
      fix: "Ghi lại số cho rõ (dạng số, không kèm chữ).",
    });
  } else if (read.how && v.storedAsText && !ROUTINE_VI_NUMBER.test(v.raw.trim())) {
    finding("info", rule, spec, v, () => ({ actual: v.raw, expected: read.value, message: `Ô ${ref(spec)}: ${read.how}.` }));
  }
}

/** What the row's cell should hold, for messages. */
function expectedKind(spec: RowSpec): string {
  if (spec.compound) return `dạng ${compoundExample(spec)}`;
  switch (spec.kind) {
    case "count":
      return "một số nguyên";
    case "percent":
    case "ratio":
      return "một tỷ lệ phần trăm (0–100)";
    case "money":
      return `một số tiền (${spec.unit || "đơn vị của dòng"})`;
    case "coded":
      return `một mã (${(spec.options ?? []).map((o) => `${o.label} = ${o.value}`).join("; ")})`;
    default:
      return "một số";
  }
}

const CONVENTIONS = [
  {
    kind: "zero",
    rule: "number" as const,
    text: 'được đọc là 0 (dấu "-" hay chữ "không": không phát sinh, theo quy ước thống kê)',
    fix: "Nên ghi số 0 cho rõ.",
  },
  {
    kind: "not-reported",
    rule: "blank" as const,
    text: 'coi như chưa báo cáo ("…", "N/A", "chưa có số liệu": có phát sinh nhưng chưa thu thập số liệu, theo quy ước thống kê)',
    fix: "Ghi số liệu khi có; ghi 0 nếu không phát sinh.",
  },
];

/** "-" / "không" read as 0 and "…" / "N/A" read as not reported: one finding per form each, listing the cells. */
function conventionFindings(check: FormCheck): void {
  for (const g of CONVENTIONS) {
    const cells = check.conventions.filter((v) => v.words?.kind === g.kind);
    if (cells.length === 0) continue;
    const shown = cells.map((v) => `${v.address} ${quote(v.raw)}`);
    const one = cells.length === 1 ? cells[0].spec : undefined;
    check.out.push(
      inColumn(
        {
          severity: "info",
          rule: g.rule,
          form: check.fv.form.number,
          code: one?.code ?? "",
          label: one?.label ?? "",
          cell: cells[0].cell,
          actual: cells.length,
          expected: null,
          message: `${cells.length} ô ${g.text}: ${list(shown)}.`,
          fix: g.fix,
        },
        check.column,
      ),
    );
  }
}

export const values: RuleKind = {
  name: "number",
  validate(check) {
    // Indexed loops over the form's rows in the rules: no iterator step per row while the code is not
    // yet optimised (every row of every form of every file, most in the first hundreds of files).
    const rows = check.fv.form.rows;
    const byCode = check.fv.byCode; // check.val, without its call
    for (let k = 0; k < rows.length; k++) {
      const spec = rows[k];
      const v = byCode.get(rowKey(spec));
      if (!v || spec.kind === "text") continue;
      if (spec.kind === "heading") {
        if (v.raw !== "" && v.read !== null) {
          check.finding("info", "structure", spec, v, {
            actual: v.raw,
            message: `Dòng tiêu đề ${spec.code} "${short(spec.label)}" có số liệu ${quote(v.raw)}; số này không được kiểm tra và không được tổng hợp.`,
          });
        }
        continue;
      }
      checkValue(check, spec, v);
      if (v.words) check.conventions.push(v);
    }
    codedWords(check);
    conventionFindings(check);
  },
};
