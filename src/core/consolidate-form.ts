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
    const reported = perUnit.filter((v): v is number => v !== null);
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

/** Per form number of a template's forms, the codes (rows' keys, each once a form) and the form each comes from. */
type FormCodes = Map<number, { codes: string[]; forms: number[] }>;

function buildCodes(forms: FormSpec[]): FormCodes {
  // Two forms of a template never share a number; if they did, both are filled.
  const byNumber: FormCodes = new Map();
  for (let i = 0; i < forms.length; i++) {
    const target = byNumber.get(forms[i].number) ?? { codes: [], forms: [] };
    // A code repeated within a form is one column, in its first row's place (as a Map of the rows keeps it).
    for (const code of new Set(forms[i].rows.map((spec) => rowKey(spec)))) {
      target.codes.push(code);
      target.forms.push(i);
    }
    byNumber.set(forms[i].number, target);
  }
  return byNumber;
}

/** The codes prepareColumns used, per `forms` array (a template's). */
const PREPARED_CODES = new WeakMap<FormSpec[], FormCodes>();

function sameCodes(a: FormCodes, b: FormCodes): boolean {
  if (a.size !== b.size) return false;
  for (const [number, { codes, forms }] of a) {
    const other = b.get(number);
    if (!other || other.codes.length !== codes.length) return false;
    for (let k = 0; k < codes.length; k++) if (other.codes[k] !== codes[k] || other.forms[k] !== forms[k]) return false;
  }
  return true;
}

/**
 * A unit's values of the template's codes, made when the unit is read (its data is then in the
 * cache; at the end 3,321 units' values looked up code by code took ≈20 ms): per form number, the
 * `values` object it came from and its value for each code (undefined: no such code).
 */
interface PreparedColumns {
  forms: FormSpec[];
  byNumber: Map<number, { values: UnitData["forms"][number]["values"]; cells: (number | null | undefined)[] }>;
}

const PREPARED = new WeakMap<UnitData, PreparedColumns>();

/**
 * Looks up `data`'s values of the template's codes now (as the unit arrives), for formColumns to
 * copy later. Used only for the same `forms` and the same values objects (nothing changes them).
 */
export function prepareColumns(data: UnitData, forms: FormSpec[]): void {
  let byNumber = PREPARED_CODES.get(forms);
  if (byNumber === undefined) PREPARED_CODES.set(forms, (byNumber = buildCodes(forms)));
  const prepared: PreparedColumns = { forms, byNumber: new Map() };
  const own = Object.prototype.hasOwnProperty;
  for (const f of data.forms) {
    const target = byNumber.get(f.form);
    if (target === undefined || prepared.byNumber.has(f.form)) continue;
    const { codes } = target;
    const values = f.values;
    const cells = new Array<number | null | undefined>(codes.length);
    for (let k = 0; k < codes.length; k++) cells[k] = own.call(values, codes[k]) ? (values[codes[k]].value ?? null) : undefined;
    prepared.byNumber.set(f.form, { values, cells });
  }
  PREPARED.set(data, prepared);
}

/**
 * Per form of the template, each row's column of the included units' values (null: not reported), as
 * looking each code up in each unit's first values of that form number gives. One pass over each unit's
 * forms for all forms (3,321 units' data is touched once, not once per form), asking each values object
 * for the form's codes: a `for…in` over values keyed "1", "2.1" (array indices beside names) was slower.
 * A unit prepared for these forms (prepareColumns, as it was read) has its values copied instead.
 */
export function formColumns(forms: FormSpec[], included: UnitEntry[]): Map<string, (number | null)[]>[] {
  const n = included.length;
  const all = forms.map((form) => new Map(form.rows.map((spec) => [rowKey(spec), new Array<number | null>(n).fill(null)])));
  const byNumber = new Map<number, { codes: string[]; columns: (number | null)[][] }>();
  const codesByNumber = buildCodes(forms);
  for (const [number, { codes, forms: of }] of codesByNumber) {
    byNumber.set(number, { codes, columns: codes.map((code, k) => all[of[k]].get(code)!) });
  }
  // Units prepared with these codes (the forms unchanged since) have their values copied.
  const preparedCodes = PREPARED_CODES.get(forms);
  const usePrepared = preparedCodes !== undefined && sameCodes(preparedCodes, codesByNumber);
  // The unit that last filled a form number: only a unit's first values of a form count.
  const filledBy = new Map<number, number>();
  const own = Object.prototype.hasOwnProperty;
  for (let i = 0; i < n; i++) {
    const data = included[i].input.data;
    const prepared = data && usePrepared ? PREPARED.get(data) : undefined;
    const ready = prepared?.forms === forms ? prepared.byNumber : undefined;
    for (const f of data?.forms ?? []) {
      const target = byNumber.get(f.form);
      if (target === undefined || filledBy.get(f.form) === i) continue;
      filledBy.set(f.form, i);
      const { codes, columns } = target;
      const values = f.values;
      const made = ready?.get(f.form);
      if (made !== undefined && made.values === values) {
        const cells = made.cells;
        for (let k = 0; k < codes.length; k++) if (cells[k] !== undefined) columns[k][i] = cells[k]!;
      } else {
        for (let k = 0; k < codes.length; k++) if (own.call(values, codes[k])) columns[k][i] = values[codes[k]].value ?? null;
      }
    }
  }
  return all;
}
