/**
 * The reader never loses a sheet quietly (issue 9 item 8), on hand-built XML:
 * a misplaced cell reference, a huge sheet before the forms, a DOCTYPE whose
 * entity value holds "]>" in the shared strings.
 */
import { strToU8, zipSync, type Zippable } from "fflate";
import { readerFindings } from "../../src/core/check-workbook";
import { cellAt, type WorkbookGrid } from "../../src/core/grid";
import { readWorkbookGrid } from "../../src/xlsx/read-grid";

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";

function xlsx(sheets: { name: string; data: string }[], sst?: string): Uint8Array {
  const files: Zippable = {};
  const put = (name: string, text: string) => (files[name] = strToU8(text));
  put(
    "_rels/.rels",
    `<?xml version="1.0"?><Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  const rels = sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`);
  if (sst !== undefined) {
    rels.push(`<Relationship Id="rId${sheets.length + 1}" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>`);
    put("xl/sharedStrings.xml", sst);
  }
  sheets.forEach((s, i) =>
    put(
      `xl/worksheets/sheet${i + 1}.xml`,
      `<?xml version="1.0"?><worksheet xmlns="${MAIN_NS}"><sheetData>${s.data}</sheetData></worksheet>`,
    ),
  );
  const tags = sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("");
  put("xl/workbook.xml", `<?xml version="1.0"?><workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets>${tags}</sheets></workbook>`);
  put("xl/_rels/workbook.xml.rels", `<?xml version="1.0"?><Relationships xmlns="${PKG_REL_NS}">${rels.join("")}</Relationships>`);
  return zipSync(files, { level: 1 });
}

const value = (g: WorkbookGrid, sheet: number, row: number, col: number) => cellAt(g.sheets[sheet], row, col)?.value;

describe("out-of-place cells", () => {
  test('<c r="B6000"> at the start of row 3: the rest of the sheet kept, the misplaced cell said', () => {
    const rows = [
      `<row r="1"><c r="A1"><v>1</v></c></row>`,
      `<row r="2"><c r="A2"><v>2</v></c></row>`,
      `<row r="3"><c r="B6000"><v>30</v></c><c r="C3"><v>33</v></c></row>`,
    ];
    for (let r = 4; r <= 20; r++) rows.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c><c r="D${r}"><v>${r * 10}</v></c></row>`);
    const g = readWorkbookGrid(xlsx([{ name: "S", data: rows.join("") }]));
    expect(g.sheets[0].truncatedAtRow).toBeUndefined();
    expect(value(g, 0, 3, 2)).toBeUndefined();
    expect(value(g, 0, 3, 3)).toBe(33);
    expect(value(g, 0, 20, 4)).toBe(200);
    expect(g.sheets[0].maxRow).toBe(20);
    const findings = readerFindings(g);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: "warning" });
    expect(findings[0].message).toMatch(/B6000 nằm trong dòng 3.*vượt quá dòng 5000 không được đọc/);
  });

  test("rows and cells out of order are all read", () => {
    const data = `<row r="5"><c r="C5"><v>53</v></c><c r="A5"><v>51</v></c></row><row r="2"><c r="B2"><v>22</v></c></row><row r="9"><c r="A9"><v>91</v></c></row>`;
    const g = readWorkbookGrid(xlsx([{ name: "S", data }]));
    expect([value(g, 0, 5, 1), value(g, 0, 5, 3), value(g, 0, 2, 2), value(g, 0, 9, 1)]).toEqual([51, 53, 22, 91]);
    expect(readerFindings(g)).toEqual([]);
  });
});

describe("a huge sheet before the forms", () => {
  test("a 210,000-cell sheet first does not hide the sheets after it; its cut is said", () => {
    const big: string[] = [];
    for (let r = 1; r <= 4200; r++) {
      let cells = "";
      for (let c = 0; c < 50; c++) cells += `<c><v>${c}</v></c>`;
      big.push(`<row r="${r}">${cells}</row>`);
    }
    const form = `<row r="1"><c r="A1" t="inlineStr"><is><t>Biểu mẫu 1</t></is></c></row><row r="7"><c r="D7"><v>42</v></c></row>`;
    const g = readWorkbookGrid(
      xlsx([
        { name: "Dữ liệu", data: big.join("") },
        { name: "BM1", data: form },
        { name: "BM2", data: form },
      ]),
    );
    expect(value(g, 1, 1, 1)).toBe("Biểu mẫu 1");
    expect(value(g, 1, 7, 4)).toBe(42);
    expect(value(g, 2, 7, 4)).toBe(42);
    expect(g.sheets[0].truncatedAtRow).toBeGreaterThan(1000);
    expect(readerFindings(g).map((f) => f.message)).toEqual([expect.stringMatching(/Dữ liệu.*chỉ đọc đến dòng/)]);
  });
});

describe("a DOCTYPE in the shared strings", () => {
  test('"]>" inside an entity value does not shift the shared strings', () => {
    const sst =
      `<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY x "a]><si><t>GIẢ</t></si>"> <!-- ]> -->]>` +
      `<sst xmlns="${MAIN_NS}"><si><t>UBND xã A</t></si><si><t>Quý I năm 2024</t></si></sst>`;
    const data = `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>`;
    const g = readWorkbookGrid(xlsx([{ name: "S", data }], sst));
    expect([value(g, 0, 1, 1), value(g, 0, 1, 2)]).toEqual(["UBND xã A", "Quý I năm 2024"]);
  });
});
