/**
 * The shape of a rule kind. Each kind lives in its own module of this folder
 * and says, where it applies, how it validates a form's values, how it computes
 * a row for fill (and the Excel formula that computes it live), and how it
 * combines the units' values in consolidation. `index.ts` lists the kinds.
 */
import type { Aggregation, RowSpec } from "../../catalog/types";
import type { ConsolidatedRow } from "../consolidate";
import type { RuleName } from "../findings";
import type { ReadNumber } from "../numbers";
import type { RowValue } from "../values";
import type { FormCheck } from "./context";

export interface RuleKind {
  /** The kind's name, as in the catalog (the row's field or check rule). */
  name: string;
  /** Adds this kind's findings and tally for one form (one value column). */
  validate?(check: FormCheck): void;
  /** How rows are combined across units, by the row's `aggregate`. */
  aggregate?: Partial<Record<Aggregation, Aggregate>>;
}

/** A value computed for a row, and how (for fill's messages). */
export interface Computed {
  value: number;
  how: string;
}

/** Resolves a row key of the same form to its cell address ("D12"). */
export type AddressOf = (code: string) => string;

/** A kind that computes its row from other rows (ratio, sum): fill writes it, templates carry its formula. */
export interface ComputedRule {
  computes(spec: RowSpec): boolean;
  /** The row's value from the others' (row key → value, null = not reported), or null when it cannot be computed. */
  compute(spec: RowSpec, values: Map<string, number | null>): Computed | null;
  /** The value fill writes for a computed one (a rate is written at the forms' precision). */
  written(value: number): number;
  formula(spec: RowSpec, addressOf: AddressOf): string;
}

/** One row of one form across the included units, being consolidated. */
export interface AggregateContext {
  spec: RowSpec;
  /** The consolidated row: `value` and what the officer must know are set by the aggregation. */
  row: ConsolidatedRow;
  /** The units' values of this row, in column order (null = not reported). */
  perUnit: (number | null)[];
  /** The values reported. */
  reported: number[];
  /** Names of the included units, in column order. */
  units: string[];
  /** Another row's values across the units. */
  perUnitOf(key: string): (number | null)[];
  /** Another row's consolidated value (rows a pooled rate is made of come first). */
  consolidated(key: string): number | null | undefined;
}

export type Aggregate = (ctx: AggregateContext) => void;

/** A number too large to be finite is no figure: null. */
export function finiteOrNull(value: number | null): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/**
 * A kind's check of one row's own number (count, money, percent, coded): adds
 * its finding and says whether the value passed. `rule` is the tally it counts in.
 */
export interface ValueCheck {
  rule: RuleName;
  check(check: FormCheck, spec: RowSpec, v: RowValue, value: number, read: ReadNumber): boolean;
}
