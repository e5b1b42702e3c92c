/**
 * The package parts around the sheets: [Content_Types].xml, the relationships, docProps (core,
 * app, custom), xl/workbook.xml, and the drawing parts that hold a sheet's charts.
 */
import { escapeXmlAttr, escapeXmlText } from "../ooxml/xml-text";
import { cleanText, quoteSheetName } from "./cell-text";
import { NS_MAIN, NS_PKG_REL, NS_REL, XML_DECL } from "./namespaces";
import type { XChart } from "./types";

/** What the package parts need to know of a sheet. */
export interface PackageSheet {
  readonly name: string;
  readonly state: "visible" | "hidden";
  readonly titleRows: [number, number] | undefined;
  readonly charts: XChart[];
}

/** A sheet with charts: its drawing part's number and its charts' global numbers. */
export interface DrawingPart {
  sheet: number;
  number: number;
  charts: { number: number; chart: XChart }[];
}

export function drawingParts(sheets: readonly PackageSheet[]): DrawingPart[] {
  const out: DrawingPart[] = [];
  let chartNo = 0;
  sheets.forEach((s, i) => {
    const charts = s.charts;
    if (!charts.length) return;
    out.push({ sheet: i + 1, number: out.length + 1, charts: charts.map((chart) => ({ number: ++chartNo, chart })) });
  });
  return out;
}

export function contentTypesXml(sheetCount: number, drawings: DrawingPart[], custom: boolean): string {
  let types =
    XML_DECL +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>';
  for (let i = 1; i <= sheetCount; i++) {
    types += `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`;
  }
  for (const d of drawings) {
    types += `<Override PartName="/xl/drawings/drawing${d.number}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>`;
    for (const c of d.charts)
      types += `<Override PartName="/xl/charts/chart${c.number}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`;
  }
  return (
    types +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
    (custom
      ? '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>'
      : "") +
    "</Types>"
  );
}

export function rootRelsXml(custom: boolean): string {
  return (
    XML_DECL +
    `<Relationships xmlns="${NS_PKG_REL}">` +
    `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/>` +
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
    `<Relationship Id="rId3" Type="${NS_REL}/extended-properties" Target="docProps/app.xml"/>` +
    (custom ? `<Relationship Id="rId4" Type="${NS_REL}/custom-properties" Target="docProps/custom.xml"/>` : "") +
    "</Relationships>"
  );
}

/** docProps/custom.xml holding the origin marker. */
export function customPropsXml(origin: { name: string; value: string }): string {
  return (
    XML_DECL +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="${escapeXmlAttr(origin.name)}"><vt:lpwstr>${escapeXmlText(origin.value)}</vt:lpwstr></property>` +
    "</Properties>"
  );
}

export function corePropsXml(title: string, creator: string, created: Date): string {
  const when = created.toISOString().replace(/\.\d{3}Z$/, "Z");
  return (
    XML_DECL +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    (title ? `<dc:title>${escapeXmlText(title)}</dc:title>` : "") +
    (creator ? `<dc:creator>${escapeXmlText(creator)}</dc:creator><cp:lastModifiedBy>${escapeXmlText(creator)}</cp:lastModifiedBy>` : "") +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    "</cp:coreProperties>"
  );
}

export function appPropsXml(sheets: readonly PackageSheet[]): string {
  const n = sheets.length;
  let titles = "";
  for (const s of sheets) titles += `<vt:lpstr>${escapeXmlText(s.name)}</vt:lpstr>`;
  return (
    XML_DECL +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    "<Application>Biểu mẫu CCHC</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>" +
    `<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${n}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
    `<TitlesOfParts><vt:vector size="${n}" baseType="lpstr">${titles}</vt:vector></TitlesOfParts>` +
    "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0300</AppVersion>" +
    "</Properties>"
  );
}

/** xl/workbook.xml and xl/_rels/workbook.xml.rels: the sheets, print titles, the origin name, full recalculation on load. */
export function workbookParts(
  sheets: readonly PackageSheet[],
  origin: { name: string; value: string } | undefined,
  activeTab: number,
): { workbook: string; rels: string } {
  const n = sheets.length;
  let sheetsXml = "";
  let defined = "";
  let rels = "";
  sheets.forEach((s, i) => {
    sheetsXml += `<sheet name="${escapeXmlAttr(s.name)}" sheetId="${i + 1}"${s.state === "hidden" ? ' state="hidden"' : ""} r:id="rId${i + 1}"/>`;
    rels += `<Relationship Id="rId${i + 1}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`;
    const t = s.titleRows;
    if (t)
      defined += `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${escapeXmlText(quoteSheetName(s.name))}!$${t[0]}:$${t[1]}</definedName>`;
  });
  if (origin) defined += `<definedName name="${escapeXmlAttr(origin.name)}" hidden="1">"${escapeXmlText(origin.value)}"</definedName>`;
  const workbook =
    XML_DECL +
    `<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    "<workbookPr/>" +
    `<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300" activeTab="${activeTab}"/></bookViews>` +
    `<sheets>${sheetsXml}</sheets>` +
    (defined ? `<definedNames>${defined}</definedNames>` : "") +
    '<calcPr calcId="191029" fullCalcOnLoad="1"/>' +
    "</workbook>";
  const workbookRels =
    XML_DECL +
    `<Relationships xmlns="${NS_PKG_REL}">${rels}` +
    `<Relationship Id="rId${n + 1}" Type="${NS_REL}/styles" Target="styles.xml"/>` +
    `<Relationship Id="rId${n + 2}" Type="${NS_REL}/sharedStrings" Target="sharedStrings.xml"/>` +
    "</Relationships>";
  return { workbook, rels: workbookRels };
}

/** The parts of one drawing, in package order: the sheet's rels, the drawing, its rels, its charts. */
export function drawingFiles(d: DrawingPart): Array<[string, string]> {
  const files: Array<[string, string]> = [
    [
      `xl/worksheets/_rels/sheet${d.sheet}.xml.rels`,
      XML_DECL +
        `<Relationships xmlns="${NS_PKG_REL}"><Relationship Id="rId1" Type="${NS_REL}/drawing" Target="../drawings/drawing${d.number}.xml"/></Relationships>`,
    ],
    [`xl/drawings/drawing${d.number}.xml`, drawingXml(d.charts)],
    [
      `xl/drawings/_rels/drawing${d.number}.xml.rels`,
      XML_DECL +
        `<Relationships xmlns="${NS_PKG_REL}">` +
        d.charts.map((c, i) => `<Relationship Id="rId${i + 1}" Type="${NS_REL}/chart" Target="../charts/chart${c.number}.xml"/>`).join("") +
        "</Relationships>",
    ],
  ];
  for (const c of d.charts)
    files.push([`xl/charts/chart${c.number}.xml`, c.chart.xml.startsWith("<?xml") ? c.chart.xml : XML_DECL + c.chart.xml]);
  return files;
}

/** The drawing part holding a sheet's charts (each refers to its chart part as rId1, rId2 …). */
function drawingXml(charts: { chart: XChart }[]): string {
  const anchors = charts.map(({ chart }, i) => {
    const at = (p: { col: number; row: number }) =>
      `<xdr:col>${p.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${p.row}</xdr:row><xdr:rowOff>0</xdr:rowOff>`;
    return (
      '<xdr:twoCellAnchor editAs="oneCell">' +
      `<xdr:from>${at(chart.from)}</xdr:from><xdr:to>${at(chart.to)}</xdr:to>` +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${escapeXmlAttr(cleanText(chart.name ?? `Biểu đồ ${i + 1}`))}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
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
