/**
 * Formatted template workbooks (exceljs: styles, data validation) for the
 * browser, where there is no open Excel workbook to insert into. exceljs is
 * big, so it and src/xlsx/write-template are only reached through import():
 * webpack puts them in their own chunk, loaded on the first use.
 */
import type { TemplateSpec } from "../catalog/types";
import type { FormSheetPlan, SheetHeader } from "../core/form-layout";

async function loadWriter() {
  const [writer, excel] = await Promise.all([
    import(/* webpackChunkName: "exceljs" */ "../xlsx/write-template"),
    import(/* webpackChunkName: "exceljs" */ "exceljs"),
  ]);
  // CommonJS interop: the class lives on `default` (webpack, ts-jest) or on the namespace itself.
  const ExcelJS = ((excel as { default?: typeof import("exceljs") }).default ?? excel) as typeof import("exceljs");
  return { ...writer, ExcelJS };
}

function toBytes(buffer: ArrayBuffer | ArrayLike<number>): Uint8Array {
  return buffer instanceof Uint8Array ? buffer.slice() : new Uint8Array(buffer as ArrayBuffer);
}

/** The template's workbook (the chosen forms), as `bieumau template` writes it. */
export async function templateWorkbookBytes(template: TemplateSpec, options: SheetHeader & { forms?: number[] } = {}): Promise<Uint8Array> {
  const { buildTemplateWorkbook } = await loadWriter();
  const { workbook } = buildTemplateWorkbook(template, options);
  return toBytes((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

/** A new workbook holding the given form sheet plans. */
export async function plansWorkbookBytes(plans: FormSheetPlan[], title = "Biểu mẫu CCHC"): Promise<Uint8Array> {
  const { renderFormSheet, ExcelJS } = await loadWriter();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Biểu mẫu CCHC";
  workbook.created = new Date();
  workbook.title = title;
  workbook.calcProperties.fullCalcOnLoad = true;
  for (const plan of plans) renderFormSheet(workbook, plan);
  return toBytes((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}
