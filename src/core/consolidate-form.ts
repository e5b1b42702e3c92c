/**
 * One form's consolidated rows: each row's column of the included units' values, then its
 * aggregation (rules/aggregate.ts) over that column.
 */
import { rowKey } from "../catalog";
import type { FormSpec } from "../catalog/types";
import type { ConsolidatedRow, UnitData, UnitEntry } from "./consolidate";
import { AGGREGATES } from "./rules/aggregate";

export function consolidateForm(form: FormSpec, included: UnitEntry[], columns: Map<string, (number | null)[]>): ConsolidatedRow[] {
  const rows = new Map<string, ConsolidatedRow>();
  // A code that is not a row of the form (an aggregation may ask for one): each unit's values of the form, looked up.
  let valuesOf: (UnitData["forms"][number]["values"] | undefined)[] | undefined;
  const lookUp = (code: string) => {
    valuesOf ??= included.map((u) => u.input.data?.forms.find((x) => x.form === form.number)?.values);
    return valuesOf.map((values) => values?.[code]?.value ?? null);
  };
  // A copy each time: aggregations keep the arrays they are given.
  const perUnitOf = (code: string) => columns.get(code)?.slice() ?? lookUp(code);
  // A row's own column is its perUnit, not copied (2.6 M values for 3,321 units): nothing writes to
  // a column, and the first row of a code takes it (a code asked again, by a ratio or a repeated row, is copied).
  const taken = new Set<string>();
  const ownColumn = (code: string) => {
    const column = taken.has(code) ? undefined : columns.get(code);
    taken.add(code);
    return column ?? perUnitOf(code);
  };
  const units = included.map((u) => u.unit);
  const consolidated = (key: string) => rows.get(key)?.value;
  // Ratios are pooled from their parts' consolidated values, so parts come first.
  const ordered = [...form.rows.filter((r) => !r.ratio), ...form.rows.filter((r) => r.ratio)];
  for (const spec of ordered) {
    const perUnit = ownColumn(rowKey(spec));
    const reported = reportedOf(perUnit);
    const row: ConsolidatedRow = {
      spec,
      form: form.number,
      code: spec.code,
      label: spec.label,
      method: spec.aggregate,
      value: null,
      reporting: reported.length,
      perUnit,
    };
    AGGREGATES[spec.aggregate]?.({ spec, row, perUnit, reported, units, perUnitOf, consolidated });
    // Finite values can still add up past the largest number (1e308 + 1e308): no figure, the row flagged.
    if (row.value !== null && !Number.isFinite(row.value)) {
      row.value = null;
      row.attention = "tổng vượt quá số lớn nhất tính được: kiểm tra số liệu các đơn vị";
    }
    rows.set(rowKey(spec), row);
  }
  return form.rows.map((r) => rows.get(rowKey(r))!);
}

/**
 * The values reported, as `perUnit.filter((v) => v !== null)` gives them (a hole is skipped), in a loop:
 * consolidateForm runs a few times only, so filter's callback would be called, not inlined, 375 K times.
 */
export function reportedOf(perUnit: (number | null)[]): number[] {
  const reported: number[] = [];
  for (let i = 0; i < perUnit.length; i++) {
    const v = perUnit[i];
    if (v !== null && (v !== undefined || i in perUnit)) reported.push(v);
  }
  return reported;
}

/**
 * Per form of the template, each row's column of the included units' values (null: not reported), as
 * looking each code up in each unit's first values of that form number gives. One pass over each unit's
 * forms for all forms (3,321 units' data is touched once, not once per form), asking each values object
 * for the form's codes: a `for…in` over values keyed "1", "2.1" (array indices beside names) was slower.
 */
export function formColumns(
  forms: FormSpec[],
  included: UnitEntry[],
  /** Filled, when given, with each form's sheet of each unit (its first of that form number), in the same pass. */
  sheets?: (string | undefined)[][],
): Map<string, (number | null)[]>[] {
  const n = included.length;
  const all = forms.map((form) => new Map(form.rows.map((spec) => [rowKey(spec), new Array<number | null>(n).fill(null)])));
  // The codes and columns each form number fills (two forms of a template never share a number; if they did, both are filled).
  const byNumber = new Map<
    number,
    { codes: string[]; inherited: boolean[]; columns: (number | null)[][]; sheets: (string | undefined)[][] }
  >();
  forms.forEach((form, i) => {
    const target = byNumber.get(form.number) ?? { codes: [], inherited: [], columns: [], sheets: [] };
    if (sheets) target.sheets.push((sheets[i] = new Array<string | undefined>(n)));
    for (const [code, column] of all[i]) {
      target.codes.push(code);
      target.inherited.push(code in Object.prototype);
      target.columns.push(column);
    }
    byNumber.set(form.number, target);
  });
  // The unit that last filled a form number: only a unit's first values of a form count.
  const filledBy = new Map<number, number>();
  const own = Object.prototype.hasOwnProperty;
  for (let i = 0; i < n; i++) {
    const unitForms = included[i].input.data?.forms ?? [];
    // Indexed, not for…of: 3,321 × 7 forms, mostly run before the loop is optimized (no iterator objects).
    for (let j = 0; j < unitForms.length; j++) {
      const f = unitForms[j];
      const target = byNumber.get(f.form);
      if (target === undefined || filledBy.get(f.form) === i) continue;
      filledBy.set(f.form, i);
      const { codes, inherited, columns } = target;
      for (let k = 0; k < target.sheets.length; k++) target.sheets[k][i] = f.sheet;
      const values = f.values;
      // One lookup per code: on a plain object, a code no object has ("2.1", not "toString") found is its own.
      const plain = Object.getPrototypeOf(values) === Object.prototype;
      for (let k = 0; k < codes.length; k++) {
        const code = codes[k];
        const v = values[code];
        if (v !== undefined && ((plain && !inherited[k]) || own.call(values, code))) columns[k][i] = v.value ?? null;
      }
    }
  }
  return all;
}
