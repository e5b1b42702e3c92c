/**
 * Breakdowns of a count row over its sub-units (catalog `subUnits`), as units
 * write them in the Ghi chú cell of a row whose unit reads "- Tin - Bài - Video
 * - Khác": the row's value is the total, the note may say how it splits.
 *
 * Accepted: "Tin: 3; Bài: 2; Video: 0; Khác: 1", "Tin 3, Bài 2", one item per
 * line ("- Tin: 3\n- Bài: 2"), "Tin = 3", "Tin (3)", a unit word after the number
 * ("Tin: 3 tin, Bài: 2 bài"), a long sub-unit name cut short ("Trên mạng xã hội: 4"
 * for "Trên mạng xã hội, mạng viễn thông, công nghệ thông tin"). Names are compared
 * without regard to case, diacritics and punctuation. A note with no number after a
 * sub-unit's name ("Tổng hợp File (Kế hoạch, …); các đường Link, ảnh, video… gửi kèm")
 * has no breakdown.
 */
import { readNumber } from "./numbers";
import { foldText } from "./text";

export interface SubUnitBreakdown {
  /** The sub-units found, in the note's order, named as in the catalog. */
  parts: { name: string; value: number }[];
  /**
   * Names written with a number that are not sub-units of the row ("Ảnh" in "Ảnh: 2"),
   * as written; a sub-unit whose number cannot be read is listed with it ("Tin 3,5").
   */
  unknown: string[];
}

/** Numbers as written: "3", "1.234", "2,5". */
const NUMBER = /\d+(?:[.,]\d+)*/g;
/** Separators no sub-unit name contains (commas can be part of a name). */
const HARD_SEPARATOR = /[;\n\r+•|]/g;
const LEADING = /^[\s,.:;)\]*\-–—]+/u;
const TRAILING = /[\s:=([\-–—]+$/u;
/** Words before a number that are not a sub-unit and not worth a warning. */
const IGNORED = /^(tong|tong so|tong cong|cong|trong do|gom|bao gom)$/;

interface Name {
  name: string;
  folded: string;
}

/** The catalog name this written name stands for, if any. */
function matchName(written: string, names: Name[]): Name | undefined {
  const w = foldText(written);
  if (w === "") return undefined;
  const exact = names.find((n) => n.folded === w);
  if (exact) return exact;
  // A long name cut short or quoted in part ("Trên mạng xã hội", "mạng viễn thông"):
  // at least two words, found whole-word in exactly one name.
  if (!w.includes(" ")) return undefined;
  const within = names.filter((n) => ` ${n.folded} `.includes(` ${w} `));
  return within.length === 1 ? within[0] : undefined;
}

/**
 * Reads a breakdown from a note. Returns undefined when the note names no
 * sub-unit with a number (no breakdown given).
 */
export function parseSubUnits(note: string, subUnits: string[]): SubUnitBreakdown | undefined {
  if (!note || subUnits.length === 0) return undefined;
  const text = note.normalize("NFC");
  const names: Name[] = subUnits.map((name) => ({ name, folded: foldText(name) }));
  // Only an ending as long as the longest name can be a name: longer text before a number is cut,
  // which keeps the work linear in the note's length.
  const window = Math.max(...subUnits.map((n) => n.length)) + 16;
  const unitAfter = /\s*[/%]/y;
  const parts: SubUnitBreakdown["parts"] = [];
  const unknown: string[] = [];
  let last = 0;
  for (const m of text.matchAll(NUMBER)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    const before = text.slice(Math.max(last, start - window), start);
    last = end;
    unitAfter.lastIndex = end;
    // Dates, document numbers, fractions and percents are not items: "09/01/2023", "44/KH", "19/19", "5%".
    if (/[/\p{L}]$/u.test(before) || unitAfter.test(text)) continue;
    const seps = [...before.matchAll(HARD_SEPARATOR)];
    const tail = seps.length ? before.slice((seps[seps.length - 1].index ?? 0) + 1) : before;
    const written = tail.replace(LEADING, "").replace(TRAILING, "");
    if (written === "") continue;
    // The longest ending of the text before the number that is a sub-unit's name:
    // "bài, Video" (a unit word of the previous item, then the name) → "Video".
    let found: Name | undefined;
    const starts = [0, ...[...written.matchAll(/[\s,]+/g)].map((b) => (b.index ?? 0) + b[0].length)];
    for (const s of starts) {
      found = matchName(written.slice(s), names);
      if (found) break;
    }
    const read = readNumber(m[0], { kind: "count" });
    if (found && read && read.ok) {
      parts.push({ name: found.name, value: read.value });
      continue;
    }
    const shown = (written.split(",").pop() ?? written).replace(LEADING, "").trim().slice(-80);
    if (IGNORED.test(foldText(shown))) continue;
    unknown.push(found ? `${found.name} ${m[0]}` : shown);
  }
  return parts.length > 0 ? { parts, unknown } : undefined;
}
