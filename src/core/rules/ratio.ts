/**
 * Rule kind "ratio": a percent row computed as numerator / denominator × 100
 * from two rows of the form (DOMAIN.md §4). How it validates, fills (value and
 * Excel formula) and consolidates (pooled from the summed parts).
 */
import { rowKey } from "../../catalog";
import type { RowSpec } from "../../catalog/types";
import type { RowValue } from "../values";
import type { FormCheck } from "./context";
import { compareAtPrecision, percentOf, RATE_DECIMALS, round, type Verdict } from "./rate";
import { quote, rateText, vi } from "./text";
import { type AggregateContext, type Computed, type ComputedRule, finiteOrNull, type RuleKind } from "./kinds";

/** A stated rate against n / d × 100: the verdict, and the computed rate as messages show it and as the fix writes it. */
export interface RateCheck {
  computed: number;
  verdict: Verdict;
  /** The computed rate at the stated precision (at least two decimals). */
  shown: string;
  /** The computed rate rounded as the fix proposes it. */
  expected: number;
}

export function checkRate(stated: number, numerator: number, denominator: number, decimals: number): RateCheck {
  const computed = percentOf(numerator, denominator);
  return {
    computed,
    verdict: compareAtPrecision(stated, computed, decimals),
    shown: rateText(computed, decimals),
    expected: round(computed, Math.max(2, decimals)),
  };
}

function validateRatio(check: FormCheck, spec: RowSpec & { ratio: NonNullable<RowSpec["ratio"]> }): void {
  const { tally, finding } = check;
  const { numerator, denominator } = spec.ratio;
  const v = check.val(rowKey(spec));
  const n = check.num(numerator);
  const d = check.num(denominator);
  if (n === null || d === null) return tally.notReported("ratio");
  if (n > d) {
    tally.fail("ratio");
    return finding("error", "ratio", spec, check.val(numerator), {
      actual: n,
      expected: `≤ ${vi(d)}`,
      message: `${numerator} (${vi(n)}) lớn hơn ${denominator} (${vi(d)}): tử số của tỷ lệ ${spec.code} không thể lớn hơn mẫu số.`,
      fix: `Kiểm tra lại ${numerator} và ${denominator}.`,
    });
  }
  const stated = v?.value ?? null;
  if (d === 0) {
    if (stated === null) return tally.pass("ratio");
    tally.fail("ratio");
    return finding("warning", "ratio", spec, v, {
      actual: stated,
      expected: null,
      message: `${denominator} bằng 0 nên tỷ lệ ${spec.code} không xác định, nhưng ô ghi ${quote(v!.raw)}.`,
      fix: "Để trống ô tỷ lệ (không có gì để tính), hoặc ghi chú lý do.",
    });
  }
  if (stated === null) return proposeRatio(check, spec, v, n, d);
  const rate = checkRate(stated, n, d, v!.decimals);
  if (rate.verdict === "equal") return tally.pass("ratio");
  tally.fail("ratio");
  const parts = `${numerator} / ${denominator}`;
  finding(rate.verdict === "truncated" ? "warning" : "error", "ratio", spec, v, {
    actual: stated,
    expected: rate.expected,
    message:
      rate.verdict === "truncated"
        ? `Tỷ lệ ${spec.code} ghi ${vi(stated)}% nhưng ${parts} = ${vi(n)} / ${vi(d)} = ${rate.shown}%: làm tròn chưa đúng.`
        : `Tỷ lệ ${spec.code} ghi ${vi(stated)}% nhưng ${parts} = ${vi(n)} / ${vi(d)} × 100 = ${rate.shown}%.`,
    fix: `Sửa thành ${vi(rate.expected)}, hoặc kiểm tra lại ${numerator} và ${denominator}.`,
  });
}

/** A rate not written (or written as words) whose parts are: the computed rate is proposed. */
function proposeRatio(
  check: FormCheck,
  spec: RowSpec & { ratio: NonNullable<RowSpec["ratio"]> },
  v: RowValue | undefined,
  n: number,
  d: number,
): void {
  check.tally.notReported("ratio");
  const computed = () => percentOf(n, d);
  const parts = `${spec.ratio.numerator} / ${spec.ratio.denominator}`;
  // Texts built only when kept: consolidation counts these notes without reading them.
  if (v?.read && !v.read.ok) {
    check.finding("info", "ratio", spec, v, () => ({
      expected: round(computed(), 2),
      message: `Tỷ lệ ${spec.code} tính từ ${parts} = ${vi(n)} / ${vi(d)} × 100 được ${rateText(computed())}%.`,
      fix: `Ghi ${rateText(computed())} thay cho phần chữ (chuyển phần chữ sang cột Ghi chú).`,
    }));
  } else if (v && v.read === null && !v.formula) {
    check.finding("info", "ratio", spec, v, () => ({
      expected: round(computed(), 2),
      message: `Chưa ghi tỷ lệ ${spec.code}; tính được ${rateText(computed())}% = ${vi(n)} / ${vi(d)} × 100.`,
      fix: `Ghi ${rateText(computed())} (lệnh "bieumau fill" tự điền).`,
    }));
  }
}

/**
 * A rate as percent (0–100), blank when it is undefined: numerator or
 * denominator not reported, or a zero denominator.
 */
export function ratioFormula(numerator: string, denominator: string): string {
  return `IF(OR(${numerator}="",${denominator}="",${denominator}=0),"",${numerator}/${denominator}*100)`;
}

function computeRatio(spec: RowSpec, values: Map<string, number | null>): Computed | null {
  if (!spec.ratio) return null;
  const n = values.get(spec.ratio.numerator) ?? null;
  const d = values.get(spec.ratio.denominator) ?? null;
  if (n === null || d === null || d === 0 || n > d) return null;
  return { value: percentOf(n, d), how: `${spec.ratio.numerator} / ${spec.ratio.denominator} = ${vi(n)} / ${vi(d)} × 100` };
}

/**
 * Pooled: the province's rate from the summed numerator and denominator (their
 * rows are consolidated first); the plain mean of the units' rates is kept for
 * reference only.
 */
function poolRatio(ctx: AggregateContext): void {
  const { row, spec, reported } = ctx;
  const n = spec.ratio ? (ctx.consolidated(spec.ratio.numerator) ?? null) : null;
  const d = spec.ratio ? (ctx.consolidated(spec.ratio.denominator) ?? null) : null;
  row.value = n === null || d === null || d === 0 ? null : percentOf(n, d);
  row.naiveMean = reported.length === 0 ? null : finiteOrNull(reported.reduce((a, b) => a + b, 0) / reported.length);
  if (spec.ratio) {
    const nu = ctx.perUnitOf(spec.ratio.numerator);
    const du = ctx.perUnitOf(spec.ratio.denominator);
    row.reporting = nu.filter((x, i) => x !== null && du[i] !== null).length;
  }
}

export const ratio: RuleKind & ComputedRule = {
  name: "ratio",
  validate(check) {
    const rows = check.fv.form.rows;
    for (let k = 0; k < rows.length; k++) {
      const spec = rows[k];
      if (spec.ratio) validateRatio(check, spec as RowSpec & { ratio: NonNullable<RowSpec["ratio"]> });
    }
  },
  computes: (spec) => spec.ratio !== undefined,
  compute: computeRatio,
  written: (value) => round(value, RATE_DECIMALS),
  formula: (spec, addressOf) => ratioFormula(addressOf(spec.ratio!.numerator), addressOf(spec.ratio!.denominator)),
  aggregate: { pooled: poolRatio },
};
