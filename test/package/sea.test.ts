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
