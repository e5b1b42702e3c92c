/**
 * The rule kinds, one module each (see kinds.ts for their shape). A new kind is
 * a new module here, listed below, plus its catalog field and schema entry.
 *
 * - number.ts   each row's own value: blank, number, then its kind's check —
 *               range.ts (count, money, percent) or coded.ts (coded)
 * - ratio.ts    n / d × 100 (rate.ts holds the arithmetic): validate, fill, pooled
 * - sum.ts      totals: validate, fill, summed across units
 * - relation.ts le / eq checks between rows
 * - sub-units.ts breakdowns written in Ghi chú
 * - compound.ts several quantities in one cell
 * - structure.ts rows out of place, blanks and text numbers listed once
 * - years.ts, formula.ts: over a whole form (WHOLE_FORM_RULES): value columns compared; formulas of value cells
 * - aggregate.ts how each row is consolidated
 */
import type { RowSpec } from "../../catalog/types";
import type { Finding, Tally } from "../findings";
import type { FormValues } from "../values";
import { compound } from "./compound";
import { formulaFindings } from "./formula";
import type { AddressOf, ComputedRule, RuleKind } from "./kinds";
import { values } from "./number";
import { ratio } from "./ratio";
import { relations } from "./relation";
import { structure } from "./structure";
import { subUnits } from "./sub-units";
import { sum } from "./sum";
import { compareColumns } from "./years";

/** The rules of a table form, in the order their findings are made (the structure rule lists what the others left). */
export const FORM_RULES: RuleKind[] = [values, ratio, sum, relations, subUnits, compound, structure];

/** Rules over a whole form, after the rules of each value column: the columns against each other, the formulas of its cells. */
export const WHOLE_FORM_RULES: ((fv: FormValues, tally: Tally) => Finding[])[] = [compareColumns, formulaFindings];

/** The kinds that compute their row from others (the first that applies). */
export const COMPUTED_RULES: ComputedRule[] = [ratio, sum];

export function computedRule(spec: RowSpec): ComputedRule | undefined {
  return COMPUTED_RULES.find((r) => r.computes(spec));
}

/** The Excel formula of a computed row, or undefined for an input row. */
export function rowFormula(row: RowSpec, addressOf: AddressOf): string | undefined {
  return computedRule(row)?.formula(row, addressOf);
}

export type { AddressOf, Computed, ComputedRule, RuleKind } from "./kinds";
