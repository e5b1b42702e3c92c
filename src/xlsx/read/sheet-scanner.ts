/**
 * A worksheet's XML → its rows of cells and its merges, possibly in pieces: `feed` returns how much
 * of the text it consumed (a cell or tag cut off at the end of a non-final piece is left for the
 * next call). Limits: rows (maxRows), cells (this sheet's share and the workbook's budget).
 */
import { MAX_COL, MAX_ROW } from "../../core/a1";
import type { Cell, CellRange, SheetGrid } from "../../core/grid";
import { decodeEntities } from "../ooxml/xml-text";
import { shownName } from "../ooxml/zip-directory";
import { parsedRef, parseIntBytes, parseIntRange, parseRange, parseRef, refBytesAt, refBytesRead } from "./cell-refs";
import { finishText, INTERN_MAX_LENGTH } from "./cell-text";
import { fastValue, storedValue } from "./cell-value";
import { CellXml, T_E, T_N, T_S } from "./cell-xml";
import { inlineCell } from "./inline-texts";
import { translateFormula } from "./shared-formulas";
import { findAttr, findAttrPlain, findAttrPlainBytes, isName, localStart, nameEnd, scanned, skipSpecial, skipTag } from "./xml-scan";

/** What every sheet of one workbook shares. */
export interface SheetContext {
  readonly maxRows: number;
  readonly sst: string[];
  /** Number format by cellXfs index; undefined for General. */
  readonly fmts: (string | undefined)[];
  /** Cells (with a value, formula or error) still allowed in the whole workbook. */
  cellsLeft: number;
}

/**
 * Cells holding only a value (no format, formula or error) are the same from file to file: the
 * units copy one template, so its labels are the same shared strings, often at the same index, and
 * most figures are small whole numbers. Such a cell is one object shared by every grid read (the
 * grid's cells are never changed once read: the core replaces a cell, never edits it; frozen, so a
 * change would throw rather than reach other files' grids). By index
 * into the shared strings (kept while the string at that index is the same), and by small number.
 */
const textCells: (Cell | undefined)[] = [];
const numberCells: (Cell | undefined)[] = [];
const SHARED_TEXT_CELLS = 8192;
const SHARED_NUMBER_CELLS = 1024;

/** Where the cell `sharedCell` has not met yet is to be kept (`newSlot.table` null: the value is not shared). */
const newSlot: { table: (Cell | undefined)[] | null; index: number } = { table: null, index: 0 };

/**
 * The shared cell holding just `value` (a shared string at `sstIndex`, or a small whole number);
 * undefined for any other (newSlot.table null), and for one not made yet (newSlot says where the
 * caller keeps it, frozen, once made).
 */
function sharedCell(value: Cell["value"], sstIndex: number): Cell | undefined {
  newSlot.table = null;
  if (sstIndex >= 0) {
    // A longer text may be cut out of its file's XML: a cell kept here must not keep that alive.
    if (sstIndex >= SHARED_TEXT_CELLS || (value as string).length > INTERN_MAX_LENGTH) return undefined;
    const known = textCells[sstIndex];
    if (known !== undefined && known.value === value) return known;
    newSlot.table = textCells;
    newSlot.index = sstIndex;
    return undefined;
  }
  if (typeof value === "number" && value >= 0 && value < SHARED_NUMBER_CELLS && Number.isInteger(value) && !Object.is(value, -0)) {
    const known = numberCells[value];
    if (known !== undefined) return known;
    newSlot.table = numberCells;
    newSlot.index = value;
  }
  return undefined;
}

/**
 * The value of a `<v>` holding only the digits of `num` (read by the quick path): a shared string or
 * a number, as `fastValue` reads them; undefined for other types, and for a missing string (then
 * `fastValue` says which, as written).
 */
function digitsValue(num: number, type: number, sst: string[]): Cell["value"] | undefined {
  if (type === T_S) return sst[num];
  return type === T_N ? num : undefined;
}

/**
 * A reference from u[k] as `parseRef` reads one (1 to 3 letters, then 1 to 7 digits, the row not 0),
 * its column and row in `refBytesRead`; the index after it, or -1 when there is none there.
 */
function refBytes(u: Uint8Array, k: number): number {
  const end = refBytesAt(u, k);
  const { letters, digits, row } = refBytesRead;
  return letters < 1 || letters > 3 || digits < 1 || digits > 7 || row === 0 ? -1 : end;
}

/** Rows up to this many columns get their array made at its length at once. */
const MAX_PREALLOCATED = 256;

interface SharedMaster {
  formula: string;
  row: number;
  col: number;
}

export class SheetScanner {
  rows: (Cell | undefined)[][] = [];
  merges: CellRange[] = [];
  truncatedAtRow: number | undefined;
  /** No more input wanted (limit reached). */
  done = false;
  private inSheetData = false;
  private row = 0;
  private col = 0;
  /** Rows met beyond maxRows holding no value (formatting only): tolerated up to maxRows of them. */
  private blankRowsBeyond = 0;
  private readonly shared = new Map<string, SharedMaster>();
  /** The r of the enclosing <row>, 0 when it has none. */
  private rowElement = 0;
  /** Cells whose reference names another row than the <row> holding them: read in their row. */
  private misplaced = 0;
  private firstMisplaced = "";
  /** Misplaced cells left out because their reference is beyond the row limit. */
  private beyond = 0;
  /** The cell being read (one record for all). */
  private readonly c = new CellXml();
  /**
   * The cells of the row being read (`lineRow`, 0 for none), in one reused buffer: a row's array is
   * made once its length is known (`flushLine`), instead of growing from [] to V8's first capacity
   * of 17 elements for a row of a few cells. `lineCols[0, lineCount)`: the columns set (0-based).
   */
  private readonly line: (Cell | undefined)[] = [];
  /** The bytes of the text being fed, when ASCII (see `feed`). */
  private u: Uint8Array | undefined = undefined;
  private readonly lineCols: number[] = [];
  private lineCount = 0;
  private lineRow = 0;
  private lineLen = 0;

  constructor(
    private readonly ctx: SheetContext,
    /** Cells this sheet may hold. */
    private cellsLeft: number,
  ) {}

  /**
   * `bytes`: s's bytes when they are all ASCII (then bytes[i] is s.charCodeAt(i)), for the quick
   * paths of cells and rows to read instead of s's chars (twice as fast to read, measured on node 20);
   * only with the whole text at once.
   */
  feed(s: string, final: boolean, bytes?: Uint8Array): number {
    this.u = bytes;
    try {
      return this.feedText(s, final);
    } finally {
      this.u = undefined;
    }
  }

  private feedText(s: string, final: boolean): number {
    if (this.u !== undefined) return this.feedBytes(s, this.u, final);
    const n = s.length;
    let k = 0;
    while (!this.done) {
      const lt = s.charCodeAt(k) === 60 ? k : s.indexOf("<", k);
      if (lt < 0) return n;
      const c = s.charCodeAt(lt + 1);
      let next: number;
      if (this.inSheetData && c === 99 /* c */ && s.charCodeAt(lt + 2) === 32)
        next = this.cell(s, lt + 2); // the commonest tag, "<c "
      else if (c === 47) next = this.endTag(s, lt);
      else if (c === 33 || c === 63) next = skipSpecial(s, lt);
      else if (c !== c)
        next = -1; // "<" is the last char
      else next = this.startTag(s, lt);
      if (next < 0) return final ? n : lt;
      k = this.done ? this.afterStop(s, next, final) : next;
    }
    return k;
  }

  /**
   * `feedText` over s's bytes (s ASCII: the same indices; bytes read faster than chars): the same
   * steps, with `<row `, `</row>` and `<c ` told from the bytes at once (what `startTag`, `endTag`
   * and `feedText` conclude for them). A byte past the end reads undefined where a char reads NaN.
   */
  private feedBytes(s: string, u: Uint8Array, final: boolean): number {
    const n = u.length;
    let k = 0;
    while (!this.done) {
      const lt = u[k] === 60 ? k : u.indexOf(60, k);
      if (lt < 0) return n;
      const c = u[lt + 1];
      let next: number;
      if (this.inSheetData && c === 99 /* c */ && u[lt + 2] === 32) next = this.cell(s, lt + 2);
      else if (c === 47)
        next = u[lt + 2] === 114 && u[lt + 5] === 62 ? lt + 6 : this.endTag(s, lt); // "</row>"
      else if (this.inSheetData && c === 114 && u[lt + 2] === 111 && u[lt + 3] === 119 && u[lt + 4] === 32) next = this.rowTag(s, lt + 4);
      else if (c === 33 || c === 63) next = skipSpecial(s, lt);
      else if (c === undefined)
        next = -1; // "<" is the last byte
      else next = this.startTag(s, lt);
      if (next < 0) return final ? n : lt;
      k = this.done ? this.afterStop(s, next, final) : next;
    }
    return k;
  }

  private endTag(s: string, lt: number): number {
    const gt = s.charCodeAt(lt + 2) === 114 && s.charCodeAt(lt + 5) === 62 ? lt + 5 : s.indexOf(">", lt + 2); // "</row>"
    if (gt < 0) return -1;
    if (this.inSheetData && gt - lt >= 11 /* "</sheetData" or longer */) {
      const ne = nameEnd(s, lt + 2);
      if (isName(s, localStart(s, lt + 2, ne), ne, "sheetData")) this.inSheetData = false;
    }
    return gt + 1;
  }

  private startTag(s: string, lt: number): number {
    const ne = nameEnd(s, lt + 1);
    if (ne >= s.length) return -1;
    const ls = localStart(s, lt + 1, ne);
    if (this.inSheetData) {
      if (ne - ls === 1 && s.charCodeAt(ls) === 99 /* c */) return this.cell(s, ne);
      if (isName(s, ls, ne, "row")) return this.rowTag(s, ne);
      return skipTag(s, ne);
    }
    if (isName(s, ls, ne, "sheetData")) {
      const next = skipTag(s, ne);
      if (next >= 0 && s.charCodeAt(next - 2) !== 47) this.inSheetData = true;
      return next;
    }
    if (isName(s, ls, ne, "mergeCell")) {
      const quick = this.u !== undefined ? this.mergeCellBytes(this.u, ne) : -1;
      if (quick >= 0) return quick;
      if (!findAttr(s, ne, "ref")) return -1;
      const range = scanned.valA >= 0 ? parseRange(s.slice(scanned.valA, scanned.valB)) : undefined;
      if (range) this.merges.push(range);
      return scanned.end;
    }
    return skipTag(s, ne);
  }

  /**
   * `<mergeCell ref="A1:E1"/>` as writers spell it (two references of letters and digits, no "$"),
   * read from the bytes as the general rules read it: kept, and the index after the tag returned;
   * -1 for any other spelling (then nothing is kept: the general rules read it).
   */
  private mergeCellBytes(u: Uint8Array, ne: number): number {
    // ' ref="'
    if (u[ne] !== 32 || u[ne + 1] !== 114 || u[ne + 2] !== 101 || u[ne + 3] !== 102 || u[ne + 4] !== 61 || u[ne + 5] !== 34) return -1;
    let k = refBytes(u, ne + 6);
    if (k < 0 || u[k] !== 58 /* : */) return -1;
    const c1 = refBytesRead.col;
    const r1 = refBytesRead.row;
    k = refBytes(u, k + 1);
    if (k < 0 || u[k] !== 34 || u[k + 1] !== 47 || u[k + 2] !== 62) return -1; // '"/>'
    const c2 = refBytesRead.col;
    const r2 = refBytesRead.row;
    this.merges.push({ top: Math.min(r1, r2), left: Math.min(c1, c2), bottom: Math.max(r1, r2), right: Math.max(c1, c2) });
    return k + 3;
  }

  /**
   * After a stop with the whole text at hand, skips to </sheetData> to still
   * pick up the merges (returns where to go on); otherwise stays stopped.
   */
  private afterStop(s: string, k: number, final: boolean): number {
    if (!final || !this.inSheetData) return k;
    this.inSheetData = false;
    const end = s.indexOf("sheetData>", k);
    if (end < 0) return s.length;
    this.done = false;
    return end + 10;
  }

  private rowTag(s: string, ne: number): number {
    const u = this.u;
    if (!(u !== undefined ? findAttrPlainBytes(s, u, ne, "r") : findAttrPlain(s, ne, "r")) && !findAttr(s, ne, "r")) return -1;
    let r =
      scanned.valA < 0 ? 0 : u !== undefined ? parseIntBytes(u, scanned.valA, scanned.valB) : parseIntRange(s, scanned.valA, scanned.valB);
    if (!(r >= 1 && r <= MAX_ROW)) r = 0;
    this.row = r || this.row + 1;
    this.rowElement = r;
    this.col = 0;
    if (this.row > this.ctx.maxRows && ++this.blankRowsBeyond > this.ctx.maxRows) this.stop(this.ctx.maxRows);
    return scanned.end;
  }

  private stop(truncatedAt: number): void {
    this.truncatedAtRow = truncatedAt;
    this.done = true;
  }

  /** Reads the `<c …>` whose name ends at ne and keeps it; returns the index after it, or -1 if cut off. */
  private cell(s: string, ne: number): number {
    const c = this.c;
    const k = c.read(s, ne, this.u);
    if (k < 0) return -1;
    let row = this.row || 1;
    let col = this.col + 1;
    if (c.refA >= 0) {
      const pc = c.refCol >= 0 ? c.refCol : parseRef(s, c.refA, c.refB);
      const pr = c.refCol >= 0 ? c.refRow : parsedRef.row;
      if (pc && pr >= 1 && pr <= MAX_ROW) ((col = pc), (row = pr));
    }
    this.row = row;
    this.col = col;
    const formula = c.formula === undefined ? undefined : this.formulaAt(c, row, col);
    if (c.vA < 0 && c.v === undefined && c.inline === undefined && formula === undefined) return k; // blank (formatting only)
    if (col > MAX_COL || !this.admit(s, row)) return k;
    this.store(s, row, col, formula);
    return k;
  }

  /** The cell's formula; a shared formula's dependent gets the master's text moved to it. */
  private formulaAt(c: CellXml, row: number, col: number): string | undefined {
    let formula = c.formula!;
    if (c.sharedSi !== undefined) {
      if (c.sharedMaster) this.shared.set(c.sharedSi, { formula, row, col });
      else {
        const m = this.shared.get(c.sharedSi);
        formula = m ? translateFormula(m.formula, row - m.row, col - m.col) : "(shared)";
      }
    }
    return formula === "" ? undefined : formula;
  }

  /**
   * Whether a cell with content in `row` is kept, within the limits. A cell inside <row r="3"> that
   * says "B6000" is read where it says, and said; one such cell beyond the row limit is left out (and
   * said), it never cuts the sheet short.
   */
  private admit(s: string, row: number): boolean {
    const misplaced = this.rowElement > 0 && row !== this.rowElement;
    if (misplaced && this.misplaced++ === 0) this.firstMisplaced = `${s.slice(this.c.refA, this.c.refB)} nằm trong dòng ${this.rowElement}`;
    if (row > this.ctx.maxRows) {
      if (misplaced && this.rowElement <= this.ctx.maxRows) {
        this.beyond++;
        this.row = this.rowElement;
      } else this.stop(this.ctx.maxRows);
      return false;
    }
    if (this.ctx.cellsLeft <= 0 || this.cellsLeft <= 0) {
      // Budget spent: this row is incomplete, so drop it.
      if (this.lineRow === row) this.clearLine();
      else this.flushLine();
      this.rows[row - 1] = [];
      this.stop(row - 1);
      return false;
    }
    this.ctx.cellsLeft--;
    this.cellsLeft--;
    return true;
  }

  private store(s: string, row: number, col: number, formula: string | undefined): void {
    const c = this.c;
    const sst = this.ctx.sst;
    const fmt = this.ctx.fmts[c.styleIdx < 0 ? 0 : c.styleIdx];
    // An inline string as the last file had it at this place, value only: the same frozen cell.
    if (c.inlineAt >= 0 && c.inline !== undefined && formula === undefined && fmt === undefined) {
      return this.place(row, col, inlineCell(c.inlineAt, finishText));
    }
    // (vNum ≥ 0: the `<v>` text is these digits, read by the quick path; then vA ≥ 0 and no inline string)
    let value = c.vNum >= 0 ? digitsValue(c.vNum, c.type, sst) : undefined;
    if (value === undefined && c.vA >= 0 && c.inline === undefined) value = fastValue(s, c.vA, c.vB, c.type, sst);
    let error: string | undefined;
    if (value === undefined) {
      const v = c.inline !== undefined || c.vA < 0 ? c.v : decodeEntities(s.slice(c.vA, c.vB));
      if (c.inline !== undefined) value = finishText(c.inline);
      else if (v === undefined) value = null;
      else if (c.type === T_E) {
        value = null;
        if (v.trim()) error = v.trim();
      } else value = storedValue(v, c.type, sst);
    }
    const plain = fmt === undefined && formula === undefined && error === undefined;
    if (plain) {
      const index = c.type !== T_S || c.vA < 0 || c.inline !== undefined ? -1 : c.vNum >= 0 ? c.vNum : parseIntRange(s, c.vA, c.vB);
      const shared = sharedCell(value, index);
      if (shared !== undefined) return this.place(row, col, shared);
    }
    // Every cell is made here, a shared one too (then kept, frozen): so this is met from the first
    // file on, before the function is optimized (a first cell of a new kind later would deoptimize it).
    const cell: Cell = { value };
    if (fmt !== undefined) cell.numFmt = fmt;
    if (formula !== undefined) cell.formula = formula.normalize("NFC");
    if (error !== undefined) cell.error = error;
    if (plain) {
      // Frozen like the shared ones even when not kept: every value-only cell then has one hidden
      // class, so code optimized on shared cells meets no other kind of cell later (no deoptimization).
      Object.freeze(cell);
      if (newSlot.table !== null) newSlot.table[newSlot.index] = cell;
    }
    this.place(row, col, cell);
  }

  /** Keeps `cell` at (row, col): in the line buffer while its row is the one being read. */
  private place(row: number, col: number, cell: Cell): void {
    if (row !== this.lineRow) {
      this.flushLine();
      const r = this.rows[row - 1];
      if (r !== undefined) {
        r[col - 1] = cell; // a row met again (a misplaced cell): its array is made already
        return;
      }
      this.lineRow = row;
    }
    this.line[col - 1] = cell;
    this.lineCols[this.lineCount++] = col - 1;
    if (col > this.lineLen) this.lineLen = col;
  }

  /** The buffered row → its array, as long as its last cell (holes where no cell is). */
  private flushLine(): void {
    if (this.lineRow === 0) return;
    const { line, lineCols } = this;
    const n = this.lineLen;
    // A wide sparse row (a cell far to the right) is not preallocated: its array is made as before.
    const out: (Cell | undefined)[] = n <= MAX_PREALLOCATED ? new Array<Cell | undefined>(n) : [];
    for (let k = 0; k < this.lineCount; k++) out[lineCols[k]] = line[lineCols[k]];
    this.rows[this.lineRow - 1] = out;
    this.clearLine();
  }

  /** Forgets the buffered row. */
  private clearLine(): void {
    for (let k = 0; k < this.lineCount; k++) this.line[this.lineCols[k]] = undefined;
    this.lineCount = 0;
    this.lineRow = 0;
    this.lineLen = 0;
  }

  finish(name: string, state: SheetGrid["state"]): SheetGrid {
    this.flushLine();
    const rows = this.rows;
    let maxRow = 0;
    let maxCol = 0;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      if (r === undefined) {
        rows[i] = [];
      } else if (r.length > 0) {
        maxRow = i + 1;
        if (r.length > maxCol) maxCol = r.length;
      }
    }
    rows.length = maxRow;
    const sheet: SheetGrid = { name, state, rows, merges: this.merges, maxRow, maxCol };
    if (this.truncatedAtRow !== undefined) sheet.truncatedAtRow = this.truncatedAtRow;
    if (this.misplaced > 0) {
      const what = shownName(this.firstMisplaced);
      const left = this.beyond ? `; ${this.beyond} ô có địa chỉ vượt quá dòng ${this.ctx.maxRows} không được đọc` : "";
      sheet.readNotes = [
        `${this.misplaced} ô ghi địa chỉ khác dòng chứa nó (ví dụ ô ${what})${left}: tệp bị ghi sai, hãy kiểm tra lại các ô này`,
      ];
    }
    return sheet;
  }
}
