/** styles.xml → the number format of each cell style (cellXfs), as the grid's Cell.numFmt wants it. */
import { forEachStartTag, readAttrs } from "./xml-scan";

/** ECMA-376 Part 1, 18.8.30: built-in number formats (locale-independent ones). */
const BUILTIN_FORMATS: Record<number, string> = {
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  5: '"$"#,##0_);\\("$"#,##0\\)',
  6: '"$"#,##0_);[Red]\\("$"#,##0\\)',
  7: '"$"#,##0.00_);\\("$"#,##0.00\\)',
  8: '"$"#,##0.00_);[Red]\\("$"#,##0.00\\)',
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "mm-dd-yy",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: "m/d/yy h:mm",
  37: "#,##0 ;(#,##0)",
  38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00;(#,##0.00)",
  40: "#,##0.00;[Red](#,##0.00)",
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
  48: "##0.0E+0",
  49: "@",
};

/** Number format code per cellXfs index (undefined for General). */
export function parseStyles(s: string): (string | undefined)[] {
  const custom = new Map<number, string>();
  const xfIds: number[] = [];
  let inNumFmts = false;
  let inCellXfs = false;
  forEachStartTag(
    s,
    (local, at, selfClosing) => {
      if (local === "numFmts") inNumFmts = !selfClosing;
      else if (local === "cellXfs") inCellXfs = !selfClosing;
      else if (local === "numFmt" && inNumFmts) {
        const a = readAttrs(s, at);
        if (a && a.numFmtId !== undefined && a.formatCode !== undefined) custom.set(Number(a.numFmtId), a.formatCode);
      } else if (local === "xf" && inCellXfs) {
        const a = readAttrs(s, at);
        xfIds.push(a && a.numFmtId !== undefined ? Number(a.numFmtId) : 0);
      }
    },
    (local) => {
      if (local === "numFmts") inNumFmts = false;
      else if (local === "cellXfs") inCellXfs = false;
    },
  );
  return xfIds.map((id) => {
    const code = custom.get(id) ?? BUILTIN_FORMATS[id];
    return code === undefined || code.toLowerCase() === "general" ? undefined : code;
  });
}
