/**
 * The single executables of `npm run dist` (release/): the Linux one runs the
 * README's commands on the samples with the same results as `node bin/bieumau.js`
 * and serves the embedded task pane; the Windows one is checked by structure (a PE
 * file whose resources hold NODE_SEA_BLOB, the same blob as the Linux one) — it was
 * not run on Windows here.
 *
 * Building them needs the Node binaries from the npm registry, so it is a step of
 * its own: `npm run dist`, then this file (`.ci/run` does both, with BIEUMAU_SEA=1,
 * which makes missing executables a failure instead of a skipped test).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { expectSampleResults, repoLauncher, repoSamples, ROOT, runSamples } from "./sample-run";
import { checkServe } from "./serve-check";
import { spawnSync } from "node:child_process";
import { convertWithLibreOffice } from "../helpers/legacy-convert";
import { peResources } from "./pe-resources";
import { findTemplate } from "../../src/catalog";
import { writeFilledWorkbook } from "../../src/xlsx/plan-writer";

const linuxExe = path.join(ROOT, "release", "bieumau-linux-x64");
const windowsExe = path.join(ROOT, "release", "bieumau-win-x64.exe");
const built = fs.existsSync(linuxExe) && fs.existsSync(windowsExe);
const required = process.env.BIEUMAU_SEA === "1";
const work = fs.mkdtempSync(path.join(os.tmpdir(), "bieumau-sea-"));

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

if (required && !built) {
  test("npm run dist has built both executables", () => {
    expect({ linux: fs.existsSync(linuxExe), windows: fs.existsSync(windowsExe) }).toEqual({ linux: true, windows: true });
  });
}

(built ? describe : describe.skip)("single executables (npm run dist)", () => {
  test("the Linux executable gives the same exit codes, text and workbooks as node bin/bieumau.js", () => {
    const samples = repoSamples();
    const fromExe = runSamples({ command: linuxExe, args: [] }, samples, path.join(work, "exe"));
    const fromNode = runSamples(repoLauncher, samples, path.join(work, "node"));
    expectSampleResults(fromExe);
    expect(fromExe.steps).toEqual(fromNode.steps);
    expect(fromExe.outputs).toEqual(fromNode.outputs);
  }, 180_000);

  test(".xls and .ods are read inside the executable too (SheetJS carried as text, no node_modules)", () => {
    const dir = path.join(work, "legacy");
    fs.mkdirSync(dir, { recursive: true });
    const files = convertWithLibreOffice([path.join(repoSamples(), "don-vi", "xa-05.xlsx")], "xls", dir).concat(
      convertWithLibreOffice([path.join(repoSamples(), "don-vi", "xa-05.xlsx")], "ods", dir),
    );
    const run = (command: string, args: string[]) =>
      spawnSync(command, [...args, "validate", ...files, "--json"], { cwd: dir, encoding: "utf8" });
    const fromExe = run(linuxExe, []);
    const fromNode = run(repoLauncher.command, repoLauncher.args);
    // xa-05 reports more tasks done than planned: errors, found in both formats.
    expect(fromExe.status).toBe(1);
    const reports = (JSON.parse(fromExe.stdout) as { files: { template: string; findings: { severity: string }[] }[] }).files;
    expect(reports.map((r) => [r.template, r.findings.some((f) => f.severity === "error")])).toEqual([
      ["bnv581-xa", true],
      ["bnv581-xa", true],
    ]);
    expect([fromExe.stdout, fromExe.stderr]).toEqual([fromNode.stdout, fromNode.stderr]);
  }, 180_000);

  test("the Linux executable serves the task pane it carries, over HTTPS", async () => {
    const served = await checkServe({ command: linuxExe, args: [] }, path.join(work, "certs"));
    expect(served.page.status).toBe(200);
    expect(served.page.body).toContain("<title>Biểu mẫu CCHC</title>");
    expect(served.script.status).toBe(200);
    expect(served.script.body.length).toBeGreaterThan(100_000);
    expect(served.exitCode).toBe(0);
  }, 120_000);

  test("many units are read on two threads inside the executable too (the reading thread carried as text), .xls among them", () => {
    const dir = path.join(work, "many");
    fs.mkdirSync(dir, { recursive: true });
    const xa = findTemplate("bnv581-xa")!;
    for (let i = 0; i < 240; i++)
      fs.writeFileSync(
        path.join(dir, `xa-${String(i).padStart(3, "0")}.xlsx`),
        writeFilledWorkbook(xa, { unit: `UBND xã Số ${i}`, period: "Quý I năm 2024" }, { "1/1": i, "1/2.1": 10, "1/2.2": 5 }),
      );
    // The sample's period, so its copies are summed with the others.
    const [xls] = convertWithLibreOffice([path.join(repoSamples(), "don-vi", "xa-05.xlsx")], "xls", work);
    // Spread among the others, so the worker thread gets some of them.
    for (let i = 0; i < 240; i += 20) fs.copyFileSync(xls, path.join(dir, `xa-${String(i).padStart(3, "0")}b.xls`));
    const run = (command: string, args: string[], out: string) =>
      spawnSync(command, [...args, "consolidate", "--json", "-o", path.join(work, out), dir], {
        encoding: "utf8",
        maxBuffer: 1 << 26,
        env: { ...process.env, BIEUMAU_THREADS: "2" },
      });
    const fromExe = run(linuxExe, [], "many-exe.xlsx");
    const fromNode = run(repoLauncher.command, repoLauncher.args, "many-node.xlsx");
    expect(fromExe.status).toBe(0);
    const parsed = JSON.parse(fromExe.stdout) as { units: { file: string }[]; skipped: { file: string; reason: string }[]; forms: unknown };
    expect(parsed.units).toHaveLength(252);
    expect(parsed.skipped).toEqual([]);
    const { output: _exeOutput, ...exe } = parsed as unknown as Record<string, unknown>;
    const { output: _nodeOutput, ...node } = JSON.parse(fromNode.stdout) as Record<string, unknown>;
    expect(exe).toEqual(node);
    // The reading thread is in the executable (without it, units are read on one thread, silently).
    expect(fs.readFileSync(linuxExe).includes(Buffer.from("lib/unit-worker.js"))).toBe(true);
  }, 300_000);

  test("the executable compiles its CLI with a code cache in the user's cache folder: made once, used after, same results", () => {
    const cache = path.join(work, "code-cache");
    const samples = path.join(repoSamples(), "don-vi");
    const run = (env: NodeJS.ProcessEnv, out: string) => {
      const r = spawnSync(linuxExe, ["consolidate", "--json", "-o", path.join(work, out), samples], {
        encoding: "utf8",
        env: { ...process.env, BIEUMAU_COMPILE_CACHE_DIR: cache, ...env },
      });
      return { status: r.status, stderr: r.stderr, json: r.stdout.split(path.join(work, out)).join("OUT") };
    };
    const without = run({ BIEUMAU_COMPILE_CACHE: "0" }, "cc-off.xlsx");
    expect(fs.existsSync(cache)).toBe(false);
    const first = run({}, "cc-first.xlsx");
    const made = fs.readdirSync(cache);
    expect(made).toEqual([expect.stringMatching(/^sea-.*\.bin$/)]);
    const second = run({}, "cc-second.xlsx");
    expect(first).toEqual(without);
    expect(second).toEqual(without);
    expect(JSON.parse(without.json).units.length).toBeGreaterThan(5);
    // A damaged cache is no cache.
    fs.writeFileSync(path.join(cache, made[0]), "hỏng");
    expect(run({}, "cc-damaged.xlsx")).toEqual(without);
  }, 120_000);

  test("the Windows executable is a PE file carrying the same NODE_SEA_BLOB resource", () => {
    const exe = fs.readFileSync(windowsExe);
    const linux = fs.readFileSync(linuxExe);
    const resources = peResources(exe);
    const blob = resources.get("NODE_SEA_BLOB");
    expect(blob).toBeDefined();
    // The Linux executable carries the same blob (in its ELF note); the fuse is flipped in both.
    expect(linux.includes(blob!)).toBe(true);
    expect(exe.includes(Buffer.from("NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2:1"))).toBe(true);
    expect(blob!.includes(Buffer.from("taskpane.html"))).toBe(true);
  });
});
