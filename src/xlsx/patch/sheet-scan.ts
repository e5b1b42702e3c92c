/**
 * One pass over a worksheet's XML, keeping what the cell patcher needs with offsets: the rows
 * (their cells only for rows that receive patches), column styles, array/data-table formula
 * ranges, <dimension> and <sheetData>. A damaged file the reader still reads is read the same way:
 * an end tag closes up to its element, a stray one is ignored, a new row or cell closes the one
 * left open. Rows and cells without `r` get one (edits), as the reader numbers them.
 */
import { formatA1, parseA1 } from "../../core/a1";
import { PatchError } from "./patch-error";
import { parseRange, type Range } from "./target";
import { attr, localName, TagScanner, XmlSyntaxError, type Edit, type Tag } from "./xml-tags";

export interface CellInfo {
  col: number;
  tag: Tag;
  hasR: boolean;
  end: number;
  formula?: { t?: string; ref?: string };
}

export interface RowInfo {
  index: number;
  tag: Tag;
  hasR: boolean;
  /** Offset of "</row>", or -1 for `<row/>`. */
  closeStart: number;
  cells?: CellInfo[]; // kept only for rows that receive patches
}

export interface ColStyle {
  min: number;
  max: number;
  style: string;
}

export interface SheetScan {
  rows: RowInfo[];
  colStyles: ColStyle[];
  arrayRanges: Array<{ master: string; range: Range }>;
  dimension?: Tag;
  sheetData: Tag;
  /** Offset of "</sheetData>" (-1 for `<sheetData/>`). */
  sheetDataClose: number;
  /** `r` attributes added to cells of rows no patch touches. */
  edits: Edit[];
}

class SheetScanner {
  readonly rows: RowInfo[] = [];
  readonly colStyles: ColStyle[] = [];
  readonly arrayRanges: Array<{ master: string; range: Range }> = [];
  readonly edits: Edit[] = [];
  dimension: Tag | undefined;
  sheetData: Tag | undefined;
  sheetDataClose = -1;
  /** Open elements' local names, root first. */
  readonly stack: string[] = [];
  private row: RowInfo | undefined;
  private cell: CellInfo | undefined;
  private lastRow = 0;
  private lastCol = 0;

  constructor(private readonly targetRows: Set<number>) {}

  /** Closes open elements down to `depth`, noting where the sheetData, row or cell ended. */
  closeTo(depth: number, at: number, endAt: number): void {
    const stack = this.stack;
    while (stack.length > depth) {
      const open = stack.pop();
      if (stack.length === 1 && open === "sheetData") this.sheetDataClose = at;
      else if (stack.length === 2 && open === "row" && this.row) {
        this.row.closeStart = at;
        this.row = undefined;
      } else if (stack.length === 3 && open === "c" && this.cell) {
        this.cell.end = endAt;
        this.cell = undefined;
      }
    }
  }

  tag(tag: Tag): void {
    const local = localName(tag.name);
    const stack = this.stack;
    if (tag.kind === "close") {
      const index = stack.lastIndexOf(local);
      if (index >= 0) {
        this.closeTo(index + 1, tag.start, tag.start);
        this.closeTo(index, tag.start, tag.end);
      }
      return;
    }
    if (local === "row" && stack.length > 2 && stack[1] === "sheetData") this.closeTo(2, tag.start, tag.start);
    else if (local === "c" && stack.length > 3 && stack[2] === "row") this.closeTo(3, tag.start, tag.start);
    const depth = stack.length;
    const parent = stack[depth - 1];
    if (depth === 1 && local === "dimension") this.dimension = tag;
    else if (depth === 1 && local === "sheetData") this.sheetData = tag;
    else if (depth === 2 && parent === "cols" && local === "col") this.col(tag);
    else if (depth === 2 && parent === "sheetData" && local === "row") this.rowStart(tag);
    else if (depth === 3 && parent === "row" && local === "c" && this.row) this.cellStart(tag, this.row);
    else if (depth === 4 && parent === "c" && local === "f" && this.cell && this.row) this.formula(tag, this.cell, this.row);
    if (tag.kind === "open") stack.push(local);
  }

  private col(tag: Tag): void {
    const style = attr(tag, "style");
    const min = Number(attr(tag, "min"));
    const max = Number(attr(tag, "max"));
    if (style && style !== "0" && min > 0 && max >= min) this.colStyles.push({ min, max, style });
  }

  private rowStart(tag: Tag): void {
    const r = attr(tag, "r");
    const index = r !== undefined && /^\d+$/.test(r.trim()) ? Number(r) : this.lastRow + 1;
    this.lastRow = index;
    this.lastCol = 0;
    const info: RowInfo = { index, tag, hasR: r !== undefined, closeStart: -1 };
    if (this.targetRows.has(index)) info.cells = [];
    this.rows.push(info);
    if (tag.kind === "open") this.row = info;
  }

  private cellStart(tag: Tag, row: RowInfo): void {
    const r = attr(tag, "r");
    const pos = r !== undefined ? parseA1(r) : undefined;
    const col = pos ? pos.col : this.lastCol + 1;
    this.lastCol = col;
    const info: CellInfo = { col, tag, hasR: r !== undefined, end: tag.end };
    if (row.cells) row.cells.push(info);
    else if (!info.hasR) {
      const at = tag.start + 1 + tag.name.length;
      this.edits.push({ start: at, end: at, text: ` r="${formatA1(row.index, col)}"` });
    }
    if (tag.kind === "open") this.cell = info;
  }

  private formula(tag: Tag, cell: CellInfo, row: RowInfo): void {
    const t = attr(tag, "t");
    const ref = attr(tag, "ref");
    cell.formula = { t, ref };
    if ((t === "array" || t === "dataTable") && ref) {
      const range = parseRange(ref);
      if (range && (range.r1 !== range.r2 || range.c1 !== range.c2)) {
        this.arrayRanges.push({ master: formatA1(row.index, cell.col), range });
      }
    }
  }
}

export function scanSheet(xml: string, targetRows: Set<number>, sheetName: string, part: string): SheetScan {
  const s = new SheetScanner(targetRows);
  const scanner = new TagScanner(xml, true);
  try {
    for (let tag = scanner.next(); tag; tag = scanner.next()) s.tag(tag);
    if (s.stack.length !== 0) throw new XmlSyntaxError(`thẻ <${s.stack[s.stack.length - 1]}> không đóng`);
  } catch (e) {
    if (e instanceof XmlSyntaxError) throw new PatchError(`Trang tính "${sheetName}" (${part}) có XML hỏng: ${e.message}.`);
    throw e;
  }
  if (!s.sheetData) {
    throw new PatchError(`Trang "${sheetName}" không phải trang tính dữ liệu (không có sheetData): không ghi được ô.`);
  }
  return {
    rows: s.rows,
    colStyles: s.colStyles,
    arrayRanges: s.arrayRanges,
    dimension: s.dimension,
    sheetData: s.sheetData,
    sheetDataClose: s.sheetDataClose,
    edits: s.edits,
  };
}
