/**
 * Rule kind "subUnits": rows with sub-units ("- Tin - Bài - Video - Khác") hold
 * the total; when Ghi chú gives the breakdown ("Tin: 3; Bài: 2"), it must add up
 * to the value (reading the note: ../subunits.ts).
 */
import { rowKey } from "../../catalog";
import type { RowSpec } from "../../catalog/types";
import { parseSubUnits } from "../subunits";
import type { FormCheck } from "./context";
import type { RuleKind } from "./kinds";
import { compareAtPrecision } from "./rate";
import { quote, short, vi } from "./text";

function checkBreakdown(check: FormCheck, spec: RowSpec, subUnits: string[]): void {
  const { tally, finding } = check;
  const v = check.val(rowKey(spec));
  const breakdown = v?.note ? parseSubUnits(v.note, subUnits) : undefined;
  if (!v || !breakdown) return;
  const who = spec.code || `"${short(spec.label)}"`;
  if (breakdown.unknown.length > 0) {
    finding("warning", "sum", spec, v, {
      actual: breakdown.unknown.join("; "),
      expected: subUnits.join(", "),
      message: `Ghi chú của ${who} có ${breakdown.unknown.map(quote).join(", ")} không phải đơn vị con của dòng này (${subUnits.join(", ")}); số đó không được cộng.`,
      fix: `Ghi chú theo dạng "${subUnits.map((n) => `${n}: …`).join("; ")}".`,
    });
  }
  const sum = breakdown.parts.reduce((a, p) => a + p.value, 0);
  const expr = breakdown.parts.map((p) => `${p.name} (${vi(p.value)})`).join(" + ");
  if (v.value === null) {
    tally.notReported("sum");
    if (v.read === null && !v.formula) {
      finding("info", "sum", spec, v, {
        expected: sum,
        message: `Chưa ghi ${who}; theo Ghi chú ${expr} = ${vi(sum)}.`,
        fix: `Ghi ${vi(sum)}.`,
      });
    }
    return;
  }
  if (compareAtPrecision(v.value, sum, v.decimals) === "equal") return tally.pass("sum");
  tally.fail("sum");
  finding("error", "sum", spec, v, {
    actual: v.value,
    expected: sum,
    message: `${who} ghi ${vi(v.value)} nhưng ${expr} = ${vi(sum)} theo Ghi chú.`,
    fix: `Sửa ${who} thành ${vi(sum)}, hoặc sửa lại các số trong Ghi chú.`,
  });
}

export const subUnits: RuleKind = {
  name: "subUnits",
  validate(check) {
    const rows = check.fv.form.rows;
    for (let k = 0; k < rows.length; k++) {
      const spec = rows[k];
      if (spec.subUnits?.length) checkBreakdown(check, spec, spec.subUnits);
    }
  },
};
