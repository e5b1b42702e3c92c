import type { RowKind, RowSpec } from "../../src/catalog/types";
import { readNumber } from "../../src/core/numbers";
import { readRowValue } from "../../src/core/values";

/**
 * readRowValue reads a whole number without a number format on its own (the usual value cell);
 * it must give exactly what the careful path (readNumber, as for every other cell) gives.
 */
describe("readRowValue: whole numbers read as readNumber reads them", () => {
  const kinds: RowKind[] = ["count", "percent", "ratio", "money", "coded", "heading", "number" as RowKind];
  const numbers = [0, -0, 1, 7, -3, 100, 1000, 2_835, 1e15, 2 ** 53 + 2, 1e21, 1e300, -1e300];
  const spec = (kind: RowKind): RowSpec => ({ id: `b1.${kind}`, code: "1", label: "Chỉ tiêu", unit: "Văn bản", kind }) as RowSpec;

  it.each(kinds)("kind %s", (kind) => {
    for (const n of numbers) {
      const v = readRowValue(spec(kind), { value: n }, "BM1!D7", "D7");
      const read = readNumber(n, { kind, unit: "Văn bản" });
      expect(v.read).toStrictEqual(read);
      expect(Object.keys(v.read!)).toEqual(Object.keys(read!));
      expect(v.raw).toBe(read!.raw);
      expect(Object.is(v.value, read!.ok ? read!.value : null)).toBe(true);
      expect(v.decimals).toBe(read!.ok ? read!.decimals : 0);
      expect(v.storedAsText).toBe(false);
    }
  });

  it("leaves fractions, formatted cells and compound rows to the careful path", () => {
    const pct = readRowValue(spec("percent"), { value: 0.5 }, "BM1!D7", "D7");
    expect(pct.read).toStrictEqual(readNumber(0.5, { kind: "percent", unit: "Văn bản" }));
    expect(pct.read && pct.read.ok && pct.read.doubt).toBeTruthy();
    const formatted = readRowValue(spec("percent"), { value: 1, numFmt: "0%" }, "BM1!D7", "D7");
    expect(formatted.read).toStrictEqual(readNumber(1, { kind: "percent", unit: "Văn bản", numFmt: "0%" }));
    expect(formatted.value).toBe(100);
  });
});
