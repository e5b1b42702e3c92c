/**
 * What locating a workbook produces (by marker or by content), and the small
 * builders both ways share: a list form, a duplicate form, the forms not found.
 */
import type { FormSpec, RowSpec, TemplateSpec } from "../catalog/types";
import type { FormulaNote } from "./formula-cells";
import type { Cell, SheetGrid } from "./grid";
import type { LocatedList } from "./locate-list";

/** One row of a located form, matched to its template row. */
export interface LocatedRow {
  spec: RowSpec;
  /** 1-based sheet row. */
  row: number;
  /** "D12" */
  address: string;
  cell: Cell | undefined;
  /** Forms with several value columns ("Năm 2023", "Năm 2024"): the cell of each, in the form's order; `cell` is the first. */
  cells?: (Cell | undefined)[];
  /** The address of each value column ("D12", "E12"); `address` is the first. */
  addresses?: string[];
  /** Code and label as written in the file. */
  writtenCode: string;
  writtenLabel: string;
  note?: string;
}

/** A row in the file that matches no template row (reported, never dropped). */
export interface StrayRow {
  row: number;
  address: string;
  writtenCode: string;
  writtenLabel: string;
  cell: Cell | undefined;
}

export interface LocatedForm {
  form: FormSpec;
  sheet: string;
  via: "marker" | "content";
  /** Row and column of the value column, for messages and writes. */
  valueCol: number;
  rows: Map<string, LocatedRow>; // by row id
  stray: StrayRow[];
  /** Template rows not found in the file. */
  missing: RowSpec[];
  /** Rows whose code in the file differs from the template (renumbered). */
  renumbered: { spec: RowSpec; writtenCode: string; row: number }[];
  /**
   * Forms with several value columns: the sheet column of each, in the form's order
   * (`valueCol` is the first found); 0 for a column the file does not have.
   */
  valueCols?: number[];
  /** List forms (Phụ lục I): the items found under the list's header; `rows` is empty. */
  list?: LocatedList;
  /** Formulas of value cells computed here, not computable, or whose stored result differs. */
  formulas?: FormulaNote[];
}

export interface LocateIssue {
  kind: "duplicate-form" | "unknown-section" | "no-form" | "missing-column" | "ambiguous-column";
  sheet: string;
  row?: number;
  form?: number;
  message: string;
}

export interface LocatedWorkbook {
  template: TemplateSpec | undefined;
  forms: LocatedForm[];
  issues: LocateIssue[];
  /** Forms of the template not found in the file (none for an unrecognised file). */
  missingForms?: FormSpec[];
  unit?: string;
  period?: string;
}

/** The template's forms not found in the file (each is a warning; a unit with forms missing is not complete). */
export function missingForms(template: TemplateSpec, found: Set<number>): FormSpec[] {
  return template.forms.filter((f) => !found.has(f.number));
}

export function listForm(form: FormSpec, sheet: SheetGrid, via: "marker" | "content", list: LocatedList): LocatedForm {
  return { form, sheet: sheet.name, via, valueCol: list.codeCol, rows: new Map(), stray: [], missing: [], renumbered: [], list };
}

export function duplicateIssue(form: number, sheet: string, firstSheet: string, row?: number): LocateIssue {
  return {
    kind: "duplicate-form",
    sheet,
    row,
    form,
    message: `Biểu mẫu ${form} xuất hiện hai lần (trang "${firstSheet}" và trang "${sheet}"${row ? ` dòng ${row}` : ""}); chỉ dùng bản ở trang "${firstSheet}"`,
  };
}
