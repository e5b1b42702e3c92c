/**
 * formColumns looks each code up once (a found value of a plain object is its own, unless the code
 * is a name every object has): the same columns as asking hasOwnProperty first, for codes such as
 * "toString" or "__proto__" too, and for values objects without Object's prototype.
 */
import type { FormSpec, RowSpec } from "../../src/catalog/types";
import type { UnitData, UnitEntry } from "../../src/core/consolidate";
import { formColumns, reportedOf } from "../../src/core/consolidate-form";

type Values = UnitData["forms"][number]["values"];

const row = (code: string): RowSpec => ({ id: `b1.${code}`, code, label: code, unit: "", kind: "count" }) as RowSpec;
const CODES = ["1", "2.1", "toString", "__proto__", "constructor", "hasOwnProperty", "a"];
const form: FormSpec = { number: 1, title: "Biểu 1", rows: CODES.map(row) } as FormSpec;

/** An own property, even "__proto__" (as unitValues makes it). */
function put(values: Values, code: string, value: number | null): void {
  Object.defineProperty(values, code, {
    value: { raw: String(value), value, address: "D1" },
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function unit(values: Values): UnitEntry {
  return {
    input: { file: "x.xlsx", data: { forms: [{ form: 1, sheet: "A", values }], findings: [], counts: { error: 0, warning: 0, info: 0 } } },
  } as unknown as UnitEntry;
}

/** The columns as asking hasOwnProperty before each lookup gives them. */
function reference(units: UnitEntry[]): (number | null)[][] {
  return CODES.map((code) =>
    units.map((u) => {
      const values = u.input.data!.forms[0].values;
      return Object.prototype.hasOwnProperty.call(values, code) ? (values[code].value ?? null) : null;
    }),
  );
}

test("codes named like Object's own properties, present or not, on plain and prototype-less values", () => {
  const units: UnitEntry[] = [];
  CODES.forEach((code, k) => {
    const plain: Values = {};
    put(plain, code, k + 1);
    put(plain, "1", 100 + k);
    units.push(unit(plain));
    const bare = Object.create(null) as Values;
    put(bare, code, k + 10);
    units.push(unit(bare));
    const inherits = Object.create({ a: { raw: "9", value: 9, address: "D1" }, "2.1": { raw: "8", value: 8, address: "D2" } }) as Values;
    put(inherits, code, null);
    units.push(unit(inherits));
  });
  units.push(unit({}));
  const columns = formColumns([form], units)[0];
  expect(CODES.map((code) => columns.get(code))).toEqual(reference(units));
  // A value inherited from another prototype is never the unit's: "a" and "2.1" are only where put.
  expect(columns.get("a")!.filter((v) => v !== null)).toEqual([7, 16]);
  expect(columns.get("toString")!.slice(6, 9)).toEqual([3, 12, null]);
});

test("reportedOf gives what filter gives: nulls out, a hole skipped, an undefined kept", () => {
  // eslint-disable-next-line no-sparse-arrays
  const columns: (number | null)[][] = [[], [null], [0, null, 3, -1.5], [1, , 2] as (number | null)[], [undefined as unknown as null, 4]];
  for (const c of columns) expect(reportedOf(c)).toEqual(c.filter((v) => v !== null));
  expect(reportedOf(columns[4])).toHaveLength(2);
  expect(reportedOf(columns[3])).toHaveLength(2);
});
