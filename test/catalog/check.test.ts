import {
  builtinTemplates,
  CatalogError,
  checkMappingTargets,
  checkTemplate,
  findTemplate,
  loadTemplate,
  parseTemplateJson,
  rowsByCode,
} from "../../src/catalog";
import type { TemplateSpec } from "../../src/catalog/types";

/** A small valid template to break in different ways. */
function sample(): TemplateSpec {
  return {
    id: "tinh-thu",
    name: "Mẫu thử",
    level: "tinh",
    source: "test",
    forms: [
      {
        number: 1,
        title: "Công tác chỉ đạo điều hành CCHC",
        rows: [
          {
            id: "b1.2",
            code: "2",
            label: "Tỷ lệ hoàn thành",
            unit: "%",
            kind: "ratio",
            ratio: { numerator: "2.2", denominator: "2.1" },
            aggregate: "pooled",
          },
          { id: "b1.2.1", code: "2.1", label: "Số nhiệm vụ đề ra", unit: "Nhiệm vụ", kind: "count", aggregate: "sum" },
          { id: "b1.2.2", code: "2.2", label: "Số nhiệm vụ đã hoàn thành", unit: "Nhiệm vụ", kind: "count", aggregate: "sum" },
          { id: "b1.3", code: "3", label: "Tổng", unit: "Nhiệm vụ", kind: "count", sum: ["2.1", "2.2"], aggregate: "sum" },
          {
            id: "b1.4",
            code: "4",
            label: "Có khảo sát",
            unit: "Có = 1; Không = 0",
            kind: "coded",
            options: [
              { value: 1, label: "Có" },
              { value: 0, label: "Không" },
            ],
            aggregate: "answers",
          },
        ],
      },
    ],
  };
}

function problemsOf(mutate: (t: TemplateSpec) => void): string[] {
  const t = sample();
  mutate(t);
  return checkTemplate(JSON.parse(JSON.stringify(t)), "thu.json").map((p) => `${p.where}: ${p.message}`);
}

describe("catalog checks", () => {
  test("the sample and the built-in templates are valid", () => {
    expect(checkTemplate(sample(), "thu.json")).toEqual([]);
    for (const t of builtinTemplates()) expect(checkTemplate(t, t.id)).toEqual([]);
  });

  test("every rule of the built-in templates refers to rows of its form, every ratio has both parts", () => {
    for (const t of builtinTemplates()) {
      for (const form of t.forms) {
        const rows = rowsByCode(form);
        for (const row of form.rows) {
          const refs = [
            ...(row.ratio ? [row.ratio.numerator, row.ratio.denominator] : []),
            ...(row.sum ?? []),
            ...(row.checks ?? []).flatMap((c) => c.parts),
          ];
          for (const ref of refs) expect(rows.has(ref)).toBe(true);
          if (row.kind === "ratio") {
            expect(rows.get(row.ratio!.numerator)).toBeDefined();
            expect(rows.get(row.ratio!.denominator)).toBeDefined();
          }
        }
      }
    }
  });

  test("mappings of the built-in templates point at input rows of their target template", () => {
    const xa = findTemplate("bnv581-xa")!;
    expect(xa.mappings?.[0].rows.length).toBeGreaterThan(0);
    expect(checkMappingTargets(xa, findTemplate("bnv581-tinh")!)).toEqual([]);
    const broken = {
      ...xa,
      mappings: [
        {
          into: "bnv581-tinh",
          rows: [
            { from: "3/3.3.1", to: "3/3.3" },
            { from: "9/1", to: "3/9.9" },
          ],
        },
      ],
    };
    expect(checkMappingTargets(broken, findTemplate("bnv581-tinh")!).map((p) => p.message)).toEqual([
      expect.stringMatching(/dòng "3\/3.3" của bnv581-tinh là dòng tính toán/),
      expect.stringMatching(/không có dòng "3\/9.9"/),
    ]);
    expect(checkTemplate(broken, "xa.json").map((p) => p.message)).toEqual([expect.stringMatching(/không có dòng "9\/1" trong mẫu này/)]);
  });

  test("a rule pointing at a missing row names the template, the form and the row", () => {
    const p = problemsOf((t) => (t.forms[0].rows[0].ratio = { numerator: "2.9", denominator: "2.1" }));
    expect(p).toEqual([expect.stringMatching(/mẫu tinh-thu, Biểu mẫu 1, dòng 2: tử số trỏ tới dòng "2.9" không có/)]);
  });

  test("a ratio without its parts is refused", () => {
    const p = problemsOf((t) => delete t.forms[0].rows[0].ratio);
    expect(p.join("\n")).toMatch(/dòng 2: dòng tỷ lệ cần "ratio"/);
  });

  test("a cycle of computed rows is reported with its path", () => {
    const p = problemsOf((t) => {
      t.forms[0].rows[1].sum = ["3"];
    });
    expect(p.join("\n")).toMatch(/công thức vòng tròn: (2\.1 → 3 → 2\.1|3 → 2\.1 → 3)/);
  });

  test("duplicate codes, unknown kinds, bad aggregation and bad options are all listed", () => {
    const p = problemsOf((t) => {
      t.forms[0].rows[2].code = "2.1";
      (t.forms[0].rows[3] as { kind: string }).kind = "số";
      t.forms[0].rows[0].aggregate = "sum";
      t.forms[0].rows[4].options = [{ value: 1, label: "Có" }];
    });
    const text = p.join("\n");
    expect(text).toMatch(/dòng 2.1: mã dòng \(STT\) bị trùng/);
    expect(text).toMatch(/loại dòng "số" không hợp lệ/);
    expect(text).toMatch(/dòng 2: dòng loại "ratio" không tổng hợp theo "sum"/);
    expect(text).toMatch(/dòng 4: dòng mã hóa cần ít nhất hai lựa chọn/);
  });

  test("a code with a trailing dot is refused (codes are stored normalised)", () => {
    expect(problemsOf((t) => (t.forms[0].rows[1].code = "2.1.")).join("\n")).toMatch(/dấu chấm cuối/);
  });

  test("loadTemplate throws a CatalogError carrying every problem; bad JSON text is explained", () => {
    const broken = sample();
    broken.forms[0].rows[3].sum = ["9"];
    expect(() => loadTemplate(broken, "thu.json")).toThrow(CatalogError);
    expect(() => loadTemplate(broken, "thu.json")).toThrow(/thành phần của tổng trỏ tới dòng "9"/);
    expect(() => parseTemplateJson("{ khong phai json", "tinh.json")).toThrow(/tệp tinh.json: không phải JSON hợp lệ/);
  });
});

describe("names the reader cannot tell apart", () => {
  // The reader folds headers (diacritics, case, punctuation: core/text.ts foldText) before it looks for a column.
  test("two value columns or two list columns that differ only by punctuation are refused", () => {
    const p = problemsOf((t) => (t.forms[0].valueColumns = ["Năm 2023", "Năm 2023."]));
    expect(p).toEqual([expect.stringMatching(/Biểu mẫu 1: cột số liệu "Năm 2023." bị lặp/)]);
    const list = {
      ...sample(),
      forms: [
        sample().forms[0],
        {
          number: 2,
          kind: "list",
          title: "Danh mục",
          columns: [
            { key: "ten", title: "Tên nhiệm vụ", type: "text" },
            { key: "tinh-trang", title: "Đúng hạn/quá hạn", type: "status" },
            { key: "tinh-trang-2", title: "Đúng hạn - quá hạn", type: "text" },
          ],
        },
      ],
    };
    expect(checkTemplate(list, "thu.json").map((x) => x.message)).toEqual(['tên cột "Đúng hạn - quá hạn" bị lặp']);
  });
});
