/** Text as a cell holds it: OOXML's _xHHHH_ escapes decoded, NFC, one shared string per recurring text. */
import { copyText } from "../../core/detach";

const XESC_RE = /_x([0-9A-Fa-f]{4})_/g;

/** OOXML escapes characters XML cannot hold as _xHHHH_ (and a literal "_x" as _x005F_x). */
function decodeXEscapes(s: string): string {
  if (s.indexOf("_x") < 0) return s;
  return s.replace(XESC_RE, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/**
 * Texts already finished, by their text as stored (escapes and all: the key holds everything the
 * result depends on). Units copy one template, so the same labels recur in every file; handing out
 * one string for each lets the label tables of src/core find them by identity, not by comparing texts.
 */
const INTERNED = new Map<string, string>();
const INTERN_LIMIT = 50_000;
/** Longer texts are not interned: they may be slices of their file's XML (sheet-scanner.ts shares no cell of them). */
export const INTERN_MAX_LENGTH = 400;

/** Cell / shared string text: escapes decoded, NFC (Word and macOS can hand over NFD). */
export function finishText(s: string): string {
  if (s.length > INTERN_MAX_LENGTH) return decodeXEscapes(s).normalize("NFC");
  let out = INTERNED.get(s);
  if (out === undefined) {
    // A copy of its own: the table never keeps a file's XML alive (`s` may be a slice of it).
    out = copyText(decodeXEscapes(s).normalize("NFC"));
    if (INTERNED.size >= INTERN_LIMIT) INTERNED.clear();
    INTERNED.set(s, out);
  }
  return out;
}
