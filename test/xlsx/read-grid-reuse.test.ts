/**
 * The reader takes what it read in the last workbook when a part or a shared string is written the
 * same way again (units copy one template). Whatever order files come in, each reads exactly as if
 * it were the only one.
 */
import type { WorkbookGrid } from "../../src/core/grid";
import { readWorkbookGrid } from "../../src/xlsx/read-grid";
import { MAIN_NS, oneSheetPackage } from "../helpers/one-sheet-package";

interface Book {
  sheetName?: string;
  strings: string[];
  /** The format of cellXfs 1 (cell B1 uses it). */
  format?: string;
  /** Level 0 stores the parts: the same text is then the same bytes whatever the compressor. */
  level?: 0 | 6;
}

function book({ sheetName = "Biểu", strings, format = "0.00%", level = 6 }: Book): Uint8Array {
  const cells = strings.map((_s, i) => `<c r="A${i + 1}" t="s"><v>${i}</v></c>`);
  const rows = cells.map((c, i) => `<row r="${i + 1}">${c}${i === 0 ? '<c r="B1" s="1"><v>0.5</v></c>' : ""}</row>`).join("");
  return oneSheetPackage({
    sheetName,
    level,
    sheet: `<?xml version="1.0"?><worksheet xmlns="${MAIN_NS}"><sheetData>${rows}</sheetData></worksheet>`,
    sharedStrings: `<?xml version="1.0"?><sst xmlns="${MAIN_NS}">${strings.join("")}</sst>`,
    styles: `<?xml version="1.0"?><styleSheet xmlns="${MAIN_NS}"><numFmts count="1"><numFmt numFmtId="164" formatCode="${format}"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>`,
  });
}

function texts(grid: WorkbookGrid): unknown[] {
  const s = grid.sheets[0];
  return [s.name, ...s.rows.map((r) => r.map((c) => c && [c.value, c.numFmt ?? null]))];
}

const A = book({
  strings: ["<si><t>UBND xã An Bình</t></si>", "<si><t>Số liệu</t></si>", "<si/>", "<si><t>ab</t></si>", "<si><t>x &amp; y</t></si>"],
});
const B = book({
  sheetName: "Biểu mẫu",
  // item 0 differs; item 2 is no longer empty; item 3 starts as A's did but goes on; item 4 same text, other escape
  strings: [
    "<si><t>UBND xã Bình Minh</t></si>",
    "<si><t>Số liệu</t></si>",
    "<si><t>mới</t></si>",
    "<si><t>ab</t><r><t>c</t></r></si>",
    "<si><t>x &#38; y</t></si>",
  ],
  format: "0.0%",
});

test("shared strings, sheet names and formats read as written, whatever file came before", () => {
  const expectA = [
    "Biểu",
    [
      ["UBND xã An Bình", null],
      [0.5, "0.00%"],
    ],
    [["Số liệu", null]],
    [["", null]],
    [["ab", null]],
    [["x & y", null]],
  ];
  const expectB = [
    "Biểu mẫu",
    [
      ["UBND xã Bình Minh", null],
      [0.5, "0.0%"],
    ],
    [["Số liệu", null]],
    [["mới", null]],
    [["abc", null]],
    [["x & y", null]],
  ];
  const order = [A, B, A, A, B, B, A];
  for (const bytes of order) {
    const got = texts(readWorkbookGrid(bytes));
    expect(got).toEqual(bytes === A ? expectA : expectB);
  }
});

test("a styles part that differs from the last file's by one character is read again", () => {
  const first = readWorkbookGrid(book({ strings: ["<si><t>một</t></si>"], level: 0 }));
  const second = readWorkbookGrid(book({ strings: ["<si><t>một</t></si>"], format: "0.000%", level: 0 }));
  expect(first.sheets[0].rows[0][1]).toEqual({ value: 0.5, numFmt: "0.00%" });
  expect(second.sheets[0].rows[0][1]).toEqual({ value: 0.5, numFmt: "0.000%" });
});
