/** A folder dropped onto bieumau(.exe): its only argument is the folder, and it is consolidated beside itself. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../../src/cli/main";
import { findTemplate } from "../../src/catalog";
import { readWorkbookGrid } from "../../src/xlsx/read-grid";
import { writeFilledWorkbook } from "../../src/xlsx/plan-writer";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "bieumau-drop-"));
const folder = path.join(work, "Báo cáo quý I");
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

async function run(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

beforeAll(() => {
  const xa = findTemplate("bnv581-xa")!;
  fs.mkdirSync(folder);
  ["An Bình", "Bình Minh"].forEach((name, i) => {
    const values = { "1/2.1": 30, "1/2.2": 20 + i };
    fs.writeFileSync(
      path.join(folder, `xa-${i + 1}.xlsx`),
      writeFilledWorkbook(xa, { unit: `UBND xã ${name}`, period: "Quý I năm 2024" }, values, { computed: "formula" }),
    );
  });
});

test("the folder is consolidated into <folder>-tong-hop.xlsx beside it, then -tong-hop-2.xlsx, never overwriting", async () => {
  const first = await run(folder);
  expect(first.code).toBe(0);
  const output = path.join(work, "Báo cáo quý I-tong-hop.xlsx");
  expect(first.out).toContain(`vào ${output}`);
  const sheets = readWorkbookGrid(fs.readFileSync(output)).sheets.map((s) => s.name);
  expect(sheets).toEqual(expect.arrayContaining(["Biểu mẫu 1", "Kiểm tra"]));
  const before = fs.readFileSync(output);
  const second = await run(folder);
  expect(second.code).toBe(0);
  expect(fs.existsSync(path.join(work, "Báo cáo quý I-tong-hop-2.xlsx"))).toBe(true);
  expect(fs.readFileSync(output).equals(before)).toBe(true);
  expect(fs.readdirSync(folder).sort()).toEqual(["xa-1.xlsx", "xa-2.xlsx"]);
});

test("a single file, or a word that is not a folder, is not taken for a dropped folder", async () => {
  const file = await run(path.join(folder, "xa-1.xlsx"));
  expect(file.code).toBe(2);
  expect(file.err).toMatch(/không có lệnh/);
  expect((await run("khong-co-thu-muc-nay")).code).toBe(2);
});
