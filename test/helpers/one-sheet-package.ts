/**
 * The smallest .xlsx package a reader test needs, written by hand: one worksheet (its XML given),
 * and, when given, shared strings and styles. What the writers under test never produce (unusual
 * spellings, inline strings, entities) is then the test's own text.
 */
import { strToU8, zipSync, type Zippable } from "fflate";

export const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";

export interface OneSheetPackage {
  sheetName: string;
  /** The worksheet part's XML. */
  sheet: string;
  sharedStrings?: string;
  styles?: string;
  /** Level 0 stores the parts: the same text is then the same bytes whatever the compressor. */
  level?: 0 | 6;
}

export function oneSheetPackage({ sheetName, sheet, sharedStrings, styles, level = 6 }: OneSheetPackage): Uint8Array {
  const files: Zippable = {};
  const put = (name: string, text: string) => (files[name] = strToU8(text));
  const rel = (id: string, type: string, target: string) => `<Relationship Id="${id}" Type="${REL_NS}/${type}" Target="${target}"/>`;
  put(
    "_rels/.rels",
    `<?xml version="1.0"?><Relationships xmlns="${PKG_REL_NS}">${rel("rId1", "officeDocument", "xl/workbook.xml")}</Relationships>`,
  );
  put(
    "xl/workbook.xml",
    `<?xml version="1.0"?><workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets><sheet name="${sheetName}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  );
  const rels = [rel("rId1", "worksheet", "worksheets/sheet1.xml")];
  if (sharedStrings !== undefined) rels.push(rel("rId2", "sharedStrings", "sharedStrings.xml"));
  if (styles !== undefined) rels.push(rel("rId3", "styles", "styles.xml"));
  put("xl/_rels/workbook.xml.rels", `<?xml version="1.0"?><Relationships xmlns="${PKG_REL_NS}">${rels.join("")}</Relationships>`);
  if (styles !== undefined) put("xl/styles.xml", styles);
  if (sharedStrings !== undefined) put("xl/sharedStrings.xml", sharedStrings);
  put("xl/worksheets/sheet1.xml", sheet);
  return zipSync(files, { level });
}
