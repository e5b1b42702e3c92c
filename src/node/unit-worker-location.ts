/**
 * Where the thread that reads unit files (unit-worker.ts) comes from: its compiled file beside this
 * one (npm package, repository), or, inside the single executable (`npm run dist`), its bundled text
 * carried as the SEA asset "lib/unit-worker.js" — there is no build/ folder there, and a file that
 * happens to lie beside the executable is never run.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export type UnitWorkerLocation = { file: string } | { source: string };

interface SeaModule {
  isSea(): boolean;
  getAsset(key: string, encoding: string): string;
}

function seaModule(): SeaModule | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require("node:sea") as SeaModule; // Node ≥ 20.12
  } catch {
    return undefined;
  }
}

/** undefined: no worker to start (units are read on the main thread). */
export function unitWorkerLocation(): UnitWorkerLocation | undefined {
  const sea = seaModule();
  if (sea?.isSea()) {
    try {
      return { source: sea.getAsset("lib/unit-worker.js", "utf8") };
    } catch {
      return undefined;
    }
  }
  const file = path.join(__dirname, "unit-worker.js");
  return fs.existsSync(file) ? { file } : undefined;
}
