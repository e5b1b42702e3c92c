/**
 * The package as a user gets it: `npm pack` on a copy of the project (prepack
 * builds what git does not hold), the tarball installed into an empty folder with
 * `npm ci --omit=dev --omit=optional --offline`, then the README's commands run
 * from there on the samples it ships, with the same results as the repository's
 * own bin/bieumau.js. No network: the packages come from the npm cache that the
 * project's `npm ci` filled, pinned by a lockfile made from ours (app-lockfile.ts).
 */
import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { appLockfile } from "./app-lockfile";
import { expectSampleResults, repoLauncher, ROOT, runSamples, type Launcher, type SampleRun } from "./sample-run";
import { checkServe } from "./serve-check";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "bieumau-pack-"));
const project = path.join(work, "project");
const app = path.join(work, "app");
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { name: string; version: string };
const tarball = path.join(work, `${pkg.name}-${pkg.version}.tgz`);

/** npm with none of the npm_* variables of an enclosing `npm test` (they would steer the inner npm). */
function npm(args: string[], cwd: string, extraEnv: Record<string, string> = {}): string {
  const env = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k))), ...extraEnv };
  const options: SpawnSyncOptions = { cwd, env, encoding: "utf8", timeout: 300_000, shell: process.platform === "win32" };
  const r = spawnSync("npm", args, options);
  if (r.status !== 0) throw new Error(`npm ${args.join(" ")} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return String(r.stdout);
}

/** What git holds of the project (the tarball's sources), and dist/ as built, times kept so prepack can reuse it. */
function copyProject(): void {
  const entries = [
    "package.json",
    "package-lock.json",
    "README.md",
    "LICENSE",
    "bin",
    "src",
    "scripts",
    "assets",
    "manifest.xml",
    "tsconfig.json",
    "tsconfig.build.json",
    "webpack.config.js",
    "samples/README.md",
    "dist",
  ];
  for (const entry of entries) {
    const from = path.join(ROOT, entry);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(project, entry), { recursive: true, preserveTimestamps: true });
  }
  fs.symlinkSync(fs.realpathSync(path.join(ROOT, "node_modules")), path.join(project, "node_modules"), "junction");
}

let packed: string[];
let installed: Launcher;
let shipped: string;

beforeAll(() => {
  copyProject();
  // prepack compiles build/ and makes the samples in the copy; the task pane that `npm test` has
  // just built is reused (a real `npm pack` always rebuilds it).
  const t0 = Date.now();
  npm(["pack", "--pack-destination", work], project, { BIEUMAU_REUSE_DIST: "1" });
  const t1 = Date.now();
  const listing = spawnSync("tar", ["-tzf", tarball], { encoding: "utf8" });
  packed = listing.stdout
    .split("\n")
    .filter(Boolean)
    .map((f) => f.replace(/^package\//, ""));
  fs.mkdirSync(app);
  fs.writeFileSync(
    path.join(app, "package.json"),
    JSON.stringify({ name: "app", private: true, dependencies: { [pkg.name]: `file:../${path.basename(tarball)}` } }),
  );
  fs.writeFileSync(
    path.join(app, "package-lock.json"),
    JSON.stringify(
      appLockfile(path.join(ROOT, "package-lock.json"), path.join(project, "package.json"), tarball, `../${path.basename(tarball)}`),
      null,
      2,
    ),
  );
  npm(["ci", "--omit=dev", "--omit=optional", "--offline", "--no-audit", "--no-fund"], app);
  process.stderr.write(
    `package test: npm pack ${((t1 - t0) / 1000).toFixed(1)} s, npm ci of the tarball ${((Date.now() - t1) / 1000).toFixed(1)} s\n`,
  );
  const bin = path.join(app, "node_modules", ".bin", process.platform === "win32" ? "bieumau.cmd" : "bieumau");
  installed = { command: bin, args: [] };
  shipped = path.join(app, "node_modules", pkg.name, "samples");
}, 600_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

test("the tarball ships the built CLI, the task pane, the templates, the schema and the samples, and no tests or sources", () => {
  for (const f of [
    "bin/bieumau.js",
    "build/cli/main.js",
    "build/node/pane-server.js",
    "build/catalog/templates/bnv581-xa.json",
    "dist/taskpane.html",
    "src/catalog/template.schema.json",
    "src/catalog/templates/bnv581-tinh.json",
    "samples/danh-sach-xa.txt",
    "samples/don-vi/xa-12.xlsx",
  ]) {
    expect(packed).toContain(f);
  }
  expect(packed.filter((f) => /^(test|bench|scripts|\.ci)\//.test(f) || /\.tsx?$/.test(f) || /\.test\./.test(f))).toEqual([]);
});

test("a command-line install has none of the task pane's or the developer's packages", () => {
  const names = fs
    .readdirSync(path.join(app, "node_modules"))
    .flatMap((n) => (n.startsWith("@") ? fs.readdirSync(path.join(app, "node_modules", n)).map((m) => `${n}/${m}`) : [n]));
  for (const heavy of ["react", "react-dom", "@fluentui", "webpack", "typescript", "jest", "office-addin-debugging", "playwright-core"]) {
    expect(names.filter((n) => n === heavy || n.startsWith(`${heavy}/`))).toEqual([]);
  }
  expect(names).toEqual(expect.arrayContaining(["commander", "exceljs", "fflate"]));
});

describe("the installed bieumau on the shipped samples", () => {
  let fromPackage: SampleRun;
  let fromRepo: SampleRun;
  beforeAll(() => {
    fromPackage = runSamples(installed, shipped, path.join(work, "run-package"));
    fromRepo = runSamples(repoLauncher, shipped, path.join(work, "run-repo"));
  }, 300_000);

  test("template, validate, fill and consolidate give the right results", () => {
    expectSampleResults(fromPackage);
  });

  test("the same exit codes, text and workbooks as the repository's bin/bieumau.js", () => {
    expect(fromPackage.steps).toEqual(fromRepo.steps);
    expect(fromPackage.outputs).toEqual(fromRepo.outputs);
  });
});

test("bieumau serve serves the shipped task pane over HTTPS with a certificate it made", async () => {
  const served = await checkServe(installed, path.join(work, "certs"));
  expect(served.banner).toMatch(/đang chạy ở chế độ trình duyệt: https:\/\/localhost:\d+\/taskpane\.html\?samples=1/);
  expect(served.page.status).toBe(200);
  expect(served.page.body).toContain("<title>Biểu mẫu CCHC</title>");
  expect(JSON.parse(served.samples.body)).toContain("xa-01.xlsx");
  expect(served.script.status).toBe(200);
  expect(served.script.body.length).toBeGreaterThan(100_000);
  expect(served.exitCode).toBe(0);
}, 120_000);
