/**
 * Text from received files reaches the terminal: a cell can hold ESC
 * sequences (written as `_x001B_` in the XML), NUL, bidi overrides or
 * newlines that would forge a "bieumau: …" line. Control characters are shown
 * as \uXXXX escapes (also valid inside JSON strings, so JSON output stays
 * valid and means the same), and newlines inside a value as \n.
 */

/** C0 controls except tab, newline and carriage return; DEL; C1 controls; bidi embeddings, overrides and isolates. */
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;
/** Everything that ends a line on some terminal or viewer, plus the rest of the controls. */
const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029]/g;

function escapeChar(c: string): string {
  return "\\u" + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
}

/** For whole chunks of output: line structure kept, every other control character escaped. */
export function escapeControls(text: string): string {
  return text.replace(CONTROLS, escapeChar);
}

/** For one value inside a line (a file name, a cell's text, a reason): can never start a new line. */
export function oneLine(text: string): string {
  return escapeControls(text.replace(LINE_BREAKS, "\\n").replace(/\t/g, " "));
}

/** Every string in a plain data structure made one-line (for text reports built from file contents). */
export function oneLineDeep<T>(value: T): T {
  if (typeof value === "string") return oneLine(value) as T;
  if (Array.isArray(value)) return value.map((v) => oneLineDeep(v)) as T;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = oneLineDeep(v);
    return out as T;
  }
  return value;
}
