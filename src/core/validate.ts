/**
 * The validation engine: the catalog's rules applied to a located workbook.
 * Every finding names the form, the row, the cell, what was read and what was
 * expected, in Vietnamese an officer understands (DOMAIN.md §4). Each rule kind
 * lives in its own module under rules/; this file runs them.
 */
import { type Finding, Tally, type RuleTally, sortFindings } from "./findings";
import type { LocatedWorkbook } from "./locate";
import { formCheck, type KeptSeverities } from "./rules/context";
import { FORM_RULES, WHOLE_FORM_RULES } from "./rules";
import { workbookFindings } from "./rules/structure";
import { validateList } from "./validate-list";
import { type FormValues, readFormValues } from "./values";

export interface ValidationResult {
  findings: Finding[];
  summary: RuleTally[];
  forms: FormValues[];
}

/** `kept`: the severities whose findings are kept with their text; the others are counted (in `findings`, without text). */
export function validateWorkbook(located: LocatedWorkbook, kept?: KeptSeverities): ValidationResult {
  const tally = new Tally();
  const findings: Finding[] = [];
  const forms = located.forms.map(readFormValues);
  for (const fv of forms) {
    if (fv.located.list) findings.push(...validateList(fv.located, tally));
    else if (fv.columns) {
      // Each value column with the rows' rules (the rows' structure once).
      fv.columns.forEach((col, i) => findings.push(...validateForm(col, tally, { column: col.columnName, structure: i === 0, kept })));
    } else findings.push(...validateForm(fv, tally, { kept }));
    for (const rule of WHOLE_FORM_RULES) findings.push(...rule(fv, tally));
  }
  findings.push(...workbookFindings(located));
  return { findings: sortFindings(findings), summary: tally.rows(), forms };
}

export interface ValidateFormOptions {
  /** The value column validated ("Năm 2024"): named in every finding about its cells. */
  column?: string;
  /** Report stray, missing and renumbered rows (default true; once per form with several columns). */
  structure?: boolean;
  /** The severities whose findings keep their text (default: all). */
  kept?: KeptSeverities;
}

/** One table form (one value column): every rule kind in turn (rules/index.ts lists them). */
export function validateForm(fv: FormValues, tally: Tally, options: ValidateFormOptions = {}): Finding[] {
  const check = formCheck(fv, tally, options.column, options.structure !== false, options.kept);
  for (const rule of FORM_RULES) rule.validate?.(check);
  return check.out;
}
