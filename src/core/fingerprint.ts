/**
 * Duplicate reports by content: a unit's values as sorted "form/code=raw" lines joined by "\n"
 * (identical text means the same report). Sorting and joining every unit's hundred-odd lines
 * cost more than the rest of the duplicate check, so units are first bucketed by an order-free
 * hash of the same text and only units sharing a bucket are compared by the exact text.
 */
import type { UnitData } from "./consolidate";

type Forms = UnitData["forms"] | undefined;

/** The exact content text, or undefined for fewer than 3 non-blank values (blank templates sent back look alike). */
export function contentText(forms: Forms): string | undefined {
  const parts: string[] = [];
  for (const f of forms ?? []) {
    for (const [code, v] of Object.entries(f.values)) if (v.raw !== "") parts.push(`${f.form}/${code}=${v.raw}`);
  }
  return parts.length >= 3 ? parts.sort().join("\n") : undefined;
}

const mix = (h: number) => {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
};

/**
 * A hash that equal content texts share: the sum of a hash of each "\n"-separated piece of the
 * text (a raw value holding "\n" splits its line the way the joined text does), so line order
 * does not matter. Different texts may share it; callers compare the texts then.
 */
export function contentHash(forms: Forms): number | undefined {
  const hash = new ContentHasher();
  for (const f of forms ?? []) {
    const form = String(f.form);
    const values = f.values;
    for (const code in values) {
      if (Object.prototype.hasOwnProperty.call(values, code)) hash.add(form, code, values[code].raw);
    }
  }
  return hash.result();
}

/**
 * `contentHash` made value by value, in any order (the sum does not depend on it): unitData adds
 * each value as it makes it, instead of walking the made values again.
 */
export class ContentHasher {
  private lines = 0;
  private sum = 0;
  private h = 0x811c9dc5;

  /** One value ("form/code=raw"); a blank raw is no line. */
  add(form: string, code: string, raw: string): void {
    if (raw === "") return;
    this.lines++;
    // "form/code=raw" hashed in one loop (a line break starts a new line): no call per part (every value of every unit).
    let h = this.h;
    let sum = this.sum;
    for (let part = 0; part < 3; part++) {
      const s = part === 0 ? form : part === 1 ? code : raw;
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c === 10) {
          sum = (sum + mix(h)) | 0;
          h = 0x811c9dc5;
        } else h = Math.imul(h ^ c, 0x01000193);
      }
      if (part === 0)
        h = Math.imul(h ^ 47, 0x01000193); // "/"
      else if (part === 1) h = Math.imul(h ^ 61, 0x01000193); // "="
    }
    this.sum = (sum + mix(h)) | 0;
    this.h = 0x811c9dc5;
  }

  /** The hash, or undefined for fewer than 3 non-blank values (as `contentText`). */
  result(): number | undefined {
    return this.lines >= 3 ? this.sum >>> 0 : undefined;
  }
}

/**
 * Items whose content texts are equal, as `contentText` grouping would give them: groups of two
 * or more, in the order of their first item; items in input order.
 */
export function sameContentGroups<T>(
  items: T[],
  formsOf: (item: T) => Forms,
  /** contentHash of the item's forms made earlier (null: it had none), or undefined: made here. */
  hashOf?: (item: T) => number | null | undefined,
): T[][] {
  const buckets = new Map<number, number[]>();
  items.forEach((item, i) => {
    const made = hashOf?.(item);
    const h = made === undefined ? contentHash(formsOf(item)) : (made ?? undefined);
    if (h === undefined) return;
    const bucket = buckets.get(h);
    if (bucket) bucket.push(i);
    else buckets.set(h, [i]);
  });
  const groups: number[][] = [];
  for (const bucket of buckets.values()) {
    if (bucket.length < 2) continue;
    const exact = new Map<string, number[]>();
    for (const i of bucket) {
      const text = contentText(formsOf(items[i]))!;
      const list = exact.get(text);
      if (list) list.push(i);
      else exact.set(text, [i]);
    }
    for (const list of exact.values()) if (list.length > 1) groups.push(list);
  }
  return groups.sort((a, b) => a[0] - b[0]).map((g) => g.map((i) => items[i]));
}
