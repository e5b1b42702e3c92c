/** Ranking ties in Vietnamese order, as `localeCompare(…, "vi")` gives it (the collator is made once). */
import { findTemplate } from "../../src/catalog";
import { consolidate, type UnitInput } from "../../src/core/consolidate";
import { nameOrder, rankUnits, rateChoices } from "../../src/xlsx/write-ranking";

const xa = findTemplate("bnv581-xa")!;
const NAMES = [
  "xã Đông Hòa",
  "xã Dương Minh",
  "xã Ê Va",
  "xã Zét",
  "xã An Bình",
  "Xã an Phú",
  "xã Ân Thi",
  "xã Ăn Khê",
  "xã Ð ngoại",
  "xã Dừa",
];

function input(name: string, i: number, done: number): UnitInput {
  const v = (raw: number) => ({ raw: String(raw), value: raw, address: "D6" });
  return {
    file: `u${i}.xlsx`,
    modified: "2024-03-10T00:00:00.000Z",
    data: {
      templateId: xa.id,
      unit: name,
      period: "Quý I năm 2024",
      forms: [{ form: 3, sheet: "BM3", values: { "3.3.1": v(10), "3.3.2": v(done) } }],
      findings: [],
      counts: { error: 0, warning: 0, info: 0 },
    },
  };
}

test("units with the same rate are ordered by name as localeCompare(…, 'vi') orders them", () => {
  const c = consolidate(
    NAMES.map((n, i) => input(n, i, i % 3 === 0 ? 5 : 8)),
    [xa],
  );
  const rate = rateChoices(c).find((r) => r.key === "3/3.3")!;
  const ranked = rankUnits(c, rate).ranked;
  const expected = (value: number) => NAMES.filter((_, i) => (i % 3 === 0 ? 50 : 80) === value).sort((a, b) => a.localeCompare(b, "vi"));
  expect(ranked.map((u) => u.unit)).toEqual([...expected(80), ...expected(50)]);
  // Code-unit order would put "Đ" after "Z": the Vietnamese order does not.
  expect(expected(80)).not.toEqual(NAMES.filter((_, i) => i % 3 !== 0).sort());
});

test("ranked with the names' order made once: the same order as with the collator at each tie", () => {
  // Names two units keep apart but the collator finds equal (a soft hyphen, a zero-width joiner), and many ties.
  const names = [...NAMES, "Xã An Bình", "xã Tân\u00ad Phú", "xã Tân Phú", "xã Tân\u200d Phú", "xã Ân Thi"];
  const c = consolidate(
    names.map((n, i) => input(n, i, n.includes("Tân") ? 8 : [5, 8, 5, 10][i % 4])),
    [xa],
  );
  const rate = rateChoices(c).find((r) => r.key === "3/3.3")!;
  const order = nameOrder(c.included.map((u) => u.unit));
  expect(rankUnits(c, rate, order)).toEqual(rankUnits(c, rate));
  expect(new Set(order.values()).size).toBeLessThan(order.size); // some names share a place
});
