/** Unit identity in consolidation: exact names, folders for file names, our own output by its name. */
import { findTemplate } from "../../src/catalog";
import { consolidate, similarUnitNames, unitKey, unitNameFromFile, type UnitInput } from "../../src/core/consolidate";

const xa = findTemplate("bnv581-xa")!;

function input(file: string, unit: string | undefined, value: number, extra: Partial<UnitInput> = {}): UnitInput {
  return {
    file,
    modified: "2024-03-10T00:00:00.000Z",
    data: {
      templateId: xa.id,
      unit,
      period: "Quý I năm 2024",
      forms: [{ form: 1, sheet: "BM1", values: { "1": { raw: String(value), value, address: "D6" } } }],
      findings: [],
      counts: { error: 0, warning: 0, info: 0 },
    },
    ...extra,
  };
}

test("names compare exactly apart from case, spacing, the UBND prefix and tone placement", () => {
  expect(unitKey("UBND  Xã Đông Hoà")).toBe(unitKey("xã đông hòa"));
  expect(unitKey("Ủy ban nhân dân xã Thuỷ An")).toBe(unitKey("xã Thủy An"));
  expect(unitKey("UBND xã Đông Hòa")).not.toBe(unitKey("UBND xã Đồng Hòa"));
  expect(unitKey("xã Đông Hòa")).not.toBe(unitKey("xa dong hoa"));
  expect(similarUnitNames("UBND xã Đông Hòa", ["xã Đồng Hòa", "xã Đông Hòa", "xã An Bình"])).toEqual(["xã Đồng Hòa"]);
});

test("a unit named from its file name carries its folder", () => {
  expect(unitNameFromFile("huyen-a/Bao cao CCHC Quy I.xlsx")).toBe("Bao cao CCHC Quy I (huyen-a)");
  expect(unitNameFromFile("ubnd_xa_le_hong (1).xlsx")).toBe("ubnd xa le hong");
});

test("a workbook whose unit is 'Tổng hợp N đơn vị' is our consolidation even without its mark", () => {
  const c = consolidate([input("a.xlsx", "UBND xã A", 3), input("tong-hop-cu.xlsx", "Tổng hợp 12 đơn vị", 4440)], [xa]);
  expect(c.units.map((u) => u.status)).toEqual(["ok", "own-output"]);
  expect(c.forms[0].rows.find((r) => r.code === "1")!.value).toBe(3);
});

test("Đông Hòa and Đồng Hòa: two units summed, both told they look alike", () => {
  const c = consolidate(
    [input("a.xlsx", "UBND xã Đông Hòa", 3), input("b.xlsx", "UBND xã Đồng Hòa", 5, { modified: "2024-03-12T00:00:00.000Z" })],
    [xa],
  );
  expect(c.duplicates).toEqual([]);
  expect(c.forms[0].rows.find((r) => r.code === "1")!.value).toBe(8);
  expect(c.units.every((u) => u.notes.some((n) => /chỉ khác dấu/.test(n)))).toBe(true);
});

describe("names differing by diacritics, among many units", () => {
  it("each pair is suggested once and each unit of it noted, even among 3,000 received units", () => {
    const inputs = Array.from({ length: 3000 }, (_, i) => input(`u${i}.xlsx`, `Xã Số ${i}`, i));
    inputs.push(input("a.xlsx", "xã Đông Hoà", 1), input("b.xlsx", "Xã Đồng Hòa", 2), input("c.xlsx", "xã Dong Hoa", 3));
    const t = Date.now();
    const result = consolidate(inputs, [xa], {});
    expect(Date.now() - t).toBeLessThan(5000);
    expect(result.suggestions.map((s) => [s.unit, s.like])).toEqual([
      ["xã Đông Hoà", "Xã Đồng Hòa"],
      ["xã Đông Hoà", "xã Dong Hoa"],
      ["Xã Đồng Hòa", "xã Dong Hoa"],
    ]);
    const noted = result.units.filter((u) => u.notes.some((n) => n.includes("chỉ khác dấu")));
    expect(noted.map((u) => u.file).sort()).toEqual(["a.xlsx", "b.xlsx", "c.xlsx"]);
  });
});
