/**
 * The sheet scanner reads the commonest cell spellings by a quick path (cell-xml.ts `plain`) and
 * everything else by the general rules (`careful`); rows likewise (`findAttrPlain`, else `findAttr`).
 * The same cells and rows spelt both ways must read alike.
 */
import fc from "fast-check";
import { SheetScanner } from "../../src/xlsx/read/sheet-scanner";

const SST = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"];
const FMTS = [undefined, "0.00%", "#,##0", undefined, "0.0"];

function scan(xml: string) {
  const scanner = new SheetScanner({ maxRows: 5000, sst: SST, fmts: FMTS, cellsLeft: 200_000 }, 200_000);
  try {
    scanner.feed(xml, true);
    return scanner.finish("Biểu", "visible");
  } catch (e) {
    return { error: String(e) };
  }
}

/** As `scan`, the text's bytes given too (the text ASCII): the quick paths read the bytes. */
function scanBytes(xml: string) {
  const bytes = new TextEncoder().encode(xml);
  expect(bytes.length).toBe(xml.length);
  const scanner = new SheetScanner({ maxRows: 5000, sst: SST, fmts: FMTS, cellsLeft: 200_000 }, 200_000);
  try {
    scanner.feed(xml, true, bytes);
    return scanner.finish("Biểu", "visible");
  } catch (e) {
    return { error: String(e) };
  }
}

/** The text made ASCII: every other char as a character reference (the same for both readings). */
function ascii(xml: string): string {
  return xml.replace(/[^\x00-\x7f]/gu, (c) => `&#${c.codePointAt(0)};`);
}

interface CellSpec {
  attrs: [string, string][];
  body: string | null; // null: "/>"
}

const value = fc.constantFrom(
  "0",
  "7",
  " 3 ",
  "12",
  "-12",
  "1.5E3",
  "0.25",
  "",
  "x &amp; y",
  "#DIV/0!",
  "TRUE",
  "1",
  "2025-01-31",
  "99999999999999999",
  // digits only, read to a number by the quick path over bytes (cell-xml.ts vNum): leading zeros, 15 and 16 digits, an index past the table
  "007",
  "010",
  "123456789012345",
  "1234567890123456",
);
const attr = fc.oneof(
  fc.tuple(
    fc.constant("r"),
    fc.constantFrom(
      "A1",
      "B1",
      "C2",
      "AA3",
      "b4",
      "A0",
      "$A$1",
      "XFE1",
      "A",
      "1",
      "ABCD1",
      "A12345678",
      "A1234567",
      "AAA1048576",
      "A1048577",
      "Ă1",
      "A1 ",
      " A1",
      "a1b",
      "@1",
      "[1",
    ),
  ),
  fc.tuple(fc.constant("s"), fc.constantFrom("0", "1", "2", "4", "9", " 1", "x", "")),
  fc.tuple(fc.constant("t"), fc.constantFrom("s", "n", "str", "b", "e", "d", "inlineStr", "x", "")),
);
const body = fc.oneof(
  fc.constant(null),
  fc.constant(""),
  value.map((v) => `<v>${v}</v>`),
  value.map((v) => `<f>A1+1</f><v>${v}</v>`),
  fc.constant("<is><t>chữ</t></is>"),
);
const cell: fc.Arbitrary<CellSpec> = fc.record({ attrs: fc.array(attr, { maxLength: 4 }), body });

/** As writers spell it: one space before each attribute, double quotes. */
function plain(c: CellSpec): string {
  const a = c.attrs.map(([k, v]) => ` ${k}="${v}"`).join("");
  return c.body === null ? `<c${a}/>` : `<c${a}>${c.body}</c>`;
}

/** The same cell spelt otherwise: single quotes, tabs and spaces, spaces before '>'. */
function unusual(c: CellSpec): string {
  const a = c.attrs.map(([k, v]) => `\t${k} = '${v}' `).join("");
  const b = c.body === null ? null : c.body.replace("<v>", "<v >").replace("</v>", "</v >");
  return b === null ? `<c ${a} />` : `<c ${a} >${b}</c >`;
}

interface RowSpec {
  attrs: [string, string][];
  cells: CellSpec[];
}

const rowAttr = fc.oneof(
  fc.tuple(fc.constant("r"), fc.constantFrom("1", "2", "3", "7", "0", "x", " 4 ", "")),
  fc.tuple(fc.constantFrom("spans", "ht", "x14ac:dyDescent", "customFormat", "rr"), fc.constantFrom("1:5", "0.25", "1", "a>b")),
);
const row: fc.Arbitrary<RowSpec> = fc.record({ attrs: fc.array(rowAttr, { maxLength: 4 }), cells: fc.array(cell, { maxLength: 6 }) });

function sheet(rows: RowSpec[], spell: (c: CellSpec) => string, unusualRows = false): string {
  const body = rows
    .map((r) => {
      const a = r.attrs.map(([k, v]) => (unusualRows ? `\n${k} ='${v}'` : ` ${k}="${v}"`)).join("");
      return `<row${a}${unusualRows ? " " : ""}>${r.cells.map(spell).join("")}</row>`;
    })
    .join("");
  return `<worksheet><sheetData>${body}</sheetData><mergeCells><mergeCell ref="A1:B2"/></mergeCells></worksheet>`;
}

test("cells and rows spelt as writers do and spelt otherwise read alike (property)", () => {
  fc.assert(
    fc.property(fc.array(row, { minLength: 1, maxLength: 5 }), (rows) => {
      const careful = scan(sheet(rows, unusual, true));
      expect(scan(sheet(rows, plain))).toEqual(careful);
      // both paths in turn: what one path leaves in the record must not leak into the other's cell
      let i = 0;
      expect(scan(sheet(rows, (c) => (i++ % 2 ? unusual(c) : plain(c))))).toEqual(careful);
    }),
    { numRuns: 3000, seed: 1313 },
  );
});

test("the quick paths read an ASCII text's bytes as they read its chars, whole or cut anywhere (property)", () => {
  fc.assert(
    fc.property(fc.array(row, { minLength: 1, maxLength: 5 }), fc.nat(), fc.boolean(), (rows, cut, odd) => {
      let i = 0;
      const xml = ascii(sheet(rows, odd ? (c) => (i++ % 2 ? unusual(c) : plain(c)) : plain, odd));
      expect(scanBytes(xml)).toEqual(scan(xml));
      const part = xml.slice(0, cut % (xml.length + 1));
      expect(scanBytes(part)).toEqual(scan(part));
    }),
    { numRuns: 3000, seed: 1314 },
  );
});

test("the quick path's shapes, read", () => {
  const got = scan(
    sheet(
      [
        {
          attrs: [["r", "1"]],
          cells: [
            {
              attrs: [
                ["r", "A1"],
                ["s", "1"],
                ["t", "s"],
              ],
              body: "<v>3</v>",
            },
            { attrs: [["r", "B1"]], body: "<v>-12</v>" },
            {
              attrs: [
                ["r", "C1"],
                ["s", "2"],
              ],
              body: null,
            },
            {
              attrs: [
                ["r", "D1"],
                ["t", "e"],
              ],
              body: "<v>#DIV/0!</v>",
            },
            {
              attrs: [
                ["r", "E1"],
                ["t", "b"],
              ],
              body: "<v>1</v>",
            },
            {
              attrs: [
                ["r", "F1"],
                ["s", "4"],
              ],
              body: "<v>0.25</v>",
            },
            {
              attrs: [
                ["r", "G1"],
                ["t", "str"],
              ],
              body: "<v>a &amp; b</v>",
            },
            { attrs: [["r", "H1"]], body: "" },
          ],
        },
      ],
      plain,
    ),
  );
  expect(got).toMatchObject({
    rows: [
      [
        { value: "ba", numFmt: "0.00%" },
        { value: -12 },
        undefined,
        { value: null, error: "#DIV/0!" },
        { value: true },
        { value: 0.25, numFmt: "0.0" },
        { value: "a & b" },
      ],
    ],
    maxCol: 7,
  });
});

test("rows, end tags and cells the byte loop tells at once read as the general rules read them", () => {
  const cells = '<c r="A1" t="s"><v>1</v></c><c r="B1"><v>42</v></c>';
  const sheets = [
    `<worksheet><sheetData><row r="1">${cells}</row></sheetData></worksheet>`,
    // a prefix, other names starting like row / c, a row without attributes, a self-closed row, comments and text between
    `<x:worksheet><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>1</x:v></x:c></x:row><rows r="2">${cells}</rows></x:sheetData></x:worksheet>`,
    `<worksheet><sheetData><row>${cells}</row><row/><row r="3"/><rowx r="9">${cells}</rowx><row\tr="5">${cells}</row></sheetData></worksheet>`,
    `<worksheet><sheetData> <row r="2" spans="1:2">\n<!-- c --><c r="A2"><v>7</v></c> <cx r="B2"><v>8</v></cx></row ><r r="4"/></sheetData></worksheet>`,
    // </row> spelt otherwise, and end tags that look like it
    `<worksheet><sheetData><row r="1">${cells}</rowx><row r="2">${cells}</r><c r="C2"><v>5</v></c></row><row r="3">${cells}</row\n></sheetData></worksheet>`,
    // a row or cell tag outside sheetData, and one cut off at the end
    `<worksheet><row r="1">${cells}</row><c r="A1"><v>3</v></c><sheetData><row r="7">${cells}</row><row `,
    `<worksheet><sheetData><row r="7">${cells}</row><c`,
    `<worksheet><sheetData><row r="7">${cells}</row><`,
    `<worksheet><sheetData><row r="7">${cells}</row></`,
  ];
  for (const xml of sheets) {
    const got = scanBytes(xml);
    expect(got).toEqual(scan(xml));
    expect(got).not.toHaveProperty("error");
  }
});

test("tags around the sheet data and merged ranges read from the bytes as the general rules read them", () => {
  const data = '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>';
  const merges = [
    '<mergeCell ref="A1:B2"/>',
    '<mergeCell ref="C3:A1"/>',
    '<mergeCell ref="a1:b3"/>',
    '<mergeCell ref="XFD1048576:AAA7"/>',
    '<mergeCell ref="$A$1:B2"/>',
    '<mergeCell ref="A0:B2"/>',
    '<mergeCell ref="A1"/>',
    '<mergeCell ref="A1:B"/>',
    '<mergeCell ref="ABCD1:B2"/>',
    '<mergeCell ref="A12345678:B1"/>',
    '<mergeCell ref="A1:B2:C3"/>',
    '<mergeCell ref="A1:B2" x="1"/>',
    '<mergeCell ref="A1:B2" />',
    '<mergeCell ref="A1:B2"></mergeCell>',
    "<mergeCell ref='A1:B2'/>",
    '<mergeCell  ref="A1:B2"/>',
    '<x:mergeCell ref="D4:E5"/>',
    '<mergeCell ref=" A1:B2"/>',
  ];
  const sheets = [
    `<worksheet><sheetViews><sheetView a="x>y" b='<c r="A9"'/></sheetViews><cols><col min="1" w='>'/></cols>${data}<mergeCells>${merges.join("")}</mergeCells></worksheet>`,
    ...merges.map((m) => `<worksheet>${data}<mergeCells>${m}</mergeCells></worksheet>`),
    // cut off inside a tag, a quoted value, a merged range
    `<worksheet><sheetView a="x>y`,
    `<worksheet><sheetView a='x`,
    `<worksheet>${data}<mergeCells><mergeCell ref="A1:B2"`,
    `<worksheet>${data}<mergeCells><mergeCell ref="A1:B`,
  ];
  for (const xml of sheets) expect(scanBytes(xml)).toEqual(scan(xml));
  expect(scanBytes(sheets[0])).toMatchObject({ rows: [[{ value: 1 }]] });
  expect((scanBytes(sheets[0]) as { merges: unknown[] }).merges).toContainEqual({ top: 1, left: 1, bottom: 3, right: 3 });
});
