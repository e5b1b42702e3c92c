/**
 * Comparing unit names. Vietnamese names can differ by diacritics alone
 * ("xã Đông Hòa" and "xã Đồng Hòa" are two communes), so names are compared
 * exactly apart from Unicode form, case, spacing, the "UBND" prefix and the
 * old or new placement of a tone mark ("Hoà" / "Hòa", "Thuỷ" / "Thủy", one
 * spelling). A diacritics-free comparison only suggests ("có phải …?"), never merges.
 */
import { foldText } from "./text";

const OLD_TONE: Record<string, string> = {
  oà: "òa",
  oá: "óa",
  oả: "ỏa",
  oã: "õa",
  oạ: "ọa",
  oè: "òe",
  oé: "óe",
  oẻ: "ỏe",
  oẽ: "õe",
  oẹ: "ọe",
  uỳ: "ùy",
  uý: "úy",
  uỷ: "ủy",
  uỹ: "ũy",
  uỵ: "ụy",
};
/** A tone on the second vowel of "oa", "oe", "uy" ending a syllable (not "quý", whose u belongs to qu). */
const OLD_TONE_RE = /(?<![q])(o[àáảãạ]|o[èéẻẽẹ]|u[ỳýỷỹỵ])(?![\p{L}\p{M}])/gu;

const PREFIX = /^(?:ubnd|ủy ban nhân dân)\s+/u;

/** The name as compared: "UBND  Xã Đông Hoà" → "xã đông hòa". */
export function nameKey(name: string): string {
  return name
    .normalize("NFC")
    .toLowerCase()
    .replace(/[\s\u00a0]+/g, " ")
    .trim()
    .replace(OLD_TONE_RE, (m) => OLD_TONE[m] ?? m)
    .replace(PREFIX, "")
    .replace(/^[\s"'“”.,:;-]+|[\s"'“”.,:;-]+$/gu, "");
}

/** Kept for callers: the exact comparison key of a unit name. */
export const unitKey = nameKey;

/** Names among `candidates` that equal `name` once diacritics are dropped, but are not the same name. */
export function similarUnitNames(name: string, candidates: string[]): string[] {
  return similarNamesIndex(candidates)(name);
}

/**
 * `similarUnitNames` against one list asked many times: each candidate's keys are made once and the
 * candidates grouped by their diacritics-free key (3,321 communes compared pairwise made 11 million keys).
 * The answers are the same, in the candidates' order. `keyOf`: nameKey, or a remembered nameKey.
 */
export function similarNamesIndex(candidates: string[], keyOf: (name: string) => string = nameKey): (name: string) => string[] {
  const byFolded = new Map<string, { name: string; key: string }[]>();
  for (const c of candidates) {
    const key = keyOf(c);
    const folded = foldText(key);
    const group = byFolded.get(folded);
    if (group) group.push({ name: c, key });
    else byFolded.set(folded, [{ name: c, key }]);
  }
  return (name) => {
    const key = keyOf(name);
    const group = byFolded.get(foldText(key));
    return group ? [...new Set(group.filter((c) => c.key !== key).map((c) => c.name))] : [];
  };
}

/** The names (in their order) that share their diacritics-free key with another: only these can have a like. */
export function namesSharingFold(names: string[], keyOf: (name: string) => string = nameKey): string[] {
  const folded = names.map((name) => foldText(keyOf(name)));
  const groupSize = new Map<string, number>();
  for (const f of folded) groupSize.set(f, (groupSize.get(f) ?? 0) + 1);
  return names.filter((_, i) => groupSize.get(folded[i])! > 1);
}
