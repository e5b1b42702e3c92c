/**
 * Inline strings (`<c t="inlineStr"><is>…</is></c>`) already read, by their XML as written. openpyxl
 * writes every text inline, each Vietnamese letter as "&#7889;", and units copy one template: the same
 * labels come back in every file, and reading them again was most of reading such a workbook.
 */
import { readRichText, scanned } from "./xml-scan";

const TEXTS = new Map<string, string>();
const LIMIT = 20_000;
/** Longer texts (a pasted paragraph) are read each time: they seldom recur. */
const MAX_XML_LENGTH = 2000;
const CLOSE = "</is>";

/**
 * Reads the content of an `<is>` whose start tag ended at k, as `readRichText` does (scanned.text set,
 * the index after `</is>` returned, -1 if cut off). `plainTag`: the element was written `<is>`, without a
 * namespace prefix, so its end is the first "</is>" — checked once, when the text is first read.
 */
export function readInlineText(s: string, k: number, plainTag: boolean): number {
  const close = plainTag ? s.indexOf(CLOSE, k) : -1;
  if (close < 0 || close - k > MAX_XML_LENGTH) return readRichText(s, k);
  const xml = s.slice(k, close);
  const known = TEXTS.get(xml);
  if (known !== undefined) {
    scanned.text = known;
    return close + CLOSE.length;
  }
  const end = readRichText(s, k);
  // Remembered only when the full reading ended at that first "</is>" (not, say, inside a CDATA section):
  // the same XML then always reads the same. Copies, so the table never keeps a file's XML alive.
  if (end === close + CLOSE.length) {
    const text = copyText(scanned.text);
    if (TEXTS.size >= LIMIT) TEXTS.clear();
    TEXTS.set(copyText(xml), text);
    scanned.text = text;
  }
  return end;
}

/** A copy sharing no memory with `text` (a slice would keep the whole sheet's XML alive). */
function copyText(text: string): string {
  return ` ${text}`.slice(1);
}
