/**
 * The ranking chart names the province's pooled rate as vi-VN text with at most two decimals. It is
 * written without Intl.NumberFormat where it can be (viTwoDecimals): the same text as the format,
 * whose making cost ≈5 ms at start-up; anything else is left to the format.
 */
import fc from "fast-check";
import { viTwoDecimals } from "../../src/xlsx/write-ranking";

const FORMAT = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 });

describe("viTwoDecimals: the vi-VN text of a rate as Intl.NumberFormat gives it", () => {
  it("rounds the shortest decimal half away from zero, groups thousands with '.', writes ',' and no trailing zeros", () => {
    // toFixed(2) would give "1.00", "2.67", "0.13": the binary value lies below the half; ICU rounds the shortest decimal.
    const cases: [number, string][] = [
      [0, "0"],
      [1.005, "1,01"],
      [2.675, "2,68"],
      [0.125, "0,13"],
      [0.3 + 0.6, "0,9"],
      [12.5, "12,5"],
      [99.995, "100"],
      [999.995, "1.000"],
      [1234, "1.234"],
      [1234567.891, "1.234.567,89"],
      [999999.999, "1.000.000"],
      [0.004, "0"],
    ];
    for (const [v, text] of cases) {
      expect(viTwoDecimals(v)).toBe(text);
      expect(FORMAT.format(v)).toBe(text);
    }
  });

  it("leaves to Intl what it does not write: negatives, -0, exponents, 10^15 and beyond, NaN, infinities", () => {
    for (const v of [-1.5, -0.001, -0, 1e-7, 5e-7, 1e15, 1e21, NaN, Infinity, -Infinity]) expect(viTwoDecimals(v)).toBeUndefined();
  });

  it("gives the format's text for any rate it writes (random doubles, and values at a half of the second decimal)", () => {
    const same = (v: number) => {
      const text = viTwoDecimals(v);
      if (text !== undefined) expect(text).toBe(FORMAT.format(v));
    };
    fc.assert(fc.property(fc.double({ min: 0, max: 1e15, noNaN: true }), same), { numRuns: 4000 });
    fc.assert(fc.property(fc.double({ min: 0, max: 1000, noNaN: true }), same), { numRuns: 4000 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (k) => same(k / 1000 + 0.005)),
      { numRuns: 4000 },
    );
    for (let k = 0; k < 20000; k++) same(k / 1000);
  });
});
