/**
 * The shared-string table (xl/sharedStrings.xml): text cells refer to it by index, so a text cell
 * costs the bytes of a number. Deduplicated on the text as given and as cleaned (NFD and NFC
 * spellings share an entry).
 */
import { cleanText, escapeCellText, needsPreserve } from "./cell-text";
import { NS_MAIN, XML_DECL } from "./namespaces";

export class SharedStrings {
  /** Raw or cleaned text → index. */
  private readonly ids = new Map<string, number>();
  private readonly list: string[] = [];
  /** References written (the table's count). */
  private refs = 0;

  /** Index of a text value (counted as one reference), or -1 for text that is empty once cleaned. */
  index(raw: string): number {
    // Empty text never enters the table (it is still empty once cleaned): no lookup, no cleaning.
    if (raw.length === 0) return -1;
    let i = this.ids.get(raw);
    if (i === undefined) {
      const clean = cleanText(raw);
      if (clean === "") return -1;
      // Text already clean (most: names, files, hashes) is one entry, looked up once.
      if (clean !== raw) i = this.ids.get(clean);
      if (i === undefined) {
        i = this.list.length;
        this.list.push(clean);
        this.ids.set(clean, i);
      }
      if (clean !== raw) this.ids.set(raw, i);
    }
    this.refs++;
    return i;
  }

  /** An index `index` gave before, counted as one more reference (-1 stays -1, counted as `index` counts it: not). */
  again(i: number): number {
    if (i >= 0) this.refs++;
    return i;
  }

  /** References written so far (the table's count). */
  get references(): number {
    return this.refs;
  }

  /** Counts `n` more references to entries already in the table (cells written again as copied bytes). */
  addReferences(n: number): void {
    this.refs += n;
  }

  xml(): string {
    const sst: string[] = [XML_DECL, `<sst xmlns="${NS_MAIN}" count="${this.refs}" uniqueCount="${this.list.length}">`];
    for (const t of this.list)
      sst.push(needsPreserve(t) ? `<si><t xml:space="preserve">${escapeCellText(t)}</t></si>` : `<si><t>${escapeCellText(t)}</t></si>`);
    sst.push("</sst>");
    return sst.join("");
  }
}
