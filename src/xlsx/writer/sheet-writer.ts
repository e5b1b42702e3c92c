/**
 * One worksheet being written: rows are serialized straight into one growable byte buffer (ASCII
 * written by hand, text through TextEncoder.encodeInto); no per-cell objects are kept. Everything
 * before <sheetData> is written when the sheet is added, except the <dimension>, which gets a
 * blank-padded slot filled in at the end. When the sheet ends, its part is compressed and only the
 * compressed bytes are kept; the buffer goes back to the workbook for the next sheet.
 */
import { columnLetters, formatA1, MAX_COL, MAX_ROW, rangeA1 } from "../../core/a1";
import { escapeXmlText } from "../ooxml/xml-text";
import type { ZipWriteEntry } from "../ooxml/zip-write";
import { putAscii, putUint, putUtf8 } from "./bytes";
import {
  BOOLEAN_OPEN,
  NUMBER_OPEN,
  putBlankEnd,
  putBlankWords,
  putNumberWords,
  putStartWords,
  putValueWords,
  SHARED_STRING_OPEN,
  wordText,
  wordView,
  type WordText,
} from "./cell-words";
import { cleanText, escapeCellText, removeInvalid } from "./cell-text";
import { checkSheetOptions, sheetHeadXml, sheetStartXml, sheetTailXml, type CellRect } from "./sheet-xml";
import { XText, type XCell, type XChart, type XRun, type XSheetOptions, type XSheetWriter, type XValue } from "./types";
import { XlsxWriteError } from "./write-error";

/** A compressed part, or one being compressed on another thread (its XML kept until then). */
export type SheetPart = ZipWriteEntry | PendingPart;

export interface PendingPart {
  name: string;
  data: Uint8Array;
  pending: Promise<ZipWriteEntry>;
}

/** What a sheet needs from its workbook. */
export interface SheetHost {
  /** Number of registered styles (valid XCell.style values are 0 … count-1). */
  readonly styleCount: number;
  /** A sheet buffer: reused across sheets so its pages are touched only once. */
  takeBuffer(): Uint8Array;
  /** Shared-string index of a text value (counted as one reference), or -1 for empty text. */
  stringIndex(raw: string): number;
  /** stringIndex of an XText's text, looked up at its first use only; XlsxWriteError when another writer made it. */
  textIndex(text: XText): number;
  /** Shared-string references written so far; addReferences counts more (cells copied as bytes). */
  readonly references: number;
  addReferences(n: number): void;
  /** The ended sheet's part from the first `length` bytes of `buf`; the host takes the buffer back. */
  sheetPart(name: string, buf: Uint8Array, length: number): SheetPart;
}

/** A row's start tag up to its number. */
const ROW_OPEN = '<row r="';
/** Room for <dimension ref="A1:XFD1048576"/>. */
const DIM_SLOT = 32;
/** Bytes a simple cell can take: <c r="XFD1048576" s="4294967295" t="s"><v>-1.2345678901234567e-308</v></c> */
const CELL_MAX = 96;
const EMPTY = new Uint8Array(0);

/** A sheet buffer's first size. */
export const BLOCK = 1 << 20;

/** How a cell is written (plain numbers: the row loop is the writer's hot path). */
type Kind = number;
const [SKIP, NUMBER, SHARED_STRING, BOOLEAN, BLANK, FORMULA]: Kind[] = [0, 1, 2, 3, 4, 5];

export class SheetWriter implements XSheetWriter {
  readonly state: "visible" | "hidden";
  readonly charts: XChart[];
  readonly titleRows: [number, number] | undefined;
  /** The compressed part (or the part being compressed) once ended. */
  part: SheetPart | undefined;
  /** The part's XML so far (header, then rows); grows by doubling. */
  private buf: Uint8Array;
  /** Word stores into buf (cell-words.ts): made again with it. */
  private view: DataView;
  /** The row being written's number and closing quote (`12"`), as words. */
  private rowTail: WordText = wordText('"');
  private readonly tail1: WordText = { words: new Uint32Array(1), length: 0 };
  private readonly tail2: WordText = { words: new Uint32Array(2), length: 0 };
  private pos = 0;
  /** Where the padded <dimension> slot starts. */
  private readonly dimAt: number;
  private lastRow = 0;
  private minRow = 0;
  private maxRow = 0;
  private minCol = MAX_COL + 1;
  private maxCol = 0;
  /** The number of the cell cellKind() classified last (its value, shared-string index or 0/1). */
  private num = 0;
  /** The first and last column a run() wrote a cell in (0: none). */
  private runFirst = 0;
  private runLast = 0;
  private readonly merges: CellRect[] = [];
  private readonly options: XSheetOptions;

  constructor(
    private readonly wb: SheetHost,
    readonly name: string,
    private readonly number: number,
    options: XSheetOptions,
    selected: boolean,
  ) {
    this.options = options;
    this.charts = options.charts ?? [];
    const checked = checkSheetOptions(options);
    this.state = checked.state;
    this.titleRows = checked.titleRows;
    // Everything before <sheetData> is known now but the dimension, which gets a padded slot.
    this.buf = wb.takeBuffer();
    this.view = wordView(this.buf);
    this.putText(sheetStartXml(options));
    this.dimAt = this.pos;
    this.putText(" ".repeat(DIM_SLOT));
    this.putText(sheetHeadXml(options, selected));
  }

  row(index: number, cells: readonly (XCell | XRun | undefined)[], options?: { height?: number; style?: number }): void {
    const styleCount = this.wb.styleCount;
    const rowStartAll = this.pos;
    const hasFormat = this.rowStart(index, styleCount, options);
    this.rowTail = this.tailOf(index);
    let buf = this.buf;
    let pos = this.pos;
    let lastCol = 0;
    let first = 0;
    let lastWritten = 0;
    for (let i = 0; i < cells.length; i++) {
      const item = cells[i];
      if (item === undefined) continue;
      if ((item as XRun).values !== undefined) {
        const run = item as XRun;
        if (run.values.length === 0) continue;
        this.pos = pos;
        if (run.same === true) this.sameRun(run, lastCol, index, styleCount);
        else this.run(run, lastCol, index, styleCount);
        buf = this.buf;
        pos = this.pos;
        lastCol = run.col + run.values.length - 1;
        if (this.runFirst !== 0) {
          if (first === 0) first = this.runFirst;
          lastWritten = this.runLast;
        }
        continue;
      }
      const cell = item as XCell;
      const col = cell.col;
      if (!(col > lastCol && col <= MAX_COL) || col !== Math.floor(col)) this.badColumn(col, lastCol, index);
      lastCol = col;
      const v = cell.value;
      const s = cell.style === undefined ? 0 : cell.style;
      if (s !== 0 && !(s > 0 && s < styleCount && s === (s | 0))) this.checkStyle(s, styleCount, index, col);
      const kind = this.cellKind(v, s, col, index);
      if (kind === SKIP) continue;
      if (first === 0) first = col;
      lastWritten = col;
      if (pos + CELL_MAX > buf.length) {
        this.pos = pos;
        this.reserve(CELL_MAX);
        pos = this.pos;
      }
      pos = this.putCell(pos, col, s, kind, v, index);
      buf = this.buf;
    }
    if (first === 0 && !hasFormat) {
      // nothing in this row: drop the <row> start tag again (nothing was written after it)
      this.pos = rowStartAll;
      return;
    }
    this.pos = pos;
    this.reserve(8);
    this.pos = putAscii(this.buf, this.pos, "</row>");
    if (first !== 0) {
      if (this.minRow === 0) this.minRow = index;
      this.maxRow = index;
      if (first < this.minCol) this.minCol = first;
      if (lastWritten > this.maxCol) this.maxCol = lastWritten;
    }
  }

  merge(top: number, left: number, bottom: number, right: number): void {
    if (this.part) throw new XlsxWriteError(`Trang tính "${this.name}" đã kết thúc, không gộp ô được nữa`);
    for (const [v, max] of [
      [top, MAX_ROW],
      [left, MAX_COL],
      [bottom, MAX_ROW],
      [right, MAX_COL],
    ] as const) {
      if (!Number.isInteger(v) || v < 1 || v > max)
        throw new XlsxWriteError(`Trang tính "${this.name}": vùng gộp ô không hợp lệ (${top}, ${left}, ${bottom}, ${right})`);
    }
    if (bottom < top || right < left)
      throw new XlsxWriteError(`Trang tính "${this.name}": vùng gộp ô bị ngược (${top}, ${left}, ${bottom}, ${right})`);
    if (top === bottom && left === right) return;
    for (const m of this.merges) {
      if (top <= m.bottom && bottom >= m.top && left <= m.right && right >= m.left) {
        throw new XlsxWriteError(
          `Trang tính "${this.name}": vùng gộp ${rangeA1(top, left, bottom, right)} chồng lên vùng gộp ${rangeA1(m.top, m.left, m.bottom, m.right)}`,
        );
      }
    }
    this.merges.push({ top, left, bottom, right });
  }

  end(): void {
    if (this.part) return;
    const dim =
      this.maxRow === 0
        ? "A1"
        : this.minRow === this.maxRow && this.minCol === this.maxCol
          ? formatA1(this.minRow, this.minCol)
          : rangeA1(this.minRow, this.minCol, this.maxRow, this.maxCol);
    putAscii(this.buf, this.dimAt, `<dimension ref="${dim}"/>`); // the rest of the slot stays blank
    this.putText(sheetTailXml(this.options, this.merges, this.charts.length > 0));
    const buf = this.buf;
    this.part = this.wb.sheetPart(`xl/worksheets/sheet${this.number}.xml`, buf, this.pos);
    this.buf = EMPTY;
    this.view = wordView(EMPTY);
    this.pos = 0;
  }

  // --- helpers ---------------------------------------------------------------

  /** A run marked `same`: its bytes of an earlier row of this number in this workbook copied, else written and kept. */
  private sameRun(run: XRun, lastCol: number, index: number, styleCount: number): void {
    const kept = WRITTEN_RUNS.get(run);
    if (kept !== undefined && kept.host === this.wb && kept.row === index) {
      // The checks of the first writing still hold (styles are only ever added); the columns' order is this row's.
      if (!(run.col > lastCol)) this.badColumn(run.col, lastCol, index);
      this.reserve(kept.bytes.length);
      this.buf.set(kept.bytes, this.pos);
      this.pos += kept.bytes.length;
      this.wb.addReferences(kept.references);
      this.runFirst = kept.first;
      this.runLast = kept.last;
      return;
    }
    const start = this.pos;
    const references = this.wb.references;
    this.run(run, lastCol, index, styleCount);
    WRITTEN_RUNS.set(run, {
      host: this.wb,
      row: index,
      bytes: this.buf.slice(start, this.pos),
      references: this.wb.references - references,
      first: this.runFirst,
      last: this.runLast,
    });
  }

  /**
   * A run's cells, as row() writes the same XCells (the same checks, the same bytes): one style
   * for all the cells (a detail sheet's unit columns) copies the cell's `<c r="` + column + row +
   * style bytes from tables and writes whole numbers digit by digit; anything else goes the
   * general way, cell by cell. Leaves the columns of the first and last cell written in runFirst/runLast.
   */
  private run(run: XRun, lastCol: number, index: number, styleCount: number): void {
    const { col, values, style } = run;
    const n = values.length;
    if (!(col > lastCol && col <= MAX_COL) || col !== Math.floor(col)) this.badColumn(col, lastCol, index);
    if (col + n - 1 > MAX_COL) this.badColumn(col + n - 1, lastCol, index);
    const perCell = typeof style === "object" && style !== null;
    const one = perCell ? 0 : style === undefined ? 0 : (style as number);
    if (one !== 0 && !(one > 0 && one < styleCount && one === (one | 0))) this.checkStyle(one, styleCount, index, col);
    const refs = columnRefs(col + n - 1);
    // What follows the column letters in each cell of one style: `RRR" s="N"><v>` before a number, `RRR" s="N"/>` for a blank.
    const head = one === 0 ? `${index}"` : `${index}" s="${one}"`;
    const numberTail = wordText(`${head}><v>`);
    const blankTail = wordText(`${head}/>`);
    let first = 0;
    let last = 0;
    let buf = this.buf;
    let dv = wordView(buf);
    let pos = this.pos;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      const c = col + i;
      let s = one;
      if (perCell) {
        const own = (style as readonly number[])[i];
        s = own === undefined ? 0 : own;
        if (s !== 0 && !(s > 0 && s < styleCount && s === (s | 0))) this.checkStyle(s, styleCount, index, c);
      }
      if (pos + CELL_MAX > buf.length) {
        this.pos = pos;
        this.reserve(CELL_MAX);
        buf = this.buf;
        dv = wordView(buf);
        pos = this.pos;
      }
      if (!perCell && typeof v === "number" && v >= 0 && v <= 0xffffffff && v === Math.floor(v)) {
        pos = putNumberWords(dv, buf, pos, refs, c * 4, numberTail, v);
      } else if (!perCell && (v === null || v === undefined)) {
        // A unit that did not report the row (a quarter of the detail sheets' cells): blank with the style, or nothing.
        if (one === 0) continue;
        pos = putBlankWords(dv, pos, refs, c * 4, blankTail);
      } else {
        const kind = v === null || v === undefined ? (s ? BLANK : SKIP) : this.cellKind(v, s, c, index);
        if (kind === SKIP) continue;
        pos = this.putCell(pos, c, s, kind, v, index);
        if (buf !== this.buf) {
          buf = this.buf;
          dv = wordView(buf);
        }
      }
      if (first === 0) first = c;
      last = c;
    }
    this.pos = pos;
    this.runFirst = first;
    this.runLast = last;
  }

  /**
   * Checks the row's number, height and style and writes its start tag at this.pos; returns whether
   * it has a height or style of its own. A row without options (most rows) is written byte by byte.
   */
  private rowStart(index: number, styleCount: number, options?: { height?: number; style?: number }): boolean {
    if (this.part) throw new XlsxWriteError(`Trang tính "${this.name}" đã kết thúc, không ghi thêm hàng được`);
    if (!Number.isInteger(index) || index < 1 || index > MAX_ROW) {
      throw new XlsxWriteError(`Trang tính "${this.name}": số hàng phải là số nguyên từ 1 đến ${MAX_ROW} (nhận ${index})`);
    }
    if (index <= this.lastRow) {
      throw new XlsxWriteError(
        `Trang tính "${this.name}": hàng ${index} phải được ghi sau hàng ${this.lastRow} (các hàng ghi theo thứ tự tăng dần)`,
      );
    }
    this.lastRow = index;
    if (!options) {
      this.reserve(ROW_OPEN.length + 9);
      const buf = this.buf;
      let pos = putUint(buf, putAscii(buf, this.pos, ROW_OPEN), index);
      buf[pos++] = 34; /* " */
      buf[pos++] = 62; /* > */
      this.pos = pos;
      return false;
    }
    let head = ROW_OPEN + String(index) + '"';
    let hasFormat = false;
    if (options.height !== undefined) {
      if (typeof options.height !== "number" || !(options.height >= 0 && options.height <= 409)) {
        throw new XlsxWriteError(`Trang tính "${this.name}", hàng ${index}: chiều cao hàng phải từ 0 đến 409 (nhận ${options.height})`);
      }
      head += ' ht="' + options.height + '" customHeight="1"';
      hasFormat = true;
    }
    if (options.style !== undefined && options.style !== 0) {
      this.checkStyle(options.style, styleCount, index, 0);
      head += ' s="' + options.style + '" customFormat="1"';
      hasFormat = true;
    }
    head += ">";
    this.reserve(head.length + 8);
    this.pos = putAscii(this.buf, this.pos, head);
    return hasFormat;
  }

  /**
   * `N"` (the row's number and the quote closing a cell's r) as words, in one of two pieces reused
   * from row to row (1 word up to 999, 2 words up to row 1,048,576): no string or array per row.
   */
  private tailOf(index: number): WordText {
    let digits = 1;
    for (let k = index; k >= 10; k = Math.floor(k / 10)) digits++;
    let lo = digits < 4 ? 34 << (digits * 8) : 0;
    let hi = digits < 4 ? 0 : 34 << ((digits - 4) * 8);
    let k = index;
    for (let p = digits - 1; p >= 0; p--) {
      const b = 48 + (k % 10);
      k = Math.floor(k / 10);
      if (p < 4) lo |= b << (p * 8);
      else hi |= b << ((p - 4) * 8);
    }
    const tail = digits < 4 ? this.tail1 : this.tail2;
    tail.words[0] = lo;
    if (digits >= 4) tail.words[1] = hi;
    tail.length = digits + 1;
    return tail;
  }

  /** How the value is written; its number (value, shared-string index, 0/1) is left in this.num. */
  private cellKind(v: XValue, s: number, col: number, index: number): Kind {
    const t = typeof v;
    if (t === "number") {
      const num = v as number;
      if (num - num !== 0) {
        throw new XlsxWriteError(
          `Trang tính "${this.name}", ô ${columnLetters(col)}${index}: giá trị số không hợp lệ (${num}); chỉ ghi được số hữu hạn`,
        );
      }
      this.num = num;
      return NUMBER;
    }
    if (t === "string") {
      const num = this.wb.stringIndex(v as string);
      this.num = num;
      return num < 0 ? (s ? BLANK : SKIP) : SHARED_STRING;
    }
    if (t === "boolean") {
      this.num = v ? 1 : 0;
      return BOOLEAN;
    }
    if (v === null || v === undefined) return s ? BLANK : SKIP;
    if (v instanceof XText) {
      const num = this.wb.textIndex(v);
      this.num = num;
      return num < 0 ? (s ? BLANK : SKIP) : SHARED_STRING;
    }
    if (t === "object" && typeof (v as { formula?: unknown }).formula === "string") return FORMULA;
    throw new XlsxWriteError(`Trang tính "${this.name}", ô ${columnLetters(col)}${index}: kiểu giá trị không ghi được (${t})`);
  }

  /** Makes room for n more bytes (doubling the buffer when needed). */
  private reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const grown = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n, BLOCK));
    grown.set(this.buf.subarray(0, this.pos));
    this.buf = grown;
    this.view = wordView(grown);
  }

  /** Writes UTF-8 text (already escaped). */
  private putText(s: string): void {
    let ascii = true;
    for (let i = 0; i < s.length; i++) {
      if (s.charCodeAt(i) > 127) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      this.reserve(s.length);
      this.pos = putAscii(this.buf, this.pos, s);
    } else {
      this.reserve(s.length * 3);
      this.pos = putUtf8(this.buf, this.pos, s);
    }
  }

  /**
   * One cell of `kind` (not SKIP) at `pos`, room for CELL_MAX reserved: its start, then its value or
   * formula. Returns the position after it; a formula may grow the buffer (callers reload this.buf).
   */
  private putCell(pos: number, col: number, s: number, kind: Kind, v: unknown, index: number): number {
    const dv = this.view;
    pos = putStartWords(dv, pos, columnRefs(col), col * 4, this.rowTail, s);
    if (kind === BLANK) return putBlankEnd(dv, pos);
    if (kind !== FORMULA) {
      const open = kind === SHARED_STRING ? SHARED_STRING_OPEN : kind === BOOLEAN ? BOOLEAN_OPEN : NUMBER_OPEN;
      return putValueWords(dv, this.buf, pos, open, this.num);
    }
    this.pos = pos;
    this.formulaCell(v as { formula: string; result?: unknown }, col, index);
    return this.pos;
  }

  /** Finishes a cell whose `<c r=".." s=".."` is written: type, formula, cached value. */
  private formulaCell(v: { formula: string; result?: unknown }, col: number, row: number): void {
    let f = v.formula;
    if (f.charCodeAt(0) === 61 /* = */) f = f.slice(1);
    f = removeInvalid(f).normalize("NFC");
    if (f.trim() === "") throw new XlsxWriteError(`Trang tính "${this.name}", ô ${columnLetters(col)}${row}: công thức rỗng`);
    if (f.length > 8192)
      throw new XlsxWriteError(`Trang tính "${this.name}", ô ${columnLetters(col)}${row}: công thức dài quá 8.192 ký tự`);
    const r = v.result;
    let out: string;
    if (typeof r === "number" && Number.isFinite(r)) out = `><f>${escapeXmlText(f)}</f><v>${String(r)}</v></c>`;
    else if (typeof r === "boolean") out = ` t="b"><f>${escapeXmlText(f)}</f><v>${r ? 1 : 0}</v></c>`;
    else if (typeof r === "string") out = ` t="str"><f>${escapeXmlText(f)}</f><v>${escapeCellText(cleanText(r))}</v></c>`;
    else out = `><f>${escapeXmlText(f)}</f></c>`;
    this.putText(out);
  }

  private checkStyle(s: number, count: number, row: number, col: number): void {
    if (!(Number.isInteger(s) && s >= 0 && s < count)) {
      const where = col ? `ô ${columnLetters(col)}${row}` : `hàng ${row}`;
      throw new XlsxWriteError(`Trang tính "${this.name}", ${where}: kiểu định dạng ${s} không tồn tại (dùng số do style() trả về)`);
    }
  }

  private badColumn(col: number, lastCol: number, row: number): never {
    if (!Number.isInteger(col) || col < 1 || col > MAX_COL) {
      throw new XlsxWriteError(`Trang tính "${this.name}", hàng ${row}: số cột phải là số nguyên từ 1 đến ${MAX_COL} (nhận ${col})`);
    }
    throw new XlsxWriteError(
      `Trang tính "${this.name}", hàng ${row}: cột ${columnLetters(col)} phải đứng sau cột ${columnLetters(lastCol)} (các ô ghi theo thứ tự cột tăng dần)`,
    );
  }
}

/** The bytes a run marked `same` was written as, with what they stand for (per run object). */
const WRITTEN_RUNS = new WeakMap<
  XRun,
  { host: SheetHost; row: number; bytes: Uint8Array; references: number; first: number; last: number }
>();

/** Each column's letters as bytes, 4 a column (the count, then up to 3 letters): filled as far as asked. */
let COLUMN_REFS = new Uint8Array(0);

function columnRefs(lastCol: number): Uint8Array {
  if (COLUMN_REFS.length >= (lastCol + 1) * 4) return COLUMN_REFS;
  const refs = new Uint8Array((Math.max(lastCol, 1024) + 1) * 4);
  for (let c = 1; c * 4 < refs.length && c <= MAX_COL; c++) {
    const letters = columnLetters(c);
    refs[c * 4] = letters.length;
    for (let k = 0; k < letters.length; k++) refs[c * 4 + 1 + k] = letters.charCodeAt(k);
  }
  return (COLUMN_REFS = refs);
}
