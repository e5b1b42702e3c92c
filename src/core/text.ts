/**
 * Comparing Vietnamese text the way an officer would: without regard to
 * diacritics, case, spacing or punctuation, and tolerating small wording
 * differences between a unit's form and the template.
 */

/**
 * Units copy one template, so a province's thousands of workbooks repeat the same few
 * hundred texts: results of the pure functions below are remembered per raw text, in
 * bounded tables (emptied when full) shared by all the files one thread reads.
 */
const MEMO_LIMIT = 20_000;
/** Longer texts (prose, pasted paragraphs) are rare and not worth keeping. */
const MEMO_MAX_LENGTH = 400;

/** `fn` remembered per text: for the pure readings of texts that recur in every file of a province. */
export function memoByText<T>(fn: (text: string) => T): (text: string) => T {
  const table = new Map<string, T>();
  return (text: string) => {
    let out = table.get(text);
    if (out !== undefined || table.has(text)) return out as T;
    out = fn(text);
    if (text.length <= MEMO_MAX_LENGTH) {
      if (table.size >= MEMO_LIMIT) table.clear();
      table.set(text, out);
    }
    return out;
  };
}

function memoized(fn: (text: string) => string): (text: string) => string {
  const remembered = memoByText(fn);
  return (text: string) => (text === "" ? "" : remembered(text)); // every one of them maps "" to ""
}

/** "Tỷ lệ   hồ sơ, TTHC." → "ty le ho so tthc" */
export const foldText = memoized(foldTextNow);

/**
 * `foldText` without the memo, for a text read once per file (a unit's own name, a header line already
 * remembered by its caller): its entry would never be hit again, and only grow the table.
 */
export function foldTextNow(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9%]+/g, " ")
    .trim();
}

/** Collapse runs of white space (including line breaks and nbsp) into one space; NFC. */
export const squash = memoized(squashNow);

/** `squash` without the memo (see `foldTextNow`). */
export function squashNow(text: string): string {
  return text
    .normalize("NFC")
    .replace(/[\s\u00a0]+/g, " ")
    .trim();
}

/**
 * A row code as written → its normal form: "2.1." → "2.1", " 2 . 1 " → "2.1",
 * "I." → "I", "a)" → "a", "(1)" → "1". Returns "" when the text is not a code.
 */
export const normalizeCode = memoized(normalizeCodeNow);

function normalizeCodeNow(text: string): string {
  const t = squash(text)
    .replace(/^\(|\)$/g, "")
    .replace(/\s*\.\s*/g, ".")
    .replace(/[.):]+$/, "");
  if (/^\d+(\.\d+)*$/.test(t))
    return t
      .split(".")
      .map((p) => String(Number(p)))
      .join(".");
  if (/^[IVXLC]+$/i.test(t) && t.length <= 6) return t.toUpperCase();
  if (/^[a-zđ]$/i.test(t)) return t.toLowerCase();
  return "";
}

/** Splits "2.1. Số nhiệm vụ đề ra" (code and label pasted into one cell) into its parts. */
export function splitLeadingCode(text: string): { code: string; rest: string } | undefined {
  const m = /^\s*(\d+(?:\s*\.\s*\d+)*)\s*[.):]?\s+(\S.*)$/s.exec(text);
  if (!m) return undefined;
  return { code: normalizeCode(m[1]), rest: m[2] };
}

/** A label prepared once for many comparisons: its letter pairs, with and without parentheses. */
export interface LabelKey {
  /** Unique per prepared key: the same id means the same raw label (a cheap stand-in for it in memo keys). */
  id: number;
  folded: string;
  pairs: Map<string, number>;
  pairCount: number;
  bare: Map<string, number>;
  bareCount: number;
}

function bigrams(folded: string): [Map<string, number>, number] {
  const s = folded.replace(/ /g, "");
  const out = new Map<string, number>();
  for (let i = 0; i < s.length - 1; i++) {
    const g = s.slice(i, i + 2);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return [out, Math.max(0, s.length - 1)];
}

/** Units of one province write the same labels: prepared keys are shared across files. */
const keyCache = new Map<string, LabelKey>();
const KEY_CACHE_LIMIT = 20_000;

export function labelKey(label: string): LabelKey {
  let key = keyCache.get(label);
  if (!key) {
    key = makeLabelKey(label);
    if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
    keyCache.set(label, key);
  }
  return key;
}

let nextKeyId = 1;

function makeLabelKey(label: string): LabelKey {
  const folded = foldText(label);
  const [pairs, pairCount] = bigrams(folded);
  const [bare, bareCount] = bigrams(foldText(label.replace(/\([^)]*\)?/g, " ")));
  return { id: nextKeyId++, folded, pairs, pairCount, bare, bareCount };
}

function dice(a: Map<string, number>, na: number, b: Map<string, number>, nb: number): number {
  if (na === 0 || nb === 0) return 0;
  let common = 0;
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  for (const [g, n] of small) {
    const m = large.get(g);
    if (m) common += Math.min(n, m);
  }
  return (2 * common) / (na + nb);
}

/** Dice similarity of letter pairs, 0–1, on folded text; 1 means the same words. */
export function similarity(a: string, b: string): number {
  const ka = labelKey(a);
  const kb = labelKey(b);
  return ka.folded === kb.folded ? 1 : dice(ka.pairs, ka.pairCount, kb.pairs, kb.pairCount);
}

/**
 * Similarities already computed, by template key then written key (keys are shared through
 * `labelKey`'s table, so the same label met in another file finds its pair here).
 */
const similarities = new WeakMap<LabelKey, Map<LabelKey, number>>();
const PAIRS_PER_TEMPLATE_LABEL = 2_000;

/** Similarity where a label cut short or extended by a parenthesis still matches well. */
export function labelSimilarity(written: string | LabelKey, template: string | LabelKey): number {
  const a = typeof written === "string" ? labelKey(written) : written;
  const b = typeof template === "string" ? labelKey(template) : template;
  if (a === b || a.folded === b.folded) return 1;
  let known = similarities.get(b);
  if (!known) similarities.set(b, (known = new Map()));
  let sim = known.get(a);
  if (sim === undefined) {
    sim = labelSimilarityNow(a, b);
    if (known.size >= PAIRS_PER_TEMPLATE_LABEL) known.clear();
    known.set(a, sim);
  }
  return sim;
}

function labelSimilarityNow(a: LabelKey, b: LabelKey): number {
  const full = dice(a.pairs, a.pairCount, b.pairs, b.pairCount);
  const bare = dice(a.bare, a.bareCount, b.bare, b.bareCount);
  return Math.max(full, bare * 0.97);
}
