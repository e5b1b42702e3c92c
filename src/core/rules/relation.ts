/**
 * Rule kinds "le" and "eq", declared on the row that is the whole / left side
 * (`checks` in the catalog): parts do not exceed their whole (done ≤ planned,
 * online ≤ received), and cross-row identities (Biểu 7: 6.3.1 = 6.1.2 + 6.2.2).
 */
import { rowKey } from "../../catalog";
import type { RowCheck, RowSpec, Severity } from "../../catalog/types";
import type { FormCheck } from "./context";
import type { RuleKind } from "./kinds";
import { compareAtPrecision } from "./rate";
import { labelled, ref, short, vi } from "./text";

function checkRelation(check: FormCheck, spec: RowSpec, relation: RowCheck): void {
  const { tally, finding, val } = check;
  const whole = val(rowKey(spec));
  const rule = relation.rule;
  const present = relation.parts.filter((c) => val(c)?.value != null);
  if (!whole || whole.value === null || present.length === 0 || (rule === "eq" && present.length < relation.parts.length)) {
    return tally.notReported(rule);
  }
  const sum = present.reduce((a, c) => a + val(c)!.value!, 0);
  const name = (key: string) => (val(key)?.spec.code ? key : `"${short(val(key)?.spec.label ?? key)}"`);
  // Written out only for a finding (most relations hold).
  const expr = () => present.map((c) => `${name(c)} (${vi(val(c)!.value!)})`).join(" + ");
  const severity: Severity = relation.severity ?? "error";
  if (rule === "le") {
    if (sum <= whole.value + 1e-9) return tally.pass("le");
    tally.fail("le");
    return finding(severity, "le", spec, whole, {
      actual: sum,
      expected: `≤ ${vi(whole.value)}`,
      message: `${expr()} = ${vi(sum)} lớn hơn ${labelled(spec)} (${vi(whole.value)}).`,
      fix: `Kiểm tra lại ${ref(spec)} và ${present.map(name).join(", ")}.`,
    });
  }
  if (compareAtPrecision(whole.value, sum, whole.decimals) === "equal") return tally.pass("eq");
  tally.fail("eq");
  finding(severity, "eq", spec, whole, {
    actual: whole.value,
    expected: sum,
    message: `${ref(spec)} ghi ${vi(whole.value)} nhưng phải bằng ${expr()} = ${vi(sum)}.`,
    fix: `Sửa ${ref(spec)} thành ${vi(sum)}, hoặc kiểm tra lại ${relation.parts.map(name).join(", ")}.`,
  });
}

/** Both kinds in the order the catalog declares them on each row. */
export const relations: RuleKind = {
  name: "le/eq",
  validate(check) {
    const rows = check.fv.form.rows;
    for (let k = 0; k < rows.length; k++) {
      const spec = rows[k];
      const relations = spec.checks;
      if (relations) for (let i = 0; i < relations.length; i++) checkRelation(check, spec, relations[i]);
    }
  },
};
