/** sharedStrings.xml → the table `t="s"` cells index into. */
import { finishText } from "./cell-text";
import { isName, localStart, nameEnd, readRichText, scanned, skipSpecial, tagEnd } from "./xml-scan";

export function parseSharedStrings(s: string): string[] {
  const out: string[] = [];
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
    if (isName(s, ls, ne, "si")) {
      if (s.charCodeAt(gt - 1) === 47) {
        out.push("");
        k = gt + 1;
        continue;
      }
      const e = readRichText(s, gt + 1);
      if (e < 0) break;
      out.push(finishText(scanned.text));
      k = e;
    } else {
      k = gt + 1;
    }
  }
  return out;
}
