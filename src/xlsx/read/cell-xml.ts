/**
 * One `<c>` element of a worksheet, read in place: where its reference and value lie in the XML
 * text, its style and type, its formula and inline string. One record is reused for every cell (no
 * allocation on the hot path); the sheet scanner then places the cell and turns it into a value.
 */
import { parseIntBytes, parseIntRange, refBytesAt, refBytesRead } from "./cell-refs";
import { inlineRead, readInlineText } from "./inline-texts";
import { attrValueAt, localStart, nameEnd, readAttrs, readText, scanned, skipSpecial, tagEnd } from "./xml-scan";

/** Cell types (the t attribute): n (and unknown types), s, str / inlineStr, b, e, d. */
export const T_N = 0;
export const T_S = 1;
export const T_STR = 2;
export const T_B = 3;
export const T_E = 4;
export const T_D = 5;

/** Cell type attribute → code (unknown types read as numbers). */
function typeCode(s: string, a: number, b: number): number {
  const len = b - a;
  const c = s.charCodeAt(a);
  if (len === 1) return c === 115 ? T_S : c === 98 ? T_B : c === 101 ? T_E : c === 100 ? T_D : T_N;
  if ((len === 3 && s.startsWith("str", a)) || (len === 9 && s.startsWith("inlineStr", a))) return T_STR;
  return T_N;
}

/** `typeCode` over ASCII bytes: the same code for u[a, b) as for the same chars. */
function typeCodeBytes(u: Uint8Array, a: number, b: number): number {
  const len = b - a;
  const c = u[a];
  if (len === 1) return c === 115 ? T_S : c === 98 ? T_B : c === 101 ? T_E : c === 100 ? T_D : T_N;
  if (len === 3 && c === 115 && u[a + 1] === 116 && u[a + 2] === 114) return T_STR; // "str"
  if (len === 9 && c === 105 && u[a + 1] === 110 && u[a + 2] === 108 && u[a + 3] === 105 && u[a + 4] === 110 && u[a + 5] === 101) {
    return u[a + 6] === 83 && u[a + 7] === 116 && u[a + 8] === 114 ? T_STR : T_N; // "inlineStr"
  }
  return T_N;
}

/** "</v>" and "</c>" read as little-endian 32-bit numbers. */
const END_V = 0x3e762f3c;
const END_C = 0x3e632f3c;

export class CellXml {
  /** The r attribute's value is s[refA, refB); refA -1 when absent. */
  refA = -1;
  refB = -1;
  /**
   * The reference as `parseRef` reads it, when the quick path read it: refCol the column (0 when the
   * value is not a reference), refRow the row; refCol -1 when not read (then parse s[refA, refB)).
   */
  refCol = -1;
  refRow = 0;
  /** The s attribute (cellXfs index), -1 when absent. */
  styleIdx = -1;
  type = T_N;
  /** `<c …/>`: no children. */
  selfClosing = false;
  /** `<v>` text still in place, s[vA, vB) with entities not decoded: read without a copy. vA -1 otherwise. */
  vA = -1;
  vB = -1;
  /**
   * The `<v>` text's number when the quick path over bytes found it to be 1 to 15 digits and nothing
   * else (s[vA, vB) then holds them); -1 otherwise.
   */
  vNum = -1;
  /** `<v>` text when it had to be decoded (markup or CDATA inside), or "" for `<v/>`. */
  v: string | undefined = undefined;
  /** `<is>` text (raw: _xHHHH_ escapes not decoded). */
  inline: string | undefined = undefined;
  /** Where `inline` is kept in inline-texts.ts's table (`inlineRead.at`), -1 when it is not. */
  inlineAt = -1;
  /** `<f>` text without a leading "=". */
  formula: string | undefined = undefined;
  /** The si of a shared formula; `sharedMaster` when this cell holds its text. */
  sharedSi: string | undefined = undefined;
  sharedMaster = false;
  /** A view of the bytes `dvOf` (the last ones `plainBytes` read), to compare four bytes at once. */
  private dv: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));
  private dvOf: Uint8Array | undefined = undefined;

  /**
   * Reads the `<c …>` whose name ends at ne; returns the index after the element, or -1 if cut off.
   * `u`: s's bytes when s is ASCII (then u[i] is s.charCodeAt(i)): the quick path reads them instead.
   */
  read(s: string, ne: number, u?: Uint8Array): number {
    this.vA = -1;
    this.vNum = -1;
    this.v = undefined;
    this.inline = undefined;
    this.formula = undefined;
    this.sharedSi = undefined;
    this.sharedMaster = false;
    const quick = u !== undefined ? this.plainBytes(s, u, ne) : this.plain(s, ne);
    if (quick >= 0) return quick;
    return this.careful(s, ne);
  }

  /**
   * The commonest shapes only, as every writer spells them: ` r="…"`, ` s="…"`, ` t="…"` (one space
   * before each, double quotes), then `/>`, `></c>` or `><v>…</v></c>` with no markup in the value.
   * Sets what `careful` would set for them and returns the index after the element; -1 for anything
   * else (then nothing it set counts: `careful` reads the cell again from its start).
   */
  private plain(s: string, k: number): number {
    const n = s.length;
    this.clearAttributes();
    // (charCodeAt loops: values are a few chars, shorter than an indexOf call costs)
    for (;;) {
      const c = s.charCodeAt(k);
      if (c === 62 /* > */) break;
      if (c === 47 /* / */) {
        if (s.charCodeAt(k + 1) !== 62) return -1;
        this.selfClosing = true;
        return k + 2;
      }
      if (c !== 32 || s.charCodeAt(k + 2) !== 61 /* = */ || s.charCodeAt(k + 3) !== 34 /* " */) return -1;
      const name = s.charCodeAt(k + 1);
      const va = k + 4;
      let vb = name === 114 /* r */ ? this.reference(s, va) : va;
      while (vb < n && s.charCodeAt(vb) !== 34) vb++;
      if (vb >= n) return -1;
      if (name === 114 /* r */) ((this.refA = va), (this.refB = vb));
      else if (name === 115 /* s */) this.styleIdx = parseIntRange(s, va, vb);
      else if (name === 116 /* t */) this.type = typeCode(s, va, vb);
      else return -1;
      k = vb + 1;
    }
    // at '>': "</c>" or "<v>…</v></c>"
    if (s.charCodeAt(k + 1) !== 60) return -1;
    const c = s.charCodeAt(k + 2);
    if (c === 105 /* i */ && s.charCodeAt(k + 3) === 115 /* s */ && s.charCodeAt(k + 4) === 62) return this.plainInline(s, k + 5);
    if (c === 47) return s.charCodeAt(k + 3) === 99 && s.charCodeAt(k + 4) === 62 ? k + 5 : -1;
    if (c !== 118 /* v */ || s.charCodeAt(k + 3) !== 62) return -1;
    const va = k + 4;
    let vb = va;
    while (vb < n && s.charCodeAt(vb) !== 60) vb++;
    // "</v></c>"
    if (
      s.charCodeAt(vb + 1) !== 47 ||
      s.charCodeAt(vb + 2) !== 118 ||
      s.charCodeAt(vb + 3) !== 62 ||
      s.charCodeAt(vb + 4) !== 60 ||
      s.charCodeAt(vb + 5) !== 47 ||
      s.charCodeAt(vb + 6) !== 99 ||
      s.charCodeAt(vb + 7) !== 62
    )
      return -1;
    this.vA = va;
    this.vB = vb;
    return vb + 8;
  }

  /**
   * `plain` over s's bytes (s ASCII: the same indices), which read faster than s's chars: the same
   * steps, the same results (an index past the end reads undefined where s reads NaN: both compare
   * unequal and out of every range).
   *
   * The commonest shapes only, as every writer spells them: ` r="…"`, ` s="…"`, ` t="…"` (one space
   * before each, double quotes), then `/>`, `></c>` or `><v>…</v></c>` with no markup in the value.
   * Sets what `careful` would set for them and returns the index after the element; -1 for anything
   * else (then nothing it set counts: `careful` reads the cell again from its start).
   */
  private plainBytes(s: string, u: Uint8Array, k: number): number {
    const n = u.length;
    this.clearAttributes();
    for (;;) {
      const c = u[k];
      if (c === 62 /* > */) break;
      if (c === 47 /* / */) {
        if (u[k + 1] !== 62) return -1;
        this.selfClosing = true;
        return k + 2;
      }
      if (c !== 32 || u[k + 2] !== 61 /* = */ || u[k + 3] !== 34 /* " */) return -1;
      const name = u[k + 1];
      const va = k + 4;
      let vb = name === 114 /* r */ ? this.referenceBytes(u, va) : va;
      while (vb < n && u[vb] !== 34) vb++;
      if (vb >= n) return -1;
      if (name === 114 /* r */) ((this.refA = va), (this.refB = vb));
      else if (name === 115 /* s */) this.styleIdx = parseIntBytes(u, va, vb);
      else if (name === 116 /* t */) this.type = typeCodeBytes(u, va, vb);
      else return -1;
      k = vb + 1;
    }
    // at '>': "</c>" or "<v>…</v></c>"
    if (u[k + 1] !== 60) return -1;
    const c = u[k + 2];
    if (c === 105 /* i */ && u[k + 3] === 115 /* s */ && u[k + 4] === 62) return this.plainInline(s, k + 5);
    if (c === 47) return u[k + 3] === 99 && u[k + 4] === 62 ? k + 5 : -1;
    if (c !== 118 /* v */ || u[k + 3] !== 62) return -1;
    const va = k + 4;
    let vb = va;
    let num = 0;
    let d = u[vb];
    while (d >= 48 && d <= 57) {
      num = num * 10 + (d - 48);
      d = u[++vb];
    }
    const digits = vb - va;
    while (vb < n && u[vb] !== 60) vb++;
    // "</v></c>", four bytes at a time
    if (vb + 8 > n) return -1;
    if (this.dvOf !== u) ((this.dv = new DataView(u.buffer, u.byteOffset, n)), (this.dvOf = u));
    if (this.dv.getUint32(vb, true) !== END_V || this.dv.getUint32(vb + 4, true) !== END_C) return -1;
    this.vA = va;
    this.vB = vb;
    if (digits === vb - va && digits > 0 && digits <= 15) this.vNum = num;
    return vb + 8;
  }

  /**
   * `reference` over the bytes (see `plainBytes`).
   * The r value from va read as `parseRef` reads it (letters, at most 3, then 1 to 7 digits, then the
   * closing quote), into refCol / refRow; returns where it stopped.
   */
  private referenceBytes(u: Uint8Array, va: number): number {
    const k = refBytesAt(u, va);
    const { col, row, letters, digits } = refBytesRead;
    this.refCol = col !== 0 && letters <= 3 && digits >= 1 && digits <= 7 && u[k] === 34 ? col : 0;
    this.refRow = row;
    return k;
  }

  /** `<is>…</is></c>` (openpyxl writes every text so) from after `<is>`; -1 for anything else. */
  private plainInline(s: string, k: number): number {
    const e = readInlineText(s, k);
    if (e < 0 || s.charCodeAt(e) !== 60 || s.charCodeAt(e + 1) !== 47 || s.charCodeAt(e + 2) !== 99 || s.charCodeAt(e + 3) !== 62)
      return -1;
    this.inline = scanned.text;
    this.inlineAt = inlineRead.at;
    return e + 4;
  }

  /**
   * The r value from va read as `parseRef` reads it (letters, at most 3, then 1 to 7 digits, then the
   * closing quote), into refCol / refRow; returns where it stopped.
   */
  private reference(s: string, va: number): number {
    let k = va;
    let col = 0;
    let c = s.charCodeAt(k) | 0x20;
    while (c >= 97 && c <= 122) {
      col = col * 26 + (c - 96);
      c = s.charCodeAt(++k) | 0x20;
    }
    const letters = k - va;
    let row = 0;
    let d = s.charCodeAt(k);
    while (d >= 48 && d <= 57) {
      row = row * 10 + (d - 48);
      d = s.charCodeAt(++k);
    }
    const digits = k - va - letters;
    this.refCol = col !== 0 && letters <= 3 && digits >= 1 && digits <= 7 && d === 34 ? col : 0;
    this.refRow = row;
    return k;
  }

  /** Any cell, read by the general rules (whitespace, quotes, prefixes, children of every kind). */
  private careful(s: string, ne: number): number {
    this.refCol = -1;
    this.vA = -1;
    this.vNum = -1;
    this.v = undefined;
    this.inline = undefined;
    this.formula = undefined;
    this.sharedSi = undefined;
    this.sharedMaster = false;
    const k = this.attributes(s, ne);
    if (k < 0) return -1;
    return this.selfClosing ? k : this.children(s, k);
  }

  /** The attributes as a cell without any: no reference, no style, a number, not self-closing. */
  private clearAttributes(): void {
    this.refA = -1;
    this.styleIdx = -1;
    this.type = T_N;
    this.selfClosing = false;
  }

  /** The attributes r, s and t, scanned by hand (names and values are a few chars); the index after '>'. */
  private attributes(s: string, k: number): number {
    const n = s.length;
    this.clearAttributes();
    for (;;) {
      let c = s.charCodeAt(k);
      while (c === 32 || c === 10 || c === 13 || c === 9) c = s.charCodeAt(++k);
      if (c === 62) return k + 1;
      if (c === 47) {
        const gt = s.indexOf(">", k);
        this.selfClosing = true;
        return gt < 0 ? -1 : gt + 1;
      }
      if (k >= n) return -1;
      const an = k;
      k = attrValueAt(s, k);
      if (k >= n) return -1;
      c = s.charCodeAt(k); // the quote
      const va = k + 1;
      k = va;
      while (k < n && s.charCodeAt(k) !== c) k++;
      if (k >= n) return -1;
      if (scanned.nameLen === 1) {
        const ac = s.charCodeAt(an);
        if (ac === 114 /* r */) ((this.refA = va), (this.refB = k));
        else if (ac === 115 /* s */) this.styleIdx = parseIntRange(s, va, k);
        else if (ac === 116 /* t */) this.type = typeCode(s, va, k);
      }
      k++;
    }
  }

  /** The children up to and including `</c>`: v, f and is read, anything else (extLst…) skipped. */
  private children(s: string, k: number): number {
    for (;;) {
      const lt = s.charCodeAt(k) === 60 ? k : s.indexOf("<", k);
      if (lt < 0) return -1;
      const c = s.charCodeAt(lt + 1);
      if (c === 47) {
        // </c>: children are never left open here
        const gt = s.charCodeAt(lt + 3) === 62 ? lt + 3 : s.indexOf(">", lt + 2);
        return gt < 0 ? -1 : gt + 1;
      }
      if (c === 33 || c === 63) k = skipSpecial(s, lt);
      else {
        const cne = nameEnd(s, lt + 1);
        if (cne >= s.length) return -1;
        const cls = localStart(s, lt + 1, cne);
        const len = cne - cls;
        const ch = s.charCodeAt(cls);
        if (len === 1 && ch === 118 /* v */) k = this.value(s, cne);
        else if (len === 1 && ch === 102 /* f */) k = this.formulaChild(s, cne);
        else if (len === 2 && ch === 105 /* i */ && s.charCodeAt(cls + 1) === 115 /* s */) k = this.inlineString(s, cne);
        else k = skipElement(s, cne);
      }
      if (k < 0) return -1;
    }
  }

  /** `<v>`: the fast path `<v>123</v>` leaves the text in place. */
  private value(s: string, cne: number): number {
    const n = s.length;
    const gt = s.charCodeAt(cne) === 62 ? cne : s.indexOf(">", cne);
    if (gt < 0) return -1;
    if (s.charCodeAt(gt - 1) === 47) {
      this.v = "";
      this.vA = -1;
      return gt + 1;
    }
    let e = gt + 1;
    while (e < n && s.charCodeAt(e) !== 60) e++;
    if (e >= n) return -1;
    if (s.charCodeAt(e + 1) === 47) {
      const gt2 = s.charCodeAt(e + 3) === 62 ? e + 3 : s.indexOf(">", e + 2);
      if (gt2 < 0) return -1;
      this.vA = gt + 1;
      this.vB = e;
      this.v = undefined;
      return gt2 + 1;
    }
    const e2 = readText(s, gt + 1);
    if (e2 < 0) return -1;
    this.v = scanned.text;
    this.vA = -1;
    return e2;
  }

  /** `<f>`, with t="shared" and si when it belongs to a shared formula. */
  private formulaChild(s: string, cne: number): number {
    const a = readAttrs(s, cne);
    if (!a) return -1;
    let text = "";
    let k = scanned.end;
    if (!scanned.selfClosing) {
      k = readText(s, k);
      if (k < 0) return -1;
      text = scanned.text;
    }
    if (text.charCodeAt(0) === 61 /* = */) text = text.slice(1);
    if (a.t === "shared" && a.si !== undefined) {
      this.sharedSi = a.si;
      this.sharedMaster = text !== "";
    }
    this.formula = text;
    return k;
  }

  /** `<is>`: an inline string, plain or rich. */
  private inlineString(s: string, cne: number): number {
    const gt = tagEnd(s, cne);
    if (gt < 0) return -1;
    if (s.charCodeAt(gt - 1) === 47) {
      this.inline = "";
      this.inlineAt = -1;
      return gt + 1;
    }
    const e = readInlineText(s, gt + 1);
    if (e < 0) return -1;
    this.inline = scanned.text;
    this.inlineAt = inlineRead.at;
    return e;
  }
}

/** An element whose name ends at ne, with its content; the index after it, or -1 if cut off. */
function skipElement(s: string, ne: number): number {
  const gt = tagEnd(s, ne);
  if (gt < 0) return -1;
  if (s.charCodeAt(gt - 1) === 47) return gt + 1;
  return readText(s, gt + 1);
}
