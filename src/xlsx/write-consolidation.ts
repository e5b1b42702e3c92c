/**
 * The consolidation workbook: per form, the province sheet in the template's
 * layout whose numbers are live formulas over a detail sheet (one row per
 * indicator, one column per unit); a check sheet; a sources sheet. Text from
 * unit files is always written as text, never as a formula.
 */
import { rowKey } from "../catalog";
import type { FormSpec, RowSpec, TemplateSpec } from "../catalog/types";
import {
  answeredNo,
  type Consolidation,
  ORIGIN_CONSOLIDATION,
  ORIGIN_NAME,
  type ConsolidatedRow,
  METHOD_LABEL,
  type UnitEntry,
} from "../core/consolidate";
import { COL, HEADER_TEXT, planFormSheet } from "../core/form-layout";
import { columnLetters } from "../core/a1";
import { quoteSheetName } from "../core/formulas";
import { XlsxWriter, type XText, type XValue } from "./fast-writer";
import type { XCell, XRun, XSheetWriter } from "./writer/types";
import { numFmtOf, PLAN_STYLES, Styles, writePlan } from "./plan-writer";
import { STATUS_LABEL, writeCheckSheet } from "./write-check-sheet";
import { detailConditionalFormats, writeRankingSheet } from "./write-ranking";

export { STATUS_LABEL } from "./write-check-sheet";

export interface ConsolidationWorkbookOptions {
  /** Also write the province's own form from the rows the catalog maps. */
  into?: TemplateSpec;
  period?: string;
  /** The consolidating unit for the header ("Sở Nội vụ tỉnh …"). */
  unit?: string;
}

const DETAIL_FIRST_ROW = 5;
const DETAIL_FIRST_UNIT_COL = 4;

export function detailSheetName(form: number): string {
  return `Chi tiết ${form}`;
}

interface DetailLayout {
  /** Sheet row of each row code. */
  rowOf: Map<string, number>;
  totalCol: number;
  countCol: number;
  lastUnitCol: number;
}

function detailLayout(form: FormSpec, units: number): DetailLayout {
  const rowOf = new Map<string, number>();
  form.rows.forEach((r, i) => rowOf.set(rowKey(r), DETAIL_FIRST_ROW + i));
  const lastUnitCol = DETAIL_FIRST_UNIT_COL + units - 1;
  return { rowOf, lastUnitCol, totalCol: lastUnitCol + 1, countCol: lastUnitCol + 2 };
}

function answersText(row: ConsolidatedRow): string {
  return (row.answers ?? []).map((a) => `${a.label}: ${a.count}`).join("; ");
}

/** The detail sheet's total formula for a row, per its aggregation, and its cached result. */
function totalCell(row: ConsolidatedRow, layout: DetailLayout, units: number): XValue {
  const r = layout.rowOf.get(rowKey(row.spec))!;
  const range = units > 0 ? `${columnLetters(DETAIL_FIRST_UNIT_COL)}${r}:${columnLetters(layout.lastUnitCol)}${r}` : "";
  const total = (code: string) => `${columnLetters(layout.totalCol)}${layout.rowOf.get(code)}`;
  switch (row.method) {
    case "sum":
      return { formula: `IF(COUNT(${range})=0,"",SUM(${range}))`, result: row.value ?? "" };
    case "same":
      return {
        formula: `IF(COUNT(${range})=0,"",IF(MAX(${range})=MIN(${range}),MAX(${range}),"khác nhau"))`,
        result: row.value ?? (row.conflict ? "khác nhau" : ""),
      };
    case "pooled": {
      if (!row.spec.ratio) return null;
      const n = total(row.spec.ratio.numerator);
      const d = total(row.spec.ratio.denominator);
      return { formula: `IF(OR(NOT(ISNUMBER(${n})),NOT(ISNUMBER(${d}))),"",IF(${d}=0,"",${n}/${d}*100))`, result: row.value ?? "" };
    }
    case "answers": {
      const parts = (row.spec.options ?? []).map((o) => `"${o.label.replace(/"/g, '""')}: "&COUNTIF(${range},${o.value})`);
      return parts.length ? { formula: parts.join('&"; "&'), result: answersText(row) } : null;
    }
    default:
      return null;
  }
}

function countCell(row: ConsolidatedRow, layout: DetailLayout): XValue {
  const r = layout.rowOf.get(rowKey(row.spec))!;
  const range = (rr: number) => `${columnLetters(DETAIL_FIRST_UNIT_COL)}${rr}:${columnLetters(layout.lastUnitCol)}${rr}`;
  if (row.spec.kind === "heading") return null;
  if (row.method === "pooled" && row.spec.ratio) {
    const nr = layout.rowOf.get(row.spec.ratio.numerator)!;
    const dr = layout.rowOf.get(row.spec.ratio.denominator)!;
    return { formula: `SUMPRODUCT(ISNUMBER(${range(nr)})*ISNUMBER(${range(dr)}))`, result: row.reporting };
  }
  return { formula: `COUNT(${range(r)})`, result: row.reporting };
}

/** Per form, each unit's sheet holding it (its first, as a search of its forms finds), in one pass over the units. */
function sheetsOfForms(units: UnitEntry[]): Map<number, (string | undefined)[]> {
  const byForm = new Map<number, (string | undefined)[]>();
  units.forEach((u, i) => {
    const forms = u.input.data?.forms ?? [];
    for (let j = 0; j < forms.length; j++) {
      const f = forms[j];
      let sheets = byForm.get(f.form);
      if (!sheets) byForm.set(f.form, (sheets = new Array<string | undefined>(units.length)));
      if (sheets[i] === undefined) sheets[i] = f.sheet;
    }
  });
  return byForm;
}

/**
 * The unit columns of the detail sheets' head rows (name, file, status), the same on every form's
 * sheet: made once, each text's shared string looked up once, the rows' bytes written once and
 * copied into the other sheets (3,321 units × 7 forms).
 */
interface DetailHeads {
  names: XRun;
  files: XRun;
  statuses: XRun;
}

function detailHeads(writer: XlsxWriter, units: UnitEntry[], style: { head: number; meta: number; warn: number }): DetailHeads {
  const statusText = new Map<UnitEntry["status"], XText>();
  const col = DETAIL_FIRST_UNIT_COL;
  return {
    names: { col, values: units.map((u) => writer.text(u.unit)), style: style.head, same: true },
    files: { col, values: units.map((u) => writer.text(u.file)), style: style.meta, same: true },
    statuses: {
      col,
      same: true,
      values: units.map((u) => statusText.get(u.status) ?? statusText.set(u.status, writer.text(STATUS_LABEL[u.status])).get(u.status)!),
      style: units.map((u) => (u.status === "ok" ? style.meta : style.warn)),
    },
  };
}

/** A unit's cell in a detail sheet's row 3 when its file has no sheet of that form. */
const NO_FORM = "(không có biểu này)";
/** The width of every unit column of a detail sheet (one object for the 3,321 columns × 7 sheets). */
const UNIT_COLUMN = { width: 14 };

/**
 * Row 3 of a detail sheet (each unit's sheet holding the form) as a run marked `same`: a form whose
 * units' sheets are those of an earlier form (all forms on one sheet: the usual file) takes that
 * form's run, so its bytes are copied, not written again cell by cell.
 */
function sheetRun(sheetOf: (string | undefined)[], n: number, style: number, shared: { sheetRuns: XRun[] }): XRun {
  const values = new Array<string>(n);
  for (let i = 0; i < n; i++) values[i] = sheetOf[i] ?? NO_FORM;
  const same = shared.sheetRuns.find((run) => {
    for (let i = 0; i < n; i++) if (run.values[i] !== values[i]) return false;
    return run.style === style;
  });
  if (same) return same;
  const run: XRun = { col: DETAIL_FIRST_UNIT_COL, values, style, same: true };
  shared.sheetRuns.push(run);
  return run;
}

function writeDetailSheet(
  writer: XlsxWriter,
  styles: Styles,
  c: Consolidation,
  form: FormSpec,
  rows: ConsolidatedRow[],
  sheetOf: (string | undefined)[],
  shared: { heads?: DetailHeads; sheetRuns: XRun[] },
): DetailLayout {
  const units = c.included;
  const layout = detailLayout(form, units.length);
  const sheet = writer.addSheet(detailSheetName(form.number), {
    columns: [{ width: 8 }, { width: 50 }, { width: 12 }, ...units.map(() => UNIT_COLUMN), { width: 16 }, { width: 12 }],
    freeze: { rows: DETAIL_FIRST_ROW - 1, cols: DETAIL_FIRST_UNIT_COL - 1 },
    print: { landscape: true },
    conditionalFormatting: detailConditionalFormats(
      rows,
      layout.rowOf,
      columnLetters(DETAIL_FIRST_UNIT_COL),
      columnLetters(layout.lastUnitCol),
    ),
  });
  const head = styles.get({ bold: true, hAlign: "center", vAlign: "middle", wrap: true, border: true, fill: "DDEBF7" });
  const meta = styles.get({ size: 10, italic: true, hAlign: "center", wrap: true, border: true });
  const warn = styles.get({ size: 10, italic: true, hAlign: "center", wrap: true, border: true, color: "C00000" });
  const text = styles.get({ wrap: true, border: true });
  const center = styles.get({ hAlign: "center", border: true });
  // Made at the first detail sheet, where its texts always entered the shared-string table.
  const heads = (shared.heads ??= detailHeads(writer, units, { head, meta, warn }));

  sheet.row(
    1,
    [
      { col: 1, value: "STT", style: head },
      { col: 2, value: `Chỉ tiêu — Biểu mẫu ${form.number}: ${form.title}`, style: head },
      { col: 3, value: HEADER_TEXT.unit, style: head },
      heads.names,
      { col: layout.totalCol, value: "Tổng hợp", style: head },
      { col: layout.countCol, value: "Số đơn vị báo cáo", style: head },
    ],
    { height: 48 },
  );
  sheet.row(2, [{ col: 2, value: "Tệp nguồn", style: text }, heads.files], { height: 30 });
  sheet.row(3, [{ col: 2, value: "Trang của biểu trong tệp", style: text }, sheetRun(sheetOf, units.length, meta, shared)], { height: 30 });
  sheet.row(4, [{ col: 2, value: "Tình trạng", style: text }, heads.statuses], { height: 30 });

  writeDetailRows(sheet, styles, rows, layout, units.length, { text, center });
  sheet.end();
  return layout;
}

/**
 * The detail sheet's indicator rows. One array of cells is filled anew for each row, the unit
 * columns as one run over the row's values: 3,321 units × the rows would otherwise be hundreds of
 * thousands of short-lived objects.
 */
function writeDetailRows(
  sheet: XSheetWriter,
  styles: Styles,
  rows: ConsolidatedRow[],
  layout: DetailLayout,
  units: number,
  style: { text: number; center: number },
): void {
  const { text, center } = style;
  const totalStyle = (spec: RowSpec) =>
    styles.get({ bold: true, border: true, fill: "FFF2CC", hAlign: "right", ...(numFmtOf(spec) ? { numFmt: numFmtOf(spec)! } : {}) });
  const code: XCell = { col: 1, value: null };
  const label: XCell = { col: 2, value: null };
  const unit: XCell = { col: 3, value: null };
  const values: { col: number; values: (number | null)[]; style: number } = { col: DETAIL_FIRST_UNIT_COL, values: [], style: 0 };
  const total: XCell = { col: layout.totalCol, value: null };
  const count: XCell = { col: layout.countCol, value: null };
  const heading: XCell[] = [code, label, unit, total, count];
  const cells: (XCell | XRun)[] = [code, label, unit, values, total, count];
  for (const row of rows) {
    const spec = row.spec;
    const isHeading = spec.kind === "heading";
    // Styles are asked for in the order they always were (a heading's value style too): their numbers stay.
    const valueStyle = styles.get({ border: true, hAlign: "right", ...(numFmtOf(spec) ? { numFmt: numFmtOf(spec)! } : {}) });
    code.value = row.code;
    code.style = center;
    label.value = row.label;
    label.style = isHeading ? styles.get({ bold: true, wrap: true, border: true }) : text;
    unit.value = spec.unit;
    unit.style = center;
    // perUnit holds one value per included unit (consolidateForm): the unit columns, in order.
    values.values = units > 0 ? row.perUnit : [];
    values.style = valueStyle;
    total.value = totalCell(row, layout, units);
    total.style = totalStyle(spec);
    count.value = countCell(row, layout);
    count.style = center;
    sheet.row(layout.rowOf.get(rowKey(spec))!, isHeading ? heading : cells, {
      height: Math.max(1, Math.ceil(row.label.length / 55)) * 15 + 4,
    });
  }
}

function notesFor(row: ConsolidatedRow, form: number): string {
  const notes: string[] = [];
  const no = answeredNo(row);
  if (row.method === "answers" && no.length) {
    const label = row.answers?.find((a) => a.value === 0)?.label ?? "Không";
    // A list that would wrap past a few lines on paper becomes a pointer to the detail sheet (its
    // length counted, not joined: 1,660 names of 3,321 answered "no" on six rows of the bench, twice each).
    notes.push(
      joinedLength(no, NOTE_LIST_CHARS) <= NOTE_LIST_CHARS
        ? `${label}: ${no.join(", ")}`
        : `${label}: ${no.length} đơn vị (danh sách ở trang ${detailSheetName(form)})`,
    );
  }
  if (row.conflict) notes.push(`Khác nhau: ${row.conflict.map((x) => `${x.value} (${x.units.length} đơn vị)`).join("; ")}`);
  if (row.method === "manual" && row.reporting > 0) notes.push(`Cần cán bộ xác định — số của từng đơn vị ở trang ${detailSheetName(form)}`);
  else if (row.attention && !row.conflict) notes.push(row.attention);
  return notes.join(". ");
}

/** Unit names in a Ghi chú cell beyond this length are replaced by a pointer (the cell must print unclipped). */
const NOTE_LIST_CHARS = 60;

/** `names.join(", ").length`, or some length over `limit` once it is passed. */
export function joinedLength(names: string[], limit: number): number {
  let length = names.length > 0 ? 2 * (names.length - 1) : 0;
  for (let i = 0; i < names.length && length <= limit; i++) length += names[i].length;
  return length;
}

/** Lines a text takes in a wrapped cell of `width` characters (Excel width units; `size` in points). */
function wrappedLines(text: string, width: number, size = 12): number {
  const perLine = Math.max(4, Math.floor((width * 11) / size) - 1);
  return text.split("\n").reduce((n, part) => n + Math.max(1, Math.ceil(part.length / perLine)), 0);
}

/** Row height (points) for the tallest wrapped text of a row. */
function rowHeightFor(texts: { text: string; width: number; size?: number }[], min = 0): number {
  const h = Math.max(min, ...texts.map((t) => wrappedLines(t.text, t.width, t.size) * ((t.size ?? 12) * 1.3) + 4));
  return Math.min(409, Math.ceil(h));
}

/** The period every included unit reported, when they agree ("Quý I năm 2025"). */
export function commonPeriod(c: Consolidation): string | undefined {
  const periods = new Set(c.included.map((u) => u.input.data?.period?.normalize("NFC").replace(/\s+/g, " ").trim() ?? ""));
  if (periods.size !== 1) return undefined;
  const only = [...periods][0];
  return only || undefined;
}

const EXTRA_WIDTHS = [11, 22, 16];

function writeConsolidatedSheet(
  writer: XlsxWriter,
  styles: Styles,
  c: Consolidation,
  form: FormSpec,
  rows: ConsolidatedRow[],
  layout: DetailLayout,
  options: ConsolidationWorkbookOptions,
): void {
  const unitLine = options.unit ? `${options.unit} (tổng hợp ${c.included.length} đơn vị)` : `Tổng hợp ${c.included.length} đơn vị`;
  const plan = planFormSheet(c.template, form, { unit: unitLine, period: options.period });
  const detail = quoteSheetName(detailSheetName(form.number));
  const byCode = new Map(rows.map((r) => [rowKey(r.spec), r]));
  const first = plan.headerRows[0];
  const extraHead = styles.get({ ...PLAN_STYLES.header, fill: "DDEBF7" });
  const extraText = styles.get({ size: 10, wrap: true, border: true, vAlign: "middle" });
  const extraNum = styles.get({ size: 10, border: true, hAlign: "center", vAlign: "middle" });
  const meanStyle = styles.get({ size: 10, border: true, hAlign: "right", italic: true, numFmt: "0.00" });
  const answersStyle = styles.get({ ...PLAN_STYLES.input, hAlign: "left", wrap: true, size: 11 });
  fitRowHeights(plan, byCode);
  // On A4 landscape, fitted to the width: the template's columns and the reference columns on one page.
  const sheet = writer.addSheet(`Biểu mẫu ${form.number}`, {
    columns: [
      ...plan.columnWidths.map((w, i) => ({ width: w, hidden: plan.hiddenColumns.includes(i + 1) })),
      ...EXTRA_WIDTHS.map((width) => ({ width })),
    ],
    freeze: { rows: plan.headerRows[1] },
    print: { titleRows: plan.headerRows, fitToWidth: true, landscape: true },
  });
  const G = COL.marker + 1;
  writePlan(
    sheet,
    plan,
    styles,
    (spec) => {
      const row = byCode.get(rowKey(spec))!;
      const ref = `${detail}!${columnLetters(layout.totalCol)}${layout.rowOf.get(rowKey(spec))}`;
      if (row.method === "manual" || row.method === "none") return null;
      const result = row.method === "answers" ? answersText(row) : (row.value ?? (row.conflict ? "khác nhau" : ""));
      return { formula: `IF(${ref}="","",${ref})`, result };
    },
    (spec, r) => {
      if (r === first) {
        return [
          { col: G, value: "Số đơn vị báo cáo", style: extraHead },
          { col: G + 1, value: "Cách tổng hợp", style: extraHead },
          { col: G + 2, value: "TB cộng tỷ lệ các đơn vị (chỉ tham khảo)", style: extraHead },
        ];
      }
      if (!spec || spec.kind === "heading") return [];
      const row = byCode.get(rowKey(spec))!;
      const note = notesFor(row, form.number);
      const cells: { col: number; value: XValue; style?: number }[] = [];
      if (row.method === "answers") {
        // The coded answers' counts are text: wrapped and left-aligned so nothing is cut on paper.
        const ref = `${detail}!${columnLetters(layout.totalCol)}${layout.rowOf.get(rowKey(spec))}`;
        cells.push({ col: COL.value, value: { formula: `IF(${ref}="","",${ref})`, result: answersText(row) }, style: answersStyle });
      }
      if (note) cells.push({ col: COL.note, value: note });
      cells.push({
        col: G,
        value: { formula: `${detail}!${columnLetters(layout.countCol)}${layout.rowOf.get(rowKey(spec))}`, result: row.reporting },
        style: extraNum,
      });
      cells.push({ col: G + 1, value: METHOD_LABEL[row.method], style: extraText });
      if (row.method === "pooled") {
        const rr = layout.rowOf.get(rowKey(spec))!;
        const range = `${detail}!${columnLetters(DETAIL_FIRST_UNIT_COL)}${rr}:${columnLetters(layout.lastUnitCol)}${rr}`;
        cells.push({
          col: G + 2,
          value: { formula: `IF(COUNT(${range})=0,"",AVERAGE(${range}))`, result: row.naiveMean ?? "" },
          style: meanStyle,
        });
      }
      return cells;
    },
  );
  sheet.end();
}

/** Each row as tall as its wrapped label, note, coded-answer counts and method; the header row tall enough for the extra titles. */
function fitRowHeights(plan: ReturnType<typeof planFormSheet>, byCode: Map<string, ConsolidatedRow>): void {
  const widths = plan.columnWidths;
  const header = plan.headerRows[0];
  plan.rowHeights.set(
    header,
    Math.max(
      plan.rowHeights.get(header) ?? 0,
      rowHeightFor([{ text: "TB cộng tỷ lệ các đơn vị (chỉ tham khảo)", width: EXTRA_WIDTHS[2] }]),
    ),
  );
  for (const spec of plan.form.rows) {
    const row = byCode.get(rowKey(spec));
    const r = plan.rowOf.get(rowKey(spec));
    if (!row || r === undefined || spec.kind === "heading") continue;
    const texts = [
      { text: row.label, width: widths[COL.label - 1] },
      { text: notesFor(row, plan.form.number), width: widths[COL.note - 1] },
      { text: METHOD_LABEL[row.method], width: EXTRA_WIDTHS[1], size: 10 },
    ];
    if (row.method === "answers") texts.push({ text: answersText(row), width: widths[COL.value - 1], size: 11 });
    plan.rowHeights.set(r, rowHeightFor(texts, plan.rowHeights.get(r) ?? 0));
  }
}

function writeSourcesSheet(writer: XlsxWriter, styles: Styles, c: Consolidation): void {
  const sheet = writer.addSheet("Nguồn", {
    columns: [{ width: 6 }, { width: 40 }, { width: 14 }, { width: 68 }, { width: 22 }, { width: 16 }, { width: 30 }],
    freeze: { rows: 1 },
    print: { landscape: true, fitToWidth: true },
  });
  const head = styles.get({ bold: true, border: true, fill: "DDEBF7", hAlign: "center", wrap: true });
  const cell = styles.get({ border: true });
  const mono = styles.get({ border: true, font: "Consolas", size: 9 });
  const bytes = styles.get({ border: true, numFmt: "#,##0" });
  sheet.row(
    1,
    ["STT", "Tệp", "Kích thước (byte)", "SHA-256", "Sửa lần cuối", "Mẫu", "Đơn vị"].map((h, i) => ({ col: i + 1, value: h, style: head })),
  );
  // One array of cells for every file's row (the writer keeps none): 3,321 × 7 objects otherwise.
  const cells: XCell[] = [
    { col: 1, value: null, style: cell },
    { col: 2, value: null, style: cell },
    { col: 3, value: null, style: bytes },
    { col: 4, value: null, style: mono },
    { col: 5, value: null, style: cell },
    { col: 6, value: null, style: cell },
    { col: 7, value: null, style: cell },
  ];
  c.units.forEach((u, i) => {
    const input = u.input;
    cells[0].value = i + 1;
    cells[1].value = u.file;
    cells[2].value = input.size ?? null;
    cells[3].value = input.sha256 ?? "";
    cells[4].value = input.modified ?? "";
    cells[5].value = input.data?.templateId ?? "";
    cells[6].value = u.status === "unreadable" ? "" : u.unit;
    sheet.row(i + 2, cells);
  });
  sheet.end();
}

/** The province's own forms, filled from the rows the catalog maps; the rest left for the officer. */
function writeIntoForms(writer: XlsxWriter, styles: Styles, c: Consolidation, into: TemplateSpec, period?: string): void {
  const mapping = (c.template.mappings ?? []).find((m) => m.into === into.id);
  const sources = new Map<string, { formula: string; result: number | string; from: string; note?: string }>();
  for (const m of mapping?.rows ?? []) {
    const [formNo, code] = [Number(m.from.split("/")[0]), m.from.slice(m.from.indexOf("/") + 1)];
    const form = c.forms.find((f) => f.form.number === formNo);
    const row = form?.rows.find((r) => r.code === code);
    if (!form || !row) continue;
    const plan = planFormSheet(c.template, form.form);
    const ref = `${quoteSheetName(`Biểu mẫu ${formNo}`)}!${plan.valueCellOf.get(row.spec.id)}`;
    sources.set(m.to, { formula: `IF(${ref}="","",${ref})`, result: row.value ?? "", from: m.from, note: m.note });
  }
  const officer = styles.get({ ...PLAN_STYLES.note, color: "C00000", italic: true });
  for (const form of into.forms) {
    const plan = planFormSheet(
      into,
      form,
      { unit: `Tổng hợp từ ${c.included.length} đơn vị (mẫu ${c.template.id})`, period },
      `Tỉnh - Biểu mẫu ${form.number}`,
    );
    // Rows as tall as their wrapped label and note (nothing cut on paper).
    for (const spec of form.rows) {
      const r = plan.rowOf.get(rowKey(spec));
      if (r === undefined || spec.kind === "heading") continue;
      const source = sources.get(`${form.number}/${spec.code}`);
      const note =
        spec.ratio || spec.sum
          ? ""
          : source
            ? `Từ dòng ${source.from} của các đơn vị (${c.template.id})`
            : "Cán bộ điền (không lấy từ báo cáo đơn vị)";
      plan.rowHeights.set(
        r,
        rowHeightFor(
          [
            { text: spec.label, width: plan.columnWidths[COL.label - 1] },
            { text: note, width: plan.columnWidths[COL.note - 1] },
          ],
          plan.rowHeights.get(r) ?? 0,
        ),
      );
    }
    const sheet = writer.addSheet(plan.sheetName, {
      columns: plan.columnWidths.map((w, i) => ({ width: w, hidden: plan.hiddenColumns.includes(i + 1) })),
      freeze: { rows: plan.headerRows[1] },
      print: { titleRows: plan.headerRows, fitToWidth: true },
    });
    writePlan(
      sheet,
      plan,
      styles,
      (spec) => {
        const source = sources.get(`${form.number}/${spec.code}`);
        if (source) return { formula: source.formula, result: source.result };
        return spec.ratio || spec.sum ? undefined : null;
      },
      (spec) => {
        if (!spec || spec.kind === "heading" || spec.ratio || spec.sum) return [];
        const source = sources.get(`${form.number}/${spec.code}`);
        return [
          {
            col: COL.note,
            value: source ? `Từ dòng ${source.from} của các đơn vị (${c.template.id})` : "Cán bộ điền (không lấy từ báo cáo đơn vị)",
            style: source ? undefined : officer,
          },
        ];
      },
    );
    sheet.end();
  }
}

export function writeConsolidationWorkbook(c: Consolidation, options: ConsolidationWorkbookOptions = {}): Uint8Array {
  return consolidationWriter(c, options, false).finish();
}

/**
 * writeConsolidationWorkbook's bytes, the big sheets compressed on other threads while the next
 * ones are written (Node; elsewhere as writeConsolidationWorkbook).
 */
export function writeConsolidationWorkbookAsync(c: Consolidation, options: ConsolidationWorkbookOptions = {}): Promise<Uint8Array> {
  return consolidationWriter(c, options, true).finishAsync();
}

function consolidationWriter(c: Consolidation, options: ConsolidationWorkbookOptions, background: boolean): XlsxWriter {
  const writer = new XlsxWriter({
    creator: "Biểu mẫu CCHC",
    title: `Tổng hợp ${c.template.name}`,
    origin: { name: ORIGIN_NAME, value: ORIGIN_CONSOLIDATION },
    background,
  });
  const styles = new Styles(writer);
  const layouts = new Map<number, DetailLayout>();
  // Detail sheets are written after the summary sheets in the tab order but laid out first.
  for (const f of c.forms) layouts.set(f.form.number, detailLayout(f.form, c.included.length));
  const header = { ...options, period: options.period ?? c.period ?? commonPeriod(c) };
  for (const f of c.forms) writeConsolidatedSheet(writer, styles, c, f.form, f.rows, layouts.get(f.form.number)!, header);
  writeRankingSheet(writer, styles, c);
  // Each form's units' sheets as consolidate found them with the columns; else (a Consolidation made elsewhere) looked up here.
  const sheets = c.forms.every((f) => f.sheets) ? undefined : sheetsOfForms(c.included);
  const shared: { heads?: DetailHeads; sheetRuns: XRun[] } = { sheetRuns: [] };
  for (const f of c.forms) writeDetailSheet(writer, styles, c, f.form, f.rows, f.sheets ?? sheets?.get(f.form.number) ?? [], shared);
  if (options.into) writeIntoForms(writer, styles, c, options.into, header.period);
  writeCheckSheet(writer, styles, c);
  writeSourcesSheet(writer, styles, c);
  return writer;
}
