/**
 * Keeping the workbook's calculation honest after cells change: xl/calcChain.xml would list cells
 * whose formulas were replaced or removed, so it goes (with its content-type override and its
 * relationship), and `<calcPr fullCalcOnLoad="1"/>` makes Excel recompute every formula on open.
 */
import { partFolder, resolveRelTarget } from "../ooxml/part-name";
import { CONTENT_TYPES, encode, type Package } from "./package";
import { PatchError } from "./patch-error";
import type { Book } from "./workbook";
import { applyEdits, attr, prefixOf, removeRanges, renderStartTag, shallowTree, withAttr, type Node } from "./xml-tags";

/** Drops the calc chain: records the changed rels and content types in `changed`; returns the parts to leave out. */
export function dropCalcChain(pkg: Package, book: Book, changed: Map<string, Uint8Array>): Set<string> {
  const removed = new Set<string>();
  const rels = removeRanges(
    book.relsXml,
    book.calcChainRels.map((r) => r.range),
  );
  const typesPart = pkg.find(CONTENT_TYPES);
  const originalTypes = typesPart ? pkg.text(typesPart) : undefined;
  let contentTypes = originalTypes;
  const chainParts = new Set<string>();
  for (const rel of book.calcChainRels) if (rel.path) chainParts.add(rel.path);
  const conventional = pkg.find(partFolder(book.workbookPath) + "calcChain.xml");
  if (conventional) chainParts.add(conventional);
  for (const p of chainParts) {
    const entry = pkg.find(p);
    if (entry) removed.add(entry);
    if (contentTypes !== undefined) contentTypes = removeOverride(contentTypes, p);
  }
  if (rels !== book.relsXml) changed.set(book.relsPath, encode(rels));
  if (typesPart && contentTypes !== undefined && contentTypes !== originalTypes) changed.set(typesPart, encode(contentTypes));
  return removed;
}

/** Removes the <Override> of a part; part names compare by the reader's rule ("/XL/calcChain.xml", "%20"…). */
function removeOverride(xml: string, partPath: string): string {
  const ranges = shallowTree(xml, CONTENT_TYPES, 1)
    .filter((n) => n.depth === 1 && n.local === "Override" && resolveRelTarget("", attr(n.tag, "PartName") ?? "") === partPath)
    .map((n) => [n.tag.start, n.end] as [number, number]);
  return ranges.length ? removeRanges(xml, ranges) : xml;
}

/** CT_Workbook children that precede calcPr, in schema order. */
const BEFORE_CALCPR = new Set([
  "fileVersion",
  "fileSharing",
  "workbookPr",
  "workbookProtection",
  "bookViews",
  "sheets",
  "functionGroups",
  "externalReferences",
  "definedNames",
]);

/** workbook.xml with `<calcPr fullCalcOnLoad="1"/>`: set on an existing calcPr, else inserted where the schema wants it. */
export function setFullCalcOnLoad(xml: string, part: string): string {
  const nodes = shallowTree(xml, part, 1);
  const children = nodes.filter((n) => n.depth === 1);
  const calcPr = children.find((n) => n.local === "calcPr");
  if (calcPr) {
    if (attr(calcPr.tag, "fullCalcOnLoad") === "1") return xml;
    const attrs = withAttr(calcPr.tag.attrs, "fullCalcOnLoad", "1");
    return applyEdits(xml, [
      { start: calcPr.tag.start, end: calcPr.tag.end, text: renderStartTag(calcPr.tag.name, attrs, calcPr.tag.kind === "empty") },
    ]);
  }
  const sheets = children.find((n) => n.local === "sheets");
  const prefix = prefixOf((sheets ?? nodes[0]!).tag.name);
  const text = `<${prefix}calcPr fullCalcOnLoad="1"/>`;
  let after: Node | undefined;
  for (const n of children) if (BEFORE_CALCPR.has(n.local)) after = n;
  if (after) return applyEdits(xml, [{ start: after.end, end: after.end, text }]);
  const root = nodes[0]!;
  if (root.tag.kind === "empty") throw new PatchError(`Phần ${part} không có danh sách trang tính.`);
  const first = children[0];
  const at = first ? first.tag.start : root.end - `</${root.tag.name}>`.length;
  return applyEdits(xml, [{ start: at, end: at, text }]);
}
