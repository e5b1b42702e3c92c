/**
 * Words officers write in number cells, read by the conventions of Vietnamese
 * statistical tables (DOMAIN.md §5, the General Statistics Office's signs):
 *
 * - "-" (also "—", "–", "−") means the event did not occur: 0. Officers also
 *   write "không" / "Không có" for 0 in a quantity row.
 * - "…" / "..." means it occurred but was not collected: not reported (blank is
 *   not zero). So do "N/A", "chưa có số liệu", "không có số liệu".
 * - A coded answer may be written as its option's words, exactly as the row's
 *   Đơn vị tính prints them: "Có", "Không", "Hoàn thành", "Đã hoàn thành",
 *   "3 cấp", "Kết hợp", or code and words together: "1 (Có)", "2 (3 cấp)".
 *
 * Each reading says how it was made (`how`), so the officer sees it as
 * information; text that fits no convention is left to the number reader.
 */
import type { CodedOption, RowKind } from "../catalog/types";
import { foldText, squash } from "./text";

export type WordReading =
  /** A sign or word meaning 0 (the event did not occur). */
  | { kind: "zero"; how: string }
  /** A sign or word meaning "not collected": not reported. */
  | { kind: "not-reported"; how: string }
  /** A coded answer written as words: the option's code. */
  | { kind: "coded"; value: number; how: string }
  /** Code and words that name different options ("1 (Không)"). */
  | { kind: "coded-conflict"; reason: string };

const DASHES = /^[-–—−]+$/u;
const DOTS = /^(\.{2,}|…+|[.…]{2,})$/u;
const NOT_REPORTED_WORDS = new Set([
  "n a",
  "na",
  "chua co so lieu",
  "khong co so lieu",
  "chua thong ke",
  "chua bao cao",
  "chua co du lieu",
]);
const ZERO_WORDS = new Set(["khong", "khong co", "khong phat sinh"]);

/** Kinds of rows whose value is an amount: a "-" or "không" there is 0. */
const QUANTITY: ReadonlySet<RowKind> = new Set(["count", "money", "percent", "ratio"]);

/**
 * How a cell's text reads by these conventions for a row of `kind` (with its
 * coded `options`), or undefined when it is none of them.
 */
export function readCellWords(text: string, kind: RowKind, options?: CodedOption[]): WordReading | undefined {
  const s = squash(text).replace(/^'/, "");
  if (!s) return undefined;
  const quoted = `"${s}"`;
  if (DOTS.test(s))
    return {
      kind: "not-reported",
      how: `ô ghi ${quoted}: theo quy ước thống kê là có phát sinh nhưng chưa thu thập số liệu, coi như chưa báo cáo`,
    };
  const folded = foldText(s);
  if (NOT_REPORTED_WORDS.has(folded) || /^(chua|khong) co (so lieu|du lieu)\b/.test(folded)) {
    return { kind: "not-reported", how: `ô ghi ${quoted}: coi như chưa báo cáo` };
  }
  if (kind === "coded" && options?.length) {
    const coded = readCodedWords(s, options);
    if (coded) return coded;
  }
  if (QUANTITY.has(kind)) {
    if (DASHES.test(s)) return { kind: "zero", how: `ô ghi ${quoted}: theo quy ước thống kê là không phát sinh, đọc là 0` };
    if (ZERO_WORDS.has(folded)) return { kind: "zero", how: `ô ghi ${quoted}, đọc là 0` };
  }
  if (DASHES.test(s)) return { kind: "not-reported", how: `ô ghi ${quoted} ở dòng không phải số lượng: coi như chưa báo cáo` };
  return undefined;
}

/** "Có", "đã hoàn thành", "2 (3 cấp)", "Kết hợp = 2" → the option's code; undefined when no option fits. */
export function readCodedWords(text: string, options: CodedOption[]): WordReading | undefined {
  const s = squash(text);
  const quoted = `"${s}"`;
  const byWords = (words: string): CodedOption | undefined => {
    const f = foldText(words);
    if (!f) return undefined;
    return (
      options.find((o) => foldText(o.label) === f) ??
      options.find((o) => foldText(o.label) === f.replace(/^da /, "")) ??
      // "Không có" where the option is "Không"
      options.find((o) => foldText(o.label) === f.replace(/ co$/, "") && /^khong co$/.test(f))
    );
  };
  const named = (o: CodedOption) => `đọc là ${o.value} (${o.label})`;
  const alone = byWords(s);
  if (alone && !/^\d+$/.test(foldText(s))) return { kind: "coded", value: alone.value, how: `ô ghi ${quoted}, ${named(alone)}` };
  // Code and words: "1 (Có)", "1 - Có", "1: Có", "Có (1)", "Có = 1".
  const m = /^(\d+)\s*(?:\(\s*(.+?)\s*\)|[-–:=.]\s*(.+))$/u.exec(s) ?? /^(.+?)\s*(?:\(\s*(\d+)\s*\)|[-–:=]\s*(\d+))$/u.exec(s);
  if (!m) return undefined;
  const [codeText, wordsText] = /^\d+$/.test(m[1]) ? [m[1], m[2] ?? m[3]] : [m[2] ?? m[3], m[1]];
  const code = Number(codeText);
  const byCode = options.find((o) => o.value === code);
  const option = byWords(wordsText ?? "");
  if (byCode && option && byCode === option) return { kind: "coded", value: code, how: `ô ghi ${quoted}, ${named(option)}` };
  if (byCode && option) {
    return {
      kind: "coded-conflict",
      reason: `ô ghi ${quoted}: mã ${code} là "${byCode.label}" nhưng chữ "${wordsText}" là mã ${option.value}`,
    };
  }
  return undefined;
}
