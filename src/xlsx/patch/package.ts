/**
 * The package as the patcher sees it: parts by normalized name (ooxml/part-name.ts, the reader's
 * rule), inflated only when read, so a damaged part nobody needs is copied as it was; and the
 * rewrite, with untouched entries copied still compressed and in their order.
 */
import { normalizePartName } from "../ooxml/part-name";
import { ZipSizeError } from "../ooxml/zip-write";
import { deflatedEntry, inflateEntry, listZip, writeZip, type ZipEntry } from "../zip-raw";
import { PatchError } from "./patch-error";

export const CONTENT_TYPES = "[content_types].xml";

const decoder = new TextDecoder("utf-8", { ignoreBOM: true, fatal: true });
const encoder = new TextEncoder();

export function encode(text: string): Uint8Array {
  return encoder.encode(text);
}

export class Package {
  /** The entries to write back, in directory order: one per name (the one the reader reads), folders kept. */
  private readonly entries: ZipEntry[] = [];
  /** Parts by normalized name: the first of a repeated name, as the reader takes it. */
  private readonly parts = new Map<string, ZipEntry>();
  private readonly inflated = new Map<string, Uint8Array>();

  constructor(data: Uint8Array) {
    let listed: ZipEntry[];
    try {
      listed = listZip(data);
    } catch {
      throw new PatchError("Không đọc được tệp Excel (.xlsx): tệp không phải gói ZIP hợp lệ hoặc đã hỏng.");
    }
    if (listed.length === 0) throw new PatchError("Không đọc được tệp Excel (.xlsx): gói ZIP rỗng.");
    const seen = new Set<string>();
    for (const e of listed) {
      if (seen.has(e.part)) continue;
      seen.add(e.part);
      this.entries.push(e);
      if (!e.part.endsWith("/")) this.parts.set(e.part, e);
    }
  }

  /** The part's normalized name when the package has it ("/XL\\Workbook.xml" finds "xl/workbook.xml"). */
  find(name: string): string | undefined {
    const n = normalizePartName(name);
    return this.parts.has(n) ? n : undefined;
  }

  bytes(name: string): Uint8Array {
    let bytes = this.inflated.get(name);
    if (!bytes) {
      const e = this.parts.get(name);
      if (!e) throw new PatchError(`Tệp không có phần ${name}.`);
      try {
        bytes = inflateEntry(e);
      } catch {
        throw new PatchError(`Phần ${e.name} của tệp bị hỏng (không giải nén được): không ghi được bản sao.`);
      }
      this.inflated.set(name, bytes);
    }
    return bytes;
  }

  text(name: string): string {
    try {
      return decoder.decode(this.bytes(name));
    } catch (e) {
      if (e instanceof PatchError) throw e;
      throw new PatchError(`Phần ${this.parts.get(name)?.name ?? name} của sổ tính không phải văn bản UTF-8: không sửa được.`);
    }
  }

  /**
   * The new package: [Content_Types].xml first, then the rest in their order; `changed` parts
   * deflated anew under their old names and times, `removed` ones left out, the others copied.
   */
  write(changed: Map<string, Uint8Array>, removed: Set<string>): Uint8Array {
    const isTypes = (e: ZipEntry) => e.part === CONTENT_TYPES;
    const ordered = [...this.entries.filter(isTypes), ...this.entries.filter((e) => !isTypes(e))];
    const out = ordered
      .filter((e) => !removed.has(e.part))
      .map((e) => (changed.has(e.part) ? deflatedEntry(e.name, changed.get(e.part)!, e) : e));
    try {
      return writeZip(out);
    } catch (e) {
      if (e instanceof ZipSizeError) throw new PatchError(e.message);
      throw e;
    }
  }
}
