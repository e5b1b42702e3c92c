/**
 * A worksheet part's XML around its rows: the checks on a sheet's options, everything before
 * <sheetData> (known when the sheet is added, but the <dimension>), and everything after it.
 */
import { columnLetters, formatA1, MAX_COL, MAX_ROW, rangeA1 } from "../../core/a1";
import { argb, checkInt } from "./cell-text";
import { NS_MAIN, NS_REL, XML_DECL } from "./namespaces";
import type { XSheetOptions } from "./types";
import { XlsxWriteError } from "./write-error";

const DEFAULT_COL_WIDTH = 9.140625;
const DEFAULT_MARGINS = { left: 0.6, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 };

export interface CellRect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Checks a sheet's options; returns its state and print title rows. */
export function checkSheetOptions(options: XSheetOptions): { state: "visible" | "hidden"; titleRows: [number, number] | undefined } {
  const state = options.state ?? "visible";
  if (state !== "visible" && state !== "hidden") throw new XlsxWriteError(`Trạng thái trang tính không hợp lệ: "${String(state)}"`);
  const f = options.freeze;
  if (f) {
    checkInt(f.rows ?? 0, 0, MAX_ROW - 1, "Số hàng cố định");
    checkInt(f.cols ?? 0, 0, MAX_COL - 1, "Số cột cố định");
  }
  let titleRows: [number, number] | undefined;
  const t = options.print?.titleRows;
  if (t) {
    checkInt(t[0], 1, MAX_ROW, "Hàng tiêu đề in lặp lại");
    checkInt(t[1], t[0], MAX_ROW, "Hàng tiêu đề in lặp lại (hàng cuối)");
    titleRows = [t[0], t[1]];
  }
  if (options.tabColor !== undefined) argb(options.tabColor, "màu thẻ trang tính");
  options.columns?.forEach((c, i) => {
    if (c?.width !== undefined && (typeof c.width !== "number" || !(c.width >= 0 && c.width <= 255))) {
      throw new XlsxWriteError(`Độ rộng cột ${columnLetters(i + 1)} phải từ 0 đến 255 (nhận ${c.width})`);
    }
  });
  const m = options.print?.margins;
  if (m) {
    for (const [k, v] of Object.entries(m)) {
      if (v !== undefined && (typeof v !== "number" || !(v >= 0 && v < 50))) throw new XlsxWriteError(`Lề trang "${k}" không hợp lệ: ${v}`);
    }
  }
  return { state, titleRows };
}

/** From the XML declaration to <sheetPr>: what comes before the <dimension> slot. */
export function sheetStartXml(o: XSheetOptions): string {
  let head = XML_DECL + `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">`;
  const fitToWidth = !!o.print?.fitToWidth;
  if (o.tabColor !== undefined || fitToWidth) {
    head +=
      "<sheetPr>" +
      (o.tabColor !== undefined ? `<tabColor rgb="${argb(o.tabColor, "màu thẻ trang tính")}"/>` : "") +
      (fitToWidth ? '<pageSetUpPr fitToPage="1"/>' : "") +
      "</sheetPr>";
  }
  return head;
}

/** After the <dimension> slot: the view (selection, frozen panes), row format, columns, "<sheetData>". */
export function sheetHeadXml(o: XSheetOptions, selected: boolean): string {
  let head = `<sheetViews><sheetView${selected ? ' tabSelected="1"' : ""} workbookViewId="0">`;
  const fr = o.freeze?.rows ?? 0;
  const fc = o.freeze?.cols ?? 0;
  if (fr > 0 || fc > 0) {
    const pane = fr > 0 && fc > 0 ? "bottomRight" : fr > 0 ? "bottomLeft" : "topRight";
    const topLeft = formatA1(fr + 1, fc + 1);
    head +=
      `<pane${fc > 0 ? ` xSplit="${fc}"` : ""}${fr > 0 ? ` ySplit="${fr}"` : ""} topLeftCell="${topLeft}" activePane="${pane}" state="frozen"/>` +
      `<selection pane="${pane}" activeCell="${topLeft}" sqref="${topLeft}"/>`;
  }
  head += "</sheetView></sheetViews>";
  head += '<sheetFormatPr defaultRowHeight="15.75"/>';
  head += colsXml(o.columns);
  return head + "<sheetData>";
}

/** From "</sheetData>" to "</worksheet>": merges, conditional formats, page setup, the drawing. */
export function sheetTailXml(o: XSheetOptions, merges: readonly CellRect[], hasCharts: boolean): string {
  let tail = "</sheetData>";
  if (merges.length) {
    tail += `<mergeCells count="${merges.length}">`;
    for (const m of merges) tail += `<mergeCell ref="${rangeA1(m.top, m.left, m.bottom, m.right)}"/>`;
    tail += "</mergeCells>";
  }
  if (o.conditionalFormatting?.length) tail += o.conditionalFormatting.join("");
  const p = o.print ?? {};
  if (p.horizontalCentered) tail += '<printOptions horizontalCentered="1"/>';
  const mg = { ...DEFAULT_MARGINS, ...stripUndefined(p.margins ?? {}) };
  tail += `<pageMargins left="${mg.left}" right="${mg.right}" top="${mg.top}" bottom="${mg.bottom}" header="${mg.header}" footer="${mg.footer}"/>`;
  tail += `<pageSetup paperSize="9" orientation="${p.landscape ? "landscape" : "portrait"}"${p.fitToWidth ? ' fitToWidth="1" fitToHeight="0"' : ""}/>`;
  if (hasCharts) tail += '<drawing r:id="rId1"/>';
  return tail + "</worksheet>";
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

/** <cols>: runs of equal columns become one <col min max>. */
function colsXml(columns: XSheetOptions["columns"]): string {
  if (!columns || columns.length === 0) return "";
  let out = "";
  let i = 0;
  while (i < columns.length) {
    const c = columns[i];
    if (!c || (c.width === undefined && !c.hidden)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < columns.length && columns[j + 1]?.width === c.width && !!columns[j + 1]?.hidden === !!c.hidden) j++;
    const width = c.width ?? DEFAULT_COL_WIDTH;
    out += `<col min="${i + 1}" max="${j + 1}" width="${width}"${c.hidden ? ' hidden="1"' : ""}${c.width !== undefined ? ' customWidth="1"' : ""}/>`;
    i = j + 1;
  }
  return out ? `<cols>${out}</cols>` : "";
}
