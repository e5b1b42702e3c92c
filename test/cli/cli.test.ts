/** The `bieumau` command as a user meets it: Vietnamese help, one-line errors, exit codes. */
import { spawnSync } from "node:child_process";
import ExcelJS from "exceljs";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../../src/cli/main";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "bieumau-cli-"));

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

describe("bieumau CLI", () => {
  test("help is in Vietnamese, for the program and for each subcommand", async () => {
    const top = await run("--help");
    expect(top.code).toBe(0);
    expect(top.out).toMatch(/^Cách dùng: bieumau \[tùy chọn\] \[lệnh\]/);
    expect(top.out).toMatch(/Lệnh:/);
    expect(top.out).toMatch(/template \[tùy chọn\]\s+Tạo tệp Excel/);
    const sub = await run("template", "--help");
    expect(sub.code).toBe(0);
    expect(sub.out).toMatch(/Tùy chọn:/);
    expect(sub.out).toMatch(/--period <kỳ>\s+kỳ báo cáo/);
    expect(sub.out).not.toMatch(/Usage|Options:|display help/);
  });

  test.each([
    [["template", "-o", "x.xlsx", "--bogus"], /tùy chọn không được hỗ trợ: --bogus/],
    [["template", "--template", "bnv581-tinh"], /thiếu tùy chọn bắt buộc -o, --output/],
    [["template", "--template", "khong-co", "-o", "x.xlsx"], /không có mẫu biểu "khong-co" \(có: bnv581-tinh, bnv581-xa[,)]/],
    [["template", "--template", "bnv581-xa", "--forms", "1,9", "-o", "x.xlsx"], /mẫu bnv581-xa không có Biểu mẫu 9/],
    [["template", "--template", "bnv581-xa", "--forms", "một", "-o", "x.xlsx"], /danh sách biểu "một" không hợp lệ/],
    [["template", "--template", "bnv581-xa", "-o", "x.xls"], /phải có đuôi .xlsx/],
    [["template", "--template", "bnv581-xa", "-o", "/khong/co/thu/muc/x.xlsx"], /thư mục \/khong\/co\/thu\/muc không tồn tại/],
    [["khong-co-lenh"], /không có lệnh "khong-co-lenh"/],
    [["template", "--catalog", "/khong/co.json", "-o", "x.xlsx"], /không đọc được tệp mẫu biểu \/khong\/co.json/],
  ])("wrong arguments %j: one Vietnamese line on stderr, exit 2", async (argv, message) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(r.err).not.toMatch(/at .+\.(ts|js):\d+/);
  });

  test("template writes the chosen forms, and never overwrites an existing file without --force", async () => {
    const out = path.join(work, "xa.xlsx");
    const first = await run(
      "template",
      "--template",
      "bnv581-xa",
      "--forms",
      "1,3,7",
      "--unit",
      "UBND xã A",
      "--period",
      "Quý I năm 2025",
      "-o",
      out,
    );
    expect(first).toEqual({ code: 0, out: expect.stringMatching(/Đã tạo .*xa.xlsx: 3 biểu của mẫu bnv581-xa/), err: "" });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Biểu mẫu 1", "Biểu mẫu 3", "Biểu mẫu 7"]);
    expect(wb.worksheets[0].getCell("A1").value).toBe("Đơn vị báo cáo: UBND xã A");

    const before = fs.readFileSync(out);
    const again = await run("template", "--template", "bnv581-tinh", "-o", out);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/đã có; không ghi đè/);
    expect(fs.readFileSync(out).equals(before)).toBe(true);
    expect((await run("template", "--template", "bnv581-tinh", "-o", out, "--force")).code).toBe(0);
  });

  test("a province's own catalog file is checked and its problems named", async () => {
    const file = path.join(work, "tinh-rieng.json");
    fs.writeFileSync(
      file,
      JSON.stringify({
        id: "tinh-rieng",
        name: "Mẫu riêng",
        level: "tinh",
        source: "thử",
        forms: [
          {
            number: 1,
            title: "Biểu thử",
            rows: [
              {
                id: "b1.1",
                code: "1",
                label: "Tỷ lệ",
                unit: "%",
                kind: "ratio",
                ratio: { numerator: "1.2", denominator: "1.1" },
                aggregate: "pooled",
              },
            ],
          },
        ],
      }),
    );
    const r = await run("template", "--catalog", file, "-o", path.join(work, "rieng.xlsx"));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/mẫu tinh-rieng, Biểu mẫu 1, dòng 1: tử số trỏ tới dòng "1.2" không có/);
  });

  test("the installed binary exits 2 with one line and no stack trace", () => {
    const bin = path.resolve(__dirname, "../../bin/bieumau.js");
    expect(fs.existsSync(path.resolve(__dirname, "../../build/cli/main.js"))).toBe(true); // npm test builds first
    const r = spawnSync(process.execPath, [bin, "template", "--template", "nope", "-o", "x.xlsx"], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^bieumau: không có mẫu biểu "nope" \(có: bnv581-tinh, bnv581-xa[^\n]*\)\n$/);
    const ok = spawnSync(process.execPath, [bin, "templates"], { encoding: "utf8" });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^bnv581-tinh\t/m);
  });
});
