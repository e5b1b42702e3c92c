/**
 * A small, fast .xlsx writer: SpreadsheetML written directly as bytes, for
 * workbooks far larger than exceljs handles quickly (the province
 * consolidation: 7 detail sheets × ~113 rows × 3,321 unit columns ≈ 2.6 M
 * cells, plus a few formatted sheets). Runs in Node and in the browser (no fs,
 * no Buffer).
 *
 * How it works:
 * - Everything before <sheetData> is known when a sheet is added, except the
 *   <dimension>, which gets a blank-padded slot filled in at the end. Rows are
 *   then serialized straight into one growable byte buffer per open sheet
 *   (ASCII written by hand, text through TextEncoder.encodeInto); no per-cell
 *   objects are kept. Text cells go to one shared-string table (deduplicated,
 *   NFD and NFC spellings share an entry), so a text cell costs the bytes of a
 *   number.
 * - When a sheet ends (end(), or finish()), its part is compressed and only
 *   the compressed bytes are kept; the buffer is reused by the next sheet, so
 *   its pages are touched once. Peak memory ≈ one sheet's XML (×2 while the
 *   buffer grows) plus the compressed workbook.
 * - Compression: Node's built-in zlib when running under Node ≥ 20.16
 *   (`process.getBuiltinModule`, invisible to bundlers: ~7× faster than fflate
 *   at level 1 on these parts), fflate elsewhere (writer/deflate.ts). Parts are
 *   compressed in one shot, so sizes and CRCs are known up front; the zip is
 *   written by ooxml/zip-write.ts (no data descriptors, no zip64), and
 *   [Content_Types].xml comes first. With `background` (Node), a big sheet
 *   is compressed in zlib's thread pool while the next sheets are written
 *   (its buffer is then not reused); finishAsync() waits for them: the same
 *   bytes, the compression off the main thread.
 *
 * Where things are: writer/sheet-writer.ts (rows into bytes), writer/sheet-xml.ts
 * (a sheet's XML around its rows), writer/styles.ts, writer/shared-strings.ts,
 * writer/package-parts.ts (content types, relationships, docProps, workbook.xml,
 * drawings), writer/cell-text.ts (text as stored, names, colors).
 *
 * Decisions:
 * - Text is always text: a string value is a shared-string cell even when it
 *   starts with "=", "+", "-" or "@"; only `{ formula }` writes <f>. Text is
 *   NFC-normalized, characters XML 1.0 cannot hold are removed, "\r" and a
 *   literal "_xHHHH_" are escaped the OOXML way (_x000D_, _x005F_xHHHH_) so
 *   readers give back exactly the text, and it is cut at 32,767 UTF-16 units
 *   (Excel's limit). An empty string is an empty cell.
 * - Numbers: finite only. NaN or ±Infinity throws XlsxWriteError naming the
 *   sheet and cell (a silent blank would hide a bug in a total). Written as
 *   JavaScript's shortest round-trip form (`String(n)`; "1e-7" is a valid
 *   xsd:double that Excel and LibreOffice read).
 * - Formulas: `{ formula: "SUM(B2:B9)" }` (a leading "=" is dropped). With a
 *   finite number / string / boolean `result` a cached value is written,
 *   otherwise none; workbook.xml asks for a full recalculation on load.
 * - A cell with a style but no value is written as a styled blank (borders of
 *   empty inputs); a cell with neither is skipped.
 * - Rows and columns are 1-based, like SheetGrid; `columns[0]` is column A.
 *
 * Measured on node 20.20, 2-core dev machine: 7 sheets × 113 rows × 3,321
 * styled numbers + a SUM per row (2.63 M cells, 86 MB of XML, 12.5 MB .xlsx),
 * building the caller's cell objects included: ~0.6 s and 100–115 MB peak
 * RSS (an idle node: 40 MB) with Node's zlib, ~1.4 s with fflate; exceljs'
 * streaming WorkbookWriter takes 13 s unstyled, 20 s with the same styles.
 */

import { dosDateTime, writeZip, ZipSizeError, type ZipWriteEntry } from "./ooxml/zip-write";
import { utf8 } from "./writer/bytes";
import { cleanText, validateSheetName } from "./writer/cell-text";
import { pickDeflater, type Deflater } from "./writer/deflate";
import {
  appPropsXml,
  contentTypesXml,
  corePropsXml,
  customPropsXml,
  drawingFiles,
  drawingParts,
  rootRelsXml,
  workbookParts,
} from "./writer/package-parts";
import { SharedStrings } from "./writer/shared-strings";
import { BLOCK, SheetWriter, type PendingPart, type SheetHost, type SheetPart } from "./writer/sheet-writer";
import { StyleTable } from "./writer/styles";
import { XText, type XSheetOptions, type XSheetWriter, type XStyle, type XWriterOptions } from "./writer/types";
import { XlsxWriteError } from "./writer/write-error";

export { quoteSheetName } from "./writer/cell-text";
export type { XCell, XChart, XRun, XSheetOptions, XSheetWriter, XStyle, XValue, XWriterOptions } from "./writer/types";
export { XText } from "./writer/types";
export { XlsxWriteError } from "./writer/write-error";

export class XlsxWriter implements SheetHost {
  private readonly creator: string;
  private readonly title: string;
  private readonly origin: { name: string; value: string } | undefined;
  private readonly created: Date;
  private readonly dos: { time: number; date: number };
  private readonly level: number;
  private readonly deflater: Deflater;
  private readonly sheets: SheetWriter[] = [];
  private readonly styles = new StyleTable();
  private readonly strings = new SharedStrings();
  private finished = false;
  private readonly pool: Uint8Array[] = [];
  /** Big sheets are compressed on other threads while the next ones are written (finishAsync waits). */
  private readonly background: boolean;
  /** XML bytes held by parts still being compressed: beyond BACKGROUND_MAX a sheet is compressed here. */
  private inFlight = 0;
  /**
   * The longest part handed to another thread so far: a new sheet buffer starts that big, so the
   * next detail sheet (3,321 unit columns: 2–4 MB) does not grow from 1 MB by doubling, copying as it goes.
   */
  private longestHanded = 0;

  constructor(options: XWriterOptions = {}) {
    this.creator = cleanText(options.creator ?? "");
    this.title = cleanText(options.title ?? "");
    if (options.origin && !/^[A-Za-z_][A-Za-z0-9_.]{0,254}$/.test(options.origin.name)) {
      throw new XlsxWriteError(`Tên đánh dấu nguồn gốc không hợp lệ: "${options.origin.name}"`);
    }
    this.origin = options.origin ? { name: options.origin.name, value: cleanText(options.origin.value).replace(/"/g, "") } : undefined;
    const created = options.created ?? new Date();
    if (!(created instanceof Date) || Number.isNaN(created.getTime())) throw new XlsxWriteError("Thời điểm tạo tệp không hợp lệ");
    this.created = created;
    this.dos = dosDateTime(created);
    const level = options.level ?? 1;
    if (!Number.isInteger(level) || level < 0 || level > 9)
      throw new XlsxWriteError(`Mức nén phải là số nguyên từ 0 đến 9 (nhận ${level})`);
    this.level = level;
    this.deflater = pickDeflater(options.deflater ?? "auto");
    this.background = options.background === true && this.deflater.deflateAsync !== undefined;
    this.style({}); // xf 0: Times New Roman 12, General
  }

  /** Registers a style (once per distinct style) and returns its cellXfs index for XCell.style. */
  style(s: XStyle): number {
    return this.styles.add(s);
  }

  /** A text to write in many cells of this writer's sheets (the same cells as the string; its table entry found once). */
  text(s: string): XText {
    return new XText(s, this);
  }

  /** Adds a worksheet (tabs keep this order). Throws XlsxWriteError on an invalid or duplicate name. */
  addSheet(name: string, options: XSheetOptions = {}): XSheetWriter {
    if (this.finished) throw new XlsxWriteError("Tệp đã được hoàn tất, không thêm trang tính được nữa");
    const clean = validateSheetName(
      name,
      this.sheets.map((s) => s.name),
    );
    const selected = (options.state ?? "visible") === "visible" && !this.sheets.some((s) => s.state === "visible");
    const sheet = new SheetWriter(this, clean, this.sheets.length + 1, options, selected);
    this.sheets.push(sheet);
    return sheet;
  }

  /** Ends open sheets and returns the .xlsx bytes. The writer cannot be used afterwards. */
  finish(): Uint8Array {
    const firstVisible = this.close();
    // A part still being compressed elsewhere is compressed again here, from its XML: the same bytes.
    const parts = this.sheets.map((s) => (isPending(s.part!) ? this.compress(s.part.name, s.part.data) : s.part!));
    return this.assemble(parts, firstVisible);
  }

  /** finish(), waiting for the parts being compressed on other threads (`background`). */
  async finishAsync(): Promise<Uint8Array> {
    const firstVisible = this.close();
    // The shared strings (≈ 600 KB for 3,321 units) compressed on another thread too, beside the sheets still being compressed.
    const strings = this.backgroundPart("xl/sharedStrings.xml", utf8(this.strings.xml()));
    // Handled here too: a sheet's failure below leaves nobody waiting for it.
    if (strings instanceof Promise) strings.catch(() => undefined);
    const parts = await Promise.all(this.sheets.map((s) => (isPending(s.part!) ? s.part.pending : s.part!)));
    return this.assemble(parts, firstVisible, await strings);
  }

  /** Checks the workbook can be finished, ends open sheets; returns the first visible sheet. */
  private close(): number {
    if (this.finished) throw new XlsxWriteError("Tệp đã được hoàn tất (finish() chỉ gọi một lần)");
    if (this.sheets.length === 0) throw new XlsxWriteError("Tệp Excel phải có ít nhất một trang tính");
    const firstVisible = this.sheets.findIndex((s) => s.state === "visible");
    if (firstVisible < 0) throw new XlsxWriteError("Tệp Excel phải có ít nhất một trang tính không bị ẩn");
    for (const s of this.sheets) s.end();
    this.finished = true;
    this.styles.closed = true;
    this.pool.length = 0;
    return firstVisible;
  }

  /** The package around the sheets' compressed parts. */
  private assemble(sheetParts: ZipWriteEntry[], firstVisible: number, sharedStrings?: ZipWriteEntry): Uint8Array {
    const files: ZipWriteEntry[] = [];
    const add = (name: string, xml: string): void => {
      files.push(this.compress(name, utf8(xml)));
    };
    const drawings = drawingParts(this.sheets);
    add("[Content_Types].xml", contentTypesXml(this.sheets.length, drawings, !!this.origin));
    add("_rels/.rels", rootRelsXml(!!this.origin));
    if (this.origin) add("docProps/custom.xml", customPropsXml(this.origin));
    add("docProps/core.xml", corePropsXml(this.title, this.creator, this.created));
    add("docProps/app.xml", appPropsXml(this.sheets));
    const book = workbookParts(this.sheets, this.origin, firstVisible);
    add("xl/workbook.xml", book.workbook);
    add("xl/_rels/workbook.xml.rels", book.rels);
    add("xl/styles.xml", this.styles.xml());
    if (sharedStrings) files.push(sharedStrings);
    else add("xl/sharedStrings.xml", this.strings.xml());
    files.push(...sheetParts);
    for (const d of drawings) for (const [name, xml] of drawingFiles(d)) add(name, xml);
    try {
      return writeZip(files);
    } catch (e) {
      if (e instanceof ZipSizeError) throw new XlsxWriteError(e.message);
      throw e;
    }
  }

  // --- SheetHost: what the sheets use ------------------------------------

  /** @internal Number of registered styles (valid XCell.style values are 0 … count-1). */
  get styleCount(): number {
    return this.styles.count;
  }

  /** @internal A sheet buffer: reused across sheets so its pages are touched only once. */
  takeBuffer(): Uint8Array {
    return this.pool.pop() ?? new Uint8Array(Math.max(BLOCK, this.longestHanded));
  }

  /** @internal Shared-string index of a text value (counted as one reference), or -1 for empty text. */
  stringIndex(raw: string): number {
    return this.strings.index(raw);
  }

  /** @internal Shared-string references written so far. */
  get references(): number {
    return this.strings.references;
  }

  /** @internal */
  addReferences(n: number): void {
    this.strings.addReferences(n);
  }

  /** @internal */
  textIndex(text: XText): number {
    if (text.owner !== this) throw new XlsxWriteError("Văn bản này được tạo cho một tệp khác (XlsxWriter.text của tệp đang ghi)");
    // First use: as the string itself (its place in the table is where the string would take it).
    if (text.index === undefined) return (text.index = this.strings.index(text.text));
    return this.strings.again(text.index);
  }

  /** @internal The ended sheet's part: compressed now (its buffer reused by the next sheet), or on another thread. */
  sheetPart(name: string, buf: Uint8Array, length: number): SheetPart {
    const data = buf.subarray(0, length);
    const level = this.levelFor(data);
    if (!this.background || level === 0 || this.inFlight + length > BACKGROUND_MAX) {
      const part = this.compress(name, data);
      this.pool.push(buf);
      return part;
    }
    // The buffer is the part's XML until the other thread is done with it: the next sheet takes a new one.
    this.inFlight += length;
    if (length > this.longestHanded) this.longestHanded = length;
    const pending = this.deflater.deflateAsync!(data, level).then(({ compressed, crc }) => {
      this.inFlight -= length;
      return this.entry(name, data, level, crc, compressed);
    });
    // Handled here too: after finish() (which compresses it again) nobody waits for it.
    pending.catch(() => undefined);
    return { name, data, pending };
  }

  /** A part other than a sheet: compressed on another thread when it is big and the writer may, else here. */
  private backgroundPart(name: string, data: Uint8Array): ZipWriteEntry | Promise<ZipWriteEntry> {
    const level = this.levelFor(data);
    if (!this.background || level === 0) return this.compress(name, data);
    return this.deflater.deflateAsync!(data, level).then(({ compressed, crc }) => this.entry(name, data, level, crc, compressed));
  }

  /** @internal */
  compress(name: string, data: Uint8Array): ZipWriteEntry {
    const level = this.levelFor(data);
    // Stored: a copy, since a sheet's bytes live in a buffer the next sheet reuses.
    const comp = level === 0 ? data.slice() : this.deflater.deflate(data, level);
    return this.entry(name, data, level, this.deflater.crc32(data), comp);
  }

  private levelFor(data: Uint8Array): number {
    return data.length > 256 * 1024 ? this.level : 6;
  }

  private entry(name: string, data: Uint8Array, level: number, crc: number, compressed: Uint8Array): ZipWriteEntry {
    return {
      nameBytes: utf8(name),
      flags: 0x0800, // UTF-8 names
      method: level === 0 ? 0 : 8,
      time: this.dos.time,
      date: this.dos.date,
      crc,
      size: data.length,
      compressed,
    };
  }
}

/** Sheet XML held at once for compression on other threads (beyond it, sheets are compressed in turn). */
const BACKGROUND_MAX = 64 * 1024 * 1024;

function isPending(part: SheetPart): part is PendingPart {
  return "pending" in part;
}
