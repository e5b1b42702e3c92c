/** fflate-lazy.ts for the task pane's bundle (webpack.config.js swaps it in): fflate imported as usual, so unused parts are dropped. */
import { deflateSync, Inflate, inflateSync } from "fflate";
import type { FflateUse } from "./fflate-lazy";

const FFLATE: FflateUse = { deflateSync, inflateSync, Inflate };

export function fflate(): FflateUse {
  return FFLATE;
}
