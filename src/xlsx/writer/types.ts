/** The fast writer's public shapes (re-exported by fast-writer.ts). */

/** Cell format. Fonts default to Times New Roman 12; colors are RGB hex ("FF0000", "#FF0000") or ARGB. */
export interface XStyle {
  font?: string;
  size?: number;
  bold?: boolean;
  italic?: boolean;
  color?: string;
  /** Solid fill color. */
  fill?: string;
  /** Thin black box. */
  border?: boolean;
  hAlign?: "left" | "center" | "right";
  vAlign?: "top" | "middle" | "bottom";
  wrap?: boolean;
  /** Number format code: "#,##0", "0.00", "0.00%", "@"… (built-in codes get their built-in ids). */
  numFmt?: string;
}

export type XValue = number | string | boolean | null | undefined | XText | { formula: string; result?: number | string | boolean | null };

/**
 * A text written in many cells (XlsxWriter.text): the same cells as the string itself, its
 * shared-string entry looked up once instead of at every cell.
 */
export class XText {
  /** @internal Shared-string index once first written (-1: empty text). */
  index: number | undefined = undefined;
  /** @internal */
  constructor(
    readonly text: string,
    /** @internal The writer whose table the index belongs to. */
    readonly owner: object,
  ) {}
}

export interface XCell {
  /** 1-based column (1 = A). */
  col: number;
  value: XValue;
  /** Index returned by XlsxWriter.style(); 0 (default) is the plain style. */
  style?: number;
}

/**
 * Cells of consecutive columns from `col`, one per value (a detail sheet's 3,321 unit columns):
 * the same cells as one XCell each ({ col: col + i, value: values[i], style }), written without
 * an object per cell. `style`: one for every cell, or one per cell.
 */
export interface XRun {
  col: number;
  values: readonly XValue[];
  style?: number | readonly number[];
  /**
   * The caller's promise that the run's values and styles stay as they are: written again in a row
   * of the same number (another sheet's head row), its first writing's bytes are copied.
   */
  same?: boolean;
}

export interface XSheetOptions {
  /** Column widths (Excel character units) and hidden columns; index 0 = column A. */
  columns?: ({ width?: number; hidden?: boolean } | undefined)[];
  /** Freeze this many top rows and/or left columns. */
  freeze?: { rows?: number; cols?: number };
  /** A4 page setup. titleRows [first, last] repeat on every printed page. */
  print?: {
    landscape?: boolean;
    fitToWidth?: boolean;
    titleRows?: [number, number];
    horizontalCentered?: boolean;
    /** Inches; default left 0.6, right 0.4, top 0.6, bottom 0.6, header 0.3, footer 0.3. */
    margins?: { left?: number; right?: number; top?: number; bottom?: number; header?: number; footer?: number };
  };
  state?: "visible" | "hidden";
  tabColor?: string;
  /** Raw <conditionalFormatting> elements (data bars, colour scales), written after the merges. */
  conditionalFormatting?: string[];
  /** Native charts over the sheet: each a DrawingML chart part (<c:chartSpace>) and its cell anchor (0-based). */
  charts?: XChart[];
}

/** A chart drawn over a sheet, from cell (col, row) to cell (col, row), 0-based like DrawingML. */
export interface XChart {
  xml: string;
  from: { col: number; row: number };
  to: { col: number; row: number };
  name?: string;
}

export interface XWriterOptions {
  creator?: string;
  title?: string;
  /** Creation time in docProps/core.xml and the zip entries; default now. */
  created?: Date;
  /** DEFLATE level (1–9) for parts over 256 KB, i.e. the big sheets; default 1. Small parts use 6. */
  level?: number;
  /** "auto": Node's zlib when available, else fflate; "fflate": always fflate (tests). */
  deflater?: "auto" | "fflate";
  /**
   * Compress the big sheets on other threads (Node's zlib thread pool) while the next sheets are
   * written; finishAsync() waits for them (finish() compresses them again itself). The same bytes
   * either way. Ignored without Node's zlib.
   */
  background?: boolean;
  /**
   * Marks the workbook as written by this tool (e.g. "tong-hop" for a consolidation): a hidden
   * defined name and a custom document property, both kept by Excel and LibreOffice when the
   * file is re-saved, so that the tool recognises its own output among units' files.
   */
  origin?: { name: string; value: string };
}

export interface XSheetWriter {
  readonly name: string;
  /**
   * Writes one row. Rows must come in increasing row order, cells within a
   * row in increasing column order (undefined entries are skipped). `height`
   * is in points; a row `style` applies to the row's empty cells only. An XRun stands for its cells.
   */
  row(index: number, cells: readonly (XCell | XRun | undefined)[], options?: { height?: number; style?: number }): void;
  /** Merges a rectangle (1-based, inclusive). Single cells are ignored; overlaps throw. */
  merge(top: number, left: number, bottom: number, right: number): void;
  /** Ends the sheet (compresses it and frees its XML). Optional: finish() ends open sheets. */
  end(): void;
}
