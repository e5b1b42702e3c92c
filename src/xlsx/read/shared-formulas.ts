/** Shared formulas: a dependent cell stores no text, only the master's; its formula is the master's, moved. */
import { columnLetters, columnNumber, MAX_COL } from "../../core/a1";

const REF_RE =
  /(?<![\p{L}\p{N}_.$])(?:(\$?)([A-Za-z]{1,3})(\$?)([0-9]{1,7})|(\$?)([A-Za-z]{1,3}):(\$?)([A-Za-z]{1,3})|(\$?)([0-9]{1,7}):(\$?)([0-9]{1,7}))(?![\p{L}\p{N}_.(!])/gu;

/**
 * The formula of a shared-formula dependent: the master's text with its
 * relative references moved by (dRow, dCol), as Excel shows it. References
 * moved off the sheet become #REF!. Text in "strings", 'quoted sheet names'
 * and [brackets] is left alone.
 */
export function translateFormula(formula: string, dRow: number, dCol: number): string {
  if (dRow === 0 && dCol === 0) return formula;
  let out = "";
  let plain = "";
  const flush = (): void => {
    if (plain) out += shiftRefs(plain, dRow, dCol);
    plain = "";
  };
  for (let i = 0; i < formula.length;) {
    const c = formula[i];
    if (c === '"' || c === "'" || c === "[") {
      flush();
      const close = c === "[" ? "]" : c;
      let j = i + 1;
      for (;;) {
        const e = formula.indexOf(close, j);
        if (e < 0) {
          j = formula.length;
          break;
        }
        if (close !== "]" && formula[e + 1] === close) {
          j = e + 2; // doubled quote inside
          continue;
        }
        j = e + 1;
        break;
      }
      out += formula.slice(i, j);
      i = j;
    } else {
      plain += c;
      i++;
    }
  }
  flush();
  return out;
}

function shiftRefs(text: string, dRow: number, dCol: number): string {
  const moveCol = (abs: string, letters: string): string | undefined => {
    const n = abs ? columnNumber(letters) : columnNumber(letters) + dCol;
    return n < 1 || n > MAX_COL ? undefined : abs + columnLetters(n);
  };
  const moveRow = (abs: string, digits: string): string | undefined => {
    const n = abs ? Number(digits) : Number(digits) + dRow;
    return n < 1 || n > 1048576 ? undefined : abs + String(n);
  };
  return text.replace(
    REF_RE,
    (
      m,
      ca: string,
      cl: string,
      ra: string,
      rd: string,
      c1a: string,
      c1: string,
      c2a: string,
      c2: string,
      r1a: string,
      r1: string,
      r2a: string,
      r2: string,
    ) => {
      if (cl !== undefined) {
        if (columnNumber(cl) > MAX_COL) return m;
        const c = moveCol(ca, cl);
        const r = moveRow(ra, rd);
        return c === undefined || r === undefined ? "#REF!" : c + r;
      }
      if (c1 !== undefined) {
        const a = moveCol(c1a, c1);
        const b = moveCol(c2a, c2);
        return a === undefined || b === undefined ? "#REF!" : `${a}:${b}`;
      }
      const a = moveRow(r1a, r1);
      const b = moveRow(r2a, r2);
      return a === undefined || b === undefined ? "#REF!" : `${a}:${b}`;
    },
  );
}
