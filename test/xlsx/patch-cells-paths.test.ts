/**
 * The patcher finds parts by the reader's rule (ooxml/part-name.ts): a workbook whose
 * relationships use absolute "/xl/…" targets, backslashes, %20 and part names in another case —
 * as some producers write them, and as the reader reads them — is filled like any other.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../../src/cli/main";
import { patchWorkbook } from "../../src/xlsx/patch-cells";
import { readWorkbookGrid } from "../../src/xlsx/read-grid";
import { listZip } from "../../src/xlsx/zip-raw";
import { officerWorkbookBytes } from "../helpers/officer-workbooks";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "bieumau-patchpaths-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const CALC_CHAIN_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain";

/** Form 1 typed as numbers, its rate 2 left blank for fill to compute. */
const officer = () => officerWorkbookBytes("bnv581-xa", { forms: [1], numeric: true, override: { 1: { "2": undefined } } });

/**
 * The exceljs-written workbook with its parts renamed and its relationships rewritten:
 * the main part "XL/Workbook.xml" reached by "/xl/workbook.xml", the sheet "xl/Worksheets/Sheet 1.xml"
 * reached by "\xl\worksheets\sheet%201.xml", and a calc chain "xl/CalcChain.xml" reached by
 * "..\XL\calcchain.xml" with its content-type override written "/XL/CALCCHAIN.XML".
 */
function oddlyNamed(bytes: Uint8Array): Uint8Array {
  const files = unzipSync(bytes);
  const out: Zippable = {};
  const rename: Record<string, string> = {
    "xl/workbook.xml": "XL/Workbook.xml",
    "xl/worksheets/sheet1.xml": "xl/Worksheets/Sheet 1.xml",
  };
  for (const [name, data] of Object.entries(files)) {
    if (name.endsWith("/")) continue;
    let d = data;
    if (name === "_rels/.rels") d = strToU8(strFromU8(d).replace('Target="xl/workbook.xml"', 'Target="/xl/workbook.xml"'));
    if (name === "xl/_rels/workbook.xml.rels") {
      d = strToU8(
        strFromU8(d)
          .replace('Target="worksheets/sheet1.xml"', 'Target="\\xl\\worksheets\\sheet%201.xml"')
          .replace(
            "</Relationships>",
            `<Relationship Id="rId99" Type="${CALC_CHAIN_TYPE}" Target="..\\XL\\calcchain.xml"/></Relationships>`,
          ),
      );
    }
    if (name === "[Content_Types].xml") {
      d = strToU8(
        strFromU8(d).replace(
          "</Types>",
          '<Override PartName="/XL/CALCCHAIN.XML" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>',
        ),
      );
    }
    out[rename[name] ?? name] = d;
  }
  out["xl/CalcChain.xml"] = strToU8('<?xml version="1.0"?><calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>');
  return zipSync(out);
}

describe("relationship targets and part names as the reader reads them", () => {
  let odd: Uint8Array;
  beforeAll(async () => {
    odd = oddlyNamed(await officer());
  });

  test("the reader reads the renamed workbook (the premise)", () => {
    const grid = readWorkbookGrid(odd);
    expect(grid.sheets.length).toBe(1);
    expect(grid.sheets[0]!.rows.length).toBeGreaterThan(10);
  });

  test("patchWorkbook writes into the sheet, keeps the names as written and drops the calc chain", () => {
    const sheet = readWorkbookGrid(odd).sheets[0]!.name;
    const patched = patchWorkbook(odd, [{ sheet, address: "Z40", value: 4321 }]);
    const names = listZip(patched).map((e) => e.name);
    expect(names).toContain("XL/Workbook.xml");
    expect(names).toContain("xl/Worksheets/Sheet 1.xml");
    expect(names).not.toContain("xl/CalcChain.xml");
    const files = unzipSync(patched);
    expect(strFromU8(files["[Content_Types].xml"]!)).not.toMatch(/CALCCHAIN/i);
    expect(strFromU8(files["xl/_rels/workbook.xml.rels"]!)).not.toContain("rId99");
    expect(strFromU8(files["XL/Workbook.xml"]!)).toContain('fullCalcOnLoad="1"');
    const grid = readWorkbookGrid(patched);
    expect(grid.sheets[0]!.rows[39]![25]).toMatchObject({ value: 4321 });
  });

  test("fill (the CLI) fills it, and the copy reads back with the computed cells", async () => {
    const file = path.join(work, "odd.xlsx");
    fs.writeFileSync(file, odd);
    const out = path.join(work, "odd-filled.xlsx");
    let stdout = "";
    let stderr = "";
    const code = await main(["fill", file, "-o", out, "--json"], { out: (s) => (stdout += s), err: (s) => (stderr += s) });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const filled = JSON.parse(stdout).cells.filter((c: { action: string }) => c.action === "filled");
    expect(filled.length).toBeGreaterThan(0);
    let again = "";
    await main(["validate", "--json", out], { out: (s) => (again += s), err: () => undefined });
    const after = JSON.parse(again).files[0];
    expect(after.error).toBeUndefined();
    const blanks = after.findings.filter((f: { message: string; cell: string }) => /để trống nhưng tính được/.test(f.message));
    expect(blanks.filter((f: { cell: string }) => filled.some((c: { cell: string }) => c.cell === f.cell))).toEqual([]);
  });
});
