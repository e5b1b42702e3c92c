/**
 * Where everything of one form goes on its sheet, as plain data. The .xlsx
 * writer (exceljs) and the Excel task pane (Office.js) both render this plan,
 * so the CLI and the add-in produce the same sheet.
 */
import { isComputed, isListForm, printedCode, rowKey, valueColumnsOf } from "../catalog";
import type { FormSpec, ListColumn, RowSpec, TemplateSpec } from "../catalog/types";
import { columnLetters } from "./a1";
import { rowFormula } from "./rules";

/** Column positions of the form table (1-based), for forms with one value column. */
export const COL = { code: 1, label: 2, unit: 3, value: 4, note: 5, marker: 6 } as const;

/** Column positions of one form's table: one value column per entry of `valueColumns`, then Ghi chú and the marker. */
export interface FormColumns {
  code: number;
  label: number;
  unit: number;
  /** One per value column, in order ([4] for a one-column form). */
  values: number[];
  note: number;
  marker: number;
}

/** Where a form's columns go; a one-column form gets exactly COL. */
export function formColumns(form: FormSpec): FormColumns {
  if (isListForm(form)) {
    const n = form.columns?.length ?? 0;
    // A list has no label, unit or value column: its columns are 2 … n + 1 (listColumns).
    return { code: 1, label: 2, unit: 2, values: [], note: n + 1, marker: n + 2 };
  }
  const n = valueColumnsOf(form).length;
  const values = Array.from({ length: n }, (_, i) => COL.value + i);
  return { code: COL.code, label: COL.label, unit: COL.unit, values, note: COL.value + n, marker: COL.value + n + 1 };
}

/** A list form's columns: STT in column 1, then `columns` in order, the marker after them. */
export function listColumns(form: FormSpec): { code: number; columns: { spec: ListColumn; col: number }[]; marker: number } {
  const columns = (form.columns ?? []).map((spec, i) => ({ spec, col: i + 2 }));
  return { code: 1, columns, marker: columns.length + 2 };
}

/** Empty numbered rows the template gives each section of a list (officers add more). */
export const LIST_BLANK_ROWS = 3;

/** Answers a status column of a list offers. */
export const LIST_STATUSES = ["Đúng hạn", "Quá hạn"] as const;

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
  /** Coded answers (numbers) or, in list forms, fixed words ("Đúng hạn", "Quá hạn"). */
  | { type: "list"; values: (number | string)[] };

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
  /** Row id → "D12": where each value lives (the first value column). */
  valueCellOf: Map<string, string>;
  /** Row id → the cell of every value column ("D12", "E12"), for forms with several. */
  valueCellsOf?: Map<string, string[]>;
  /** Position of each column of the table. */
  columns?: FormColumns;
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

/** Cells of compound rows ("120 hồ sơ = 95,5%", "3/45") are text, so Excel does not turn "3/4" into a date. */
export const COMPOUND_FORMAT = "@";
/** Date cells of list forms. */
export const DATE_FORMAT = "dd/mm/yyyy";

const FIRST_DATA_ROW = 7;

const nfc = (s: string) => s.normalize("NFC");

/** The collections every sheet plan fills, and a shorthand to add a cell. */
function newPlanParts() {
  const cells: PlannedCell[] = [];
  const merges: FormSheetPlan["merges"] = [];
  const validations: PlannedValidation[] = [];
  const rowHeights = new Map<number, number>();
  return {
    merges,
    validations,
    rowHeights,
    put: (cell: PlannedCell) => cells.push(cell),
    planned: { cells, merges, validations, rowHeights },
  };
}

export function defaultSheetName(form: FormSpec): string {
  return form.caption ?? `Biểu mẫu ${form.number}`;
}

export function planFormSheet(
  template: TemplateSpec,
  form: FormSpec,
  header: SheetHeader = {},
  sheetName = defaultSheetName(form),
): FormSheetPlan {
  if (isListForm(form)) return planListSheet(template, form, header, sheetName);
  const C = formColumns(form);
  const { merges, validations, rowHeights, put, planned } = newPlanParts();

  putTitleLines(put, merges, template, form, header, C.note, C.marker);

  putTableHeader(put, merges, C, valueColumnsOf(form));
  rowHeights.set(5, 33);

  const rowOf = new Map<string, number>();
  const valueCellOf = new Map<string, string>();
  const valueCellsOf = new Map<string, string[]>();
  const letters = C.values.map(columnLetters);
  form.rows.forEach((spec, i) => {
    const r = FIRST_DATA_ROW + i;
    rowOf.set(rowKey(spec), r);
    valueCellOf.set(spec.id, `${letters[0]}${r}`);
    valueCellsOf.set(
      spec.id,
      letters.map((l) => `${l}${r}`),
    );
  });
  const addressIn = (letter: string) => (code: string) => {
    const r = rowOf.get(code);
    if (r === undefined) throw new Error(`Biểu mẫu ${form.number}: không có dòng ${code}`);
    return `${letter}${r}`;
  };

  form.rows.forEach((spec, i) => {
    const r = FIRST_DATA_ROW + i;
    const heading = spec.kind === "heading";
    put({ row: r, col: C.code, style: "code", value: printedCode(spec) });
    put({ row: r, col: C.label, style: heading ? "headingLabel" : "label", value: nfc(spec.label) });
    put({ row: r, col: C.unit, style: "unit", value: nfc(spec.unit) });
    put({ row: r, col: C.note, style: "note" });
    put({ row: r, col: C.marker, style: "marker", value: spec.id });
    rowHeights.set(r, estimateHeight(spec));
    C.values.forEach((col, ci) => {
      if (spec.kind === "heading") {
        put({ row: r, col, style: "headingValue" });
        return;
      }
      const numFmt = spec.compound ? COMPOUND_FORMAT : NUMBER_FORMATS[spec.kind];
      const formula = rowFormula(spec, addressIn(letters[ci]));
      if (formula) {
        put({ row: r, col, style: "computed", formula, numFmt });
        return;
      }
      put({ row: r, col, style: "input", numFmt });
      const validation = spec.compound ? undefined : validationFor(spec);
      if (validation) validations.push({ row: r, col, ...validation });
    });
  });

  return {
    sheetName,
    form,
    ...planned,
    columnWidths: [8, C.values.length > 1 ? 52 : 62, 18, ...C.values.map(() => 14), 24, 12],
    hiddenColumns: [C.marker],
    headerRows: [5, 6],
    rowOf,
    valueCellOf,
    // One-column forms keep exactly the plan they always had.
    ...(C.values.length > 1 ? { valueCellsOf, columns: C } : {}),
  };
}

/** The table's two header rows (5–6): STT, Chỉ tiêu, Kết quả thống kê over Đơn vị tính and the value columns, Ghi chú. */
function putTableHeader(put: (cell: PlannedCell) => void, merges: FormSheetPlan["merges"], C: FormColumns, names: string[]): void {
  put({ row: 5, col: C.code, style: "header", value: HEADER_TEXT.code });
  put({ row: 5, col: C.label, style: "header", value: HEADER_TEXT.label });
  put({ row: 5, col: C.unit, style: "header", value: HEADER_TEXT.result });
  for (const col of C.values) put({ row: 5, col, style: "header" });
  put({ row: 5, col: C.note, style: "header", value: HEADER_TEXT.note });
  put({ row: 6, col: C.code, style: "header" });
  put({ row: 6, col: C.label, style: "header" });
  put({ row: 6, col: C.unit, style: "header", value: HEADER_TEXT.unit });
  C.values.forEach((col, i) => put({ row: 6, col, style: "header", value: names.length === 1 ? HEADER_TEXT.value : nfc(names[i]) }));
  put({ row: 6, col: C.note, style: "header" });
  merges.push([5, C.code, 6, C.code], [5, C.label, 6, C.label], [5, C.unit, 5, C.values[C.values.length - 1]], [5, C.note, 6, C.note]);
}

/** The unit and period lines, the title and the form's name (rows 1–4), and the hidden marker. */
function putTitleLines(
  put: (cell: PlannedCell) => void,
  merges: FormSheetPlan["merges"],
  template: TemplateSpec,
  form: FormSpec,
  header: SheetHeader,
  lastCol: number,
  markerCol: number,
): void {
  put({ row: 1, col: 1, style: "unitLine", value: nfc(`Đơn vị báo cáo: ${header.unit?.trim() || "……………………"}`) });
  put({ row: 2, col: 1, style: "periodLine", value: nfc(`Kỳ báo cáo: ${header.period?.trim() || "……………………"}`) });
  put({ row: 3, col: 1, style: "formTitle", value: nfc(form.caption ?? `Biểu mẫu ${form.number}`) });
  put({ row: 4, col: 1, style: "formSubtitle", value: nfc(form.title) });
  merges.push([1, 1, 1, lastCol], [2, 1, 2, lastCol], [3, 1, 3, lastCol], [4, 1, 4, lastCol]);
  put({ row: 1, col: markerCol, style: "marker", value: formMarker(template.id, form.number) });
}

/**
 * A list form (Phụ lục I): the header STT · columns, then each section's row
 * ("I" and its title) followed by a few empty numbered rows for the officer.
 */
function planListSheet(template: TemplateSpec, form: FormSpec, header: SheetHeader, sheetName: string): FormSheetPlan {
  const L = listColumns(form);
  const last = L.columns.length + 1;
  const { merges, validations, rowHeights, put, planned } = newPlanParts();
  putTitleLines(put, merges, template, form, header, last, L.marker);

  put({ row: 5, col: L.code, style: "header", value: HEADER_TEXT.code });
  for (const c of L.columns) put({ row: 5, col: c.col, style: "header", value: nfc(c.spec.title) });
  rowHeights.set(5, 48);

  let r = 6;
  const blankRows = (count: number) => {
    for (let n = 1; n <= count; n++, r++) {
      put({ row: r, col: L.code, style: "code", value: n });
      for (const c of L.columns) {
        const numFmt = c.spec.type === "date" ? DATE_FORMAT : c.spec.type === "text" ? NUMBER_FORMATS.text : undefined;
        put({ row: r, col: c.col, style: c.spec.type === "text" ? "note" : "input", ...(numFmt ? { numFmt } : {}) });
        if (c.spec.type === "status") {
          validations.push({
            row: r,
            col: c.col,
            rule: { type: "list", values: [...LIST_STATUSES] },
            promptTitle: c.spec.title,
            prompt: `Chọn ${LIST_STATUSES.join(" hoặc ")} (so với thời hạn).`,
            errorTitle: "Không hợp lệ",
            error: `Chỉ chọn ${LIST_STATUSES.join(" hoặc ")}.`,
          });
        } else if (c.spec.type === "date") {
          // No Excel date rule: a date typed as text ("15/01/2024") is still read and checked.
        }
      }
      rowHeights.set(r, 20);
    }
  };
  const sections = form.sections ?? [];
  if (sections.length === 0) blankRows(LIST_BLANK_ROWS + 2);
  for (const section of sections) {
    put({ row: r, col: L.code, style: "code", value: section.code });
    L.columns.forEach((c, i) =>
      put({ row: r, col: c.col, style: i === 0 ? "headingLabel" : "headingValue", ...(i === 0 ? { value: nfc(section.title) } : {}) }),
    );
    rowHeights.set(r, 20);
    r++;
    blankRows(LIST_BLANK_ROWS);
  }

  const widthOf = (c: ListColumn, i: number) =>
    c.type === "date" || c.type === "status"
      ? 14
      : i === 0
        ? 34
        : /trich yeu|noi dung/i.test(c.title.normalize("NFD").replace(/[\u0300-\u036f]/g, ""))
          ? 40
          : 20;
  return {
    sheetName,
    form,
    ...planned,
    columnWidths: [8, ...L.columns.map((c) => widthOf(c.spec, c.col - 2)), 12],
    hiddenColumns: [L.marker],
    headerRows: [5, 5],
    rowOf: new Map(),
    valueCellOf: new Map(),
    columns: formColumns(form),
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
