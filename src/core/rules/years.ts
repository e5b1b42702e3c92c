/**
 * Rule kind "years": forms with several value columns (Năm 2023, Năm 2024,
 * `yearChangeFactor` in the catalog): a value that changes between neighbouring
 * columns by more than the form's factor is a warning. Zeros are not compared
 * (0 → 1 says nothing about a typing mistake).
 */
import { rowKey } from "../../catalog";
import type { RowSpec } from "../../catalog/types";
import type { Finding, Tally } from "../findings";
import type { FormValues, RowValue } from "../values";
import { round } from "./rate";
import { capitalize, labelled, vi } from "./text";

const COMPARED = ["count", "money", "percent", "ratio"];

export function compareColumns(fv: FormValues, tally: Tally): Finding[] {
  const factor = fv.form.yearChangeFactor;
  const columns = fv.columns ?? [];
  if (factor === undefined || columns.length < 2) return [];
  const out: Finding[] = [];
  for (const spec of fv.form.rows) {
    if (!COMPARED.includes(spec.kind)) continue;
    for (let i = 0; i + 1 < columns.length; i++) {
      const a = columns[i].byCode.get(rowKey(spec));
      const b = columns[i + 1].byCode.get(rowKey(spec));
      if (!a || !b || a.value === null || b.value === null) {
        tally.notReported("years");
        continue;
      }
      if (a.value <= 0 || b.value <= 0) {
        tally.pass("years");
        continue;
      }
      const change = Math.max(a.value / b.value, b.value / a.value);
      if (change <= factor + 1e-9) {
        tally.pass("years");
        continue;
      }
      tally.fail("years");
      const names: [string, string] = [columns[i].columnName ?? `cột ${i + 1}`, columns[i + 1].columnName ?? `cột ${i + 2}`];
      out.push(yearsFinding(fv, spec, a as RowValue & { value: number }, b as RowValue & { value: number }, names, factor, change));
    }
  }
  return out;
}

function yearsFinding(
  fv: FormValues,
  spec: RowSpec,
  a: RowValue & { value: number },
  b: RowValue & { value: number },
  [n1, n2]: [string, string],
  factor: number,
  change: number,
): Finding {
  const unit = spec.kind === "percent" || spec.kind === "ratio" ? "%" : "";
  return {
    severity: "warning",
    rule: "years",
    form: fv.form.number,
    code: spec.code,
    label: spec.label,
    cell: b.cell,
    actual: b.value,
    expected: `${vi(round(a.value / factor, 2))}–${vi(round(a.value * factor, 2))}`,
    message: `${capitalize(labelled(spec))}: ${n1} ghi ${vi(a.value)}${unit}, ${n2} ghi ${vi(b.value)}${unit} — ${b.value > a.value ? "tăng" : "giảm"} ${vi(round(change, 1))} lần, quá ${vi(factor)} lần giữa hai năm.`,
    fix: `Kiểm tra lại số của hai năm (nhập nhầm cột, thừa hoặc thiếu chữ số?); nếu đúng, ghi lý do ở cột Ghi chú.`,
    column: n2,
  };
}
