/**
 * Issue 11: any consistent commune, written in a random combination of the
 * officers' shapes (by exceljs; some re-saved by LibreOffice), reads back to its
 * own values with no error.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { builtinTemplates } from "../../src/catalog";
import { checkWorkbook } from "../../src/core/check-workbook";
import { readWorkbookGrid } from "../../src/xlsx/read-grid";
import { recalcWithLibreOffice } from "../helpers/libreoffice";
import { consistentCommune, misreads, seeded, type Shape, shapedWorkbookBytes } from "../helpers/officer-workbooks";

const shapeArb: fc.Arbitrary<Shape> = fc
  .record({
    layout: fc.constantFrom("sheets", "stacked", "one-header"),
    titles: fc.constantFrom("bieu-mau", "bieu-mau-long", "caps", "roman", "none"),
    columns: fc.constantFrom(
      "so-lieu",
      "thuc-hien-merged",
      "ket-qua",
      "so-luong",
      "prev-first",
      "prev-so-lieu",
      "cung-ky",
      "merged-ky",
      "current-first",
      "plan",
      "group-ky",
    ),
    numbers: fc.constantFrom("numeric", "text"),
    coded: fc.constantFrom("code", "words", "code-words"),
    zeros: fc.constantFrom("0", "dash", "khong"),
    blanks: fc.constantFrom("empty", "dots", "na"),
    formulas: fc.boolean(),
    firstTitleAbove: fc.boolean(),
    top: fc.integer({ min: 1, max: 4 }),
    left: fc.integer({ min: 1, max: 3 }),
  })
  // A program that writes formulas writes numbers as numbers (SUM skips text, "-" + 1 is #VALUE!, as in Excel).
  .map((s) => (s.formulas ? { ...s, numbers: "numeric" as const, zeros: "0" as const } : s));

const errorsOf = (c: ReturnType<typeof checkWorkbook>) =>
  c.findings.filter((f) => f.severity === "error").map((f) => `B${f.form} ${f.code} ${f.rule}: ${f.message}`);

test("a consistent commune in any combination of shapes reads back to its own values, with no error", async () => {
  await fc.assert(
    fc.asyncProperty(shapeArb, fc.integer({ min: 1, max: 1_000_000 }), async (shape, seed) => {
      const values = consistentCommune(seeded(seed));
      const c = checkWorkbook(readWorkbookGrid(await shapedWorkbookBytes(values, shape)), builtinTemplates());
      expect({ shape, misread: misreads(c, values, undefined, shape.formulas ? 0.005 : 1e-6), errors: errorsOf(c) }).toEqual({
        shape,
        misread: [],
        errors: [],
      });
    }),
    { numRuns: 40, seed: 11 },
  );
});

test("re-saved by LibreOffice (formulas recalculated, merges and text kept): still every value, no error", async () => {
  // Half with formulas without a stored result: LibreOffice stores its own results, which must agree with ours.
  const shapes: Shape[] = fc
    .sample(shapeArb, { numRuns: 6, seed: 581 })
    .map((s, i) => (i % 2 ? { ...s, formulas: true, numbers: "numeric", zeros: "0" } : s));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bieumau-shapes-"));
  const communes = shapes.map((_, i) => consistentCommune(seeded(100 + i)));
  const files = await Promise.all(
    shapes.map(async (shape, i) => {
      const file = path.join(dir, `xa-${i}.xlsx`);
      fs.writeFileSync(file, await shapedWorkbookBytes(communes[i], shape));
      return file;
    }),
  );
  const saved = recalcWithLibreOffice(files);
  saved.forEach((file, i) => {
    const c = checkWorkbook(readWorkbookGrid(new Uint8Array(fs.readFileSync(file))), builtinTemplates());
    const shape = shapes[i];
    expect({ shape, misread: misreads(c, communes[i], undefined, shape.formulas ? 0.005 : 1e-6), errors: errorsOf(c) }).toEqual({
      shape,
      misread: [],
      errors: [],
    });
    expect(c.findings.filter((f) => f.rule === "formula" && f.severity !== "info")).toEqual([]);
    if (shape.formulas)
      expect(c.forms.some((f) => [...f.byCode.values()].some((v) => v.formula && v.value !== null && !v.evaluated))).toBe(true);
  });
});
