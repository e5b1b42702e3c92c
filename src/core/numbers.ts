/**
 * Reading numbers as reporting units write them (DOMAIN.md §5).
 *
 * Workbooks arrive with numbers typed by hand, pasted from Word or typed under
 * an en-US Excel. `readNumber` reads one cell with the row's kind in mind and
 * says how it read it; `formatNumber` writes a number in vi-VN or en-US style.
 *
 * Conventions (decisions on ambiguous input, all covered by tests):
 * - vi-VN is the default: "." groups thousands, "," is the decimal mark.
 *   Multi-group and mixed forms are unambiguous: "3.989.325,00" (vi),
 *   "1,234,567.89" / "1,234,567" (en-US, reported in `how`).
 * - A single separator followed by exactly three digits after a 1–3 digit
 *   integer part that does not start with 0 ("2.835", "1,234") is ambiguous.
 *   The row's kind decides:
 *     count   → thousands ("2.835" → 2835, "1,234" → 1234), since a count is whole;
 *     percent/ratio (or a "%" in the cell) → decimal ("2.835" → 2,835; "1,234" → 1,234),
 *               since a percent cannot be ≥ 1000;
 *     money and other kinds → the vi-VN reading ("1.234" → 1234, "1,234" → 1,234)
 *               with the en-US reading in `alternatives` and a `doubt`.
 * - Any other single "." is an en-US decimal point ("11.03%" → 11,03; "1.5" → 1,5),
 *   reported in `how`; any other single "," is the vi-VN decimal comma ("23,46").
 * - A cell holding only dashes or dots ("-", "—", "...", "…") is blank (`null`) here;
 *   a form's rows read them by the statistical convention first (src/core/cell-words.ts:
 *   "-" = the event did not occur = 0 in a quantity row, "…" = not collected = not
 *   reported), so `null` is only what the row reader leaves to this function.
 *   A lone "x"/"X" is refused (it is a mark, not a number).
 * - "a/b=c%" reads the stated rate c, with `parts`; if a/b × 100 disagrees with c at
 *   the precision c was written with, the computed rate is an alternative + doubt.
 * - "a/b" alone in a percent/ratio row reads a/b × 100 (not rounded; `decimals`
 *   is the value's significant decimals capped at 10), with `parts` and `how`;
 *   in other rows it is refused (it may as well be a date). b = 0 is refused.
 * - "N hồ sơ = X%" (the compound units of Phụ lục II) reads X in percent/ratio rows
 *   and N in count rows.
 * - A trailing unit word is dropped with `how` when it is the row's unit or a known
 *   counting unit ("85 văn bản"); scale words convert money to the row's unit
 *   ("3 tỷ đồng" in a Triệu đồng row → 3000) and multiply counts ("1,2 nghìn").
 *   Anything else around the number is prose: refused, numbers listed as candidates.
 * - Negative values are read (the validator rejects them where invalid).
 * - Numeric cells: a "%" number format multiplies by 100 for percent/ratio rows;
 *   a percent row holding 0 < v < 1 without "%" keeps v with v × 100 as an
 *   alternative; a non-whole count with exactly three decimals (2.835 typed under
 *   en-US Excel) keeps the value with × 1000 as an alternative.
 */
import type { RowKind } from "../catalog/types";

export interface NumberContext {
  kind: RowKind;
  /** Đơn vị tính of the row as printed ("Triệu đồng", "Văn bản", "%"). */
  unit?: string;
  /** Excel number format of the cell, e.g. "0.00%" (numeric cells only). */
  numFmt?: string;
}

export interface ReadNumber {
  ok: true;
  value: number;
  /** The input as received (numbers as `String(n)`). */
  raw: string;
  /**
   * Decimals as written ("99,6" → 1; "23,46" → 2; "2.835" count → 0); for a numeric
   * cell, the decimals its number format shows if known, else the value's significant
   * decimals. Used to compare a stated rate at the precision it was written with.
   */
  decimals: number;
  /** How it was read, Vietnamese, only when not trivial: "đọc '2.835' là 2835 (…)". */
  how?: string;
  /** Other plausible readings, when there are some. */
  alternatives?: number[];
  /** Vietnamese explanation of the alternatives / of what is doubtful. */
  doubt?: string;
  /** "19/19=100%": the parts written in the cell. */
  parts?: { numerator: number; denominator: number };
}

export interface Refusal {
  ok: false;
  raw: string;
  /** Vietnamese: why it could not be read. */
  reason: string;
  /** Numbers found in the text, when there are some. */
  candidates?: number[];
}

/* ------------------------------------------------------------------------ */
/* Formatting                                                                */
/* ------------------------------------------------------------------------ */

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

/**
 * Write a number as an officer reads it. vi: "3.989.325,5"; en: "3,989,325.5".
 * With `decimals`, exactly that many decimals (rounded half away from zero);
 * without, the shortest form up to 15 significant digits. Never scientific notation.
 * Non-finite values are written as `String(value)`.
 */
/** A number too large to hold (309 nines reads as Infinity) is named, never printed as "Infinity". */
function nonFinite(value: number): string {
  return Number.isNaN(value) ? "không phải số" : "số quá lớn, không tính được";
}

export function formatNumber(value: number, style: "vi" | "en", decimals?: number): string {
  if (!Number.isFinite(value)) return nonFinite(value);
  const { negative, int, frac } = digitsOf(value, decimals);
  const [g, dp] = style === "vi" ? [".", ","] : [",", "."];
  return (negative ? "-" : "") + group(int, g) + (frac ? dp + frac : "");
}

/** vi-VN style without thousands grouping ("2835", "99,87"): used where grouping would be confusing. */
function plain(value: number, decimals?: number): string {
  if (!Number.isFinite(value)) return nonFinite(value);
  const { negative, int, frac } = digitsOf(value, decimals);
  return (negative ? "-" : "") + int + (frac ? "," + frac : "");
}

/** `plain` rounded to at most `decimals` decimals, with "…" when that dropped digits. */
function approx(value: number, decimals: number): string {
  let s = plain(value, decimals);
  if (s.includes(",")) s = s.replace(/0+$/, "").replace(/,$/, "");
  return s === plain(value) ? s : `${s}…`;
}

/** Round away binary noise: 0.9987 × 100 → 99.87. */
function round15(v: number): number {
  return v === 0 ? 0 : Number(v.toPrecision(15));
}

/** Decimals in the shortest ≤ 15-significant-digit form of a value. */
function sigDecimals(v: number): number {
  if (Number.isInteger(v)) return 0; // the common case, without formatting
  return Number.isFinite(v) ? digitsOf(v).frac.length : 0;
}

/* ------------------------------------------------------------------------ */
/* Reading                                                                   */
/* ------------------------------------------------------------------------ */

type Policy = "count" | "percent" | "money" | "other";

function policyOf(kind: RowKind): Policy {
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

interface Token {
  value: number;
  decimals: number;
  /** Why it was read this way, when not the plain vi-VN reading. */
  note?: string;
  /** The other reading of an ambiguous token. */
  alt?: { value: number; doubt: string };
}

const NUM = String.raw`\d{1,3}(?: \d{3})+(?:[.,]\d+)?|\d[\d.,]*\d|\d`;

function num(int: string, frac = ""): number {
  return Number(frac ? `${int}.${frac}` : int);
}

/**
 * Read one number token (digits and separators, no sign). `asPercent`: the token is
 * a percentage (row kind or a "%" in the cell), which decides "2.835" as a decimal.
 */
function readToken(tok: string, policy: Policy, asPercent: boolean): Token | { error: string } {
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

function isToken(t: Token | { error: string }): t is Token {
  return !("error" in t);
}

/** Numbers found in free text, read as tokens ("11,384%" as a percent). */
function candidatesIn(s: string, policy: Policy): number[] {
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

/** Scale words relative to đồng, as powers of ten. */
const SCALE: Record<string, number> = { nghìn: 3, ngàn: 3, triệu: 6, tỷ: 9, tỉ: 9 };
const SCALE_NAME: Record<number, string> = { 0: "đồng", 3: "nghìn đồng", 6: "triệu đồng", 9: "tỷ đồng" };
const MONEY_RE = /^(nghìn|ngàn|triệu|tỷ|tỉ)?\s*(đồng|đ|vnđ|vnd)?$/u;

/** The power of ten of a money expression ("tỷ đồng" → 9), or undefined. */
function moneyScale(s: string | undefined): number | undefined {
  if (!s) return undefined;
  const m = lower(s).match(MONEY_RE);
  if (!m || (!m[1] && !m[2])) return undefined;
  return m[1] ? SCALE[m[1]] : 0;
}

/** Counting units officers write after a number (DOMAIN.md §3), lower case. */
const COUNT_UNITS = new Set([
  "văn bản",
  "vb",
  "nhiệm vụ",
  "thủ tục",
  "tthc",
  "hồ sơ",
  "người",
  "cơ quan",
  "đơn vị",
  "cơ quan/đơn vị",
  "cơ quan, đơn vị",
  "pakn",
  "phản ánh",
  "kiến nghị",
  "phản ánh, kiến nghị",
  "vấn đề",
  "ban",
  "tổ chức",
  "phiếu",
  "số lượng",
  "cuộc",
  "tin",
  "bài",
  "tin/bài",
  "tin bài",
  "video",
  "lượt",
  "quy trình",
  "dịch vụ",
  "lớp",
  "buổi",
  "máy",
  "cán bộ",
  "công chức",
  "viên chức",
  "xã",
  "phường",
  "huyện",
  "sở",
  "cuộc họp",
  "đề án",
  "kế hoạch",
  "báo cáo",
  "quyết định",
  "chỉ tiêu",
]);

function lower(s: string): string {
  return s.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
}

/** Blank-like: only spaces, dashes, dots and ellipses. */
const BLANKISH = /^[\s.…\-–—−]*$/u;

function refusal(raw: string, reason: string, candidates?: number[]): Refusal {
  const r: Refusal = { ok: false, raw, reason };
  if (candidates && candidates.length > 0) r.candidates = candidates;
  return r;
}

function proseRefusal(raw: string, s: string, policy: Policy): Refusal {
  const c = candidatesIn(s, policy);
  return refusal(
    raw,
    c.length > 0 ? `ô chứa văn bản, không phải một số: '${s}'` : `ô chứa văn bản, không phải một số: '${s}' (không có chữ số nào)`,
    c,
  );
}

/** Add alternatives and doubts to a result. */
function addDoubt(r: ReadNumber, doubt: string, alternatives: number[] = []): void {
  r.doubt = r.doubt ? `${r.doubt}; ${doubt}` : doubt;
  const alts = (r.alternatives ?? []).concat(alternatives.filter((a) => a !== r.value));
  if (alts.length > 0) r.alternatives = [...new Set(alts)];
}

/** True when `stated` equals `computed` at the precision `stated` was written with. */
function agrees(stated: number, computed: number, decimals: number): boolean {
  return Math.abs(stated - computed) <= 0.5 * 10 ** -decimals + 1e-9;
}

/* ---- numeric cells ------------------------------------------------------ */

interface FormatInfo {
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

function readNumeric(n: number, ctx: NumberContext, policy: Policy): ReadNumber | Refusal {
  const raw = String(n);
  if (!Number.isFinite(n)) return refusal(raw, `giá trị số không hợp lệ (${raw})`);
  if (Object.is(n, -0)) n = 0;
  const fmt = describeNumFmt(ctx.numFmt);
  if (fmt.percent) {
    const pct = round15(n * 100);
    if (policy === "percent") {
      return {
        ok: true,
        value: pct,
        raw,
        decimals: fmt.decimals ?? sigDecimals(pct),
        how: `ô định dạng phần trăm ${plain(n)} → ${plain(pct)}%`,
      };
    }
    const r: ReadNumber = { ok: true, value: n, raw, decimals: sigDecimals(n) };
    addDoubt(r, `ô định dạng phần trăm (hiển thị ${plain(pct)}%) nhưng chỉ tiêu không phải tỷ lệ`, [pct]);
    return r;
  }
  const r: ReadNumber = { ok: true, value: n, raw, decimals: fmt.decimals ?? sigDecimals(n) };
  if (policy === "percent" && n > 0 && n < 1) {
    const pct = round15(n * 100);
    addDoubt(r, `có thể là tỷ lệ dạng thập phân: ${plain(n)} = ${plain(pct)}%`, [pct]);
  }
  if (policy === "count" && !Number.isInteger(n)) {
    const thousands = round15(n * 1000);
    if (n >= 1 && n < 1000 && sigDecimals(n) === 3 && Number.isInteger(thousands)) {
      addDoubt(
        r,
        `số lượng phải là số nguyên; có thể là ${plain(thousands)} (gõ '${formatNumber(thousands, "vi")}' trong Excel kiểu en-US nên bị lưu thành số thập phân)`,
        [thousands],
      );
    }
  }
  return r;
}

/* ---- text cells --------------------------------------------------------- */

function normalize(s: string): string {
  return s
    .normalize("NFC")
    .replace(/[\u200B-\u200D\uFEFF]/g, "")
    .replace(/[\u00A0\u2007\u202F\u2009\u2002-\u2006\t\r\n]/g, " ")
    .replace(/ +/g, " ")
    .trim();
}

/** Read a whole cell text (already normalised, non-blank). */
function readText(raw: string, s: string, ctx: NumberContext, policy: Policy): ReadNumber | Refusal {
  const quoted = `'${s}'`;
  let m: RegExpMatchArray | null;

  if (/^#(DIV\/0!|N\/A|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)$/i.test(s)) {
    return refusal(raw, `ô báo lỗi công thức Excel (${s}), không phải một số`);
  }
  if (/^[xX]$/.test(s)) return refusal(raw, `ô ghi ${quoted}, không phải số`);

  // Scientific notation from exported text: "1.5E+06".
  if ((m = s.match(/^([+\-−]?)(\d+(?:\.\d+)?[eE][+-]?\d+)$/))) {
    const v = (m[1] ? -1 : 1) * Number(m[2]);
    if (Number.isFinite(v)) {
      return { ok: true, value: round15(v) || 0, raw, decimals: sigDecimals(v), how: `đọc ${quoted} (dạng số mũ) là ${plain(v)}` };
    }
  }

  // "19/19=100%", "28.860/28.977 = 99,6%", "12/15 cuộc = 80%".
  if ((m = s.match(new RegExp(`^(${NUM}) ?/ ?(${NUM})(?: [\\p{L}/ ]+?)? ?= ?(${NUM}) ?(%?)$`, "u")))) {
    const a = readToken(m[1]!, "count", false);
    const b = readToken(m[2]!, "count", false);
    const c = readToken(m[3]!, "percent", true);
    if (!isToken(a) || !isToken(b) || !isToken(c)) return proseRefusal(raw, s, policy);
    const parts = { numerator: a.value, denominator: b.value };
    if (policy === "percent" || policy === "other") {
      const r: ReadNumber = {
        ok: true,
        value: c.value,
        raw,
        decimals: c.decimals,
        how: `đọc ${quoted} là ${plain(c.value)} (tỷ lệ ghi sau dấu '=')`,
        parts,
      };
      if (b.value === 0) addDoubt(r, `mẫu số bằng 0: không tính được tỷ lệ ${plain(a.value)}/0`);
      else {
        const computed = round15((a.value / b.value) * 100);
        if (!agrees(c.value, computed, c.decimals)) {
          addDoubt(
            r,
            `tỷ lệ ghi ${plain(c.value)}% không khớp với ${plain(a.value)}/${plain(b.value)} × 100 = ${approx(computed, c.decimals + 2)}%`,
            [computed],
          );
        }
      }
      return r;
    }
    if (policy === "count") {
      return {
        ok: true,
        value: a.value,
        raw,
        decimals: a.decimals,
        how: `đọc ${quoted} là ${plain(a.value)} (số lượng ghi trước dấu '/')`,
        parts,
      };
    }
    return refusal(raw, `ô ghi phân số và tỷ lệ ${quoted}, không phải một số tiền`, [a.value, b.value, c.value]);
  }

  // "120 hồ sơ = 95,5%" (compound units of Phụ lục II).
  if ((m = s.match(new RegExp(`^(${NUM}) ?([\\p{L}][\\p{L}/, ]*?) ?= ?(${NUM}) ?%$`, "u")))) {
    const a = readToken(m[1]!, "count", false);
    const c = readToken(m[3]!, "percent", true);
    if (!isToken(a) || !isToken(c)) return proseRefusal(raw, s, policy);
    if (policy === "percent") {
      return { ok: true, value: c.value, raw, decimals: c.decimals, how: `đọc ${quoted} là ${plain(c.value)} (tỷ lệ ghi sau dấu '=')` };
    }
    if (policy === "count") {
      return {
        ok: true,
        value: a.value,
        raw,
        decimals: a.decimals,
        how: `đọc ${quoted} là ${plain(a.value)} (số lượng ghi trước dấu '=')`,
      };
    }
    return refusal(raw, `ô ghi ${quoted}: vừa số lượng vừa tỷ lệ, không phải một số`, [a.value, c.value]);
  }

  // "28860/28977": a fraction alone.
  if ((m = s.match(new RegExp(`^(${NUM}) ?/ ?(${NUM})$`)))) {
    const a = readToken(m[1]!, "count", false);
    const b = readToken(m[2]!, "count", false);
    if (!isToken(a) || !isToken(b)) return proseRefusal(raw, s, policy);
    if (policy !== "percent") {
      return refusal(raw, `ô ghi phân số ${quoted}, không phải một số`, [a.value, b.value]);
    }
    if (b.value === 0) {
      return refusal(raw, `ô ghi phân số ${quoted} có mẫu số bằng 0: không tính được tỷ lệ`, [a.value, b.value]);
    }
    const v = round15((a.value / b.value) * 100);
    const shown = approx(v, 4);
    return {
      ok: true,
      value: v,
      raw,
      decimals: Math.min(sigDecimals(v), 10),
      how: `ô chỉ ghi phân số: đọc ${quoted} là ${plain(a.value)}/${plain(b.value)} × 100 = ${shown}%`,
      parts: { numerator: a.value, denominator: b.value },
    };
  }

  // A single number: sign, number, optional %, optional unit words.
  m = s.match(new RegExp(`^([+\\-−–]?) ?(${NUM})( ?%)?(?: ?([\\p{L}/][\\p{L}/, ]*?)\\.?)?$`, "u"));
  if (!m) return proseRefusal(raw, s, policy);
  const [, sign = "", tok, pctMark, suffix] = m as unknown as [string, string, string, string | undefined, string | undefined];
  const hasPct = Boolean(pctMark);
  if (hasPct && suffix) return proseRefusal(raw, s, policy);
  const t = readToken(tok, policy, hasPct || policy === "percent");
  if (!isToken(t)) return refusal(raw, t.error, candidatesIn(s, policy));
  const negative = sign !== "" && sign !== "+";
  const notes: string[] = [];
  if (t.note) notes.push(t.note);
  let value = t.value;
  let decimals = t.decimals;
  let shown: string | undefined;
  let trivial = !t.note && !hasPct;

  if (suffix) {
    trivial = false;
    const word = lower(suffix);
    const rowUnit = ctx.unit ? lower(ctx.unit) : undefined;
    if (policy === "money") {
      const ws = moneyScale(word);
      if (ws === undefined) return proseRefusal(raw, s, policy);
      const rs = moneyScale(rowUnit);
      if (rs === undefined) {
        return refusal(raw, `ô ghi ${quoted} nhưng không rõ đơn vị tính của dòng${ctx.unit ? ` ('${ctx.unit}')` : ""} để quy đổi`, [
          negative ? -t.value : t.value,
        ]);
      }
      const k = ws - rs;
      if (k !== 0) {
        value = round15(k > 0 ? value * 10 ** k : value / 10 ** -k);
        decimals = Math.max(0, decimals - k);
        shown = `${formatNumber(negative ? -value : value, "vi")} ${SCALE_NAME[rs]}`;
      } else {
        notes.push(`bỏ đơn vị '${suffix}', trùng đơn vị tính của dòng`);
      }
    } else {
      const sm = word.match(/^(?:(nghìn|ngàn|triệu|tỷ|tỉ)(?: |$))?(.*)$/u)!;
      const scale = sm[1] ? SCALE[sm[1]]! : 0;
      const rest = sm[2]!.trim();
      const knownUnit = rest === "" || COUNT_UNITS.has(rest) || rest === rowUnit;
      if (policy === "percent" || !knownUnit || (scale > 0 && policy !== "count")) {
        return proseRefusal(raw, s, policy);
      }
      if (scale > 0) {
        value = round15(value * 10 ** scale);
        decimals = Math.max(0, decimals - scale);
        notes.push(`'${sm[1]}' = × ${formatNumber(10 ** scale, "vi")}`);
      }
      if (rest) notes.push(`bỏ đơn vị '${rest}'`);
    }
  }
  if (negative) value = -value;
  if (Object.is(value, -0)) value = 0;

  const r: ReadNumber = { ok: true, value, raw, decimals };
  if (!trivial) {
    r.how = `đọc ${quoted} là ${shown ?? plain(value)}` + (notes.length > 0 ? ` (${notes.join("; ")})` : "");
  }
  if (t.alt) {
    const scaleFactor = t.value === 0 ? 1 : value / (negative ? -t.value : t.value);
    addDoubt(r, t.alt.doubt, [round15((negative ? -t.alt.value : t.alt.value) * scaleFactor)]);
  }
  if (hasPct && policy !== "percent") {
    addDoubt(
      r,
      policy === "count"
        ? "dòng là số lượng nhưng ô ghi dấu %"
        : policy === "money"
          ? "dòng là số tiền nhưng ô ghi dấu %"
          : "dòng không phải tỷ lệ nhưng ô ghi dấu %",
    );
  }
  if (policy === "percent" && !hasPct && value > 0 && value < 1) {
    const pct = round15(value * 100);
    addDoubt(r, `có thể là tỷ lệ dạng thập phân: ${plain(value)} = ${plain(pct)}%`, [pct]);
  }
  return r;
}

/**
 * Read one cell as the row's kind expects. Returns `null` for a blank cell (empty,
 * whitespace, or only dashes/dots: "-", "—", "..."), a `ReadNumber` when a number
 * was read (with `how`, `alternatives`, `doubt` whenever the reading was not plain),
 * or a `Refusal` keeping the raw text, a Vietnamese reason and the numbers found.
 */
export function readNumber(input: string | number | null | undefined, ctx: NumberContext): ReadNumber | Refusal | null {
  if (input === null || input === undefined) return null;
  const policy = policyOf(ctx.kind);
  if (typeof input === "number") return readNumeric(input, ctx, policy);
  const raw = String(input);
  let s = normalize(raw);
  if (s.startsWith("'")) s = s.slice(1).trim(); // Excel's text prefix
  if (BLANKISH.test(s)) return null;
  return readText(raw, s, ctx, policy);
}
