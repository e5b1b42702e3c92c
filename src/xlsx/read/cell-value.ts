/** A cell's stored text → its value, by its type: shared-string index, number, text, boolean, date text. */
import type { Cell } from "../../core/grid";
import { parseIntFast, parseIntRange } from "./cell-refs";
import { finishText } from "./cell-text";
import { T_B, T_D, T_N, T_S, T_STR } from "./cell-xml";
import { corrupt } from "./errors";

function missingString(index: string): Error {
  return corrupt(`ô tham chiếu chuỗi dùng chung số ${index.trim()} không tồn tại`);
}

/**
 * The value of s[a, b) read straight from the XML text, for the common cases: a shared-string index,
 * a plain integer. undefined when the text needs decoding first.
 */
export function fastValue(s: string, a: number, b: number, type: number, sst: string[]): Cell["value"] | undefined {
  if (type === T_S) {
    const str = sst[parseIntRange(s, a, b)];
    if (str === undefined) throw missingString(s.slice(a, b));
    return str;
  }
  if (type === T_N) {
    const num = parseIntFast(s, a, b);
    if (num === num) return num;
  }
  return undefined;
}

/** The value of a cell's decoded `<v>` text (not an error cell: its text is Cell.error). */
export function storedValue(v: string, type: number, sst: string[]): Cell["value"] {
  switch (type) {
    case T_S: {
      const str = sst[parseIntRange(v, 0, v.length)];
      if (str === undefined) throw missingString(v);
      return str;
    }
    case T_STR:
      return finishText(v);
    case T_B:
      return v.trim() === "1" || v.trim().toLowerCase() === "true";
    case T_D:
      return v.trim();
    default: {
      const t = v.trim();
      if (t === "") return null;
      const num = Number(t);
      return Number.isFinite(num) ? num : t;
    }
  }
}
