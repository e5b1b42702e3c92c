/**
 * Excel formulas for computed rows. Pure text: the .xlsx writer and the
 * Office.js writer both use these, so a template inserted in Excel and one
 * written by the CLI compute the same way. Formulas use en-US syntax (comma
 * separators), which is what the file format and Office.js `formulas` expect.
 */
import type { RowSpec } from "../catalog/types";

/** Resolves a row code of the same form to its cell address ("D12"). */
export type AddressOf = (code: string) => string;

/**
 * A rate as percent (0–100), blank when it is undefined: numerator or
 * denominator not reported, or a zero denominator.
 */
export function ratioFormula(numerator: string, denominator: string): string {
  return `IF(OR(${numerator}="",${denominator}="",${denominator}=0),"",${numerator}/${denominator}*100)`;
}

/** A total, blank while none of its parts is reported. */
export function sumFormula(parts: string[]): string {
  const refs = compactRanges(parts).join(",");
  return `IF(COUNT(${refs})=0,"",SUM(${refs}))`;
}

/** The formula for a computed row, or undefined for an input row. */
export function rowFormula(row: RowSpec, addressOf: AddressOf): string | undefined {
  if (row.ratio) return ratioFormula(addressOf(row.ratio.numerator), addressOf(row.ratio.denominator));
  if (row.sum) return sumFormula(row.sum.map(addressOf));
  return undefined;
}

/** ["D8","D9","D10","D14"] → ["D8:D10","D14"]: same column, consecutive rows merge. */
export function compactRanges(addresses: string[]): string[] {
  const parsed = addresses.map((a) => {
    const m = /^([A-Z]+)(\d+)$/.exec(a);
    return m ? { col: m[1], row: Number(m[2]), text: a } : { col: "", row: NaN, text: a };
  });
  const out: string[] = [];
  let i = 0;
  while (i < parsed.length) {
    let j = i;
    while (
      j + 1 < parsed.length &&
      parsed[j + 1].col === parsed[i].col &&
      parsed[i].col !== "" &&
      parsed[j + 1].row === parsed[j].row + 1
    ) {
      j++;
    }
    out.push(j > i + 1 ? `${parsed[i].text}:${parsed[j].text}` : parsed[i].text);
    if (j === i + 1) out.push(parsed[j].text);
    i = j + 1;
  }
  return out;
}

/** 1 → "A", 27 → "AA" (core/a1.ts, under the name this module's importers use). */
export { columnLetters as columnLetter } from "./a1";

/** Sheet name quoted for use in a formula or a cell reference ("'Biểu mẫu 1'"). */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}
