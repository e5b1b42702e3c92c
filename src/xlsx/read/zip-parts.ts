/**
 * The parts of the package, inflated on demand within a budget: only the parts the reader needs are
 * ever touched (drawings, comments, media… never are).
 *
 * - Under Node, whole parts are inflated with the built-in zlib (`process.getBuiltinModule`, invisible
 *   to bundlers): ~3× faster than fflate on these small parts, and it stops at `maxOutputLength`, so a
 *   size that lies costs nothing. Elsewhere (or with `inflater: "fflate"`) fflate does it all.
 * - fflate inflates small entries in one shot into a buffer of the declared size (+1 byte to detect a
 *   size that lies). A lying entry still costs CPU (up to ~1032× its compressed size), so one-shot
 *   inflation is only used while the compressed bytes inflated that way stay small; the rest goes
 *   through fflate's streaming `Inflate` in 16 KB input slices with the output counted after each.
 * - `stream` hands a large worksheet's text to a consumer slice by slice and stops when it is done,
 *   so a sheet with a million rows is abandoned without being inflated in full.
 */
import type { Inflate } from "fflate";
import { fflate } from "../fflate-lazy";
import { entryDataStart, partsByName, readZipDirectory, shownName, ZipFormatError, type ZipDirectoryEntry } from "../ooxml/zip-directory";
import { corrupt, encrypted, tooLarge } from "./errors";
import { NODE_INFLATER, type NodeInflater } from "./node-inflate";
import { decodeXml, sameBytes } from "./xml-bytes";

export type ZipEntry = ZipDirectoryEntry;

/** Compressed input slice for streaming inflation: at most ~16 MB of output per slice. */
const INFLATE_SLICE = 16 * 1024;
/** Worst-case DEFLATE expansion ratio. */
const MAX_RATIO = 1032;
/** No single XML unit (a cell, a tag) is legitimately this large: Excel caps cell text at 32,767 chars. */
const MAX_PENDING_CHARS = 4 * 1024 * 1024;

function sizeMismatch(e: ZipEntry): Error {
  return corrupt(`kích thước mục "${shownName(e.name)}" không khớp`);
}

/** A part's value as read before, by kind and part name, with the compressed bytes it was read from. */
interface Remembered {
  comp: Uint8Array;
  size: number;
  method: number;
  value: unknown;
}
const REMEMBERED = new Map<string, Remembered>();
/** Parts larger than this (inflated) are not remembered: the workbook-level parts are a few KB. */
const REMEMBER_MAX_BYTES = 256 * 1024;

/** A consumer of streamed text: returns how much of `text` it used; `done` when it wants no more. */
export interface TextConsumer {
  feed(text: string, final: boolean): number;
  readonly done: boolean;
}

export class ZipParts {
  readonly entries: Map<string, ZipEntry>;
  /** Uncompressed bytes still allowed. */
  private bytesLeft: number;
  /** Compressed bytes inflated one-shot by fflate so far (bounds the work a lying size can cause). */
  private oneShotComp = 0;
  private readonly nodeInflate: NodeInflater | undefined;

  constructor(
    private readonly data: Uint8Array,
    private readonly maxBytes: number,
    inflater: "auto" | "fflate" | undefined,
  ) {
    try {
      this.entries = partsByName(readZipDirectory(data));
    } catch (err) {
      throw err instanceof ZipFormatError ? corrupt(err.message) : err;
    }
    for (const e of this.entries.values()) if (e.flags & 1) throw encrypted();
    this.bytesLeft = maxBytes;
    this.nodeInflate = inflater === "fflate" ? undefined : NODE_INFLATER;
  }

  get(name: string): ZipEntry | undefined {
    return this.entries.get(name);
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** A part's text (its declared size is charged to the budget first). */
  text(e: ZipEntry): string {
    return decodeXml(this.inflate(e));
  }

  /**
   * A part's value, `read` from its text, remembered across workbooks: units copy one template, so
   * their workbook, relationships and styles parts are often the very same compressed bytes, and the
   * same bytes inflate to the same text. The part is charged to the budget all the same.
   */
  parsed<T>(e: ZipEntry, kind: string, read: (text: string) => T): T {
    const key = `${kind} ${e.name}`;
    const comp = this.compressed(e);
    const known = REMEMBERED.get(key);
    if (known && known.size === e.size && known.method === e.method && sameBytes(known.comp, comp)) {
      this.charge(e.size);
      return known.value as T;
    }
    const value = read(this.text(e));
    if (e.size <= REMEMBER_MAX_BYTES) {
      if (REMEMBERED.size >= 32) REMEMBERED.clear();
      // A copy (Buffer#slice would be a view of the caller's bytes, which the caller may reuse).
      REMEMBERED.set(key, { comp: new Uint8Array(comp), size: e.size, method: e.method, value });
    }
    return value;
  }

  /** A part's bytes, inflated whole: valid until the next part is inflated (they may be a view of a reused buffer). */
  inflate(e: ZipEntry): Uint8Array {
    const comp = this.compressed(e);
    this.charge(e.size);
    if (e.method === 0) {
      if (e.compSize !== e.size) throw sizeMismatch(e);
      return comp;
    }
    if (this.nodeInflate) return this.inflateNode(e, comp);
    if ((this.oneShotComp + e.compSize) * MAX_RATIO <= 2 * this.maxBytes) {
      this.oneShotComp += e.compSize;
      const out = fflate().inflateSync(comp, { out: new Uint8Array(e.size + 1) });
      if (out.length > e.size) throw sizeMismatch(e);
      return out;
    }
    return this.inflateSliced(e, comp);
  }

  /** Inflates a (deflated) part slice by slice, handing its text to `consumer` until it is done. */
  stream(e: ZipEntry, consumer: TextConsumer): void {
    const comp = this.compressed(e);
    const decoder = new TextDecoder("utf-8");
    let pending = "";
    let total = 0;
    const inf = new (fflate().Inflate)((chunk, final) => {
      total += chunk.length;
      if (total > e.size) throw sizeMismatch(e);
      this.charge(chunk.length);
      const text = decoder.decode(chunk, { stream: !final });
      pending = pending.length ? pending + text : text;
      const used = consumer.feed(pending, final);
      pending = used >= pending.length || consumer.done ? "" : pending.slice(used);
      if (pending.length > MAX_PENDING_CHARS) throw corrupt("một phần tử XML quá lớn");
    });
    pushSlices(inf, comp, () => consumer.done);
  }

  private compressed(e: ZipEntry): Uint8Array {
    if (e.method !== 0 && e.method !== 8) throw corrupt(`kiểu nén ${e.method} không được hỗ trợ`);
    let start: number;
    try {
      start = entryDataStart(this.data, e);
    } catch (err) {
      throw err instanceof ZipFormatError ? corrupt(err.message) : err;
    }
    return this.data.subarray(start, start + e.compSize);
  }

  private charge(bytes: number): void {
    this.bytesLeft -= bytes;
    if (this.bytesLeft < 0) throw tooLarge(this.maxBytes);
  }

  /** zlib stops as soon as the output passes the declared size: a lying size costs nothing. */
  private inflateNode(e: ZipEntry, comp: Uint8Array): Uint8Array {
    let out: Uint8Array | "too-large";
    try {
      out = this.nodeInflate!(comp, e.size);
    } catch {
      throw corrupt("dữ liệu nén bị lỗi");
    }
    if (out === "too-large") throw sizeMismatch(e);
    return out;
  }

  private inflateSliced(e: ZipEntry, comp: Uint8Array): Uint8Array {
    const out = new Uint8Array(e.size);
    let len = 0;
    const inf = new (fflate().Inflate)((chunk) => {
      if (len + chunk.length > e.size) throw sizeMismatch(e);
      out.set(chunk, len);
      len += chunk.length;
    });
    pushSlices(inf, comp, () => false);
    return out.subarray(0, len);
  }
}

function pushSlices(inf: Inflate, comp: Uint8Array, stop: () => boolean): void {
  if (comp.length === 0) throw corrupt("dữ liệu nén rỗng");
  for (let p = 0; p < comp.length && !stop(); p += INFLATE_SLICE) {
    const end = Math.min(p + INFLATE_SLICE, comp.length);
    inf.push(comp.subarray(p, end), end === comp.length);
  }
}
