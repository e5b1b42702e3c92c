/**
 * Fill: compute ratio and total cells where the inputs allow, writing only
 * into blank computed cells. What a person typed is kept unless the user asks
 * to overwrite, and then every overwritten value is listed.
 */
import { computedFrom, rowKey } from "../catalog";
import type { RowSpec } from "../catalog/types";
import { formatNumber } from "./numbers";
import { type Computed, computedRule, rowFormula } from "./rules";
import { compareAtPrecision } from "./rules/rate";
import type { FormValues } from "./values";

export interface FillOptions {
  /** Write live formulas instead of values (the computed value is kept as the cached result). */
  formulas?: boolean;
  /** Replace values a person typed that disagree with the computation. */
  overwrite?: boolean;
}

export interface FillAction {
  form: number;
  code: string;
  label: string;
  sheet: string;
  /** "D12" */
  address: string;
  /** "'Biểu mẫu 1'!D12" */
  cell: string;
  /** filled: the cell was blank; overwritten: a typed value was replaced; kept: a typed value disagrees and was left. */
  action: "filled" | "overwritten" | "kept";
  value: number;
  formula?: string;
  /** What the cell held before, as text (overwritten and kept). */
  previous?: string;
  message: string;
  /** Forms with several value columns: the column filled ("Năm 2024"). */
  column?: string;
}

export function planFill(forms: FormValues[], options: FillOptions = {}): FillAction[] {
  // A form with several value columns (Năm 2023, Năm 2024) is filled column by column.
  return forms.flatMap((fv) => (fv.columns ? fv.columns.flatMap((col) => planFormFill(col, options)) : planFormFill(fv, options)));
}

function planFormFill(fv: FormValues, options: FillOptions): FillAction[] {
  const actions: FillAction[] = [];
  const current = new Map<string, number | null>();
  for (const [code, v] of fv.byCode) current.set(code, v.value);
  const located = new Map([...fv.located.rows.values()].map((r) => [rowKey(r.spec), r]));

  for (const spec of dependencyOrder(fv.form.rows)) {
    const target = fv.byCode.get(rowKey(spec));
    if (!target) continue; // the row is not in the file: nothing to write into
    const rule = computedRule(spec);
    const computed = rule?.compute(spec, current) ?? null;
    if (!rule || computed === null) continue;
    const value = rule.written(computed.value);
    const addresses = computedFrom(spec).map((c) => located.get(c)?.address);
    const formula =
      options.formulas && addresses.every((a) => a !== undefined) ? rowFormula(spec, (code) => located.get(code)!.address) : undefined;
    const base = {
      form: fv.form.number,
      code: spec.code,
      label: spec.label,
      sheet: fv.located.sheet,
      address: target.address,
      cell: target.cell,
      value: formula ? computed.value : value,
      ...(formula ? { formula } : {}),
      ...(fv.columnName ? { column: fv.columnName } : {}),
    };
    const shown = formatNumber(value, "vi");
    const blank = target.raw === "" && !target.formula;
    if (blank) {
      actions.push({ ...base, action: "filled", message: `Điền ${spec.code} = ${shown} (${computed.how}).` });
      current.set(rowKey(spec), computed.value);
      continue;
    }
    if (target.formula && !options.overwrite) continue; // Excel computes it already
    if (target.value !== null && compareAtPrecision(target.value, computed.value, target.decimals) === "equal") continue;
    if (options.overwrite) {
      actions.push({
        ...base,
        action: "overwritten",
        previous: target.raw,
        message: `Thay ${spec.code}: "${target.raw}" → ${shown} (${computed.how}).`,
      });
      current.set(rowKey(spec), computed.value);
    } else {
      actions.push({
        ...base,
        action: "kept",
        previous: target.raw,
        message: `Giữ nguyên ${spec.code} = "${target.raw}" do người nhập ghi; tính được ${shown} (${computed.how}). Dùng --overwrite để thay.`,
      });
    }
  }
  return actions;
}

/** A computed row's value from the others' (row key → value), by its rule kind (ratio, sum), or null. */
export function computeRow(spec: RowSpec, values: Map<string, number | null>): Computed | null {
  return computedRule(spec)?.compute(spec, values) ?? null;
}

/** Computed rows, each after the computed rows it depends on. */
export function dependencyOrder(rows: RowSpec[]): RowSpec[] {
  const byCode = new Map(rows.map((r) => [rowKey(r), r]));
  const done = new Set<string>();
  const out: RowSpec[] = [];
  const visit = (row: RowSpec, depth: number) => {
    if (done.has(rowKey(row)) || depth > rows.length) return;
    for (const dep of computedFrom(row)) {
      const d = byCode.get(dep);
      if (d && computedFrom(d).length > 0) visit(d, depth + 1);
    }
    done.add(rowKey(row));
    out.push(row);
  };
  for (const row of rows) if (computedFrom(row).length > 0) visit(row, 0);
  return out;
}
