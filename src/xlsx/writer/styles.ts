/**
 * The writer's style table (xl/styles.xml): each distinct XStyle becomes one cellXfs entry, fonts,
 * fills and number formats shared between them; built-in number formats keep their built-in ids.
 */
import { escapeXmlAttr } from "../ooxml/xml-text";
import { argb, cleanText } from "./cell-text";
import { NS_MAIN, XML_DECL } from "./namespaces";
import type { XStyle } from "./types";
import { XlsxWriteError } from "./write-error";

const DEFAULT_FONT = "Times New Roman";
const DEFAULT_SIZE = 12;

const BUILTIN_IDS = new Map<string, number>([
  ["General", 0],
  ["0", 1],
  ["0.00", 2],
  ["#,##0", 3],
  ["#,##0.00", 4],
  ["0%", 9],
  ["0.00%", 10],
  ["0.00E+00", 11],
  ["@", 49],
]);

/** A style's checked fields, in the order of its identity key. */
interface CheckedStyle {
  font: string;
  size: number;
  color?: string;
  fill?: string;
  numFmt: string;
  hAlign?: "left" | "center" | "right";
  vAlign?: "top" | "middle" | "bottom";
}

function checkStyle(s: XStyle): CheckedStyle {
  const font = s.font === undefined ? DEFAULT_FONT : cleanText(s.font).trim();
  if (!font || font.length > 31) throw new XlsxWriteError(`Tên phông chữ không hợp lệ: "${s.font}"`);
  const size = s.size ?? DEFAULT_SIZE;
  if (typeof size !== "number" || !(size >= 1 && size <= 409)) throw new XlsxWriteError(`Cỡ chữ phải từ 1 đến 409 (nhận ${s.size})`);
  const color = s.color === undefined ? undefined : argb(s.color, "màu chữ");
  const fill = s.fill === undefined ? undefined : argb(s.fill, "màu nền");
  let numFmt = s.numFmt === undefined || s.numFmt === "" ? "General" : s.numFmt;
  if (typeof numFmt !== "string" || numFmt.length > 255) throw new XlsxWriteError(`Định dạng số không hợp lệ: "${String(s.numFmt)}"`);
  if (numFmt.toLowerCase() === "general") numFmt = "General";
  const hAlign = s.hAlign;
  const vAlign = s.vAlign;
  if (hAlign !== undefined && hAlign !== "left" && hAlign !== "center" && hAlign !== "right") {
    throw new XlsxWriteError(`Căn lề ngang không hợp lệ: "${String(hAlign)}"`);
  }
  if (vAlign !== undefined && vAlign !== "top" && vAlign !== "middle" && vAlign !== "bottom") {
    throw new XlsxWriteError(`Căn lề dọc không hợp lệ: "${String(vAlign)}"`);
  }
  return { font, size, color, fill, numFmt, hAlign, vAlign };
}

export class StyleTable {
  private readonly styleIds = new Map<string, number>();
  private readonly xfs: string[] = [];
  private readonly fonts: string[] = [];
  private readonly fontIds = new Map<string, number>();
  private readonly fills: string[] = [
    '<fill><patternFill patternType="none"/></fill>',
    '<fill><patternFill patternType="gray125"/></fill>',
  ];
  private readonly fillIds = new Map<string, number>();
  private readonly numFmts = new Map<string, number>();
  /** Set by the workbook when it is finished: no new styles after that. */
  closed = false;

  /** Number of registered styles (valid XCell.style values are 0 … count-1). */
  get count(): number {
    return this.xfs.length;
  }

  /** Registers a style (once per distinct style) and returns its cellXfs index. */
  add(s: XStyle): number {
    const c = checkStyle(s);
    const key = JSON.stringify([c.font, c.size, !!s.bold, !!s.italic, c.color, c.fill, !!s.border, c.hAlign, c.vAlign, !!s.wrap, c.numFmt]);
    const known = this.styleIds.get(key);
    if (known !== undefined) return known;
    if (this.closed) throw new XlsxWriteError("Tệp đã được hoàn tất, không thêm kiểu định dạng được nữa");
    const fontId = this.fontId(s, c);
    const fillId = c.fill ? this.fillId(c.fill) : 0;
    const borderId = s.border ? 1 : 0;
    const numFmtId = this.numFmtId(c.numFmt);
    const align = c.hAlign !== undefined || c.vAlign !== undefined || !!s.wrap;
    let xf =
      `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"` +
      (numFmtId ? ' applyNumberFormat="1"' : "") +
      (fontId ? ' applyFont="1"' : "") +
      (fillId ? ' applyFill="1"' : "") +
      (borderId ? ' applyBorder="1"' : "") +
      (align ? ' applyAlignment="1"' : "");
    if (align) {
      xf +=
        "><alignment" +
        (c.hAlign ? ` horizontal="${c.hAlign}"` : "") +
        (c.vAlign ? ` vertical="${c.vAlign === "middle" ? "center" : c.vAlign}"` : "") +
        (s.wrap ? ' wrapText="1"' : "") +
        "/></xf>";
    } else {
      xf += "/>";
    }
    const id = this.xfs.length;
    this.xfs.push(xf);
    this.styleIds.set(key, id);
    return id;
  }

  private fontId(s: XStyle, c: CheckedStyle): number {
    const fontXml =
      "<font>" +
      (s.bold ? "<b/>" : "") +
      (s.italic ? "<i/>" : "") +
      `<sz val="${c.size}"/>` +
      (c.color ? `<color rgb="${c.color}"/>` : "") +
      `<name val="${escapeXmlAttr(c.font)}"/>` +
      "</font>";
    let fontId = this.fontIds.get(fontXml);
    if (fontId === undefined) {
      fontId = this.fonts.length;
      this.fonts.push(fontXml);
      this.fontIds.set(fontXml, fontId);
    }
    return fontId;
  }

  private fillId(fill: string): number {
    const fillXml = `<fill><patternFill patternType="solid"><fgColor rgb="${fill}"/><bgColor indexed="64"/></patternFill></fill>`;
    let id = this.fillIds.get(fillXml);
    if (id === undefined) {
      id = this.fills.length;
      this.fills.push(fillXml);
      this.fillIds.set(fillXml, id);
    }
    return id;
  }

  private numFmtId(numFmt: string): number {
    let numFmtId = BUILTIN_IDS.get(numFmt) ?? this.numFmts.get(numFmt);
    if (numFmtId === undefined) {
      numFmtId = 164 + this.numFmts.size;
      this.numFmts.set(numFmt, numFmtId);
    }
    return numFmtId;
  }

  /** xl/styles.xml. */
  xml(): string {
    let numFmts = "";
    for (const [code, id] of this.numFmts) numFmts += `<numFmt numFmtId="${id}" formatCode="${escapeXmlAttr(code)}"/>`;
    return (
      XML_DECL +
      `<styleSheet xmlns="${NS_MAIN}">` +
      (this.numFmts.size ? `<numFmts count="${this.numFmts.size}">${numFmts}</numFmts>` : "") +
      `<fonts count="${this.fonts.length}">${this.fonts.join("")}</fonts>` +
      `<fills count="${this.fills.length}">${this.fills.join("")}</fills>` +
      '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>' +
      '<border><left style="thin"><color rgb="FF000000"/></left><right style="thin"><color rgb="FF000000"/></right>' +
      '<top style="thin"><color rgb="FF000000"/></top><bottom style="thin"><color rgb="FF000000"/></bottom><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfs.length}">${this.xfs.join("")}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
      "</styleSheet>"
    );
  }
}
