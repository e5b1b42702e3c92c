/**
 * The department form of Điện Biên (template "dienbien-so") as a department sends
 * it: one sheet, the appendix title, the STT / Chỉ tiêu thống kê / Đơn vị tính /
 * Số liệu / Ghi chú header, values typed as text as printed in the seed
 * (seeds/002_…), "Trong đó" in the STT cell of the first uncoded row. Located
 * among all built-in templates, validated, and consolidated with other departments.
 */
import { builtinTemplates, findTemplate, rowKey } from "../../src/catalog";
import { checkWorkbook, type CheckedWorkbook } from "../../src/core/check-workbook";
import { consolidate, unitData, type ConsolidatedRow } from "../../src/core/consolidate";
import type { Finding } from "../../src/core/findings";
import { parseSubUnits } from "../../src/core/subunits";
import { readWorkbookGrid } from "../../src/xlsx/read-grid";
import { buildTemplateWorkbook } from "../../src/xlsx/write-template";
import { DIENBIEN_NOTES } from "../fixtures/seed-values-dienbien";
import { type DeptStyle, deptWorkbook } from "../helpers/dienbien-workbook";

async function check(style: DeptStyle = {}): Promise<CheckedWorkbook> {
  return checkWorkbook(readWorkbookGrid(await deptWorkbook(style)), builtinTemplates());
}

const brief = (fs: Finding[]) => fs.map((f) => `${f.severity} ${f.code || f.label || "-"} ${f.rule}`);
const at = (c: CheckedWorkbook, code: string, rule?: string): Finding[] =>
  c.findings.filter((f) => f.code === code && (!rule || f.rule === rule));

/**
 * Every finding on the seed's own values, by arithmetic on them:
 * - 7.5.6 ≥ 7.5.3 fails: 30 procedures received by post (7.5.3) but 16 dossiers received by post;
 * - blank rows: 1.4.1, 1.4.2 (no survey), 1.5 (its "1" is printed in Ghi chú), 3.3.3, 3.4.2, 3.4.3,
 *   4.1.3, 5.1.3, 6.4, 7.3.3;
 * - every number typed as text (Word-pasted).
 * No error: 7.1 = 612 ≥ 596 + 0, 3.1.3 = 120 + 0 + 0, 3.3 = 48 + 0, 7.5.x otherwise consistent.
 */
const SEED_FINDINGS = ["info - blank", "info - number", "warning 7.5.6 le"];

describe.each<[string, DeptStyle]>([
  ["as pasted from the seed", {}],
  ["header repeated after page breaks, codes with trailing dots", { repeatHeaderEvery: 25, trailingDots: true }],
])("the seed's department workbook: %s", (_name, style) => {
  test("located as dienbien-so with every row, the uncoded ones included", async () => {
    const c = await check(style);
    expect(c.located.template?.id).toBe("dienbien-so");
    expect(c.located.forms).toHaveLength(1);
    const f = c.located.forms[0];
    expect({
      missing: f.missing.map(rowKey),
      stray: f.stray.map((s) => s.writtenLabel),
      renumbered: f.renumbered.map((x) => x.writtenCode),
    }).toEqual({ missing: [], stray: [], renumbered: [] });
    expect(f.rows.size).toBe(131);
    const fv = c.forms[0];
    expect(fv.byCode.get("b1.3.1.3.tinh")).toMatchObject({ value: 120 });
    expect(fv.byCode.get("b1.3.1.3.huyen")).toMatchObject({ value: 0 });
    expect(fv.byCode.get("b1.3.1.3.xa")).toMatchObject({ value: 0 });
    expect(fv.byCode.get("b1.7.2.he-thong")).toMatchObject({ value: 0 });
    // The located rows are the seed's rows, in order.
    const order = [...f.rows.values()].sort((a, b) => a.row - b.row).map((x) => rowKey(x.spec));
    expect(order).toEqual(findTemplate("dienbien-so")!.forms[0].rows.map(rowKey));
    expect(c.located.unit).toBe("Sở Kế hoạch và Đầu tư");
  });

  test("no error on the seed's values; every finding is listed", async () => {
    const c = await check(style);
    expect(brief(c.findings).sort()).toEqual(SEED_FINDINGS);
    const bcci = at(c, "7.5.6", "le")[0];
    expect(bcci).toMatchObject({ severity: "warning", actual: 30, expected: "≤ 16" });
    expect(bcci.message).toMatch(/7\.5\.3 \(30\) = 30 lớn hơn 7\.5\.6/);
    const blank = c.findings.find((f) => f.rule === "blank")!;
    expect(blank.message).toMatch(
      /^10 chỉ tiêu để trống \(chưa báo cáo\): 1\.4\.1, 1\.4\.2, 1\.5, 3\.3\.3, 3\.4\.2, 3\.4\.3, 4\.1\.3, 5\.1\.3, 6\.4, 7\.3\.3\./,
    );
    // The identities and limits the rows imply all pass on the seed.
    const tally = Object.fromEntries(c.summary.map((t) => [t.rule, t]));
    expect(tally.eq).toMatchObject({ checked: 2, failed: 0 }); // 3.1.3 = 120 + 0 + 0; 4.1.4 = 0 + 0 + 0 + 1
    expect(tally.le).toMatchObject({ checked: 21, failed: 1, notReported: 1 }); // 22 limits: only 7.5.6 ≥ 7.5.3 (warning) fails; 7.3.2 ≥ 7.3.3 not reported (7.3.3 blank)
    expect(tally.sum).toMatchObject({ checked: 1, passed: 1 }); // 3.3 = 48 + 0
    expect(tally.ratio).toMatchObject({ checked: 1, passed: 1 }); // 3.5 blank for 0 / 0: right
  });
});

describe("rules on changed values", () => {
  test("an identity or a limit that fails is an error naming the rows", async () => {
    const c = await check({
      values: { "3.1.3": "125", "7.1": "590", "b1.7.2.he-thong": "300", "3.3": "50", "3.5": "50", "3.5.1": "4", "3.5.2": "3" },
    });
    expect(brief(c.findings.filter((f) => f.severity === "error")).sort()).toEqual(
      ["error 3.1.3 eq", "error 3.3 sum", "error 3.5 ratio", "error 7.1 le", "error 7.2 le"].sort(),
    );
    expect(at(c, "3.1.3", "eq")[0].message).toBe(
      '3.1.3 ghi 125 nhưng phải bằng "Số TTHC cấp tỉnh:" (120) + "Số TTHC cấp huyện:" (0) + "Số TTHC cấp xã:" (0) = 120.',
    );
    expect(at(c, "7.1", "le")[0]).toMatchObject({ actual: 596, expected: "≤ 590" });
    expect(at(c, "3.5", "ratio")[0]).toMatchObject({ actual: 50, expected: 75 });
  });

  test("a breakdown in Ghi chú that disagrees with the value is a sum error; unknown sub-units are warned", async () => {
    const c = await check({
      values: { "1.6.1": "5", "1.6.2": "3", "1.6.3": "2" },
      notes: {
        "1.6.1": "Tin: 3; Bài: 1",
        "1.6.2": "- Hội nghị: 1\n- Tập huấn: 2\n- Khác: 0",
        "1.6.3": "Hội thi 1, Tọa đàm 1, Phát thanh 2",
      },
    });
    const e = at(c, "1.6.1", "sum");
    expect(e).toEqual([expect.objectContaining({ severity: "error", actual: 5, expected: 4, cell: expect.stringMatching(/!D\d+$/) })]);
    expect(e[0].message).toBe("1.6.1 ghi 5 nhưng Tin (3) + Bài (1) = 4 theo Ghi chú.");
    expect(at(c, "1.6.2", "sum")).toEqual([]); // 1 + 2 + 0 = 3
    const w = at(c, "1.6.3", "sum");
    expect(w).toEqual([expect.objectContaining({ severity: "warning", actual: "Phát thanh" })]); // 1 + 1 = 2: no error
    expect(w[0].message).toMatch(/"Phát thanh" không phải đơn vị con/);
    // The seed's own notes on these rows (what to attach) are not breakdowns.
    for (const key of ["1.6.1", "1.6.2", "1.6.3"]) {
      const row = findTemplate("dienbien-so")!.forms[0].rows.find((r) => r.code === key)!;
      expect(parseSubUnits(DIENBIEN_NOTES[key], row.subUnits!)).toBeUndefined();
    }
  });

  test("a blank total with a breakdown is computable: information with the value to write", async () => {
    const c = await check({ values: { "1.6.1": undefined }, notes: { "1.6.1": "Tin 3, Bài 2, Video 0, Khác 1" } });
    expect(at(c, "1.6.1", "sum")).toEqual([
      expect.objectContaining({
        severity: "info",
        expected: 6,
        message: "Chưa ghi 1.6.1; theo Ghi chú Tin (3) + Bài (2) + Video (0) + Khác (1) = 6.",
      }),
    ]);
  });
});

describe("consolidating three departments", () => {
  const DEPTS: [string, DeptStyle][] = [
    ["skhdt.xlsx", { unit: "Sở Kế hoạch và Đầu tư" }],
    [
      "stp.xlsx",
      {
        unit: "Sở Tư pháp",
        values: {
          "1.1.1": "10",
          "1.1.2": "8",
          "3.1.3": "140",
          "b1.3.1.3.tinh": "120",
          "b1.3.1.3.huyen": "15",
          "b1.3.1.3.xa": "5",
          "3.5.1": "10",
          "3.5.2": "9",
          "3.5": "90",
          "7.1": "1.024",
          "7.1.1": "1.000",
          "3.4.1": "98,5",
          "1.5": "1",
        },
        notes: { "1.5": undefined },
      },
    ],
    [
      "snv.xlsx",
      {
        unit: "Sở Nội vụ",
        values: {
          "1.1.1": "5",
          "1.1.2": "5",
          "1.5": "0",
          "3.1.3": "60",
          "b1.3.1.3.tinh": "60",
          "3.5.1": "30",
          "3.5.2": "24",
          "3.5": "80",
          "7.1": "800",
          "7.1.1": "790",
          "1.6.1": "12",
          "6.1.2": "15.000.000",
        },
        notes: { "1.5": undefined, "1.6.1": "Tin: 8; Bài: 4" },
      },
    ],
  ];

  test("counts are summed, the PAKN rate pooled, coded answers counted, percents left to the officer", async () => {
    const inputs = await Promise.all(
      DEPTS.map(async ([file, style]) => ({
        file,
        data: unitData(checkWorkbook(readWorkbookGrid(await deptWorkbook(style)), builtinTemplates())),
      })),
    );
    for (const i of inputs)
      expect({ file: i.file, template: i.data.templateId, errors: i.data.counts.error }).toEqual({
        file: i.file,
        template: "dienbien-so",
        errors: 0,
      });
    const cons = consolidate(inputs, builtinTemplates());
    expect(cons.template.id).toBe("dienbien-so");
    expect(cons.included.map((u) => u.unit)).toEqual(["Sở Kế hoạch và Đầu tư", "Sở Tư pháp", "Sở Nội vụ"]);
    expect(cons.duplicates).toEqual([]);
    const rows = new Map<string, ConsolidatedRow>(cons.forms[0].rows.map((r) => [rowKey(r.spec), r]));
    const get = (key: string) => rows.get(key)!;
    expect(get("1.1.1")).toMatchObject({ method: "sum", value: 22, perUnit: [7, 10, 5] });
    expect(get("1.1.2")).toMatchObject({ value: 20 });
    expect(get("3.1.3")).toMatchObject({ value: 320, perUnit: [120, 140, 60] });
    expect(get("b1.3.1.3.tinh")).toMatchObject({ method: "sum", value: 300 });
    expect(get("b1.3.1.3.huyen")).toMatchObject({ value: 15 });
    expect(get("b1.7.2.he-thong")).toMatchObject({ value: 0, reporting: 3 });
    expect(get("7.1")).toMatchObject({ value: 612 + 1024 + 800 });
    expect(get("7.1.1")).toMatchObject({ value: 596 + 1000 + 790 });
    expect(get("1.6.1")).toMatchObject({ value: 12 });
    expect(get("6.1.2")).toMatchObject({ method: "sum", value: 15_000_000 });
    // Pooled: (0 + 9 + 24) / (0 + 10 + 30) = 82,5%, not the mean of 90 and 80.
    const pakn = get("3.5");
    expect(pakn.method).toBe("pooled");
    expect(pakn.value).toBeCloseTo(82.5, 10);
    expect(pakn.naiveMean).toBeCloseTo(85, 10);
    expect(get("3.5.1")).toMatchObject({ value: 40 });
    // Coded: the Ministry of Justice held a dialogue, Home Affairs did not, Planning wrote its answer in Ghi chú.
    expect(get("1.5").answers).toEqual([
      { value: 0, label: "Không", count: 1, units: ["Sở Nội vụ"] },
      { value: 1, label: "Có", count: 1, units: ["Sở Tư pháp"] },
    ]);
    expect(get("1.5").reporting).toBe(2);
    // A percent without parts is not combined.
    expect(get("3.4.1")).toMatchObject({ method: "manual", value: null, perUnit: [100, 98.5, 100] });
    expect(get("3.4.1").attention).toMatch(/cán bộ/);
    // Rows nobody reported stay blank, not 0.
    expect(get("7.3.3")).toMatchObject({ value: null, reporting: 0 });
    // 3.3 (a computed total) is summed like its parts.
    expect(get("3.3")).toMatchObject({ value: 144 });
  });
});

describe("parseSubUnits: breakdowns as departments write them", () => {
  const NEWS = ["Tin", "Bài", "Video", "Khác"];
  const EVENTS = [
    "Hội thi",
    "Tọa đàm",
    "Sân khấu hóa",
    "Xuất bản tờ rơi",
    "Trên mạng xã hội, mạng viễn thông, công nghệ thông tin",
    "Khác",
  ];
  const parts = (note: string, names = NEWS) => parseSubUnits(note, names)?.parts.map((p) => `${p.name}=${p.value}`);

  test.each<[string, string[]]>([
    ["Tin: 3; Bài: 2; Video: 0; Khác: 1", ["Tin=3", "Bài=2", "Video=0", "Khác=1"]],
    ["Tin 3, Bài 2", ["Tin=3", "Bài=2"]],
    ["- Tin: 3\n- Bài: 2\n- Khác: 0", ["Tin=3", "Bài=2", "Khác=0"]],
    ["tin (3), BÀI (2)", ["Tin=3", "Bài=2"]],
    ["Tin: 3 tin, Bài: 2 bài", ["Tin=3", "Bài=2"]],
    ["Tổng: 6; Tin = 4; Video = 2", ["Tin=4", "Video=2"]],
    ["Theo Kế hoạch số 44/KH-SKHĐT ngày 09/01/2023: Tin 3", ["Tin=3"]],
  ])("%j", (note, expected) => {
    expect(parts(note)).toEqual(expected);
  });

  test("a long sub-unit name may be cut short; unknown names are listed; no breakdown → undefined", () => {
    expect(parts("Hội thi: 1; Trên mạng xã hội: 4; Khác 0", EVENTS)).toEqual([
      "Hội thi=1",
      "Trên mạng xã hội, mạng viễn thông, công nghệ thông tin=4",
      "Khác=0",
    ]);
    expect(parseSubUnits("Tin: 3; Ảnh: 2", NEWS)).toEqual({ parts: [{ name: "Tin", value: 3 }], unknown: ["Ảnh"] });
    expect(parseSubUnits("Ảnh: 2", NEWS)).toBeUndefined();
    expect(parseSubUnits("", NEWS)).toBeUndefined();
    expect(parseSubUnits("Đã đăng tin, bài, video trên trang thông tin điện tử", NEWS)).toBeUndefined();
  });
});

test("the blank dienbien-so template written by the tool is found by its marker, with every row and no error", async () => {
  const { workbook } = buildTemplateWorkbook(findTemplate("dienbien-so")!, { unit: "Sở Tư pháp", period: "Quý I năm 2025" });
  const c = checkWorkbook(readWorkbookGrid(new Uint8Array(await workbook.xlsx.writeBuffer())), builtinTemplates());
  expect(c.located.template?.id).toBe("dienbien-so");
  expect(c.located.forms[0]).toMatchObject({ via: "marker", missing: [], stray: [] });
  expect(c.located.forms[0].rows.size).toBe(131);
  expect(c.counts.error).toBe(0);
});
