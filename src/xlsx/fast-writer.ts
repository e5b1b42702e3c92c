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
 *   at level 1 on these parts), fflate elsewhere. The zip container is written
 *   here: parts are compressed in one shot, so sizes and CRCs are known up
 *   front (no data descriptors, no zip64), and [Content_Types].xml comes first.
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
import { deflateSync } from "fflate";
import { crc32 } from "./zip-raw";

// ---------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------

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

export type XValue = number | string | boolean | null | undefined | { formula: string; result?: number | string | boolean | null };

export interface XCell {
  /** 1-based column (1 = A). */
  col: number;
  value: XValue;
  /** Index returned by XlsxWriter.style(); 0 (default) is the plain style. */
  style?: number;
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
   * is in points; a row `style` applies to the row's empty cells only.
   */
  row(index: number, cells: readonly (XCell | undefined)[], options?: { height?: number; style?: number }): void;
  /** Merges a rectangle (1-based, inclusive). Single cells are ignored; overlaps throw. */
  merge(top: number, left: number, bottom: number, right: number): void;
  /** Ends the sheet (compresses it and frees its XML). Optional: finish() ends open sheets. */
  end(): void;
}

/** Every error of the writer (bad sheet name, NaN, rows out of order…); the message is Vietnamese. */
export class XlsxWriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "XlsxWriteError";
  }
}

/** A sheet name as it must appear in a formula or defined name: 'Chi tiết 1', 'O''Brien', Sheet1. */
export function quoteSheetName(name: string): string {
  const plain =
    /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) &&
    !/^[A-Za-z]{1,3}[0-9]+$/.test(name) &&
    !/^[Rr][0-9]*([Cc][0-9]*)?$|^[Cc][0-9]*$/.test(name) &&
    !/^(true|false)$/i.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

export class XlsxWriter {
  private readonly creator: string;
  private readonly title: string;
  private readonly origin: { name: string; value: string } | undefined;
  private readonly created: Date;
  private readonly level: number;
  private readonly deflater: Deflater;
  private readonly sheets: SheetWriter[] = [];
  private readonly styleIds = new Map<string, number>();
  private readonly xfs: string[] = [];
  private readonly fonts: string[] = [];
  private readonly fontIds = new Map<string, number>();
  private readonly fills: string[] = [];
  private readonly fillIds = new Map<string, number>();
  private readonly numFmts = new Map<string, number>();
  /** Shared strings: raw or cleaned text → index. */
  private readonly sst = new Map<string, number>();
  private readonly sstList: string[] = [];
  /** Shared-string references written (sharedStrings count). */
  private sstRefs = 0;
  private finished = false;
  private readonly pool: Uint8Array[] = [];

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
    const level = options.level ?? 1;
    if (!Number.isInteger(level) || level < 0 || level > 9)
      throw new XlsxWriteError(`Mức nén phải là số nguyên từ 0 đến 9 (nhận ${level})`);
    this.level = level;
    this.deflater = pickDeflater(options.deflater ?? "auto");
    this.fills.push('<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>');
    this.style({}); // xf 0: Times New Roman 12, General
  }

  /** Registers a style (once per distinct style) and returns its cellXfs index for XCell.style. */
  style(s: XStyle): number {
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
    const key = JSON.stringify([font, size, !!s.bold, !!s.italic, color, fill, !!s.border, hAlign, vAlign, !!s.wrap, numFmt]);
    const known = this.styleIds.get(key);
    if (known !== undefined) return known;
    if (this.finished) throw new XlsxWriteError("Tệp đã được hoàn tất, không thêm kiểu định dạng được nữa");

    // font
    const fontXml =
      "<font>" +
      (s.bold ? "<b/>" : "") +
      (s.italic ? "<i/>" : "") +
      `<sz val="${size}"/>` +
      (color ? `<color rgb="${color}"/>` : "") +
      `<name val="${escapeAttr(font)}"/>` +
      "</font>";
    let fontId = this.fontIds.get(fontXml);
    if (fontId === undefined) {
      fontId = this.fonts.length;
      this.fonts.push(fontXml);
      this.fontIds.set(fontXml, fontId);
    }
    // fill
    let fillId = 0;
    if (fill) {
      const fillXml = `<fill><patternFill patternType="solid"><fgColor rgb="${fill}"/><bgColor indexed="64"/></patternFill></fill>`;
      let id = this.fillIds.get(fillXml);
      if (id === undefined) {
        id = this.fills.length;
        this.fills.push(fillXml);
        this.fillIds.set(fillXml, id);
      }
      fillId = id;
    }
    const borderId = s.border ? 1 : 0;
    // number format
    let numFmtId = BUILTIN_IDS.get(numFmt) ?? this.numFmts.get(numFmt);
    if (numFmtId === undefined) {
      numFmtId = 164 + this.numFmts.size;
      this.numFmts.set(numFmt, numFmtId);
    }
    const align = hAlign !== undefined || vAlign !== undefined || !!s.wrap;
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
        (hAlign ? ` horizontal="${hAlign}"` : "") +
        (vAlign ? ` vertical="${vAlign === "middle" ? "center" : vAlign}"` : "") +
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
    if (this.finished) throw new XlsxWriteError("Tệp đã được hoàn tất (finish() chỉ gọi một lần)");
    if (this.sheets.length === 0) throw new XlsxWriteError("Tệp Excel phải có ít nhất một trang tính");
    const firstVisible = this.sheets.findIndex((s) => s.state === "visible");
    if (firstVisible < 0) throw new XlsxWriteError("Tệp Excel phải có ít nhất một trang tính không bị ẩn");
    for (const s of this.sheets) s.end();
    this.finished = true;
    this.pool.length = 0;

    const n = this.sheets.length;
    const files: ZipFile[] = [];
    const add = (name: string, xml: string): void => {
      files.push(this.compress(name, utf8(xml)));
    };

    let types =
      XML_DECL +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>';
    for (let i = 1; i <= n; i++) {
      types += `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`;
    }
    const drawings = this.drawingParts();
    for (const d of drawings) {
      types += `<Override PartName="/xl/drawings/drawing${d.number}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>`;
      for (const c of d.charts)
        types += `<Override PartName="/xl/charts/chart${c.number}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`;
    }
    types +=
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
      '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
      (this.origin
        ? '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>'
        : "") +
      "</Types>";
    add("[Content_Types].xml", types);

    add(
      "_rels/.rels",
      XML_DECL +
        `<Relationships xmlns="${NS_PKG_REL}">` +
        `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/>` +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
        `<Relationship Id="rId3" Type="${NS_REL}/extended-properties" Target="docProps/app.xml"/>` +
        (this.origin ? `<Relationship Id="rId4" Type="${NS_REL}/custom-properties" Target="docProps/custom.xml"/>` : "") +
        "</Relationships>",
    );
    if (this.origin) {
      add(
        "docProps/custom.xml",
        XML_DECL +
          '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
          `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="${escapeAttr(this.origin.name)}"><vt:lpwstr>${escapeText(this.origin.value)}</vt:lpwstr></property>` +
          "</Properties>",
      );
    }

    const when = this.created.toISOString().replace(/\.\d{3}Z$/, "Z");
    add(
      "docProps/core.xml",
      XML_DECL +
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
        (this.title ? `<dc:title>${escapeText(this.title)}</dc:title>` : "") +
        (this.creator
          ? `<dc:creator>${escapeText(this.creator)}</dc:creator><cp:lastModifiedBy>${escapeText(this.creator)}</cp:lastModifiedBy>`
          : "") +
        `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
        `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
        "</cp:coreProperties>",
    );

    let titles = "";
    for (const s of this.sheets) titles += `<vt:lpstr>${escapeText(s.name)}</vt:lpstr>`;
    add(
      "docProps/app.xml",
      XML_DECL +
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
        "<Application>Biểu mẫu CCHC</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>" +
        `<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${n}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
        `<TitlesOfParts><vt:vector size="${n}" baseType="lpstr">${titles}</vt:vector></TitlesOfParts>` +
        "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0300</AppVersion>" +
        "</Properties>",
    );

    let sheetsXml = "";
    let defined = "";
    let rels = "";
    this.sheets.forEach((s, i) => {
      sheetsXml += `<sheet name="${escapeAttr(s.name)}" sheetId="${i + 1}"${s.state === "hidden" ? ' state="hidden"' : ""} r:id="rId${i + 1}"/>`;
      rels += `<Relationship Id="rId${i + 1}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`;
      const t = s.titleRows;
      if (t)
        defined += `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${escapeText(quoteSheetName(s.name))}!$${t[0]}:$${t[1]}</definedName>`;
    });
    if (this.origin)
      defined += `<definedName name="${escapeAttr(this.origin.name)}" hidden="1">"${escapeText(this.origin.value)}"</definedName>`;
    add(
      "xl/workbook.xml",
      XML_DECL +
        `<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
        "<workbookPr/>" +
        `<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300" activeTab="${firstVisible}"/></bookViews>` +
        `<sheets>${sheetsXml}</sheets>` +
        (defined ? `<definedNames>${defined}</definedNames>` : "") +
        '<calcPr calcId="191029" fullCalcOnLoad="1"/>' +
        "</workbook>",
    );
    add(
      "xl/_rels/workbook.xml.rels",
      XML_DECL +
        `<Relationships xmlns="${NS_PKG_REL}">${rels}` +
        `<Relationship Id="rId${n + 1}" Type="${NS_REL}/styles" Target="styles.xml"/>` +
        `<Relationship Id="rId${n + 2}" Type="${NS_REL}/sharedStrings" Target="sharedStrings.xml"/>` +
        "</Relationships>",
    );
    add("xl/styles.xml", this.stylesXml());

    const sst: string[] = [XML_DECL, `<sst xmlns="${NS_MAIN}" count="${this.sstRefs}" uniqueCount="${this.sstList.length}">`];
    for (const t of this.sstList)
      sst.push(needsPreserve(t) ? `<si><t xml:space="preserve">${escapeCellText(t)}</t></si>` : `<si><t>${escapeCellText(t)}</t></si>`);
    sst.push("</sst>");
    add("xl/sharedStrings.xml", sst.join(""));

    for (const s of this.sheets) files.push(s.part!);
    for (const d of drawings) {
      add(
        `xl/worksheets/_rels/sheet${d.sheet}.xml.rels`,
        XML_DECL +
          `<Relationships xmlns="${NS_PKG_REL}"><Relationship Id="rId1" Type="${NS_REL}/drawing" Target="../drawings/drawing${d.number}.xml"/></Relationships>`,
      );
      add(`xl/drawings/drawing${d.number}.xml`, drawingXml(d.charts));
      add(
        `xl/drawings/_rels/drawing${d.number}.xml.rels`,
        XML_DECL +
          `<Relationships xmlns="${NS_PKG_REL}">` +
          d.charts
            .map((c, i) => `<Relationship Id="rId${i + 1}" Type="${NS_REL}/chart" Target="../charts/chart${c.number}.xml"/>`)
            .join("") +
          "</Relationships>",
      );
      for (const c of d.charts)
        add(`xl/charts/chart${c.number}.xml`, c.chart.xml.startsWith("<?xml") ? c.chart.xml : XML_DECL + c.chart.xml);
    }
    return zipFiles(files, this.created);
  }

  /** Sheets with charts: their drawing part number and their charts' global numbers. */
  private drawingParts(): { sheet: number; number: number; charts: { number: number; chart: XChart }[] }[] {
    const out: { sheet: number; number: number; charts: { number: number; chart: XChart }[] }[] = [];
    let chartNo = 0;
    this.sheets.forEach((s, i) => {
      const charts = s.charts;
      if (!charts.length) return;
      out.push({ sheet: i + 1, number: out.length + 1, charts: charts.map((chart) => ({ number: ++chartNo, chart })) });
    });
    return out;
  }

  // --- internals used by SheetWriter -------------------------------------

  /** @internal Number of registered styles (valid XCell.style values are 0 … count-1). */
  get styleCount(): number {
    return this.xfs.length;
  }

  /** @internal A sheet buffer: reused across sheets so its pages are touched only once. */
  takeBuffer(): Uint8Array {
    return this.pool.pop() ?? new Uint8Array(BLOCK);
  }

  /** @internal */
  releaseBuffer(b: Uint8Array): void {
    this.pool.push(b);
  }

  /** @internal Shared-string index of a text value (counted as one reference), or -1 for empty text. */
  stringIndex(raw: string): number {
    let i = this.sst.get(raw);
    if (i === undefined) {
      const clean = cleanText(raw);
      if (clean === "") return -1;
      i = this.sst.get(clean);
      if (i === undefined) {
        i = this.sstList.length;
        this.sstList.push(clean);
        this.sst.set(clean, i);
      }
      this.sst.set(raw, i);
    }
    this.sstRefs++;
    return i;
  }

  /** @internal */
  compress(name: string, data: Uint8Array): ZipFile {
    const level = data.length > 256 * 1024 ? this.level : 6;
    const comp = level === 0 ? data : this.deflater.deflate(data, level);
    return { name, data: comp, method: level === 0 ? 0 : 8, size: data.length, crc: this.deflater.crc32(data) };
  }

  private stylesXml(): string {
    let numFmts = "";
    for (const [code, id] of this.numFmts) numFmts += `<numFmt numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`;
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

// ---------------------------------------------------------------------------
// Sheets
// ---------------------------------------------------------------------------

const MAX_ROW = 1048576;
const MAX_COL = 16384;
const BLOCK = 1 << 20;
/** Room for <dimension ref="A1:XFD1048576"/>. */
const DIM_SLOT = 32;
/** Bytes a simple cell can take: <c r="XFD1048576" s="4294967295" t="s"><v>-1.2345678901234567e-308</v></c> */
const CELL_MAX = 96;

class SheetWriter implements XSheetWriter {
  readonly state: "visible" | "hidden";
  readonly charts: XChart[];
  readonly titleRows: [number, number] | undefined;
  /** The compressed part once ended. */
  part: ZipFile | undefined;
  /** The part's XML so far (header, then rows); grows by doubling. */
  private buf: Uint8Array;
  private pos = 0;
  /** Where the padded <dimension> slot starts. */
  private readonly dimAt: number;
  private lastRow = 0;
  private minRow = 0;
  private maxRow = 0;
  private minCol = MAX_COL + 1;
  private maxCol = 0;
  private readonly merges: CellRangeT[] = [];
  private readonly options: XSheetOptions;

  constructor(
    private readonly wb: XlsxWriter,
    readonly name: string,
    private readonly number: number,
    options: XSheetOptions,
    selected: boolean,
  ) {
    this.options = options;
    this.charts = options.charts ?? [];
    const state = options.state ?? "visible";
    if (state !== "visible" && state !== "hidden") throw new XlsxWriteError(`Trạng thái trang tính không hợp lệ: "${String(state)}"`);
    this.state = state;
    const f = options.freeze;
    if (f) {
      checkInt(f.rows ?? 0, 0, MAX_ROW - 1, "Số hàng cố định");
      checkInt(f.cols ?? 0, 0, MAX_COL - 1, "Số cột cố định");
    }
    const t = options.print?.titleRows;
    if (t) {
      checkInt(t[0], 1, MAX_ROW, "Hàng tiêu đề in lặp lại");
      checkInt(t[1], t[0], MAX_ROW, "Hàng tiêu đề in lặp lại (hàng cuối)");
      this.titleRows = [t[0], t[1]];
    }
    if (options.tabColor !== undefined) argb(options.tabColor, "màu thẻ trang tính");
    options.columns?.forEach((c, i) => {
      if (c?.width !== undefined && (typeof c.width !== "number" || !(c.width >= 0 && c.width <= 255))) {
        throw new XlsxWriteError(`Độ rộng cột ${colName(i + 1)} phải từ 0 đến 255 (nhận ${c.width})`);
      }
    });
    const m = options.print?.margins;
    if (m) {
      for (const [k, v] of Object.entries(m)) {
        if (v !== undefined && (typeof v !== "number" || !(v >= 0 && v < 50)))
          throw new XlsxWriteError(`Lề trang "${k}" không hợp lệ: ${v}`);
      }
    }

    // Everything before <sheetData> is known now but the dimension, which gets a padded slot.
    const o = options;
    let head = XML_DECL + `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">`;
    const fitToWidth = !!o.print?.fitToWidth;
    if (o.tabColor !== undefined || fitToWidth) {
      head +=
        "<sheetPr>" +
        (o.tabColor !== undefined ? `<tabColor rgb="${argb(o.tabColor, "màu thẻ trang tính")}"/>` : "") +
        (fitToWidth ? '<pageSetUpPr fitToPage="1"/>' : "") +
        "</sheetPr>";
    }
    this.buf = wb.takeBuffer();
    this.putText(head);
    this.dimAt = this.pos;
    this.putText(" ".repeat(DIM_SLOT));
    head = `<sheetViews><sheetView${selected ? ' tabSelected="1"' : ""} workbookViewId="0">`;
    const fr = o.freeze?.rows ?? 0;
    const fc = o.freeze?.cols ?? 0;
    if (fr > 0 || fc > 0) {
      const pane = fr > 0 && fc > 0 ? "bottomRight" : fr > 0 ? "bottomLeft" : "topRight";
      const topLeft = `${colName(fc + 1)}${fr + 1}`;
      head +=
        `<pane${fc > 0 ? ` xSplit="${fc}"` : ""}${fr > 0 ? ` ySplit="${fr}"` : ""} topLeftCell="${topLeft}" activePane="${pane}" state="frozen"/>` +
        `<selection pane="${pane}" activeCell="${topLeft}" sqref="${topLeft}"/>`;
    }
    head += "</sheetView></sheetViews>";
    head += '<sheetFormatPr defaultRowHeight="15.75"/>';
    head += colsXml(o.columns);
    head += "<sheetData>";
    this.putText(head);
  }

  row(index: number, cells: readonly (XCell | undefined)[], options?: { height?: number; style?: number }): void {
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
    const styleCount = this.wb.styleCount;
    const rs = String(index);
    let head = '<row r="' + rs + '"';
    let rowHasFormat = false;
    if (options) {
      if (options.height !== undefined) {
        if (typeof options.height !== "number" || !(options.height >= 0 && options.height <= 409)) {
          throw new XlsxWriteError(`Trang tính "${this.name}", hàng ${index}: chiều cao hàng phải từ 0 đến 409 (nhận ${options.height})`);
        }
        head += ' ht="' + options.height + '" customHeight="1"';
        rowHasFormat = true;
      }
      if (options.style !== undefined && options.style !== 0) {
        this.checkStyle(options.style, styleCount, index, 0);
        head += ' s="' + options.style + '" customFormat="1"';
        rowHasFormat = true;
      }
    }
    head += ">";

    this.reserve(head.length + 8);
    let buf = this.buf;
    let pos = putAscii(buf, this.pos, head);
    const rowStartAll = this.pos;
    let lastCol = 0;
    let first = 0;
    let lastWritten = 0;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      if (cell === undefined) continue;
      const col = cell.col;
      if (!(col > lastCol && col <= MAX_COL) || col !== Math.floor(col)) this.badColumn(col, lastCol, index);
      lastCol = col;
      const v = cell.value;
      const s = cell.style === undefined ? 0 : cell.style;
      if (s !== 0 && !(s > 0 && s < styleCount && s === (s | 0))) this.checkStyle(s, styleCount, index, col);
      const t = typeof v;
      let kind: number; // 0 skip, 1 number, 2 shared string, 3 boolean, 4 blank, 5 formula
      let num = 0;
      if (t === "number") {
        num = v as number;
        if (num - num !== 0) {
          throw new XlsxWriteError(
            `Trang tính "${this.name}", ô ${colName(col)}${index}: giá trị số không hợp lệ (${num}); chỉ ghi được số hữu hạn`,
          );
        }
        kind = 1;
      } else if (t === "string") {
        num = this.wb.stringIndex(v as string);
        kind = num < 0 ? (s ? 4 : 0) : 2;
      } else if (t === "boolean") {
        num = v ? 1 : 0;
        kind = 3;
      } else if (v === null || v === undefined) {
        kind = s ? 4 : 0;
      } else if (t === "object" && typeof (v as { formula?: unknown }).formula === "string") {
        kind = 5;
      } else {
        throw new XlsxWriteError(`Trang tính "${this.name}", ô ${colName(col)}${index}: kiểu giá trị không ghi được (${t})`);
      }
      if (kind === 0) continue;
      if (first === 0) first = col;
      lastWritten = col;
      if (pos + CELL_MAX > buf.length) {
        this.pos = pos;
        this.reserve(CELL_MAX);
        buf = this.buf;
        pos = this.pos;
      }
      // <c r="
      buf[pos] = 60;
      buf[pos + 1] = 99;
      buf[pos + 2] = 32;
      buf[pos + 3] = 114;
      buf[pos + 4] = 61;
      buf[pos + 5] = 34;
      pos = putAscii(buf, pos + 6, colName(col));
      pos = putAscii(buf, pos, rs);
      buf[pos++] = 34; // "
      if (s !== 0) {
        // s="N"
        buf[pos] = 32;
        buf[pos + 1] = 115;
        buf[pos + 2] = 61;
        buf[pos + 3] = 34;
        pos = putUint(buf, pos + 4, s);
        buf[pos++] = 34;
      }
      if (kind === 4) {
        buf[pos] = 47; // />
        buf[pos + 1] = 62;
        pos += 2;
        continue;
      }
      if (kind === 5) {
        this.pos = pos;
        this.formulaCell(v as { formula: string; result?: unknown }, col, index);
        buf = this.buf;
        pos = this.pos;
        continue;
      }
      if (kind === 2) pos = putAscii(buf, pos, ' t="s"');
      else if (kind === 3) pos = putAscii(buf, pos, ' t="b"');
      // ><v>
      buf[pos] = 62;
      buf[pos + 1] = 60;
      buf[pos + 2] = 118;
      buf[pos + 3] = 62;
      pos += 4;
      if (num >= 0 && num <= 0xffffffff && num === Math.floor(num)) pos = putUint(buf, pos, num);
      else pos = putAscii(buf, pos, String(num));
      // </v></c>
      buf[pos] = 60;
      buf[pos + 1] = 47;
      buf[pos + 2] = 118;
      buf[pos + 3] = 62;
      buf[pos + 4] = 60;
      buf[pos + 5] = 47;
      buf[pos + 6] = 99;
      buf[pos + 7] = 62;
      pos += 8;
    }
    if (first === 0 && !rowHasFormat) {
      // nothing in this row: drop the <row> start tag again (nothing was written after it)
      this.pos = rowStartAll;
      return;
    }
    if (pos + 8 > buf.length) {
      this.pos = pos;
      this.reserve(8);
      buf = this.buf;
      pos = this.pos;
    }
    this.pos = putAscii(buf, pos, "</row>");
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
          `Trang tính "${this.name}": vùng gộp ${rangeRef(top, left, bottom, right)} chồng lên vùng gộp ${rangeRef(m.top, m.left, m.bottom, m.right)}`,
        );
      }
    }
    this.merges.push({ top, left, bottom, right });
  }

  end(): void {
    if (this.part) return;
    const o = this.options;
    const dim =
      this.maxRow === 0
        ? "A1"
        : this.minRow === this.maxRow && this.minCol === this.maxCol
          ? `${colName(this.minCol)}${this.minRow}`
          : rangeRef(this.minRow, this.minCol, this.maxRow, this.maxCol);
    putAscii(this.buf, this.dimAt, `<dimension ref="${dim}"/>`); // the rest of the slot stays blank

    let tail = "</sheetData>";
    if (this.merges.length) {
      tail += `<mergeCells count="${this.merges.length}">`;
      for (const m of this.merges) tail += `<mergeCell ref="${rangeRef(m.top, m.left, m.bottom, m.right)}"/>`;
      tail += "</mergeCells>";
    }
    if (o.conditionalFormatting?.length) tail += o.conditionalFormatting.join("");
    const p = o.print ?? {};
    if (p.horizontalCentered) tail += '<printOptions horizontalCentered="1"/>';
    const mg = { ...DEFAULT_MARGINS, ...stripUndefined(p.margins ?? {}) };
    tail += `<pageMargins left="${mg.left}" right="${mg.right}" top="${mg.top}" bottom="${mg.bottom}" header="${mg.header}" footer="${mg.footer}"/>`;
    tail += `<pageSetup paperSize="9" orientation="${p.landscape ? "landscape" : "portrait"}"${p.fitToWidth ? ' fitToWidth="1" fitToHeight="0"' : ""}/>`;
    if (this.charts.length) tail += '<drawing r:id="rId1"/>';
    tail += "</worksheet>";
    this.putText(tail);

    const buf = this.buf;
    this.part = this.wb.compress(`xl/worksheets/sheet${this.number}.xml`, buf.subarray(0, this.pos));
    this.buf = EMPTY;
    this.pos = 0;
    this.wb.releaseBuffer(buf);
  }

  // --- helpers ---------------------------------------------------------------

  /** Makes room for n more bytes (doubling the buffer when needed). */
  private reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const grown = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n, BLOCK));
    grown.set(this.buf.subarray(0, this.pos));
    this.buf = grown;
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
      this.pos += ENCODER.encodeInto(s, this.buf.subarray(this.pos)).written;
    }
  }

  /** Finishes a cell whose `<c r=".." s=".."` is written: type, formula, cached value. */
  private formulaCell(v: { formula: string; result?: unknown }, col: number, row: number): void {
    let f = v.formula;
    if (f.charCodeAt(0) === 61 /* = */) f = f.slice(1);
    f = removeInvalid(f).normalize("NFC");
    if (f.trim() === "") throw new XlsxWriteError(`Trang tính "${this.name}", ô ${colName(col)}${row}: công thức rỗng`);
    if (f.length > 8192) throw new XlsxWriteError(`Trang tính "${this.name}", ô ${colName(col)}${row}: công thức dài quá 8.192 ký tự`);
    const r = v.result;
    let out: string;
    if (typeof r === "number" && Number.isFinite(r)) out = `><f>${escapeText(f)}</f><v>${String(r)}</v></c>`;
    else if (typeof r === "boolean") out = ` t="b"><f>${escapeText(f)}</f><v>${r ? 1 : 0}</v></c>`;
    else if (typeof r === "string") out = ` t="str"><f>${escapeText(f)}</f><v>${escapeCellText(cleanText(r))}</v></c>`;
    else out = `><f>${escapeText(f)}</f></c>`;
    this.putText(out);
  }

  private checkStyle(s: number, count: number, row: number, col: number): void {
    if (!(Number.isInteger(s) && s >= 0 && s < count)) {
      const where = col ? `ô ${colName(col)}${row}` : `hàng ${row}`;
      throw new XlsxWriteError(`Trang tính "${this.name}", ${where}: kiểu định dạng ${s} không tồn tại (dùng số do style() trả về)`);
    }
  }

  private badColumn(col: number, lastCol: number, row: number): never {
    if (!Number.isInteger(col) || col < 1 || col > MAX_COL) {
      throw new XlsxWriteError(`Trang tính "${this.name}", hàng ${row}: số cột phải là số nguyên từ 1 đến ${MAX_COL} (nhận ${col})`);
    }
    throw new XlsxWriteError(
      `Trang tính "${this.name}", hàng ${row}: cột ${colName(col)} phải đứng sau cột ${colName(lastCol)} (các ô ghi theo thứ tự cột tăng dần)`,
    );
  }
}

interface CellRangeT {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** The drawing part holding a sheet's charts (each refers to its chart part as rId1, rId2 …). */
function drawingXml(charts: { chart: XChart }[]): string {
  const anchors = charts.map(({ chart }, i) => {
    const at = (p: { col: number; row: number }) =>
      `<xdr:col>${p.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${p.row}</xdr:row><xdr:rowOff>0</xdr:rowOff>`;
    return (
      '<xdr:twoCellAnchor editAs="oneCell">' +
      `<xdr:from>${at(chart.from)}</xdr:from><xdr:to>${at(chart.to)}</xdr:to>` +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${escapeAttr(cleanText(chart.name ?? `Biểu đồ ${i + 1}`))}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
      '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
      '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">' +
      `<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="rId${i + 1}"/>` +
      "</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>"
    );
  });
  return (
    XML_DECL +
    `<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${NS_REL}">` +
    anchors.join("") +
    "</xdr:wsDr>"
  );
}

const DEFAULT_MARGINS = { left: 0.6, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 };

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

const DEFAULT_COL_WIDTH = 9.140625;

// ---------------------------------------------------------------------------
// Text, names, colors
// ---------------------------------------------------------------------------

const DEFAULT_FONT = "Times New Roman";
const DEFAULT_SIZE = 12;
const MAX_TEXT = 32767;
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const ENCODER = new TextEncoder();
const EMPTY = new Uint8Array(0);

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

/** Characters XML 1.0 cannot hold: C0 controls but TAB/LF/CR, lone surrogates, U+FFFE/U+FFFF. */
const INVALID_RE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function removeInvalid(s: string): string {
  INVALID_RE.lastIndex = 0;
  return INVALID_RE.test(s) ? s.replace(INVALID_RE, "") : s;
}

/** Cell text as it will be stored: valid XML characters only, NFC, at most 32,767 UTF-16 units. */
function cleanText(s: string): string {
  let t = removeInvalid(s).normalize("NFC");
  if (t.length > MAX_TEXT) {
    t = t.slice(0, MAX_TEXT);
    const last = t.charCodeAt(MAX_TEXT - 1);
    if (last >= 0xd800 && last <= 0xdbff) t = t.slice(0, -1);
  }
  return t;
}

const TEXT_ESC_RE = /[&<>]/g;
const ATTR_ESC_RE = /[&<>"\t\n\r]/g;
const ESC: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;" };

function escapeText(s: string): string {
  return /[&<>]/.test(s) ? s.replace(TEXT_ESC_RE, (c) => ESC[c]) : s;
}

function escapeAttr(s: string): string {
  return /[&<>"\t\n\r]/.test(s) ? s.replace(ATTR_ESC_RE, (c) => ESC[c]) : s;
}

/**
 * Text of a <t> or a string <v>: XML-escaped, and OOXML-escaped so readers
 * (which decode _xHHHH_) give back exactly this text: a literal "_x0041_"
 * becomes "_x005F_x0041_", CR becomes "_x000D_" (XML parsers turn a raw CR
 * into LF).
 */
function escapeCellText(s: string): string {
  let t = s;
  if (t.indexOf("_x") >= 0) t = t.replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1");
  if (t.indexOf("\r") >= 0) t = t.replace(/\r/g, "_x000D_");
  return escapeText(t);
}

/** Leading/trailing whitespace or line breaks must be kept. */
function needsPreserve(s: string): boolean {
  return /^[ \t\n\r]|[ \t\n\r]$|\n|\r|\t| {2}/.test(s);
}

function validateSheetName(name: string, existing: string[]): string {
  if (typeof name !== "string") throw new XlsxWriteError("Tên trang tính phải là chuỗi ký tự");
  const n = name.normalize("NFC");
  if (n.trim() === "") throw new XlsxWriteError("Tên trang tính không được để trống");
  if (n.length > 31) throw new XlsxWriteError(`Tên trang tính "${n}" dài ${n.length} ký tự; Excel chỉ cho phép tối đa 31 ký tự`);
  const bad = n.match(/[[\]:*?/\\]/g);
  if (bad) {
    throw new XlsxWriteError(
      `Tên trang tính "${n}" chứa ký tự không được phép (${[...new Set(bad)].join(" ")}); không dùng các ký tự [ ] : * ? / \\`,
    );
  }
  INVALID_RE.lastIndex = 0;
  if (/[\u0000-\u001F\u007F]/.test(n) || INVALID_RE.test(n))
    throw new XlsxWriteError(`Tên trang tính "${n.replace(/[\u0000-\u001F]/g, "?")}" chứa ký tự điều khiển`);
  if (n.startsWith("'") || n.endsWith("'"))
    throw new XlsxWriteError(`Tên trang tính "${n}" không được bắt đầu hoặc kết thúc bằng dấu nháy đơn (')`);
  if (n.toLowerCase() === "history") throw new XlsxWriteError(`"${n}" là tên Excel dành riêng, không dùng làm tên trang tính được`);
  const upper = n.toUpperCase();
  const dup = existing.find((e) => e.toUpperCase() === upper);
  if (dup !== undefined) throw new XlsxWriteError(`Đã có trang tính tên "${dup}" (tên trang tính không phân biệt chữ hoa, chữ thường)`);
  return n;
}

/** "F2F2F2" / "#f2f2f2" / "FFF2F2F2" → "FFF2F2F2". */
function argb(color: string, what: string): string {
  const c = typeof color === "string" ? color.replace(/^#/, "").toUpperCase() : "";
  if (/^[0-9A-F]{6}$/.test(c)) return "FF" + c;
  if (/^[0-9A-F]{8}$/.test(c)) return c;
  throw new XlsxWriteError(`Mã ${what} không hợp lệ: "${String(color)}" (dùng dạng RRGGBB, ví dụ "F2F2F2")`);
}

function checkInt(v: number, min: number, max: number, what: string): void {
  if (!Number.isInteger(v) || v < min || v > max) throw new XlsxWriteError(`${what} phải là số nguyên từ ${min} đến ${max} (nhận ${v})`);
}

const COL_NAMES: string[] = [""];

/** 1 → "A", 27 → "AA" (cached). */
function colName(n: number): string {
  let s = COL_NAMES[n];
  if (s === undefined) {
    s = "";
    for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
    COL_NAMES[n] = s;
  }
  return s;
}

function rangeRef(top: number, left: number, bottom: number, right: number): string {
  return `${colName(left)}${top}:${colName(right)}${bottom}`;
}

function utf8(s: string): Uint8Array {
  return ENCODER.encode(s);
}

/** Writes an ASCII string; returns the new position. */
function putAscii(buf: Uint8Array, pos: number, s: string): number {
  for (let i = 0; i < s.length; i++) buf[pos++] = s.charCodeAt(i);
  return pos;
}

/** Writes a non-negative integer < 2^32 in decimal; returns the new position. */
function putUint(buf: Uint8Array, pos: number, n: number): number {
  if (n < 10) {
    buf[pos] = 48 + n;
    return pos + 1;
  }
  let digits = 1;
  for (let k = n; k >= 10; k = Math.floor(k / 10)) digits++;
  let p = pos + digits;
  for (let k = n; p > pos; k = Math.floor(k / 10)) buf[--p] = 48 + (k % 10);
  return pos + digits;
}

// ---------------------------------------------------------------------------
// Compression and the zip container
// ---------------------------------------------------------------------------

interface Deflater {
  deflate(data: Uint8Array, level: number): Uint8Array;
  crc32(data: Uint8Array): number;
}

interface NodeZlib {
  deflateRawSync(data: Uint8Array, options: { level: number }): Uint8Array;
  crc32?: (data: Uint8Array, value?: number) => number;
}

/** Node's zlib under Node ≥ 20.16 (no require: bundlers see nothing), else undefined. */
const NODE_ZLIB: NodeZlib | undefined = (() => {
  try {
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    const zlib = proc?.getBuiltinModule?.("node:zlib") as NodeZlib | undefined;
    return typeof zlib?.deflateRawSync === "function" ? zlib : undefined;
  } catch {
    return undefined;
  }
})();

function pickDeflater(kind: "auto" | "fflate"): Deflater {
  if (kind === "auto" && NODE_ZLIB) {
    const z = NODE_ZLIB;
    return {
      deflate: (data, level) => z.deflateRawSync(data, { level }),
      crc32: typeof z.crc32 === "function" ? (data) => z.crc32!(data, 0) >>> 0 : crc32,
    };
  }
  return { deflate: (data, level) => deflateSync(data, { level: level as 1 }), crc32 };
}

interface ZipFile {
  name: string;
  data: Uint8Array;
  method: 0 | 8;
  size: number;
  crc: number;
}

/** A plain zip (no zip64: parts and the whole stay far below 4 GB; checked). */
function zipFiles(files: ZipFile[], when: Date): Uint8Array {
  const names = files.map((f) => utf8(f.name));
  let total = 22;
  files.forEach((f, i) => (total += 30 + 46 + 2 * names[i].length + f.data.length));
  if (total > 0xfffffff0 || files.length > 0xffff) throw new XlsxWriteError("Tệp Excel quá lớn (vượt quá 4 GB)");
  const dosTime = (when.getUTCHours() << 11) | (when.getUTCMinutes() << 5) | (when.getUTCSeconds() >> 1);
  const dosDate = (Math.max(0, when.getUTCFullYear() - 1980) << 9) | ((when.getUTCMonth() + 1) << 5) | when.getUTCDate();
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  let p = 0;
  const offsets: number[] = [];
  files.forEach((f, i) => {
    offsets.push(p);
    dv.setUint32(p, 0x04034b50, true);
    dv.setUint16(p + 4, 20, true);
    dv.setUint16(p + 6, 0x0800, true); // UTF-8 names
    dv.setUint16(p + 8, f.method, true);
    dv.setUint16(p + 10, dosTime, true);
    dv.setUint16(p + 12, dosDate, true);
    dv.setUint32(p + 14, f.crc, true);
    dv.setUint32(p + 18, f.data.length, true);
    dv.setUint32(p + 22, f.size, true);
    dv.setUint16(p + 26, names[i].length, true);
    dv.setUint16(p + 28, 0, true);
    out.set(names[i], p + 30);
    p += 30 + names[i].length;
    out.set(f.data, p);
    p += f.data.length;
  });
  const cdStart = p;
  files.forEach((f, i) => {
    dv.setUint32(p, 0x02014b50, true);
    dv.setUint16(p + 4, 20, true);
    dv.setUint16(p + 6, 20, true);
    dv.setUint16(p + 8, 0x0800, true);
    dv.setUint16(p + 10, f.method, true);
    dv.setUint16(p + 12, dosTime, true);
    dv.setUint16(p + 14, dosDate, true);
    dv.setUint32(p + 16, f.crc, true);
    dv.setUint32(p + 20, f.data.length, true);
    dv.setUint32(p + 24, f.size, true);
    dv.setUint16(p + 28, names[i].length, true);
    // extra, comment, disk, internal attributes: 0
    dv.setUint32(p + 38, 0, true); // external attributes
    dv.setUint32(p + 42, offsets[i], true);
    out.set(names[i], p + 46);
    p += 46 + names[i].length;
  });
  dv.setUint32(p, 0x06054b50, true);
  dv.setUint16(p + 8, files.length, true);
  dv.setUint16(p + 10, files.length, true);
  dv.setUint32(p + 12, p - cdStart, true);
  dv.setUint32(p + 16, cdStart, true);
  return out;
}
