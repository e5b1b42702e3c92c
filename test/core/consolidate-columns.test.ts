/**
 * Each row's per-unit column and figure, as the one-pass column building gives them, against the plain
 * definition: each included unit's first values of the form, looked up by the row's code.
 */
import fc from "fast-check";
import { findTemplate, rowKey } from "../../src/catalog";
import type { TemplateSpec } from "../../src/catalog/types";
import { consolidate, type UnitData, type UnitInput } from "../../src/core/consolidate";

const xa = findTemplate("bnv581-xa")!;
type Values = UnitData["forms"][number]["values"];

/** The plain definition the columns must give. */
function naiveColumn(inputs: UnitInput[], included: string[], form: number, code: string): (number | null)[] {
  return included.map((file) => {
    const values = inputs.find((i) => i.file === file)!.data!.forms.find((f) => f.form === form)?.values;
    return values !== undefined && Object.prototype.hasOwnProperty.call(values, code) ? (values[code].value ?? null) : null;
  });
}

function valuesOf(entries: [string, number | null][]): Values {
  const values: Values = {};
  for (const [code, value] of entries) {
    const v = { raw: value === null ? "" : String(value), value, address: "D6" };
    if (code === "__proto__") Object.defineProperty(values, code, { value: v, enumerable: true, writable: true, configurable: true });
    else values[code] = v;
  }
  return values;
}

function unitsArbitrary(template: TemplateSpec) {
  const codes = template.forms.flatMap((f) => f.rows.map((r) => [f.number, rowKey(r)] as const));
  const formNumbers = template.forms.map((f) => f.number);
  // Codes of the template's rows, of another form's rows, and ones no row has.
  const code = fc.oneof(fc.constantFrom(...codes.map(([, c]) => c)), fc.constantFrom("99.9", "__proto__", "constructor", "toString", "x"));
  const value = fc.oneof(fc.constant(null), fc.integer({ min: -5, max: 1000 }), fc.double({ min: 0, max: 100, noNaN: true }));
  const form = fc.record({
    form: fc.oneof(fc.constantFrom(...formNumbers), fc.constant(42)),
    entries: fc.array(fc.tuple(code, value), { maxLength: 30 }),
  });
  return fc.array(fc.array(form, { maxLength: 9 }), { minLength: 1, maxLength: 12 });
}

function inputsOf(units: { form: number; entries: [string, number | null][] }[][]): UnitInput[] {
  return units.map((forms, i) => ({
    file: `u${i}.xlsx`,
    modified: `2024-03-${String(10 + (i % 9)).padStart(2, "0")}T00:00:00.000Z`,
    data: {
      templateId: xa.id,
      unit: `Xã ${i}`,
      period: "Quý I năm 2024",
      forms: forms.map((f) => ({ form: f.form, sheet: `S${f.form}`, values: valuesOf(f.entries) })),
      findings: [],
      counts: { error: 0, warning: 0, info: 0 },
    },
  }));
}

describe("consolidation columns", () => {
  it("give each row the values the plain lookup gives: repeated, missing and foreign forms and codes", () => {
    fc.assert(
      fc.property(unitsArbitrary(xa), (units) => {
        const inputs = inputsOf(units);
        const c = consolidate(inputs, [xa]);
        const included = c.included.map((u) => u.file);
        for (const f of c.forms) {
          for (const row of f.rows) {
            expect(row.perUnit).toEqual(naiveColumn(inputs, included, f.form.number, rowKey(row.spec)));
            if (row.method !== "sum") continue;
            const reported = row.perUnit.filter((v) => v !== null);
            expect(row.reporting).toBe(reported.length);
            expect(row.value).toBe(reported.length ? reported.reduce((a, b) => a + b, 0) : null);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it("count only a unit's first values of a form", () => {
    const inputs = inputsOf([
      [
        { form: 1, entries: [["1", 3]] },
        { form: 1, entries: [["1", 100]] },
      ],
      [{ form: 1, entries: [["1", 4]] }],
    ]);
    const row = consolidate(inputs, [xa]).forms[0].rows.find((r) => r.code === "1")!;
    expect(row.perUnit).toEqual([3, 4]);
    expect(row.value).toBe(7);
  });
});
