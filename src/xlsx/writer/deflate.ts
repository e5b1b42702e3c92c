/**
 * Compression for the writer: Node's built-in zlib when running under Node ≥ 20.16
 * (`process.getBuiltinModule`, invisible to bundlers: ~7× faster than fflate at level 1 on these
 * parts), fflate elsewhere.
 */
import { crc32 } from "../ooxml/zip-write";
import { fflate } from "../fflate-lazy";
import { nodeBuiltin } from "../node-builtin";

export interface Deflater {
  deflate(data: Uint8Array, level: number): Uint8Array;
  /**
   * The same bytes as `deflate` and the data's crc32, both made on another thread (Node's zlib
   * thread pool); absent elsewhere.
   */
  deflateAsync?: (data: Uint8Array, level: number) => Promise<{ compressed: Uint8Array; crc: number }>;
  crc32(data: Uint8Array): number;
}

interface NodeZlib {
  deflateRawSync(data: Uint8Array, options: { level: number }): Uint8Array;
  gzip?: (
    data: Uint8Array,
    options: { level: number; chunkSize?: number },
    done: (error: Error | null, result: Uint8Array) => void,
  ) => void;
  crc32?: (data: Uint8Array, value?: number) => number;
}

/** Node's zlib under Node ≥ 20.16 (no require: bundlers see nothing), else undefined. */
const NODE_ZLIB: NodeZlib | undefined = (() => {
  const zlib = nodeBuiltin<NodeZlib>("node:zlib");
  return typeof zlib?.deflateRawSync === "function" ? zlib : undefined;
})();

/**
 * Output buffer size of a compression on another thread: zlib hands each full buffer back to the
 * main thread (a callback there, then the next round on the pool), 16 KB by default: ≈130 round
 * trips for the consolidation's detail sheets. A quarter of the input holds a sheet's compressed
 * XML (≈8:1 at level 1) in one or two. The compressed bytes do not depend on it.
 */
function asyncChunkSize(length: number): number {
  return Math.min(4 << 20, Math.max(16 << 10, length >> 2));
}

/** A gzip member's 10-byte header (no name, comment or extra field) and 8-byte trailer. */
const GZIP_HEAD = 10;
const GZIP_TAIL = 8;

/**
 * A gzip member of `data` (RFC 1952) → its deflate stream and the crc32 it carries. zlib compresses
 * the same way whatever the wrapper (the raw stream inside is deflateRaw's at the same settings), and
 * its trailer's crc32 is made on the pool's thread, not the main one (≈ 19 MB of detail sheets).
 * Undefined for a member not laid out as zlib writes it (then the caller does it the plain way).
 */
export function gzipBody(member: Uint8Array, size: number): { compressed: Uint8Array; crc: number } | undefined {
  const n = member.length;
  if (n < GZIP_HEAD + GZIP_TAIL || member[0] !== 0x1f || member[1] !== 0x8b || member[2] !== 8 || member[3] !== 0) return undefined;
  const le = (at: number) => (member[at] | (member[at + 1] << 8) | (member[at + 2] << 16) | (member[at + 3] << 24)) >>> 0;
  if (le(n - 4) !== size >>> 0) return undefined;
  return { compressed: member.subarray(GZIP_HEAD, n - GZIP_TAIL), crc: le(n - GZIP_TAIL) };
}

export function pickDeflater(kind: "auto" | "fflate"): Deflater {
  if (kind === "auto" && NODE_ZLIB) {
    const z = NODE_ZLIB;
    const gzip = z.gzip;
    const crc = typeof z.crc32 === "function" ? (data: Uint8Array) => z.crc32!(data, 0) >>> 0 : crc32;
    return {
      deflate: (data, level) => z.deflateRawSync(data, { level }),
      ...(typeof gzip === "function"
        ? {
            deflateAsync: (data: Uint8Array, level: number) =>
              new Promise<{ compressed: Uint8Array; crc: number }>((resolve, reject) =>
                gzip.call(z, data, { level, chunkSize: asyncChunkSize(data.length) }, (error, result) => {
                  if (error) return reject(error);
                  try {
                    resolve(gzipBody(result, data.length) ?? { compressed: z.deflateRawSync(data, { level }), crc: crc(data) });
                  } catch (e) {
                    reject(e as Error);
                  }
                }),
              ),
          }
        : {}),
      crc32: crc,
    };
  }
  return { deflate: (data, level) => fflate().deflateSync(data, { level: level as 1 }), crc32 };
}
