/**
 * Compression for the writer: Node's built-in zlib when running under Node ≥ 20.16
 * (`process.getBuiltinModule`, invisible to bundlers: ~7× faster than fflate at level 1 on these
 * parts), fflate elsewhere.
 */
import { deflateSync } from "fflate";
import { crc32 } from "../ooxml/zip-write";

export interface Deflater {
  deflate(data: Uint8Array, level: number): Uint8Array;
  /** The same bytes as `deflate`, made on another thread (Node's zlib thread pool); absent elsewhere. */
  deflateAsync?: (data: Uint8Array, level: number) => Promise<Uint8Array>;
  crc32(data: Uint8Array): number;
}

interface NodeZlib {
  deflateRawSync(data: Uint8Array, options: { level: number }): Uint8Array;
  deflateRaw?: (
    data: Uint8Array,
    options: { level: number; chunkSize?: number },
    done: (error: Error | null, result: Uint8Array) => void,
  ) => void;
  crc32?: (data: Uint8Array, value?: number) => number;
}

/** Node's zlib under Node ≥ 20.16 (no require: bundlers see nothing), else undefined. */
const NODE_ZLIB: NodeZlib | undefined = (() => {
  try {
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    const zlib = proc?.getBuiltinModule?.("node:zlib") as NodeZlib | undefined;
    return typeof zlib?.deflateRawSync === "function" ? zlib : undefined;
  } catch {
    return undefined;
  }
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

export function pickDeflater(kind: "auto" | "fflate"): Deflater {
  if (kind === "auto" && NODE_ZLIB) {
    const z = NODE_ZLIB;
    const raw = z.deflateRaw;
    return {
      deflate: (data, level) => z.deflateRawSync(data, { level }),
      ...(typeof raw === "function"
        ? {
            deflateAsync: (data: Uint8Array, level: number) =>
              new Promise<Uint8Array>((resolve, reject) =>
                raw.call(z, data, { level, chunkSize: asyncChunkSize(data.length) }, (error, result) =>
                  error ? reject(error) : resolve(result),
                ),
              ),
          }
        : {}),
      crc32: typeof z.crc32 === "function" ? (data) => z.crc32!(data, 0) >>> 0 : crc32,
    };
  }
  return { deflate: (data, level) => deflateSync(data, { level: level as 1 }), crc32 };
}
