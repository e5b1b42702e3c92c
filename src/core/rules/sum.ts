/**
 * Rule kind "sum": a total row equals the sum of its parts, where the form
 * means that (DOMAIN.md §4). How it validates, fills (value and Excel formula)
 * and how a count is combined across units (added up).
 */
import { rowKey } from "../../catalog";
import type { RowSpec } from "../../catalog/types";
import type { FormCheck } from "./context";
import type { Aggregate, Computed, ComputedRule, RuleKind } from "./kinds";
import { compareAtPrecision } from "./rate";
import { vi } from "./text";

function validateSum(check: FormCheck, spec: RowSpec, parts: string[]): void {
  const { tally, finding, num, name } = check;
  const v = check.val(rowKey(spec));
  const present = parts.filter((c) => num(c) !== null);
  const total = v?.value ?? null;
  if (present.length === 0) return tally.notReported("sum");
  const sum = present.reduce((a, c) => a + num(c)!, 0);
  // Only a finding shows the sum written out (most totals add up).
  const expr = () => present.map((c) => `${name(c)} (${vi(num(c)!)})`).join(" + ");
  const missing = parts.filter((c) => num(c) === null);
  if (total === null) {
    tally.notReported("sum");
    if (v && v.read === null && !v.formula) {
      finding("info", "sum", spec, v, () => ({
        expected: sum,
        message: `Chưa ghi tổng ${spec.code}; cộng các dòng thành phần được ${vi(sum)} = ${expr()}${missing.length ? ` (chưa có ${missing.map(name).join(", ")})` : ""}.`,
        fix: `Ghi ${vi(sum)} (lệnh "bieumau fill" tự điền).`,
      }));
    }
    return;
  }
  if (compareAtPrecision(total, sum, v!.decimals) === "equal") return tally.pass("sum");
  if (missing.length > 0) {
    // Blank parts may be the difference: only a total below its reported parts is certain.
    if (sum > total) {
      tally.fail("sum");
      return finding("error", "sum", spec, v, {
        actual: total,
        expected: `≥ ${vi(sum)}`,
        message: `Tổng ${spec.code} ghi ${vi(total)} nhỏ hơn các dòng thành phần đã ghi: ${expr()} = ${vi(sum)}.`,
        fix: `Kiểm tra lại ${spec.code} và ${present.map(name).join(", ")}.`,
      });
    }
    tally.notReported("sum");
    return finding("info", "sum", spec, v, () => ({
      actual: total,
      expected: sum,
      message: `Tổng ${spec.code} ghi ${vi(total)}, các dòng thành phần đã ghi cộng được ${vi(sum)}; chưa ghi ${missing.map(name).join(", ")} nên chưa kiểm tra được.`,
      fix: `Ghi số liệu cho ${missing.map(name).join(", ")} (ghi 0 nếu không có).`,
    }));
  }
  tally.fail("sum");
  finding("error", "sum", spec, v, {
    actual: total,
    expected: sum,
    message: `Tổng ${spec.code} ghi ${vi(total)} nhưng ${expr()} = ${vi(sum)}.`,
    fix: `Sửa tổng thành ${vi(sum)}, hoặc kiểm tra lại các dòng thành phần.`,
  });
}

function computeSum(spec: RowSpec, values: Map<string, number | null>): Computed | null {
  if (!spec.sum) return null;
  const parts = spec.sum.filter((c) => (values.get(c) ?? null) !== null);
  if (parts.length === 0) return null;
  const value = parts.reduce((a, c) => a + values.get(c)!, 0);
  return { value, how: parts.map((c) => `${c} (${vi(values.get(c)!)})`).join(" + ") };
}

/** A total, blank while none of its parts is reported. */
export function sumFormula(parts: string[]): string {
  const refs = compactRanges(parts).join(",");
  return `IF(COUNT(${refs})=0,"",SUM(${refs}))`;
}

/** ["D8","D9","D10","D14"] → ["D8:D10","D14"]: same column, consecutive rows merge. */
export function compactRanges(addresses: string[]): string[] {
  const parsed = addresses.map((a) => {
    const m = /^([A-Z]+)(\d+)$/.exec(a);
    return m ? { col: m[1], row: Number(m[2]), text: a } : { col: "", row: NaN, text: a };
  });
  const out: string[] = [];
  let i = 0;
  while (i < parsed.length) {
    let j = i;
    while (
      j + 1 < parsed.length &&
      parsed[j + 1].col === parsed[i].col &&
      parsed[i].col !== "" &&
      parsed[j + 1].row === parsed[j].row + 1
    ) {
      j++;
    }
    out.push(j > i + 1 ? `${parsed[i].text}:${parsed[j].text}` : parsed[i].text);
    if (j === i + 1) out.push(parsed[j].text);
    i = j + 1;
  }
  return out;
}

/** Sum over the units that reported; nobody reported → blank. */
const addUp: Aggregate = ({ row, reported }) => {
  row.value = reported.length === 0 ? null : reported.reduce((a, b) => a + b, 0);
};

export const sum: RuleKind & ComputedRule = {
  name: "sum",
  validate(check) {
    const rows = check.fv.form.rows;
    for (let k = 0; k < rows.length; k++) {
      const spec = rows[k];
      if (spec.sum) validateSum(check, spec, spec.sum);
    }
  },
  computes: (spec) => spec.sum !== undefined,
  compute: computeSum,
  written: (value) => value,
  formula: (spec, addressOf) => sumFormula(spec.sum!.map(addressOf)),
  aggregate: { sum: addUp },
};
