/**
 * Which column of a form's table holds this period's numbers.
 *
 * Officers copy last quarter's file and add columns: "Kỳ trước" / "Kỳ này",
 * "Cùng kỳ năm trước", "Số liệu kỳ trước" / "Số liệu kỳ này", "Kế hoạch" /
 * "Thực hiện", "So sánh (%)". Only the current period's column is this
 * report's number (DOMAIN.md §5). The choice is made from the meaning of each
 * column's header text (folded, every header line and the merged group above
 * it); when the header does not settle it, the caller reports the candidates —
 * never a guess.
 */

/** What a value column's header says about its numbers. */
export type ColumnMeaning =
  /** Explicitly this period: "Kỳ này", "Số liệu kỳ này", "Năm nay", "Kỳ báo cáo". */
  | "current"
  /** A value column without a period: "Số liệu", "Thực hiện", "Kết quả", "Số lượng", "Giá trị". */
  | "value"
  /** Another period or a derived figure: never this period's value. */
  | "other-period"
  /** A dated column ("Năm 2024", "Quý I/2024"): a period, but which one is this report's? */
  | "dated"
  /** Unit, note, or text that names no value. */
  | "none";

const PREVIOUS =
  /\b(ky truoc|cung ky|nam truoc|quy truoc|thang truoc|nam ngoai|ky sau|luy ke|ke hoach|chi tieu ke hoach|so sanh|tang giam|tang \/ giam|chenh lech|du kien|uoc)\b/;
const CURRENT = /\b(ky nay|nam nay|quy nay|thang nay|ky bao cao|trong ky)\b/;
const VALUE = /^(so lieu|so luong|ket qua|thuc hien|gia tri|ty le)\b/;
const DATED = /\b(nam (19|20)\d{2}|quy [ivx1-4]+\b.*\d{4}|[69] thang\b.*\d{4})/;
const UNIT = /^(don vi tinh|dvt)\b/;
const NOTE = /^ghi chu\b/;
/** Group headers merged over the unit and the value columns; they name no column by themselves. */
const GROUP = /^(ket qua thong ke|so lieu thong ke|ket qua thuc hien)$/;

/** The meaning of one header text (already folded). */
export function headerMeaning(folded: string): ColumnMeaning {
  if (!folded || UNIT.test(folded) || NOTE.test(folded)) return "none";
  if (PREVIOUS.test(folded)) return "other-period";
  if (CURRENT.test(folded)) return "current";
  if (DATED.test(folded)) return "dated";
  if (VALUE.test(folded)) return "value";
  return "none";
}

/** One column right of the label, with the header texts written in it and above it. */
export interface HeaderColumn {
  col: number;
  /** Texts of its own header cells, folded, top to bottom. */
  own: string[];
  /** Texts of merged header cells that span it and its neighbours (group headers). */
  inherited: string[];
}

export type ColumnChoice = { ok: true; col: number; how?: string } | { ok: false; candidates: number[]; reason: string };

/** The meaning of a column: its own lines first; a merged group above only adds "another period". */
export function columnMeaning(c: HeaderColumn): ColumnMeaning {
  const own = c.own.filter((t) => !GROUP.test(t) || c.own.length === 1).map(headerMeaning);
  const inherited = c.inherited.map(headerMeaning);
  if (own.includes("other-period") || inherited.includes("other-period")) return "other-period";
  if (own.includes("current") || (own.length > 0 && inherited.includes("current"))) return "current";
  if (own.includes("dated")) return "dated";
  if (own.includes("value")) return "value";
  // A column under a group header ("Số liệu" merged over it) with a line of its own.
  if (c.own.length > 0 && inherited.includes("value")) return "value";
  return "none";
}

/**
 * Chooses this period's value column among `columns` (those right of the label,
 * without the unit and note columns). `fallback` is the column right after the
 * unit (or the label), used when no header line names any value column.
 */
export function chooseValueColumn(columns: HeaderColumn[], fallback: number): ColumnChoice {
  const meaning = new Map(columns.map((c) => [c.col, columnMeaning(c)]));
  const of = (m: ColumnMeaning) => columns.filter((c) => meaning.get(c.col) === m).map((c) => c.col);
  const current = of("current");
  if (current.length === 1) return { ok: true, col: current[0] };
  if (current.length > 1) return { ok: false, candidates: current, reason: "nhiều cột cùng ghi là kỳ này" };
  const value = of("value");
  if (value.length === 1) return { ok: true, col: value[0] };
  if (value.length > 1) return { ok: false, candidates: value, reason: "nhiều cột số liệu, tiêu đề không nói cột nào là kỳ này" };
  const dated = of("dated");
  if (dated.length === 1) return { ok: true, col: dated[0] };
  if (dated.length > 1) {
    // "Quý I/2023 | Quý I/2024": a report's own period is the latest one it shows.
    const latest = latestDated(columns.filter((c) => dated.includes(c.col)));
    if (latest !== undefined) return { ok: true, col: latest, how: "cột của kỳ gần nhất" };
    return { ok: false, candidates: dated, reason: "nhiều cột theo kỳ, không rõ cột nào là kỳ báo cáo" };
  }
  const other = of("other-period");
  if (other.length === 0) return { ok: true, col: fallback };
  const named = columns.filter((c) => c.own.length > 0).map((c) => c.col);
  return {
    ok: false,
    candidates: [...new Set([...named, fallback])].sort((a, b) => a - b),
    reason: "chỉ có cột của kỳ khác (kỳ trước, cùng kỳ, kế hoạch), không có cột nào ghi là kỳ này",
  };
}

/** The column whose header names the latest period, when one is strictly latest. */
function latestDated(columns: HeaderColumn[]): number | undefined {
  const keyed = columns.map((c) => ({ col: c.col, key: periodKey(c.own.find((t) => headerMeaning(t) === "dated") ?? "") }));
  if (keyed.some((k) => k.key === undefined)) return undefined;
  keyed.sort((a, b) => b.key! - a.key!);
  return keyed.length > 1 && keyed[0].key! > keyed[1].key! ? keyed[0].col : undefined;
}

/** "nam 2024" → 2024·10 + 4; "quy ii 2024" → 2024·10 + 2; "6 thang 2024" → 2024·10 + 2; undefined when no year. */
function periodKey(folded: string): number | undefined {
  const year = /\b(20\d{2}|19\d{2})\b/.exec(folded);
  if (!year) return undefined;
  const quarter = /\bquy ([ivx]+|[1-4])\b/.exec(folded)?.[1];
  const q = quarter
    ? (({ i: 1, ii: 2, iii: 3, iv: 4 } as Record<string, number>)[quarter] ?? Number(quarter))
    : /\b6 thang/.test(folded)
      ? 2
      : /\b9 thang/.test(folded)
        ? 3
        : 4;
  return Number(year[1]) * 10 + q;
}
