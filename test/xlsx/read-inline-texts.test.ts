/**
 * Inline strings as openpyxl writes them (every letter as &#NNNN;) are remembered by their XML, so a
 * label read in one unit's file is not decoded again in the next: a text read the second time, from
 * memory, must be exactly the text the first reading gave, whatever the XML holds.
 */
import { readWorkbookGrid } from "../../src/xlsx/read-grid";
import { MAIN_NS, oneSheetPackage } from "../helpers/one-sheet-package";

/** A workbook whose column A holds the given `<c>` contents (after the `t` attribute), one per row. */
function book(cells: string[]): Uint8Array {
  const rows = cells.map((c, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr">${c}</c></row>`).join("");
  return oneSheetPackage({
    sheetName: "Bieu mau",
    sheet: `<?xml version="1.0"?><worksheet xmlns="${MAIN_NS}" xmlns:x="${MAIN_NS}"><sheetData>${rows}</sheetData></worksheet>`,
  });
}

const column = (bytes: Uint8Array) => readWorkbookGrid(bytes).sheets[0].rows.map((r) => r[0]?.value);

const CASES: [string, string][] = [
  ["<is><t>S&#7889; li&#7879;u</t></is>", "Số liệu"],
  ["<is><t>S&#7889; li&#7879;u</t></is>", "Số liệu"],
  ["<is><r><t>Qu&#253; </t></r><r><rPr><b/></rPr><t>I</t></r><rPh><t>ふりがな</t></rPh></is>", "Quý I"],
  ['<is><t xml:space="preserve"> a &amp; b </t></is>', " a & b "],
  // The first "</is>" is inside a CDATA section: the text goes on after it.
  ["<is><t><![CDATA[a</is>b]]></t></is>", "a</is>b"],
  ["<is><t><![CDATA[a</is>c]]></t></is>", "a</is>c"],
  // A prefixed element ends with "</x:is>".
  ["<x:is><x:t>&#272;&#417;n v&#7883;</x:t></x:is>", "Đơn vị"],
  ["<is><t>_x0041_B</t></is>", "AB"],
  ["<is/>", ""],
  // Something after the string (read by the general path).
  ["<is><t>sau</t></is><extLst/>", "sau"],
  ["<is ><t>c&#243; kho&#7843;ng</t></is>", "có khoảng"],
];

test("the same inline strings read again, from memory, give exactly the texts of the first reading", () => {
  const bytes = book(CASES.map(([xml]) => xml));
  const expected = CASES.map(([, text]) => text);
  const first = column(bytes);
  expect(first).toEqual(expected);
  expect(column(bytes)).toEqual(expected);
  // The same XML in another order and beside other texts (another unit's file).
  const shuffled = [...CASES].reverse();
  expect(column(book(shuffled.map(([xml]) => xml)))).toEqual(shuffled.map(([, text]) => text));
});

test("an inline string written nearly as in the previous file, at the same place, is read anew", () => {
  expect(column(book(["<is><t>Qu&#253; I</t></is>", "<is><t>x</t></is>"]))).toEqual(["Quý I", "x"]);
  expect(column(book(["<is><t>Qu&#253; V</t></is>", "<is><t>x</t><t>y</t></is>"]))).toEqual(["Quý V", "xy"]);
  expect(column(book(["<is><t>Qu&#253; V</t></is>", "<is><t>x</t></is>"]))).toEqual(["Quý V", "x"]);
});

test("a sheet too large to read at once (streamed in pieces) reads its inline strings exactly, twice over", () => {
  const labels = ["S&#7889; li&#7879;u", "Qu&#253; I n&#259;m 2025", "&#272;&#417;n v&#7883; t&#237;nh", "x &amp; y"];
  const texts = ["Số liệu", "Quý I năm 2025", "Đơn vị tính", "x & y"];
  const n = 40_000; // ≈ 4 MB of sheet XML: read in pieces, so a string may be cut at a piece's end
  const big = (shift: number) => {
    const rows: string[] = [];
    for (let i = 0; i < n; i++)
      rows.push(`<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>${labels[(i + shift) % 4]} ${i % 7}</t></is></c></row>`);
    return oneSheetPackage({
      sheetName: "Lớn",
      sheet: `<?xml version="1.0"?><worksheet xmlns="${MAIN_NS}"><sheetData>${rows.join("")}</sheetData></worksheet>`,
    });
  };
  for (const shift of [0, 1, 0]) {
    const rows = readWorkbookGrid(big(shift), { maxRows: n, maxCells: n }).sheets[0].rows;
    const wrong = rows.findIndex((r, i) => r[0]?.value !== `${texts[(i + shift) % 4]} ${i % 7}`);
    expect([rows.length, wrong]).toEqual([n, -1]);
  }
});

/** A workbook whose column A holds the given cells (`<c>` attributes after r, then content), cellXfs 1 formatted "0.00%". */
function styledBook(cells: [string, string][]): Uint8Array {
  const rows = cells.map(([a, c], i) => `<row r="${i + 1}"><c r="A${i + 1}"${a}>${c}</c></row>`).join("");
  return oneSheetPackage({
    sheetName: "Bieu mau",
    sheet: `<?xml version="1.0"?><worksheet xmlns="${MAIN_NS}"><sheetData>${rows}</sheetData></worksheet>`,
    styles: `<?xml version="1.0"?><styleSheet xmlns="${MAIN_NS}"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.00%"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>`,
  });
}

test("a value-only inline string at the place it had in the last file is that file's frozen cell; a format or formula is its own cell", () => {
  const plain = ' t="inlineStr"';
  const x = "<is><t>Qu&#253; I</t></is>";
  const cellsOf = (bytes: Uint8Array) => readWorkbookGrid(bytes).sheets[0].rows.map((r) => r[0]);
  const first = cellsOf(
    styledBook([
      [plain, x],
      [plain, "<is><t>a</t></is>"],
      [plain, x],
    ]),
  );
  expect(first).toEqual([{ value: "Quý I" }, { value: "a" }, { value: "Quý I" }]);
  // the same XML at the same places: the same cells, shared and frozen
  const again = cellsOf(
    styledBook([
      [plain, x],
      [plain, "<is><t>a</t></is>"],
      [plain, x],
    ]),
  );
  expect(again[0]).toBe(first[0]);
  expect(again[1]).toBe(first[1]);
  expect(Object.isFrozen(again[0])).toBe(true);
  // the same XML at the same places, now formatted, with a formula, or another text: never the shared cell
  const other = cellsOf(
    styledBook([
      [`${plain} s="1"`, x],
      [plain, "<f>B1</f><is><t>a</t></is>"],
      [plain, "<is><t>Qu&#253; II</t></is>"],
    ]),
  );
  expect(other).toEqual([{ value: "Quý I", numFmt: "0.00%" }, { value: "a", formula: "B1" }, { value: "Quý II" }]);
  // and back: the place whose text changed has a new cell with the old text again
  expect(
    cellsOf(
      styledBook([
        [plain, x],
        [plain, "<is><t>a</t></is>"],
        [plain, x],
      ]),
    ),
  ).toEqual(first);
});
