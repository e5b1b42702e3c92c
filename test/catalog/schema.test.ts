/** The template format: a JSON Schema for editors, proven by the built-in templates; `catalog check` explains the rest. */
import Ajv2020 from "ajv/dist/2020";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { builtinTemplates } from "../../src/catalog";
import schema from "../../src/catalog/template.schema.json";
import { main } from "../../src/cli/main";

const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

async function run(...argv: string[]) {
  let out = "";
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (out += s) });
  return { code, out };
}

describe("template format", () => {
  test("every built-in template is valid against the JSON Schema (the format is proven by them)", () => {
    for (const t of builtinTemplates()) {
      const ok = validate(t);
      expect({ id: t.id, errors: ok ? [] : validate.errors }).toEqual({ id: t.id, errors: [] });
    }
  });

  test("the schema refuses what it can: a ratio row without parts, an unknown kind, an extra field", () => {
    const broken = JSON.parse(JSON.stringify(builtinTemplates()[1]));
    delete broken.forms[0].rows[1].ratio;
    broken.forms[0].rows[2].kind = "số";
    broken.forms[0].rows[3].mau = 1;
    expect(validate(broken)).toBe(false);
    expect(validate.errors!.length).toBeGreaterThanOrEqual(3);
  });

  test("bieumau catalog check explains every problem with its location: unknown row, cycle, ratio without parts", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bieumau-catalog-"));
    const file = path.join(dir, "tinh-rieng.json");
    fs.writeFileSync(
      file,
      JSON.stringify({
        $schema: "./template.schema.json",
        id: "tinh-rieng",
        name: "Mẫu của tỉnh",
        level: "tinh",
        forms: [
          {
            number: 1,
            title: "Biểu thử",
            rows: [
              { id: "b1.1", code: "1", label: "Tổng", unit: "Văn bản", kind: "count", sum: ["1.1", "1.9"], aggregate: "sum" },
              { id: "b1.1.1", code: "1.1", label: "Thành phần", unit: "Văn bản", kind: "count", sum: ["1"], aggregate: "sum" },
              { id: "b1.2", code: "2", label: "Tỷ lệ", unit: "%", kind: "ratio", aggregate: "pooled" },
            ],
          },
        ],
      }),
    );
    const r = await run("catalog", "check", file);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/✗ tinh-rieng.json: 3 lỗi/);
    expect(r.out).toMatch(
      /mẫu tinh-rieng, Biểu mẫu 1, dòng 1: thành phần của tổng trỏ tới dòng "1.9" không có trong Biểu mẫu 1 {2}\[forms\[0\]\.rows\[0\]\.sum\[1\]\]/,
    );
    expect(r.out).toMatch(/dòng 2: dòng tỷ lệ cần "ratio"/);
    expect(r.out).toMatch(/công thức vòng tròn: 1 → 1.1 → 1/);
    const good = await run("catalog", "check", path.resolve(__dirname, "../../src/catalog/templates/bnv581-xa.json"));
    expect(good).toEqual({
      code: 0,
      out: expect.stringMatching(/✓ bnv581-xa.json: mẫu bnv581-xa hợp lệ \(7 biểu, 113 dòng, \d+ quy tắc\)/),
    });
    expect((await run("catalog", "check", path.join(dir, "khong-co.json"))).code).toBe(2);
  });
});
