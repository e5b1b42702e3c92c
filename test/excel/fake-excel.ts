/**
 * A small fake of the Excel object model, for the parts src/excel uses.
 *
 * It follows Office.js' batching rules, which office-addin-mock does not:
 * - every property set and method call is queued and applied at
 *   `context.sync()`, in order (so "number format before text" is checked);
 * - `load` is queued too: a loaded property can be read only after the sync
 *   that ran the load (PropertyNotLoaded otherwise), with the value the
 *   workbook had at that point of the batch;
 * - ranges are real rectangles over a cell model; writing `values` or
 *   `formulas` behaves like typing: "=…" becomes a formula, "2.1" a number,
 *   unless the cell's number format is "@";
 * - *OrNullObject, ItemNotFound / ItemAlreadyExists errors, an error stopping
 *   the rest of its batch;
 * - every sync is counted and its payload estimated (UTF-8 JSON of every
 *   value set or argument passed + 100 bytes per action, roughly what an
 *   action and its object path add to a real request).
 *
 * Excel's limits and behaviours, as documented (see `useWebLimits` and the
 * fields of FakeExcel):
 * - Excel on the web refuses a request or a response above 5 MB
 *   (RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded);
 * - getMergedAreasOrNullObject fails above 512 merged areas;
 * - a data validation error message is at most 225 characters, a prompt 255,
 *   a typed list source 255;
 * - calculation suspended by suspendApiCalculationUntilNextSync stays stale
 *   until application.calculate (tests give a `calculator`);
 * - text typed with a leading apostrophe stays text, and reads back without
 *   the apostrophe through both `values` and `formulas` (office-js #6687);
 * - insertWorksheetsFromBase64 can fail (`insertFailure`);
 * - the undo stack: with ExcelApi 1.20 every sync that changes the workbook
 *   is one undo step, before 1.20 it clears the stack.
 */
import type { CellRange } from "../../src/core/grid";

const MAX_ROW = 1_048_576;
/** Documented limits (see the header). */
export const MERGED_AREAS_MAX = 512;
export const WEB_PAYLOAD_MAX = 5 * 1024 * 1024;
export const ERROR_MESSAGE_MAX = 225;
export const PROMPT_MAX = 255;
export const LIST_SOURCE_MAX = 255;
const MAX_COL = 16_384;

export interface FakeCell {
  value?: string | number | boolean;
  /** Without "=". */
  formula?: string;
  /** What a formula evaluates to (tests seed it; the fake does not calculate). */
  cached?: string | number | boolean;
  error?: string;
  numberFormat?: string;
  font: { name?: string; size?: number; bold?: boolean; italic?: boolean; color?: string };
  fill?: string;
  h?: string;
  v?: string;
  wrap?: boolean;
  borders: Partial<Record<"top" | "bottom" | "left" | "right", { style?: string; weight?: string; color?: string }>>;
  validation?: {
    rule?: unknown;
    prompt?: { title: string; message: string };
    errorAlert?: { title: string; message: string; style?: string };
    ignoreBlanks?: boolean;
  };
}

export class OfficeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function colNumber(s: string): number {
  return [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}
export function colLetters(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

export function parseAddress(address: string | undefined): CellRange {
  if (address === undefined) return { top: 1, left: 1, bottom: MAX_ROW, right: MAX_COL };
  const a = address.replace(/\$/g, "").toUpperCase();
  let m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(a);
  if (m) {
    const top = Number(m[2]);
    const left = colNumber(m[1]);
    const r = { top, left, bottom: m[4] ? Number(m[4]) : top, right: m[3] ? colNumber(m[3]) : left };
    if (r.bottom < r.top || r.right < r.left) throw new OfficeError("InvalidArgument", `bad address ${address}`);
    return r;
  }
  m = /^([A-Z]+):([A-Z]+)$/.exec(a);
  if (m) return { top: 1, left: colNumber(m[1]), bottom: MAX_ROW, right: colNumber(m[2]) };
  m = /^(\d+):(\d+)$/.exec(a);
  if (m) return { top: Number(m[1]), left: 1, bottom: Number(m[2]), right: MAX_COL };
  throw new OfficeError("InvalidArgument", `The argument is invalid: ${address}`);
}

export function byteSize(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? "", "utf8");
}

export class FakeSheet {
  visibility: "Visible" | "Hidden" | "VeryHidden" = "Visible";
  readonly cells = new Map<string, FakeCell>();
  readonly merges: CellRange[] = [];
  readonly columnWidths = new Map<number, number>();
  readonly hiddenColumns = new Set<number>();
  readonly rowHeights = new Map<number, number>();
  frozenRows = 0;
  readonly pageLayout: Record<string, unknown> = {};
  readonly autofitted: string[] = [];
  selected?: string;

  constructor(public name: string) {}

  peek(row: number, col: number): FakeCell | undefined {
    return this.cells.get(`${row},${col}`);
  }
  cell(row: number, col: number): FakeCell {
    let c = this.peek(row, col);
    if (!c) this.cells.set(`${row},${col}`, (c = { font: {}, borders: {} }));
    return c;
  }
  /** The cell at "D6" (created empty if absent). */
  at(address: string): FakeCell {
    const r = parseAddress(address);
    return this.cell(r.top, r.left);
  }
  /** Seeds a cell directly (bypassing the queue), for read tests. */
  seed(address: string, data: Partial<FakeCell>): void {
    Object.assign(this.at(address), data);
  }
  /** Whether the side of a cell has a border, set on the cell or its neighbour. */
  hasBorder(row: number, col: number, side: "top" | "bottom" | "left" | "right"): boolean {
    const own = this.peek(row, col)?.borders[side]?.style;
    const [r, c, opposite] =
      side === "top"
        ? [row - 1, col, "bottom"]
        : side === "bottom"
          ? [row + 1, col, "top"]
          : side === "left"
            ? [row, col - 1, "right"]
            : [row, col + 1, "left"];
    const other = this.peek(r, c)?.borders[opposite as "top"]?.style;
    return (own !== undefined && own !== "None") || (other !== undefined && other !== "None");
  }
  usedRange(): CellRange | null {
    let box: CellRange | null = null;
    for (const [key, c] of this.cells) {
      if (c.value === undefined && c.formula === undefined && c.error === undefined) continue;
      const [row, col] = key.split(",").map(Number);
      box = box
        ? { top: Math.min(box.top, row), left: Math.min(box.left, col), bottom: Math.max(box.bottom, row), right: Math.max(box.right, col) }
        : { top: row, left: col, bottom: row, right: col };
    }
    return box;
  }
}

type Input = string | number | boolean | null;

/** Writing into a cell as typing does. */
function enter(cell: FakeCell, input: Input): void {
  if (input === null) return; // null entries leave the cell alone
  delete cell.value;
  delete cell.formula;
  delete cell.cached;
  delete cell.error;
  if (typeof input !== "string") {
    cell.value = input;
    return;
  }
  if (input === "") return;
  if (cell.numberFormat === "@") cell.value = input;
  else if (input.startsWith("'"))
    cell.value = input.slice(1); // the apostrophe only marks text
  else if (input.startsWith("=")) cell.formula = input.slice(1);
  else if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(input)) cell.value = Number(input);
  else if (/^[+-]/.test(input))
    cell.formula = input; // Excel turns "-abc" into =-abc
  else if (/^(true|false)$/i.test(input)) cell.value = input.toLowerCase() === "true";
  else cell.value = input;
}

function valueOf(c: FakeCell | undefined): string | number | boolean {
  if (!c) return "";
  if (c.error !== undefined) return c.error;
  if (c.formula !== undefined) return c.cached ?? "";
  return c.value ?? "";
}

function valueType(c: FakeCell | undefined): string {
  if (c?.error !== undefined) return "Error";
  const v = valueOf(c);
  return v === "" ? "Empty" : typeof v === "string" ? "String" : typeof v === "number" ? "Double" : "Boolean";
}

/** Base of every proxy: queued loads, PropertyNotLoaded on early reads. */
class ProxyBase {
  protected snap = new Map<string, unknown>();
  constructor(protected readonly fake: FakeExcel) {}
  protected got<T>(prop: string): T {
    if (!this.snap.has(prop))
      throw new OfficeError("PropertyNotLoaded", `The property '${prop}' is not available. Load it and call context.sync().`);
    return this.snap.get(prop) as T;
  }
  protected queueLoad(spec: string | string[] | undefined, read: (prop: string) => unknown): void {
    const props = (Array.isArray(spec) ? spec : (spec ?? "").split(",")).map((p) => p.trim()).filter(Boolean);
    this.fake.enqueue(
      40,
      () => {
        for (const p of props) {
          const value = read(p);
          this.fake.respond(value);
          this.snap.set(p, value);
        }
      },
      `load ${props.join(",")}`,
    );
  }
}

type Resolver = () => { sheet: FakeSheet; rect: CellRange } | null;

export class FakeRange extends ProxyBase {
  readonly format: FakeRangeFormat;
  readonly dataValidation: FakeDataValidation;
  private nullState?: boolean;

  constructor(
    fake: FakeExcel,
    readonly resolve: Resolver,
    readonly label: string,
  ) {
    super(fake);
    this.format = new FakeRangeFormat(fake, this);
    this.dataValidation = new FakeDataValidation(fake, this);
  }

  target(): { sheet: FakeSheet; rect: CellRange } {
    const t = this.resolve();
    if (!t) throw new OfficeError("InvalidObjectPath", `null object ${this.label}`);
    return t;
  }
  /** Cells of the range (refuses whole-sheet iteration). */
  eachCell(fn: (cell: FakeCell, r: number, c: number) => void): void {
    const { sheet, rect } = this.target();
    if ((rect.bottom - rect.top + 1) * (rect.right - rect.left + 1) > 2_000_000) throw new Error(`fake: refusing to iterate ${this.label}`);
    for (let r = rect.top; r <= rect.bottom; r++) for (let c = rect.left; c <= rect.right; c++) fn(sheet.cell(r, c), r, c);
  }

  get isNullObject(): boolean {
    if (this.nullState === undefined) throw new OfficeError("PropertyNotLoaded", "isNullObject before sync");
    return this.nullState;
  }

  private setMatrix(prop: string, input: unknown, apply: (cell: FakeCell, v: Input) => void): void {
    this.fake.enqueue(
      byteSize(input),
      () => {
        if (prop !== "numberFormat") this.fake.wrote = true;
        const { rect } = this.target();
        const rows = rect.bottom - rect.top + 1;
        const cols = rect.right - rect.left + 1;
        if (Array.isArray(input)) {
          const m = input as Input[][];
          if (m.length !== rows || m.some((row) => !Array.isArray(row) || row.length !== cols)) {
            throw new OfficeError(
              "InvalidArgument",
              `${prop}: the number of rows or columns in the input array doesn't match the size of ${this.label}`,
            );
          }
          this.eachCell((cell, r, c) => apply(cell, m[r - rect.top][c - rect.left]));
        } else {
          this.eachCell((cell) => apply(cell, input as Input));
        }
      },
      `set ${prop} ${this.label}`,
    );
  }

  set values(v: unknown) {
    this.setMatrix("values", v, enter);
  }
  get values(): unknown[][] {
    return this.got("values");
  }
  set formulas(v: unknown) {
    this.setMatrix("formulas", v, enter);
  }
  get formulas(): unknown[][] {
    return this.got("formulas");
  }
  set numberFormat(v: unknown) {
    this.setMatrix("numberFormat", v, (cell, f) => {
      if (f !== null) cell.numberFormat = String(f);
    });
  }
  get numberFormat(): unknown[][] {
    return this.got("numberFormat");
  }
  get valueTypes(): string[][] {
    return this.got("valueTypes");
  }
  get rowIndex(): number {
    return this.got("rowIndex");
  }
  get columnIndex(): number {
    return this.got("columnIndex");
  }
  get rowCount(): number {
    return this.got("rowCount");
  }
  get columnCount(): number {
    return this.got("columnCount");
  }
  get address(): string {
    return this.got("address");
  }
  set columnHidden(hidden: boolean) {
    this.fake.enqueue(
      8,
      () => {
        const { sheet, rect } = this.target();
        for (let c = rect.left; c <= rect.right; c++) hidden ? sheet.hiddenColumns.add(c) : sheet.hiddenColumns.delete(c);
      },
      `columnHidden ${this.label}`,
    );
  }

  load(spec?: string | string[]): this {
    this.queueLoad(spec, (prop) => this.read(prop));
    this.fake.enqueue(0, () => (this.nullState = this.resolve() === null), "resolve");
    return this;
  }

  private read(prop: string): unknown {
    const t = this.resolve();
    if (!t) return undefined;
    const { sheet, rect } = t;
    const grid = <T>(fn: (c: FakeCell | undefined) => T): T[][] => {
      const out: T[][] = [];
      for (let r = rect.top; r <= rect.bottom; r++) {
        const row: T[] = [];
        for (let c = rect.left; c <= rect.right; c++) row.push(fn(sheet.peek(r, c)));
        out.push(row);
      }
      return out;
    };
    switch (prop) {
      case "values":
        return grid(valueOf);
      case "formulas":
        return grid((c) => (c?.formula !== undefined ? `=${c.formula}` : valueOf(c)));
      case "numberFormat":
        return grid((c) => c?.numberFormat ?? "General");
      case "valueTypes":
        return grid(valueType);
      case "rowIndex":
        return rect.top - 1;
      case "columnIndex":
        return rect.left - 1;
      case "rowCount":
        return rect.bottom - rect.top + 1;
      case "columnCount":
        return rect.right - rect.left + 1;
      case "address": {
        const local =
          rect.top === rect.bottom && rect.left === rect.right
            ? `${colLetters(rect.left)}${rect.top}`
            : `${colLetters(rect.left)}${rect.top}:${colLetters(rect.right)}${rect.bottom}`;
        return `${/^[A-Za-z0-9_]+$/.test(sheet.name) ? sheet.name : `'${sheet.name.replace(/'/g, "''")}'`}!${local}`;
      }
      default:
        throw new OfficeError("PropertyNotLoaded", `fake Range cannot load ${prop}`);
    }
  }

  merge(across = false): void {
    this.fake.enqueue(
      8,
      () => {
        const { sheet, rect } = this.target();
        if (across) throw new Error("fake: merge(across) not modelled");
        const overlaps = sheet.merges.some(
          (m) => m.top <= rect.bottom && rect.top <= m.bottom && m.left <= rect.right && rect.left <= m.right,
        );
        if (overlaps) throw new OfficeError("InvalidOperation", `merge overlaps ${this.label}`);
        sheet.merges.push({ ...rect });
      },
      `merge ${this.label}`,
    );
  }

  select(): void {
    this.fake.enqueue(
      8,
      () => {
        const { sheet, rect } = this.target();
        if (this.fake.activeSheet !== sheet) throw new OfficeError("InvalidOperation", "select() on a sheet that is not active");
        sheet.selected = `${colLetters(rect.left)}${rect.top}`;
      },
      `select ${this.label}`,
    );
  }

  getMergedAreasOrNullObject(): FakeRangeAreas {
    return new FakeRangeAreas(this.fake, () => {
      const { sheet, rect } = this.target();
      const inside = sheet.merges.filter(
        (m) => m.top >= rect.top && m.bottom <= rect.bottom && m.left >= rect.left && m.right <= rect.right,
      );
      return inside.length ? { sheet, rects: inside } : null;
    });
  }
}

class FakeRangeAreas extends ProxyBase {
  private nullState?: boolean;
  private items?: { address: string }[];
  constructor(
    fake: FakeExcel,
    private readonly resolve: () => { sheet: FakeSheet; rects: CellRange[] } | null,
  ) {
    super(fake);
  }
  get isNullObject(): boolean {
    if (this.nullState === undefined) throw new OfficeError("PropertyNotLoaded", "isNullObject before sync");
    return this.nullState;
  }
  get areas(): { items: { address: string }[] } {
    if (!this.items) throw new OfficeError("PropertyNotLoaded", "areas not loaded");
    return { items: this.items };
  }
  load(spec: string): this {
    if (spec !== "areas/items/address") throw new Error(`fake RangeAreas cannot load ${spec}`);
    this.fake.enqueue(
      40,
      () => {
        const t = this.resolve();
        if (t && t.rects.length > MERGED_AREAS_MAX) {
          throw new OfficeError(
            "GeneralException",
            `The merged areas count (${t.rects.length}) in the range is more than ${MERGED_AREAS_MAX}.`,
          );
        }
        this.nullState = t === null;
        const quoted = (n: string) => (/^[A-Za-z0-9_]+$/.test(n) ? n : `'${n.replace(/'/g, "''")}'`);
        this.items = (t?.rects ?? []).map((r) => ({
          address: `${quoted(t!.sheet.name)}!${colLetters(r.left)}${r.top}:${colLetters(r.right)}${r.bottom}`,
        }));
        this.fake.respond(this.items);
      },
      "load merged areas",
    );
    return this;
  }
}

class FakeBorder {
  constructor(
    private readonly fake: FakeExcel,
    private readonly range: FakeRange,
    private readonly side: string,
  ) {}
  private apply(key: "style" | "weight" | "color", value: string): void {
    this.fake.enqueue(
      byteSize(value),
      () => {
        const { sheet, rect } = this.range.target();
        const put = (r: number, c: number, s: "top" | "bottom" | "left" | "right") => {
          const cell = sheet.cell(r, c);
          cell.borders[s] = { ...cell.borders[s], [key]: value };
        };
        for (let r = rect.top; r <= rect.bottom; r++) {
          for (let c = rect.left; c <= rect.right; c++) {
            if (this.side === "EdgeTop" && r === rect.top) put(r, c, "top");
            if (this.side === "EdgeBottom" && r === rect.bottom) put(r, c, "bottom");
            if (this.side === "EdgeLeft" && c === rect.left) put(r, c, "left");
            if (this.side === "EdgeRight" && c === rect.right) put(r, c, "right");
            if (this.side === "InsideHorizontal" && r < rect.bottom) put(r, c, "bottom");
            if (this.side === "InsideVertical" && c < rect.right) put(r, c, "right");
          }
        }
      },
      `border ${this.side}.${key}`,
    );
  }
  set style(v: string) {
    this.apply("style", v);
  }
  set weight(v: string) {
    this.apply("weight", v);
  }
  set color(v: string) {
    this.apply("color", v);
  }
}

class FakeFont extends ProxyBase {
  constructor(
    fake: FakeExcel,
    private readonly range: FakeRange,
  ) {
    super(fake);
  }
  private put(key: keyof FakeCell["font"], v: string | number | boolean): void {
    this.fake.enqueue(byteSize(v), () => this.range.eachCell((c) => ((c.font as Record<string, unknown>)[key] = v)), `font.${key}`);
  }
  set name(v: string) {
    this.put("name", v);
  }
  set size(v: number) {
    this.put("size", v);
  }
  set bold(v: boolean) {
    this.put("bold", v);
  }
  set italic(v: boolean) {
    this.put("italic", v);
  }
  set color(v: string) {
    this.put("color", v);
  }
  get color(): string {
    return this.got("color");
  }
  load(spec: string): this {
    this.queueLoad(spec, (p) => {
      if (p !== "color") throw new Error(`fake font cannot load ${p}`);
      const { sheet, rect } = this.range.target();
      return sheet.peek(rect.top, rect.left)?.font.color ?? "#000000";
    });
    return this;
  }
}

class FakeFill extends ProxyBase {
  constructor(
    fake: FakeExcel,
    private readonly range: FakeRange,
  ) {
    super(fake);
  }
  set color(v: string) {
    this.fake.enqueue(byteSize(v), () => this.range.eachCell((c) => (c.fill = v)), "fill.color");
  }
  get color(): string {
    return this.got("color");
  }
  get tintAndShade(): number | null {
    return this.got("tintAndShade");
  }
  clear(): void {
    this.fake.enqueue(8, () => this.range.eachCell((c) => delete c.fill), "fill.clear");
  }
  load(spec: string): this {
    this.queueLoad(spec, (p) => {
      const { sheet, rect } = this.range.target();
      const fill = sheet.peek(rect.top, rect.left)?.fill;
      if (p === "color") return fill ?? "#FFFFFF"; // "no fill" reads as white, as in Excel
      if (p === "tintAndShade") return fill === undefined ? null : 0;
      throw new Error(`fake fill cannot load ${p}`);
    });
    return this;
  }
}

class FakeRangeFormat {
  readonly font: FakeFont;
  readonly fill: FakeFill;
  readonly borders: { getItem(side: string): FakeBorder };
  constructor(
    private readonly fake: FakeExcel,
    private readonly range: FakeRange,
  ) {
    this.font = new FakeFont(fake, range);
    this.fill = new FakeFill(fake, range);
    this.borders = { getItem: (side: string) => new FakeBorder(fake, range, side) };
  }
  private each(label: string, v: unknown, fn: (c: FakeCell) => void): void {
    this.fake.enqueue(byteSize(v), () => this.range.eachCell(fn), label);
  }
  set horizontalAlignment(v: string) {
    this.each("horizontalAlignment", v, (c) => (c.h = v));
  }
  set verticalAlignment(v: string) {
    this.each("verticalAlignment", v, (c) => (c.v = v));
  }
  set wrapText(v: boolean) {
    this.each("wrapText", v, (c) => (c.wrap = v));
  }
  set columnWidth(v: number) {
    this.fake.enqueue(
      8,
      () => {
        const { sheet, rect } = this.range.target();
        for (let c = rect.left; c <= rect.right; c++) sheet.columnWidths.set(c, v);
      },
      "columnWidth",
    );
  }
  set rowHeight(v: number) {
    this.fake.enqueue(
      8,
      () => {
        const { sheet, rect } = this.range.target();
        for (let r = rect.top; r <= rect.bottom; r++) sheet.rowHeights.set(r, v);
      },
      "rowHeight",
    );
  }
  autofitColumns(): void {
    this.fake.enqueue(
      8,
      () => {
        const { sheet, rect } = this.range.target();
        sheet.autofitted.push(`${colLetters(rect.left)}:${colLetters(rect.right)}`);
      },
      "autofitColumns",
    );
  }
}

const OPERATORS = [
  "Between",
  "NotBetween",
  "EqualTo",
  "NotEqualTo",
  "GreaterThan",
  "LessThan",
  "GreaterThanOrEqualTo",
  "LessThanOrEqualTo",
];

class FakeDataValidation {
  constructor(
    private readonly fake: FakeExcel,
    private readonly range: FakeRange,
  ) {}
  private put(key: keyof NonNullable<FakeCell["validation"]>, v: unknown, check?: () => void): void {
    this.fake.enqueue(
      byteSize(v),
      () => {
        check?.();
        this.range.eachCell((c) => (c.validation = { ...c.validation, [key]: v }));
      },
      `dataValidation.${key}`,
    );
  }
  set rule(rule: Record<string, { operator?: string; formula1?: unknown; formula2?: unknown; source?: unknown }>) {
    this.put("rule", rule, () => {
      const keys = Object.keys(rule);
      if (keys.length !== 1) throw new OfficeError("InvalidArgument", "a rule has exactly one type");
      const [type] = keys;
      const r = rule[type];
      if (type === "wholeNumber" || type === "decimal") {
        if (!OPERATORS.includes(r.operator ?? "") || r.formula1 === undefined) throw new OfficeError("InvalidArgument", "bad basic rule");
        if ((r.operator === "Between" || r.operator === "NotBetween") && r.formula2 === undefined)
          throw new OfficeError("InvalidArgument", "Between needs formula2");
      } else if (type === "list") {
        if (typeof r.source !== "string") throw new OfficeError("InvalidArgument", "list source");
        if (r.source.length > LIST_SOURCE_MAX) throw new OfficeError("InvalidArgument", "list source longer than 255 characters");
      } else throw new OfficeError("InvalidArgument", `fake: rule ${type} not modelled`);
    });
  }
  set prompt(p: { title: string; message: string; showPrompt: boolean }) {
    this.put("prompt", p, () => {
      if (p.title.length > 32 || p.message.length > PROMPT_MAX) throw new OfficeError("InvalidArgument", "prompt too long");
    });
  }
  set errorAlert(e: { title: string; message: string; showAlert: boolean; style: string }) {
    this.put("errorAlert", e, () => {
      if (e.title.length > 32 || e.message.length > ERROR_MESSAGE_MAX) throw new OfficeError("InvalidArgument", "error alert too long");
    });
  }
  set ignoreBlanks(v: boolean) {
    this.put("ignoreBlanks", v);
  }
}

export class FakeWorksheet extends ProxyBase {
  readonly freezePanes: { freezeRows(n: number): void };
  readonly pageLayout: FakePageLayout;
  private nullState?: boolean;

  constructor(
    fake: FakeExcel,
    readonly resolve: () => FakeSheet | null,
    readonly label: string,
  ) {
    super(fake);
    this.freezePanes = {
      freezeRows: (n: number) => fake.enqueue(8, () => (this.sheet().frozenRows = n), "freezeRows"),
    };
    this.pageLayout = new FakePageLayout(fake, () => this.sheet());
  }
  sheet(): FakeSheet {
    const s = this.resolve();
    if (!s) throw new OfficeError("ItemNotFound", `The requested resource doesn't exist: ${this.label}`);
    return s;
  }
  get name(): string {
    return this.got("name");
  }
  get visibility(): string {
    return this.got("visibility");
  }
  get isNullObject(): boolean {
    if (this.nullState === undefined) throw new OfficeError("PropertyNotLoaded", "isNullObject before sync");
    return this.nullState;
  }
  /** Called by the collection when it loads items. */
  preload(props: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(props)) this.snap.set(k, v);
  }
  load(spec: string | string[]): this {
    this.queueLoad(spec, (p) => {
      const s = this.resolve();
      if (!s) return undefined;
      if (p === "name") return s.name;
      if (p === "visibility") return s.visibility;
      throw new Error(`fake worksheet cannot load ${p}`);
    });
    this.fake.enqueue(0, () => (this.nullState = this.resolve() === null), "resolve");
    return this;
  }
  getRange(address?: string): FakeRange {
    const rect = parseAddress(address);
    return new FakeRange(this.fake, () => ({ sheet: this.sheet(), rect }), `${this.label}!${address ?? "(all)"}`);
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    if (valuesOnly !== true) throw new Error("fake: only valuesOnly used ranges are modelled");
    return new FakeRange(
      this.fake,
      () => {
        const sheet = this.sheet();
        const rect = sheet.usedRange();
        return rect ? { sheet, rect } : null;
      },
      `${this.label}!used`,
    );
  }
  activate(): void {
    this.fake.enqueue(8, () => (this.fake.activeSheet = this.sheet()), `activate ${this.label}`);
  }
  delete(): void {
    this.fake.enqueue(
      8,
      () => {
        const s = this.sheet();
        this.fake.sheets.splice(this.fake.sheets.indexOf(s), 1);
      },
      `delete ${this.label}`,
    );
  }
}

class FakePageLayout {
  readonly headersFooters: { defaultForAllPages: Record<string, string> };
  constructor(
    private readonly fake: FakeExcel,
    private readonly sheet: () => FakeSheet,
  ) {
    const set = (key: string, v: unknown) => fake.enqueue(byteSize(v), () => (this.sheet().pageLayout[key] = v), `pageLayout.${key}`);
    const footer: Record<string, string> = {};
    this.headersFooters = {
      defaultForAllPages: forwarding(footer, (k, v) => set(`footer.${k}`, v)),
    };
    for (const key of ["paperSize", "orientation", "centerHorizontally", "zoom"]) {
      Object.defineProperty(this, key, { set: (v: unknown) => set(key, v), enumerable: true });
    }
    this.setPrintMargins = (unit: string, margins: unknown) => set("margins", { unit, margins });
    this.setPrintTitleRows = (rows: string) => set("printTitleRows", rows);
  }
  setPrintMargins: (unit: string, margins: unknown) => void;
  setPrintTitleRows: (rows: string) => void;
}

/** A plain object whose property sets are forwarded (for headersFooters). */
function forwarding(target: Record<string, string>, onSet: (key: string, v: unknown) => void): Record<string, string> {
  return new Proxy(target, {
    set(_t, key, value) {
      onSet(String(key), value);
      return true;
    },
  });
}

class FakeWorksheetCollection extends ProxyBase {
  constructor(fake: FakeExcel) {
    super(fake);
  }
  private find(name: string): FakeSheet | null {
    return this.fake.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase()) ?? null;
  }
  get items(): FakeWorksheet[] {
    return this.got("items");
  }
  load(spec: string): this {
    const props = spec.split(",").map((p) => p.trim());
    if (props.some((p) => !/^items\/(name|visibility)$/.test(p))) throw new Error(`fake worksheets cannot load ${spec}`);
    this.queueLoad("items", () =>
      this.fake.sheets.map((s) => {
        const ws = new FakeWorksheet(this.fake, () => (this.fake.sheets.includes(s) ? s : null), s.name);
        ws.preload(Object.fromEntries(props.map((p) => p.slice(6)).map((p) => [p, p === "name" ? s.name : s.visibility])));
        return ws;
      }),
    );
    return this;
  }
  add(name: string): FakeWorksheet {
    let created: FakeSheet | null = null;
    this.fake.enqueue(
      byteSize(name),
      () => {
        if (this.find(name))
          throw new OfficeError("ItemAlreadyExists", `A resource with the same name or identifier already exists: ${name}`);
        created = new FakeSheet(name);
        this.fake.sheets.push(created);
      },
      `add ${name}`,
    );
    return new FakeWorksheet(this.fake, () => created, name);
  }
  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.fake, () => this.find(name), name);
  }
}

export class FakeExcel {
  readonly sheets: FakeSheet[] = [];
  activeSheet?: FakeSheet;
  workbookName = "Book1.xlsx";
  /** ExcelApi versions this fake claims ("1.1" … "1.13"; add "1.20" for undo support). */
  supported = new Set(["1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8", "1.9", "1.10", "1.11", "1.12", "1.13"]);
  /** `Office.context.platform`. */
  platform: "PC" | "OfficeOnline" | "Mac" | "iOS" = "PC";
  /** Request / response limits in bytes (none by default; `useWebLimits` sets Excel on the web's 5 MB). */
  requestLimit?: number;
  responseLimit?: number;
  syncs = 0;
  /** Estimated request bytes of each sync. */
  readonly payloads: number[] = [];
  /** Response bytes (UTF-8 JSON of every loaded property) of each sync. */
  readonly responses: number[] = [];
  calculationSuspensions = 0;
  /** Recomputes formula results (`cached`) from the cells; run after each sync that wrote cells, unless calculation was suspended. */
  calculator?: (fake: FakeExcel) => void;
  /** Cells were written while calculation was suspended and nothing has recalculated since. */
  stale = false;
  /** What insertWorksheetsFromBase64 throws, if set (extension hardening, a corrupt file, …). */
  insertFailure?: OfficeError;
  readonly inserted: { base64: string; options: unknown }[] = [];
  /** One entry per undoable step (ExcelApi 1.20); cleared by a change when the Excel has no API undo. */
  readonly undoStack: string[] = [];
  /** Descriptions of every operation applied, in order (for order checks). */
  readonly log: string[] = [];
  /** Set by operations while a sync applies them. */
  wrote = false;

  private queue: { fn: () => void; label: string }[] = [];
  private queuedBytes = 0;
  private responseBytes = 0;
  private suspended = false;
  readonly context: unknown;

  constructor(sheetNames: string[] = []) {
    for (const n of sheetNames) this.sheets.push(new FakeSheet(n));
    this.activeSheet = this.sheets[0];
    const worksheets = new FakeWorksheetCollection(this);
    const fake = this;
    const application = {
      suspendApiCalculationUntilNextSync: () =>
        fake.enqueue(
          8,
          () => {
            fake.calculationSuspensions++;
            fake.suspended = true;
          },
          "suspendCalculation",
        ),
      calculate: (type: string) =>
        fake.enqueue(
          byteSize(type),
          () => {
            fake.calculator?.(fake);
            fake.stale = false;
          },
          `calculate ${type}`,
        ),
    };
    const workbook = {
      worksheets,
      application,
      insertWorksheetsFromBase64(base64: string, options: unknown) {
        fake.enqueue(
          base64.length,
          () => {
            if (fake.insertFailure) throw fake.insertFailure;
            fake.wrote = true;
            fake.inserted.push({ base64, options });
          },
          "insertWorksheetsFromBase64",
        );
        return { value: [] };
      },
      _name: undefined as string | undefined,
      load(spec: string) {
        if (spec !== "name") throw new Error(`fake workbook cannot load ${spec}`);
        fake.enqueue(40, () => (this._name = fake.workbookName), "load workbook name");
      },
      get name(): string {
        if (this._name === undefined) throw new OfficeError("PropertyNotLoaded", "workbook.name");
        return this._name;
      },
    };
    this.context = { workbook, application, sync: () => this.sync() };
  }

  /** Excel on the web: platform "OfficeOnline", requests and responses limited to 5 MB. */
  useWebLimits(): this {
    this.platform = "OfficeOnline";
    this.requestLimit = WEB_PAYLOAD_MAX;
    this.responseLimit = WEB_PAYLOAD_MAX;
    return this;
  }

  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`no sheet ${name}; have ${this.sheets.map((x) => x.name).join(", ")}`);
    return s;
  }

  enqueue(bytes: number, fn: () => void, label: string): void {
    this.queue.push({ fn, label });
    this.queuedBytes += bytes + 100;
  }

  /** Counts a loaded value into the response of the running sync. */
  respond(value: unknown): void {
    this.responseBytes += Array.isArray(value) && value[0] instanceof ProxyBase ? 60 * value.length : byteSize(value);
    if (this.responseLimit !== undefined && this.responseBytes > this.responseLimit) {
      throw new OfficeError("ResponsePayloadSizeLimitExceeded", "The response payload size has exceeded the limit.");
    }
  }

  async sync(): Promise<void> {
    const queue = this.queue;
    const bytes = this.queuedBytes;
    this.payloads.push(bytes);
    this.queue = [];
    this.queuedBytes = 0;
    this.syncs++;
    if (this.requestLimit !== undefined && bytes > this.requestLimit) {
      this.responses.push(0);
      throw new OfficeError("RequestPayloadSizeLimitExceeded", "The request payload size has exceeded the limit.");
    }
    this.responseBytes = 0;
    this.wrote = false;
    this.suspended = false;
    try {
      for (const op of queue) {
        op.fn(); // an error stops the batch here: earlier operations stay applied
        this.log.push(op.label);
      }
    } finally {
      this.responses.push(this.responseBytes);
      this.afterSync();
    }
  }

  /** Automatic calculation and the undo stack, after the operations of a sync. */
  private afterSync(): void {
    if (!this.wrote) return;
    if (this.suspended) this.stale = true;
    else if (!this.stale) this.calculator?.(this);
    if (this.supported.has("1.20")) this.undoStack.push(`sync ${this.syncs}`);
    else this.undoStack.length = 0;
  }

  /** Excel.run over this fake. */
  readonly run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => batch(this.context as Excel.RequestContext);
  readonly isSetSupported = (version: string): boolean => this.supported.has(version);
}
