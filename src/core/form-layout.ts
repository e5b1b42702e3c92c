/**
 * Where everything of one form goes on its sheet, as plain data. The .xlsx
 * writer (exceljs) and the Excel task pane (Office.js) both render this plan,
 * so the CLI and the add-in produce the same sheet.
 */
import { isComputed, rowKey } from "../catalog";
import type { FormSpec, RowSpec, TemplateSpec } from "../catalog/types";
import { columnLetter, rowFormula } from "./formulas";

/** Column positions of the form table (1-based). */
export const COL = { code: 1, label: 2, unit: 3, value: 4, note: 5, marker: 6 } as const;

/** Text of the table header, as the BNV appendices print it. */
export const HEADER_TEXT = {
  code: "STT",
  label: "Chỉ tiêu thống kê\n(Sử dụng trong kỳ báo cáo hàng quý, 6 tháng, năm)",
  result: "Kết quả thống kê",
  unit: "Đơn vị tính",
  value: "Số liệu",
  note: "Ghi chú",
} as const;

/** The hidden marker: cell MARKER_COLUMN of row 1 holds "bieumau:{template}:{form}", each data row its row id. */
export const MARKER_PREFIX = "bieumau";
export function formMarker(templateId: string, formNumber: number): string {
  return `${MARKER_PREFIX}:${templateId}:${formNumber}`;
}
export function parseFormMarker(text: string): { templateId: string; form: number } | undefined {
  const m = /^bieumau:([a-z0-9-]+):(\d+)$/.exec(text.trim());
  return m ? { templateId: m[1], form: Number(m[2]) } : undefined;
}

export type CellStyle =
  | "unitLine"
  | "periodLine"
  | "formTitle"
  | "formSubtitle"
  | "header"
  | "code"
  | "label"
  | "headingLabel"
  | "unit"
  | "input"
  | "computed"
  | "headingValue"
  | "note"
  | "marker";

export interface PlannedCell {
  row: number;
  col: number;
  style: CellStyle;
  value?: string | number;
  /** Without the leading "=". */
  formula?: string;
  numFmt?: string;
}

export type ValidationRule =
  | { type: "whole"; min: number }
  | { type: "decimal"; min: number; max?: number }
  | { type: "list"; values: number[] };

export interface PlannedValidation {
  row: number;
  col: number;
  rule: ValidationRule;
  promptTitle: string;
  prompt: string;
  errorTitle: string;
  error: string;
}

export interface FormSheetPlan {
  sheetName: string;
  form: FormSpec;
  cells: PlannedCell[];
  /** [top, left, bottom, right], 1-based inclusive. */
  merges: [number, number, number, number][];
  validations: PlannedValidation[];
  columnWidths: number[];
  hiddenColumns: number[];
  rowHeights: Map<number, number>;
  /** Rows above the first data row stay visible and print on every page. */
  headerRows: [number, number];
  /** Sheet row of each form row, in form order. */
  rowOf: Map<string, number>;
  /** Row id → "D12": where each value lives. */
  valueCellOf: Map<string, string>;
}

export interface SheetHeader {
  unit?: string;
  period?: string;
}

export const NUMBER_FORMATS = {
  count: "#,##0",
  ratio: "0.00",
  percent: "General",
  money: "#,##0.00",
  coded: "0",
  text: "@",
} as const;

const FIRST_DATA_ROW = 7;

export function defaultSheetName(form: FormSpec): string {
  return `Biểu mẫu ${form.number}`;
}

export function planFormSheet(
  template: TemplateSpec,
  form: FormSpec,
  header: SheetHeader = {},
  sheetName = defaultSheetName(form),
): FormSheetPlan {
  const cells: PlannedCell[] = [];
  const merges: FormSheetPlan["merges"] = [];
  const validations: PlannedValidation[] = [];
  const rowHeights = new Map<number, number>();
  const put = (cell: PlannedCell) => cells.push(cell);
  const nfc = (s: string) => s.normalize("NFC");

  put({ row: 1, col: 1, style: "unitLine", value: nfc(`Đơn vị báo cáo: ${header.unit?.trim() || "……………………"}`) });
  put({ row: 2, col: 1, style: "periodLine", value: nfc(`Kỳ báo cáo: ${header.period?.trim() || "……………………"}`) });
  put({ row: 3, col: 1, style: "formTitle", value: `Biểu mẫu ${form.number}` });
  put({ row: 4, col: 1, style: "formSubtitle", value: nfc(form.title) });
  merges.push([1, 1, 1, COL.note], [2, 1, 2, COL.note], [3, 1, 3, COL.note], [4, 1, 4, COL.note]);
  put({ row: 1, col: COL.marker, style: "marker", value: formMarker(template.id, form.number) });

  put({ row: 5, col: COL.code, style: "header", value: HEADER_TEXT.code });
  put({ row: 5, col: COL.label, style: "header", value: HEADER_TEXT.label });
  put({ row: 5, col: COL.unit, style: "header", value: HEADER_TEXT.result });
  put({ row: 5, col: COL.value, style: "header" });
  put({ row: 5, col: COL.note, style: "header", value: HEADER_TEXT.note });
  put({ row: 6, col: COL.code, style: "header" });
  put({ row: 6, col: COL.label, style: "header" });
  put({ row: 6, col: COL.unit, style: "header", value: HEADER_TEXT.unit });
  put({ row: 6, col: COL.value, style: "header", value: HEADER_TEXT.value });
  put({ row: 6, col: COL.note, style: "header" });
  merges.push([5, COL.code, 6, COL.code], [5, COL.label, 6, COL.label], [5, COL.unit, 5, COL.value], [5, COL.note, 6, COL.note]);
  rowHeights.set(5, 33);

  const rowOf = new Map<string, number>();
  const valueCellOf = new Map<string, string>();
  const valueCol = columnLetter(COL.value);
  form.rows.forEach((spec, i) => {
    const r = FIRST_DATA_ROW + i;
    rowOf.set(rowKey(spec), r);
    valueCellOf.set(spec.id, `${valueCol}${r}`);
  });
  const addressOf = (code: string) => {
    const r = rowOf.get(code);
    if (r === undefined) throw new Error(`Biểu mẫu ${form.number}: không có dòng ${code}`);
    return `${valueCol}${r}`;
  };

  form.rows.forEach((spec, i) => {
    const r = FIRST_DATA_ROW + i;
    const heading = spec.kind === "heading";
    put({ row: r, col: COL.code, style: "code", value: spec.code });
    put({ row: r, col: COL.label, style: heading ? "headingLabel" : "label", value: nfc(spec.label) });
    put({ row: r, col: COL.unit, style: "unit", value: nfc(spec.unit) });
    put({ row: r, col: COL.note, style: "note" });
    put({ row: r, col: COL.marker, style: "marker", value: spec.id });
    rowHeights.set(r, estimateHeight(spec));
    if (spec.kind === "heading") {
      put({ row: r, col: COL.value, style: "headingValue" });
      return;
    }
    const numFmt = NUMBER_FORMATS[spec.kind];
    const formula = rowFormula(spec, addressOf);
    if (formula) {
      put({ row: r, col: COL.value, style: "computed", formula, numFmt });
      return;
    }
    put({ row: r, col: COL.value, style: "input", numFmt });
    const validation = validationFor(spec);
    if (validation) validations.push({ row: r, col: COL.value, ...validation });
  });

  return {
    sheetName,
    form,
    cells,
    merges,
    validations,
    columnWidths: [8, 62, 18, 14, 24, 12],
    hiddenColumns: [COL.marker],
    rowHeights,
    headerRows: [5, 6],
    rowOf,
    valueCellOf,
  };
}

/** Wrapped labels need taller rows; Excel does not grow rows of generated files by itself. */
function estimateHeight(spec: RowSpec): number {
  const labelLines = Math.ceil(spec.label.length / 72);
  const unitLines = Math.ceil(spec.unit.length / 16);
  return Math.max(1, labelLines, unitLines) * 16 + 4;
}

function validationFor(spec: RowSpec): Omit<PlannedValidation, "row" | "col"> | undefined {
  switch (spec.kind) {
    case "count":
      return {
        rule: { type: "whole", min: 0 },
        promptTitle: "Số lượng",
        prompt: `Nhập số nguyên không âm (${spec.unit || "số lượng"}). Để trống nếu chưa có số liệu.`,
        errorTitle: "Số lượng không hợp lệ",
        error: "Chỉ tiêu này là số lượng: nhập số nguyên từ 0 trở lên, không kèm chữ.",
      };
    case "percent":
      return {
        rule: { type: "decimal", min: 0, max: 100 },
        promptTitle: "Tỷ lệ %",
        prompt: "Nhập tỷ lệ phần trăm từ 0 đến 100, ví dụ 99,87 (không nhập dấu %).",
        errorTitle: "Tỷ lệ không hợp lệ",
        error: "Tỷ lệ phải là số từ 0 đến 100.",
      };
    case "money":
      return {
        rule: { type: "decimal", min: 0 },
        promptTitle: "Số tiền",
        prompt: `Nhập số tiền theo đơn vị ${spec.unit || "tiền"}, chỉ nhập số.`,
        errorTitle: "Số tiền không hợp lệ",
        error: `Số tiền phải là số không âm, tính theo ${spec.unit || "đơn vị của dòng"}.`,
      };
    case "coded": {
      const options = spec.options ?? [];
      const list = options.map((o) => `${o.label} = ${o.value}`).join("; ");
      return {
        rule: { type: "list", values: options.map((o) => o.value) },
        promptTitle: "Chọn mã trả lời",
        prompt: `Chọn một mã: ${list}.`,
        errorTitle: "Mã trả lời không hợp lệ",
        error: `Chỉ nhập một trong các mã: ${list}.`,
      };
    }
    default:
      return undefined;
  }
}

/** Every computed row of the plan, for tests and for fill. */
export function computedRows(plan: FormSheetPlan): RowSpec[] {
  return plan.form.rows.filter(isComputed);
}
