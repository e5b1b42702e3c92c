/**
 * The README's four commands on the sample unit workbooks, run by any launcher
 * (the repository's bin/bieumau.js, an installed package, a single executable),
 * so that runs can be compared: same exit codes, same text, same workbooks.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { readWorkbookGrid } from "../../src/xlsx/read-grid";

export const ROOT = path.resolve(__dirname, "../..");

/** How to start bieumau: `command args… <bieumau arguments>`. */
export interface Launcher {
  command: string;
  args: string[];
}

export const repoLauncher: Launcher = { command: process.execPath, args: [path.join(ROOT, "bin", "bieumau.js")] };

export interface StepResult {
  name: string;
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface SampleRun {
  steps: StepResult[];
  /** Each written workbook: sheet name → rows of cell values (formulas by their cached value). */
  outputs: Record<string, Record<string, unknown[][]>>;
}

const STEPS: [string, string[]][] = [
  [
    "template",
    ["template", "--template", "bnv581-xa", "--unit", "UBND xã Thử Nghiệm", "--period", "Quý I năm 2024", "-o", "out/mau-xa.xlsx"],
  ],
  ["validate", ["validate", "samples/don-vi/xa-02.xlsx", "samples/don-vi/xa-05.xlsx", "--json"]],
  ["fill", ["fill", "samples/don-vi/xa-01.xlsx", "-o", "out/xa-01-da-tinh.xlsx"]],
  [
    "consolidate",
    ["consolidate", "samples/don-vi", "--units", "samples/danh-sach-xa.txt", "--into", "bnv581-tinh", "-o", "out/tong-hop.xlsx", "--json"],
  ],
];

/**
 * Copies `samplesDir` into `workDir/samples` (modification times kept: a unit sent
 * twice counts by its newest file) and runs the four commands there with relative paths.
 */
export function runSamples(launcher: Launcher, samplesDir: string, workDir: string): SampleRun {
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(path.join(workDir, "out"), { recursive: true });
  fs.cpSync(samplesDir, path.join(workDir, "samples"), { recursive: true, preserveTimestamps: true });
  const steps = STEPS.map(([name, args]) => {
    const r = spawnSync(launcher.command, [...launcher.args, ...args], { cwd: workDir, encoding: "utf8", timeout: 120_000 });
    return { name, code: r.status, stdout: r.stdout, stderr: r.stderr };
  });
  const outputs: SampleRun["outputs"] = {};
  for (const file of fs.readdirSync(path.join(workDir, "out")).sort()) {
    const grid = readWorkbookGrid(fs.readFileSync(path.join(workDir, "out", file)));
    outputs[file] = Object.fromEntries(grid.sheets.map((s) => [s.name, s.rows.map((row) => (row ?? []).map((c) => c?.value ?? null))]));
  }
  return { steps, outputs };
}

/** The repository's own samples (scripts/samples.js), made when missing. */
export function repoSamples(): string {
  const dir = path.join(ROOT, "samples");
  if (!fs.existsSync(path.join(dir, "don-vi", "xa-12.xlsx"))) {
    const r = spawnSync(process.execPath, [path.join(ROOT, "scripts", "samples.js")], { cwd: ROOT, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`scripts/samples.js: ${r.stderr}`);
  }
  return dir;
}

/** What a correct run on the samples must show, whoever ran it. */
export function expectSampleResults(run: SampleRun): void {
  const step = (name: string) => run.steps.find((s) => s.name === name)!;
  expect(step("template")).toMatchObject({ code: 0, stderr: "" });
  expect(Object.keys(run.outputs["mau-xa.xlsx"])).toEqual(expect.arrayContaining([1, 2, 3, 4, 5, 6, 7].map((n) => `Biểu mẫu ${n}`)));
  // xa-05 reports more tasks done than planned: an error, exit code 1.
  expect(step("validate").code).toBe(1);
  const reports = (JSON.parse(step("validate").stdout) as { files: { file: string; findings: { severity: string }[] }[] }).files;
  expect(reports.map((r) => path.basename(r.file))).toEqual(["xa-02.xlsx", "xa-05.xlsx"]);
  expect(reports[1].findings.some((f) => f.severity === "error")).toBe(true);
  expect(step("fill").code).toBe(0);
  expect(run.outputs["xa-01-da-tinh.xlsx"]).toBeDefined();
  const consolidate = step("consolidate");
  expect(consolidate.code).toBe(0);
  const json = JSON.parse(consolidate.stdout) as { units: { status: string }[]; missing: string[]; skipped: unknown[] };
  expect(json.units.filter((u) => u.status !== "duplicate")).toHaveLength(12);
  expect(json.missing).toEqual(["UBND xã Quỳnh Nhai"]);
  expect(json.skipped).toHaveLength(1);
  expect(Object.keys(run.outputs["tong-hop.xlsx"])).toContain("Tỉnh - Biểu mẫu 1");
}
