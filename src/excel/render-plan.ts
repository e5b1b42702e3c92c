/**
 * Form sheet plans → batched Office.js range operations.
 *
 * Everything is queued first and sent in as few `context.sync()` calls as the
 * payload allows:
 * - one `numberFormat` and one `formulas` 2-D array per sheet (the whole form
 *   block A1:F{last row}); text cells get number format "@" *before* their
 *   text is written, so nothing an officer or a unit typed (a unit name
 *   starting with "=", a code "2.1" that Excel would read as a number, "1/2"
 *   read as a date…) is ever reinterpreted;
 * - formats go to rectangles of cells sharing one style (see `rectangles`),
 *   with the font name set once for the whole block;
 * - range proxies are created right before the sync that sends them and are
 *   never loaded or tracked.
 *
 * Payload: Excel on the web refuses a request above 5 MB. `WriteBatch`
 * estimates each queued operation as the UTF-8 size of its JSON values plus
 * ~150 bytes per action it sends, and starts a new sync before the total passes
 * `PAYLOAD_LIMIT` (4 MB, leaving room for the request envelope); 2-D arrays
 * are split into row bands of at most a quarter of the limit. The seven forms
 * of a template are ~3,000 actions, about 350 KB, so they go in one sync.
 */
import { COL, type CellStyle, type FormSheetPlan, type PlannedValidation, type ValidationRule } from "../core/form-layout";
import { columnLetters, formatA1 } from "../core/a1";

export const PAYLOAD_LIMIT = 4_000_000;
/** Estimated request bytes of one action besides its value: the action's JSON and its share of object paths. */
const ACTION_BYTES = 150;
export const FONT = "Times New Roman";

export type Cells = (string | number | boolean)[][];

// ---------------------------------------------------------------------------
// Payload estimate and batching
// ---------------------------------------------------------------------------

/** UTF-8 size of `value` as JSON: what it adds to a request body. */
export function jsonBytes(value: unknown): number {
  const s = JSON.stringify(value) ?? "";
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) n += c >= 0x800 && (c < 0xd800 || c > 0xdfff) ? 2 : 1; // 3-byte BMP, or 2-byte / half a surrogate pair (4 bytes)
  }
  return n;
}

/**
 * Operations queued in order and sent in chunks: a chunk is closed before the
 * next operation would take it past the limit. Each operation is a closure
 * creating its own proxies, so nothing is built before the chunk that sends it.
 */
export class WriteBatch {
  private chunks: { ops: (() => void)[]; bytes: number }[] = [{ ops: [], bytes: 0 }];

  constructor(readonly limit = PAYLOAD_LIMIT) {}

  /** Queues `op`, which sends `actions` actions carrying `valueBytes` of values. */
  add(valueBytes: number, op: () => void, actions = 1): void {
    const bytes = valueBytes + actions * ACTION_BYTES;
    let chunk = this.chunks[this.chunks.length - 1];
    if (chunk.ops.length > 0 && chunk.bytes + bytes > this.limit) {
      chunk = { ops: [], bytes: 0 };
      this.chunks.push(chunk);
    }
    chunk.ops.push(op);
    chunk.bytes += bytes;
  }

  get isEmpty(): boolean {
    return this.chunks.every((c) => c.ops.length === 0);
  }

  /**
   * Runs every chunk followed by one sync; returns the syncs made.
   *
   * Calculation (`calc`, ExcelApi 1.6): a batch of several chunks suspends
   * calculation in all but the last chunk, which is sent with calculation on
   * and ends with `recalc`, because "once set, it is the developer's
   * responsibility to re-calc the workbook" (Application.
   * suspendApiCalculationUntilNextSync). A single chunk is sent with
   * calculation on: Excel recalculates the dependents itself, so a check
   * right after a write reads current results without an extra sync.
   */
  async run(context: { sync(): Promise<unknown> }, calc?: { suspend(): void; recalc(): void }): Promise<number> {
    const chunks = this.chunks.filter((c) => c.ops.length > 0);
    this.chunks = [{ ops: [], bytes: 0 }];
    let syncs = 0;
    for (const [i, chunk] of chunks.entries()) {
      const last = i === chunks.length - 1;
      if (calc && !last) calc.suspend();
      for (const op of chunk.ops) op();
      if (calc && last && chunks.length > 1) calc.recalc();
      await context.sync();
      syncs++;
    }
    return syncs;
  }
}

/** "B3" / "B3:F40" for 1-based positions. */
export function a1(row: number, col: number): string {
  return formatA1(row, col);
}
export function a1Range(top: number, left: number, bottom: number, right: number): string {
  return top === bottom && left === right ? a1(top, left) : `${a1(top, left)}:${a1(bottom, right)}`;
}

/**
 * Queues a 2-D block (number formats first, then formulas or values) at
 * (top, left), in row bands small enough for one request each.
 */
export function queueBlock(
  batch: WriteBatch,
  sheet: () => Excel.Worksheet,
  top: number,
  left: number,
  block: { numberFormat?: string[][]; formulas?: Cells; values?: Cells },
): void {
  const rows = (block.formulas ?? block.values ?? block.numberFormat ?? []).length;
  if (rows === 0) return;
  const width = (block.formulas ?? block.values ?? block.numberFormat ?? [[]])[0].length;
  const rowBytes = (r: number) =>
    (block.numberFormat ? jsonBytes(block.numberFormat[r]) : 0) + jsonBytes((block.formulas ?? block.values)?.[r] ?? []);
  const bandLimit = Math.max(1, Math.floor(batch.limit / 4));
  let start = 0;
  while (start < rows) {
    let end = start;
    let bytes = rowBytes(start);
    while (end + 1 < rows && bytes + rowBytes(end + 1) <= bandLimit) bytes += rowBytes(++end);
    const address = a1Range(top + start, left, top + end, left + width - 1);
    const nf = block.numberFormat?.slice(start, end + 1);
    const formulas = block.formulas?.slice(start, end + 1);
    const values = block.values?.slice(start, end + 1);
    if (nf) batch.add(jsonBytes(nf), () => (sheet().getRange(address).numberFormat = nf));
    if (formulas) batch.add(jsonBytes(formulas), () => (sheet().getRange(address).formulas = formulas));
    if (values) batch.add(jsonBytes(values), () => (sheet().getRange(address).values = values));
    start = end + 1;
  }
}

// ---------------------------------------------------------------------------
// Grouping cells into rectangles
// ---------------------------------------------------------------------------

export interface Rect<K> {
  key: K;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * Covers cells with rectangles of equal key: from the top-left-most free
 * cell, grow right while the key matches, then down while the whole row
 * segment matches. A form sheet's 250 styled cells become ~25 rectangles.
 */
export function rectangles<K>(cells: { row: number; col: number; key: K }[], keyOf: (k: K) => string = String): Rect<K>[] {
  const at = new Map<string, { key: K; id: string }>();
  const pos = (r: number, c: number) => `${r},${c}`;
  for (const c of cells) at.set(pos(c.row, c.col), { key: c.key, id: keyOf(c.key) });
  const sorted = [...cells].sort((a, b) => a.row - b.row || a.col - b.col);
  const used = new Set<string>();
  const free = (r: number, c: number, id: string) => !used.has(pos(r, c)) && at.get(pos(r, c))?.id === id;
  const out: Rect<K>[] = [];
  for (const cell of sorted) {
    if (used.has(pos(cell.row, cell.col))) continue;
    const id = keyOf(cell.key);
    let right = cell.col;
    while (free(cell.row, right + 1, id)) right++;
    let bottom = cell.row;
    for (;;) {
      let ok = true;
      for (let c = cell.col; c <= right && ok; c++) ok = free(bottom + 1, c, id);
      if (!ok) break;
      bottom++;
    }
    for (let r = cell.row; r <= bottom; r++) for (let c = cell.col; c <= right; c++) used.add(pos(r, c));
    out.push({ key: cell.key, top: cell.row, left: cell.col, bottom, right });
  }
  return out;
}

// ---------------------------------------------------------------------------
// Styles (the same look as src/xlsx/write-template.ts)
// ---------------------------------------------------------------------------

interface OfficeStyle {
  size: number;
  bold?: true;
  italic?: true;
  color?: string;
  h?: "Left" | "Center" | "Right";
  v?: "Center";
  wrap?: true;
  box?: true;
  fill?: string;
}

export const OFFICE_STYLES: Record<CellStyle, OfficeStyle> = {
  unitLine: { size: 13, bold: true, h: "Left", v: "Center" },
  periodLine: { size: 13, h: "Left", v: "Center" },
  formTitle: { size: 14, bold: true, h: "Center", v: "Center" },
  formSubtitle: { size: 13, bold: true, h: "Center", v: "Center", wrap: true },
  header: { size: 12, bold: true, h: "Center", v: "Center", wrap: true, box: true },
  code: { size: 12, h: "Center", v: "Center", box: true },
  label: { size: 12, h: "Left", v: "Center", wrap: true, box: true },
  headingLabel: { size: 12, bold: true, h: "Left", v: "Center", wrap: true, box: true },
  unit: { size: 12, h: "Center", v: "Center", wrap: true, box: true },
  input: { size: 12, h: "Right", v: "Center", box: true },
  computed: { size: 12, italic: true, h: "Right", v: "Center", box: true, fill: "#F2F2F2" },
  headingValue: { size: 12, h: "Right", v: "Center", box: true },
  note: { size: 12, h: "Left", v: "Center", wrap: true, box: true },
  marker: { size: 8, color: "#808080", h: "Left" },
};

type BorderSide = "EdgeTop" | "EdgeBottom" | "EdgeLeft" | "EdgeRight" | "InsideVertical" | "InsideHorizontal";

/** Actions `applyStyle` sends (for the payload estimate). */
function styleActions(s: OfficeStyle): number {
  return 1 + [s.bold, s.italic, s.color, s.h, s.v, s.wrap, s.fill].filter(Boolean).length + (s.box ? 18 : 0);
}

function applyStyle(range: Excel.Range, s: OfficeStyle, rows: number, cols: number): void {
  const f = range.format;
  f.font.size = s.size;
  if (s.bold) f.font.bold = true;
  if (s.italic) f.font.italic = true;
  if (s.color) f.font.color = s.color;
  if (s.h) f.horizontalAlignment = s.h;
  if (s.v) f.verticalAlignment = s.v;
  if (s.wrap) f.wrapText = true;
  if (s.fill) f.fill.color = s.fill;
  if (s.box) {
    const sides: BorderSide[] = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"];
    // Inside borders of a single row / column do not exist: only ask for those that do.
    if (cols > 1) sides.push("InsideVertical");
    if (rows > 1) sides.push("InsideHorizontal");
    for (const side of sides) {
      const b = f.borders.getItem(side);
      b.style = "Continuous";
      b.weight = "Thin";
      b.color = "#000000";
    }
  }
}

// ---------------------------------------------------------------------------
// Plan → operations
// ---------------------------------------------------------------------------

/**
 * Column width: the plan (like exceljs and the file format) counts characters
 * of the default font's maximum digit width, 7 px for Calibri 11, padding
 * included: px = trunc((256·w + trunc(128/7)) / 256 · 7), as Excel converts
 * the stored width. Office.js wants points: pt = px · 72/96.
 * 8 → 56 px → 42 pt; 62 → 434 px → 325.5 pt.
 */
export function columnWidthPoints(chars: number): number {
  const px = Math.trunc(((256 * chars + Math.trunc(128 / 7)) / 256) * 7);
  return px * 0.75;
}

/** Default height (points) of form rows the plan leaves alone, as the .xlsx template's defaultRowHeight. */
const DEFAULT_ROW_HEIGHT = 18;

/**
 * Excel's limits on data validation texts; a longer one makes the whole batch
 * fail. Titles 32 characters, the input prompt 255, the error message 225
 * ([MS-XLS] 2.5.37 DValStrings: strError "MUST be less than or equal to 225
 * characters"), a typed list source 255 (Excel's formula text limit for a
 * validation list).
 */
const TITLE_MAX = 32;
const PROMPT_MAX = 255;
export const ERROR_MESSAGE_MAX = 225;
export const LIST_SOURCE_MAX = 255;
function clip(s: string, max: number): string {
  const t = s.normalize("NFC");
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}

export function validationRule(rule: ValidationRule): Excel.DataValidationRule {
  switch (rule.type) {
    case "whole":
      return { wholeNumber: { formula1: rule.min, operator: "GreaterThanOrEqualTo" } };
    case "decimal":
      return rule.max === undefined
        ? { decimal: { formula1: rule.min, operator: "GreaterThanOrEqualTo" } }
        : { decimal: { formula1: rule.min, formula2: rule.max, operator: "Between" } };
    case "list":
      return { list: { inCellDropDown: true, source: rule.values.join(",") } };
  }
}

/** The cell contents of a plan as two 2-D arrays covering A1:{last col}{last row}. */
export function planBlock(plan: FormSheetPlan): { rows: number; cols: number; numberFormat: string[][]; formulas: Cells } {
  let rows = 0;
  let cols = 0;
  for (const c of plan.cells) {
    rows = Math.max(rows, c.row);
    cols = Math.max(cols, c.col);
  }
  const numberFormat = Array.from({ length: rows }, () => Array<string>(cols).fill("General"));
  const formulas: Cells = Array.from({ length: rows }, () => Array<string | number>(cols).fill(""));
  for (const c of plan.cells) {
    const r = c.row - 1;
    const k = c.col - 1;
    if (c.formula !== undefined) {
      formulas[r][k] = `=${c.formula.normalize("NFC")}`;
      numberFormat[r][k] = c.numFmt ?? "General";
    } else if (typeof c.value === "string") {
      formulas[r][k] = c.value.normalize("NFC");
      numberFormat[r][k] = "@"; // text stays text: never parsed as a number, date or formula
    } else {
      if (typeof c.value === "number") formulas[r][k] = c.value;
      numberFormat[r][k] = c.numFmt ?? "General";
    }
  }
  return { rows, cols, numberFormat, formulas };
}

export interface RenderSupport {
  /** ExcelApi 1.6: suspendApiCalculationUntilNextSync. */
  suspendCalculation: boolean;
  /** ExcelApi 1.7: freeze panes. */
  freezePanes: boolean;
  /** ExcelApi 1.8: data validation. */
  dataValidation: boolean;
}

/**
 * Queues everything of one plan except the page layout: sheet creation,
 * contents, formats, merges, sizes, frozen rows and data validation.
 * Returns Vietnamese notes on what Excel's limits left out.
 */
export function queuePlan(
  batch: WriteBatch,
  context: Excel.RequestContext,
  plan: FormSheetPlan,
  support: RenderSupport,
  sheets: Map<string, Excel.Worksheet>,
): string[] {
  const name = plan.sheetName.normalize("NFC");
  batch.add(jsonBytes(name), () => void sheets.set(name, context.workbook.worksheets.add(name)));
  const sheet = () => sheets.get(name) as Excel.Worksheet;
  const range = (address: string) => sheet().getRange(address);

  const block = planBlock(plan);
  queueBlock(batch, sheet, 1, 1, { numberFormat: block.numberFormat, formulas: block.formulas });

  const whole = a1Range(1, 1, block.rows, block.cols);
  batch.add(40, () => (range(whole).format.font.name = FONT));
  for (const r of rectangles(plan.cells.map((c) => ({ row: c.row, col: c.col, key: c.style })))) {
    const address = a1Range(r.top, r.left, r.bottom, r.right);
    const style = OFFICE_STYLES[r.key];
    batch.add(100, () => applyStyle(range(address), style, r.bottom - r.top + 1, r.right - r.left + 1), styleActions(style));
  }
  for (const [t, l, b, r] of plan.merges) {
    const address = a1Range(t, l, b, r);
    batch.add(20, () => range(address).merge(false));
  }

  // Column widths, equal neighbours together ("A:A", "B:B", …); hidden marker column.
  const widths = plan.columnWidths.map((w, i) => ({ row: 1, col: i + 1, key: columnWidthPoints(w) }));
  for (const r of rectangles(widths)) {
    const address = `${columnLetters(r.left)}:${columnLetters(r.right)}`;
    batch.add(20, () => (range(address).format.columnWidth = r.key));
  }
  for (const c of plan.hiddenColumns) {
    const address = `${columnLetters(c)}:${columnLetters(c)}`;
    batch.add(20, () => (range(address).columnHidden = true));
  }
  // Row heights in points (the plan's unit), runs of equal height together ("7:9").
  const heights = Array.from({ length: block.rows }, (_, i) => ({
    row: i + 1,
    col: 1,
    key: plan.rowHeights.get(i + 1) ?? DEFAULT_ROW_HEIGHT,
  }));
  for (const r of rectangles(heights)) {
    const address = `${r.top}:${r.bottom}`;
    batch.add(20, () => (range(address).format.rowHeight = r.key));
  }

  if (support.freezePanes) batch.add(20, () => sheet().freezePanes.freezeRows(plan.headerRows[1]));

  return support.dataValidation ? queueValidations(batch, range, plan) : [];
}

/**
 * Data validation of one plan (ExcelApi 1.8), one rule per rectangle of equal
 * rules. A list whose typed source passes Excel's 255 characters is left
 * without a drop-down (Excel would refuse the whole batch); the returned
 * Vietnamese note says so. Findings are unaffected: Kiểm tra checks the values.
 */
export function queueValidations(batch: WriteBatch, range: (address: string) => Excel.Range, plan: FormSheetPlan): string[] {
  const notes: string[] = [];
  const byKey = new Map<string, PlannedValidation>();
  const cells = plan.validations.map((v) => {
    const key = JSON.stringify([v.rule, v.promptTitle, v.prompt, v.errorTitle, v.error]);
    byKey.set(key, v);
    return { row: v.row, col: v.col, key };
  });
  for (const r of rectangles(cells)) {
    const v = byKey.get(r.key) as PlannedValidation;
    const address = a1Range(r.top, r.left, r.bottom, r.right);
    const rule = validationRule(v.rule);
    if (rule.list && typeof rule.list.source === "string" && rule.list.source.length > LIST_SOURCE_MAX) {
      notes.push(
        `Trang “${plan.sheetName.normalize("NFC")}”, ô ${address}: danh sách lựa chọn dài ${rule.list.source.length} ký tự, ` +
          `quá ${LIST_SOURCE_MAX} ký tự Excel cho phép, nên ô này không có danh sách thả xuống; giá trị nhập vẫn được kiểm tra khi bấm Kiểm tra.`,
      );
      continue;
    }
    const prompt = { showPrompt: true, title: clip(v.promptTitle, TITLE_MAX), message: clip(v.prompt, PROMPT_MAX) };
    const errorAlert = {
      showAlert: true,
      style: "Stop" as const,
      title: clip(v.errorTitle, TITLE_MAX),
      message: clip(v.error, ERROR_MESSAGE_MAX),
    };
    batch.add(
      jsonBytes([rule, prompt, errorAlert]),
      () => {
        const dv = range(address).dataValidation;
        dv.ignoreBlanks = true;
        dv.rule = rule;
        dv.prompt = prompt;
        dv.errorAlert = errorAlert;
      },
      4,
    );
  }
  return notes;
}

/** "&" is a code in header/footer text. */
function footerText(s: string): string {
  return s.replace(/&/g, "&&");
}

/** Page setup of one form sheet (ExcelApi 1.9): A4 portrait, one page wide, repeated header rows, centred, footer. */
export function queuePageLayout(batch: WriteBatch, sheet: () => Excel.Worksheet, plan: FormSheetPlan): void {
  batch.add(
    300,
    () => {
      const p = sheet().pageLayout;
      p.paperSize = "A4";
      p.orientation = "Portrait";
      p.centerHorizontally = true;
      p.zoom = { horizontalFitToPages: 1 };
      p.setPrintMargins("Inches", { left: 0.6, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 });
      p.setPrintTitleRows(`$${plan.headerRows[0]}:$${plan.headerRows[1]}`);
      p.headersFooters.defaultForAllPages.centerFooter =
        `&"${FONT}"&10${footerText(plan.sheetName.normalize("NFC"))} – Trang &P/&N`.normalize("NFC");
    },
    8,
  );
}

/** Where officers start typing: the first value cell under the header. */
export function firstInputCell(plan: FormSheetPlan): string {
  return a1(plan.headerRows[1] + 1, COL.value);
}
