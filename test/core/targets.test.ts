/** Plan targets: rows below target are information with the gap, never errors. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { builtinTemplates, CatalogError } from "../../src/catalog";
import { builtinTargetSets, checkTargets, loadTargets } from "../../src/catalog/targets";
import { main } from "../../src/cli/main";
import { checkWorkbook } from "../../src/core/check-workbook";
import { readWorkbookGrid } from "../../src/xlsx/read-grid";
import { officerWorkbookBytes } from "../helpers/officer-workbooks";

describe("targets", () => {
  const templates = builtinTemplates();

  test("the Sơn La 2024 plan's targets refer to rows of bnv581-tinh", () => {
    const [set] = builtinTargetSets(templates);
    expect(set).toMatchObject({ id: "sonla-2024", template: "bnv581-tinh" });
    expect(set.targets.length).toBeGreaterThanOrEqual(5);
  });

  test("the province seed: rows below target are information with the gap; rates over 0 / 0 are not judged", async () => {
    const grid = readWorkbookGrid(await officerWorkbookBytes("bnv581-tinh"));
    const [set] = builtinTargetSets(templates);
    const plain = checkWorkbook(grid, templates);
    const c = checkWorkbook(grid, templates, { targets: set });
    const below = c.findings.filter((f) => f.rule === "target");
    expect(below.map((f) => `${f.form}/${f.code}`).sort()).toEqual(["1/2", "2/3.2", "7/6.4"]);
    expect(below.every((f) => f.severity === "info")).toBe(true);
    expect(below.find((f) => f.code === "2")!.message).toMatch(
      /đạt 23,46%, chưa đạt chỉ tiêu "Hoàn thành 100% kế hoạch CCHC năm" \(từ 100%\); còn thiếu 76,54%/,
    );
    expect(c.counts.error).toBe(plain.counts.error);
    expect(c.summary.find((t) => t.rule === "target")).toEqual({ rule: "target", checked: 5, passed: 2, failed: 3, notReported: 0 });
  });

  test("a broken targets file is refused with every problem named", () => {
    const raw = {
      id: "x",
      name: "X",
      template: "bnv581-tinh",
      targets: [
        { form: 1, code: "9.9", op: ">=", value: 100, label: "?" },
        { form: 1, code: "2", op: "≥", value: "100", label: "" },
      ],
    };
    const messages = checkTargets(raw, "x.json", templates).map((p) => `${p.where}: ${p.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/chỉ tiêu thứ 1 \(Biểu mẫu 1, dòng 9.9\): mẫu bnv581-tinh không có dòng này/),
      expect.stringMatching(/chỉ tiêu thứ 2 .*phép so sánh "≥" không hợp lệ/),
      expect.stringMatching(/"value" phải là một số/),
      expect.stringMatching(/thiếu "label"/),
    ]);
    expect(() => loadTargets(raw, "x.json", templates)).toThrow(CatalogError);
  });

  test("bieumau validate --targets FILE", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bieumau-targets-"));
    const book = path.join(dir, "tinh.xlsx");
    fs.writeFileSync(book, await officerWorkbookBytes("bnv581-tinh", { forms: [1] }));
    const file = path.join(dir, "chi-tieu.json");
    fs.writeFileSync(
      file,
      JSON.stringify({
        id: "t",
        name: "T",
        template: "bnv581-tinh",
        targets: [{ form: 1, code: "1", op: ">=", value: 100, label: "Ban hành ít nhất 100 văn bản" }],
      }),
    );
    let out = "";
    const code = await main(["validate", book, "--targets", file, "--json"], { out: (s) => (out += s), err: () => undefined });
    expect(code).toBe(0);
    const f = JSON.parse(out).files[0].findings.find((x: { rule: string }) => x.rule === "target");
    expect(f).toMatchObject({ severity: "info", code: "1", actual: 85, expected: ">= 100" });
  });
});
