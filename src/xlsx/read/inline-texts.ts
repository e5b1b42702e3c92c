/**
 * Inline strings (`<c t="inlineStr"><is>…</is></c>`) of the last workbook read, in the order they came.
 * openpyxl writes every text inline, each Vietnamese letter as "&#7889;", and units copy one template:
 * the n-th inline string of a file is nearly always written exactly as the n-th of the previous file.
 * One comparison of the XML then replaces the reading (measured on 3,321 openpyxl workbooks: the reader
 * took 2.8 s, a table keyed by the XML 0.8 s, this 0.4 s — hashing each XML text cost more than the compare).
 */
import { copyText } from "../../core/detach";
import type { Cell } from "../../core/grid";
import { readRichText, scanned } from "./xml-scan";

/** The XML of each inline string as written (from after `<is>` to after its end tag), and its text. */
const xmls: string[] = [];
const texts: string[] = [];
const LIMIT = 100_000;
/** Longer texts (a pasted paragraph) are read each time: they seldom recur. */
const MAX_XML_LENGTH = 2000;

/**
 * The shared value-only cell of each remembered text (texts[j], finished), made the first time such
 * a cell holds it: frozen like sheet-scanner.ts's shared cells, and forgotten when texts[j] changes.
 */
const cells: (Cell | undefined)[] = [];

/** After `readInlineText`: the place of its text in the table (scanned.text is texts[at]), -1 when not kept there. */
export const inlineRead = { at: -1 };

/** Which inline string of the sheet this is, and where the last one began. */
let ordinal = 0;
let lastStart = -1;

/**
 * Reads the content of an `<is>` whose start tag ended at k, as `readRichText` does: scanned.text set,
 * the index after the end tag returned, -1 if cut off. When the same XML stands at the same place in the
 * previous file, its text is the one read then (the reading depends on nothing but that XML).
 */
export function readInlineText(s: string, k: number): number {
  if (k <= lastStart) ordinal = 0; // a new sheet: places count from its start (only a hint: the compare decides)
  lastStart = k;
  const j = ordinal++;
  const known = xmls[j];
  if (known !== undefined && s.slice(k, k + known.length) === known) {
    scanned.text = texts[j]!;
    inlineRead.at = j;
    return k + known.length;
  }
  inlineRead.at = -1;
  const end = readRichText(s, k);
  if (end > 0 && j < LIMIT && end - k <= MAX_XML_LENGTH) {
    // Copies: the table never keeps a file's XML alive.
    xmls[j] = copyText(s.slice(k, end));
    texts[j] = copyText(scanned.text);
    cells[j] = undefined;
    scanned.text = texts[j];
    inlineRead.at = j;
  }
  return end;
}

/**
 * The frozen value-only cell holding the finished text texts[at] (`inlineRead.at` of the cell's
 * reading): the one made before while texts[at] is unchanged, else made now by `finish`.
 */
export function inlineCell(at: number, finish: (text: string) => string): Cell {
  return (cells[at] ??= Object.freeze({ value: finish(texts[at]!) }));
}
