/**
 * Where the SheetJS worker (legacy-sandbox.ts) loads the library from: its file on
 * disk (npm package, repository), or, inside the single executable (`npm run
 * dist`), the text of that file and of its codepage table, carried as SEA assets
 * "lib/xlsx.js" and "lib/cpexcel.js" — there is no node_modules there.
 */
export type SheetJsLocation = { path: string } | { source: string; codepages: string };

interface SeaModule {
  isSea(): boolean;
  getAsset(key: string, encoding: string): string;
}

function embedded(): SheetJsLocation | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sea = require("node:sea") as SeaModule; // Node ≥ 20.12
    if (!sea.isSea()) return undefined;
    return { source: sea.getAsset("lib/xlsx.js", "utf8"), codepages: sea.getAsset("lib/cpexcel.js", "utf8") };
  } catch {
    return undefined;
  }
}

export function sheetJsLocation(): SheetJsLocation {
  return embedded() ?? { path: require.resolve("@e965/xlsx") };
}

/** The worker's loader (plain JavaScript, run in the worker): require() the path, or run the carried source as a CommonJS module. */
export const LOAD_SHEETJS = `
function loadSheetJs(location) {
  if (location.path !== undefined) return require(location.path);
  const load = (source, requireShim) => {
    const module = { exports: {} };
    new Function("module", "exports", "require", source)(module, module.exports, requireShim);
    return module.exports;
  };
  const codepages = load(location.codepages, require);
  return load(location.source, (id) => (id === "./dist/cpexcel.js" ? codepages : require(id)));
}
`;
