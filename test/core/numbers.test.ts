import fc from "fast-check";
import type { RowKind } from "../../src/catalog/types";
import { describeNumFmt, formatNumber, readNumber, type NumberContext, type ReadNumber, type Refusal } from "../../src/core/numbers";

function ok(input: string | number, ctx: NumberContext): ReadNumber {
  const r = readNumber(input, ctx);
  if (r === null || !r.ok) throw new Error(`expected a number for ${JSON.stringify(input)}, got ${JSON.stringify(r)}`);
  return r;
}

function refused(input: string | number, ctx: NumberContext): Refusal {
  const r = readNumber(input, ctx);
  if (r === null || r.ok) throw new Error(`expected a refusal for ${JSON.stringify(input)}, got ${JSON.stringify(r)}`);
  expect(r.raw).toBe(String(input));
  expect(r.reason.length).toBeGreaterThan(0);
  return r;
}

const count: NumberContext = { kind: "count" };
const percent: NumberContext = { kind: "percent", unit: "%" };
const ratio: NumberContext = { kind: "ratio", unit: "%" };
const money: NumberContext = { kind: "money" };
const coded: NumberContext = { kind: "coded", unit: "Có = 1; Không = 0" };

interface Row {
  input: string | number;
  ctx: NumberContext;
  value: number;
  decimals?: number;
  how?: boolean | string;
  doubt?: boolean | string;
  alternatives?: number[];
  parts?: { numerator: number; denominator: number };
}

/** Every example of DOMAIN.md §5 and the brief, with the row's kind deciding ambiguity. */
const table: Row[] = [
  // Thousands in counts, decimal in percents.
  { input: "2.835", ctx: count, value: 2835, decimals: 0, how: "đọc '2.835' là 2835", doubt: false },
  { input: "2.835", ctx: percent, value: 2.835, decimals: 3, how: true, doubt: false },
  { input: "2.835%", ctx: ratio, value: 2.835, decimals: 3, how: true },
  { input: "1.145", ctx: count, value: 1145, decimals: 0, how: true },
  { input: "43.597", ctx: count, value: 43597, decimals: 0, how: true },
  { input: "4.751", ctx: count, value: 4751, decimals: 0, how: true },
  { input: "43.597.000", ctx: count, value: 43597000, decimals: 0, how: false },
  // Decimal comma, percent signs.
  { input: "23,46", ctx: percent, value: 23.46, decimals: 2, how: false },
  { input: "99,87%", ctx: ratio, value: 99.87, decimals: 2, how: "đọc '99,87%' là 99,87" },
  { input: "99,87%", ctx: percent, value: 99.87, decimals: 2, how: true },
  { input: "99,87 %", ctx: percent, value: 99.87, decimals: 2, how: true },
  { input: "11.03%", ctx: percent, value: 11.03, decimals: 2, how: true, doubt: false },
  { input: "91.73%", ctx: ratio, value: 91.73, decimals: 2, how: true },
  { input: "0%", ctx: percent, value: 0, decimals: 0, how: true },
  { input: "100", ctx: percent, value: 100, decimals: 0, how: false },
  { input: "100%", ctx: ratio, value: 100, decimals: 0 },
  { input: "99,6%", ctx: ratio, value: 99.6, decimals: 1 },
  { input: "99,6", ctx: ratio, value: 99.6, decimals: 1, how: false },
  { input: "150%", ctx: percent, value: 150, decimals: 0 }, // read; the validator rejects > 100
  // Fractions.
  { input: "19/19=100%", ctx: ratio, value: 100, decimals: 0, how: true, doubt: false, parts: { numerator: 19, denominator: 19 } },
  { input: "12/12=100%", ctx: ratio, value: 100, decimals: 0, parts: { numerator: 12, denominator: 12 } },
  { input: "12 / 12 = 100 %", ctx: percent, value: 100, decimals: 0, parts: { numerator: 12, denominator: 12 } },
  { input: "28.860/28.977=99,6%", ctx: ratio, value: 99.6, decimals: 1, doubt: false, parts: { numerator: 28860, denominator: 28977 } },
  { input: "28860/28977=99,60%", ctx: ratio, value: 99.6, decimals: 2, doubt: false },
  {
    input: "19/20=100%",
    ctx: ratio,
    value: 100,
    decimals: 0,
    doubt: "tỷ lệ ghi 100% không khớp với 19/20 × 100 = 95%",
    alternatives: [95],
    parts: { numerator: 19, denominator: 20 },
  },
  { input: "0/0=0%", ctx: ratio, value: 0, doubt: true, parts: { numerator: 0, denominator: 0 } },
  { input: "12/15 cuộc = 80%", ctx: ratio, value: 80, parts: { numerator: 12, denominator: 15 } },
  { input: "19/19=100%", ctx: count, value: 19, how: true, parts: { numerator: 19, denominator: 19 } },
  {
    input: "28860/28977",
    ctx: ratio,
    value: (28860 / 28977) * 100,
    decimals: 10,
    how: true,
    parts: { numerator: 28860, denominator: 28977 },
  },
  { input: "120 hồ sơ = 95,5%", ctx: ratio, value: 95.5, decimals: 1, how: true },
  { input: "120 hồ sơ = 95,5%", ctx: count, value: 120, decimals: 0, how: true },
  // Money.
  { input: "3.989.325,00", ctx: { kind: "money", unit: "Tỷ đồng" }, value: 3989325, decimals: 2, how: false, doubt: false },
  { input: "454.142,00", ctx: { kind: "money", unit: "Tỷ đồng" }, value: 454142, decimals: 2 },
  { input: "1,234,567.89", ctx: money, value: 1234567.89, decimals: 2, how: true, doubt: false },
  { input: "1,234,567", ctx: money, value: 1234567, decimals: 0, how: true, doubt: false },
  { input: "1.234", ctx: money, value: 1234, decimals: 0, doubt: true, alternatives: [1.234] },
  { input: "1,234", ctx: money, value: 1.234, decimals: 3, doubt: true, alternatives: [1234] },
  { input: "12,5", ctx: money, value: 12.5, decimals: 1, doubt: false },
  { input: "12.5", ctx: money, value: 12.5, decimals: 1, how: true, doubt: false },
  // Scale words.
  { input: "3 tỷ đồng", ctx: { kind: "money", unit: "Triệu đồng" }, value: 3000, decimals: 0, how: "đọc '3 tỷ đồng' là 3.000 triệu đồng" },
  { input: "500 triệu", ctx: { kind: "money", unit: "Tỷ đồng" }, value: 0.5, how: "đọc '500 triệu' là 0,5 tỷ đồng" },
  { input: "1,5 tỷ", ctx: { kind: "money", unit: "Triệu đồng" }, value: 1500, decimals: 0, how: true },
  { input: "1,5 tỷ đồng", ctx: { kind: "money", unit: "Đồng" }, value: 1_500_000_000, decimals: 0, how: true },
  { input: "2 triệu đồng", ctx: { kind: "money", unit: "đồng" }, value: 2_000_000, how: true },
  { input: "3.989.325 đồng", ctx: { kind: "money", unit: "Đồng" }, value: 3989325, how: true },
  { input: "250 nghìn đồng", ctx: { kind: "money", unit: "Triệu đồng" }, value: 0.25, how: true },
  { input: "3 triệu đồng", ctx: { kind: "money", unit: "Triệu đồng" }, value: 3, how: true },
  { input: "1.234 tỷ", ctx: { kind: "money", unit: "Triệu đồng" }, value: 1_234_000, doubt: true, alternatives: [1234] },
  // Leading zeros, codes.
  { input: "01", ctx: count, value: 1, decimals: 0, how: false },
  { input: "02", ctx: coded, value: 2, decimals: 0, how: false },
  { input: "09", ctx: count, value: 9, decimals: 0 },
  { input: "1", ctx: coded, value: 1, decimals: 0 },
  { input: "01", ctx: coded, value: 1 },
  // Whitespace, signs, spaces as thousands, unit words.
  { input: "\u00A02.835\u00A0", ctx: count, value: 2835 },
  { input: " 12\u200B ", ctx: count, value: 12, how: false },
  { input: "+5", ctx: count, value: 5, how: false },
  { input: "-3", ctx: count, value: -3, how: false }, // negative: read, the validator rejects
  { input: "−3", ctx: count, value: -3 },
  { input: "- 3,5", ctx: money, value: -3.5 },
  { input: "2 835", ctx: count, value: 2835, decimals: 0, how: true },
  { input: "2\u00A0835\u00A0000", ctx: count, value: 2835000 },
  { input: "1 234,5", ctx: money, value: 1234.5, decimals: 1 },
  { input: "85 văn bản", ctx: count, value: 85, how: "đọc '85 văn bản' là 85 (bỏ đơn vị 'văn bản')" },
  { input: "12 VB", ctx: count, value: 12, how: true },
  { input: "7 hồ sơ", ctx: { kind: "count", unit: "Hồ sơ" }, value: 7, how: true },
  { input: "3 thiết chế", ctx: { kind: "count", unit: "Thiết chế" }, value: 3, how: true },
  { input: "1,2 nghìn lượt", ctx: count, value: 1200, decimals: 0, how: true },
  { input: "'2835", ctx: count, value: 2835 },
  // Ambiguous separators.
  { input: "1,234", ctx: count, value: 1234, decimals: 0, how: true, doubt: false },
  { input: "1,5", ctx: count, value: 1.5, decimals: 1, doubt: false },
  { input: "1.5", ctx: count, value: 1.5, decimals: 1, how: true, doubt: false },
  { input: "1,234", ctx: percent, value: 1.234, decimals: 3, how: false, doubt: false },
  { input: "0,835", ctx: money, value: 0.835, decimals: 3, doubt: false },
  { input: "0.835", ctx: money, value: 0.835, decimals: 3, how: true, doubt: false },
  { input: "1234.567", ctx: money, value: 1234.567, decimals: 3, how: true, doubt: false },
  { input: "1.234,5", ctx: count, value: 1234.5, decimals: 1 },
  { input: "2.835%", ctx: count, value: 2.835, doubt: "dòng là số lượng nhưng ô ghi dấu %" },
  // A percent row holding a decimal fraction written as text.
  { input: "0,9987", ctx: percent, value: 0.9987, decimals: 4, doubt: true, alternatives: [99.87] },
  { input: "1.5E+06", ctx: count, value: 1_500_000, how: true },
  // Numeric cells.
  { input: 0.9987, ctx: { kind: "ratio", numFmt: "0.00%" }, value: 99.87, decimals: 2, how: "ô định dạng phần trăm 0,9987 → 99,87%" },
  { input: 0.9987, ctx: { kind: "percent", numFmt: "0%" }, value: 99.87, decimals: 0, how: true },
  { input: 1, ctx: { kind: "percent", numFmt: "0%" }, value: 100, decimals: 0 },
  { input: 0.996, ctx: { kind: "ratio", numFmt: "0.0%" }, value: 99.6, decimals: 1 },
  {
    input: 0.9987,
    ctx: percent,
    value: 0.9987,
    decimals: 4,
    doubt: "có thể là tỷ lệ dạng thập phân: 0,9987 = 99,87%",
    alternatives: [99.87],
  },
  { input: 99.6, ctx: percent, value: 99.6, decimals: 1, how: false, doubt: false },
  { input: 99.596, ctx: { kind: "ratio", numFmt: "0.0" }, value: 99.596, decimals: 1 },
  { input: 2.835, ctx: count, value: 2.835, doubt: "số lượng phải là số nguyên; có thể là 2835", alternatives: [2835] },
  { input: 1.5, ctx: count, value: 1.5, doubt: false },
  { input: 2835, ctx: { kind: "count", numFmt: "#,##0" }, value: 2835, decimals: 0, how: false, doubt: false },
  { input: 3989325, ctx: { kind: "money", numFmt: "#,##0.00" }, value: 3989325, decimals: 2 },
  { input: 0.9987, ctx: { kind: "count", numFmt: "0.00%" }, value: 0.9987, doubt: true, alternatives: [99.87] },
  { input: -0, ctx: count, value: 0 },
];

describe("readNumber: DOMAIN.md §5 examples", () => {
  test.each(table.map((row) => [JSON.stringify(row.input), row.ctx.kind, row.ctx.unit ?? "", row] as const))(
    "%s as %s %s",
    (_label, _kind, _unit, row) => {
      const r = ok(row.input, row.ctx);
      expect(r.value).toBeCloseTo(row.value, 9);
      expect(r.raw).toBe(String(row.input));
      if (row.decimals !== undefined) expect(r.decimals).toBe(row.decimals);
      if (typeof row.how === "string") expect(r.how).toContain(row.how);
      else if (row.how === true) expect(r.how).toBeTruthy();
      else if (row.how === false) expect(r.how).toBeUndefined();
      if (typeof row.doubt === "string") expect(r.doubt).toContain(row.doubt);
      else if (row.doubt === true) expect(r.doubt).toBeTruthy();
      else if (row.doubt === false) {
        expect(r.doubt).toBeUndefined();
        expect(r.alternatives).toBeUndefined();
      }
      if (row.alternatives) {
        expect(r.alternatives).toHaveLength(row.alternatives.length);
        row.alternatives.forEach((a, i) => expect(r.alternatives![i]).toBeCloseTo(a, 9));
        expect(r.doubt).toBeTruthy();
      }
      if (row.parts) expect(r.parts).toEqual(row.parts);
      if (r.alternatives) expect(r.doubt).toBeTruthy();
    },
  );

  test("a fraction alone in a percent cell is the computed rate, not rounded", () => {
    const r = ok("28860/28977", ratio);
    expect(r.value).toBeCloseTo(99.59623149, 8);
    expect(r.how).toContain("28860/28977 × 100 = 99,5962…%");
    expect(r.decimals).toBeLessThanOrEqual(10);
  });
});

describe("readNumber: blanks", () => {
  test.each([null, undefined, "", "   ", "\u00A0", "-", "–", "—", "−", "--", "...", "…", " - "])("%j is blank", (input) => {
    expect(readNumber(input, count)).toBeNull();
    expect(readNumber(input, percent)).toBeNull();
  });
  test("0 is a value, not blank", () => {
    expect(ok("0", count).value).toBe(0);
    expect(ok(0, count).value).toBe(0);
  });
});

describe("readNumber: refusals keep raw, say why, list the numbers found", () => {
  test("prose in a number cell", () => {
    const raw = "Bằng 11,384% kế hoạch vốn giao, bằng 15,361% kế hoạch vốn đã phân bổ chi tiết";
    for (const ctx of [percent, money, count]) {
      const r = refused(raw, ctx);
      expect(r.reason).toContain("ô chứa văn bản, không phải một số");
      expect(r.candidates).toEqual([11.384, 15.361]);
    }
  });
  test.each([
    ["x", count, "không phải số", undefined],
    ["X", coded, "không phải số", undefined],
    ["Có", coded, "ô chứa văn bản", undefined],
    ["Không", coded, "ô chứa văn bản", undefined],
    ["Hoàn thành", coded, "ô chứa văn bản", undefined],
    ["Chưa", coded, "ô chứa văn bản", undefined],
    ["#DIV/0!", ratio, "lỗi công thức", undefined],
    ["#N/A", count, "lỗi công thức", undefined],
    ["5 năm 2024", count, "ô chứa văn bản", [5, 2024]],
    ["≥ 90%", percent, "ô chứa văn bản", [90]],
    ["Đạt 100%", percent, "ô chứa văn bản", [100]],
    ["95% hồ sơ", percent, "ô chứa văn bản", [95]],
    ["10-15", count, "ô chứa văn bản", [10, 15]],
    ["12 cái ghế", count, "ô chứa văn bản", [12]],
    ["85 văn bản", percent, "ô chứa văn bản", [85]],
    ["3 triệu đồng", count, "ô chứa văn bản", [3]],
    ["3 tỷ đồng", money, "không rõ đơn vị tính", [3]],
    ["3 tỷ đồng", { kind: "money", unit: "USD" }, "không rõ đơn vị tính", [3]],
    ["3 tỷ 500 triệu", { kind: "money", unit: "Triệu đồng" }, "ô chứa văn bản", [3, 500]],
    ["1.2,3", count, "dấu phân cách", [1, 2, 3]],
    ["12/3/2024", count, "ô chứa văn bản", [12, 3, 2024]],
    ["28860/28977", count, "phân số", [28860, 28977]],
    ["28860/0", ratio, "mẫu số bằng 0", [28860, 0]],
    ["19/19=100%", money, "phân số", [19, 19, 100]],
    ["120 hồ sơ = 95,5%", money, "vừa số lượng vừa tỷ lệ", [120, 95.5]],
  ] as [string, NumberContext, string, number[] | undefined][])("%j as %o", (input, ctx, reason, candidates) => {
    const r = refused(input, ctx);
    expect(r.reason).toContain(reason);
    if (candidates) expect(r.candidates).toEqual(candidates);
    else expect(r.candidates).toBeUndefined();
  });
  test("non-finite numeric cells are refused", () => {
    expect(refused(Number.NaN, count).reason).toContain("không hợp lệ");
    expect(refused(Number.POSITIVE_INFINITY, money).reason).toContain("không hợp lệ");
  });
});

describe("describeNumFmt", () => {
  test.each([
    ["0.00%", { percent: true, decimals: 2 }],
    ["0%", { percent: true, decimals: 0 }],
    ['"Tỷ lệ "0.0%', { percent: true, decimals: 1 }],
    ["#,##0.00_);(#,##0.00)", { percent: false, decimals: 2 }],
    ["[Red]0.000", { percent: false, decimals: 3 }],
    ['0" %"', { percent: false, decimals: 0 }],
    ["General", { percent: false }],
    ["@", { percent: false }],
  ] as [string, { percent: boolean; decimals?: number }][])("%s", (fmt, expected) => {
    expect(describeNumFmt(fmt)).toEqual(expected);
  });
  test("undefined format", () => expect(describeNumFmt(undefined)).toEqual({ percent: false }));
});

describe("formatNumber", () => {
  test.each([
    [3989325.5, "vi", undefined, "3.989.325,5"],
    [3989325.5, "en", undefined, "3,989,325.5"],
    [1234.5, "vi", 2, "1.234,50"],
    [1234.5, "en", 2, "1,234.50"],
    [99.87, "vi", undefined, "99,87"],
    [0.1 + 0.2, "vi", undefined, "0,3"],
    [-1234, "vi", undefined, "-1.234"],
    [-0.001, "vi", 2, "0,00"],
    [-0, "en", undefined, "0"],
    [999, "vi", undefined, "999"],
    [1000, "vi", undefined, "1.000"],
    [1e-7, "vi", undefined, "0,0000001"],
    [1e21, "en", undefined, "1,000,000,000,000,000,000,000"],
    [123456789012345678, "vi", undefined, "123.456.789.012.346.000"],
    [2.5, "en", 0, "3"],
    [99.596, "vi", 1, "99,6"],
  ] as [number, "vi" | "en", number | undefined, string][])("%p %s %p → %s", (v, style, d, expected) => {
    expect(formatNumber(v, style, d)).toBe(expected);
  });
  test("never scientific notation", () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e25, max: 1e25 }),
        fc.constantFrom("vi" as const, "en" as const),
        (v, style) => {
          expect(formatNumber(v, style)).not.toMatch(/e/i);
        },
      ),
    );
  });
});

describe("round trips (fast-check)", () => {
  const style = fc.constantFrom("vi" as const, "en" as const);

  /** Counts: any whole number 0…10^9 written in either style reads back exactly (the kind resolves "2.835"/"2,835"). */
  test("counts, vi and en", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), style, (n, st) => {
        const r = ok(formatNumber(n, st), count);
        expect(r.value).toBe(n);
        expect(r.decimals).toBe(0);
        expect(r.alternatives).toBeUndefined();
      }),
      { numRuns: 2000 },
    );
  });

  /**
   * Percents 0–100 with 0–3 decimals, with or without "%", shortest or with the decimals fixed,
   * in either style, read back exactly as percent or ratio (a percent ≤ 100 never has a thousands
   * group, so one separator is always the decimal mark). With fixed decimals, `decimals` is kept.
   */
  test("percents, vi and en", () => {
    const pct = fc.integer({ min: 0, max: 3 }).chain((d) => fc.tuple(fc.integer({ min: 0, max: 100 * 10 ** d }), fc.constant(d)));
    fc.assert(
      fc.property(pct, style, fc.boolean(), fc.boolean(), fc.constantFrom<RowKind>("percent", "ratio"), ([k, d], st, sign, fixed, kind) => {
        const v = k / 10 ** d;
        const text = formatNumber(v, st, fixed ? d : undefined) + (sign ? "%" : "");
        const r = ok(text, { kind });
        expect(r.value).toBe(v);
        if (fixed) expect(r.decimals).toBe(d);
        // A bare 0 < v < 1 is flagged as maybe a decimal fraction, but the value stays v.
        if (sign || v >= 1 || v === 0) expect(r.alternatives).toBeUndefined();
      }),
      { numRuns: 2000 },
    );
  });

  /**
   * Money 0–10^12 with 0–2 decimals. Guarantee:
   * - vi style always round-trips (shortest or fixed decimals), with no alternatives;
   * - en style round-trips whenever the text has a decimal part written with 1–2 digits,
   *   two or more group separators, or both kinds of separator; the only texts that do not are
   *   the ambiguous ones — exactly one separator followed by exactly three digits after a
   *   1–3 digit integer part not starting with 0 (en "1,234" = 1234, en "1.234" with three
   *   decimals can't occur here, but "1.5" can and round-trips). For those the vi reading is
   *   chosen and the en-US value is the (only) alternative, with a doubt.
   */
  test("money, vi always; en except the one-separator-three-digits form", () => {
    const amount = fc.integer({ min: 0, max: 2 }).chain((d) => fc.tuple(fc.integer({ min: 0, max: 1e12 * 10 ** d }), fc.constant(d)));
    fc.assert(
      fc.property(amount, style, fc.boolean(), ([k, d], st, fixed) => {
        const v = k / 10 ** d;
        const text = formatNumber(v, st, fixed ? d : undefined);
        const r = ok(text, money);
        const ambiguous = /^[1-9]\d{0,2}[.,]\d{3}$/.test(text);
        if (st === "vi" || !ambiguous) {
          expect(r.value).toBe(v);
          if (st === "vi") expect(r.alternatives).toBeUndefined();
          if (fixed) expect(r.decimals).toBe(d);
        } else {
          expect(r.value).not.toBe(v);
          expect(r.alternatives).toEqual([v]);
          expect(r.doubt).toBeTruthy();
        }
      }),
      { numRuns: 3000 },
    );
  });

  test("the en-US ambiguous money form does occur and is flagged", () => {
    const r = ok(formatNumber(1234, "en"), money);
    expect(r.value).toBe(1.234);
    expect(r.alternatives).toEqual([1234]);
  });

  test("money in three decimals (vi) round-trips too, e.g. 1,234 Tỷ đồng", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), (k) => {
        const v = k / 1000;
        expect(ok(formatNumber(v, "vi"), money).value).toBe(v);
      }),
    );
  });

  test("negative values are read back", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: -1 }), style, (n, st) => {
        expect(ok(formatNumber(n, st), count).value).toBe(n);
      }),
    );
  });

  test("numeric percent cells: stored fraction × 100 at the format's decimals", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3 }).chain((d) => fc.tuple(fc.integer({ min: 0, max: 100 * 10 ** d }), fc.constant(d))),
        ([k, d]) => {
          const v = k / 10 ** d;
          const stored = v / 100;
          const r = ok(stored, { kind: "ratio", numFmt: d === 0 ? "0%" : `0.${"0".repeat(d)}%` });
          expect(r.value).toBe(v);
          expect(r.decimals).toBe(d);
        },
      ),
    );
  });

  /** Anything at all: never throws; blank, a finite number, or a refusal that keeps raw. */
  test("total on arbitrary text", () => {
    const chars = fc.constantFrom(..."0123456789.,%/= -−+xX tỷtriệuđồngvănbản\u00A0…".split(""));
    const text = fc.oneof(fc.string(), fc.string({ unit: chars, maxLength: 20 }));
    const kinds = fc.constantFrom<RowKind>("count", "percent", "ratio", "money", "coded", "heading", "text");
    fc.assert(
      fc.property(text, kinds, fc.constantFrom(undefined, "Triệu đồng", "Tỷ đồng", "Đồng", "Văn bản"), (s, kind, unit) => {
        const r = readNumber(s, { kind, unit });
        if (r === null) return;
        expect(r.raw).toBe(s);
        if (r.ok) expect(Number.isFinite(r.value)).toBe(true);
        else expect(r.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: 3000 },
    );
  });
});
