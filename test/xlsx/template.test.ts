/** A written template, read back: what an officer opens must be the form, formatted and guarded. */
import ExcelJS from "exceljs";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { findTemplate, isComputed, isInput } from "../../src/catalog";
import { COL, formMarker, parseFormMarker } from "../../src/core/form-layout";
import { writeTemplateFile } from "../../src/xlsx/write-template";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "bieumau-template-"));

async function readBack(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

describe.each(["bnv581-tinh", "bnv581-xa"])("template %s written and read back", (id) => {
  const template = findTemplate(id)!;
  const file = path.join(work, `${id}.xlsx`);
  let wb: ExcelJS.Workbook;

  beforeAll(async () => {
    await writeTemplateFile(template, file, { unit: "UBND xã A", period: "Quý I năm 2025" });
    wb = await readBack(file);
  });

  test("one sheet per form, titled 'Biểu mẫu N', with unit, period and the form title", () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(template.forms.map((f) => `Biểu mẫu ${f.number}`));
    for (const form of template.forms) {
      const ws = wb.getWorksheet(`Biểu mẫu ${form.number}`)!;
      expect(ws.getCell("A1").value).toBe("Đơn vị báo cáo: UBND xã A");
      expect(ws.getCell("A2").value).toBe("Kỳ báo cáo: Quý I năm 2025");
      expect(ws.getCell("A3").value).toBe(`Biểu mẫu ${form.number}`);
      expect(ws.getCell("A4").value).toBe(form.title);
      expect(ws.getCell(6, COL.value).value).toBe("Số liệu");
      expect(ws.getCell(6, COL.unit).value).toBe("Đơn vị tính");
      expect(ws.getCell(5, COL.code).value).toBe("STT");
      expect(String(ws.getCell(5, COL.label).value)).toMatch(/^Chỉ tiêu thống kê/);
      expect(ws.getCell(5, COL.note).value).toBe("Ghi chú");
    }
  });

  test("every row of the form with its code, label and unit; formulas only on computed rows", () => {
    for (const form of template.forms) {
      const ws = wb.getWorksheet(`Biểu mẫu ${form.number}`)!;
      form.rows.forEach((row, i) => {
        const r = 7 + i;
        expect([ws.getCell(r, COL.code).value, ws.getCell(r, COL.label).value, ws.getCell(r, COL.unit).value ?? ""]).toEqual([
          row.code,
          row.label,
          row.unit,
        ]);
        const value = ws.getCell(r, COL.value).value as ExcelJS.CellValue;
        if (isComputed(row)) expect(value).toEqual(expect.objectContaining({ formula: expect.stringMatching(/^IF\(/) }));
        else expect(value).toBeNull();
      });
    }
  });

  test("Times New Roman, A4 portrait, header rows repeated on every page, panes frozen below the header", () => {
    for (const ws of wb.worksheets) {
      expect(ws.getCell("A3").font?.name).toBe("Times New Roman");
      expect(ws.getCell(8, COL.label).font?.name).toBe("Times New Roman");
      expect(ws.pageSetup.paperSize).toBe(9);
      expect(ws.pageSetup.orientation).toBe("portrait");
      expect(ws.pageSetup.printTitlesRow).toBe("5:6");
      expect(ws.views[0]).toEqual(expect.objectContaining({ state: "frozen", ySplit: 6 }));
    }
  });

  test("native data validation on every input cell, by kind, with Vietnamese messages", () => {
    let counted = 0;
    for (const form of template.forms) {
      const ws = wb.getWorksheet(`Biểu mẫu ${form.number}`)!;
      form.rows.forEach((row, i) => {
        const dv = ws.getCell(7 + i, COL.value).dataValidation;
        if (!isInput(row) || row.kind === "text") {
          expect(dv ?? undefined).toBeUndefined();
          return;
        }
        counted++;
        expect(dv.showErrorMessage).toBe(true);
        expect(dv.error).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/);
        switch (row.kind) {
          case "count":
            expect(dv).toEqual(expect.objectContaining({ type: "whole", operator: "greaterThanOrEqual", formulae: [0] }));
            break;
          case "percent":
            expect(dv).toEqual(expect.objectContaining({ type: "decimal", operator: "between", formulae: [0, 100] }));
            break;
          case "money":
            expect(dv).toEqual(expect.objectContaining({ type: "decimal", operator: "greaterThanOrEqual", formulae: [0] }));
            break;
          case "coded":
            expect(dv.type).toBe("list");
            expect(dv.formulae).toEqual([`"${row.options!.map((o) => o.value).join(",")}"`]);
            break;
        }
      });
    }
    expect(counted).toBeGreaterThan(20);
  });

  test("a hidden marker identifies the template, the form and each row", () => {
    for (const form of template.forms) {
      const ws = wb.getWorksheet(`Biểu mẫu ${form.number}`)!;
      expect(ws.getColumn(COL.marker).hidden).toBe(true);
      const marker = String(ws.getCell(1, COL.marker).value);
      expect(marker).toBe(formMarker(id, form.number));
      expect(parseFormMarker(marker)).toEqual({ templateId: id, form: form.number });
      form.rows.forEach((row, i) => expect(ws.getCell(7 + i, COL.marker).value).toBe(row.id));
    }
  });

  test("--forms keeps only the chosen forms", async () => {
    const partial = path.join(work, `${id}-137.xlsx`);
    await writeTemplateFile(template, partial, { forms: [1, 3, 7] });
    const wb2 = await readBack(partial);
    expect(wb2.worksheets.map((w) => w.name)).toEqual(["Biểu mẫu 1", "Biểu mẫu 3", "Biểu mẫu 7"]);
    expect(wb2.getWorksheet("Biểu mẫu 1")!.getCell("A1").value).toBe("Đơn vị báo cáo: ……………………");
  });
});
