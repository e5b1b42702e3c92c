/**
 * Cells written one by one (XCell: the ranking, check and sources sheets) are written four bytes at
 * a time (writer/cell-words.ts): the bytes must be the plain serialization, spelled out here
 * independently, for every length of row number, column letters, style number and value.
 */
import { unzipSync } from "fflate";
import { columnLetters } from "../../src/core/a1";
import { XlsxWriter, type XCell, type XValue } from "../../src/xlsx/fast-writer";

const NUMBERS = [0, -0, 7, 42, 9999, 10000, 65536, 4294967295, 4294967296, -1, 0.5, 123.456, 1e21, 1e-7, -1.5e-308, 2 ** 53];

/** `<c …>` as the format spells it: the reference the writer must match. */
function spelled(row: number, col: number, style: number, v: XValue, sharedIndex?: number): string {
  const r = `${columnLetters(col)}${row}`;
  const s = style ? ` s="${style}"` : "";
  if (v === null) return `<c r="${r}"${s}/>`;
  if (typeof v === "boolean") return `<c r="${r}"${s} t="b"><v>${v ? 1 : 0}</v></c>`;
  if (typeof v === "string") return `<c r="${r}"${s} t="s"><v>${sharedIndex}</v></c>`;
  return `<c r="${r}"${s}><v>${String(v)}</v></c>`;
}

test("numbers, booleans, texts and styled blanks at rows of 1–7 digits, columns of 1–3 letters, styles of 1–3 digits", () => {
  const w = new XlsxWriter({ created: new Date("2025-03-31T08:00:00Z"), level: 0 });
  const styles = [0, ...Array.from({ length: 130 }, (_, i) => w.style({ size: 6 + (i % 60), bold: i >= 60, italic: i >= 120 }))];
  const sheet = w.addSheet("A");
  const expected: string[] = [];
  const texts = new Map<string, number>();
  [1, 9, 10, 345, 6789, 54321, 987654, 1048576].forEach((row, k) => {
    const cols = [1, 2, 26, 27, 702, 703, 16384];
    const values: XValue[] = [NUMBERS[k], NUMBERS[k + 8], true, false, `chữ ${k}`, null, `chữ ${k % 3}`];
    const style = styles[[0, 1, 9, 10, 99, 100, 130, 5][k]];
    const cells: XCell[] = cols.map((col, i) => ({ col, value: values[i], style: values[i] === null ? style || 1 : style }));
    sheet.row(row, cells);
    const xml = cells.map((c) => {
      const text = typeof c.value === "string" ? c.value : undefined;
      if (text !== undefined && !texts.has(text)) texts.set(text, texts.size);
      return spelled(row, c.col, c.style ?? 0, c.value, text === undefined ? undefined : texts.get(text));
    });
    expected.push(`<row r="${row}">${xml.join("")}</row>`);
  });
  const out = new TextDecoder().decode(unzipSync(w.finish())["xl/worksheets/sheet1.xml"]);
  const rows = out.slice(out.indexOf("<sheetData>") + 11, out.indexOf("</sheetData>"));
  expect(rows).toBe(expected.join(""));
});

test("a row's start tag and its cells' row number: written byte by byte without options, from text with them (every digit count)", () => {
  const w = new XlsxWriter({ created: new Date("2025-03-31T08:00:00Z"), level: 0 });
  const bold = w.style({ bold: true });
  const sheet = w.addSheet("A");
  const expected: string[] = [];
  for (const first of [1, 10, 100, 1000, 10000, 100000, 1000000, 1048574]) {
    const ways: [number, { height?: number; style?: number } | undefined, string][] = [
      [first, undefined, ""],
      [first + 1, {}, ""],
      [first + 2, { height: 20, style: bold }, ` ht="20" customHeight="1" s="${bold}" customFormat="1"`],
    ];
    for (const [row, options, attributes] of ways) {
      sheet.row(
        row,
        [
          { col: 1, value: row },
          { col: 28, value: null, style: bold },
          { col: 703, value: true },
        ],
        options,
      );
      expected.push(
        `<row r="${row}"${attributes}><c r="A${row}"><v>${row}</v></c><c r="AB${row}" s="${bold}"/><c r="AAA${row}" t="b"><v>1</v></c></row>`,
      );
    }
  }
  const out = new TextDecoder().decode(unzipSync(w.finish())["xl/worksheets/sheet1.xml"]);
  expect(out.slice(out.indexOf("<sheetData>") + 11, out.indexOf("</sheetData>"))).toBe(expected.join(""));
});
