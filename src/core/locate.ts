/**
 * Finding the forms in a received workbook: which template, which forms,
 * and where each row's value is. By the hidden marker when our template
 * wrote the file; otherwise by content, as an officer would: "Biểu mẫu N"
 * titles, the STT / Chỉ tiêu / Đơn vị tính / Số liệu header, codes and labels.
 */
import { isListForm, valueColumnsOf } from "../catalog";
import type { FormSpec, RowSpec, TemplateSpec } from "../catalog/types";
import { COL, formColumns, parseFormMarker } from "./form-layout";
import { findListHeaders, type ListHeader, locateListAt, type LocatedList } from "./locate-list";
import { columnLetter } from "./formulas";
import { type Cell, cellAt, cellText, type SheetGrid, type WorkbookGrid } from "./grid";
import { evaluateFormCells, type FormulaNote } from "./formula-cells";
import { chooseValueColumn, type HeaderColumn, headerMeaning } from "./value-column";
import { foldText, labelKey, normalizeCode, splitLeadingCode, squash } from "./text";
import { formOfTitle, matchRows, type RowMatch, titleNumber, type WrittenRow } from "./match-rows";
import { readHeader } from "./header";

/** One row of a located form, matched to its template row. */
export interface LocatedRow {
  spec: RowSpec;
  /** 1-based sheet row. */
  row: number;
  /** "D12" */
  address: string;
  cell: Cell | undefined;
  /** Forms with several value columns ("Năm 2023", "Năm 2024"): the cell of each, in the form's order; `cell` is the first. */
  cells?: (Cell | undefined)[];
  /** The address of each value column ("D12", "E12"); `address` is the first. */
  addresses?: string[];
  /** Code and label as written in the file. */
  writtenCode: string;
  writtenLabel: string;
  note?: string;
}

/** A row in the file that matches no template row (reported, never dropped). */
export interface StrayRow {
  row: number;
  address: string;
  writtenCode: string;
  writtenLabel: string;
  cell: Cell | undefined;
}

export interface LocatedForm {
  form: FormSpec;
  sheet: string;
  via: "marker" | "content";
  /** Row and column of the value column, for messages and writes. */
  valueCol: number;
  rows: Map<string, LocatedRow>; // by row id
  stray: StrayRow[];
  /** Template rows not found in the file. */
  missing: RowSpec[];
  /** Rows whose code in the file differs from the template (renumbered). */
  renumbered: { spec: RowSpec; writtenCode: string; row: number }[];
  /**
   * Forms with several value columns: the sheet column of each, in the form's order
   * (`valueCol` is the first found); 0 for a column the file does not have.
   */
  valueCols?: number[];
  /** List forms (Phụ lục I): the items found under the list's header; `rows` is empty. */
  list?: LocatedList;
  /** Formulas of value cells computed here, not computable, or whose stored result differs. */
  formulas?: FormulaNote[];
}

export interface LocateIssue {
  kind: "duplicate-form" | "unknown-section" | "no-form" | "missing-column" | "ambiguous-column";
  sheet: string;
  row?: number;
  form?: number;
  message: string;
}

export interface LocatedWorkbook {
  template: TemplateSpec | undefined;
  forms: LocatedForm[];
  issues: LocateIssue[];
  /** Forms of the template not found in the file (none for an unrecognised file). */
  missingForms?: FormSpec[];
  unit?: string;
  period?: string;
}

/** A block of a sheet that holds one form's table. */
interface Section {
  sheet: SheetGrid;
  formNumber?: number;
  titleRow?: number;
  headerRow: number;
  firstRow: number;
  lastRow: number;
  cols: Columns;
}

interface Columns {
  code: number;
  label: number;
  unit?: number;
  value: number;
  note?: number;
  /** Folded header texts by column (the header row and the two below it), to find named value columns. */
  texts: Map<number, string[]>;
  /** Header lines below the header row (a second line under merged headings, column numbering). */
  subRows: number;
  /** This period's column could not be told from the header: the candidates (one-column forms report it). */
  valueProblem?: { candidates: number[]; reason: string };
}

/** Locates forms in a workbook; `templates` are the candidates (one when the user chose it). */
export function locateWorkbook(grid: WorkbookGrid, templates: TemplateSpec[]): LocatedWorkbook {
  const byMarker = locateByMarker(grid, templates);
  if (byMarker) return byMarker;

  const sheets = grid.sheets.filter((s) => s.state === "visible" || grid.sheets.length === 1);
  // Lists (Phụ lục I) are found by their header; a table's section ends where a list begins.
  const listHeaders = templates.some((t) => t.forms.some(isListForm)) ? sheets.flatMap((sheet) => findListHeaders(sheet, templates)) : [];
  const sections = sheets.flatMap((sheet) =>
    findSections(
      sheet,
      listHeaders.filter((h) => h.sheet === sheet).map((h) => h.row),
    ),
  );
  const header = readHeader(grid);
  if (sections.length === 0 && listHeaders.length === 0) {
    return {
      template: undefined,
      forms: [],
      issues: [
        {
          kind: "no-form",
          sheet: grid.sheets[0]?.name ?? "",
          message: "không tìm thấy bảng biểu mẫu nào (cần dòng tiêu đề có STT, Chỉ tiêu thống kê, Số liệu)",
        },
      ],
      ...header,
    };
  }
  const written = sections.map((s) => ({ section: s, rows: readRows(s) }));

  const best = bestTemplate(templates, written, listHeaders);
  const lists = best ? locateLists(best.template, listHeaders) : { forms: [], issues: [] };
  if (!best || best.located.seen.size + lists.forms.length === 0) {
    return {
      template: undefined,
      forms: [],
      issues: [
        {
          kind: "no-form",
          sheet: (sections[0]?.sheet ?? sheets[0]).name,
          message: "có bảng số liệu nhưng không khớp biểu mẫu nào của các mẫu đã biết",
        },
      ],
      ...header,
    };
  }
  const forms = [...best.located.forms];
  const issues = [...best.located.issues];
  for (const list of lists.forms) {
    const existing = forms.find((f) => f.form.number === list.form.number);
    if (existing) issues.push(duplicateIssue(list.form.number, list.sheet, existing.sheet, list.list?.headerRow));
    else forms.push(list);
  }
  issues.push(...lists.issues);
  evaluateFormCells(grid, forms);
  const found = new Set([...best.located.seen, ...forms.map((f) => f.form.number)]);
  return {
    template: best.template,
    forms: forms.sort((a, b) => a.form.number - b.form.number),
    issues,
    missingForms: missingForms(best.template, found),
    ...header,
  };
}

/** The template's forms not found in the file (each is a warning; a unit with forms missing is not complete). */
function missingForms(template: TemplateSpec, found: Set<number>): FormSpec[] {
  return template.forms.filter((f) => !found.has(f.number));
}

type WrittenSections = { section: Section; rows: WrittenRow[] }[];

/** The template whose forms fit the sections best, matched fully. */
function bestTemplate(templates: TemplateSpec[], written: WrittenSections, listHeaders: ListHeader[]) {
  if (templates.length === 1) return { template: templates[0], located: matchSections(templates[0], written, false) };
  const key = voteKey(templates, written, listHeaders);
  let template = votes.get(templates)?.get(key);
  if (!template) {
    // Vote with the cheap pass (codes and labels that agree), then match the winner fully.
    let best: { template: TemplateSpec; score: number } | undefined;
    for (const candidate of templates) {
      const score = matchSections(candidate, written, true).score + listHeaders.filter((h) => h.template === candidate).length * 5;
      if (!best || score > best.score) best = { template: candidate, score };
    }
    if (!best) return undefined;
    template = best.template;
    rememberVote(templates, key, template);
  }
  return { template, located: matchSections(template, written, false) };
}

/**
 * Votes already taken, by candidate list and by everything the vote reads: each section's
 * form number and its rows' codes, labels (by their prepared key: the same raw text), units
 * and whether a value is there, and which template's list headers were found. Units copy
 * one template, so after the first file of a layout the others skip the vote.
 * A change to what the vote reads must change `voteKey`.
 */
const votes = new WeakMap<TemplateSpec[], Map<string, TemplateSpec>>();
const VOTES_PER_CANDIDATE_LIST = 256;

function rememberVote(templates: TemplateSpec[], key: string, template: TemplateSpec): void {
  let known = votes.get(templates);
  if (!known) votes.set(templates, (known = new Map()));
  if (known.size >= VOTES_PER_CANDIDATE_LIST) known.clear();
  known.set(key, template);
}

function voteKey(templates: TemplateSpec[], written: WrittenSections, listHeaders: ListHeader[]): string {
  const parts: string[] = [templates.map((t) => t.id).join(","), listHeaders.map((h) => h.template.id).join(",")];
  for (const { section, rows } of written) {
    parts.push(`#${section.formNumber ?? ""}`, String(section.titleRow ?? ""));
    for (const w of rows)
      parts.push(w.code, String(labelKey(w.label).id), w.unit, w.cell && w.cell.value !== null ? "1" : "0", w.title ?? "");
  }
  return parts.join("\u0001");
}

/** The lists of the chosen template among the list headers found (the first of each form counts). */
function locateLists(template: TemplateSpec, headers: ListHeader[]): { forms: LocatedForm[]; issues: LocateIssue[] } {
  const forms: LocatedForm[] = [];
  const issues: LocateIssue[] = [];
  for (const h of headers) {
    if (h.template !== template) continue;
    const existing = forms.find((f) => f.form.number === h.form.number);
    if (existing) {
      issues.push(duplicateIssue(h.form.number, h.sheet.name, existing.sheet, h.row));
      continue;
    }
    forms.push(listForm(h.form, h.sheet, "content", locateListAt(h.sheet, h.form, h.row, h.cols)));
  }
  return { forms, issues };
}

function listForm(form: FormSpec, sheet: SheetGrid, via: "marker" | "content", list: LocatedList): LocatedForm {
  return { form, sheet: sheet.name, via, valueCol: list.codeCol, rows: new Map(), stray: [], missing: [], renumbered: [], list };
}

/* ---------------------------------------------------------------- marker */

function locateByMarker(grid: WorkbookGrid, templates: TemplateSpec[]): LocatedWorkbook | undefined {
  const forms: LocatedForm[] = [];
  const issues: LocateIssue[] = [];
  let template: TemplateSpec | undefined;
  for (const sheet of grid.sheets) {
    const found = markerIn(sheet);
    if (!found) continue;
    const { marker, col: markerCol } = found;
    const t = templates.find((x) => x.id === marker.templateId);
    const form = t?.forms.find((f) => f.number === marker.form);
    if (!t || !form || (template && template.id !== t.id)) continue;
    template = t;
    if (forms.some((f) => f.form.number === form.number)) {
      issues.push(duplicateIssue(form.number, sheet.name, forms.find((f) => f.form.number === form.number)!.sheet));
      continue;
    }
    if (isListForm(form)) {
      const header = findListHeaders(sheet, [t]).find((h) => h.form === form);
      forms.push(listForm(form, sheet, "marker", locateListAt(sheet, form, header?.row, header?.cols)));
      continue;
    }
    const C = formColumns(form);
    const many = C.values.length > 1;
    const ids = new Map(form.rows.map((r) => [r.id, r]));
    const rows = new Map<string, LocatedRow>();
    const stray: StrayRow[] = [];
    const first = columnLetter(C.values[0]);
    for (let r = 2; r <= sheet.maxRow; r++) {
      const id = cellText(cellAt(sheet, r, markerCol));
      const spec = ids.get(id);
      const cell = cellAt(sheet, r, C.values[0]);
      if (spec) {
        rows.set(spec.id, {
          spec,
          row: r,
          address: `${first}${r}`,
          cell,
          ...(many ? { cells: C.values.map((c) => cellAt(sheet, r, c)), addresses: C.values.map((c) => `${columnLetter(c)}${r}`) } : {}),
          writtenCode: cellText(cellAt(sheet, r, C.code)),
          writtenLabel: cellText(cellAt(sheet, r, C.label)),
          note: cellText(cellAt(sheet, r, C.note)) || undefined,
        });
      } else if (r > 6 && id === "" && (cellText(cellAt(sheet, r, C.label)) || C.values.some((c) => cellAt(sheet, r, c)))) {
        // A row an officer inserted into our template.
        stray.push({
          row: r,
          address: `${first}${r}`,
          writtenCode: cellText(cellAt(sheet, r, C.code)),
          writtenLabel: cellText(cellAt(sheet, r, C.label)),
          cell,
        });
      }
    }
    forms.push({
      form,
      sheet: sheet.name,
      via: "marker",
      valueCol: C.values[0],
      rows,
      stray,
      missing: form.rows.filter((s) => !rows.has(s.id)),
      renumbered: [],
      ...(many ? { valueCols: C.values } : {}),
    });
  }
  if (!template) return undefined;
  evaluateFormCells(grid, forms);
  const found = new Set([...forms.map((f) => f.form.number), ...issues.map((i) => i.form ?? 0)]);
  return {
    template,
    forms: forms.sort((a, b) => a.form.number - b.form.number),
    issues,
    missingForms: missingForms(template, found),
    ...readHeader(grid),
  };
}

/** The form marker in row 1: column F for one-column forms, further right for forms with more columns. */
function markerIn(sheet: SheetGrid): { marker: { templateId: string; form: number }; col: number } | undefined {
  const atF = parseFormMarker(cellText(cellAt(sheet, 1, COL.marker)));
  if (atF) return { marker: atF, col: COL.marker };
  const row = sheet.rows[0] ?? [];
  for (let c = COL.marker + 1; c <= row.length; c++) {
    const text = cellText(row[c - 1]);
    if (!text.startsWith("bieumau:")) continue;
    const marker = parseFormMarker(text);
    if (marker) return { marker, col: c };
  }
  return undefined;
}

/* ------------------------------------------------------------- sections */

function findSections(sheet: SheetGrid, listRows: number[] = []): Section[] {
  const sections: Section[] = [];
  let pendingTitle: { row: number; number: number } | undefined;
  const sheetNumber = formNumberFromName(sheet.name);
  for (let r = 1; r <= sheet.maxRow; r++) {
    if (listRows.includes(r)) {
      // A list (Phụ lục I) below a table: the table ends above it, the list is read on its own.
      const current = sections[sections.length - 1];
      if (current && current.lastRow >= r) {
        // The list's title lines ("Phụ lục I", its name) are not rows of the table above.
        let end = (pendingTitle?.row ?? r) - 1;
        while (end > current.firstRow && isTitleLine(sheet, end)) end--;
        current.lastRow = end;
      }
      pendingTitle = undefined;
      const list = listEnd(sheet, r);
      r = list;
      continue;
    }
    const title = titleIn(sheet, r);
    if (title !== undefined) {
      pendingTitle = { row: r, number: title };
      continue;
    }
    const cols = headerColumns(sheet, r);
    if (!cols) continue;
    const current = sections[sections.length - 1];
    // A header repeated after a page break belongs to the form above it.
    if (current && !pendingTitle) continue;
    const sub = cols.subRows;
    sections.push({
      sheet,
      formNumber: pendingTitle?.number ?? (sections.length === 0 ? sheetNumber : undefined),
      titleRow: pendingTitle?.row,
      headerRow: r,
      firstRow: r + 1 + sub,
      lastRow: sheet.maxRow,
      cols,
    });
    if (current) current.lastRow = (pendingTitle?.row ?? r) - 1;
    pendingTitle = undefined;
    r += sub;
  }
  return sections;
}

/** An empty row, or one whose only text is in column A (a title merged across the table). */
function isTitleLine(sheet: SheetGrid, r: number): boolean {
  const cells = (sheet.rows[r - 1] ?? []).map((c, i) => ({ i, t: cellText(c).trim() })).filter((x) => x.t !== "");
  return cells.length === 0 || (cells.length === 1 && cells[0].i === 0 && !normalizeCode(cells[0].t));
}

/** The last row of a list that starts at header row `r`: up to the next table header, or the sheet's end. */
function listEnd(sheet: SheetGrid, r: number): number {
  for (let rr = r + 1; rr <= sheet.maxRow; rr++) if (headerColumns(sheet, rr)) return rr - 1;
  return sheet.maxRow;
}

/** A "Biểu mẫu N" title in a cell of the row ("Biểu mẫu 4: Cải cách bộ máy …" included). */
function titleIn(sheet: SheetGrid, r: number): number | undefined {
  const row = sheet.rows[r - 1];
  if (!row) return undefined;
  for (const cell of row) {
    const n = titleNumber(cellText(cell));
    if (n !== undefined) return n;
  }
  return undefined;
}

function formNumberFromName(name: string): number | undefined {
  const m = /^(?:bieu\s*(?:mau)?|bm|b)\s*(?:so)?\s*0*(\d{1,2})$/.exec(foldText(name));
  return m ? Number(m[1]) : undefined;
}

/** The header row of a form table: STT and Chỉ tiêu, with the value column found here or just below. */
function headerColumns(sheet: SheetGrid, r: number): Columns | undefined {
  const row = sheet.rows[r - 1];
  if (!row) return undefined;
  let code: number | undefined;
  let label: number | undefined;
  // Cheap test first: a header row has a short "STT"/"TT" cell.
  if (!row.some((cell) => typeof cell?.value === "string" && cell.value.length < 12 && /t\s*t/i.test(cell.value))) return undefined;
  row.forEach((cell, i) => {
    const f = foldText(cellText(cell));
    if (code === undefined && /^(stt|so tt|tt)\b/.test(f)) code = i + 1;
    if (label === undefined && /chi tieu/.test(f)) label = i + 1;
  });
  if (code === undefined || label === undefined) return undefined;
  const texts = new Map<number, string[]>();
  const cols: Partial<Columns> = { code, label, texts };
  for (let rr = r; rr <= Math.min(r + 2, sheet.maxRow); rr++) {
    (sheet.rows[rr - 1] ?? []).forEach((cell, i) => {
      const f = foldText(cellText(cell));
      const c = i + 1;
      if (c === code || c === label) return;
      if (f) texts.set(c, [...(texts.get(c) ?? []), f]);
    });
  }
  const sub = subHeaderRows(sheet, r, code, label);
  const header = headerLines(sheet, r, r + sub, label);
  for (const h of header) {
    if (h.own.some((t) => /^(don vi tinh|dvt)\b/.test(t))) cols.unit ??= h.col;
    else if (h.own.some((t) => /^ghi chu\b/.test(t))) cols.note ??= h.col;
  }
  const candidates = header.filter((h) => h.col !== cols.unit && h.col !== cols.note);
  const fallback = cols.unit !== undefined ? cols.unit + 1 : label + 1;
  const choice = chooseValueColumn(candidates, fallback);
  cols.value = choice.ok ? choice.col : fallback;
  if (!choice.ok) cols.valueProblem = { candidates: choice.candidates, reason: choice.reason };
  cols.subRows = sub;
  return cols as Columns;
}

/** Header texts (folded) of the columns right of the label, rows `top`..`bottom`, with merged group headers. */
function headerLines(sheet: SheetGrid, top: number, bottom: number, label: number): HeaderColumn[] {
  const byCol = new Map<number, HeaderColumn>();
  const at = (c: number) => {
    let h = byCol.get(c);
    if (!h) byCol.set(c, (h = { col: c, own: [], inherited: [] }));
    return h;
  };
  for (let rr = top; rr <= bottom; rr++) {
    (sheet.rows[rr - 1] ?? []).forEach((cell, i) => {
      const f = foldText(cellText(cell));
      if (f && i + 1 > label) at(i + 1).own.push(f);
    });
  }
  for (const m of sheet.merges) {
    if (m.top < top || m.top > bottom || m.right === m.left) continue;
    const f = foldText(cellText(cellAt(sheet, m.top, m.left)));
    if (!f) continue;
    for (let c = Math.max(m.left + 1, label + 1); c <= m.right; c++) at(c).inherited.push(f);
  }
  return [...byCol.values()].sort((a, b) => a.col - b.col);
}

/**
 * Rows right below the header that are still header: a second line under a
 * merged heading ("Đơn vị tính | Thực hiện", "Kỳ trước | Kỳ này"), or the
 * column numbering "(1) (2) (3)". Such a row has no code and no label of its own.
 */
function subHeaderRows(sheet: SheetGrid, r: number, code: number, label: number): number {
  let n = 0;
  for (let rr = r + 1; rr <= Math.min(r + 3, sheet.maxRow); rr++) {
    const cells = (sheet.rows[rr - 1] ?? []).map((c) => foldText(cellText(c)));
    const texts = cells.filter(Boolean);
    if (texts.length === 0) break;
    const codeText = squash(cellText(cellAt(sheet, rr, code)));
    const labelText = squash(cellText(cellAt(sheet, rr, label)));
    const isNumbering = /^\(?(1|a)\)?$/i.test(codeText) && /^\(?(2|b)\)?$/i.test(labelText);
    const unlabelled = !normalizeCode(codeText) && (!labelText || isHeaderText(labelText));
    const headerish = texts.every((t) => isHeaderText(t) || /^\(?\d{1,2}\)?$/.test(t));
    if (!isNumbering && !(unlabelled && headerish)) break;
    n++;
  }
  return n;
}

function readRows(section: Section): WrittenRow[] {
  const { sheet, cols } = section;
  const rows: WrittenRow[] = [];
  for (let r = section.firstRow; r <= section.lastRow; r++) {
    let code = squash(cellText(cellAt(sheet, r, cols.code)));
    let label = squash(cellText(cellAt(sheet, r, cols.label)));
    const unit = cols.unit ? squash(cellText(cellAt(sheet, r, cols.unit))) : "";
    const cell = cellAt(sheet, r, cols.value);
    const note = cols.note ? squash(cellText(cellAt(sheet, r, cols.note))) : "";
    if (!code && !label && (!cell || cell.value === null)) {
      // A title line written outside the table's columns ("CẢI CÁCH THỂ CHẾ" in column A).
      const title = rowText(sheet, r);
      if (title && !unit) rows.push({ row: r, code: "", normalized: "", label: "", unit, cell: undefined, title });
      continue;
    }
    if (/chi tieu thong ke/.test(foldText(label)) || foldText(code) === "stt") continue; // repeated header
    if (!code && !label && isHeaderText(unit) && isHeaderText(cellText(cell))) continue; // its second line
    if (!normalizeCode(code) && code && !label) {
      const split = splitLeadingCode(code);
      if (split) {
        code = split.code;
        label = split.rest;
      }
    } else if (!code && label) {
      const split = splitLeadingCode(label);
      if (split) {
        code = split.code;
        label = split.rest;
      }
    }
    const normalized = normalizeCode(code);
    const row: WrittenRow = { row: r, code, normalized, label, unit, cell, note: note || undefined };
    // A line with words only may be a form's title ("I. CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH CCHC", "Biểu mẫu 2: …").
    if (!unit && (!cell || cell.value === null) && !/\./.test(normalized)) row.title = rowText(sheet, r);
    rows.push(row);
  }
  return rows;
}

/** The words of a row that holds no number (a title line), or "" when it holds one. */
function rowText(sheet: SheetGrid, r: number): string {
  const parts: string[] = [];
  for (const cell of sheet.rows[r - 1] ?? []) {
    if (!cell || cell.value === null) continue;
    if (typeof cell.value !== "string") return "";
    const t = squash(cell.value);
    if (t) parts.push(t);
  }
  return parts.join(" ");
}

/** Words of a table header's second line; "Năm 2023" names a value column of a form with several. */
const HEADER_WORDS = /^(don vi tinh|dvt|so lieu|so luong|ty le|ket qua|ghi chu|nam \d{4}$)/;

function isHeaderText(text: string): boolean {
  const f = foldText(text);
  return f === "" || HEADER_WORDS.test(f) || headerMeaning(f) !== "none";
}

/* -------------------------------------------------------------- matching */

/** A run of rows of one section that belongs to one form: after a title line, or where codes start again at 1. */
interface Segment {
  section: Section;
  rows: WrittenRow[];
  /** The form named by a title (above the header or a title line in the table). */
  form?: FormSpec;
  /** The row of that title, for messages. */
  titleRow?: number;
}

/**
 * Splits a section's rows into the forms they hold: at each title line that names
 * a form of `template` ("Biểu mẫu 2", "CẢI CÁCH THỂ CHẾ") and, in a run without
 * a title, where the top-level code falls back ("6" then "1"). Untitled runs are
 * later given the form their rows fit best, and neighbouring runs of one form join.
 */
function segmentsOf(section: Section, rows: WrittenRow[], template: TemplateSpec): Segment[] {
  const first =
    section.formNumber !== undefined ? template.forms.find((f) => f.number === section.formNumber && !isListForm(f)) : undefined;
  const segments: Segment[] = [{ section, rows: [], form: first, titleRow: section.titleRow }];
  let lastTop = 0;
  for (const w of rows) {
    const titled = w.title !== undefined ? formOfTitle(w.title, template) : undefined;
    const topCode = /^\d+$/.test(w.normalized) ? Number(w.normalized) : undefined;
    if (titled && (topCode === undefined || topCode === titled.number) && !hasValue(w)) {
      segments.push({ section, rows: [], form: titled, titleRow: w.row });
      lastTop = 0;
      continue;
    }
    const top = /^\d+/.exec(w.normalized);
    if (top) {
      const n = Number(top[0]);
      if (n < lastTop && segments[segments.length - 1].rows.length > 0) segments.push({ section, rows: [] });
      lastTop = n;
    }
    if (w.code || w.label || hasValue(w)) segments[segments.length - 1].rows.push(w);
  }
  return segments.filter((s) => s.rows.length > 0);
}

function hasValue(w: WrittenRow): boolean {
  return w.cell !== undefined && w.cell.value !== null && w.cell.value !== "";
}

/** The form an untitled run's rows fit best (codes and labels), with its score; lists excluded. */
function bestForm(template: TemplateSpec, rows: WrittenRow[]): { form: FormSpec; score: number } | undefined {
  let best: { form: FormSpec; score: number } | undefined;
  for (const form of template.forms) {
    if (isListForm(form)) continue;
    const m = matchRows(form, rows, true);
    if (m.pairs.length > 0 && (!best || m.score > best.score)) best = { form, score: m.score };
  }
  return best;
}

/** Segments with their forms decided; consecutive runs of one form (a titled form and its untitled continuation) joined. */
function assignForms(template: TemplateSpec, segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const seg of segments) {
    const prev = out[out.length - 1];
    let form = seg.form;
    if (!form) {
      const best = bestForm(template, seg.rows);
      form = best?.form;
      // Codes that fall back inside a form (a typo, a sub-numbering) stay with it unless another form fits far better.
      if (best && prev?.form && prev.section === seg.section && best.form !== prev.form) {
        const stay = matchRows(prev.form, seg.rows, true).score;
        if (stay > 0 && stay >= best.score * 0.6) form = prev.form;
      }
    }
    if (prev && form && prev.form === form && (!seg.form || seg.titleRow === undefined) && prev.section === seg.section) {
      prev.rows.push(...seg.rows);
      continue;
    }
    out.push({ ...seg, form });
  }
  return out;
}

function matchSections(template: TemplateSpec, written: { section: Section; rows: WrittenRow[] }[], quick: boolean) {
  const forms: LocatedForm[] = [];
  const issues: LocateIssue[] = [];
  const seen = new Set<number>();
  let score = 0;
  for (const { section, rows } of written) {
    for (const seg of assignForms(template, segmentsOf(section, rows, template))) {
      const match = seg.form ? matchRows(seg.form, seg.rows, quick) : undefined;
      const where = seg.titleRow ?? seg.rows[0]?.row ?? section.headerRow;
      if (!seg.form || !match || match.pairs.length === 0) {
        issues.push({
          kind: "unknown-section",
          sheet: section.sheet.name,
          row: where,
          message: `bảng ở dòng ${where} không khớp biểu mẫu nào của mẫu ${template.id}`,
        });
        score -= seg.rows.length * 0.5;
        continue;
      }
      score += match.score;
      const form = seg.form;
      const existing = forms.find((f) => f.form.number === form.number);
      if (existing || seen.has(form.number)) {
        issues.push(duplicateIssue(form.number, section.sheet.name, existing?.sheet ?? section.sheet.name, where));
        continue;
      }
      seen.add(form.number);
      const names = valueColumnsOf(form);
      if (names.length === 1 && section.cols.valueProblem) {
        issues.push(ambiguousColumnIssue(form, section, section.cols.valueProblem));
        continue;
      }
      const valueCols = valueColumnsIn(section, form);
      valueCols.forEach((c, i) => {
        if (c === 0) issues.push(missingColumnIssue(form, section, names[i]));
      });
      forms.push(locatedForm(form, section, match, valueCols));
    }
  }
  return { forms: forms.sort((a, b) => a.form.number - b.form.number), issues, score, seen };
}

function locatedForm(form: FormSpec, section: Section, match: RowMatch, valueCols: number[]): LocatedForm {
  const firstCol = valueCols.find((c) => c > 0)!;
  const rows = new Map<string, LocatedRow>();
  for (const { spec, written: w } of match.pairs) {
    const row: LocatedRow = {
      spec,
      row: w.row,
      address: `${columnLetter(firstCol)}${w.row}`,
      cell: w.cell,
      writtenCode: w.code,
      writtenLabel: w.label,
      note: w.note,
    };
    if (valueCols.length > 1) {
      row.cells = valueCols.map((c) => (c > 0 ? cellAt(section.sheet, w.row, c) : undefined));
      row.addresses = valueCols.map((c) => (c > 0 ? `${columnLetter(c)}${w.row}` : ""));
      row.cell = row.cells[valueCols.indexOf(firstCol)];
    }
    rows.set(spec.id, row);
  }
  return {
    form,
    sheet: section.sheet.name,
    via: "content",
    valueCol: firstCol,
    rows,
    stray: match.stray.map((w) => ({
      row: w.row,
      address: `${columnLetter(firstCol)}${w.row}`,
      writtenCode: w.code,
      writtenLabel: w.label,
      cell: w.cell,
    })),
    missing: form.rows.filter((s) => !rows.has(s.id)),
    renumbered: match.renumbered,
    ...(valueCols.length > 1 ? { valueCols } : {}),
  };
}

function missingColumnIssue(form: FormSpec, section: Section, name: string): LocateIssue {
  return {
    kind: "missing-column",
    sheet: section.sheet.name,
    row: section.headerRow,
    form: form.number,
    message: `${form.caption ?? `Biểu mẫu ${form.number}`} (trang "${section.sheet.name}") không có cột "${name}"; các số của cột này coi như chưa báo cáo`,
  };
}

/** This period's column cannot be told from the header: an error naming the candidates, never a guess. */
function ambiguousColumnIssue(form: FormSpec, section: Section, problem: { candidates: number[]; reason: string }): LocateIssue {
  const names = problem.candidates.map((c) => {
    const title = headerTitle(section, c);
    return `${columnLetter(c)}${title ? ` ("${title}")` : ""}`;
  });
  return {
    kind: "ambiguous-column",
    sheet: section.sheet.name,
    row: section.headerRow,
    form: form.number,
    message: `${form.caption ?? `Biểu mẫu ${form.number}`} (trang "${section.sheet.name}"): không xác định được cột số liệu của kỳ này (${problem.reason}); các cột có thể là: ${names.join(", ")}. Không đọc số liệu của biểu này; hãy ghi rõ tiêu đề cột "Kỳ này" (hoặc xóa các cột của kỳ khác)`,
  };
}

/** The header text of a column as written (its lines joined), for messages. */
function headerTitle(section: Section, col: number): string {
  const lines: string[] = [];
  for (let r = section.headerRow; r < section.firstRow; r++) {
    const t = squash(cellText(cellAt(section.sheet, r, col)));
    if (t) lines.push(t);
  }
  return lines.join(" / ");
}

/**
 * The sheet columns of a form's value columns: each named column ("Năm 2023")
 * where the header names it (folded text). When the header names none of them
 * ("Số liệu", two unnamed columns), they are taken in order from the first value
 * column; when it names some, the others are missing (0), never guessed.
 */
function valueColumnsIn(section: Section, form: FormSpec): number[] {
  const names = valueColumnsOf(form);
  if (names.length === 1) return [section.cols.value];
  const { code, label, unit, note, texts } = section.cols;
  const taken = new Set([code, label, unit, note].filter((c): c is number => c !== undefined));
  const found = names.map((name) => {
    const f = foldText(name);
    const named = (pred: (t: string) => boolean) => [...texts].find(([c, ts]) => !taken.has(c) && ts.some(pred))?.[0];
    const col = named((t) => t === f) ?? named((t) => t.includes(f) || (f.includes(t) && /\d/.test(t)));
    if (col !== undefined) taken.add(col);
    return col;
  });
  if (found.every((c) => c === undefined)) return names.map((_, i) => section.cols.value + i);
  return found.map((c) => c ?? 0);
}

function duplicateIssue(form: number, sheet: string, firstSheet: string, row?: number): LocateIssue {
  return {
    kind: "duplicate-form",
    sheet,
    row,
    form,
    message: `Biểu mẫu ${form} xuất hiện hai lần (trang "${firstSheet}" và trang "${sheet}"${row ? ` dòng ${row}` : ""}); chỉ dùng bản ở trang "${firstSheet}"`,
  };
}

/* --------------------------------------------------------------- header */

// The header block (unit and period) is read in header.ts; re-exported for callers of this module.
export { readHeader } from "./header";
