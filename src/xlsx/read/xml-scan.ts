/**
 * XML scanning over a decoded string, by hand (indexOf / charCodeAt): no DOM, no attribute objects
 * on the hot path, no entity work unless a '&' is present. Names are matched by their local part, so
 * prefixed documents (`<x:c>`) read like plain ones. Every function returns -1 (or null) when the
 * text is cut off, so a streamed worksheet can wait for more.
 */
import { decodeEntities } from "../ooxml/xml-text";

/**
 * Where the last scan ended, written by the scanners below instead of allocating a result:
 * `end` is the index after the tag's '>', `selfClosing` whether it ended "/>", [valA, valB) the
 * value `findAttr` looked for (valA -1 when absent), `text` what `readText` / `readRichText` read,
 * `nameLen` the length of the attribute name `attrValueAt` passed, s[localA, nameB) the local name of
 * the tag `nextStartTag` found.
 */
export const scanned = { end: 0, selfClosing: false, valA: -1, valB: -1, text: "", nameLen: 0, localA: 0, nameB: 0 };

/** Index of the first name-terminating char (space, /, >) from k, or s.length. */
export function nameEnd(s: string, k: number): number {
  const n = s.length;
  for (; k < n; k++) {
    const c = s.charCodeAt(k);
    if (c === 62 || c === 47 || c === 32 || c === 10 || c === 13 || c === 9) return k;
  }
  return n;
}

/** Start of the local part of the name in [a, b) (after a prefix and colon). */
export function localStart(s: string, a: number, b: number): number {
  for (let k = b - 1; k >= a; k--) if (s.charCodeAt(k) === 58) return k + 1;
  return a;
}

export function isName(s: string, a: number, b: number, name: string): boolean {
  return b - a === name.length && s.startsWith(name, a);
}

/** Index of the '>' ending a tag whose attributes start at k (quotes honoured), or -1 if cut off. */
export function tagEnd(s: string, k: number): number {
  const n = s.length;
  for (; k < n; k++) {
    const c = s.charCodeAt(k);
    if (c === 62) return k;
    if (c === 34 || c === 39) {
      k = s.indexOf(c === 34 ? '"' : "'", k + 1);
      if (k < 0) return -1;
    }
  }
  return -1;
}

/** The index after the tag whose name ends at ne, or -1 if cut off. */
export function skipTag(s: string, ne: number): number {
  const gt = tagEnd(s, ne);
  return gt < 0 ? -1 : gt + 1;
}

/** Skips a `<!…>` or `<?…?>` construct starting at lt. Returns the index after it, or -1 when cut off. */
export function skipSpecial(s: string, lt: number): number {
  if (s.startsWith("<!--", lt)) {
    const e = s.indexOf("-->", lt + 4);
    return e < 0 ? -1 : e + 3;
  }
  if (s.startsWith("<![CDATA[", lt)) {
    const e = s.indexOf("]]>", lt + 9);
    return e < 0 ? -1 : e + 3;
  }
  if (s.charCodeAt(lt + 1) === 63) {
    const e = s.indexOf("?>", lt + 2);
    return e < 0 ? -1 : e + 2;
  }
  // <!DOCTYPE …> possibly with an internal subset […]
  const gt = s.indexOf(">", lt);
  if (gt < 0) return -1;
  const br = s.indexOf("[", lt);
  if (br >= 0 && br < gt) return skipInternalSubset(s, br + 1);
  // A quoted system or public id may hold ">": skip quotes before the end.
  return skipDeclaration(s, lt + 2);
}

/**
 * The end of a DOCTYPE's internal subset: "]" then ">", outside quoted entity
 * values and comments ("]>" inside an entity value does not end it, so the
 * rest of the subset is never read as content, e.g. as shared strings).
 */
function skipInternalSubset(s: string, k: number): number {
  const n = s.length;
  while (k < n) {
    const c = s.charCodeAt(k);
    if (c === 34 || c === 39) {
      k = afterQuoted(s, k);
      if (k < 0) return -1;
    } else if (c === 60 && s.startsWith("<!--", k)) {
      const e = s.indexOf("-->", k + 4);
      if (e < 0) return -1;
      k = e + 3;
    } else if (c === 93 /* ] */) {
      let j = k + 1;
      while (j < n && /\s/.test(s[j])) j++;
      if (j >= n) return -1;
      if (s.charCodeAt(j) === 62) return j + 1;
      k = j;
    } else k++;
  }
  return -1;
}

/** Just past the quoted string starting at k (its closing quote), or -1 when it never closes. */
function afterQuoted(s: string, k: number): number {
  const e = s.indexOf(s[k], k + 1);
  return e < 0 ? -1 : e + 1;
}

/** The end of a markup declaration ("<!…>") whose quoted parts may hold ">". */
function skipDeclaration(s: string, k: number): number {
  const n = s.length;
  while (k < n) {
    const c = s.charCodeAt(k);
    if (c === 34 || c === 39) {
      k = afterQuoted(s, k);
      if (k < 0) return -1;
    } else if (c === 62) return k + 1;
    else k++;
  }
  return -1;
}

export interface Attrs {
  [name: string]: string;
}

/**
 * Parses attributes from k (just after the element name) up to the tag end; values entity-decoded.
 * Sets scanned.end and scanned.selfClosing; returns null when cut off.
 */
export function readAttrs(s: string, k: number): Attrs | null {
  const attrs: Attrs = {};
  const n = s.length;
  for (;;) {
    while (k < n) {
      const c = s.charCodeAt(k);
      if (c !== 32 && c !== 10 && c !== 13 && c !== 9) break;
      k++;
    }
    if (k >= n) return null;
    const c = s.charCodeAt(k);
    if (c === 62 || c === 47) return tagClose(s, k) ? attrs : null;
    const eq = s.indexOf("=", k);
    if (eq < 0) return null;
    const name = s.slice(k, eq).trim();
    let q = eq + 1;
    while (q < n && s.charCodeAt(q) !== 34 && s.charCodeAt(q) !== 39) {
      if (s.charCodeAt(q) === 62) return null; // malformed; treat as cut off
      q++;
    }
    if (q >= n) return null;
    const close = s.indexOf(s.charCodeAt(q) === 34 ? '"' : "'", q + 1);
    if (close < 0) return null;
    attrs[name] = decodeEntities(s.slice(q + 1, close));
    k = close + 1;
  }
}

/** At the '>' or '/' ending a start tag: sets scanned.end / selfClosing; false when cut off. */
function tagClose(s: string, k: number): boolean {
  if (s.charCodeAt(k) === 62) {
    scanned.end = k + 1;
    scanned.selfClosing = false;
    return true;
  }
  const gt = s.indexOf(">", k);
  if (gt < 0) return false;
  scanned.end = gt + 1;
  scanned.selfClosing = true;
  return true;
}

/**
 * Walks the attributes from k (just after the element name) to the tag end, noting where the value
 * of attribute `name` lies (scanned.valA..valB, valA -1 when absent) without allocating. Sets
 * scanned.end / selfClosing; returns false when cut off.
 */
export function findAttr(s: string, k: number, name: string): boolean {
  const n = s.length;
  scanned.valA = -1;
  for (;;) {
    let c = s.charCodeAt(k);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = s.charCodeAt(++k);
    if (c === 62 || c === 47) return tagClose(s, k);
    if (k >= n) return false;
    const an = k;
    k = attrValueAt(s, k);
    if (k >= n) return false;
    const close = s.indexOf(s.charCodeAt(k) === 39 ? "'" : '"', k + 1);
    if (close < 0) return false;
    if (scanned.nameLen === name.length && s.startsWith(name, an)) {
      scanned.valA = k + 1;
      scanned.valB = close;
    }
    k = close + 1;
  }
}

/**
 * `findAttr` for a tag spelt as writers spell it: every attribute ` name="value"` (one space, no
 * space around '=', double quotes) and the tag ending in '>'. Sets what `findAttr` sets and returns
 * true; false for any other spelling (a self-closing tag too), which `findAttr` then reads from k.
 * No indexOf or startsWith calls: the attributes are a few chars each.
 */
export function findAttrPlain(s: string, k: number, name: string): boolean {
  const n = s.length;
  const first = name.charCodeAt(0);
  let valA = -1;
  let valB = -1;
  for (;;) {
    let c = s.charCodeAt(k);
    if (c === 62) break;
    if (c !== 32) return false;
    const an = ++k;
    c = s.charCodeAt(k);
    while (c !== 61 && c > 32 && c !== 62 && c !== 47 && k < n) c = s.charCodeAt(++k);
    if (c !== 61 || s.charCodeAt(k + 1) !== 34) return false;
    const nameLen = k - an;
    const va = k + 2;
    k = va;
    while (k < n && s.charCodeAt(k) !== 34) k++;
    if (k >= n) return false;
    if (nameLen === name.length && s.charCodeAt(an) === first && (nameLen === 1 || s.startsWith(name, an))) ((valA = va), (valB = k));
    k++;
  }
  scanned.valA = valA;
  scanned.valB = valB;
  scanned.end = k + 1;
  scanned.selfClosing = false;
  return true;
}

/**
 * `findAttrPlain` over s's bytes when s is ASCII (u[i] is s.charCodeAt(i); past the end undefined where
 * s gives NaN: both unequal to every char): the same steps and results, faster reads.
 *
 * `findAttr` for a tag spelt as writers spell it: every attribute ` name="value"` (one space, no
 * space around '=', double quotes) and the tag ending in '>'. Sets what `findAttr` sets and returns
 * true; false for any other spelling (a self-closing tag too), which `findAttr` then reads from k.
 * No indexOf or startsWith calls: the attributes are a few chars each.
 */
export function findAttrPlainBytes(s: string, u: Uint8Array, k: number, name: string): boolean {
  const n = u.length;
  const first = name.charCodeAt(0);
  let valA = -1;
  let valB = -1;
  for (;;) {
    let c = u[k];
    if (c === 62) break;
    if (c !== 32) return false;
    const an = ++k;
    c = u[k];
    while (c !== 61 && c > 32 && c !== 62 && c !== 47 && k < n) c = u[++k];
    if (c !== 61 || u[k + 1] !== 34) return false;
    const nameLen = k - an;
    const va = k + 2;
    k = va;
    while (k < n && u[k] !== 34) k++;
    if (k >= n) return false;
    if (nameLen === name.length && u[an] === first && (nameLen === 1 || s.startsWith(name, an))) ((valA = va), (valB = k));
    k++;
  }
  scanned.valA = valA;
  scanned.valB = valB;
  scanned.end = k + 1;
  scanned.selfClosing = false;
  return true;
}

/**
 * From an attribute's name at k (not at the tag's end): the name's length goes to scanned.nameLen;
 * returns the index of the character opening its value (the quote), ≥ s.length when cut off.
 */
export function attrValueAt(s: string, k: number): number {
  const n = s.length;
  const an = k;
  let c = s.charCodeAt(k);
  while (c !== 61 && c > 32 && k < n) c = s.charCodeAt(++k);
  scanned.nameLen = k - an;
  while (c !== 61 && k < n) c = s.charCodeAt(++k);
  c = s.charCodeAt(++k);
  while (c === 32 || c === 10 || c === 13 || c === 9) c = s.charCodeAt(++k);
  return k;
}

/**
 * Reads the text content of the element whose start tag ended at k, up to and including its end tag
 * (nested markup is skipped, CDATA kept, entities decoded). Sets scanned.text and returns the index
 * after the end tag, or -1 if cut off.
 */
export function readText(s: string, k: number): number {
  let out = "";
  let depth = 0;
  for (;;) {
    const lt = s.indexOf("<", k);
    if (lt < 0) return -1;
    if (depth === 0 && lt > k) out += decodeEntities(s.slice(k, lt));
    const c = s.charCodeAt(lt + 1);
    if (c === 47) {
      const gt = s.indexOf(">", lt + 2);
      if (gt < 0) return -1;
      if (depth === 0) {
        scanned.text = out;
        return gt + 1;
      }
      depth--;
      k = gt + 1;
    } else if (c === 33 || c === 63) {
      if (depth === 0 && s.startsWith("<![CDATA[", lt)) {
        const e = s.indexOf("]]>", lt + 9);
        if (e < 0) return -1;
        out += s.slice(lt + 9, e);
        k = e + 3;
      } else {
        const e = skipSpecial(s, lt);
        if (e < 0) return -1;
        k = e;
      }
    } else {
      const gt = tagEnd(s, lt + 1);
      if (gt < 0) return -1;
      if (s.charCodeAt(gt - 1) !== 47) depth++;
      k = gt + 1;
    }
  }
}

/**
 * Reads the string of an `<si>` / `<is>` whose start tag ended at k: the `<t>` texts, including those
 * of rich-text runs `<r>`, concatenated; phonetic runs `<rPh>` skipped. Sets scanned.text (entities
 * decoded, _xHHHH_ escapes not yet) and returns the index after the container's end tag, or -1 if cut off.
 */
export function readRichText(s: string, k: number): number {
  let out = "";
  let depth = 0;
  let rphDepth = -1;
  for (;;) {
    const lt = s.indexOf("<", k);
    if (lt < 0) return -1;
    const c = s.charCodeAt(lt + 1);
    if (c === 47) {
      const gt = s.indexOf(">", lt + 2);
      if (gt < 0) return -1;
      if (depth === 0) {
        scanned.text = out;
        return gt + 1;
      }
      depth--;
      if (depth === rphDepth) rphDepth = -1;
      k = gt + 1;
      continue;
    }
    if (c === 33 || c === 63) {
      const e = skipSpecial(s, lt);
      if (e < 0) return -1;
      k = e;
      continue;
    }
    const ne = nameEnd(s, lt + 1);
    if (ne >= s.length) return -1;
    const gt = tagEnd(s, ne);
    if (gt < 0) return -1;
    const ls = localStart(s, lt + 1, ne);
    if (s.charCodeAt(gt - 1) === 47) {
      k = gt + 1;
    } else if (isName(s, ls, ne, "t")) {
      const e = readText(s, gt + 1);
      if (e < 0) return -1;
      if (rphDepth < 0) out += scanned.text;
      k = e;
    } else {
      if (rphDepth < 0 && isName(s, ls, ne, "rPh")) rphDepth = depth;
      depth++;
      k = gt + 1;
    }
  }
}

/**
 * The next start tag from k, end tags and `<!…>` / `<?…?>` skipped (onEnd hears each end tag's local
 * name): returns its '<' and sets scanned.localA / nameB (its local name is s[localA, nameB)),
 * scanned.end (after its '>') and scanned.selfClosing; -1 when no complete start tag is left.
 */
export function nextStartTag(s: string, k: number, onEnd?: (local: string) => void): number {
  for (;;) {
    const lt = s.indexOf("<", k);
    if (lt < 0) return -1;
    const c = s.charCodeAt(lt + 1);
    if (c === 47) {
      const gt = s.indexOf(">", lt + 2);
      if (gt < 0) return -1;
      if (onEnd) {
        const ne = nameEnd(s, lt + 2);
        onEnd(s.slice(localStart(s, lt + 2, ne), ne));
      }
      k = gt + 1;
    } else if (c === 33 || c === 63) {
      k = skipSpecial(s, lt);
      if (k < 0) return -1;
    } else {
      const ne = nameEnd(s, lt + 1);
      if (ne >= s.length) return -1;
      const gt = tagEnd(s, ne);
      if (gt < 0) return -1;
      scanned.localA = localStart(s, lt + 1, ne);
      scanned.nameB = ne;
      scanned.end = gt + 1;
      scanned.selfClosing = s.charCodeAt(gt - 1) === 47;
      return lt;
    }
  }
}

/** Calls fn for every start tag (local name, index after the name, self-closing?) and endFn for end tags. */
export function forEachStartTag(
  s: string,
  fn: (local: string, attrsAt: number, selfClosing: boolean) => void,
  endFn?: (local: string) => void,
): void {
  for (let k = 0; nextStartTag(s, k, endFn) >= 0;) {
    k = scanned.end; // before fn: its attribute reading moves scanned.end
    fn(s.slice(scanned.localA, scanned.nameB), scanned.nameB, scanned.selfClosing);
  }
}
