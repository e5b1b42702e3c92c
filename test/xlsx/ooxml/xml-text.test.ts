/**
 * The entity decoder is a hand-written loop (for speed on writers that escape every Vietnamese
 * letter): it must read exactly what the XML rule, written as a regular expression, reads.
 */
import { decodeEntities } from "../../../src/xlsx/ooxml/xml-text";

/** The rule as a regular expression: the reference the loop is held to. */
function reference(s: string): string {
  const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
  return s.replace(/&(?:(amp|lt|gt|quot|apos)|#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6}));/g, (m, name, dec, hex) => {
    if (name) return named[name];
    const cp = dec !== undefined ? parseInt(dec, 10) : parseInt(hex, 16);
    if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return m;
    return String.fromCodePoint(cp);
  });
}

test("what openpyxl writes for Vietnamese labels is read as the letters", () => {
  expect(decodeEntities("Qu&#253; I n&#259;m 2025")).toBe("Quý I năm 2025");
  expect(decodeEntities("S&#7889; li&#7879;u &amp; &lt;ghi ch&#xFA;&gt;")).toBe("Số liệu & <ghi chú>");
  expect(decodeEntities("&#128512;")).toBe("😀");
});

test("what is no entity stays as written", () => {
  for (const s of [
    "&",
    "&;",
    "&#;",
    "&#x;",
    "&#0;",
    "&#xD800;",
    "&#x110000;",
    "&#12345678;",
    "&#00000065;",
    "&#x0000041;",
    "&AMP;",
    "&amp",
    "a & b",
    "&#x1234567;",
    "&#12a;",
  ])
    expect(decodeEntities(s)).toBe(s);
  const plain = "không có thực thể";
  expect(decodeEntities(plain)).toBe(plain);
});

test("the loop reads every mix of entities, near-entities and text as the regular expression does", () => {
  const pieces = [
    "&",
    "#",
    "x",
    "X",
    ";",
    "amp",
    "lt",
    "quot",
    "apos",
    "gt",
    "0",
    "7",
    "9",
    "12",
    "65",
    "1234567",
    "0000",
    "d800",
    "FFFF",
    "10ffff",
    "110000",
    "a",
    "é",
    "ắ",
    " ",
    "&#",
    "&#x",
  ];
  let seed = 12345;
  const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed / 0x7fffffff);
  for (let i = 0; i < 20000; i++) {
    let s = "";
    const n = 1 + Math.floor(random() * 12);
    for (let k = 0; k < n; k++) s += pieces[Math.floor(random() * pieces.length)];
    expect(decodeEntities(s)).toBe(reference(s));
  }
});
