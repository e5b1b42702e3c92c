/** sharedStrings.xml → the table `t="s"` cells index into. */
import { finishText } from "./cell-text";
import { isName, nextStartTag, readRichText, scanned } from "./xml-scan";

/**
 * The last table read: each item's XML as written (from after `<si>` to after `</si>`; "" for
 * `<si/>`) and its string. Units copy one template, so the next file's table holds mostly the same
 * items at the same places: an item written exactly as before is the same string, found by one
 * comparison instead of a parse. Only one table is kept, and only a small one (it holds its XML).
 */
let previous: { items: string[]; values: string[] } = { items: [], values: [] };
const REMEMBER_MAX_CHARS = 1024 * 1024;

export function parseSharedStrings(s: string): string[] {
  const values: string[] = [];
  const items: string[] = [];
  const before = previous;
  for (let k = 0; nextStartTag(s, k) >= 0;) {
    const start = scanned.end;
    if (!isName(s, scanned.localA, scanned.nameB, "si")) {
      k = start;
    } else if (scanned.selfClosing) {
      values.push("");
      items.push("");
      k = start;
    } else {
      const i = values.length;
      const same = before.items[i];
      // (a slice and === compare the text natively; startsWith walks it char by char)
      const item = same ? s.slice(start, start + same.length) : "";
      if (item && item === same) {
        // Written as before: read as before (the parse would stop at the same place).
        values.push(before.values[i]);
        items.push(item);
        k = start + item.length;
      } else {
        k = readRichText(s, start);
        if (k < 0) break;
        values.push(finishText(scanned.text));
        items.push(s.slice(start, k));
      }
    }
  }
  previous = s.length <= REMEMBER_MAX_CHARS ? { items, values } : { items: [], values: [] };
  return values;
}
