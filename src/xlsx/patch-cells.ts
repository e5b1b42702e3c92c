/**
 * Writes a few cells into an existing .xlsx by editing the worksheet XML in
 * place, so everything else in the unit's workbook (other sheets, styles,
 * notes, images, validation, defined names, unknown extensions…) survives
 * byte for byte. A round trip through exceljs would lose some of that.
 *
 * Only the worksheet parts that receive patches are rewritten, and only at the
 * touched rows/cells (plus the `<dimension>` and, for producers that omit
 * them, the missing `r` attributes of rows/cells of that sheet). Because cell
 * contents change, xl/calcChain.xml is dropped (with its content-type override
 * and relationship) and `<calcPr fullCalcOnLoad="1"/>` is set so Excel
 * recomputes every formula on open.
 */
import { unzipSync, zipSync, type Zippable, type ZipOptions } from "fflate";
import { deflatedEntry, inflateEntry, listZip, writeZip, type ZipEntry } from "./zip-raw";

export interface CellPatch {
  /** Sheet name as in xl/workbook.xml (matched exactly, else case-insensitively as Excel does). */
  sheet: string;
  /** A1-style address, e.g. "D12" ("$D$12" accepted). */
  address: string;
  /** A number to store; null (or absent without a formula) clears the value. */
  value?: number | null;
  /** Formula text without "=", en-US syntax; `value`, when given, is written as its cached result. */
  formula?: string;
}

/** A patch that cannot be applied safely; the message is for the user (Vietnamese). */
export class PatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PatchError";
  }
}

const MAX_COL = 16384; // XFD
const MAX_ROW = 1048576;
const CONTENT_TYPES = "[Content_Types].xml";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL_NS_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships";

// ---------------------------------------------------------------------------
// Public entry point
// ---------------------------------------------------------------------------

export function patchWorkbook(data: Uint8Array, patches: CellPatch[]): Uint8Array {
  const { files, order, stored, raw } = readZip(data);
  if (patches.length === 0) return data.slice();

  const book = resolveWorkbook(files);

  // Validate every patch and group them by worksheet part; a later patch of
  // the same cell wins.
  const byPart = new Map<string, { sheet: string; targets: Map<string, Target> }>();
  for (const patch of patches) {
    const part = book.sheetPart(patch.sheet);
    const target = validatePatch(patch);
    let group = byPart.get(part.path);
    if (!group) byPart.set(part.path, (group = { sheet: part.name, targets: new Map() }));
    target.sheet = part.name;
    group.targets.set(target.ref, target);
  }

  const changed = new Map<string, Uint8Array>();
  for (const [path, group] of byPart) {
    const xml = decode(files[path]!, path);
    changed.set(path, encode(patchSheetXml(xml, [...group.targets.values()], path)));
  }

  // calcChain would list cells whose formulas we replaced or removed.
  const removed = new Set<string>();
  const rels = removeRanges(
    book.relsXml,
    book.calcChainRels.map((r) => r.range),
  );
  const originalTypes = files[CONTENT_TYPES] ? decode(files[CONTENT_TYPES], CONTENT_TYPES) : undefined;
  let contentTypes = originalTypes;
  const chainParts = new Set<string>();
  for (const rel of book.calcChainRels) if (rel.path) chainParts.add(rel.path);
  const conventional = findEntry(files, posixJoin(dirname(book.workbookPath), "calcChain.xml"));
  if (conventional) chainParts.add(conventional);
  for (const p of chainParts) {
    const entry = findEntry(files, p);
    if (entry) removed.add(entry);
    if (contentTypes !== undefined) contentTypes = removeOverride(contentTypes, p);
  }
  if (rels !== book.relsXml) changed.set(book.relsPath, encode(rels));
  if (contentTypes !== undefined && contentTypes !== originalTypes) {
    changed.set(CONTENT_TYPES, encode(contentTypes));
  }
  changed.set(book.workbookPath, encode(setFullCalcOnLoad(book.workbookXml, book.workbookPath)));

  // Re-zip: same names, same order ([Content_Types].xml first), untouched
  // entries with their original bytes and compression method.
  const names: string[] = [...order.filter((n) => n === CONTENT_TYPES), ...order.filter((n) => n !== CONTENT_TYPES)];
  if (raw) {
    // Untouched entries are copied still compressed: never inflated, never changed.
    return writeZip(
      names.filter((n) => !removed.has(n)).map((n) => (changed.has(n) ? deflatedEntry(n, changed.get(n)!, raw.get(n)) : raw.get(n)!)),
    );
  }
  const out: Zippable = {};
  for (const name of names) {
    if (removed.has(name)) continue;
    const bytes = changed.get(name) ?? files[name]!;
    const opts: ZipOptions = { level: changed.has(name) ? 6 : stored.has(name) ? 0 : 6 };
    out[name] = [bytes, opts];
  }
  return zipSync(out);
}

// ---------------------------------------------------------------------------
// Patch validation
// ---------------------------------------------------------------------------

interface Target {
  sheet: string;
  ref: string; // normalised "D12"
  row: number;
  col: number;
  value: number | null;
  formula?: string;
}

function validatePatch(patch: CellPatch): Target {
  const pos = parseAddress(patch.address);
  if (!pos) {
    throw new PatchError(
      `Địa chỉ ô không hợp lệ: "${patch.address}" (trang "${patch.sheet}"); cần dạng cột + dòng như D12, trong giới hạn XFD1048576.`,
    );
  }
  const ref = cellRef(pos.row, pos.col);
  const value = patch.value ?? null;
  if (value !== null && (typeof value !== "number" || !Number.isFinite(value))) {
    throw new PatchError(`Giá trị ghi vào ô ${ref} trang "${patch.sheet}" không phải số hữu hạn (${String(value)}).`);
  }
  let formula: string | undefined;
  if (patch.formula !== undefined) {
    formula = patch.formula.trim().replace(/^=/, "");
    if (formula === "") throw new PatchError(`Công thức ghi vào ô ${ref} trang "${patch.sheet}" rỗng.`);
  }
  return { sheet: patch.sheet, ref, row: pos.row, col: pos.col, value, formula };
}

function parseAddress(address: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?([1-9][0-9]{0,6})$/.exec(address.trim());
  if (!m) return undefined;
  const col = colNumber(m[1]!);
  const row = Number(m[2]);
  if (col > MAX_COL || row > MAX_ROW) return undefined;
  return { row, col };
}

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function colLetters(col: number): string {
  let s = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function cellRef(row: number, col: number): string {
  return `${colLetters(col)}${row}`;
}

interface Range {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

function parseRange(ref: string): Range | undefined {
  const [a, b] = ref.trim().split(":");
  const p = a ? parseAddress(a) : undefined;
  const q = b === undefined ? p : parseAddress(b);
  if (!p || !q) return undefined;
  return { r1: Math.min(p.row, q.row), c1: Math.min(p.col, q.col), r2: Math.max(p.row, q.row), c2: Math.max(p.col, q.col) };
}

function inRange(r: Range, row: number, col: number): boolean {
  return row >= r.r1 && row <= r.r2 && col >= r.c1 && col <= r.c2;
}

// ---------------------------------------------------------------------------
// Zip and text helpers
// ---------------------------------------------------------------------------

interface ZipParts {
  /** Entry bytes by name; with `raw`, inflated only when read. */
  files: Record<string, Uint8Array>;
  order: string[];
  stored: Set<string>;
  /** The entries as stored, when the central directory could be listed. */
  raw?: Map<string, ZipEntry>;
}

/**
 * Lists the package from its central directory and inflates an entry only
 * when the patcher reads it (a damaged part nobody needs is copied as is);
 * falls back to fflate's whole-archive reader for what that cannot list (ZIP64).
 */
function readZip(data: Uint8Array): ZipParts {
  let entries: ZipEntry[];
  try {
    entries = listZip(data);
  } catch {
    return readWholeZip(data);
  }
  if (entries.length === 0) throw new PatchError("Không đọc được tệp Excel (.xlsx): gói ZIP rỗng.");
  const raw = new Map<string, ZipEntry>();
  for (const e of entries) raw.set(e.name, e); // a repeated name: the last one, as fflate and the reader do
  const files: Record<string, Uint8Array> = {};
  const cache = new Map<string, Uint8Array>();
  for (const [name, e] of raw) {
    Object.defineProperty(files, name, {
      enumerable: true,
      get: () => {
        let bytes = cache.get(name);
        if (!bytes) {
          try {
            bytes = inflateEntry(e);
          } catch {
            throw new PatchError(`Phần ${name} của tệp bị hỏng (không giải nén được): không ghi được bản sao.`);
          }
          cache.set(name, bytes);
        }
        return bytes;
      },
    });
  }
  const stored = new Set([...raw.values()].filter((e) => e.method === 0).map((e) => e.name));
  return { files, order: [...raw.keys()], stored, raw };
}

function readWholeZip(data: Uint8Array): ZipParts {
  const order: string[] = [];
  const stored = new Set<string>();
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(data, {
      filter: (info) => {
        order.push(info.name);
        if (info.compression === 0) stored.add(info.name);
        return true;
      },
    });
  } catch (e) {
    void e; // fflate's English text is not for the officer
    throw new PatchError("Không đọc được tệp Excel (.xlsx): tệp không phải gói ZIP hợp lệ hoặc đã hỏng.");
  }
  if (order.length === 0) throw new PatchError("Không đọc được tệp Excel (.xlsx): gói ZIP rỗng.");
  return { files, order: order.filter((n, i) => order.indexOf(n) === i && files[n] !== undefined), stored };
}

const decoder = new TextDecoder("utf-8", { ignoreBOM: true, fatal: true });
const encoder = new TextEncoder();
function decode(bytes: Uint8Array, part = "XML"): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw new PatchError(`Phần ${part} của sổ tính không phải văn bản UTF-8: không sửa được.`);
  }
}
function encode(text: string): Uint8Array {
  return encoder.encode(text);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function unescapeXml(raw: string): string {
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_m, e: string) => {
    switch (e) {
      case "amp":
        return "&";
      case "lt":
        return "<";
      case "gt":
        return ">";
      case "quot":
        return '"';
      case "apos":
        return "'";
      default:
        return String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    }
  });
}

function dirname(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i);
}

function posixJoin(dir: string, rel: string): string {
  const parts = dir === "" ? [] : dir.split("/");
  for (const seg of rel.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") parts.pop();
    else parts.push(seg);
  }
  return parts.join("/");
}

/** Zip entry name for a part path; OPC part names are case-insensitive. */
function findEntry(files: Record<string, Uint8Array>, path: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(files, path)) return path; // without inflating it
  const lower = path.toLowerCase();
  return Object.keys(files).find((k) => k.toLowerCase() === lower);
}

/** Resolves a relationship target against the folder of its source part. */
function resolveTarget(sourceDir: string, target: string): string {
  let t = target;
  try {
    t = decodeURIComponent(t);
  } catch {
    // keep as is
  }
  return t.startsWith("/") ? posixJoin("", t) : posixJoin(sourceDir, t);
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Applies non-overlapping edits; insertions (start === end) go before a replacement at the same offset. */
function applyEdits(xml: string, edits: Edit[]): string {
  const sorted = edits
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.start - b.e.start || a.e.end - a.e.start - (b.e.end - b.e.start) || a.i - b.i)
    .map((x) => x.e);
  let out = "";
  let pos = 0;
  for (const e of sorted) {
    if (e.start < pos) throw new Error(`patch-cells: overlapping edits at ${e.start}`);
    out += xml.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  return out + xml.slice(pos);
}

function removeRanges(xml: string, ranges: Array<[number, number]>): string {
  return applyEdits(
    xml,
    ranges.map(([start, end]) => ({ start, end, text: "" })),
  );
}

// ---------------------------------------------------------------------------
// A tiny XML tag scanner that keeps offsets (we edit the text, not a tree)
// ---------------------------------------------------------------------------

interface Attr {
  name: string;
  /** Raw (still escaped) value. */
  raw: string;
  quote: string;
}

interface Tag {
  kind: "open" | "close" | "empty";
  name: string;
  start: number;
  end: number; // offset just after ">"
  attrs: Attr[];
}

class XmlSyntaxError extends Error {}

class TagScanner {
  private pos = 0;
  /**
   * Lenient (worksheets): a "<" that does not start a well-formed tag is
   * text, as the reader takes it; the caller checks the result by reading it back.
   */
  constructor(
    private readonly xml: string,
    private readonly lenient = false,
  ) {}

  next(): Tag | null {
    const xml = this.xml;
    for (;;) {
      const lt = xml.indexOf("<", this.pos);
      if (lt < 0) return null;
      if (xml.startsWith("<!--", lt)) {
        this.pos = this.skipTo("-->", lt + 4);
      } else if (xml.startsWith("<![CDATA[", lt)) {
        this.pos = this.skipTo("]]>", lt + 9);
      } else if (xml.startsWith("<?", lt)) {
        this.pos = this.skipTo("?>", lt + 2);
      } else if (xml.startsWith("<!", lt)) {
        this.pos = this.skipDoctype(lt + 2);
      } else if (!this.lenient) {
        return this.readTag(lt);
      } else {
        try {
          return this.readTag(lt);
        } catch (e) {
          if (!(e instanceof XmlSyntaxError)) throw e;
          this.pos = lt + 1;
        }
      }
    }
  }

  private skipTo(end: string, from: number): number {
    const i = this.xml.indexOf(end, from);
    if (i < 0) throw new XmlSyntaxError(`thiếu "${end}"`);
    return i + end.length;
  }

  private skipDoctype(from: number): number {
    let depth = 0;
    for (let i = from; i < this.xml.length; i++) {
      const ch = this.xml[i];
      if (ch === "[") depth++;
      else if (ch === "]") depth--;
      else if (ch === ">" && depth <= 0) return i + 1;
    }
    throw new XmlSyntaxError("DOCTYPE không đóng");
  }

  private readTag(lt: number): Tag {
    const xml = this.xml;
    let i = lt + 1;
    const closing = xml[i] === "/";
    if (closing) i++;
    const nameStart = i;
    while (i < xml.length && !/[\s/>]/.test(xml[i]!)) i++;
    const name = xml.slice(nameStart, i);
    if (name === "") throw new XmlSyntaxError(`thẻ không tên ở vị trí ${lt}`);
    if (closing) {
      const gt = xml.indexOf(">", i);
      if (gt < 0) throw new XmlSyntaxError(`thẻ </${name} không đóng`);
      this.pos = gt + 1;
      return { kind: "close", name, start: lt, end: gt + 1, attrs: [] };
    }
    const attrs: Attr[] = [];
    for (;;) {
      while (i < xml.length && /\s/.test(xml[i]!)) i++;
      if (i >= xml.length) throw new XmlSyntaxError(`thẻ <${name} không đóng`);
      if (xml[i] === ">") {
        this.pos = i + 1;
        return { kind: "open", name, start: lt, end: i + 1, attrs };
      }
      if (xml.startsWith("/>", i)) {
        this.pos = i + 2;
        return { kind: "empty", name, start: lt, end: i + 2, attrs };
      }
      const an = i;
      while (i < xml.length && !/[\s=/>]/.test(xml[i]!)) i++;
      const attrName = xml.slice(an, i);
      while (i < xml.length && /\s/.test(xml[i]!)) i++;
      if (xml[i] !== "=" || attrName === "") throw new XmlSyntaxError(`thuộc tính hỏng trong <${name}>`);
      i++;
      while (i < xml.length && /\s/.test(xml[i]!)) i++;
      const quote = xml[i];
      if (quote !== '"' && quote !== "'") throw new XmlSyntaxError(`giá trị thuộc tính ${attrName} thiếu dấu nháy`);
      const close = xml.indexOf(quote, i + 1);
      if (close < 0) throw new XmlSyntaxError(`giá trị thuộc tính ${attrName} không đóng`);
      attrs.push({ name: attrName, raw: xml.slice(i + 1, close), quote });
      i = close + 1;
    }
  }
}

function localName(qname: string): string {
  const i = qname.indexOf(":");
  return i < 0 ? qname : qname.slice(i + 1);
}

function prefixOf(qname: string): string {
  const i = qname.indexOf(":");
  return i < 0 ? "" : qname.slice(0, i + 1);
}

function attr(tag: Tag, name: string): string | undefined {
  const a = tag.attrs.find((x) => x.name === name);
  return a === undefined ? undefined : unescapeXml(a.raw);
}

function renderStartTag(name: string, attrs: Attr[], empty: boolean): string {
  const body = attrs.map((a) => ` ${a.name}=${a.quote}${a.raw}${a.quote}`).join("");
  return `<${name}${body}${empty ? "/>" : ">"}`;
}

/** Replaces (or appends) an attribute; the value is escaped here. */
function withAttr(attrs: Attr[], name: string, value: string): Attr[] {
  const raw = escapeXml(value);
  const found = attrs.some((a) => a.name === name);
  return found ? attrs.map((a) => (a.name === name ? { name, raw, quote: '"' } : a)) : [...attrs, { name, raw, quote: '"' }];
}

interface Node {
  tag: Tag;
  local: string;
  depth: number;
  parent: number; // index into nodes, -1 for the root
  /** Offset just after the element's end (its close tag, or the empty tag). */
  end: number;
}

/** Elements down to `maxDepth` (root = 0) with their extents. */
function shallowTree(xml: string, part: string, maxDepth: number): Node[] {
  const nodes: Node[] = [];
  const stack: number[] = []; // node index, or -1 for elements below maxDepth
  const scanner = new TagScanner(xml);
  try {
    for (let tag = scanner.next(); tag; tag = scanner.next()) {
      if (tag.kind === "close") {
        const idx = stack.pop();
        if (idx === undefined) throw new XmlSyntaxError(`thẻ đóng </${tag.name}> thừa`);
        if (idx >= 0) nodes[idx]!.end = tag.end;
        continue;
      }
      const depth = stack.length;
      let idx = -1;
      if (depth <= maxDepth) {
        let parent = -1;
        for (let k = stack.length - 1; k >= 0; k--) {
          if (stack[k]! >= 0) {
            parent = stack[k]!;
            break;
          }
        }
        idx = nodes.length;
        nodes.push({ tag, local: localName(tag.name), depth, parent, end: tag.end });
      }
      if (tag.kind === "open") stack.push(idx);
    }
  } catch (e) {
    if (e instanceof XmlSyntaxError) throw new PatchError(`Phần ${part} của sổ tính có XML hỏng: ${e.message}.`);
    throw e;
  }
  if (nodes.length === 0) throw new PatchError(`Phần ${part} của sổ tính rỗng hoặc không phải XML.`);
  return nodes;
}

/** Namespace URI bound to an attribute prefix ("r:" → …) on the root element. */
function rootNamespace(root: Tag, prefix: string): string | undefined {
  const decl = prefix === "" ? "xmlns" : `xmlns:${prefix.slice(0, -1)}`;
  return attr(root, decl);
}

// ---------------------------------------------------------------------------
// Workbook, relationships, content types
// ---------------------------------------------------------------------------

interface Book {
  workbookPath: string;
  workbookXml: string;
  relsPath: string;
  relsXml: string;
  calcChainRels: Array<{ range: [number, number]; path?: string }>;
  sheetPart(name: string): { name: string; path: string };
}

function resolveWorkbook(files: Record<string, Uint8Array>): Book {
  // The package's main part, from _rels/.rels (fall back to xl/workbook.xml).
  let workbookPath: string | undefined;
  const rootRels = findEntry(files, "_rels/.rels");
  if (rootRels) {
    for (const rel of relationships(decode(files[rootRels]!), "_rels/.rels")) {
      if (/\/officeDocument$/.test(rel.type) && rel.mode !== "External") {
        workbookPath = findEntry(files, resolveTarget("", rel.target));
        break;
      }
    }
  }
  workbookPath ??= findEntry(files, "xl/workbook.xml");
  if (!workbookPath) throw new PatchError("Tệp không có xl/workbook.xml: không phải sổ tính Excel (.xlsx).");
  const workbookXml = decode(files[workbookPath]!, workbookPath);
  const relsGuess = posixJoin(dirname(workbookPath), `_rels/${workbookPath.slice(workbookPath.lastIndexOf("/") + 1)}.rels`);
  const relsPath = findEntry(files, relsGuess);
  if (!relsPath) throw new PatchError(`Sổ tính thiếu ${relsGuess}: không tìm được các trang tính.`);
  const relsXml = decode(files[relsPath]!, relsPath);
  const rels = relationships(relsXml, relsPath);
  const wbDir = dirname(workbookPath);

  const nodes = shallowTree(workbookXml, workbookPath, 2);
  const root = nodes[0]!;
  const sheets: Array<{ name: string; rid?: string }> = [];
  for (const n of nodes) {
    if (n.local !== "sheet" || n.depth !== 2 || nodes[n.parent]?.local !== "sheets") continue;
    const name = attr(n.tag, "name") ?? "";
    // r:id — any prefixed "id" attribute bound to the relationships namespace.
    const rid = n.tag.attrs.find((a) => {
      if (localName(a.name) !== "id" || !a.name.includes(":")) return false;
      const ns = rootNamespace(root.tag, prefixOf(a.name)) ?? attr(n.tag, `xmlns:${a.name.split(":")[0]}`);
      return ns === undefined || ns === REL_NS || ns.startsWith(REL_NS_STRICT);
    });
    sheets.push({ name, rid: rid ? unescapeXml(rid.raw) : undefined });
  }

  const calcChainRels = rels
    .filter((r) => /\/calcChain$/.test(r.type))
    .map((r) => ({ range: r.range, path: r.mode === "External" ? undefined : resolveTarget(wbDir, r.target) }));

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
      const path = rel && rel.mode !== "External" ? findEntry(files, resolveTarget(wbDir, rel.target)) : undefined;
      if (!path) throw new PatchError(`Không tìm thấy phần XML của trang tính "${sheet.name}" trong tệp (liên kết ${sheet.rid ?? "?"}).`);
      return { name: sheet.name, path };
    },
  };
}

interface Relationship {
  id: string;
  type: string;
  target: string;
  mode?: string;
  range: [number, number];
}

function relationships(xml: string, part: string): Relationship[] {
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

function removeOverride(xml: string, partPath: string): string {
  const want = `/${partPath}`.toLowerCase();
  const ranges = shallowTree(xml, CONTENT_TYPES, 1)
    .filter((n) => n.depth === 1 && n.local === "Override" && (attr(n.tag, "PartName") ?? "").toLowerCase() === want)
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

function setFullCalcOnLoad(xml: string, part: string): string {
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

// ---------------------------------------------------------------------------
// Worksheet
// ---------------------------------------------------------------------------

interface CellInfo {
  col: number;
  tag: Tag;
  hasR: boolean;
  end: number;
  formula?: { t?: string; ref?: string };
}

interface RowInfo {
  index: number;
  tag: Tag;
  hasR: boolean;
  /** Offset of "</row>", or -1 for `<row/>`. */
  closeStart: number;
  cells?: CellInfo[]; // kept only for rows that receive patches
}

interface ColStyle {
  min: number;
  max: number;
  style: string;
}

function patchSheetXml(xml: string, targets: Target[], part: string): string {
  const sheetName = targets[0]!.sheet;
  const targetRows = new Set(targets.map((t) => t.row));
  const edits: Edit[] = [];
  const rows: RowInfo[] = [];
  const colStyles: ColStyle[] = [];
  const arrayRanges: Array<{ master: string; range: Range }> = [];
  let dimension: Tag | undefined;
  let sheetData: Tag | undefined;
  let sheetDataClose = -1;

  // Stack of open elements' local names (root first).
  const stack: string[] = [];
  let row: RowInfo | undefined;
  let cell: CellInfo | undefined;
  let lastRow = 0;
  let lastCol = 0;

  // A missing or stray end tag (a damaged file the reader still reads) is
  // recovered from as the reader does: an end tag closes up to its element, a
  // stray one is ignored, a new row or cell closes the one left open.
  const closeTo = (depth: number, at: number, endAt: number) => {
    while (stack.length > depth) {
      const open = stack.pop();
      if (stack.length === 1 && open === "sheetData") sheetDataClose = at;
      else if (stack.length === 2 && open === "row" && row) {
        row.closeStart = at;
        row = undefined;
      } else if (stack.length === 3 && open === "c" && cell) {
        cell.end = endAt;
        cell = undefined;
      }
    }
  };
  const scanner = new TagScanner(xml, true);
  try {
    for (let tag = scanner.next(); tag; tag = scanner.next()) {
      const local = localName(tag.name);
      if (tag.kind === "close") {
        const index = stack.lastIndexOf(local);
        if (index >= 0) {
          closeTo(index + 1, tag.start, tag.start);
          closeTo(index, tag.start, tag.end);
        }
        continue;
      }
      if (local === "row" && stack.length > 2 && stack[1] === "sheetData") closeTo(2, tag.start, tag.start);
      else if (local === "c" && stack.length > 3 && stack[2] === "row") closeTo(3, tag.start, tag.start);
      const depth = stack.length;
      const parent = stack[depth - 1];
      if (depth === 1 && local === "dimension") dimension = tag;
      else if (depth === 1 && local === "sheetData") sheetData = tag;
      else if (depth === 2 && parent === "cols" && local === "col") {
        const style = attr(tag, "style");
        const min = Number(attr(tag, "min"));
        const max = Number(attr(tag, "max"));
        if (style && style !== "0" && min > 0 && max >= min) colStyles.push({ min, max, style });
      } else if (depth === 2 && parent === "sheetData" && local === "row") {
        const r = attr(tag, "r");
        const index = r !== undefined && /^\d+$/.test(r.trim()) ? Number(r) : lastRow + 1;
        lastRow = index;
        lastCol = 0;
        const info: RowInfo = { index, tag, hasR: r !== undefined, closeStart: -1 };
        if (targetRows.has(index)) info.cells = [];
        rows.push(info);
        if (tag.kind === "open") row = info;
      } else if (depth === 3 && parent === "row" && local === "c" && row) {
        const r = attr(tag, "r");
        const pos = r !== undefined ? parseAddress(r) : undefined;
        const col = pos ? pos.col : lastCol + 1;
        lastCol = col;
        const info: CellInfo = { col, tag, hasR: r !== undefined, end: tag.end };
        if (row.cells) row.cells.push(info);
        else if (!info.hasR) {
          edits.push({
            start: tag.start + 1 + tag.name.length,
            end: tag.start + 1 + tag.name.length,
            text: ` r="${cellRef(row.index, col)}"`,
          });
        }
        if (tag.kind === "open") cell = info;
      } else if (depth === 4 && parent === "c" && local === "f" && cell && row) {
        const t = attr(tag, "t");
        const ref = attr(tag, "ref");
        cell.formula = { t, ref };
        if ((t === "array" || t === "dataTable") && ref) {
          const range = parseRange(ref);
          if (range && (range.r1 !== range.r2 || range.c1 !== range.c2)) {
            arrayRanges.push({ master: cellRef(row.index, cell.col), range });
          }
        }
      }
      if (tag.kind === "open") stack.push(local);
    }
    if (stack.length !== 0) throw new XmlSyntaxError(`thẻ <${stack[stack.length - 1]}> không đóng`);
  } catch (e) {
    if (e instanceof XmlSyntaxError) throw new PatchError(`Trang tính "${sheetName}" (${part}) có XML hỏng: ${e.message}.`);
    throw e;
  }
  if (!sheetData) {
    throw new PatchError(`Trang "${sheetName}" không phải trang tính dữ liệu (không có sheetData): không ghi được ô.`);
  }

  const p = prefixOf(sheetData.name);
  const cellStyleFor = (r: RowInfo | undefined, col: number): string | undefined => {
    if (r) {
      const cf = attr(r.tag, "customFormat");
      const s = attr(r.tag, "s");
      if (s !== undefined && (cf === "1" || cf === "true")) return s;
    }
    return colStyles.find((c) => col >= c.min && col <= c.max)?.style;
  };

  for (const t of targets) {
    const arr = arrayRanges.find((a) => inRange(a.range, t.row, t.col));
    if (arr) {
      throw new PatchError(
        `Ô ${t.ref} trên trang "${sheetName}" thuộc công thức mảng/bảng dữ liệu ${cellRef(arr.range.r1, arr.range.c1)}:${cellRef(arr.range.r2, arr.range.c2)} (ô gốc ${arr.master}); không thể ghi đè một phần của vùng này.`,
      );
    }
  }

  const byRow = new Map<number, Target[]>();
  for (const t of [...targets].sort((a, b) => a.row - b.row || a.col - b.col)) {
    const list = byRow.get(t.row);
    if (list) list.push(t);
    else byRow.set(t.row, [t]);
  }
  const rowByIndex = new Map<number, RowInfo>();
  for (const r of rows) if (!rowByIndex.has(r.index)) rowByIndex.set(r.index, r);

  // Rows: add missing r, patch targeted rows' cells.
  for (const r of rows) {
    const list = rowByIndex.get(r.index) === r ? byRow.get(r.index) : undefined;
    let attrs = r.tag.attrs;
    if (!r.hasR) attrs = withAttr(attrs, "r", String(r.index));
    const cells = r.cells ?? [];
    for (const c of cells) {
      if (!c.hasR && !list?.some((t) => t.col === c.col)) {
        const at = c.tag.start + 1 + c.tag.name.length;
        edits.push({ start: at, end: at, text: ` r="${cellRef(r.index, c.col)}"` });
      }
    }
    if (!list) {
      if (attrs !== r.tag.attrs)
        edits.push({ start: r.tag.start, end: r.tag.end, text: renderStartTag(r.tag.name, attrs, r.tag.kind === "empty") });
      continue;
    }
    const inserts = new Map<number, string>(); // offset → new cells' XML
    for (const t of list) {
      const existing = cells.find((c) => c.col === t.col);
      if (existing) {
        if (existing.formula?.t === "shared" && existing.formula.ref !== undefined) {
          throw new PatchError(
            `Ô ${t.ref} trên trang "${sheetName}" là ô gốc của một công thức dùng chung (shared formula, vùng ${existing.formula.ref}); ghi đè ô này sẽ làm hỏng công thức của các ô phụ thuộc. Hãy sửa ô này trực tiếp trong Excel.`,
          );
        }
        edits.push({ start: existing.tag.start, end: existing.end, text: cellXml(p, existing.tag.name, t, existing.tag.attrs, undefined) });
        continue;
      }
      const next = cells.find((c) => c.col > t.col);
      const at = next ? next.tag.start : r.closeStart;
      const text = cellXml(p, `${p}c`, t, undefined, cellStyleFor(r, t.col));
      inserts.set(at, (inserts.get(at) ?? "") + text);
    }
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

  // Missing rows, in row order.
  const rowInserts = new Map<number, string>();
  for (const [index, list] of byRow) {
    if (rowByIndex.has(index)) continue;
    const next = rows.find((r) => r.index > index);
    const at = next ? next.tag.start : sheetData.kind === "empty" ? sheetData.end : sheetDataClose;
    const cellsXml = list.map((t) => cellXml(p, `${p}c`, t, undefined, cellStyleFor(undefined, t.col))).join("");
    rowInserts.set(at, (rowInserts.get(at) ?? "") + `<${p}row r="${index}">${cellsXml}</${p}row>`);
  }
  if (sheetData.kind === "empty") {
    const inner = [...rowInserts.values()].join("");
    edits.push({
      start: sheetData.start,
      end: sheetData.end,
      text: renderStartTag(sheetData.name, sheetData.attrs, false) + inner + `</${sheetData.name}>`,
    });
  } else {
    for (const [at, text] of rowInserts) edits.push({ start: at, end: at, text });
  }

  // Dimension: grow to cover the patched cells.
  if (dimension) {
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
      const a = cellRef(next.r1, next.c1);
      const b = cellRef(next.r2, next.c2);
      const text = renderStartTag(dimension.name, withAttr(dimension.attrs, "ref", a === b ? a : `${a}:${b}`), dimension.kind === "empty");
      edits.push({ start: dimension.start, end: dimension.end, text });
    }
  }

  return applyEdits(xml, edits);
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
    if (style !== undefined) attrs.push({ name: "s", raw: escapeXml(style), quote: '"' });
  }
  const v = t.value === null ? "" : `<${p}v>${String(t.value)}</${p}v>`;
  const f = t.formula === undefined ? "" : `<${p}f>${escapeXml(t.formula)}</${p}f>`;
  const inner = f + v;
  return inner === "" ? renderStartTag(name, attrs, true) : renderStartTag(name, attrs, false) + inner + `</${name}>`;
}
