/**
 * What every rule of a table form works with: the form's values (one value
 * column), the tally, and one way to write a finding. The driver
 * (`validateForm` in ../validate.ts) makes one per form and column and hands it
 * to each rule kind in turn.
 */
import type { RowSpec, Severity } from "../../catalog/types";
import type { Finding, RuleName, Tally } from "../findings";
import type { FormValues, RowValue } from "../values";
import { short } from "./text";

/** What a rule says about a row: the message, and what it read and expected. */
export type FindingText = Partial<Finding> & { message: string };

/**
 * A finding about one row: form, code, label and cell filled in, the value column named.
 * `f` may be a function: it is called only when the finding's text is kept (`CheckOptions.kept`);
 * findings of the other severities are made without text, counted, then left out.
 */
export type FindingFn = (
  severity: Severity,
  rule: RuleName,
  row: RowSpec,
  v: RowValue | undefined,
  f: FindingText | (() => FindingText),
) => void;

export interface FormCheck {
  fv: FormValues;
  tally: Tally;
  finding: FindingFn;
  /** Findings of this form and column, in the order they were found. */
  out: Finding[];
  /** The value column validated ("Năm 2024") when the form has several. */
  column?: string;
  /** Report stray, missing and renumbered rows (once per form with several columns). */
  structure: boolean;
  /** Blank input rows (not reported), listed once by the structure rule; a compound cell may take its row back. */
  blanks: RowValue[];
  /** Numbers stored as text, listed once. */
  textNumbers: RowValue[];
  /** Values read by a convention (words, signs), listed by the coded and number rules. */
  conventions: RowValue[];
  /** A row's value by its key (code, or id when uncoded). */
  val(key: string): RowValue | undefined;
  /** A row's number, or null when not reported. */
  num(key: string): number | null;
  /** A row as officers name it: its STT, or its label when it has none ("Trong đó" rows). */
  name(key: string): string;
}

/** The severities whose findings are kept (undefined: all); the others are only counted. */
export type KeptSeverities = readonly Severity[] | undefined;

export function formCheck(
  fv: FormValues,
  tally: Tally,
  column: string | undefined,
  structure: boolean,
  kept: KeptSeverities = undefined,
): FormCheck {
  const out: Finding[] = [];
  const keeps = (severity: Severity) => kept === undefined || kept.includes(severity);
  const finding: FindingFn = (severity, rule, row, v, text) => {
    if (!keeps(severity)) {
      // Counted, then left out by checkWorkbook: no text is built for it.
      out.push({
        severity,
        rule,
        form: fv.form.number,
        code: row.code,
        label: row.label,
        cell: "",
        actual: null,
        expected: null,
        message: "",
      });
      return;
    }
    const f = typeof text === "function" ? text() : text;
    const base: Finding = {
      severity,
      rule,
      form: fv.form.number,
      code: row.code,
      label: row.label,
      cell: v?.cell ?? "",
      actual: null,
      expected: null,
      ...f,
    };
    out.push(inColumn(base, column));
  };
  const val = (key: string) => fv.byCode.get(key);
  const name = (key: string) => {
    const spec = fv.byCode.get(key)?.spec ?? fv.form.rows.find((r) => r.id === key);
    return spec && !spec.code ? `"${short(spec.label)}"` : key;
  };
  return {
    fv,
    tally,
    finding,
    out,
    column,
    structure,
    blanks: [],
    textNumbers: [],
    conventions: [],
    val,
    num: (key) => val(key)?.value ?? null,
    name,
  };
}

/** A finding about one value column of several: says which ("… (Năm 2024)."). */
export function inColumn(f: Finding, column: string | undefined): Finding {
  if (!column) return f;
  const message = /[.!?]$/.test(f.message) ? `${f.message.slice(0, -1)} (${column})${f.message.slice(-1)}` : `${f.message} (${column})`;
  return { ...f, message, column };
}
