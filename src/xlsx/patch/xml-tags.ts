/**
 * A tiny XML tag scanner that keeps offsets, and text edits at those offsets: the patcher edits
 * the text of a part, never a tree, so every byte it does not mean to change stays as it was.
 */
import { decodeEntities, escapeXmlAttr } from "../ooxml/xml-text";
import { PatchError } from "./patch-error";

export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Applies non-overlapping edits; insertions (start === end) go before a replacement at the same offset. */
export function applyEdits(xml: string, edits: Edit[]): string {
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

export function removeRanges(xml: string, ranges: Array<[number, number]>): string {
  return applyEdits(
    xml,
    ranges.map(([start, end]) => ({ start, end, text: "" })),
  );
}

export interface Attr {
  name: string;
  /** Raw (still escaped) value. */
  raw: string;
  quote: string;
}

export interface Tag {
  kind: "open" | "close" | "empty";
  name: string;
  start: number;
  end: number; // offset just after ">"
  attrs: Attr[];
}

export class XmlSyntaxError extends Error {}

export class TagScanner {
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

export function localName(qname: string): string {
  const i = qname.indexOf(":");
  return i < 0 ? qname : qname.slice(i + 1);
}

export function prefixOf(qname: string): string {
  const i = qname.indexOf(":");
  return i < 0 ? "" : qname.slice(0, i + 1);
}

export function attr(tag: Tag, name: string): string | undefined {
  const a = tag.attrs.find((x) => x.name === name);
  return a === undefined ? undefined : decodeEntities(a.raw);
}

export function renderStartTag(name: string, attrs: Attr[], empty: boolean): string {
  const body = attrs.map((a) => ` ${a.name}=${a.quote}${a.raw}${a.quote}`).join("");
  return `<${name}${body}${empty ? "/>" : ">"}`;
}

/** Replaces (or appends) an attribute; the value is escaped here. */
export function withAttr(attrs: Attr[], name: string, value: string): Attr[] {
  const raw = escapeXmlAttr(value);
  const found = attrs.some((a) => a.name === name);
  return found ? attrs.map((a) => (a.name === name ? { name, raw, quote: '"' } : a)) : [...attrs, { name, raw, quote: '"' }];
}

export interface Node {
  tag: Tag;
  local: string;
  depth: number;
  parent: number; // index into nodes, -1 for the root
  /** Offset just after the element's end (its close tag, or the empty tag). */
  end: number;
}

/** Elements down to `maxDepth` (root = 0) with their extents. */
export function shallowTree(xml: string, part: string, maxDepth: number): Node[] {
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
export function rootNamespace(root: Tag, prefix: string): string | undefined {
  const decl = prefix === "" ? "xmlns" : `xmlns:${prefix.slice(0, -1)}`;
  return attr(root, decl);
}
