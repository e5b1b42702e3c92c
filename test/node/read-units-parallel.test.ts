/**
 * Many unit files (above the threshold where workers read them, two threads asked for, so the built CLI is run):
 * every file read exactly once whichever thread took it, totals exact, bad files listed.
 * Needs `npm run build` (the worker is build/node/unit-worker.js).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { unzipSync } from "fflate";
import { findTemplate } from "../../src/catalog";
import { workerChunkSize } from "../../src/node/read-units";
import { writeFilledWorkbook } from "../../src/xlsx/plan-writer";

const N = 260;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "bieumau-many-"));
const dir = path.join(work, "don-vi");

beforeAll(() => {
  fs.mkdirSync(dir);
  const xa = findTemplate("bnv581-xa")!;
  for (let i = 0; i < N; i++) {
    fs.writeFileSync(
      path.join(dir, `xa-${String(i).padStart(3, "0")}.xlsx`),
      writeFilledWorkbook(xa, { unit: `UBND xã Số ${i}`, period: "Quý I năm 2025" }, { "1/1": i, "1/2.1": 10, "1/2.2": 5 }),
    );
  }
  fs.writeFileSync(path.join(dir, "xa-hong.xlsx"), "không phải Excel");
});

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

test(`${N} workbooks and a broken one, read on every core: each counted once, the broken one listed`, () => {
  const bin = path.resolve(__dirname, "../../bin/bieumau.js");
  const out = JSON.parse(
    execFileSync(process.execPath, [bin, "consolidate", "--json", "-o", path.join(work, "tong-hop.xlsx"), dir], {
      encoding: "utf8",
      maxBuffer: 1 << 26,
      env: { ...process.env, BIEUMAU_THREADS: "2" }, // workers even where one thread is the default (two cores)
    }),
  );
  const files = out.units.map((u: { file: string }) => u.file);
  expect(files).toHaveLength(N);
  expect(new Set(files).size).toBe(N);
  expect(out.skipped.map((s: { file: string }) => s.file)).toEqual(["xa-hong.xlsx"]);
  const row = (code: string) => out.forms[0].rows.find((r: { code: string }) => r.code === code);
  expect(row("1")).toMatchObject({ value: (N * (N - 1)) / 2, reporting: N });
  expect(row("2.1")).toMatchObject({ value: 10 * N, reporting: N });
}, 120_000);

test("read on two threads or on one: the same JSON report, unit for unit (the worker's units arrive packed)", () => {
  const bin = path.resolve(__dirname, "../../bin/bieumau.js");
  const varied = path.join(work, "khac-nhau");
  fs.mkdirSync(varied);
  const xa = findTemplate("bnv581-xa")!;
  for (let i = 0; i < N; i++) {
    const values: Record<string, number | string> = {
      "1/1": i % 7 === 0 ? "không rõ" : i,
      "1/2.1": 10 + (i % 3) * 0.25,
      "1/2.2": i % 11 === 0 ? 50 : 5,
    };
    const forms = i % 13 === 0 ? xa.forms.slice(0, 4) : xa.forms; // some units without forms 5–7
    fs.writeFileSync(
      path.join(varied, `xa-${String(i).padStart(3, "0")}.xlsx`),
      writeFilledWorkbook({ ...xa, forms }, { unit: `UBND xã Số ${i}`, period: "Quý I năm 2025" }, values),
    );
  }
  const run = (threads: string) =>
    execFileSync(process.execPath, [bin, "consolidate", "--json", "-o", path.join(work, `tong-hop-${threads}.xlsx`), varied], {
      encoding: "utf8",
      maxBuffer: 1 << 26,
      env: { ...process.env, BIEUMAU_THREADS: threads },
    }).replace(/tong-hop-\d\.xlsx/g, "tong-hop.xlsx");
  const one = run("1");
  expect(run("2")).toBe(one);
  // The workbooks too, but for the time they were made at.
  const parts = (threads: string) => {
    const { "docProps/core.xml": made, ...rest } = unzipSync(fs.readFileSync(path.join(work, `tong-hop-${threads}.xlsx`)));
    expect(made).toBeDefined();
    return rest;
  };
  expect(parts("2")).toEqual(parts("1"));
  const doc = JSON.parse(one);
  expect(doc.units).toHaveLength(N);
  expect(doc.units.some((u: { errors: number }) => u.errors > 0)).toBe(true);
}, 120_000);

test("chunks handed to a worker shrink near the end, so no thread is left alone with a long one", () => {
  expect(workerChunkSize(3321, 2)).toBe(32);
  expect(workerChunkSize(100, 2)).toBe(13);
  expect(workerChunkSize(10, 2)).toBe(4);
  expect(workerChunkSize(0, 2)).toBe(4);
});
