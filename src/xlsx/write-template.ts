/**
 * Renders form sheet plans into an .xlsx workbook with exceljs: Times New
 * Roman, A4, repeated header rows, frozen panes, live formulas and native
 * data validation.
 */
import type ExcelJS from "exceljs";
import type { TemplateSpec } from "../catalog/types";
import { COL, type CellStyle, type FormSheetPlan, type SheetHeader, planFormSheet } from "../core/form-layout";
import { columnLetters } from "../core/a1";

/** exceljs takes ~0.3–0.5 s to load: loaded when a template is built, not by every CLI command that imports this file. */
function loadExcelJS(): typeof ExcelJS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("exceljs") as typeof ExcelJS;
}

const FONT = "Times New Roman";
const THIN: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FF000000" } };
const BOX: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const COMPUTED_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };

interface StyleSpec {
  font: Partial<ExcelJS.Font>;
  alignment: Partial<ExcelJS.Alignment>;
  border?: Partial<ExcelJS.Borders>;
  fill?: ExcelJS.Fill;
}

const STYLES: Record<CellStyle, StyleSpec> = {
  unitLine: { font: { name: FONT, size: 13, bold: true }, alignment: { horizontal: "left", vertical: "middle" } },
  periodLine: { font: { name: FONT, size: 13 }, alignment: { horizontal: "left", vertical: "middle" } },
  formTitle: { font: { name: FONT, size: 14, bold: true }, alignment: { horizontal: "center", vertical: "middle" } },
  formSubtitle: { font: { name: FONT, size: 13, bold: true }, alignment: { horizontal: "center", vertical: "middle", wrapText: true } },
  header: {
    font: { name: FONT, size: 12, bold: true },
    alignment: { horizontal: "center", vertical: "middle", wrapText: true },
    border: BOX,
  },
  code: { font: { name: FONT, size: 12 }, alignment: { horizontal: "center", vertical: "middle" }, border: BOX },
  label: { font: { name: FONT, size: 12 }, alignment: { horizontal: "left", vertical: "middle", wrapText: true }, border: BOX },
  headingLabel: {
    font: { name: FONT, size: 12, bold: true },
    alignment: { horizontal: "left", vertical: "middle", wrapText: true },
    border: BOX,
  },
  unit: { font: { name: FONT, size: 12 }, alignment: { horizontal: "center", vertical: "middle", wrapText: true }, border: BOX },
  input: { font: { name: FONT, size: 12 }, alignment: { horizontal: "right", vertical: "middle" }, border: BOX },
  computed: {
    font: { name: FONT, size: 12, italic: true },
    alignment: { horizontal: "right", vertical: "middle" },
    border: BOX,
    fill: COMPUTED_FILL,
  },
  headingValue: { font: { name: FONT, size: 12 }, alignment: { horizontal: "right", vertical: "middle" }, border: BOX },
  note: { font: { name: FONT, size: 12 }, alignment: { horizontal: "left", vertical: "middle", wrapText: true }, border: BOX },
  marker: { font: { name: FONT, size: 8, color: { argb: "FF808080" } }, alignment: { horizontal: "left" } },
};

export interface TemplateOptions extends SheetHeader {
  /** Form numbers to include; all forms when absent. */
  forms?: number[];
}

/** Adds one rendered form sheet to a workbook. */
export function renderFormSheet(workbook: ExcelJS.Workbook, plan: FormSheetPlan): ExcelJS.Worksheet {
  const ws = workbook.addWorksheet(plan.sheetName, {
    pageSetup: {
      paperSize: 9, // A4
      orientation: "portrait",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.6, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: `${plan.headerRows[0]}:${plan.headerRows[1]}`,
    },
    views: [{ state: "frozen", ySplit: plan.headerRows[1], xSplit: 0, activeCell: `${columnLetters(COL.value)}${plan.headerRows[1] + 1}` }],
    properties: { defaultRowHeight: 18 },
  });
  ws.headerFooter.oddFooter = `&"${FONT}"&10${plan.sheetName} – Trang &P/&N`;

  plan.columnWidths.forEach((w, i) => {
    const col = ws.getColumn(i + 1);
    col.width = w;
    if (plan.hiddenColumns.includes(i + 1)) col.hidden = true;
  });
  for (const [r, h] of plan.rowHeights) ws.getRow(r).height = h;

  for (const c of plan.cells) {
    const cell = ws.getCell(c.row, c.col);
    if (c.formula !== undefined) cell.value = { formula: c.formula } as ExcelJS.CellFormulaValue;
    else if (c.value !== undefined) cell.value = c.value;
    const style = STYLES[c.style];
    cell.font = style.font;
    cell.alignment = style.alignment;
    if (style.border) cell.border = style.border;
    if (style.fill) cell.fill = style.fill;
    if (c.numFmt) cell.numFmt = c.numFmt;
  }
  for (const [t, l, b, r] of plan.merges) ws.mergeCells(t, l, b, r);

  for (const v of plan.validations) {
    const base = {
      allowBlank: true,
      showInputMessage: true,
      showErrorMessage: true,
      promptTitle: v.promptTitle,
      prompt: v.prompt,
      errorTitle: v.errorTitle,
      error: v.error,
      errorStyle: "stop",
    };
    const cell = ws.getCell(v.row, v.col);
    switch (v.rule.type) {
      case "whole":
        cell.dataValidation = { ...base, type: "whole", operator: "greaterThanOrEqual", formulae: [v.rule.min] };
        break;
      case "decimal":
        cell.dataValidation =
          v.rule.max === undefined
            ? { ...base, type: "decimal", operator: "greaterThanOrEqual", formulae: [v.rule.min] }
            : { ...base, type: "decimal", operator: "between", formulae: [v.rule.min, v.rule.max] };
        break;
      case "list":
        cell.dataValidation = { ...base, type: "list", formulae: [`"${v.rule.values.join(",")}"`] };
        break;
    }
  }
  return ws;
}

/** Builds the template workbook (one sheet per form) in memory. */
export function buildTemplateWorkbook(
  template: TemplateSpec,
  options: TemplateOptions = {},
): {
  workbook: ExcelJS.Workbook;
  plans: FormSheetPlan[];
} {
  const wanted = options.forms;
  const forms = wanted ? template.forms.filter((f) => wanted.includes(f.number)) : template.forms;
  const workbook = new (loadExcelJS().Workbook)();
  workbook.creator = "Biểu mẫu CCHC";
  workbook.created = new Date();
  workbook.title = template.name;
  workbook.calcProperties.fullCalcOnLoad = true;
  const plans = forms.map((form) => planFormSheet(template, form, options));
  for (const plan of plans) renderFormSheet(workbook, plan);
  return { workbook, plans };
}

export async function writeTemplateFile(template: TemplateSpec, file: string, options: TemplateOptions = {}): Promise<FormSheetPlan[]> {
  const { workbook, plans } = buildTemplateWorkbook(template, options);
  await workbook.xlsx.writeFile(file);
  return plans;
}
