/**
 * The rows of a form that each rule kind reads, picked once per form: the catalog is data, the same
 * for every file, and each rule walking all of a form's rows for every file of a province cost more
 * than its checks. Picked again when the form's row list is another array or another length;
 * a template's rows are not edited in place once its files are checked.
 */
import type { FormSpec, RowSpec } from "../../catalog/types";

export interface FormRows {
  /** Rows with a `ratio` (ratio.ts). */
  ratio: RowSpec[];
  /** Rows with a `sum` (sum.ts). */
  sum: RowSpec[];
  /** Rows with `checks` (relation.ts). */
  checks: RowSpec[];
  /** Rows with `subUnits` (sub-units.ts). */
  subUnits: RowSpec[];
  /** Rows with `compound` (compound.ts). */
  compound: RowSpec[];
}

const picked = new WeakMap<FormSpec, { rows: RowSpec[]; length: number; picked: FormRows }>();

export function formRows(form: FormSpec): FormRows {
  const known = picked.get(form);
  if (known !== undefined && known.rows === form.rows && known.length === form.rows.length) return known.picked;
  const rows = form.rows;
  const out: FormRows = {
    ratio: rows.filter((s) => s.ratio),
    sum: rows.filter((s) => s.sum),
    checks: rows.filter((s) => s.checks),
    subUnits: rows.filter((s) => s.subUnits?.length),
    compound: rows.filter((s) => s.compound),
  };
  picked.set(form, { rows, length: rows.length, picked: out });
  return out;
}
