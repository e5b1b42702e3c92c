/**
 * Worker thread entry: the code cache first (the main thread saved it: a warm start), then the
 * reader (unit-worker-thread.ts), loaded with it.
 */
import { useCompileCache } from "./compile-cache";

try {
  useCompileCache({ save: false });
} catch {
  // no cache: the reader is compiled as usual
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
require("./unit-worker-thread");
