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
 * are read from them). A layout is stored under the numbers of all the other cells, and only when
 * its free cells are those of the layouts already stored for the same key.
 */
import type { TemplateSpec } from "../catalog/types";
import { evaluateFormCells } from "./formula-cells";
import { cellAt, cellText, type SheetGrid, type WorkbookGrid } from "./grid";
import { readHeader } from "./header";
import { type ContentLayout, locateByContent, type ContentLocate } from "./locate-content";
import { locateListAt } from "./locate-list";
import type { Section } from "./locate-sections";
import { listForm, type LocatedForm, type LocatedRow, type LocatedWorkbook } from "./located";
import { titleNumber } from "./match-rows";
import { normalizeCode, squash } from "./text";

/** How often a layout was reused or located afresh (for the benches and the tests). */
export const layoutCacheStats = { hits: 0, misses: 0 };

/** Locates by content, reusing the layout of an earlier file with the same key (`useCache` false: always afresh). */
export function locateByLayout(grid: WorkbookGrid, templates: TemplateSpec[], useCache = true): LocatedWorkbook {
  let layout: ContentLayout;
  if (!useCache) layout = locateByContent(grid, templates).located;
  else {
    const key = gridKey(grid);
    const shapes = shapesFor(templates);
    const shape = shapes.get(key.shape);
    const plan = shape?.layouts.get(numbersOutside(key, shape.free));
    if (plan) {
      layoutCacheStats.hits++;
      layout = bindLayout(plan, grid);
    } else {
      layoutCacheStats.misses++;
      const content = locateByContent(grid, templates);
      remember(shapes, key, content, grid);
      layout = content.located;
    }
  }
  evaluateFormCells(grid, layout.forms);
  return { ...layout, ...readHeader(grid) };
}

/* ------------------------------------------------------------------ key */

interface GridKey {
  /** Everything the locator reads but the numbers of the table zones. */
  shape: string;
  /** The numbers of the table zones: their positions and values. */
  positions: number[];
  values: number[];
}

/** A cell's position as one number (sheet, row ≤ 2^20, column ≤ 2^14). */
const position = (sheet: number, row: number, col: number) => (sheet * 1048576 + row) * 16384 + col;

/** The short "STT"/"TT" text of a table's or a list's header: tables start at or below it. */
const sttLike = (v: unknown) => typeof v === "string" && v.length < 12 && /t\s*t/i.test(v);

function gridKey(grid: WorkbookGrid): GridKey {
  const parts: string[] = [];
  const positions: number[] = [];
  const values: number[] = [];
  grid.sheets.forEach((sheet, s) => {
    parts.push(`S${sheet.name.length}:${sheet.name}|${sheet.state}|${sheet.maxRow}|${sheet.maxCol}|${sheet.rows.length}`);
    for (const m of sheet.merges) parts.push(`M${m.top},${m.left},${m.bottom},${m.right}`);
    let tables = false;
    for (let r = 0; r < sheet.rows.length; r++) {
      const row = sheet.rows[r];
      if (!row) {
        parts.push("R");
        continue;
      }
      tables ||= row.some((cell) => sttLike(cell?.value));
      parts.push(`R${row.length}`);
      for (let c = 0; c < row.length; c++) {
        const cell = row[c];
        const v = cell?.value;
        if (cell === undefined) parts.push("_");
        else if (v === null || v === undefined) parts.push("z");
        else if (typeof v === "number") {
          parts.push("n");
          if (tables) {
            positions.push(position(s, r + 1, c + 1));
            values.push(v);
          }
        } else if (typeof v === "boolean") parts.push(v ? "T" : "F");
        else if (tables) parts.push(`s${v.length}:${v}`);
        else parts.push(`t${titleNumber(v) ?? ""}`); // above the tables only titles are read
      }
    }
  });
  return { shape: parts.join("\u0001"), positions, values };
}

/** The numbers of the key outside the free cells, as text. */
function numbersOutside(key: GridKey, free: Set<number>): string {
  const out: string[] = [];
  key.positions.forEach((p, i) => {
    if (!free.has(p)) out.push(`${p}:${key.values[i]}`);
  });
  return out.join(",");
}

/* ---------------------------------------------------------------- store */

/** A located layout without any file's cells: positions to bind each file's cells to. */
interface LayoutPlan {
  layout: ContentLayout;
  /** Sheet index of each form of `layout.forms`. */
  sheets: number[];
  /** Column of each form's stray rows' cells (the table's value column). */
  strayCols: number[];
  free: Set<number>;
}

interface Shape {
  free: Set<number>;
  layouts: Map<string, LayoutPlan>;
}

const cache = new WeakMap<TemplateSpec[], Map<string, Shape>>();
const SHAPES_PER_CANDIDATE_LIST = 64;
const LAYOUTS_PER_SHAPE = 32;

function shapesFor(templates: TemplateSpec[]): Map<string, Shape> {
  let shapes = cache.get(templates);
  if (!shapes) cache.set(templates, (shapes = new Map()));
  return shapes;
}

function remember(shapes: Map<string, Shape>, key: GridKey, content: ContentLocate, grid: WorkbookGrid): void {
  const plan = layoutPlan(content, grid);
  if (!plan) return;
  let shape = shapes.get(key.shape);
  if (!shape) {
    if (shapes.size >= SHAPES_PER_CANDIDATE_LIST) shapes.clear();
    shapes.set(key.shape, (shape = { free: plan.free, layouts: new Map() }));
  } else if (!sameSet(shape.free, plan.free)) return; // this file reads other cells by value: not stored
  if (shape.layouts.size >= LAYOUTS_PER_SHAPE) shape.layouts.clear();
  shape.layouts.set(numbersOutside(key, shape.free), plan);
}

function sameSet(a: Set<number>, b: Set<number>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

/** The plan of a located layout, or undefined when it cannot be re-bound safely (two sheets of one name). */
function layoutPlan(content: ContentLocate, grid: WorkbookGrid): LayoutPlan | undefined {
  if (new Set(grid.sheets.map((s) => s.name)).size !== grid.sheets.length) return undefined;
  const { located, sectionOf } = content;
  const sheets = located.forms.map((f) => grid.sheets.findIndex((s) => s.name === f.sheet));
  const strayCols = located.forms.map((f) => sectionOf.get(f)?.cols.value ?? 0);
  const free = new Set<number>();
  located.forms.forEach((f, i) => {
    const section = sectionOf.get(f);
    if (section) freeCells(f, section, sheets[i], free);
  });
  const forms = located.forms.map((f) => unbound(f));
  return { layout: { ...located, forms }, sheets, strayCols, free };
}

/**
 * The value cells of a located form whose number the locator reads only as "a number is there".
 * Not free: rows the header reads (its second lines and the first row after them, whose
 * numbers can make it a second header line; the two rows below a header naming value columns),
 * and a value column that is also the code, label, unit or note column.
 */
function freeCells(form: LocatedForm, section: Section, sheet: number, free: Set<number>): void {
  const { code, label, unit, note } = section.cols;
  const read = new Set<number>();
  for (let r = section.headerRow; r < section.firstRow; r++) read.add(r);
  if (!normalizeCode(squash(cellText(cellAt(section.sheet, section.firstRow, code))))) read.add(section.firstRow);
  if (form.valueCols) for (let r = section.headerRow; r <= section.headerRow + 2; r++) read.add(r);
  const cols = (form.valueCols ?? [form.valueCol]).filter((c) => c > 0 && c !== code && c !== label && c !== unit && c !== note);
  for (const row of form.rows.values()) {
    if (read.has(row.row)) continue;
    for (const c of cols) free.add(position(sheet, row.row, c));
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
    forms: layout.forms.map((f, i) => bindForm(f, grid.sheets[plan.sheets[i]], plan.strayCols[i])),
    issues: layout.issues.map((issue) => ({ ...issue })),
    ...(layout.missingForms ? { missingForms: [...layout.missingForms] } : {}),
  };
}

/** A planned form bound to one file's cells. */
function bindForm(form: LocatedForm, sheet: SheetGrid, strayCol: number): LocatedForm {
  if (form.list) return listForm(form.form, sheet, "content", locateListAt(sheet, form.form, form.list.headerRow, form.list.cols));
  const rows = new Map<string, LocatedRow>();
  for (const [id, row] of form.rows) {
    const bound: LocatedRow = { ...row, cell: cellAt(sheet, row.row, form.valueCol) };
    if (form.valueCols) bound.cells = form.valueCols.map((c) => (c > 0 ? cellAt(sheet, row.row, c) : undefined));
    if (row.addresses) bound.addresses = [...row.addresses];
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
