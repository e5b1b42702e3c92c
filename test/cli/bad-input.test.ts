/**
 * Bad input as units send it: each file gets one clear Vietnamese line naming
 * it, exit 2, no stack trace, no hang; the good files are still checked.
 */
import { spawnSync } from "node:child_process";
import ExcelJS from "exceljs";
import { strToU8, zipSync } from "fflate";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../../src/cli/main";
import type { FileReport } from "../../src/core/report";
import { officerWorkbookBytes } from "../helpers/officer-workbooks";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "bieumau-bad-"));
const file = (name: string) => path.join(work, name);

/** An OLE2 compound file header, as old .xls and password-protected .xlsx files have. */
function ole2(streamNames: string[]): Buffer {
  const buf = Buffer.alloc(4096);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(buf, 0);
  streamNames.forEach((name, i) => Buffer.from(name, "utf16le").copy(buf, 1024 + i * 128));
  return buf;
}

/** A sheet with a million rows, zipped fast. */
function millionRows(): Uint8Array {
  const parts: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
  ];
  for (let r = 1; r <= 1_000_000; r++) parts.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`);
  parts.push("</sheetData></worksheet>");
  return zipSync(
    {
      "[Content_Types].xml": strToU8(
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      ),
      "_rels/.rels": strToU8(
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      ),
      "xl/workbook.xml": strToU8(
        '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
      "xl/_rels/workbook.xml.rels": strToU8(
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
      "xl/worksheets/sheet1.xml": strToU8(parts.join("")),
    },
    { level: 1 },
  );
}

beforeAll(async () => {
  fs.writeFileSync(file("good.xlsx"), await officerWorkbookBytes("bnv581-xa"));
  fs.writeFileSync(file("empty.xlsx"), "");
  fs.writeFileSync(file("notzip.xlsx"), "Báo cáo quý I: xem tệp đính kèm");
  const good = fs.readFileSync(file("good.xlsx"));
  fs.writeFileSync(file("truncated.xlsx"), good.subarray(0, Math.floor(good.length / 2)));
  fs.writeFileSync(file("old.xls"), ole2(["Workbook", "SummaryInformation"]));
  fs.writeFileSync(file("password.xlsx"), ole2(["EncryptionInfo", "EncryptedPackage"]));
  fs.writeFileSync(file("million.xlsx"), millionRows());

  const prose = new ExcelJS.Workbook();
  prose.addWorksheet("Báo cáo").getCell("A1").value = "Kính gửi Sở Nội vụ, đơn vị xin báo cáo như sau…";
  await prose.xlsx.writeFile(file("noform.xlsx"));

  // Whole-column data validation: exceljs hangs on these; we must not.
  const wholeCol = await officerWorkbookBytes("bnv581-xa", { forms: [1] });
  const unzipped = (await import("fflate")).unzipSync(wholeCol);
  const sheetName = Object.keys(unzipped).find((n) => /worksheets\/sheet1\.xml$/.test(n))!;
  const xml = Buffer.from(unzipped[sheetName]).toString("utf8");
  unzipped[sheetName] = strToU8(
    xml.replace(
      "</worksheet>",
      '<dataValidations count="1"><dataValidation type="whole" operator="greaterThanOrEqual" allowBlank="1" sqref="D1:D1048576 E:E"><formula1>0</formula1></dataValidation></dataValidations></worksheet>',
    ),
  );
  fs.writeFileSync(file("wholecolumn.xlsx"), zipSync(unzipped));
});

const BAD: [string, RegExp][] = [
  ["empty.xlsx", /rỗng/],
  ["notzip.xlsx", /không phải tệp Excel/],
  ["truncated.xlsx", /hỏng|không đầy đủ/],
  ["old.xls", /Excel 97–2003 \(\.xls\)/],
  ["password.xlsx", /mật khẩu/],
  ["noform.xlsx", /không tìm thấy bảng biểu mẫu/],
  ["missing.xlsx", /không tìm thấy tệp/],
];

describe("bad input", () => {
  test.each(BAD)("%s: one Vietnamese line naming the file, exit 2", async (name, reason) => {
    let out = "";
    let err = "";
    const code = await main(["validate", file(name)], { out: (s) => (out += s), err: (s) => (err += s) });
    expect(code).toBe(2);
    expect(err.trim().split("\n")).toEqual([expect.stringMatching(new RegExp(`^bieumau: ${name.replace(".", "\\.")}: `))]);
    expect(err).toMatch(reason);
    expect(err + out).not.toMatch(/at .+\.(ts|js):\d+|Error:/);
  });

  test("all the bad files and a good one together: every file reported, the good one checked", async () => {
    let out = "";
    let err = "";
    const names = ["good.xlsx", ...BAD.map(([n]) => n), "million.xlsx", "wholecolumn.xlsx"];
    const code = await main(["validate", "--json", ...names.map(file)], { out: (s) => (out += s), err: (s) => (err += s) });
    expect(code).toBe(2);
    const doc = JSON.parse(out) as { files: FileReport[] };
    expect(doc.files.map((f) => f.file)).toEqual(names);
    expect(doc.files[0].template).toBe("bnv581-xa");
    for (const [i, [, reason]] of BAD.entries()) expect(doc.files[i + 1].error).toMatch(reason);
    // a million numbers and no form: read up to the row limit, then "no form"
    expect(doc.files[names.indexOf("million.xlsx")].error).toMatch(/million\.xlsx: .*không tìm thấy bảng biểu mẫu/);
    // whole-column validations are ignored: the form is read normally
    expect(doc.files[names.indexOf("wholecolumn.xlsx")]).toMatchObject({ template: "bnv581-xa", forms: [{ form: 1 }] });
    expect(err.trim().split("\n")).toHaveLength(BAD.length + 1);
  });

  test("the real binary: no stack trace, bounded memory on the million-row file", () => {
    const bin = path.resolve(__dirname, "../../bin/bieumau.js");
    const r = spawnSync(process.execPath, ["--max-old-space-size=256", bin, "validate", file("million.xlsx"), file("password.xlsx")], {
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(/^bieumau: million\.xlsx: /),
      expect.stringMatching(/^bieumau: password\.xlsx: .*mật khẩu/),
    ]);
  });
});
