/** `bieumau validate` and `bieumau fill` on real files written and read back. */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../../src/cli/main";
import { findTemplate, isInput, type FormSpec } from "../../src/catalog";
import { cellAt } from "../../src/core/grid";
import type { FileReport } from "../../src/core/report";
import { readWorkbookGrid } from "../../src/xlsx/read-grid";
import { buildTemplateWorkbook } from "../../src/xlsx/write-template";
import { recalcWithLibreOffice } from "../helpers/libreoffice";
import { officerWorkbookBytes } from "../helpers/officer-workbooks";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "bieumau-vf-"));

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

const sha = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");
const xaFile = path.join(work, "xa-le-hong.xlsx");
const tinhFile = path.join(work, "tinh-son-la.xlsx");

/** Inputs that satisfy every rule of the form: wholes and denominators larger than parts, identities exact. */
function consistentInputs(form: FormSpec): Map<string, number> {
  const values = new Map<string, number>();
  const big = new Set(
    form.rows.flatMap((r) => [
      ...(r.ratio ? [r.ratio.denominator] : []),
      ...((r.checks ?? []).some((c) => c.rule === "le") ? [r.code] : []),
    ]),
  );
  for (const row of form.rows.filter(isInput)) {
    if (row.kind === "coded") values.set(row.code, row.options![0].value);
    else if (row.kind === "percent") values.set(row.code, 87.5);
    else if (row.kind !== "text") values.set(row.code, big.has(row.code) ? 40 : 10);
  }
  for (const row of form.rows) {
    for (const c of row.checks ?? []) {
      if (c.rule === "eq")
        values.set(
          row.code,
          c.parts.reduce((a, p) => a + (values.get(p) ?? 0), 0),
        );
    }
  }
  return values;
}

/** A workbook written from our template, every input filled consistently. */
async function cleanTemplateFile(file: string): Promise<void> {
  const { workbook, plans } = buildTemplateWorkbook(findTemplate("bnv581-xa")!, { unit: "UBND xã Sạch", period: "Quý I năm 2025" });
  for (const plan of plans) {
    const ws = workbook.getWorksheet(plan.sheetName)!;
    const values = consistentInputs(plan.form);
    for (const row of plan.form.rows) {
      const v = values.get(row.code);
      if (v !== undefined) ws.getCell(plan.valueCellOf.get(row.id)!).value = v;
    }
  }
  await workbook.xlsx.writeFile(file);
}

beforeAll(async () => {
  fs.writeFileSync(xaFile, await officerWorkbookBytes("bnv581-xa"));
  fs.writeFileSync(tinhFile, await officerWorkbookBytes("bnv581-tinh", { stacked: true, trailingDots: true }));
});

describe("bieumau validate", () => {
  test("--json: one document; the seed's errors with their cells; exit 1", async () => {
    const r = await run("validate", xaFile, tinhFile, "--json");
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out) as { files: FileReport[] };
    expect(doc.files.map((f) => [f.file, f.template])).toEqual([
      ["xa-le-hong.xlsx", "bnv581-xa"],
      ["tinh-son-la.xlsx", "bnv581-tinh"],
    ]);
    const xa = doc.files[0];
    expect(xa.unit).toBe("UBND xã Lê Hồng");
    expect(xa.forms).toHaveLength(7);
    const eq = xa.findings!.find((f) => f.rule === "eq")!;
    expect(eq).toMatchObject({
      severity: "error",
      form: 7,
      code: "6.6.1",
      actual: 112,
      expected: 110,
      cell: expect.stringMatching(/^BM7!D\d+$/),
    });
    const tinh = doc.files[1];
    // codes as in the template, without the trailing dots the file has
    expect(
      tinh
        .findings!.filter((f) => f.severity === "error")
        .map((f) => `${f.form}/${f.code}`)
        .sort(),
    ).toEqual(["6/1", "7/6.4"]);
    // 6.4 wrong, and two rates stated for 0 / 0 (B1 3.3 and B2 2.2): warnings, but failed checks
    expect(tinh.summary!.rules.find((t) => t.rule === "ratio")).toMatchObject({ failed: 3 });
  });

  test("text report is grouped by file and form, in Vietnamese", async () => {
    const r = await run("validate", xaFile);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/== xa-le-hong.xlsx \(mẫu bnv581-xa, đơn vị: UBND xã Lê Hồng\)/);
    expect(r.out).toMatch(/Biểu mẫu 7:\n(.*\n)*\s+LỖI\s+BM7!D\d+\s+6.6.1 ghi 112 nhưng phải bằng 6.4.2 \(64\) \+ 6.5.2 \(46\) = 110/);
    expect(r.out).toMatch(/Tổng cộng: 2 lỗi/);
  });

  test("round trip: template → inputs filled → LibreOffice computes → validate: no error, exit 0", async () => {
    const file = path.join(work, "sach.xlsx");
    await cleanTemplateFile(file);
    const [recalculated] = recalcWithLibreOffice([file]);
    const r = await run("validate", recalculated, "--json");
    const doc = JSON.parse(r.out) as { files: FileReport[] };
    expect(doc.files[0].findings!.filter((f) => f.severity !== "info")).toEqual([]);
    // every rule was evaluated on real values, and passed
    const rules = doc.files[0].summary!.rules;
    for (const rule of ["ratio", "sum", "le", "eq", "count", "coded", "percent"]) {
      expect(rules.find((t) => t.rule === rule)).toMatchObject({ failed: 0, checked: expect.any(Number) });
      expect(rules.find((t) => t.rule === rule)!.checked).toBeGreaterThan(0);
    }
    expect(r.code).toBe(0);
    expect(doc.files[0].unit).toBe("UBND xã Sạch");
  });

  test("a bad file among good ones: still listed with its reason, the others checked, exit 2", async () => {
    const bad = path.join(work, "hong.xlsx");
    fs.writeFileSync(bad, "đây không phải tệp Excel");
    const r = await run("validate", xaFile, bad, "--json");
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.out) as { files: FileReport[] };
    expect(doc.files[0].findings!.length).toBeGreaterThan(0);
    expect(doc.files[1]).toEqual({ file: "hong.xlsx", error: expect.stringMatching(/^hong.xlsx: .*zip/) });
    expect(r.err.trim().split("\n")).toEqual([expect.stringMatching(/^bieumau: hong.xlsx: /)]);
  });
});

describe("bieumau fill", () => {
  test("fills blank computed cells, keeps what a person typed, never touches the source", async () => {
    const before = sha(xaFile);
    const out = path.join(work, "xa-filled.xlsx");
    const r = await run("fill", xaFile, "-o", out, "--json");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as {
      cells: { form: number; code: string; action: string; value: number; previous?: string; cell: string }[];
    };
    const byCode = (form: number, code: string) => doc.cells.find((c) => c.form === form && c.code === code);
    expect(byCode(7, "6.8")).toMatchObject({ action: "filled", value: 75 }); // 24 / 32, blank in the seed
    expect(byCode(7, "6.7")).toMatchObject({ action: "kept", previous: "0", value: 97.06 }); // typed 0: kept
    expect(sha(xaFile)).toBe(before);

    const grid = readWorkbookGrid(fs.readFileSync(out));
    const sheet = grid.sheets.find((s) => s.name === "BM7")!;
    const row = Number(/D(\d+)$/.exec(byCode(7, "6.8")!.cell)![1]);
    expect(cellAt(sheet, row, 4)?.value).toBe(75);
    const keptRow = Number(/D(\d+)$/.exec(byCode(7, "6.7")!.cell)![1]);
    expect(cellAt(sheet, keptRow, 4)?.value).toBe("0");
    // everything else as it was: the label next to the filled cell, the other sheets
    expect(cellAt(sheet, row, 2)?.value).toMatch(/^Tỷ lệ TTHC được tích hợp, triển khai thanh toán/);
    expect(grid.sheets.map((s) => s.name)).toEqual(["BM1", "BM2", "BM3", "BM4", "BM5", "BM6", "BM7"]);
  });

  test("--overwrite replaces a wrong typed value and lists what it was", async () => {
    const out = path.join(work, "xa-overwritten.xlsx");
    const r = await run("fill", xaFile, "-o", out, "--overwrite");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/THAY\s+BM7!D\d+\s+Thay 6.7: "0" → 97,06/);
    expect(r.out).toMatch(/thay 1 ô/);
  });

  test("--formulas writes live formulas that LibreOffice computes to the same numbers", async () => {
    const out = path.join(work, "xa-formulas.xlsx");
    const r = await run("fill", xaFile, "-o", out, "--formulas", "--json");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { cells: { code: string; form: number; formula?: string; cell: string; value: number }[] };
    const filled = doc.cells.find((c) => c.form === 7 && c.code === "6.8")!;
    expect(filled.formula).toMatch(/^IF\(OR\(D\d+="",D\d+="",D\d+=0\),"",D\d+\/D\d+\*100\)$/);
    const [recalculated] = recalcWithLibreOffice([out]);
    const sheet = readWorkbookGrid(fs.readFileSync(recalculated)).sheets.find((s) => s.name === "BM7")!;
    // The seed's values are text ("24", "32"): Excel's arithmetic converts them, as LibreOffice does.
    expect(cellAt(sheet, Number(/D(\d+)$/.exec(filled.cell)![1]), 4)?.value).toBe(75);
  });

  test("refuses to write over the source or an existing file", async () => {
    expect(await run("fill", xaFile, "-o", xaFile)).toMatchObject({ code: 2, err: expect.stringMatching(/chính là tệp nguồn/) });
    const out = path.join(work, "exists.xlsx");
    fs.writeFileSync(out, "x");
    expect(await run("fill", xaFile, "-o", out)).toMatchObject({ code: 2, err: expect.stringMatching(/đã có; không ghi đè/) });
  });
});
