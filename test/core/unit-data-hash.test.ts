/**
 * unitData makes the unit's contentHash value by value as it makes the values (in the located order);
 * it must be the contentHash of the data it returns (walked in the object's key order), whatever the codes,
 * raws, blanks, line breaks and order: a wrong hash would hide a duplicate report or group two different ones.
 */
import fc from "fast-check";
import type { CheckedWorkbook } from "../../src/core/check-workbook";
import { unitData } from "../../src/core/consolidate";
import { contentHash, contentText } from "../../src/core/fingerprint";

type Entry = [string, string];

function checked(forms: { form: number; entries: Entry[] }[]): CheckedWorkbook {
  const fvs = forms.map(({ form, entries }) => {
    const byCode = new Map(entries.map(([code, raw], i) => [code, { raw, value: raw === "" ? null : i, address: `D${i + 7}` }]));
    return { form: { number: form }, located: { sheet: "Biểu mẫu" }, byCode };
  });
  return {
    located: { forms: fvs.map((f) => f.located), issues: [], template: { id: "t" } },
    forms: fvs,
    findings: [],
    summary: [],
    counts: { error: 0, warning: 0, info: 0 },
  } as unknown as CheckedWorkbook;
}

const code = fc.oneof(
  fc.constantFrom("1", "2", "10", "2.1", "2.10", "01", "__proto__", "constructor", "a", "I", "x\ny", "3"),
  fc.string({ maxLength: 6 }),
);
const raw = fc.oneof(fc.constantFrom("", "5", "7", "1.234,5", "a\nb", "\n", "x=y", "…"), fc.string({ maxLength: 8 }));
const form = fc.record({
  form: fc.integer({ min: 1, max: 12 }),
  entries: fc.uniqueArray(fc.tuple(code, raw), { selector: ([c]) => c, maxLength: 12 }),
});

describe("unitData contentHash", () => {
  it("is the contentHash of the values it returns", () => {
    fc.assert(
      fc.property(fc.array(form, { maxLength: 5 }), (forms) => {
        const data = unitData(checked(forms));
        expect(data.contentHash ?? undefined).toBe(contentHash(data.forms));
        expect(data.contentHash === null).toBe(contentText(data.forms) === undefined);
      }),
      { numRuns: 2000 },
    );
  });

  it("does not depend on the order the values were located in", () => {
    const entries: Entry[] = [
      ["2.1", "4"],
      ["1", "a\nb"],
      ["__proto__", "9"],
      ["10", ""],
      ["3", "x"],
    ];
    const a = unitData(checked([{ form: 2, entries }])).contentHash;
    const b = unitData(checked([{ form: 2, entries: [...entries].reverse() }])).contentHash;
    expect(a).toBe(b);
    expect(typeof a).toBe("number");
  });
});
