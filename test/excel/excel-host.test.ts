/**
 * ExcelHost against two stand-ins for Office.js:
 * - office-addin-mock (`OfficeMockObject`) for the `Office` / `Excel` globals
 *   and the small calls whose object graph is fixed (describe, selectCell,
 *   requirement checks);
 * - ./fake-excel for everything that needs Office.js' batching semantics
 *   (queued sets applied at sync, load-then-sync reads, ranges over a cell
 *   model, sync and payload counting), which office-addin-mock does not have.
 */
import { OfficeMockObject } from "office-addin-mock";

// office-addin-mock imports office-addin-manifest only for its OfficeApp enum; the real module
// pulls in ESM-only packages that Jest's CommonJS runtime cannot load (see test/addin/manifest.test.ts).
jest.mock("office-addin-manifest", () => ({
  OfficeApp: { Excel: "excel", OneNote: "onenote", Outlook: "outlook", PowerPoint: "powerpoint", Project: "project", Word: "word" },
}));

import { findTemplate } from "../../src/catalog";
import type { FormSpec, TemplateSpec } from "../../src/catalog/types";
import { COL, type FormSheetPlan, formMarker, planFormSheet } from "../../src/core/form-layout";
import { ratioFormula } from "../../src/core/formulas";
import { cellAt } from "../../src/core/grid";
import { ExcelHost, type ExcelHostOptions, requirements } from "../../src/excel/excel-host";
import { columnWidthPoints, OFFICE_STYLES, PAYLOAD_LIMIT, rectangles } from "../../src/excel/render-plan";
import { buildTemplateWorkbook } from "../../src/xlsx/write-template";
import { readWorkbookGrid } from "../../src/xlsx/read-grid";
import { FakeExcel, colLetters } from "./fake-excel";

const EXCEL_WEB_LIMIT = 5 * 1024 * 1024;
const measured: string[] = [];

function hostOn(fake: FakeExcel, options: Partial<ExcelHostOptions> = {}): ExcelHost {
  return new ExcelHost({ run: fake.run, isSetSupported: fake.isSetSupported, ...options });
}

function template(id: string): TemplateSpec {
  const t = findTemplate(id);
  if (!t) throw new Error(`no template ${id}`);
  return t;
}

function plansOf(t: TemplateSpec, unit = "UBND xã Hoà An"): FormSheetPlan[] {
  return t.forms.map((f) => planFormSheet(t, f, { unit, period: "Năm 2025" }));
}

afterAll(() => {
  // The numbers quoted in the report.
  console.log(`sync counts:\n${measured.join("\n")}`);
});

describe.each(["bnv581-xa", "bnv581-tinh"])("insertForms(%s)", (id) => {
  const t = template(id);
  const plans = plansOf(t);
  const fake = new FakeExcel(["Sheet1"]);
  const host = hostOn(fake);

  beforeAll(async () => {
    await host.insertForms(plans);
    measured.push(
      `insertForms ${id} (7 forms): ${fake.syncs} syncs, ${fake.log.length} operations, payloads ${fake.payloads.map((b) => `${Math.round(b / 1024)} KB`).join(" / ")}`,
    );
  });

  test("seven sheets in at most 10 syncs, each under Excel on the web's 5 MB", () => {
    expect(plans).toHaveLength(7);
    expect(fake.syncs).toBeLessThanOrEqual(10);
    expect(fake.syncs).toBe(3); // names check, everything, page layout
    expect(fake.payloads.every((b) => b < EXCEL_WEB_LIMIT)).toBe(true);
    expect(fake.sheets.map((s) => s.name)).toEqual(["Sheet1", ...t.forms.map((f) => `Biểu mẫu ${f.number}`)]);
    // one chunk: sent with calculation on, so Excel computes the new formulas itself
    expect(fake.calculationSuspensions).toBe(0);
    expect(fake.stale).toBe(false);
    expect(host.notes).toEqual([]);
  });

  test("title, header, every row label and code, as text", () => {
    for (const plan of plans) {
      const sheet = fake.sheet(plan.sheetName);
      expect(sheet.at("A3").value).toBe(`Biểu mẫu ${plan.form.number}`);
      expect(sheet.at("D6").value).toBe("Số liệu");
      expect(sheet.at("A1").value).toBe("Đơn vị báo cáo: UBND xã Hoà An".normalize("NFC"));
      expect(sheet.at("F1").value).toBe(formMarker(t.id, plan.form.number));
      plan.form.rows.forEach((spec, i) => {
        const row = 7 + i;
        expect(sheet.cell(row, COL.label).value).toBe(spec.label.normalize("NFC"));
        // "2.1" must stay the text "2.1", "1" the text "1"
        if (spec.code) expect(sheet.cell(row, COL.code).value).toBe(spec.code);
        expect(sheet.cell(row, COL.marker).value).toBe(spec.id);
        expect(sheet.cell(row, COL.label).formula).toBeUndefined();
      });
    }
  });

  test("computed rows carry the plan's formulas; value cells the plan's number formats", () => {
    let formulas = 0;
    for (const plan of plans) {
      const sheet = fake.sheet(plan.sheetName);
      for (const c of plan.cells) {
        const cell = sheet.cell(c.row, c.col);
        if (c.formula !== undefined) {
          expect(cell.formula).toBe(c.formula);
          formulas++;
        }
        if (c.numFmt) expect(cell.numberFormat).toBe(c.numFmt);
        if (typeof c.value === "string") expect(cell.numberFormat).toBe("@");
      }
    }
    expect(formulas).toBe(t.forms.flatMap((f) => f.rows).filter((r) => r.ratio || r.sum).length);

    // Biểu 1, row 2 of the commune template: a rate of 2.2 over 2.1, addresses taken from the plan.
    if (id === "bnv581-xa") {
      const plan = plans[0];
      const spec = plan.form.rows.find((r) => r.code === "2");
      expect(spec?.ratio).toBeDefined();
      const at = (code: string) => `D${plan.rowOf.get(code)}`;
      const expected = ratioFormula(at(spec!.ratio!.numerator), at(spec!.ratio!.denominator));
      expect(fake.sheet("Biểu mẫu 1").at(plan.valueCellOf.get(spec!.id)!).formula).toBe(expected);
      expect(`=${expected}`).toBe('=IF(OR(D10="",D9="",D9=0),"",D10/D9*100)'); // the documented example
    }
  });

  test("native data validation by kind, with the plan's Vietnamese texts", () => {
    let checked = 0;
    for (const plan of plans) {
      const sheet = fake.sheet(plan.sheetName);
      for (const v of plan.validations) {
        const dv = sheet.cell(v.row, v.col).validation;
        const kind = plan.form.rows[v.row - 7].kind;
        const expected =
          kind === "count"
            ? { wholeNumber: { formula1: 0, operator: "GreaterThanOrEqualTo" } }
            : kind === "percent"
              ? { decimal: { formula1: 0, formula2: 100, operator: "Between" } }
              : kind === "money"
                ? { decimal: { formula1: 0, operator: "GreaterThanOrEqualTo" } }
                : { list: { inCellDropDown: true, source: (plan.form.rows[v.row - 7].options ?? []).map((o) => o.value).join(",") } };
        expect(dv?.rule).toEqual(expected);
        expect(dv?.prompt).toEqual({ showPrompt: true, title: v.promptTitle, message: v.prompt });
        expect(dv?.errorAlert).toEqual({ showAlert: true, style: "Stop", title: v.errorTitle, message: v.error });
        expect(dv?.ignoreBlanks).toBe(true);
        checked++;
      }
      // no validation anywhere else
      for (const c of plan.cells) {
        if (!plan.validations.some((v) => v.row === c.row && v.col === c.col)) expect(sheet.cell(c.row, c.col).validation).toBeUndefined();
      }
    }
    expect(checked).toBeGreaterThan(50);
    const coded = plans.flatMap((p) =>
      p.validations.filter((v) => v.rule.type === "list").map((v) => fake.sheet(p.sheetName).cell(v.row, v.col)),
    );
    expect(coded.length).toBeGreaterThan(0);
    expect(coded.some((c) => (c.validation?.rule as { list: { source: string } }).list.source === "1,0")).toBe(true);
  });

  test("Times New Roman, the styles, thin boxes on the table, grey italic computed cells", () => {
    for (const plan of plans) {
      const sheet = fake.sheet(plan.sheetName);
      const last = Math.max(...plan.cells.map((c) => c.row));
      for (const c of plan.cells) {
        const cell = sheet.cell(c.row, c.col);
        const style = OFFICE_STYLES[c.style];
        expect(cell.font.name).toBe("Times New Roman");
        expect(cell.font.size).toBe(style.size);
        expect(cell.font.bold ?? false).toBe(style.bold ?? false);
        expect(cell.font.italic ?? false).toBe(style.italic ?? false);
        expect(cell.h).toBe(style.h);
        expect(cell.fill).toBe(style.fill);
      }
      for (let r = 5; r <= last; r++) {
        for (let c = 1; c <= COL.note; c++) {
          for (const side of ["top", "bottom", "left", "right"] as const) expect(sheet.hasBorder(r, c, side)).toBe(true);
        }
        expect(sheet.hasBorder(r, COL.marker, "right")).toBe(false);
      }
      const computed = plan.cells.find((c) => c.style === "computed");
      if (computed) {
        const cell = sheet.cell(computed.row, computed.col);
        expect(cell.font.italic).toBe(true);
        expect(cell.fill).toBe("#F2F2F2");
      }
    }
  });

  test("merges, sizes, hidden marker column, frozen header, page layout, selection", () => {
    for (const plan of plans) {
      const sheet = fake.sheet(plan.sheetName);
      expect(sheet.merges).toEqual(plan.merges.map(([top, left, bottom, right]) => ({ top, left, bottom, right })));
      plan.columnWidths.forEach((w, i) => expect(sheet.columnWidths.get(i + 1)).toBe(columnWidthPoints(w)));
      expect([...sheet.hiddenColumns]).toEqual([COL.marker]);
      for (const [r, h] of plan.rowHeights) expect(sheet.rowHeights.get(r)).toBe(h);
      expect(sheet.frozenRows).toBe(6);
      expect(sheet.pageLayout).toMatchObject({
        paperSize: "A4",
        orientation: "Portrait",
        zoom: { horizontalFitToPages: 1 },
        printTitleRows: "$5:$6",
        centerHorizontally: true,
      });
      expect(sheet.pageLayout["footer.centerFooter"]).toContain(plan.sheetName);
    }
    expect(columnWidthPoints(8)).toBe(42);
    expect(columnWidthPoints(62)).toBe(325.5);
    expect(fake.activeSheet?.name).toBe("Biểu mẫu 1");
    expect(fake.sheet("Biểu mẫu 1").selected).toBe("D7");
  });

  test("reads back like the CLI's .xlsx template (values and formulas)", async () => {
    const grid = await host.readGrid();
    const { workbook } = buildTemplateWorkbook(t, { unit: "UBND xã Hoà An", period: "Năm 2025" });
    const file = readWorkbookGrid(new Uint8Array(await workbook.xlsx.writeBuffer()));
    for (const fileSheet of file.sheets) {
      const ours = grid.sheets.find((s) => s.name === fileSheet.name);
      expect(ours).toBeDefined();
      expect(ours!.merges).toEqual(expect.arrayContaining(fileSheet.merges));
      for (let r = 1; r <= fileSheet.maxRow; r++) {
        for (let c = 1; c <= fileSheet.maxCol; c++) {
          const a = cellAt(fileSheet, r, c);
          const b = cellAt(ours!, r, c);
          // exceljs stores "" (an empty unit) as a string cell; Excel has no empty-string constants
          const v = (x: unknown) => (x === "" || x === undefined ? null : x);
          expect([r, c, v(b?.value), b?.formula]).toEqual([r, c, v(a?.value), a?.formula]);
        }
      }
    }
  });
});

describe("insertForms edge cases", () => {
  test("text starting with = + - and codes like 2.1 are written as text, never as formulas or numbers", async () => {
    const base = template("bnv581-xa");
    const form: FormSpec = {
      ...base.forms[0],
      rows: base.forms[0].rows.map((r, i) =>
        i === 0 ? { ...r, label: '=HYPERLINK("http://x","bấm")' } : i === 2 ? { ...r, label: "- Trong đó: +5" } : r,
      ),
    };
    const t: TemplateSpec = { ...base, forms: [form] };
    const fake = new FakeExcel();
    const host = hostOn(fake);
    const plan = planFormSheet(t, form, { unit: "=1+1", period: "-2025" }, "=Biểu");
    await host.insertForms([plan]);
    const sheet = fake.sheet("=Biểu");
    expect(sheet.at("A1")).toMatchObject({ value: "Đơn vị báo cáo: =1+1" });
    expect(sheet.at("A1").formula).toBeUndefined();
    expect(sheet.at("B7")).toMatchObject({ value: '=HYPERLINK("http://x","bấm")', numberFormat: "@" });
    expect(sheet.at("B7").formula).toBeUndefined();
    expect(sheet.at("B9").value).toBe("- Trong đó: +5");
    expect(sheet.at("A9").value).toBe("2.1");
    // the format went in before the text (the fake applies operations in order)
    const nf = fake.log.findIndex((l) => l.startsWith("set numberFormat"));
    const text = fake.log.findIndex((l) => l.startsWith("set formulas"));
    expect(nf).toBeGreaterThanOrEqual(0);
    expect(nf).toBeLessThan(text);
  });

  test("under a small payload limit the forms go in more syncs, each within it, and come out the same", async () => {
    const t = template("bnv581-tinh");
    const limit = 60_000;
    const fake = new FakeExcel();
    await hostOn(fake, { maxPayloadBytes: limit }).insertForms(plansOf(t));
    measured.push(`insertForms bnv581-tinh with a 60 KB limit: ${fake.syncs} syncs`);
    expect(fake.syncs).toBeGreaterThan(3);
    expect(fake.payloads.every((b) => b <= limit)).toBe(true); // the host's estimate never undercounts
    // suspended in every content chunk but the last, which recalculates
    expect(fake.calculationSuspensions).toBe(fake.syncs - 3);
    expect(fake.log.filter((l) => l.startsWith("calculate"))).toEqual(["calculate Recalculate"]);
    expect(fake.stale).toBe(false);
    const reference = new FakeExcel();
    await hostOn(reference).insertForms(plansOf(t));
    for (const s of reference.sheets) {
      const other = fake.sheet(s.name);
      expect(new Map([...other.cells].map(([k, c]) => [k, JSON.stringify(c)]))).toEqual(
        new Map([...s.cells].map(([k, c]) => [k, JSON.stringify(c)])),
      );
      expect(other.merges).toEqual(s.merges);
      expect(other.pageLayout).toEqual(s.pageLayout);
    }
  });

  test("an existing sheet name is refused before anything is written", async () => {
    const fake = new FakeExcel(["biểu mẫu 2".normalize("NFC")]);
    const host = hostOn(fake);
    await expect(host.insertForms(plansOf(template("bnv581-xa")))).rejects.toThrow(/đã có trang tính “Biểu mẫu 2”/);
    expect(fake.sheets).toHaveLength(1);
    expect(fake.syncs).toBe(1);
  });

  test("without ExcelApi 1.8 / 1.9: no validation, no page layout, Vietnamese notes, 2 syncs", async () => {
    const fake = new FakeExcel();
    fake.supported.delete("1.8");
    fake.supported.delete("1.9");
    const notes: string[] = [];
    const host = hostOn(fake, { onNote: (n) => notes.push(n) });
    await host.insertForms(plansOf(template("bnv581-xa")));
    expect(fake.syncs).toBe(2);
    const sheet = fake.sheet("Biểu mẫu 1");
    expect([...sheet.cells.values()].some((c) => c.validation)).toBe(false);
    expect(sheet.pageLayout).toEqual({});
    expect(notes).toEqual(host.notes);
    expect(notes.join("\n")).toMatch(/chưa hỗ trợ ExcelApi 1\.8 nên .*kiểm tra dữ liệu/);
    expect(notes.join("\n")).toMatch(/chưa hỗ trợ ExcelApi 1\.9 nên .*A4/);
  });

  test("a failing batch removes the sheets it created and explains in Vietnamese", async () => {
    const fake = new FakeExcel(["Sheet1"]);
    const host = hostOn(fake);
    const plans = plansOf(template("bnv581-xa")).slice(0, 2);
    plans[1] = { ...plans[1], merges: [...plans[1].merges, [1, 1, 2, 2]] }; // overlaps A1:E1: Excel refuses
    await expect(host.insertForms(plans)).rejects.toThrow(/Không chèn được biểu mẫu/);
    expect(fake.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
  });
});

describe("readGrid", () => {
  function seeded(): FakeExcel {
    const fake = new FakeExcel(["Biểu mẫu 1", "Dữ liệu", "Trống"]);
    const s = fake.sheet("Biểu mẫu 1");
    s.seed("B3", { value: "Tên đơn vị" });
    s.seed("C3", { value: 1234, numberFormat: "#,##0" });
    s.seed("D4", { formula: "C3*2", cached: 2468, numberFormat: "#,##0" });
    s.seed("E5", { formula: "C3/0", error: "#DIV/0!" });
    s.seed("C5", { formula: 'IF(C3="","",C3)', cached: "" });
    s.seed("D5", { value: "=abc", numberFormat: "@" }); // text that looks like a formula
    s.seed("B6", { value: true });
    s.seed("C6", { value: "#N/A" }); // text, not an error
    s.seed("B7", { value: "gộp" });
    s.seed("E7", { numberFormat: "0.00" }); // formatting only: not a cell
    s.merges.push({ top: 7, left: 2, bottom: 7, right: 3 }, { top: 1, left: 1, bottom: 1, right: 5 });
    const d = fake.sheet("Dữ liệu");
    d.visibility = "Hidden";
    d.seed("A1", { value: "Hoa\u0300 An" }); // decomposed: "Hoà An" after NFC
    return fake;
  }

  test("an offset used range becomes 1-based cells: values, formulas, errors, blanks, merges, states", async () => {
    const fake = seeded();
    const grid = await hostOn(fake).readGrid();
    measured.push(`readGrid (3 sheets): ${fake.syncs} syncs`);
    expect(fake.syncs).toBe(3);
    const [form, data, empty] = grid.sheets;
    expect(form.name).toBe("Biểu mẫu 1");
    expect(form.state).toBe("visible");
    expect(form.rows[0]).toEqual([]);
    expect(form.rows[1]).toEqual([]);
    expect(cellAt(form, 3, 2)).toEqual({ value: "Tên đơn vị" });
    expect(cellAt(form, 3, 3)).toEqual({ value: 1234, numFmt: "#,##0" });
    expect(cellAt(form, 4, 4)).toEqual({ value: 2468, numFmt: "#,##0", formula: "C3*2" });
    expect(cellAt(form, 5, 5)).toEqual({ value: null, error: "#DIV/0!", formula: "C3/0" });
    expect(cellAt(form, 5, 3)).toEqual({ value: null, formula: 'IF(C3="","",C3)' });
    expect(cellAt(form, 5, 4)).toEqual({ value: "=abc", numFmt: "@" });
    expect(cellAt(form, 6, 2)).toEqual({ value: true });
    expect(cellAt(form, 6, 3)).toEqual({ value: "#N/A" });
    expect(cellAt(form, 4, 2)).toBeUndefined(); // blank inside the used range
    expect(cellAt(form, 7, 5)).toBeUndefined();
    expect(form.maxRow).toBe(7);
    expect(form.maxCol).toBe(5);
    expect(form.merges).toEqual(
      expect.arrayContaining([
        { top: 7, left: 2, bottom: 7, right: 3 },
        { top: 1, left: 1, bottom: 1, right: 5 },
      ]),
    );
    expect(data.state).toBe("hidden");
    expect(cellAt(data, 1, 1)?.value).toBe("Hoà An".normalize("NFC"));
    expect(empty).toEqual({ name: "Trống", state: "visible", rows: [], merges: [], maxRow: 0, maxCol: 0 });
  });

  test("without ExcelApi 1.13 merges are skipped with a note", async () => {
    const fake = seeded();
    fake.supported.delete("1.13");
    const host = hostOn(fake);
    const grid = await host.readGrid();
    expect(grid.sheets[0].merges).toEqual([]);
    expect(host.notes.join()).toMatch(/ExcelApi 1\.13/);
  });

  test("rows past maxRows are not read (truncatedAtRow); too many cells are refused in Vietnamese", async () => {
    const fake = seeded();
    const grid = await hostOn(fake, { readLimits: { maxRows: 5 } }).readGrid();
    expect(grid.sheets[0].truncatedAtRow).toBe(5);
    expect(grid.sheets[0].maxRow).toBe(5);
    await expect(hostOn(seeded(), { readLimits: { maxCells: 10 } }).readGrid()).rejects.toThrow(/quá lớn để kiểm tra.*“Biểu mẫu 1”.*B3:E7/);
  });

  test("large used ranges are read in several syncs", async () => {
    const fake = new FakeExcel(["Lớn"]);
    const s = fake.sheet("Lớn");
    for (let r = 1; r <= 300; r++) s.seed(`A${r}`, { value: r });
    const grid = await hostOn(fake, { readLimits: { cellsPerSync: 100 } }).readGrid();
    expect(fake.syncs).toBe(2 + 3);
    expect(cellAt(grid.sheets[0], 300, 1)).toEqual({ value: 300 });
    expect(grid.sheets[0].maxRow).toBe(300);
  });
});

describe("writeCells / restoreCells", () => {
  function seeded(): FakeExcel {
    const fake = new FakeExcel(["Biểu mẫu 1"]);
    const s = fake.sheet("Biểu mẫu 1");
    s.seed("D7", { value: 5, numberFormat: "#,##0" });
    s.seed("D8", { formula: "D7*2", cached: 10, numberFormat: "#,##0" });
    s.seed("D9", { numberFormat: "0.00" });
    s.seed("D12", { value: "ghi chú", numberFormat: "@" });
    return fake;
  }

  test("round trip restores values, formulas and number formats, in 2 + 1 syncs", async () => {
    const fake = seeded();
    const host = hostOn(fake);
    const s = fake.sheet("Biểu mẫu 1");
    const snapshots = await host.writeCells([
      { sheet: "Biểu mẫu 1", address: "D7", value: 10 },
      { sheet: "Biểu mẫu 1", address: "D8", value: 3 },
      { sheet: "Biểu mẫu 1", address: "D9", value: "=không phải công thức" },
      { sheet: "Biểu mẫu 1", address: "D10", value: 13, formula: "SUM(D7:D8)" },
      { sheet: "Biểu mẫu 1", address: "D12", value: null },
      { sheet: "Biểu mẫu 1", address: "B3", value: "2.1" },
    ]);
    measured.push(`writeCells (6 cells, 2 runs + 1): ${fake.syncs} syncs`);
    expect(fake.syncs).toBe(2);
    expect(s.at("D7")).toMatchObject({ value: 10, numberFormat: "#,##0" });
    expect(s.at("D8").formula).toBeUndefined();
    expect(s.at("D8").value).toBe(3);
    expect(s.at("D9")).toMatchObject({ value: "=không phải công thức", numberFormat: "@" });
    expect(s.at("D9").formula).toBeUndefined();
    expect(s.at("D10").formula).toBe("SUM(D7:D8)");
    expect(s.at("D12").value).toBeUndefined();
    expect(s.at("B3")).toMatchObject({ value: "2.1", numberFormat: "@" });
    expect(snapshots).toEqual(
      expect.arrayContaining([
        { sheet: "Biểu mẫu 1", address: "D7", before: 5, numberFormat: "#,##0" },
        { sheet: "Biểu mẫu 1", address: "D8", before: "=D7*2", numberFormat: "#,##0" },
        { sheet: "Biểu mẫu 1", address: "D9", before: "", numberFormat: "0.00" },
        { sheet: "Biểu mẫu 1", address: "D10", before: "", numberFormat: "General" },
        { sheet: "Biểu mẫu 1", address: "D12", before: "ghi chú", numberFormat: "@" },
        { sheet: "Biểu mẫu 1", address: "B3", before: "", numberFormat: "General" },
      ]),
    );
    expect(snapshots).toHaveLength(6);

    await host.restoreCells(snapshots);
    measured.push(`restoreCells (6 cells): ${fake.syncs - 2} sync`);
    expect(fake.syncs).toBe(3);
    expect(s.at("D7")).toMatchObject({ value: 5, numberFormat: "#,##0" });
    expect(s.at("D8")).toMatchObject({ formula: "D7*2", numberFormat: "#,##0" });
    expect(s.at("D9").value).toBeUndefined();
    expect(s.at("D9").numberFormat).toBe("0.00");
    expect(s.at("D10").formula).toBeUndefined();
    expect(s.at("D10").value).toBeUndefined();
    expect(s.at("D12")).toMatchObject({ value: "ghi chú", numberFormat: "@" });
    expect(s.at("B3").value).toBeUndefined();
    expect(s.at("B3").numberFormat).toBe("General");
  });

  test("a missing sheet is reported in Vietnamese and nothing is written", async () => {
    const fake = seeded();
    await expect(hostOn(fake).writeCells([{ sheet: "Không có", address: "D7", value: 1 }])).rejects.toThrow(
      /Không ghi được số liệu: không tìm thấy trang tính/,
    );
    expect(fake.syncs).toBe(1);
    await expect(hostOn(fake).writeCells([{ sheet: "Biểu mẫu 1", address: "7D", value: 1 }])).rejects.toThrow(/Ô không hợp lệ/);
  });

  test("a write larger than the payload limit is split into several syncs", async () => {
    const fake = new FakeExcel(["Biểu mẫu 1"]);
    const limit = 50_000;
    const cells = Array.from({ length: 2000 }, (_, i) => ({
      sheet: "Biểu mẫu 1",
      address: `D${i + 1}`,
      value: `giá trị số ${i} — ${"x".repeat(40)}`,
    }));
    await hostOn(fake, { maxPayloadBytes: limit }).writeCells(cells);
    expect(fake.syncs).toBeGreaterThan(3);
    expect(fake.payloads.every((b) => b <= limit)).toBe(true);
    expect(fake.sheet("Biểu mẫu 1").at("D2000").value).toBe(cells[1999].value);
  });
});

describe("highlight / clearHighlights", () => {
  test("colours by severity and restores exactly the previous fills and fonts", async () => {
    const fake = new FakeExcel(["Biểu mẫu 1"]);
    const s = fake.sheet("Biểu mẫu 1");
    s.seed("D7", { fill: "#00FF00", font: { color: "#123456" } });
    s.seed("D9", { fill: "#FFFFFF" }); // a real white fill, not "no fill"
    const host = hostOn(fake);
    await host.highlight([
      { ref: "'Biểu mẫu 1'!D7", severity: "error" },
      { ref: "'Biểu mẫu 1'!D8", severity: "warning" },
      { ref: "'Biểu mẫu 1'!D8", severity: "error" },
      { ref: "'Biểu mẫu 1'!D9", severity: "info" },
      { ref: "không phải ô", severity: "error" },
    ]);
    measured.push(`highlight (3 cells): ${fake.syncs} syncs`);
    expect(fake.syncs).toBe(2);
    expect(s.at("D7")).toMatchObject({ fill: "#FFC7CE", font: { color: "#9C0006" } });
    expect(s.at("D8")).toMatchObject({ fill: "#FFC7CE", font: { color: "#9C0006" } });
    expect(s.at("D9")).toMatchObject({ fill: "#DDEBF7" });

    // highlighting again keeps the first memory; a downgrade gives the font back
    await host.highlight([{ ref: "'Biểu mẫu 1'!D7", severity: "warning" }]);
    expect(s.at("D7")).toMatchObject({ fill: "#FFEB9C", font: { color: "#123456" } });

    const before = fake.syncs;
    await host.clearHighlights();
    measured.push(`clearHighlights: ${fake.syncs - before} syncs`);
    expect(fake.syncs - before).toBe(2);
    expect(s.at("D7")).toMatchObject({ fill: "#00FF00", font: { color: "#123456" } });
    expect(s.at("D8").fill).toBeUndefined(); // no fill again, not white
    expect(s.at("D8").font.color).toBe("#000000");
    expect(s.at("D9").fill).toBe("#FFFFFF");

    const after = fake.syncs;
    await host.clearHighlights(); // nothing remembered: no round trip
    expect(fake.syncs).toBe(after);
  });

  test("cells of a sheet that no longer exists are skipped", async () => {
    const fake = new FakeExcel(["Biểu mẫu 1"]);
    const host = hostOn(fake);
    await host.highlight([
      { ref: "'Biểu mẫu 9'!D7", severity: "error" },
      { ref: "'Biểu mẫu 1'!D7", severity: "warning" },
    ]);
    expect(fake.sheet("Biểu mẫu 1").at("D7").fill).toBe("#FFEB9C");
    await host.clearHighlights();
    expect(fake.sheet("Biểu mẫu 1").at("D7").fill).toBeUndefined();
  });
});

describe("addTableSheet / addWorkbookSheets", () => {
  test("bold frozen header, text as text, autofit, one sync", async () => {
    const fake = new FakeExcel(["Sheet1"]);
    await hostOn(fake).addTableSheet(
      "Kết quả kiểm tra",
      ["Biểu", "Ô", "Nội dung"],
      [
        ["Biểu mẫu 1", "D7", "=SUM(1,2) không phải công thức"],
        ["Biểu mẫu 2", "D8", null],
        [3, "1/2", 4.5],
      ],
    );
    expect(fake.syncs).toBe(1);
    const s = fake.sheet("Kết quả kiểm tra");
    expect(s.at("A1")).toMatchObject({ value: "Biểu", font: { bold: true } });
    expect(s.at("C1").font.bold).toBe(true);
    expect(s.at("C2")).toMatchObject({ value: "=SUM(1,2) không phải công thức", numberFormat: "@" });
    expect(s.at("C2").formula).toBeUndefined();
    expect(s.at("B4")).toMatchObject({ value: "1/2", numberFormat: "@" });
    expect(s.at("A4").value).toBe(3);
    expect(s.at("C4").value).toBe(4.5);
    expect(s.at("C3").value).toBeUndefined();
    expect(s.frozenRows).toBe(1);
    expect(s.autofitted).toEqual(["A:C"]);
    expect(fake.activeSheet).toBe(s);
  });

  test("a table above the 4 MB payload budget goes in several syncs, each under 5 MB", async () => {
    const fake = new FakeExcel();
    const text = "Tỷ lệ hồ sơ giải quyết trước hạn, đúng hạn — dòng ".repeat(3);
    const rows = Array.from({ length: 20_000 }, (_, i) => [`Biểu mẫu ${i % 7}`, `D${i}`, `${text}${i}`, i]);
    await hostOn(fake).addTableSheet("Lớn", ["Biểu", "Ô", "Nội dung", "Số"], rows);
    const total = fake.payloads.reduce((a, b) => a + b, 0);
    measured.push(
      `addTableSheet ${Math.round(total / 1e5) / 10} MB: ${fake.syncs} syncs, payloads ${fake.payloads.map((b) => `${Math.round(b / 1e4) / 100} MB`).join(" / ")}`,
    );
    expect(total).toBeGreaterThan(PAYLOAD_LIMIT);
    expect(fake.syncs).toBeGreaterThan(1);
    expect(fake.payloads.every((b) => b <= PAYLOAD_LIMIT)).toBe(true);
    expect(fake.sheet("Lớn").at("C20001").value).toBe(`${text}19999`.normalize("NFC"));
    expect(fake.sheet("Lớn").at("D20001").value).toBe(19999);
  });

  test("insertWorksheetsFromBase64 with 1.13, the download callback without it", async () => {
    const bytes = new Uint8Array([80, 75, 3, 4, 0, 255]);
    const fake = new FakeExcel();
    const downloads: string[] = [];
    const download = (_: Uint8Array, name: string) => void downloads.push(name);
    expect(await hostOn(fake, { download }).addWorkbookSheets(bytes, "tong-hop.xlsx")).toBe("inserted");
    expect(fake.inserted).toEqual([{ base64: Buffer.from(bytes).toString("base64"), options: { positionType: "End" } }]);

    fake.supported.delete("1.13");
    const host = hostOn(fake, { download });
    expect(await host.addWorkbookSheets(bytes, "tong-hop.xlsx")).toBe("downloaded");
    expect(downloads).toEqual(["tong-hop.xlsx"]);
    expect(host.notes.join()).toMatch(/chưa hỗ trợ ExcelApi 1\.13 nên bảng tổng hợp sẽ được tải xuống/);
  });
});

describe("with office-addin-mock globals (Office, Excel)", () => {
  const calls: string[] = [];
  let syncs = 0;
  const g = globalThis as unknown as { Office?: unknown; Excel?: unknown };

  beforeAll(() => {
    g.Office = new OfficeMockObject({
      context: {
        requirements: { isSetSupported: (set: string, v: string) => set === "ExcelApi" && ["1.6", "1.7", "1.8"].includes(v) },
      },
    });
    const excel = new OfficeMockObject({
      context: {
        workbook: {
          name: "Báo cáo CCHC.xlsx",
          worksheets: {
            getItem(name: string) {
              calls.push(`getItem ${name}`);
              return this.sheet;
            },
            sheet: {
              activate: () => void calls.push("activate"),
              getRange(address: string) {
                calls.push(`getRange ${address}`);
                return this.range;
              },
              range: { select: () => void calls.push("select") },
            },
          },
        },
        sync: async function (this: OfficeMockObject) {
          syncs++;
          return OfficeMockObject.prototype.sync.call(this);
        },
      },
      run: async function (this: { context: unknown }, batch: (c: unknown) => Promise<unknown>) {
        return batch(this.context);
      },
    });
    g.Excel = excel;
  });
  afterAll(() => {
    delete g.Office;
    delete g.Excel;
  });

  test("requirements() reads Office.context.requirements and explains what is missing", () => {
    const r = requirements();
    expect(r.supported).toEqual({ "1.8": true, "1.9": false, "1.13": false });
    expect(r.missing).toHaveLength(2);
    expect(r.missing[0]).toMatch(/^Excel này chưa hỗ trợ ExcelApi 1\.9 nên .* sẽ /);
    expect(r.missing[1]).toMatch(/^Excel này chưa hỗ trợ ExcelApi 1\.13 nên .* sẽ /);
  });

  test("describe() loads the workbook name in one sync through Excel.run", async () => {
    syncs = 0;
    expect(await new ExcelHost().describe()).toBe("Sổ làm việc Excel “Báo cáo CCHC.xlsx”");
    expect(syncs).toBe(1);
  });

  test("selectCell activates the sheet and selects the cell in one sync", async () => {
    syncs = 0;
    calls.length = 0;
    await new ExcelHost().selectCell("'Biểu mẫu 3'!$D$12");
    expect(calls).toEqual(["getItem Biểu mẫu 3", "activate", "getRange D12", "select"]);
    expect(syncs).toBe(1);
    await expect(new ExcelHost().selectCell("D12")).rejects.toThrow(/Không hiểu địa chỉ ô/);
  });
});

test("rectangles cover equal keys with few rectangles", () => {
  const cells = [];
  for (let r = 1; r <= 10; r++) for (let c = 1; c <= 3; c++) cells.push({ row: r, col: c, key: c === 2 && r % 2 ? "a" : "b" });
  const rects = rectangles(cells);
  const covered = rects.reduce((n, r) => n + (r.bottom - r.top + 1) * (r.right - r.left + 1), 0);
  expect(covered).toBe(30);
  expect(rects.length).toBeLessThan(20);
  expect(colLetters(28)).toBe("AB");
});
