/**
 * rateChoices counts each pooled row's reporting units in one loop (reportingUnits) instead of making
 * every unit's rate and filtering: the count must be that of unitRates(…).filter((v) => v !== null)
 * for any column — numerators, denominators and typed rates missing, zero, negative, NaN, holes.
 */
import fc from "fast-check";
import type { RowSpec } from "../../src/catalog/types";
import type { Consolidation, ConsolidatedRow } from "../../src/core/consolidate";
import { reportingUnits, unitRates } from "../../src/xlsx/write-ranking";

const cell = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(0),
  fc.constant(-3),
  fc.constant(Number.NaN),
  fc.integer({ min: 1, max: 500 }),
  fc.double({ min: 0, max: 1000, noNaN: true }),
);

/** A column of `n` values, some indexes left holes. */
const column = (n: number) =>
  fc
    .tuple(fc.array(cell, { minLength: n, maxLength: n }), fc.array(fc.boolean(), { minLength: n, maxLength: n }))
    .map(([values, holes]) => {
      const out = new Array<number | null>(n);
      values.forEach((v, i) => {
        if (!holes[i]) out[i] = v as number | null;
      });
      return out;
    });

function consolidation(nu: (number | null)[] | undefined, du: (number | null)[] | undefined, typed: (number | null)[]) {
  const spec = (code: string, ratio?: RowSpec["ratio"]) => ({ id: code, code, label: code, kind: "number", ratio }) as unknown as RowSpec;
  const row = (code: string, perUnit: (number | null)[], ratio?: RowSpec["ratio"]) =>
    ({ spec: spec(code, ratio), form: 1, code, label: code, method: "pooled", value: null, reporting: 0, perUnit }) as ConsolidatedRow;
  const ratioRow = row("3", typed, { numerator: "1", denominator: "2" });
  const rows = [...(nu ? [row("1", nu)] : []), ...(du ? [row("2", du)] : []), ratioRow];
  return { c: { forms: [{ form: { number: 1 }, rows }] } as unknown as Consolidation, ratioRow };
}

test("reportingUnits counts the units unitRates gives a rate (holes, missing parts, zero and negative denominators)", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 12 }).chain((n) => fc.tuple(fc.option(column(n)), fc.option(column(n)), column(n))),
      ([nu, du, typed]) => {
        const { c, ratioRow } = consolidation(nu ?? undefined, du ?? undefined, typed);
        expect(reportingUnits(c, ratioRow)).toBe(unitRates(c, ratioRow).filter((v) => v !== null).length);
      },
    ),
    { numRuns: 3000 },
  );
});
