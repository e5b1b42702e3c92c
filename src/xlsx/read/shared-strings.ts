/** sharedStrings.xml → the table `t="s"` cells index into. */
import { finishText } from "./cell-text";
import { isName, localStart, nameEnd, readRichText, scanned, skipSpecial, tagEnd } from "./xml-scan";

/**
 * The last table read: each item's XML as written (from after `<si>` to after `</si>`; "" for
 * `<si/>`) and its string. Units copy one template, so the next file's table holds mostly the same
 * items at the same places: an item written exactly as before is the same string, found by one
 * comparison instead of a parse. Only one table is kept.
 */
let previous: { items: string[]; values: string[] } = { items: [], values: [] };

export function parseSharedStrings(s: string): string[] {
  const values: string[] = [];
  const items: string[] = [];
  const before = previous;
  let k = 0;
  for (;;) {
    const lt = s.indexOf("<", k);
    if (lt < 0) break;
    const c = s.charCodeAt(lt + 1);
    if (c === 47 || c === 33 || c === 63) {
      const e = c === 47 ? s.indexOf(">", lt) + 1 : skipSpecial(s, lt);
      if (e <= 0) break;
      k = e;
      continue;
    }
    const ne = nameEnd(s, lt + 1);
    if (ne >= s.length) break;
    const gt = tagEnd(s, ne);
    if (gt < 0) break;
    const ls = localStart(s, lt + 1, ne);
    if (!isName(s, ls, ne, "si")) {
      k = gt + 1;
    } else if (s.charCodeAt(gt - 1) === 47) {
      values.push("");
      items.push("");
      k = gt + 1;
    } else {
      const i = values.length;
      const same = before.items[i];
      // (a slice and === compare the text natively; startsWith walks it char by char)
      const item = same ? s.slice(gt + 1, gt + 1 + same.length) : "";
      if (item && item === same) {
        // Written as before: read as before (the parse would stop at the same place).
        values.push(before.values[i]);
        items.push(item);
        k = gt + 1 + item.length;
      } else {
        const e = readRichText(s, gt + 1);
        if (e < 0) break;
        values.push(finishText(scanned.text));
        items.push(s.slice(gt + 1, e));
        k = e;
      }
    }
  }
  previous = { items, values };
  return values;
}
