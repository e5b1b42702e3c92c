/**
 * Workbook resolution: the main part from _rels/.rels, its relationships, and each sheet's part —
 * targets resolved by ooxml/part-name.ts, the reader's rule ("/xl/…", "..\\", "%20", any case),
 * so a file `validate` reads is a file `fill` can patch.
 */
import { partFolder, resolveRelTarget } from "../ooxml/part-name";
import { decodeEntities } from "../ooxml/xml-text";
import type { Package } from "./package";
import { PatchError } from "./patch-error";
import { attr, localName, prefixOf, rootNamespace, shallowTree, type Node } from "./xml-tags";

const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL_NS_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships";

export interface Relationship {
  id: string;
  type: string;
  target: string;
  mode?: string;
  /** The <Relationship> element's extent in the rels part. */
  range: [number, number];
}

export interface Book {
  workbookPath: string;
  workbookXml: string;
  relsPath: string;
  relsXml: string;
  /** calcChain relationships: their extent in the rels part and the part they point to. */
  calcChainRels: Array<{ range: [number, number]; path?: string }>;
  /** The sheet's name as the workbook spells it and its part; PatchError when there is none. */
  sheetPart(name: string): { name: string; path: string };
}

export function relationships(xml: string, part: string): Relationship[] {
  return shallowTree(xml, part, 1)
    .filter((n) => n.depth === 1 && n.local === "Relationship")
    .map((n) => ({
      id: attr(n.tag, "Id") ?? "",
      type: attr(n.tag, "Type") ?? "",
      target: attr(n.tag, "Target") ?? "",
      mode: attr(n.tag, "TargetMode"),
      range: [n.tag.start, n.end] as [number, number],
    }));
}

/** The package's main part, from _rels/.rels (else xl/workbook.xml). */
function mainPart(pkg: Package): string {
  const rootRels = pkg.find("_rels/.rels");
  if (rootRels) {
    for (const rel of relationships(pkg.text(rootRels), rootRels)) {
      if (/\/officeDocument$/.test(rel.type) && rel.mode !== "External") {
        const found = pkg.find(resolveRelTarget("", rel.target));
        if (found) return found;
        break;
      }
    }
  }
  const fallback = pkg.find("xl/workbook.xml");
  if (!fallback) throw new PatchError("Tệp không có xl/workbook.xml: không phải sổ tính Excel (.xlsx).");
  return fallback;
}

/** The <sheet> elements: name and relationship id (any prefixed "id" bound to the relationships namespace). */
function sheetList(nodes: Node[]): Array<{ name: string; rid?: string }> {
  const root = nodes[0]!;
  const sheets: Array<{ name: string; rid?: string }> = [];
  for (const n of nodes) {
    if (n.local !== "sheet" || n.depth !== 2 || nodes[n.parent]?.local !== "sheets") continue;
    const name = attr(n.tag, "name") ?? "";
    const rid = n.tag.attrs.find((a) => {
      if (localName(a.name) !== "id" || !a.name.includes(":")) return false;
      const ns = rootNamespace(root.tag, prefixOf(a.name)) ?? attr(n.tag, `xmlns:${a.name.split(":")[0]}`);
      return ns === undefined || ns === REL_NS || ns.startsWith(REL_NS_STRICT);
    });
    sheets.push({ name, rid: rid ? decodeEntities(rid.raw) : undefined });
  }
  return sheets;
}

export function resolveWorkbook(pkg: Package): Book {
  const workbookPath = mainPart(pkg);
  const workbookXml = pkg.text(workbookPath);
  const wbDir = partFolder(workbookPath);
  const relsGuess = `${wbDir}_rels/${workbookPath.slice(wbDir.length)}.rels`;
  const relsPath = pkg.find(relsGuess);
  if (!relsPath) throw new PatchError(`Sổ tính thiếu ${relsGuess}: không tìm được các trang tính.`);
  const relsXml = pkg.text(relsPath);
  const rels = relationships(relsXml, relsPath);
  const sheets = sheetList(shallowTree(workbookXml, workbookPath, 2));

  const calcChainRels = rels
    .filter((r) => /\/calcChain$/.test(r.type))
    .map((r) => ({ range: r.range, path: r.mode === "External" ? undefined : resolveRelTarget(wbDir, r.target) }));

  return {
    workbookPath,
    workbookXml,
    relsPath,
    relsXml,
    calcChainRels,
    sheetPart(name: string) {
      const sheet = sheets.find((s) => s.name === name) ?? sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
      if (!sheet) {
        const known = sheets.map((s) => `"${s.name}"`).join(", ");
        throw new PatchError(`Không có trang tính "${name}" trong sổ tính (các trang hiện có: ${known || "không có"}).`);
      }
      const rel = rels.find((r) => r.id === sheet.rid);
      const path = rel && rel.mode !== "External" ? pkg.find(resolveRelTarget(wbDir, rel.target)) : undefined;
      if (!path) throw new PatchError(`Không tìm thấy phần XML của trang tính "${sheet.name}" trong tệp (liên kết ${sheet.rid ?? "?"}).`);
      return { name: sheet.name, path };
    },
  };
}
