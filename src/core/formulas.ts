/**
 * Excel formulas for computed rows. Pure text: the .xlsx writer and the
 * Office.js writer both use these, so a template inserted in Excel and one
 * written by the CLI compute the same way. Formulas use en-US syntax (comma
 * separators), which is what the file format and Office.js `formulas` expect.
 */
// The formulas of computed rows belong to their rule kinds (rules/ratio.ts, rules/sum.ts).
export { compactRanges, sumFormula } from "./rules/sum";
export { ratioFormula } from "./rules/ratio";
export { type AddressOf, rowFormula } from "./rules";

/** Sheet name quoted for use in a formula (core/a1.ts). */
export { quoteSheetName } from "./a1";
