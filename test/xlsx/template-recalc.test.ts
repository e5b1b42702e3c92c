/**
 * The template's formulas, recalculated by LibreOffice, must agree with the
 * arithmetic on the seed reports' own input values.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { findTemplate, isComputed, isInput, rowsByCode, type FormSpec, type TemplateSpec } from "../../src/catalog";
import { readNumber } from "../../src/core/numbers";
import { cellAt, type SheetGrid, type WorkbookGrid } from "../../src/core/grid";
import { readWorkbookGrid } from "../../src/xlsx/read-grid";
import { buildTemplateWorkbook } from "../../src/xlsx/write-template";
import { SEED_VALUES } from "../fixtures/seed-values";
import { recalcWithLibreOffice } from "../helpers/libreoffice";

type Values = Map<string, number | null>;

/** The seed's inputs of a form, read as numbers (prose and blanks stay blank). */
function seedInputs(templateId: "bnv581-tinh" | "bnv581-xa", form: FormSpec): Values {
  const printed = SEED_VALUES[templateId][form.number] ?? {};
  const values: Values = new Map();
  for (const row of form.rows.filter(isInput)) {
    const raw = printed[row.code];
    const read = raw === undefined ? null : readNumber(raw, { kind: row.kind, unit: row.unit });
    values.set(row.code, read && read.ok ? read.value : null);
  }
  return values;
}

/** What every computed row must show, by plain arithmetic on the inputs. */
function expectedComputed(form: FormSpec, inputs: Values): Values {
  const rows = rowsByCode(form);
  const memo: Values = new Map(inputs);
  const valueOf = (code: string): number | null => {
    if (memo.has(code)) return memo.get(code)!;
    const row = rows.get(code)!;
    let v: number | null = null;
    if (row.ratio) {
      const n = valueOf(row.ratio.numerator);
      const d = valueOf(row.ratio.denominator);
      v = n === null || d === null || d === 0 ? null : (n / d) * 100;
    } else if (row.sum) {
      const parts = row.sum.map(valueOf).filter((x): x is number => x !== null);
      v = parts.length === 0 ? null : parts.reduce((a, b) => a + b, 0);
    }
    memo.set(code, v);
    return v;
  };
  const out: Values = new Map();
  for (const row of form.rows.filter(isComputed)) out.set(row.code, valueOf(row.code));
  return out;
}

interface Case {
  template: TemplateSpec;
  file: string;
  inputs: Map<number, Values>;
  cells: Map<number, Map<string, string>>; // form → code → "D12"
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), "bieumau-recalc-"));
const cases: Case[] = [];
// Read back with our own reader: exceljs drops a cached formula result of 0.
let recalculated: WorkbookGrid[] = [];

interface Sheets {
  getWorksheet(name: string): SheetGrid | undefined;
}
const sheetsOf = (grid: WorkbookGrid): Sheets => ({ getWorksheet: (name) => grid.sheets.find((s) => s.name === name) });

function cellResult(ws: SheetGrid, address: string): number | null {
  const m = /^([A-Z]+)(\d+)$/.exec(address)!;
  const cell = cellAt(ws, Number(m[2]), m[1].charCodeAt(0) - 64);
  expect(cell?.formula).toBeDefined(); // still a live formula after LibreOffice saved it
  if (cell?.error) throw new Error(`${ws.name}!${address}: ${cell.error}`);
  const v = cell?.value ?? null;
  if (v === null || v === "") return null;
  if (typeof v === "number") return v;
  throw new Error(`${ws.name}!${address}: kết quả không phải số: ${JSON.stringify(v)}`);
}

beforeAll(async () => {
  for (const id of ["bnv581-tinh", "bnv581-xa"] as const) {
    const template = findTemplate(id)!;
    const { workbook, plans } = buildTemplateWorkbook(template, { unit: "Đơn vị thử", period: "Quý I năm 2024" });
    const inputs = new Map<number, Values>();
    const cells = new Map<number, Map<string, string>>();
    for (const plan of plans) {
      const values = seedInputs(id, plan.form);
      inputs.set(plan.form.number, values);
      const ws = workbook.getWorksheet(plan.sheetName)!;
      const byCode = new Map<string, string>();
      for (const row of plan.form.rows) {
        const address = plan.valueCellOf.get(row.id)!;
        byCode.set(row.code, address);
        const v = values.get(row.code);
        if (v !== undefined && v !== null) ws.getCell(address).value = v;
      }
      cells.set(plan.form.number, byCode);
    }
    const file = path.join(work, `${id}.xlsx`);
    await workbook.xlsx.writeFile(file);
    cases.push({ template, file, inputs, cells });
  }
  const outs = recalcWithLibreOffice(cases.map((c) => c.file));
  recalculated = outs.map((f) => readWorkbookGrid(fs.readFileSync(f)));
});

describe("template formulas recalculated by LibreOffice", () => {
  test("every computed cell equals the arithmetic on the seed's input values", () => {
    let checked = 0;
    cases.forEach((c, i) => {
      for (const form of c.template.forms) {
        const ws = sheetsOf(recalculated[i]).getWorksheet(`Biểu mẫu ${form.number}`)!;
        const expected = expectedComputed(form, c.inputs.get(form.number)!);
        for (const [code, value] of expected) {
          const got = cellResult(ws, c.cells.get(form.number)!.get(code)!);
          const where = `${c.template.id} Biểu mẫu ${form.number} dòng ${code}`;
          if (value === null) expect({ where, got }).toEqual({ where, got: null });
          else {
            expect({ where, got: got === null ? null : Number(got.toPrecision(12)) }).toEqual({
              where,
              got: Number(value.toPrecision(12)),
            });
          }
          checked++;
        }
      }
    });
    expect(checked).toBeGreaterThan(30);
  });

  test("known seed figures: Biểu 1 row 2 from 2.1 and 2.2, Biểu 3 row 1.4 from 1.4.1–1.4.3, and others", () => {
    const tinh = sheetsOf(recalculated[0]);
    const at = (form: number, code: string) => cellResult(tinh.getWorksheet(`Biểu mẫu ${form}`)!, cases[0].cells.get(form)!.get(code)!);
    expect(at(1, "2")).toBeCloseTo((19 / 81) * 100, 10); // 23,46 in the seed
    expect(at(3, "1.4")).toBe(2835); // 2.165 + 492 + 178
    expect(at(3, "3.1")).toBeCloseTo((9896 / 9909) * 100, 10); // 99,87%
    expect(at(3, "3.3")).toBeCloseTo((28860 / 28977) * 100, 10); // 99,6%
    expect(at(4, "1.5")).toBe(716); // 10 + 129 + 577
    expect(at(6, "2.1")).toBe(730); // 11 + 36 + 26 + 657
    expect(at(6, "2.4")).toBe(26); // 0 + 9 + 17
    expect(at(7, "6.3")).toBeCloseTo((644 / 1234) * 100, 10); // 52,19%
    expect(at(7, "6.4")).toBeCloseTo((39488 / 43597) * 100, 10); // the seed states 91,84: wrong
    expect(at(2, "1")).toBe(8); // 03 + 03 + 02, blank in the seed
    expect(at(2, "2.2")).toBeNull(); // 0 / 0: undefined, the seed states 100
    const xa = sheetsOf(recalculated[1]);
    const atXa = (form: number, code: string) => cellResult(xa.getWorksheet(`Biểu mẫu ${form}`)!, cases[1].cells.get(form)!.get(code)!);
    expect(atXa(1, "2")).toBe(60); // 18 / 30
    expect(atXa(7, "6.7")).toBeCloseTo((264 / 272) * 100, 10); // the seed states 0
    expect(atXa(1, "3.3")).toBeNull(); // parts blank
  });
});
