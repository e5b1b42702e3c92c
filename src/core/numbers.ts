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
import { approx, describeNumFmt, formatNumber, plain, round15, sigDecimals } from "./number-format";
import { candidatesIn, isToken, NUM, type Policy, policyOf, readToken, type Token } from "./number-tokens";
import { agrees, percentOf } from "./rules/rate";

export { describeNumFmt, formatNumber } from "./number-format";

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

/* ---- numeric cells ------------------------------------------------------ */

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

/** Read a whole cell text (already normalised, non-blank): the first shape that matches. */
function readText(raw: string, s: string, ctx: NumberContext, policy: Policy): ReadNumber | Refusal {
  return (
    readSpecial(raw, s) ??
    readFractionAndRate(raw, s, policy) ??
    readCountAndRate(raw, s, policy) ??
    readFraction(raw, s, policy) ??
    readSingle(raw, s, ctx, policy)
  );
}

/** Excel's error texts, a lone "x", and scientific notation from exported text ("1.5E+06"). */
function readSpecial(raw: string, s: string): ReadNumber | Refusal | undefined {
  const quoted = `'${s}'`;
  if (/^#(DIV\/0!|N\/A|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)$/i.test(s)) {
    return refusal(raw, `ô báo lỗi công thức Excel (${s}), không phải một số`);
  }
  if (/^[xX]$/.test(s)) return refusal(raw, `ô ghi ${quoted}, không phải số`);
  const m = s.match(/^([+\-−]?)(\d+(?:\.\d+)?[eE][+-]?\d+)$/);
  if (!m) return undefined;
  const v = (m[1] ? -1 : 1) * Number(m[2]);
  if (!Number.isFinite(v)) return undefined;
  return { ok: true, value: round15(v) || 0, raw, decimals: sigDecimals(v), how: `đọc ${quoted} (dạng số mũ) là ${plain(v)}` };
}

/** "19/19=100%", "28.860/28.977 = 99,6%", "12/15 cuộc = 80%": the stated rate (percent rows) or the count (count rows). */
function readFractionAndRate(raw: string, s: string, policy: Policy): ReadNumber | Refusal | undefined {
  const m = s.match(new RegExp(`^(${NUM}) ?/ ?(${NUM})(?: [\\p{L}/ ]+?)? ?= ?(${NUM}) ?(%?)$`, "u"));
  if (!m) return undefined;
  const quoted = `'${s}'`;
  const a = readToken(m[1]!, "count", false);
  const b = readToken(m[2]!, "count", false);
  const c = readToken(m[3]!, "percent", true);
  if (!isToken(a) || !isToken(b) || !isToken(c)) return proseRefusal(raw, s, policy);
  const parts = { numerator: a.value, denominator: b.value };
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
  if (policy === "money") return refusal(raw, `ô ghi phân số và tỷ lệ ${quoted}, không phải một số tiền`, [a.value, b.value, c.value]);
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
    const computed = round15(percentOf(a.value, b.value));
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

/** "120 hồ sơ = 95,5%" (compound units of Phụ lục II): the rate in percent rows, the count in count rows. */
function readCountAndRate(raw: string, s: string, policy: Policy): ReadNumber | Refusal | undefined {
  const m = s.match(new RegExp(`^(${NUM}) ?([\\p{L}][\\p{L}/, ]*?) ?= ?(${NUM}) ?%$`, "u"));
  if (!m) return undefined;
  const quoted = `'${s}'`;
  const a = readToken(m[1]!, "count", false);
  const c = readToken(m[3]!, "percent", true);
  if (!isToken(a) || !isToken(c)) return proseRefusal(raw, s, policy);
  if (policy === "percent") {
    return { ok: true, value: c.value, raw, decimals: c.decimals, how: `đọc ${quoted} là ${plain(c.value)} (tỷ lệ ghi sau dấu '=')` };
  }
  if (policy === "count") {
    return { ok: true, value: a.value, raw, decimals: a.decimals, how: `đọc ${quoted} là ${plain(a.value)} (số lượng ghi trước dấu '=')` };
  }
  return refusal(raw, `ô ghi ${quoted}: vừa số lượng vừa tỷ lệ, không phải một số`, [a.value, c.value]);
}

/** "28860/28977": a fraction alone is a rate in percent rows (not rounded), refused elsewhere (it may be a date). */
function readFraction(raw: string, s: string, policy: Policy): ReadNumber | Refusal | undefined {
  const m = s.match(new RegExp(`^(${NUM}) ?/ ?(${NUM})$`));
  if (!m) return undefined;
  const quoted = `'${s}'`;
  const a = readToken(m[1]!, "count", false);
  const b = readToken(m[2]!, "count", false);
  if (!isToken(a) || !isToken(b)) return proseRefusal(raw, s, policy);
  if (policy !== "percent") return refusal(raw, `ô ghi phân số ${quoted}, không phải một số`, [a.value, b.value]);
  if (b.value === 0) return refusal(raw, `ô ghi phân số ${quoted} có mẫu số bằng 0: không tính được tỷ lệ`, [a.value, b.value]);
  const v = round15(percentOf(a.value, b.value));
  return {
    ok: true,
    value: v,
    raw,
    decimals: Math.min(sigDecimals(v), 10),
    how: `ô chỉ ghi phân số: đọc ${quoted} là ${plain(a.value)}/${plain(b.value)} × 100 = ${approx(v, 4)}%`,
    parts: { numerator: a.value, denominator: b.value },
  };
}

/** A number with the words after it converted: money to the row's unit, counts by their scale; a unit word dropped. */
interface Scaled {
  value: number;
  decimals: number;
  /** The value as the how-text shows it, when converted to the row's money unit. */
  shown?: string;
  notes: string[];
}

/** A single number: sign, number, optional %, optional unit words. */
function readSingle(raw: string, s: string, ctx: NumberContext, policy: Policy): ReadNumber | Refusal {
  const m = s.match(new RegExp(`^([+\\-−–]?) ?(${NUM})( ?%)?(?: ?([\\p{L}/][\\p{L}/, ]*?)\\.?)?$`, "u"));
  if (!m) return proseRefusal(raw, s, policy);
  const [, sign = "", tok, pctMark, suffix] = m as unknown as [string, string, string, string | undefined, string | undefined];
  const hasPct = Boolean(pctMark);
  if (hasPct && suffix) return proseRefusal(raw, s, policy);
  const t = readToken(tok, policy, hasPct || policy === "percent");
  if (!isToken(t)) return refusal(raw, t.error, candidatesIn(s, policy));
  const negative = sign !== "" && sign !== "+";
  const base: Scaled = { value: t.value, decimals: t.decimals, notes: t.note ? [t.note] : [] };
  const scaled = suffix ? scaleBySuffix(raw, s, suffix, base, negative, ctx, policy) : base;
  if ("ok" in scaled) return scaled;
  let value = negative ? -scaled.value : scaled.value;
  if (Object.is(value, -0)) value = 0;
  const r: ReadNumber = { ok: true, value, raw, decimals: scaled.decimals };
  if (suffix || t.note || hasPct) {
    r.how = `đọc '${s}' là ${scaled.shown ?? plain(value)}` + (scaled.notes.length > 0 ? ` (${scaled.notes.join("; ")})` : "");
  }
  singleDoubts(r, t, value, negative, hasPct, policy);
  return r;
}

/** The words after a number: money scales ("3 tỷ đồng" in a Triệu đồng row), count scales ("1,2 nghìn"), unit words. */
function scaleBySuffix(
  raw: string,
  s: string,
  suffix: string,
  base: Scaled,
  negative: boolean,
  ctx: NumberContext,
  policy: Policy,
): Scaled | Refusal {
  const word = lower(suffix);
  const rowUnit = ctx.unit ? lower(ctx.unit) : undefined;
  const notes = [...base.notes];
  if (policy === "money") {
    const ws = moneyScale(word);
    if (ws === undefined) return proseRefusal(raw, s, policy);
    const rs = moneyScale(rowUnit);
    if (rs === undefined) {
      return refusal(raw, `ô ghi '${s}' nhưng không rõ đơn vị tính của dòng${ctx.unit ? ` ('${ctx.unit}')` : ""} để quy đổi`, [
        negative ? -base.value : base.value,
      ]);
    }
    const k = ws - rs;
    if (k === 0) return { ...base, notes: [...notes, `bỏ đơn vị '${suffix}', trùng đơn vị tính của dòng`] };
    const value = round15(k > 0 ? base.value * 10 ** k : base.value / 10 ** -k);
    return {
      value,
      decimals: Math.max(0, base.decimals - k),
      shown: `${formatNumber(negative ? -value : value, "vi")} ${SCALE_NAME[rs]}`,
      notes,
    };
  }
  const sm = word.match(/^(?:(nghìn|ngàn|triệu|tỷ|tỉ)(?: |$))?(.*)$/u)!;
  const scale = sm[1] ? SCALE[sm[1]]! : 0;
  const rest = sm[2]!.trim();
  const knownUnit = rest === "" || COUNT_UNITS.has(rest) || rest === rowUnit;
  if (policy === "percent" || !knownUnit || (scale > 0 && policy !== "count")) return proseRefusal(raw, s, policy);
  let { value, decimals } = base;
  if (scale > 0) {
    value = round15(value * 10 ** scale);
    decimals = Math.max(0, decimals - scale);
    notes.push(`'${sm[1]}' = × ${formatNumber(10 ** scale, "vi")}`);
  }
  if (rest) notes.push(`bỏ đơn vị '${rest}'`);
  return { value, decimals, notes };
}

/** What may be wrong with a single number read: the other reading of "1.234", a "%" in a count row, a rate written as 0,95. */
function singleDoubts(r: ReadNumber, t: Token, value: number, negative: boolean, hasPct: boolean, policy: Policy): void {
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
