/**
 * Writing the targets into one worksheet's XML: existing cells are replaced in place (style kept,
 * type and value metadata dropped), new cells and rows are inserted in order with the row's or
 * column's style, and <dimension> grows to cover them. Cells of array formulas and shared-formula
 * masters are refused: overwriting them would break other cells.
 */
import { formatA1, rangeA1 } from "../../core/a1";
import { escapeXmlAttr } from "../ooxml/xml-text";
import { PatchError } from "./patch-error";
import { scanSheet, type CellInfo, type RowInfo, type SheetScan } from "./sheet-scan";
import { inRange, parseRange, type Range, type Target } from "./target";
import { applyEdits, attr, prefixOf, renderStartTag, withAttr, type Attr, type Edit } from "./xml-tags";

/** What the per-row and per-sheet steps share. */
interface SheetContext {
  sheetName: string;
  /** The sheet's namespace prefix ("" or "x:"). */
  p: string;
  scan: SheetScan;
  edits: Edit[];
}

export function patchSheetXml(xml: string, targets: Target[], part: string): string {
  const sheetName = targets[0]!.sheet;
  const scan = scanSheet(xml, new Set(targets.map((t) => t.row)), sheetName, part);
  const ctx: SheetContext = { sheetName, p: prefixOf(scan.sheetData.name), scan, edits: scan.edits };
  refuseArrayCells(ctx, targets);

  const byRow = new Map<number, Target[]>();
  for (const t of [...targets].sort((a, b) => a.row - b.row || a.col - b.col)) {
    const list = byRow.get(t.row);
    if (list) list.push(t);
    else byRow.set(t.row, [t]);
  }
  const rowByIndex = new Map<number, RowInfo>();
  for (const r of scan.rows) if (!rowByIndex.has(r.index)) rowByIndex.set(r.index, r);
  for (const r of scan.rows) patchRow(ctx, r, rowByIndex.get(r.index) === r ? byRow.get(r.index) : undefined);
  insertMissingRows(ctx, byRow, rowByIndex);
  growDimension(ctx, targets);
  return applyEdits(xml, ctx.edits);
}

function refuseArrayCells(ctx: SheetContext, targets: Target[]): void {
  for (const t of targets) {
    const arr = ctx.scan.arrayRanges.find((a) => inRange(a.range, t.row, t.col));
    if (arr) {
      throw new PatchError(
        `Ô ${t.ref} trên trang "${ctx.sheetName}" thuộc công thức mảng/bảng dữ liệu ${rangeA1(arr.range.r1, arr.range.c1, arr.range.r2, arr.range.c2)} (ô gốc ${arr.master}); không thể ghi đè một phần của vùng này.`,
      );
    }
  }
}

/** The style a new cell takes: the row's when it has a custom format, else its column's. */
function cellStyleFor(scan: SheetScan, r: RowInfo | undefined, col: number): string | undefined {
  if (r) {
    const cf = attr(r.tag, "customFormat");
    const s = attr(r.tag, "s");
    if (s !== undefined && (cf === "1" || cf === "true")) return s;
  }
  return scan.colStyles.find((c) => col >= c.min && col <= c.max)?.style;
}

/** One existing row: a missing `r` added (on the row and its other cells), its targets written. */
function patchRow(ctx: SheetContext, r: RowInfo, list: Target[] | undefined): void {
  const edits = ctx.edits;
  let attrs = r.tag.attrs;
  if (!r.hasR) attrs = withAttr(attrs, "r", String(r.index));
  const cells = r.cells ?? [];
  for (const c of cells) {
    if (!c.hasR && !list?.some((t) => t.col === c.col)) {
      const at = c.tag.start + 1 + c.tag.name.length;
      edits.push({ start: at, end: at, text: ` r="${formatA1(r.index, c.col)}"` });
    }
  }
  if (!list) {
    if (attrs !== r.tag.attrs)
      edits.push({ start: r.tag.start, end: r.tag.end, text: renderStartTag(r.tag.name, attrs, r.tag.kind === "empty") });
    return;
  }
  const inserts = rowCellEdits(ctx, r, cells, list);
  // Keep the row's spans hint truthful (it is optional: drop it when a new column falls outside).
  const spans = attr(r.tag, "spans");
  if (spans !== undefined && list.some((t) => !cells.some((c) => c.col === t.col) && !inSpans(spans, t.col))) {
    attrs = attrs.filter((a) => a.name !== "spans");
  }
  if (r.tag.kind === "empty") {
    const inner = [...inserts.values()].join("");
    edits.push({ start: r.tag.start, end: r.tag.end, text: renderStartTag(r.tag.name, attrs, false) + inner + `</${r.tag.name}>` });
  } else {
    if (attrs !== r.tag.attrs) edits.push({ start: r.tag.start, end: r.tag.end, text: renderStartTag(r.tag.name, attrs, false) });
    for (const [at, text] of inserts) edits.push({ start: at, end: at, text });
  }
}

/** Replaces the row's existing target cells (edits); returns the new cells' XML by insertion offset. */
function rowCellEdits(ctx: SheetContext, r: RowInfo, cells: CellInfo[], list: Target[]): Map<number, string> {
  const { p } = ctx;
  const inserts = new Map<number, string>(); // offset → new cells' XML
  for (const t of list) {
    const existing = cells.find((c) => c.col === t.col);
    if (existing) {
      if (existing.formula?.t === "shared" && existing.formula.ref !== undefined) {
        throw new PatchError(
          `Ô ${t.ref} trên trang "${ctx.sheetName}" là ô gốc của một công thức dùng chung (shared formula, vùng ${existing.formula.ref}); ghi đè ô này sẽ làm hỏng công thức của các ô phụ thuộc. Hãy sửa ô này trực tiếp trong Excel.`,
        );
      }
      ctx.edits.push({
        start: existing.tag.start,
        end: existing.end,
        text: cellXml(p, existing.tag.name, t, existing.tag.attrs, undefined),
      });
      continue;
    }
    const next = cells.find((c) => c.col > t.col);
    const at = next ? next.tag.start : r.closeStart;
    const text = cellXml(p, `${p}c`, t, undefined, cellStyleFor(ctx.scan, r, t.col));
    inserts.set(at, (inserts.get(at) ?? "") + text);
  }
  return inserts;
}

/** Rows no existing <row> holds, inserted in row order. */
function insertMissingRows(ctx: SheetContext, byRow: Map<number, Target[]>, rowByIndex: Map<number, RowInfo>): void {
  const { p, scan } = ctx;
  const sheetData = scan.sheetData;
  const rowInserts = new Map<number, string>();
  for (const [index, list] of byRow) {
    if (rowByIndex.has(index)) continue;
    const next = scan.rows.find((r) => r.index > index);
    const at = next ? next.tag.start : sheetData.kind === "empty" ? sheetData.end : scan.sheetDataClose;
    const cellsXml = list.map((t) => cellXml(p, `${p}c`, t, undefined, cellStyleFor(scan, undefined, t.col))).join("");
    rowInserts.set(at, (rowInserts.get(at) ?? "") + `<${p}row r="${index}">${cellsXml}</${p}row>`);
  }
  if (sheetData.kind === "empty") {
    const inner = [...rowInserts.values()].join("");
    ctx.edits.push({
      start: sheetData.start,
      end: sheetData.end,
      text: renderStartTag(sheetData.name, sheetData.attrs, false) + inner + `</${sheetData.name}>`,
    });
  } else {
    for (const [at, text] of rowInserts) ctx.edits.push({ start: at, end: at, text });
  }
}

/** <dimension> grown to cover the patched cells. */
function growDimension(ctx: SheetContext, targets: Target[]): void {
  const dimension = ctx.scan.dimension;
  if (!dimension) return;
  const ref = attr(dimension, "ref");
  const cur = ref ? parseRange(ref) : undefined;
  const next: Range = cur ? { ...cur } : { r1: targets[0]!.row, c1: targets[0]!.col, r2: targets[0]!.row, c2: targets[0]!.col };
  for (const t of targets) {
    next.r1 = Math.min(next.r1, t.row);
    next.c1 = Math.min(next.c1, t.col);
    next.r2 = Math.max(next.r2, t.row);
    next.c2 = Math.max(next.c2, t.col);
  }
  if (!cur || cur.r1 !== next.r1 || cur.c1 !== next.c1 || cur.r2 !== next.r2 || cur.c2 !== next.c2) {
    const a = formatA1(next.r1, next.c1);
    const b = formatA1(next.r2, next.c2);
    const text = renderStartTag(dimension.name, withAttr(dimension.attrs, "ref", a === b ? a : `${a}:${b}`), dimension.kind === "empty");
    ctx.edits.push({ start: dimension.start, end: dimension.end, text });
  }
}

function inSpans(spans: string, col: number): boolean {
  return spans
    .trim()
    .split(/\s+/)
    .some((s) => {
      const [a, b] = s.split(":").map(Number);
      return a !== undefined && col >= a && col <= (b ?? a);
    });
}

/** Attributes dropped when a cell's content is replaced: type, cell/value metadata (dynamic arrays, rich values). */
const DROPPED_CELL_ATTRS = new Set(["t", "cm", "vm"]);

function cellXml(p: string, name: string, t: Target, existing: Attr[] | undefined, style: string | undefined): string {
  let attrs: Attr[];
  if (existing) {
    attrs = existing.filter((a) => !DROPPED_CELL_ATTRS.has(a.name));
    if (attrs.some((a) => a.name === "r")) attrs = withAttr(attrs, "r", t.ref);
    else attrs = [{ name: "r", raw: t.ref, quote: '"' }, ...attrs];
  } else {
    attrs = [{ name: "r", raw: t.ref, quote: '"' }];
    if (style !== undefined) attrs.push({ name: "s", raw: escapeXmlAttr(style), quote: '"' });
  }
  const v = t.value === null ? "" : `<${p}v>${String(t.value)}</${p}v>`;
  // Quotes escaped too (&quot;), as this patcher always wrote them.
  const f = t.formula === undefined ? "" : `<${p}f>${escapeXmlAttr(t.formula)}</${p}f>`;
  const inner = f + v;
  return inner === "" ? renderStartTag(name, attrs, true) : renderStartTag(name, attrs, false) + inner + `</${name}>`;
}
