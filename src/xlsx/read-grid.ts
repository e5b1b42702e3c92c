/**
 * Read-only .xlsx reader: bytes → WorkbookGrid, synchronous and pure (no fs), built for
 * consolidating thousands of small workbooks quickly and for surviving whatever a unit sends in.
 *
 * The parts, in the order the bytes meet them (src/xlsx/read/):
 * - sniff.ts: the first bytes; an .xls, an encrypted file or another format refused by name.
 * - zip-parts.ts: the zip directory (ooxml/zip-directory.ts) and bounded inflation of the few parts
 *   needed (workbook, rels, styles, shared strings, worksheets); large worksheets are streamed.
 * - xml-scan.ts: hand-written XML scanning (tags, attributes, text, DOCTYPE skipping).
 * - workbook-parts.ts, styles.ts, shared-strings.ts: the workbook's sheets, number formats, strings.
 * - sheet-scanner.ts (with cell-xml.ts, cell-value.ts, shared-formulas.ts): cells, merges, formulas.
 *
 * Measured on node 20.20 on the 2-core dev machine:
 * - scanning the 7 worksheets of the exceljs-written bnv581-xa form (1000 in-memory reads, median of
 *   5): saxes (minimal handlers) 0.99 ms/file, this scanner 0.21 ms/file;
 * - the bench's content-located set (1000 exceljs workbooks, one stacked sheet, shared strings),
 *   file read + whole read, CPU, median of 9: 0.146 ms/file against 0.074 ms/file for the bench's
 *   floor (file read, zip directory, zlib inflation of the sheet and shared strings, counting "<c "):
 *   2.0×; 2.7× (0.203 ms/file) before the template-copy reuse in shared-strings.ts and ZipParts.parsed;
 * - the same set at 3,321 workbooks, node/read-file.ts readFileBounded + this, one thread, CPU, 9
 *   rounds interleaved with the floor: min 380 / median 473 ms against 254 / 294 ms (1.5× / 1.6×);
 *   572 / 645 ms (2.25× / 2.2×) before shared strings read from bytes (only what differs from the
 *   last table decoded), the quick paths for cells and rows as writers spell them (cell-xml.ts
 *   `plain`, xml-scan.ts `findAttrPlain`), one read per file and entry names taken from the last
 *   zip directory (issue 13);
 * - one pass over 3,321 files (file read + this, warm-up included, CPU, 5 rounds interleaved, loaded
 *   machine), min / median: content set 408 / 442 ms, openpyxl set 437 / 495 ms, marker set
 *   777 / 801 ms; 523 / 540, 640 / 647, 1016 / 1040 ms before one kept zlib engine and output
 *   buffer (read/node-inflate.ts), the quick paths reading an ASCII sheet's bytes, inline strings'
 *   cells shared from file to file (read/inline-texts.ts) (issue 13).
 */
import type { SheetGrid, WorkbookGrid } from "../core/grid";
import { corrupt, ReadError } from "./read/errors";
import { readSharedStrings } from "./read/shared-strings";
import { type SheetContext, SheetScanner } from "./read/sheet-scanner";
import { sniff } from "./read/sniff";
import { parseStyles } from "./read/styles";
import { readOrigin, workbookParts } from "./read/workbook-parts";
import { decodeXml, NODE_ASCII_TEXT, NODE_IS_ASCII } from "./read/xml-bytes";
import { ZipParts } from "./read/zip-parts";

export { ReadError, type ReadErrorReason } from "./read/errors";
export { translateFormula } from "./read/shared-formulas";

export interface ReadOptions {
  /** Stop reading a sheet after this many rows (forms have < 500 rows); default 5000. Sets truncatedAtRow. */
  maxRows?: number;
  /** Stop after this many cells in the whole workbook; default 200_000. */
  maxCells?: number;
  /** Refuse entries whose uncompressed size exceeds this (zip bombs); default 100 MB total. */
  maxUncompressedBytes?: number;
  /**
   * Inflater for whole parts: "auto" (default) uses Node's built-in zlib when
   * running under Node (about 3× faster than fflate on these small parts) and
   * fflate elsewhere; "fflate" forces fflate (tests, benchmarks). Large
   * worksheets are always streamed through fflate.
   */
  inflater?: "auto" | "fflate";
}

const DEFAULT_MAX_ROWS = 5000;
const DEFAULT_MAX_CELLS = 200_000;
const DEFAULT_MAX_BYTES = 100 * 1024 * 1024;
/** Worksheets declared larger than this are inflated and scanned incrementally. */
const STREAM_SHEET_BYTES = 2 * 1024 * 1024;

/**
 * Reads an .xlsx workbook from memory. Throws ReadError (only) on bad input.
 *
 * - Sheets: worksheets in workbook order (chart and macro sheets are skipped).
 * - Cells: those with a value, a formula or an error; formatting-only blanks
 *   (merged areas, bordered empty inputs) are not cells. Empty rows are [].
 * - Shared-formula dependents get the master's text moved to their position
 *   ("(shared)" if the master was never seen).
 * - truncatedAtRow = N: rows 1..N are complete, later rows were not read
 *   (maxRows reached, or maxCells spent — then the row being read is dropped
 *   and later sheets come back with no cells, truncated before their first
 *   one: usually truncatedAtRow 0). Rows past
 *   maxRows that hold only formatting do not count. When a streamed (very
 *   large) sheet is cut short its merges, which follow the cells, are lost.
 */
export function readWorkbookGrid(data: Uint8Array, options: ReadOptions = {}): WorkbookGrid {
  try {
    return readInner(data, options);
  } catch (e) {
    if (e instanceof ReadError) throw e;
    if (e instanceof RangeError && /memory|allocation|Invalid (typed )?array length|string length/i.test(e.message)) {
      throw new ReadError("too-large", "tệp quá lớn để đọc (không đủ bộ nhớ)");
    }
    const code = (e as { code?: unknown } | null)?.code;
    const detail = typeof code === "number" ? "dữ liệu nén bị lỗi" : "cấu trúc tệp không đọc được";
    throw corrupt(detail);
  }
}

function limit(value: number | undefined, fallback: number, min: number): number {
  return value === undefined || Number.isNaN(value) ? fallback : Math.max(min, Math.floor(value));
}

function readInner(data: Uint8Array, options: ReadOptions): WorkbookGrid {
  if (!(data instanceof Uint8Array)) throw corrupt("dữ liệu vào không phải dãy byte");
  if (data.length === 0) throw new ReadError("empty", "tệp rỗng (0 byte)");
  sniff(data);
  const zip = new ZipParts(data, limit(options.maxUncompressedBytes, DEFAULT_MAX_BYTES, 0), options.inflater);
  const maxRows = limit(options.maxRows, DEFAULT_MAX_ROWS, 1);
  const cellsLeft = limit(options.maxCells, DEFAULT_MAX_CELLS, 0);
  const parts = workbookParts(zip);
  const fmts = parts.styles ? zip.parsed(parts.styles, "styles", parseStyles) : [];
  const sst = parts.sharedStrings ? readSharedStrings(zip.inflate(parts.sharedStrings)) : [];
  const ctx: SheetContext = { maxRows, sst, fmts, cellsLeft };

  const out: SheetGrid[] = [];
  const sheets = parts.sheets;
  // Each later sheet keeps a share of the cell budget: a huge sheet before the forms
  // (a pasted data dump) is cut short, with a note, and never hides the forms after it.
  const reserve = Math.min(20_000, Math.floor(ctx.cellsLeft / (2 * sheets.length)));
  for (const [i, s] of sheets.entries()) {
    const scanner = new SheetScanner(ctx, ctx.cellsLeft - reserve * (sheets.length - i - 1));
    // With the cell budget spent, a sheet stops at its first cell.
    if (s.entry.size > STREAM_SHEET_BYTES && s.entry.method === 8) zip.stream(s.entry, scanner);
    else {
      const bytes = zip.inflate(s.entry);
      // ASCII (markup, numbers, shared-string indexes, &#NNNN; entities): the scanner's quick paths read
      // the bytes, and the text is the bytes copied (no UTF-8 decoding needed).
      const ascii = NODE_IS_ASCII?.(bytes) === true;
      scanner.feed(ascii && NODE_ASCII_TEXT ? NODE_ASCII_TEXT(bytes) : decodeXml(bytes), true, ascii ? bytes : undefined);
    }
    out.push(scanner.finish(s.name, s.state));
  }
  const origin = readOrigin(zip, parts.workbookXml);
  return origin ? { sheets: out, origin } : { sheets: out };
}
