/**
 * One number token as units write it ("2.835", "1,234,567.89", "2 835,5"): the
 * separators decide, and the row's kind decides the ambiguous "2.835" (see the
 * conventions in numbers.ts).
 */
import type { RowKind } from "../catalog/types";
import { plain } from "./number-format";

export type Policy = "count" | "percent" | "money" | "other";

export function policyOf(kind: RowKind): Policy {
  switch (kind) {
    case "count":
      return "count";
    case "percent":
    case "ratio":
      return "percent";
    case "money":
      return "money";
    default:
      return "other";
  }
}

export interface Token {
  value: number;
  decimals: number;
  /** Why it was read this way, when not the plain vi-VN reading. */
  note?: string;
  /** The other reading of an ambiguous token. */
  alt?: { value: number; doubt: string };
}

export const NUM = String.raw`\d{1,3}(?: \d{3})+(?:[.,]\d+)?|\d[\d.,]*\d|\d`;

function num(int: string, frac = ""): number {
  return Number(frac ? `${int}.${frac}` : int);
}

/**
 * Read one number token (digits and separators, no sign). `asPercent`: the token is
 * a percentage (row kind or a "%" in the cell), which decides "2.835" as a decimal.
 */
export function readToken(tok: string, policy: Policy, asPercent: boolean): Token | { error: string } {
  let m: RegExpMatchArray | null;
  if (/^\d+$/.test(tok)) return { value: num(tok), decimals: 0 };

  // Thousands grouped with spaces: "2 835", "2 835,5".
  if ((m = tok.match(/^(\d{1,3}(?: \d{3})+)(?:[.,](\d+))?$/))) {
    return {
      value: num(m[1]!.replace(/ /g, ""), m[2]),
      decimals: m[2]?.length ?? 0,
      note: "dấu cách phân cách hàng nghìn",
    };
  }

  // The ambiguous form: 1–3 digits (not starting with 0), one separator, 3 digits.
  if ((m = tok.match(/^([1-9]\d{0,2})([.,])(\d{3})$/))) {
    const [, a, sep, b] = m as unknown as [string, string, string, string];
    const thousands = num(a + b);
    const decimal = num(a, b);
    const asDot = sep === ".";
    const thousandsNote = asDot ? "dấu chấm phân cách hàng nghìn" : "dấu phẩy phân cách hàng nghìn kiểu en-US";
    const decimalNote = asDot ? "dấu chấm thập phân kiểu en-US" : undefined;
    if (asPercent) return { value: decimal, decimals: 3, note: decimalNote };
    if (policy === "count") return { value: thousands, decimals: 0, note: thousandsNote };
    // money and other kinds: the vi-VN reading, the en-US one as an alternative.
    if (asDot) {
      return {
        value: thousands,
        decimals: 0,
        note: thousandsNote,
        alt: {
          value: decimal,
          doubt: `'${tok}' có thể là ${plain(thousands)} (dấu chấm phân cách hàng nghìn kiểu vi-VN, đã chọn) hoặc ${plain(decimal)} (dấu chấm thập phân kiểu en-US)`,
        },
      };
    }
    return {
      value: decimal,
      decimals: 3,
      alt: {
        value: thousands,
        doubt: `'${tok}' có thể là ${plain(decimal)} (dấu phẩy thập phân kiểu vi-VN, đã chọn) hoặc ${plain(thousands)} (dấu phẩy phân cách hàng nghìn kiểu en-US)`,
      },
    };
  }

  // Single comma: vi-VN decimal comma.
  if ((m = tok.match(/^(\d+),(\d+)$/))) return { value: num(m[1]!, m[2]), decimals: m[2]!.length };
  // Single dot: en-US decimal point (a thousands group would be exactly 3 digits, handled above).
  if ((m = tok.match(/^(\d+)\.(\d+)$/))) {
    return { value: num(m[1]!, m[2]), decimals: m[2]!.length, note: "dấu chấm thập phân kiểu en-US" };
  }
  // vi-VN thousands, optional decimal comma: "43.597.000", "3.989.325,00".
  if ((m = tok.match(/^(\d{1,3}(?:\.\d{3})+)(?:,(\d+))?$/))) {
    return { value: num(m[1]!.replace(/\./g, ""), m[2]), decimals: m[2]?.length ?? 0 };
  }
  // en-US thousands, optional decimal point: "1,234,567", "1,234,567.89".
  if ((m = tok.match(/^(\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$/))) {
    return {
      value: num(m[1]!.replace(/,/g, ""), m[2]),
      decimals: m[2]?.length ?? 0,
      note: m[2] ? "kiểu en-US: dấu phẩy phân cách hàng nghìn, dấu chấm thập phân" : "dấu phẩy phân cách hàng nghìn kiểu en-US",
    };
  }
  return { error: `không đọc được số '${tok}': dấu phân cách không hợp lệ` };
}

export function isToken(t: Token | { error: string }): t is Token {
  return !("error" in t);
}

/** Numbers found in free text, read as tokens ("11,384%" as a percent). */
export function candidatesIn(s: string, policy: Policy): number[] {
  const out: number[] = [];
  for (const m of s.matchAll(/\d(?:[\d.,]*\d)?(\s*%)?/g)) {
    const tok = m[0].replace(/\s*%$/, "");
    const t = readToken(tok, policy, Boolean(m[1]) || policy === "percent");
    if (isToken(t)) out.push(t.value);
    else {
      // Unreadable separators ("15.03.2024"): list the digit runs.
      for (const d of tok.match(/\d+/g) ?? []) out.push(Number(d));
    }
  }
  return out;
}
