/** Duplicate content: the hashed grouping gives exactly the groups of the sorted, joined text. */
import fc from "fast-check";
import type { UnitData } from "../../src/core/consolidate";
import { ContentHasher, contentText, sameContentGroups } from "../../src/core/fingerprint";

type Forms = UnitData["forms"];

/** The grouping before the hash: by the exact text, groups of two or more in first-seen order. */
function byText(items: Forms[]): Forms[][] {
  const groups = new Map<string, Forms[]>();
  for (const f of items) {
    const k = contentText(f);
    if (k === undefined) continue;
    groups.set(k, [...(groups.get(k) ?? []), f]);
  }
  return [...groups.values()].filter((g) => g.length > 1);
}

const forms = (entries: [number, string, string][]): Forms => {
  const out: Forms = [];
  for (const [form, code, raw] of entries) {
    let f = out.find((x) => x.form === form);
    if (!f) out.push((f = { form, sheet: "S", values: {} }));
    f.values[code] = { raw, value: null, address: "A1" };
  }
  return out;
};

describe("sameContentGroups", () => {
  it("matches the exact text, line order aside", () => {
    const a = forms([
      [1, "1", "5"],
      [1, "2", "7"],
      [2, "1", "x"],
    ]);
    const b = forms([
      [2, "1", "x"],
      [1, "2", "7"],
      [1, "1", "5"],
    ]);
    const c = forms([
      [1, "1", "5"],
      [1, "2", "8"],
      [2, "1", "x"],
    ]);
    expect(sameContentGroups([c, a, b], (f) => f)).toEqual([[a, b]]);
  });

  it("keeps the text's own equalities: '=' and '/' in codes, line breaks in values", () => {
    const eq1 = forms([
      [1, "a=b", "c"],
      [1, "2", "1"],
      [1, "3", "1"],
    ]);
    const eq2 = forms([
      [1, "a", "b=c"],
      [1, "2", "1"],
      [1, "3", "1"],
    ]);
    // "1/1=x\n1/2=y" as one value joins to the same text as two lines.
    const nl1 = forms([
      [1, "1", "x\n1/2=y"],
      [1, "3", "z"],
      [1, "4", "w"],
    ]);
    const nl2 = forms([
      [1, "1", "x"],
      [1, "2", "y"],
      [1, "3", "z"],
      [1, "4", "w"],
    ]);
    const items = [eq1, nl1, eq2, nl2];
    expect(sameContentGroups(items, (f) => f)).toEqual(byText(items));
    expect(byText(items)).toHaveLength(2);
  });

  it("equals the text grouping on random units", () => {
    const entry = fc.tuple(
      fc.integer({ min: 1, max: 2 }),
      fc.constantFrom("1", "2", "a=b", "a", "3/4"),
      fc.constantFrom("", "1", "2", "b=c", "x\n1/2=1"),
    );
    fc.assert(
      fc.property(fc.array(fc.array(entry, { maxLength: 6 }), { maxLength: 12 }), (units) => {
        const items = units.map(forms);
        expect(sameContentGroups(items, (f) => f)).toEqual(byText(items));
      }),
      { numRuns: 500 },
    );
  });
});

describe("ContentHasher", () => {
  /** The hash as its comment defines it: each value's "form/code=raw" split at line breaks, FNV-1a of each piece mixed, summed. */
  function reference(values: [string, string, string][]): number | undefined {
    const mix = (h: number) => {
      h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
      h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
      return (h ^ (h >>> 16)) >>> 0;
    };
    let sum = 0;
    let lines = 0;
    for (const [form, code, raw] of values) {
      if (raw === "") continue;
      lines++;
      for (const piece of `${form}/${code}=${raw}`.split("\n")) {
        let h = 0x811c9dc5;
        for (let i = 0; i < piece.length; i++) h = Math.imul(h ^ piece.charCodeAt(i), 0x01000193);
        sum = (sum + mix(h)) | 0;
      }
    }
    return lines >= 3 ? sum >>> 0 : undefined;
  }

  it("adds each value as the definition hashes it, line breaks in forms, codes and raws included", () => {
    const text = fc.oneof(fc.constantFrom("", "1", "2.1", "\n", "a\nb", "x\n", "\ny", "Có", "1.234,5"), fc.string({ maxLength: 6 }));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom("1", "7", "1\n2"), text, text), { maxLength: 12 }), (values) => {
        const hash = new ContentHasher();
        for (const [form, code, raw] of values) hash.add(form, code, raw);
        expect(hash.result()).toBe(reference(values));
      }),
      { numRuns: 1000 },
    );
  });
});
