/**
 * Units copy one template, so a province's thousands of workbooks share a few layouts: the same
 * titles, headers, codes and labels in the same cells, only the numbers differ. Locating by content
 * is done once per layout and reused, re-bound to each file's own cells.
 *
 * A wrong hit would be a silent misread, so the key holds everything the locator reads:
 *  - every sheet's name, state, size and merged areas, and every cell's type;
 *  - from a sheet's first STT-like cell on (where tables can start), every text as written and
 *    every number, except the numbers of located value cells (the "free" cells below);
 *  - above that (the unit and period lines, which differ per unit), only what the locator reads
 *    there: the form number of a "Biểu mẫu N" title.
 * A free cell's number is read only as "a number is there" (its type is in the key), never by value:
 * value cells right below a header are not free (the header's second lines and named value columns
 * are read from them). In a row with a code, a label and a unit even that is not read, so there a
 * number, a blank, a missing cell or a text the locator does not act on ("Có") are one token
 * (officers leave cells blank and type "Có"). A layout is stored
 * under the numbers of all the other cells, and only when its free cells are those of the layouts
 * already stored for the same key.
 */
import type { TemplateSpec } from "../catalog/types";
import { evaluateFormCells } from "./formula-cells";
import { type Cell, cellAt, cellText, type SheetGrid, type WorkbookGrid } from "./grid";
import { readHeader } from "./header";
import { type ContentLayout, locateByContent, type ContentLocate } from "./locate-content";
import { locateListAt } from "./locate-list";
import type { Section } from "./locate-sections";
import { listForm, type LocatedForm, type LocatedRow, type LocatedWorkbook } from "./located";
import { titleNumber } from "./match-rows";
import { foldText, normalizeCode, squash } from "./text";

/** How often a layout was reused or located afresh (for the benches and the tests). */
export const layoutCacheStats = { hits: 0, misses: 0 };

/** Locates by content, reusing the layout of an earlier file with the same key (`useCache` false: always afresh). */
export function locateByLayout(grid: WorkbookGrid, templates: TemplateSpec[], useCache = true): LocatedWorkbook {
  let layout: ContentLayout;
  if (!useCache) layout = locateByContent(grid, templates).located;
  else {
    const shapes = shapesFor(templates);
    const meta = sheetsMeta(grid);
    const known = shapes.get(meta) ?? [];
    let shape: Shape | undefined;
    let numbers: number[] | undefined;
    for (const candidate of known) {
      numbers = numbersIfSame(candidate, grid);
      if (numbers !== undefined) {
        shape = candidate;
        break;
      }
    }
    const plan = shape && shape.layouts.find((l) => sameNumbers(l.numbers, numbers!))?.plan;
    if (plan) {
      layoutCacheStats.hits++;
      layout = bindLayout(plan, grid);
    } else {
      layoutCacheStats.misses++;
      const content = locateByContent(grid, templates);
      remember(shapes, meta, shape, numbers, content, grid);
      layout = content.located;
    }
  }
  evaluateFormCells(grid, layout.forms);
  return { ...layout, ...readHeader(grid) };
}

/* ------------------------------------------------------------------ key */

/** A cell's position as one number (sheet, row ≤ 2^20, column ≤ 2^14). */
const position = (sheet: number, row: number, col: number) => (sheet * 1048576 + row) * 16384 + col;

/** The short "STT"/"TT" text of a table's or a list's header: tables start at or below it. */
const sttLike = (v: unknown) => typeof v === "string" && v.length < 12 && /t\s*t/i.test(v);

/** What the key holds of the sheets as a whole: names, states, sizes, merged areas. */
function sheetsMeta(grid: WorkbookGrid): string {
  const parts: string[] = [];
  for (const sheet of grid.sheets) {
    parts.push(`${sheet.name.length}:${sheet.name}|${sheet.state}|${sheet.maxRow}|${sheet.maxCol}|${sheet.rows.length}`);
    for (const m of sheet.merges) parts.push(`${m.top},${m.left},${m.bottom},${m.right}`);
  }
  return parts.join("\u0001");
}

/**
 * One token per row and per cell, in order: a row's length (or no row), a cell's type, a text
 * in the table zone as written, a text above it by its title number (all the locator reads there).
 * Numbers are tokens of their type; their values go to `number` (table zone only).
 */
type Token = string | number;
const T = {
  noRow: -1,
  none: -2,
  blank: -3,
  number: -4,
  true: -5,
  false: -6,
  undefinedValue: -7,
  rowOf: (length: number) => -10 - length,
  /** The length of a `rowOf` token; -1 for any other token (no row is that short: no match). */
  lengthOf: (token: number) => (token <= -10 ? -10 - token : -1),
};
const aboveTables = (text: string) => 1000 + (titleNumber(text) ?? 100);

/** A cell's token: its type, or its text (in a table zone as written, above one by its title number). */
function tokenOf(cell: Cell | undefined, tables: boolean): Token {
  if (cell === undefined) return T.none;
  const v = cell.value;
  if (v === null) return T.blank;
  if (v === undefined) return T.undefinedValue; // read as the text "undefined", unlike a blank
  if (typeof v === "number") return T.number;
  if (typeof v === "boolean") return v ? T.true : T.false;
  return tables ? v : aboveTables(v);
}

/**
 * The tokens of a grid, the cell position of each (-1: a row, or a cell above the tables), and its
 * table zones' numbers. A row reaches at least to its last `emptiable` cell (missing cells are
 * T.none), so a file where that cell is written and one where it is not have the same tokens.
 */
function tokensOf(grid: WorkbookGrid, emptiable: Set<number>): { tokens: Token[]; positions: number[]; numbers: [number, number][] } {
  const tokens: Token[] = [];
  const positions: number[] = [];
  const numbers: [number, number][] = [];
  const reach = new Map<number, number>(); // a row's position → its last emptiable column
  for (const p of emptiable) {
    const col = p % 16384;
    if ((reach.get(p - col) ?? 0) < col) reach.set(p - col, col);
  }
  const push = (t: Token, pos: number) => tokens.push(t) + positions.push(pos);
  for (let s = 0; s < grid.sheets.length; s++) {
    const rows = grid.sheets[s].rows;
    let tables = false;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      if (!row) {
        push(T.noRow, -1);
        continue;
      }
      tables ||= row.some((cell) => sttLike(cell?.value));
      const length = Math.max(row.length, reach.get(position(s, r + 1, 0)) ?? 0);
      push(T.rowOf(length), -1);
      for (let c = 0; c < length; c++) {
        const cell = row[c];
        const t = tokenOf(cell, tables);
        const pos = position(s, r + 1, c + 1);
        if (t === T.number && tables) numbers.push([pos, cell!.value as number]);
        push(t, tables ? pos : -1);
      }
    }
  }
  return { tokens, positions, numbers };
}

/**
 * When the grid has the shape's tokens: the values of its table zones' numbers outside the shape's
 * free cells, in walking order; else undefined. The same walk as `tokensOf`, without a call per
 * token: grids of one shape meet their tokens in the same order, so the shape marks its free cells
 * by token index (`freeAt`), and the values of the other numbers alone identify a layout.
 */
function numbersIfSame(shape: Shape, grid: WorkbookGrid): number[] | undefined {
  const { tokens, freeAt } = shape;
  const out: number[] = [];
  let i = 0;
  for (let s = 0; s < grid.sheets.length; s++) {
    const rows = grid.sheets[s].rows;
    let tables = false;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      const rowToken = tokens[i++];
      if (!row) {
        if (rowToken !== T.noRow) return undefined;
        continue;
      }
      tables ||= row.some((cell) => sttLike(cell?.value));
      // The shape's row may reach further (to an emptiable cell): the cells past this row's end are missing.
      const length = T.lengthOf(rowToken as number);
      if (row.length > length) return undefined;
      for (let c = 0; c < length; c++) {
        const cell = row[c];
        const t = tokenOf(cell, tables);
        const free = freeAt[i];
        if (free === FREE_ANY_VALUE ? !looseValue(t) : t !== tokens[i]) return undefined;
        i++;
        if (t === T.number && tables && free === NOT_FREE) out.push(cell!.value as number);
      }
    }
  }
  return i === tokens.length ? out : undefined;
}

/** Marks of `Shape.freeAt`. */
const NOT_FREE = 0;
/** A free cell: its token as in the shape (a number's value not in the key). */
const FREE = 1;
/** A free cell of a row with a code, a label and a unit: any `looseValue` alike (see `freeCells`). */
const FREE_ANY_VALUE = 2;

/**
 * What such a cell may hold in either file of one layout: a number, a blank, no cell, TRUE/FALSE, or
 * a text the locator does not act on (see `inertText`). A text that could be a title ("Biểu mẫu 3"),
 * an STT or a "Chỉ tiêu" heading is compared as written.
 */
function looseValue(t: Token): boolean {
  if (typeof t === "string") return inertText(t);
  return t === T.number || t === T.blank || t === T.none || t === T.true || t === T.false;
}

/**
 * A text in a table's row that no part of the locator reads as anything: not a "Biểu mẫu N" title
 * (those start with a B), no "tt" (STT, TT, Số TT: a header's or a list's code column), no "chỉ
 * tiêu" (a header's label column). "Có", "Không", "x", "12" typed as text, "5 văn bản" are inert.
 */
function inertText(text: string): boolean {
  if (/^\s*b/i.test(text) || /t\s*t/i.test(text)) return false;
  const folded = foldText(text);
  return !/^\s*b/.test(folded) && !/t\s*t/.test(folded) && !/chi\s*tieu/.test(folded);
}

/** Two lists of numbers that would print alike (as the key was once made of their texts: NaN is NaN). */
function sameNumbers(a: number[], b: number[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k] && !(Number.isNaN(a[k]) && Number.isNaN(b[k]))) return false;
  return true;
}

/* ---------------------------------------------------------------- store */

/** A located layout without any file's cells: positions to bind each file's cells to. */
interface LayoutPlan {
  layout: ContentLayout;
  /** Sheet index of each form of `layout.forms`. */
  sheets: number[];
  /** Column of each form's stray rows' cells (the table's value column). */
  strayCols: number[];
  /** Each form's rows as [id, row] pairs, in order (walked once per file: no Map iterator). */
  rowLists: [string, LocatedRow][][];
  free: Set<number>;
  /** The free cells that may be blank or missing in another file of this layout: see `freeCells`. */
  emptiable: Set<number>;
}

interface Shape {
  tokens: Token[];
  /** Per token: NOT_FREE, FREE or FREE_ANY_VALUE (a layout of this shape is stored only with these marks). */
  freeAt: Uint8Array;
  /** Layouts by the values of the numbers outside the free cells (`numbersIfSame`), oldest first. */
  layouts: { numbers: number[]; plan: LayoutPlan }[];
}

/** Shapes by candidate list, then by their sheets' names, sizes and merged areas. */
const cache = new WeakMap<TemplateSpec[], Map<string, Shape[]>>();
const METAS_PER_CANDIDATE_LIST = 64;
const SHAPES_PER_META = 8;
const LAYOUTS_PER_SHAPE = 32;

function shapesFor(templates: TemplateSpec[]): Map<string, Shape[]> {
  let shapes = cache.get(templates);
  if (!shapes) cache.set(templates, (shapes = new Map()));
  return shapes;
}

/**
 * Stores a layout just located. `shape`: the known shape the grid has (then `numbers` are its numbers
 * outside that shape's free cells), else a new shape is made of the grid.
 */
function remember(
  shapes: Map<string, Shape[]>,
  meta: string,
  shape: Shape | undefined,
  numbers: number[] | undefined,
  content: ContentLocate,
  grid: WorkbookGrid,
): void {
  const plan = layoutPlan(content, grid);
  if (!plan) return;
  const { tokens, positions, numbers: all } = tokensOf(grid, plan.emptiable);
  // A cell is loose only if this file's own value there is: a text the locator acted on keeps its place in the key.
  const freeAt = Uint8Array.from(positions, (p, i) =>
    p < 0 || !plan.free.has(p) ? NOT_FREE : plan.emptiable.has(p) && looseValue(tokens[i]) ? FREE_ANY_VALUE : FREE,
  );
  if (!shape) {
    shape = { tokens, freeAt, layouts: [] };
    numbers = all.filter(([p]) => !plan.free.has(p)).map(([, v]) => v);
    let list = shapes.get(meta);
    if (!list) {
      if (shapes.size >= METAS_PER_CANDIDATE_LIST) shapes.clear();
      shapes.set(meta, (list = []));
    }
    if (list.length >= SHAPES_PER_META) list.shift();
    list.push(shape);
  } else if (!sameMarks(shape.freeAt, freeAt)) return; // this file reads other cells by value: not stored
  if (shape.layouts.length >= LAYOUTS_PER_SHAPE) shape.layouts.length = 0;
  shape.layouts.push({ numbers: numbers!, plan });
}

function sameMarks(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/** The plan of a located layout, or undefined when it cannot be re-bound safely (two sheets of one name). */
function layoutPlan(content: ContentLocate, grid: WorkbookGrid): LayoutPlan | undefined {
  if (new Set(grid.sheets.map((s) => s.name)).size !== grid.sheets.length) return undefined;
  const { located, sectionOf } = content;
  const sheets = located.forms.map((f) => grid.sheets.findIndex((s) => s.name === f.sheet));
  const strayCols = located.forms.map((f) => sectionOf.get(f)?.cols.value ?? 0);
  const free = new Set<number>();
  const emptiable = new Set<number>();
  located.forms.forEach((f, i) => {
    const section = sectionOf.get(f);
    if (section) freeCells(f, section, sheets[i], free, emptiable);
  });
  const forms = located.forms.map((f) => unbound(f));
  return { layout: { ...located, forms }, sheets, strayCols, rowLists: forms.map((f) => [...f.rows]), free, emptiable };
}

/**
 * The value cells of a located form whose number the locator reads only as "a number is there".
 * Not free: rows the header reads (its second lines and the first row after them, whose
 * numbers can make it a second header line; the two rows below a header naming value columns),
 * and a value column that is also the code, label, unit or note column.
 * Of these, `emptiable` gets the cells of rows whose code, label and unit are written: there the
 * locator does not even read whether a value is there, so a number, a blank, no cell or an inert
 * text locate alike (locate-sections.ts readRows: a row without code and label is a title line, a
 * row without a unit and a number takes its words as a title; locate-content.ts segmentsOf and
 * match-rows.ts read a value only for rows without a code or a title; findSections and the list
 * finder act only on titles, STT and "Chỉ tiêu" texts: see `inertText`). Officers leave cells
 * blank and type "Có" or a number as text: such files keep the layout.
 */
function freeCells(form: LocatedForm, section: Section, sheet: number, free: Set<number>, emptiable: Set<number>): void {
  const { code, label, unit, note } = section.cols;
  const read = new Set<number>();
  for (let r = section.headerRow; r < section.firstRow; r++) read.add(r);
  if (!normalizeCode(squash(cellText(cellAt(section.sheet, section.firstRow, code))))) read.add(section.firstRow);
  if (form.valueCols) for (let r = section.headerRow; r <= section.headerRow + 2; r++) read.add(r);
  const cols = (form.valueCols ?? [form.valueCol]).filter((c) => c > 0 && c !== code && c !== label && c !== unit && c !== note);
  const written = (r: number, c: number | undefined) => c !== undefined && squash(cellText(cellAt(section.sheet, r, c))) !== "";
  for (const row of form.rows.values()) {
    if (read.has(row.row)) continue;
    const wholeRow = written(row.row, code) && written(row.row, label) && written(row.row, unit);
    for (const c of cols) {
      free.add(position(sheet, row.row, c));
      if (wholeRow) emptiable.add(position(sheet, row.row, c));
    }
  }
}

/** A located form without any file's cells (a list keeps only where it is: it is read again for each file). */
function unbound(form: LocatedForm): LocatedForm {
  const rows = new Map<string, LocatedRow>();
  for (const [id, row] of form.rows) {
    const { cells: _cells, ...rest } = row;
    rows.set(id, { ...rest, cell: undefined });
  }
  const { formulas: _formulas, list, ...rest } = form;
  return {
    ...rest,
    rows,
    stray: form.stray.map((s) => ({ ...s, cell: undefined })),
    ...(list ? { list: { ...list, sections: [], items: [] } } : {}),
  };
}

/* ----------------------------------------------------------------- bind */

function bindLayout(plan: LayoutPlan, grid: WorkbookGrid): ContentLayout {
  const { layout } = plan;
  return {
    ...layout,
    forms: layout.forms.map((f, i) => bindForm(f, plan.rowLists[i], grid.sheets[plan.sheets[i]], plan.strayCols[i])),
    issues: layout.issues.map((issue) => ({ ...issue })),
    ...(layout.missingForms ? { missingForms: [...layout.missingForms] } : {}),
  };
}

/** A planned form bound to one file's cells. */
function bindForm(form: LocatedForm, rowList: [string, LocatedRow][], sheet: SheetGrid, strayCol: number): LocatedForm {
  if (form.list) return listForm(form.form, sheet, "content", locateListAt(sheet, form.form, form.list.headerRow, form.list.cols));
  const rows = new Map<string, LocatedRow>();
  for (let k = 0; k < rowList.length; k++) {
    const [id, row] = rowList[k];
    // The fields of a row located by content (locate-content.ts locatedForm), in its order; one literal
    // costs less than a spread, thousands of times per layout.
    const bound: LocatedRow = {
      spec: row.spec,
      row: row.row,
      address: row.address,
      cell: cellAt(sheet, row.row, form.valueCol),
      writtenCode: row.writtenCode,
      writtenLabel: row.writtenLabel,
      note: row.note,
    };
    if (row.addresses) bound.addresses = [...row.addresses];
    if (form.valueCols) bound.cells = form.valueCols.map((c) => (c > 0 ? cellAt(sheet, row.row, c) : undefined));
    rows.set(id, bound);
  }
  return {
    ...form,
    rows,
    stray: form.stray.map((x) => ({ ...x, cell: cellAt(sheet, x.row, strayCol) })),
    missing: [...form.missing],
    renumbered: form.renumbered.map((x) => ({ ...x })),
  };
}
