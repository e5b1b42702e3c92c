/**
 * Shared strings are read from bytes reusing the last table where the bytes agree (shared-strings.ts).
 * Whatever came before, each part must read exactly as its whole text read from scratch does.
 */
import fc from "fast-check";
import { readSharedStrings, sharedStringsOfText } from "../../src/xlsx/read/shared-strings";
import { decodeXml } from "../../src/xlsx/read/xml-bytes";

const enc = new TextEncoder();
const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="9">';

/** Pieces a part is made of: items of every shape, and what may sit between them. */
const PIECES = [
  "<si><t>UBND xã Số 1</t></si>",
  "<si><t>UBND xã Số 12</t></si>",
  "<si><t>Số liệu</t></si>",
  "<si/>",
  "<si><t/></si>",
  '<si><t xml:space="preserve"> a </t></si>',
  "<si><r><rPr><b/></rPr><t>đậm</t></r><r><t>thường</t></r></si>",
  '<si><t>chữ</t><rPh sb="0" eb="1"><t>フリ</t></rPh></si>',
  "<si><t>x &amp; y &#7855; &lt;</t></si>",
  "<si><t><![CDATA[<a> & b]]></t></si>",
  "<si><t>😀 ký tự ngoài BMP</t></si>",
  "<si><t>_x000D_ dòng</t></si>",
  "<x:si><x:t>tiền tố</x:t></x:si>",
  "<!-- chú thích </si> -->",
  "<?pi nội dung?>",
  "\uFEFF",
  "\n  ",
  "<extLst><ext/></extLst>",
  "<si><t>\uFEFFmở đầu</t></si>",
  // fragments: constructs opened in one piece and closed in another (or never)
  "<!-- mở",
  "đóng -->",
  "<si><t>nửa",
  "</t></si>",
  "<si>",
  "</si>",
  "<x/",
  ">",
  "<",
  "<![CDATA[",
  "]]>",
  "'",
  '"',
];

function part(pieces: number[], cut?: number): Uint8Array {
  const bytes = enc.encode(HEAD + pieces.map((i) => PIECES[i]).join("") + "</sst>");
  return cut === undefined ? bytes : bytes.subarray(0, Math.min(cut, bytes.length));
}

function fromScratch(bytes: Uint8Array): string[] {
  return sharedStringsOfText(decodeXml(bytes));
}

const piece = fc.integer({ min: 0, max: PIECES.length - 1 });
/** An edit of the last part's pieces: replace, insert or delete one, or cut the bytes short. */
const edit = fc.tuple(fc.constantFrom("replace", "insert", "delete", "same", "cut"), fc.nat(), piece, fc.nat(4000));

test("a run of similar parts, each read as if alone (property)", () => {
  fc.assert(
    fc.property(fc.array(piece, { minLength: 0, maxLength: 30 }), fc.array(edit, { minLength: 1, maxLength: 8 }), (start, edits) => {
      let pieces = start;
      let bytes = part(pieces);
      expect(readSharedStrings(bytes)).toEqual(fromScratch(bytes));
      for (const [kind, at, p, cut] of edits) {
        const i = pieces.length ? at % pieces.length : 0;
        if (kind === "replace" && pieces.length) pieces = pieces.map((x, j) => (j === i ? p : x));
        else if (kind === "insert") pieces = [...pieces.slice(0, i), p, ...pieces.slice(i)];
        else if (kind === "delete") pieces = pieces.filter((_x, j) => j !== i);
        bytes = part(pieces, kind === "cut" ? cut : undefined);
        expect(readSharedStrings(bytes)).toEqual(fromScratch(bytes));
      }
    }),
    { numRuns: 1500, seed: 1313 },
  );
});

test("the unit's name differs, a string is added in the middle, the file is the same again", () => {
  const base = [0, 2, 3, 6, 7, 8, 9, 10, 11, 12];
  const a = part(base);
  const b = part([1, ...base.slice(1, 5), 18, ...base.slice(5)]);
  for (const bytes of [a, b, b, a, a, b]) expect(readSharedStrings(bytes)).toEqual(fromScratch(bytes));
  expect(readSharedStrings(b)[5]).toBe("\uFEFFmở đầu");
});

test("invalid UTF-8 reads as the tolerant decoder reads it, and is not kept", () => {
  const good = part([0, 2, 6]);
  const bad = new Uint8Array([...good.subarray(0, good.length - 30), 0xe1, 0x80, 0xff, ...good.subarray(good.length - 30)]);
  for (const bytes of [good, bad, good, bad, bad]) expect(readSharedStrings(bytes)).toEqual(fromScratch(bytes));
});

test("a part with a byte-order mark, UTF-8 or UTF-16", () => {
  const text = HEAD + PIECES.slice(0, 4).join("") + "</sst>";
  const utf8Bom = new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode(text)]);
  const utf16 = new Uint8Array(2 + text.length * 2);
  utf16[0] = 0xff;
  utf16[1] = 0xfe;
  for (let i = 0; i < text.length; i++) ((utf16[2 + 2 * i] = text.charCodeAt(i) & 0xff), (utf16[3 + 2 * i] = text.charCodeAt(i) >> 8));
  for (const bytes of [part([0, 1]), utf8Bom, utf16, part([0, 1]), utf8Bom]) {
    expect(readSharedStrings(bytes)).toEqual(fromScratch(bytes));
  }
  expect(readSharedStrings(utf16)).toEqual(["UBND xã Số 1", "UBND xã Số 12", "Số liệu", ""]);
});

test("the bytes handed in may change afterwards without changing the next read", () => {
  const bytes = part([0, 2, 6]);
  const first = readSharedStrings(bytes);
  const other = part([1, 2, 6]);
  bytes.set(other.subarray(0, bytes.length));
  expect(readSharedStrings(other)).toEqual(fromScratch(other));
  first[1] = "đã sửa"; // a caller that writes into its table does not change the next file's
  expect(readSharedStrings(part([0, 2, 6]))).toEqual(["UBND xã Số 1", "Số liệu", "đậmthường"]);
});
