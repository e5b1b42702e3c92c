/**
 * fflate, loaded at its first use. Under Node the reader inflates and the writer deflates with
 * zlib, so fflate is their fallback only: evaluating it (its Huffman and CRC tables, worker_threads)
 * cost ≈5–8 ms at the start of every command (measured on a 2-core machine, code cache warm). The
 * task pane's bundle takes fflate-static.ts instead (webpack.config.js): imported, tree-shaken.
 */
import type * as Fflate from "fflate";

/** What the reader and writer use of fflate. */
export type FflateUse = Pick<typeof Fflate, "deflateSync" | "inflateSync" | "Inflate">;

let loaded: FflateUse | undefined;

export function fflate(): FflateUse {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require("fflate") as typeof Fflate);
}
