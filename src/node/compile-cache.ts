/**
 * A V8 code cache for the CLI's own modules (Node 20 has no module.enableCompileCache): each
 * module loaded after useCompileCache() is compiled with vm.Script and the bytecode V8 made for it
 * in an earlier run, and at the end of a run the bytecode of every module — the functions compiled
 * lazily during the run included — is saved for the next one. Measured on a 2-core machine:
 * compiling the CLI's 165 modules took ≈24 ms of its ≈150 ms start.
 *
 * Honest and harmless: one file in the user's own cache folder (never inside the install, so a
 * read-only install works; BIEUMAU_COMPILE_CACHE_DIR moves it, BIEUMAU_COMPILE_CACHE=0 turns it
 * off), named by the install's folder, the Node version and the architecture; each module's entry
 * is used only for the same file with the same text (SHA-1 of the source), and V8 checks the rest
 * (its own version and flags): a rejected entry is compiled as usual and the file rewritten. Any
 * failure (no such folder, unreadable, another user's file, a torn write) means "no cache".
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import Module from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import * as vm from "node:vm";

export interface CompileCacheStats {
  /** The cache file (undefined: no cache folder). */
  file?: string;
  /** Modules compiled from the cache / compiled from scratch (new, changed, or rejected by V8). */
  hits: number;
  misses: number;
  rejected: number;
}

interface Entry {
  hash: string;
  data: Buffer;
}

interface Head {
  long: boolean;
  /** SHA-1 of all the entries' bytes. */
  sum: string;
  /** Module file, SHA-1 of its source, length of its bytes (in this order after the head). */
  entries: [string, string, number][];
}

interface Loaded {
  entries: Map<string, Entry>;
  /** Made at the end of a run long enough to have compiled the reading code (see LONG_RUN_MS). */
  long: boolean;
}

/** A run this long (ms) has read files: its lazily compiled functions make the cache worth rewriting once. */
const LONG_RUN_MS = 500;
const MAGIC = "bieumau-compile-cache-1\n";
/** import() from code made by eval in a module (Node ≥ 20.12): Node's own loader, as for any module. */
const DYNAMIC_IMPORT = (vm as unknown as { constants?: { USE_MAIN_CONTEXT_DEFAULT_LOADER?: symbol } }).constants
  ?.USE_MAIN_CONTEXT_DEFAULT_LOADER as undefined | (() => never);

type CompileFn = (this: Module, content: string, filename: string, ...rest: unknown[]) => unknown;
type ModuleInternals = {
  prototype: { _compile: CompileFn };
  wrap(content: string): string;
  _resolveFilename(request: string, parent: Module, isMain: boolean, options?: unknown): string;
  _cache: unknown;
  _extensions: unknown;
};

/** The user's cache folder for bieumau, or undefined when there is none. */
export function compileCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.BIEUMAU_COMPILE_CACHE_DIR) return env.BIEUMAU_COMPILE_CACHE_DIR;
  if (process.platform === "win32") return env.LOCALAPPDATA ? path.join(env.LOCALAPPDATA, "bieumau", "cache") : undefined;
  let home: string | undefined;
  try {
    home = os.homedir();
  } catch {
    home = undefined; // no home folder known (a service account…): no cache
  }
  if (process.platform === "darwin") return home ? path.join(home, "Library", "Caches", "bieumau") : undefined;
  const base = env.XDG_CACHE_HOME || (home ? path.join(home, ".cache") : undefined);
  return base ? path.join(base, "bieumau") : undefined;
}

const sha1 = (text: string) => createHash("sha1").update(text).digest("base64");

function cacheFile(dir: string): string {
  const install = sha1(__dirname)
    .replace(/[^A-Za-z0-9]/g, "")
    .slice(0, 12);
  return path.join(dir, `v8-${install}-${process.version}-${process.arch}.bin`);
}

/** The entries of the cache file; an unreadable, foreign or malformed file is no cache. */
function readCache(file: string): Loaded {
  const none = { entries: new Map<string, Entry>(), long: false };
  let buf: Buffer;
  try {
    const fd = fs.openSync(file, "r");
    try {
      // Someone else's file in the folder is never run (POSIX: same owner only).
      const st = fs.fstatSync(fd);
      if (typeof process.getuid === "function" && st.uid !== process.getuid()) return none;
      buf = fs.readFileSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return none;
  }
  try {
    if (buf.toString("latin1", 0, MAGIC.length) !== MAGIC) return none;
    const headLength = buf.readUInt32LE(MAGIC.length);
    let offset = MAGIC.length + 4 + headLength;
    const head = JSON.parse(buf.toString("utf8", MAGIC.length + 4, offset)) as Head;
    // Bytes changed on disk are never handed to V8 (it checks versions and lengths, not every byte).
    if (createHash("sha1").update(buf.subarray(offset)).digest("base64") !== head.sum) return none;
    const entries = new Map<string, Entry>();
    for (const [name, hash, length] of head.entries) {
      if (offset + length > buf.length) return none;
      entries.set(name, { hash, data: buf.subarray(offset, offset + length) });
      offset += length;
    }
    return { entries, long: head.long === true };
  } catch {
    return none;
  }
}

/** The cache of this run's scripts, and of the modules other commands loaded (`kept`, as they were read); any failure: none written. */
function writeCache(...args: Parameters<typeof writeCacheFile>): void {
  try {
    writeCacheFile(...args);
  } catch {
    // a cache is never worth a failure at exit
  }
}

function writeCacheFile(
  file: string,
  scripts: Map<string, { hash: string; script: vm.Script }>,
  long: boolean,
  kept = new Map<string, Entry>(),
): void {
  const entries: [string, string, number][] = [];
  const parts: Buffer[] = [];
  for (const [name, { hash, script }] of scripts) {
    const data = script.createCachedData();
    entries.push([name, hash, data.length]);
    parts.push(data);
  }
  for (const [name, { hash, data }] of kept) {
    if (scripts.has(name)) continue;
    entries.push([name, hash, data.length]);
    parts.push(data);
  }
  const payload = Buffer.concat(parts);
  const sum = createHash("sha1").update(payload).digest("base64");
  const head = Buffer.from(JSON.stringify({ long, sum, entries } satisfies Head));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(head.length);
  // Written aside, then renamed: a reader never sees half a file.
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.writeFileSync(temporary, Buffer.concat([Buffer.from(MAGIC, "latin1"), length, head, payload]), { mode: 0o600 });
    fs.renameSync(temporary, file);
  } catch {
    try {
      fs.rmSync(temporary, { force: true });
    } catch {
      // no folder to write in: nothing was written
    }
  }
}

/**
 * Compiles the modules loaded from now on with the code cache. `save`: rewrite the cache at exit
 * when it missed or a long run found it made by a short one (a worker thread only reads it).
 */
export function useCompileCache(options: { save: boolean; dir?: string } = { save: true }): CompileCacheStats {
  const stats: CompileCacheStats = { hits: 0, misses: 0, rejected: 0 };
  const env = process.env.BIEUMAU_COMPILE_CACHE;
  const dir = options.dir ?? compileCacheDir();
  if (env === "0" || !dir || isSingleExecutable()) return stats;
  const file = (stats.file = cacheFile(dir));
  const cache = readCache(file);
  const scripts = new Map<string, { hash: string; script: vm.Script }>();
  const M = Module as unknown as ModuleInternals;
  const compile = M.prototype._compile;
  M.prototype._compile = function (this: Module, content: string, filename: string, ...rest: unknown[]) {
    // Only CommonJS is taken over: an ES module loaded by require() (Node passes its format, or
    // it does not parse as a function body) is left to Node, as is a file that starts with "#!" or
    // that may import() (Node's loader answers that; a vm.Script only through an experimental hook).
    const format = rest[0];
    if (
      (format !== undefined && format !== "commonjs") ||
      !/\.c?js$/.test(filename) ||
      content.startsWith("#!") ||
      content.includes("import(") ||
      scripts.has(filename)
    ) {
      return compile.call(this, content, filename, ...rest);
    }
    const hash = sha1(content);
    const entry = cache.entries.get(filename);
    const cachedData = entry?.hash === hash ? entry.data : undefined;
    let script: vm.Script;
    try {
      script = new vm.Script(M.wrap(content), { filename, cachedData, importModuleDynamically: DYNAMIC_IMPORT });
    } catch {
      return compile.call(this, content, filename, ...rest);
    }
    if (!cachedData) stats.misses++;
    else if (script.cachedDataRejected) stats.rejected++;
    else stats.hits++;
    scripts.set(filename, { hash, script });
    return runModule(this, script, filename, M);
  };
  if (options.save) {
    process.once("exit", () => {
      const long = performance.now() >= LONG_RUN_MS;
      if (stats.misses + stats.rejected > 0 || (long && !cache.long)) writeCache(file, scripts, long || cache.long, cache.entries);
    });
  }
  return stats;
}

/**
 * The single executable's start: its bundled CLI (`source`, one CommonJS file) compiled with the
 * code cache — the whole bundle was compiled at every start (≈50 ms of CPU for `--version`, measured
 * on a 2-core machine; ≈13 ms from the cache). The cache is the same kind of file as useCompileCache's,
 * named by the bundle's SHA-1: an executable never reads another's.
 */
export function runCachedScript(
  source: string,
  filename: string,
  scope: { require: NodeJS.Require; module: { exports: unknown }; dirname: string },
  dir = compileCacheDir(),
): CompileCacheStats {
  const stats: CompileCacheStats = { hits: 0, misses: 0, rejected: 0 };
  const off = process.env.BIEUMAU_COMPILE_CACHE === "0" || !dir;
  const hash = sha1(source);
  const file = off
    ? undefined
    : path.join(dir, `sea-${hash.replace(/[^A-Za-z0-9]/g, "").slice(0, 12)}-${process.version}-${process.arch}.bin`);
  const cache = file ? readCache(file) : { entries: new Map<string, Entry>(), long: false };
  const entry = cache.entries.get(filename);
  const cachedData = entry?.hash === hash ? entry.data : undefined;
  const script = new vm.Script((Module as unknown as ModuleInternals).wrap(source), {
    filename,
    cachedData,
    importModuleDynamically: DYNAMIC_IMPORT,
  });
  if (!cachedData) stats.misses++;
  else if (script.cachedDataRejected) stats.rejected++;
  else stats.hits++;
  if (file) {
    stats.file = file;
    process.once("exit", () => {
      const long = performance.now() >= LONG_RUN_MS;
      if (stats.misses + stats.rejected > 0 || (long && !cache.long))
        writeCache(file, new Map([[filename, { hash, script }]]), long || cache.long);
    });
  }
  const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
  wrapper.call(scope.module.exports, scope.module.exports, scope.require, scope.module, filename, scope.dirname);
  return stats;
}

/** Runs a module's wrapped text as Node's loader would: exports, require, module, __filename, __dirname. */
function runModule(mod: Module, script: vm.Script, filename: string, M: ModuleInternals): unknown {
  const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
  const moduleRequire = ((id: string) => mod.require(id)) as NodeJS.Require;
  Object.assign(moduleRequire, {
    resolve: Object.assign((request: string, opts?: unknown) => M._resolveFilename(request, mod, false, opts), {
      paths: (request: string) =>
        (Module as unknown as { _resolveLookupPaths(r: string, m: Module): string[] | null })._resolveLookupPaths(request, mod),
    }),
    main: require.main,
    cache: M._cache,
    extensions: M._extensions,
  });
  return wrapper.call(mod.exports, mod.exports, moduleRequire, mod, filename, path.dirname(filename));
}

function isSingleExecutable(): boolean {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require("node:sea") as { isSea(): boolean }).isSea();
  } catch {
    return false;
  }
}
