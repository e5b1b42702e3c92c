/**
 * Comparing Vietnamese text the way an officer would: without regard to
 * diacritics, case, spacing or punctuation, and tolerating small wording
 * differences between a unit's form and the template.
 */

/** "Tỷ lệ   hồ sơ, TTHC." → "ty le ho so tthc" */
export function foldText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9%]+/g, " ")
    .trim();
}

/** Collapse runs of white space (including line breaks and nbsp) into one space; NFC. */
export function squash(text: string): string {
  return text.normalize("NFC").replace(/[\s\u00a0]+/g, " ").trim();
}

/**
 * A row code as written → its normal form: "2.1." → "2.1", " 2 . 1 " → "2.1",
 * "I." → "I", "a)" → "a", "(1)" → "1". Returns "" when the text is not a code.
 */
export function normalizeCode(text: string): string {
  const t = squash(text).replace(/^\(|\)$/g, "").replace(/\s*\.\s*/g, ".").replace(/[.):]+$/, "");
  if (/^\d+(\.\d+)*$/.test(t)) return t.split(".").map((p) => String(Number(p))).join(".");
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

function bigrams(folded: string): Map<string, number> {
  const s = folded.replace(/ /g, "");
  const out = new Map<string, number>();
  for (let i = 0; i < s.length - 1; i++) {
    const g = s.slice(i, i + 2);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/** Dice similarity of letter pairs, 0–1, on folded text; 1 means the same words. */
export function similarity(a: string, b: string): number {
  const fa = foldText(a);
  const fb = foldText(b);
  if (fa === fb) return 1;
  if (fa.length < 2 || fb.length < 2) return 0;
  const ga = bigrams(fa);
  const gb = bigrams(fb);
  let common = 0;
  let total = 0;
  for (const n of ga.values()) total += n;
  for (const n of gb.values()) total += n;
  for (const [g, n] of ga) common += Math.min(n, gb.get(g) ?? 0);
  return (2 * common) / total;
}

/** Similarity where a label cut short or extended by a parenthesis still matches well. */
export function labelSimilarity(written: string, template: string): number {
  const full = similarity(written, template);
  const strip = (s: string) => s.replace(/\([^)]*\)?/g, " ");
  const bare = similarity(strip(written), strip(template));
  return Math.max(full, bare * 0.97);
}
