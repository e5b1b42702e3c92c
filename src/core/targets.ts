/** Rows below a plan target, as information with the gap (DOMAIN.md §4: not an error). */
import { meetsTarget, type TargetSet } from "../catalog/targets";
import type { Finding } from "./findings";
import { formatNumber } from "./numbers";
import type { FormValues } from "./values";

const OP_TEXT = { ">=": "từ", ">": "trên", "<=": "không quá", "<": "dưới", "=": "bằng" } as const;

export function targetFindings(forms: FormValues[], set: TargetSet): Finding[] {
  const out: Finding[] = [];
  for (const t of set.targets) {
    const fv = forms.find((f) => f.form.number === t.form);
    const v = fv?.byCode.get(t.code);
    if (!fv || !v || v.value === null || meetsTarget(v.value, t)) continue;
    // A rate over nothing (0 / 0) neither meets nor misses a target.
    if (v.spec.ratio && fv.byCode.get(v.spec.ratio.denominator)?.value === 0) continue;
    const unit = v.spec.kind === "percent" || v.spec.kind === "ratio" ? "%" : "";
    const gap = Math.abs(t.value - v.value);
    const vi = (n: number) => formatNumber(Math.round(n * 100) / 100, "vi");
    out.push({
      severity: "info",
      rule: "target",
      form: t.form,
      code: t.code,
      label: v.spec.label,
      cell: v.cell,
      actual: v.value,
      expected: `${t.op} ${t.value}`,
      message: `Dòng ${t.code} đạt ${vi(v.value)}${unit}, chưa đạt chỉ tiêu "${t.label}" (${OP_TEXT[t.op]} ${vi(t.value)}${unit}); còn thiếu ${vi(gap)}${unit}.`,
    });
  }
  return out;
}
