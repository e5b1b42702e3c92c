/**
 * The content hash made where a unit is read (UnitData.contentHash) is the hash of its forms as kept,
 * and the duplicate check finds with it exactly what it finds hashing the forms itself.
 */
import { builtinTemplates, findTemplate } from "../../src/catalog";
import { checkWorkbook } from "../../src/core/check-workbook";
import { consolidate, MAX_UNIT_TEXT, unitData, type UnitInput } from "../../src/core/consolidate";
import { contentHash } from "../../src/core/fingerprint";
import { writeFilledWorkbook } from "../../src/xlsx/plan-writer";
import { readWorkbookGrid } from "../../src/xlsx/read-grid";

const xa = findTemplate("bnv581-xa")!;

function dataOf(values: Record<string, number | string>) {
  const grid = readWorkbookGrid(writeFilledWorkbook(xa, { unit: "UBND xã A", period: "Quý I năm 2025" }, values));
  return unitData(checkWorkbook(grid, builtinTemplates()), grid);
}

test("unitData's contentHash is the hash of the forms it keeps (a long text counted as cut), through JSON too", () => {
  const long = "Ghi chú ".repeat(120);
  const data = dataOf({ "1/2.1": 10, "1/2.2": 7, "3/3.3.1": 100, "3/3.3.2": long });
  const kept = data.forms.flatMap((f) => Object.values(f.values)).find((v) => v.raw.endsWith("…"));
  expect(kept?.raw.length).toBe(MAX_UNIT_TEXT);
  expect(typeof data.contentHash).toBe("number");
  expect(data.contentHash).toBe(contentHash(data.forms));
  const copy = JSON.parse(JSON.stringify(data)) as typeof data;
  expect(contentHash(copy.forms)).toBe(data.contentHash);
});

test("duplicates by content: the same with hashes made at reading as with hashes made by the check", () => {
  const a = dataOf({ "1/2.1": 10, "1/2.2": 7, "3/3.3.1": 100, "3/3.3.2": 60 });
  const b = dataOf({ "1/2.1": 10, "1/2.2": 8, "3/3.3.1": 100, "3/3.3.2": 60 });
  const input = (file: string, data: typeof a, unit?: string): UnitInput => ({
    file,
    modified: "2025-04-01T00:00:00.000Z",
    data: { ...data, unit },
  });
  const inputs = [input("x1.xlsx", a), input("x2.xlsx", a), input("x3.xlsx", b), input("y.xlsx", a, "UBND xã Y"), input("z.xlsx", b)];
  const withoutHash = inputs.map((i) => ({ ...i, data: { ...i.data!, contentHash: undefined } }));
  const summary = (c: ReturnType<typeof consolidate>) => ({
    duplicates: c.duplicates,
    status: c.units.map((u) => [u.file, u.status, u.reason, u.notes]),
  });
  const hashed = consolidate(inputs, [xa]);
  expect(hashed.duplicates.filter((d) => d.by === "content").length).toBe(2);
  expect(summary(hashed)).toEqual(summary(consolidate(withoutHash, [xa])));
});
