/**
 * cleanText's quick path (printable ASCII, tab, LF, CR: returned as is) gives what the careful path
 * gives (invalid XML characters removed, NFC, cut at 32,767 units), and the shared-string table
 * (one lookup for text already clean) keeps NFD and NFC spellings in one entry, in first-use order.
 */
import { cleanText, removeInvalid } from "../../src/xlsx/writer/cell-text";
import { SharedStrings } from "../../src/xlsx/writer/shared-strings";

/** The careful path alone. */
function careful(s: string): string {
  let t = removeInvalid(s).normalize("NFC");
  if (t.length > 32767) {
    t = t.slice(0, 32767);
    const last = t.charCodeAt(32766);
    if (last >= 0xd800 && last <= 0xdbff) t = t.slice(0, -1);
  }
  return t;
}

test("every one-character text, ASCII texts with tabs and line breaks, and long ones: what the careful path gives", () => {
  const texts: string[] = [];
  for (let c = 0; c < 0x80; c++) texts.push(String.fromCharCode(c), `a${String.fromCharCode(c)}b`);
  texts.push("xa-0001.xlsx", "2025-04-01T08:00:00.000Z", "e3b0c44298fc1c149afbf4c8996fb924", "a\tb\nc\r\nd", "  hai  dấu cách", "");
  texts.push("Xã Đông Hòa", "Xa\u0303 Đông Hòa", "x\uD800y", "\uFFFE", "A".repeat(32767), "A".repeat(32768), "A".repeat(32766) + "😀");
  for (const s of texts) expect(cleanText(s)).toBe(careful(s));
  expect(cleanText("a\u0001b")).toBe("ab");
  expect(cleanText("A".repeat(40000))).toHaveLength(32767);
});

test("the table: clean text once, a raw spelling beside its clean entry, empty text none", () => {
  const t = new SharedStrings();
  expect(["xa-1.xlsx", "Xa\u0303", "Xã", "xa-1.xlsx", "", "a\u0001b", "ab", "Xa\u0303"].map((s) => t.index(s))).toEqual([
    0, 1, 1, 0, -1, 2, 2, 1,
  ]);
  expect(t.references).toBe(7);
  expect(t.xml()).toContain("<si><t>xa-1.xlsx</t></si><si><t>Xã</t></si><si><t>ab</t></si></sst>");
});
