/**
 * Writing numbers as officers read them (vi-VN "3.989.325,5", en-US
 * "3,989,325.5"), and what an Excel number format shows. Used by messages,
 * writers and cell reading (numbers.ts).
 */

const intlCache = new Map<string, Intl.NumberFormat>();
function intl(decimals: number | undefined): Intl.NumberFormat {
  const key = decimals === undefined ? "sig" : String(decimals);
  let f = intlCache.get(key);
  if (!f) {
    f =
      decimals === undefined
        ? new Intl.NumberFormat("en-US", { useGrouping: false, maximumSignificantDigits: 15 })
        : new Intl.NumberFormat("en-US", {
            useGrouping: false,
            minimumFractionDigits: decimals,
            maximumFractionDigits: decimals,
          });
    intlCache.set(key, f);
  }
  return f;
}

/** Sign, integer digits and fraction digits of a value (no exponent, ≤ 15 significant digits unless `decimals`). */
function digitsOf(value: number, decimals?: number): { negative: boolean; int: string; frac: string } {
  const d = decimals === undefined ? undefined : Math.max(0, Math.min(20, Math.floor(decimals)));
  // Whole numbers of ≤ 15 digits (most counts in messages): the same digits without Intl, which is slow.
  if (Number.isInteger(value) && Math.abs(value) < 1e15)
    return { negative: value < 0, int: String(Math.abs(value)), frac: d ? "0".repeat(d) : "" };
  let s = intl(d).format(value);
  let negative = false;
  if (s.startsWith("-")) {
    negative = true;
    s = s.slice(1);
  }
  const [int, frac = ""] = s.split(".");
  if (/^[0.]*$/.test(s)) negative = false; // no "-0"
  return { negative, int: int ?? "0", frac };
}

function group(int: string, sep: string): string {
  let out = "";
  for (let i = 0; i < int.length; i++) {
    if (i > 0 && (int.length - i) % 3 === 0) out += sep;
    out += int[i];
  }
  return out;
}

/** A number too large to hold (309 nines reads as Infinity) is named, never printed as "Infinity". */
function nonFinite(value: number): string {
  return Number.isNaN(value) ? "không phải số" : "số quá lớn, không tính được";
}

/**
 * Write a number as an officer reads it. vi: "3.989.325,5"; en: "3,989,325.5".
 * With `decimals`, exactly that many decimals (rounded half away from zero);
 * without, the shortest form up to 15 significant digits. Never scientific notation.
 * Non-finite values are named ("số quá lớn, không tính được").
 */
export function formatNumber(value: number, style: "vi" | "en", decimals?: number): string {
  if (!Number.isFinite(value)) return nonFinite(value);
  const { negative, int, frac } = digitsOf(value, decimals);
  const [g, dp] = style === "vi" ? [".", ","] : [",", "."];
  return (negative ? "-" : "") + group(int, g) + (frac ? dp + frac : "");
}

/** vi-VN style without thousands grouping ("2835", "99,87"): used where grouping would be confusing. */
export function plain(value: number, decimals?: number): string {
  if (!Number.isFinite(value)) return nonFinite(value);
  const { negative, int, frac } = digitsOf(value, decimals);
  return (negative ? "-" : "") + int + (frac ? "," + frac : "");
}

/** `plain` rounded to at most `decimals` decimals, with "…" when that dropped digits. */
export function approx(value: number, decimals: number): string {
  let s = plain(value, decimals);
  if (s.includes(",")) s = s.replace(/0+$/, "").replace(/,$/, "");
  return s === plain(value) ? s : `${s}…`;
}

/** Round away binary noise: 0.9987 × 100 → 99.87. */
export function round15(v: number): number {
  return v === 0 ? 0 : Number(v.toPrecision(15));
}

/** Decimals in the shortest ≤ 15-significant-digit form of a value. */
export function sigDecimals(v: number): number {
  if (Number.isInteger(v)) return 0; // the common case, without formatting
  return Number.isFinite(v) ? digitsOf(v).frac.length : 0;
}

export interface FormatInfo {
  percent: boolean;
  /** Decimals shown, when the format says. */
  decimals?: number;
}

/** What an Excel number format shows: whether it is a percent format, and how many decimals. */
const numFmtCache = new Map<string, FormatInfo>();

export function describeNumFmt(numFmt: string | undefined): FormatInfo {
  if (!numFmt) return { percent: false };
  let info = numFmtCache.get(numFmt);
  if (!info) {
    info = parseNumFmt(numFmt);
    if (numFmtCache.size < 1000) numFmtCache.set(numFmt, info);
  }
  return info;
}

function parseNumFmt(numFmt: string): FormatInfo {
  if (/^general$/i.test(numFmt.trim())) return { percent: false };
  // First section only (positive numbers), outside quotes.
  let section = "";
  let inQuote = false;
  for (const ch of numFmt) {
    if (ch === '"') inQuote = !inQuote;
    else if (ch === ";" && !inQuote) break;
    section += ch;
  }
  const code = section
    .replace(/"[^"]*"?/g, "") // literal text
    .replace(/\\./g, "") // escaped characters
    .replace(/\[[^\]]*\]/g, "") // colours, conditions, locales
    .replace(/[_*]./g, ""); // padding
  const percent = code.includes("%");
  if (!/[0#?]/.test(code)) return { percent };
  const m = code.match(/\.([0#?]+)/);
  return { percent, decimals: m ? m[1]!.length : 0 };
}
