/**
 * A unit's data kept for the whole run, without the file it came from. V8 cuts a text out of a
 * longer one without copying it (a "sliced" string), so a cell's text would keep its sheet's whole
 * XML alive: thousands of files would then stay in memory. Copying each longer text is enough,
 * and far cheaper than the JSON round trip that did the same (a text of 12 characters or fewer
 * is always a copy).
 */
export const SLICED_FROM = 13;

/**
 * Objects whose texts were copied as they were made (`markDetached`): the next `detachTexts` that
 * meets one does not walk it again. Only ever a shortcut: walking a marked object would copy texts
 * already copied, nothing else. Bounded, so a caller that never detaches (a worker sending JSON)
 * keeps no more than a few objects alive.
 */
const detached = new Set<object>();
const MAX_MARKED = 64;

/** Marks `value` as holding no text cut out of a longer one (its texts went through `detachText`); returns it. */
export function markDetached<T extends object>(value: T): T {
  if (detached.size >= MAX_MARKED) detached.clear();
  detached.add(value);
  return value;
}

/** Copies in place every longer text of `value` (plain objects and arrays); returns `value`. */
export function detachTexts<T>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  if (detached.size > 0 && detached.delete(value)) return value;
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const v = record[key];
    if (typeof v === "string") {
      if (v.length >= SLICED_FROM) record[key] = copyText(v);
    } else if (v !== null && typeof v === "object") detachTexts(v);
  }
  return value;
}

/** `text`, or a copy of it when it may be cut out of a longer text (as `detachTexts` copies it). */
export function detachText(text: string): string {
  return text.length >= SLICED_FROM ? copyText(text) : text;
}

/** A copy of `text` that shares no memory with it: the joined string is flattened into new memory before the cut. */
export function copyText(text: string): string {
  return ` ${text}`.slice(1);
}
