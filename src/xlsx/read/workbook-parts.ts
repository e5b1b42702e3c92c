/**
 * The workbook's own parts: which part is the workbook, its sheets (in workbook order, with their
 * worksheet parts), where styles and shared strings live, and the mark this tool leaves in the
 * workbooks it writes.
 */
import type { SheetGrid } from "../../core/grid";
import { resolveRelTarget } from "../ooxml/part-name";
import { decodeEntities } from "../ooxml/xml-text";
import { shownName } from "../ooxml/zip-directory";
import { corrupt, ReadError } from "./errors";
import { forEachStartTag, readAttrs } from "./xml-scan";
import type { ZipEntry, ZipParts } from "./zip-parts";

export interface WorkbookParts {
  /** workbook.xml's text (the origin mark may sit in it). */
  workbookXml: string;
  /** Worksheets in workbook order; chart, dialog and macro sheets left out. */
  sheets: { name: string; state: SheetGrid["state"]; entry: ZipEntry }[];
  styles: ZipEntry | undefined;
  sharedStrings: ZipEntry | undefined;
}

interface SheetRef {
  name: string;
  state: SheetGrid["state"];
  rid?: string;
}

interface Rel {
  type: string;
  target: string;
}

/** Finds the workbook and its parts; refuses a package without a worksheet before inflating more. */
export function workbookParts(zip: ZipParts): WorkbookParts {
  const wbPath = findWorkbookPart(zip);
  const { workbookXml, sheetRefs } = zip.parsed(zip.get(wbPath)!, "workbook", (text) => ({
    workbookXml: text,
    sheetRefs: parseWorkbook(text),
  }));
  const slash = wbPath.lastIndexOf("/");
  const baseDir = slash >= 0 ? wbPath.slice(0, slash + 1) : "";
  const relsEntry = zip.get(`${baseDir}_rels/${wbPath.slice(slash + 1)}.rels`);
  const rels = relsEntry ? zip.parsed(relsEntry, `rels ${baseDir}`, (text) => parseRels(text, baseDir)) : new Map<string, Rel>();

  let stylesPath = `${baseDir}styles.xml`;
  let sstPath = `${baseDir}sharedstrings.xml`;
  for (const rel of rels.values()) {
    if (rel.type.endsWith("/styles")) stylesPath = rel.target;
    else if (rel.type.endsWith("/sharedStrings")) sstPath = rel.target;
  }

  const sheets: WorkbookParts["sheets"] = [];
  sheetRefs.forEach((ref, index) => {
    const rel = ref.rid !== undefined ? rels.get(ref.rid) : undefined;
    let target: string | undefined;
    if (rel) {
      if (!rel.type.endsWith("/worksheet")) return; // chart sheets, dialog and macro sheets hold no cells
      target = rel.target;
    } else if (!relsEntry) {
      target = `${baseDir}worksheets/sheet${index + 1}.xml`; // no rels part at all: the usual naming
    }
    const entry = target !== undefined ? zip.get(target) : undefined;
    if (!entry) throw corrupt(`thiếu nội dung của trang tính "${shownName(ref.name)}"`);
    sheets.push({ name: ref.name, state: ref.state, entry });
  });
  if (sheets.length === 0) throw new ReadError("no-workbook", "không có bảng tính nào trong tệp");
  return { workbookXml, sheets, styles: zip.get(stylesPath), sharedStrings: zip.get(sstPath) };
}

function findWorkbookPart(zip: ZipParts): string {
  if (zip.has("xl/workbook.xml")) return "xl/workbook.xml";
  // Some producers name the part differently: follow the package relationship.
  const root = zip.get("_rels/.rels");
  if (root) {
    for (const rel of parseRels(zip.text(root), "").values()) {
      if (!rel.type.endsWith("/officeDocument")) continue;
      if (rel.target.endsWith(".bin")) {
        throw new ReadError("no-workbook", "tệp Excel nhị phân (.xlsb) chưa được hỗ trợ: hãy mở bằng Excel và lưu lại dạng .xlsx");
      }
      if (zip.has(rel.target) && /workbook[^/]*\.xml$/.test(rel.target)) return rel.target;
    }
  }
  let what = "";
  if (zip.has("word/document.xml")) what = " (đây là tệp Word .docx)";
  else if (zip.has("ppt/presentation.xml")) what = " (đây là tệp PowerPoint .pptx)";
  else if (zip.has("content.xml")) what = " (đây là tệp OpenDocument, ví dụ .ods)";
  throw new ReadError("no-workbook", `không phải sổ bảng tính Excel: không có bảng tính nào trong tệp${what}`);
}

function parseWorkbook(s: string): SheetRef[] {
  const out: SheetRef[] = [];
  forEachStartTag(s, (local, at) => {
    if (local !== "sheet") return;
    const a = readAttrs(s, at);
    if (!a) return;
    let rid: string | undefined;
    for (const key in a) {
      const colon = key.indexOf(":");
      if (colon > 0 && key.slice(colon + 1) === "id" && key.slice(0, colon) !== "xml") rid = a[key];
    }
    const state = a.state === "hidden" ? "hidden" : a.state === "veryHidden" ? "veryHidden" : "visible";
    out.push({ name: (a.name ?? "").normalize("NFC"), state, rid });
  });
  return out;
}

function parseRels(s: string, baseDir: string): Map<string, Rel> {
  const out = new Map<string, Rel>();
  forEachStartTag(s, (local, at) => {
    if (local !== "Relationship") return;
    const a = readAttrs(s, at);
    if (!a || a.Id === undefined || a.Target === undefined || a.TargetMode === "External") return;
    out.set(a.Id, { type: a.Type ?? "", target: resolveRelTarget(baseDir, a.Target) });
  });
  return out;
}

/** The name under which this tool marks the workbooks it writes (see XWriterOptions.origin). */
const ORIGIN_NAME = "_BieuMau_NguonGoc";
const ORIGIN_DEFINED_RE = /<(?:\w+:)?definedName\b[^>]*\bname="_BieuMau_NguonGoc"[^>]*>\s*"?([^"<]{1,64})"?\s*</;
const ORIGIN_PROPERTY_RE = /<(?:\w+:)?property\b[^>]*\bname="_BieuMau_NguonGoc"[^>]*>\s*<(?:\w+:)?lpwstr>([^<]{1,64})</;

/** The tool's mark, from a hidden defined name or a custom document property (whichever survived a re-save). */
export function readOrigin(zip: ZipParts, workbookXml: string): string | undefined {
  if (workbookXml.includes(ORIGIN_NAME)) {
    const m = ORIGIN_DEFINED_RE.exec(workbookXml);
    // LibreOffice writes the constant as &quot;tong-hop&quot;.
    if (m) return decodeEntities(m[1]).replace(/"/g, "").trim();
  }
  const custom = zip.get("docprops/custom.xml");
  if (!custom || custom.size > 1024 * 1024) return undefined;
  const m = ORIGIN_PROPERTY_RE.exec(zip.text(custom));
  return m ? decodeEntities(m[1]).trim() : undefined;
}
