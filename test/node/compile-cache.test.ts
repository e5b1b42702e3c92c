/**
 * The V8 code cache of the CLI's modules (src/node/compile-cache.ts, built: needs `npm run build`):
 * a second run compiles from it and gives the same results; a module whose text changed is
 * compiled afresh (a stale cache would run old code: a silent wrong answer); a damaged, foreign
 * or unwritable cache only means "no cache"; BIEUMAU_COMPILE_CACHE=0 turns it off.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { unzipSync } from "fflate";
import { findTemplate } from "../../src/catalog";
import { writeFilledWorkbook } from "../../src/xlsx/plan-writer";

const BUILT = path.resolve(__dirname, "../../build/node/compile-cache.js");
const BIN = path.resolve(__dirname, "../../bin/bieumau.js");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "bieumau-cc-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

interface Run {
  out: unknown;
  stats: { hits: number; misses: number; rejected: number; file?: string };
}

/** A small "program" of two modules in its own folder, run by a fresh Node with the cache in `cache`. */
function program(name: string, b: string): { run: (cache: string, env?: NodeJS.ProcessEnv) => Run; dir: string } {
  const dir = path.join(work, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, "a.js"),
    `const b = require("./b.js");\nexports.run = (x) => ({ sum: b.add(x, 2), list: [3, 1, 2].sort() });\n`,
  );
  fs.writeFileSync(path.join(dir, "b.js"), b);
  fs.writeFileSync(
    path.join(dir, "main.js"),
    `const stats = require(${JSON.stringify(BUILT)}).useCompileCache({ save: true, dir: process.argv[2] });\n` +
      `const out = require("./a.js").run(40);\nprocess.stdout.write(JSON.stringify({ out, stats }));\n`,
  );
  const run = (cache: string, env: NodeJS.ProcessEnv = {}) =>
    JSON.parse(
      execFileSync(process.execPath, [path.join(dir, "main.js"), cache], { encoding: "utf8", env: { ...process.env, ...env } }),
    ) as Run;
  return { run, dir };
}

const ADD = "exports.add = (a, b) => a + b;\n";

test("the second run compiles every module from the cache, with the same results", () => {
  const { run } = program("twice", ADD);
  const cache = path.join(work, "cache-twice");
  const first = run(cache);
  expect(first.stats).toMatchObject({ hits: 0, misses: 2, rejected: 0 });
  expect(fs.existsSync(first.stats.file!)).toBe(true);
  const second = run(cache);
  expect(second.stats).toMatchObject({ hits: 2, misses: 0, rejected: 0 });
  expect(second.out).toEqual(first.out);
  expect(second.out).toEqual({ sum: 42, list: [1, 2, 3] });
});

test("runs that load other modules (other commands) keep each other's entries", () => {
  const { run, dir } = program("commands", ADD);
  fs.writeFileSync(path.join(dir, "c.js"), "exports.c = 3;\n");
  fs.writeFileSync(
    path.join(dir, "other.js"),
    `const stats = require(${JSON.stringify(BUILT)}).useCompileCache({ save: true, dir: process.argv[2] });\n` +
      `const out = require("./c.js").c;\nprocess.stdout.write(JSON.stringify({ out, stats }));\n`,
  );
  const other = (cache: string) =>
    JSON.parse(execFileSync(process.execPath, [path.join(dir, "other.js"), cache], { encoding: "utf8" })) as Run;
  const cache = path.join(work, "cache-commands");
  expect(run(cache).stats).toMatchObject({ hits: 0, misses: 2 });
  expect(other(cache)).toMatchObject({ out: 3, stats: { hits: 0, misses: 1 } });
  expect(run(cache).stats).toMatchObject({ hits: 2, misses: 0 });
  expect(other(cache).stats).toMatchObject({ hits: 1, misses: 0 });
});

test("a module whose text changed is compiled afresh: its new code runs, never the cached one", () => {
  const { run, dir } = program("changed", ADD);
  const cache = path.join(work, "cache-changed");
  run(cache);
  expect(run(cache).stats.hits).toBe(2);
  // Same length, so only the text's hash tells them apart (V8's own check looks at the length).
  fs.writeFileSync(path.join(dir, "b.js"), ADD.replace("a + b", "a * b"));
  const changed = run(cache);
  expect(changed.out).toEqual({ sum: 80, list: [1, 2, 3] });
  expect(changed.stats).toMatchObject({ hits: 1, misses: 1 });
  expect(run(cache)).toMatchObject({ out: { sum: 80 }, stats: { hits: 2, misses: 0 } });
});

test("ES modules loaded by require(), and import() from a module: left to Node, the same with the cache", () => {
  const dir = path.join(work, "esm");
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, "e.mjs"), "export const seven = 7;\n");
  fs.writeFileSync(path.join(dir, "d.js"), 'exports.load = () => import("node:path").then((p) => p.sep);\n');
  const canRequireEsm = (process as unknown as { features: { require_module?: boolean } }).features.require_module === true;
  fs.writeFileSync(
    path.join(dir, "main.js"),
    `const stats = require(${JSON.stringify(BUILT)}).useCompileCache({ save: true, dir: process.argv[2] });\n` +
      `const seven = ${canRequireEsm ? 'require("./e.mjs").seven' : "7"};\n` +
      `require("./d.js").load().then((sep) => process.stdout.write(JSON.stringify({ out: { seven, sep }, stats })));\n`,
  );
  const cache = path.join(work, "cache-esm");
  const run = () => JSON.parse(execFileSync(process.execPath, [path.join(dir, "main.js"), cache], { encoding: "utf8" })) as Run;
  for (let i = 0; i < 2; i++) expect(run()).toMatchObject({ out: { seven: 7, sep: path.sep }, stats: { rejected: 0 } });
});

test("a damaged cache file is no cache: same results, and it is made again", () => {
  const { run } = program("damaged", ADD);
  const cache = path.join(work, "cache-damaged");
  const file = run(cache).stats.file!;
  const bytes = fs.readFileSync(file);
  for (const damage of [
    () => bytes.subarray(0, bytes.length - 7), // cut short
    () => Buffer.concat([bytes.subarray(0, bytes.length - 3), Buffer.from([1, 2, 3])]), // last bytes changed
    () => Buffer.from("not a cache"),
  ]) {
    fs.writeFileSync(file, damage());
    const r = run(cache);
    expect(r.out).toEqual({ sum: 42, list: [1, 2, 3] });
    expect(r.stats).toMatchObject({ hits: 0, misses: 2 });
    expect(run(cache).stats.hits).toBe(2);
  }
});

test("a cache folder that cannot be made, or turned off: the program runs as without it", () => {
  const { run } = program("nowhere", ADD);
  const blocker = path.join(work, "a-file");
  fs.writeFileSync(blocker, "x");
  const nowhere = path.join(blocker, "cache");
  for (let i = 0; i < 2; i++) expect(run(nowhere)).toMatchObject({ out: { sum: 42 }, stats: { hits: 0, misses: 2 } });
  const off = path.join(work, "cache-off");
  expect(run(off, { BIEUMAU_COMPILE_CACHE: "0" })).toMatchObject({ out: { sum: 42 }, stats: { hits: 0, misses: 0 } });
  expect(fs.existsSync(off)).toBe(false);
});

(process.getuid?.() === 0 ? test : test.skip)("a cache file owned by another user is never used", () => {
  const { run } = program("foreign", ADD);
  const cache = path.join(work, "cache-foreign");
  const file = run(cache).stats.file!;
  fs.chownSync(file, 65534, 65534);
  expect(run(cache).stats).toMatchObject({ hits: 0, misses: 2 });
});

test("the CLI with its cache: the same output as without, and the second run uses the cache", () => {
  const cache = path.join(work, "cache-cli");
  const samples = path.join(work, "don-vi");
  fs.mkdirSync(samples);
  const xa = findTemplate("bnv581-xa")!;
  for (let i = 1; i <= 3; i++) {
    const values = { "1/1": i, "1/2.1": 10, "1/2.2": i === 2 ? 50 : 5 }; // xã 2: more done than planned (an error)
    fs.writeFileSync(
      path.join(samples, `xa-${i}.xlsx`),
      writeFilledWorkbook(xa, { unit: `UBND xã Số ${i}`, period: "Quý I năm 2025" }, values),
    );
  }
  fs.writeFileSync(path.join(samples, "xa-hong.xlsx"), "không phải Excel");
  const consolidate = (env: NodeJS.ProcessEnv, out: string) => {
    const r = spawnSync(process.execPath, [BIN, "consolidate", "--json", "-o", path.join(work, out), samples], {
      encoding: "utf8",
      env: { ...process.env, BIEUMAU_COMPILE_CACHE_DIR: cache, ...env },
    });
    return { status: r.status, json: (r.stdout as string).split(path.join(work, out)).join("OUT"), err: r.stderr };
  };
  const without = consolidate({ BIEUMAU_COMPILE_CACHE: "0" }, "off.xlsx");
  expect(fs.existsSync(cache)).toBe(false);
  const first = consolidate({}, "first.xlsx");
  expect(fs.readdirSync(cache)).toHaveLength(1);
  const second = consolidate({}, "second.xlsx");
  expect(first).toEqual(without);
  expect(second).toEqual(without);
  expect(without.status).toBe(0);
  expect(JSON.parse(without.json).units).toHaveLength(3);
  // The workbooks' parts are the same but the time they were made at (docProps/core.xml).
  const parts = (file: string) => {
    const { "docProps/core.xml": made, ...rest } = unzipSync(fs.readFileSync(path.join(work, file)));
    expect(made).toBeDefined();
    return rest;
  };
  expect(parts("second.xlsx")).toEqual(parts("off.xlsx"));
  expect(Object.keys(parts("off.xlsx")).length).toBeGreaterThan(10);
}, 60_000);
