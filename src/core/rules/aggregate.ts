/**
 * How each row is combined across units when the province consolidates
 * (`aggregate` in the catalog, DOMAIN.md §6): the rule kinds' own aggregations
 * (sum.ts adds up, ratio.ts pools, coded.ts counts answers) and the two that
 * belong to no rule: the same value everywhere, and rows the officer combines.
 */
import type { Aggregation } from "../../catalog/types";
import { countAnswers } from "./coded";
import type { Aggregate } from "./kinds";
import { ratio } from "./ratio";
import { sum } from "./sum";

/** The same value for every unit (a list every commune shares): not summed; disagreement is shown. */
const same: Aggregate = ({ row, reported, perUnit, units }) => {
  const distinct = [...new Set(reported)];
  if (distinct.length === 1) row.value = distinct[0];
  else if (distinct.length > 1) {
    row.conflict = distinct.map((value) => ({ value, units: units.filter((_, i) => perUnit[i] === value) }));
    row.attention = `các đơn vị ghi khác nhau (${distinct.length} giá trị): cần cán bộ xác định`;
  }
};

/** Cannot be combined mechanically: listed per unit, marked for the officer. */
const manual: Aggregate = ({ row, reported }) => {
  if (reported.length > 0) row.attention = "không cộng gộp được: xem số của từng đơn vị, cần cán bộ xác định";
};

export const AGGREGATES: Record<Aggregation, Aggregate> = {
  sum: sum.aggregate!.sum!,
  pooled: ratio.aggregate!.pooled!,
  answers: countAnswers,
  same,
  manual,
  none: () => {},
};
