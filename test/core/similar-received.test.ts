/**
 * Received names alike but for diacritics: consolidate asks the likeness index only for names that
 * share their diacritics-free group with another (most names are alone). The suggestions and notes
 * must be those of asking it for every name, in the same order.
 */
import fc from "fast-check";
import { findTemplate } from "../../src/catalog";
import { consolidate, similarUnitNames, unitKey, type UnitInput } from "../../src/core/consolidate";

const xa = findTemplate("bnv581-xa")!;

function input(i: number, unit: string): UnitInput {
  return {
    file: `u${i}.xlsx`,
    modified: `2024-03-10T00:00:${String(i % 60).padStart(2, "0")}.000Z`,
    data: {
      templateId: xa.id,
      unit,
      period: "Quý I năm 2024",
      forms: [{ form: 1, sheet: "BM1", values: { "1": { raw: String(i), value: i, address: "D6" } } }],
      findings: [],
      counts: { error: 0, warning: 0, info: 0 },
    },
  };
}

/** The suggestions among received units as made by asking every name (before names alone were skipped). */
function everyNameAsked(names: string[]): [string, string][] {
  const unique = [...new Set(names)];
  const out: [string, string][] = [];
  const seen = new Set<string>();
  for (const unit of unique) {
    for (const like of similarUnitNames(unit, unique)) {
      const pair = [unitKey(unit), unitKey(like)].sort().join("\n");
      if (seen.has(pair)) continue;
      seen.add(pair);
      out.push([unit, like]);
    }
  }
  return out;
}

const SYLLABLES = ["Đông", "Đồng", "Dong", "đông", "Hòa", "Hoà", "Hoa", "An", "Ấn", "Bình", "Binh", "UBND xã", "xã", "Xã"];

describe("likeness of received names, asked only where a name is not alone", () => {
  it("gives the suggestions and notes of asking every name (random names from alike syllables)", () => {
    const name = fc.array(fc.constantFrom(...SYLLABLES), { minLength: 1, maxLength: 3 }).map((w) => w.join(" "));
    fc.assert(
      fc.property(fc.array(name, { minLength: 1, maxLength: 25 }), (names) => {
        const c = consolidate(
          names.map((n, i) => input(i, n)),
          [xa],
          {},
        );
        const received = c.units.filter((u) => u.status === "ok" || u.status === "errors").map((u) => u.unit);
        const expected = everyNameAsked(received);
        expect(c.suggestions.map((s) => [s.unit, s.like])).toEqual(expected);
        const likeOf = (u: string) => expected.some(([a, b]) => unitKey(a) === unitKey(u) || unitKey(b) === unitKey(u));
        for (const u of c.units) {
          if (u.status !== "ok" && u.status !== "errors") continue;
          expect(u.notes.some((n) => n.includes("chỉ khác dấu"))).toBe(likeOf(u.unit));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("suggests nothing when every name is alone, and pairs names that differ by diacritics only", () => {
    expect(consolidate([input(1, "xã An"), input(2, "xã Bình")], [xa]).suggestions).toEqual([]);
    const c = consolidate([input(1, "xã An"), input(2, "UBND xã Ấn"), input(3, "xã Bình")], [xa]);
    expect(c.suggestions.map((s) => [s.unit, s.like])).toEqual([["xã An", "UBND xã Ấn"]]);
  });
});
