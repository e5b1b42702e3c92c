/**
 * Finding the forms in a received workbook: which template, which forms,
 * and where each row's value is. By the hidden marker when our template
 * wrote the file; otherwise by content, as an officer would: "Biểu mẫu N"
 * titles, the STT / Chỉ tiêu / Đơn vị tính / Số liệu header, codes and labels.
 */
import { isListForm, printedCode, valueColumnsOf } from "../catalog";
import type { FormSpec, RowSpec, TemplateSpec } from "../catalog/types";
import { COL, formColumns, parseFormMarker } from "./form-layout";
import { findListHeaders, type ListHeader, locateListAt, type LocatedList } from "./locate-list";
import { columnLetter } from "./formulas";
import { type Cell, cellAt, cellText, type SheetGrid, type WorkbookGrid } from "./grid";
import { readHeader } from "./header";
import { foldText, labelKey, type LabelKey, labelSimilarity, normalizeCode, splitLeadingCode, squash } from "./text";

const keyOf = (spec: RowSpec): LabelKey => labelKey(spec.label);

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
}

export interface LocateIssue {
  kind: "duplicate-form" | "unknown-section" | "no-form" | "missing-column";
  sheet: string;
  row?: number;
  form?: number;
  message: string;
}

export interface LocatedWorkbook {
  template: TemplateSpec | undefined;
  forms: LocatedForm[];
  issues: LocateIssue[];
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
}

interface WrittenRow {
  row: number;
  code: string;
  /** `code` normalised ("2.1." → "2.1"), once. */
  normalized: string;
  label: string;
  unit: string;
  cell: Cell | undefined;
  note?: string;
}

const TITLE_RE = /^bieu\s*(?:mau)?\s*(?:so)?\s*0*(\d{1,2})\b/;

/** Locates forms in a workbook; `templates` are the candidates (one when the user chose it). */
export function locateWorkbook(grid: WorkbookGrid, templates: TemplateSpec[]): LocatedWorkbook {
  const byMarker = locateByMarker(grid, templates);
  if (byMarker) return byMarker;

  const sheets = grid.sheets.filter((s) => s.state === "visible" || grid.sheets.length === 1);
  // Lists (Phụ lục I) are found by their header; a table's section ends where a list begins.
  const listHeaders = templates.some((t) => t.forms.some(isListForm)) ? sheets.flatMap((sheet) => findListHeaders(sheet, templates)) : [];
  const sections = sheets.flatMap((sheet) => findSections(sheet, listHeaders.filter((h) => h.sheet === sheet).map((h) => h.row)));
  const header = readHeader(grid);
  if (sections.length === 0 && listHeaders.length === 0) {
    return {
      template: undefined,
      forms: [],
      issues: [{ kind: "no-form", sheet: grid.sheets[0]?.name ?? "", message: "không tìm thấy bảng biểu mẫu nào (cần dòng tiêu đề có STT, Chỉ tiêu thống kê, Số liệu)" }],
      ...header,
    };
  }
  const written = sections.map((s) => ({ section: s, rows: readRows(s) }));

  let best: { template: TemplateSpec; score: number; located: ReturnType<typeof matchSections> } | undefined;
  // Vote with the cheap pass (codes and labels that agree), then match the winner fully.
  for (const template of templates) {
    const located = matchSections(template, written, templates.length > 1);
    const score = located.score + listHeaders.filter((h) => h.template === template).length * 5;
    if (!best || score > best.score) best = { template, score, located };
  }
  if (best && templates.length > 1) best = { ...best, located: matchSections(best.template, written, false) };
  const lists = best ? locateLists(best.template, listHeaders) : { forms: [], issues: [] };
  if (!best || best.located.forms.length + lists.forms.length === 0) {
    return {
      template: undefined,
      forms: [],
      issues: [{ kind: "no-form", sheet: (sections[0]?.sheet ?? sheets[0]).name, message: "có bảng số liệu nhưng không khớp biểu mẫu nào của các mẫu đã biết" }],
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
  return { template: best.template, forms: forms.sort((a, b) => a.form.number - b.form.number), issues, ...header };
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
        stray.push({ row: r, address: `${first}${r}`, writtenCode: cellText(cellAt(sheet, r, C.code)), writtenLabel: cellText(cellAt(sheet, r, C.label)), cell });
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
  return { template, forms: forms.sort((a, b) => a.form.number - b.form.number), issues, ...readHeader(grid) };
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
    const sub = subHeaderRows(sheet, r, cols);
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

/** "Biểu mẫu 3", "BIỂU MẪU SỐ 03", "Biểu 3" alone in a cell of the row. */
function titleIn(sheet: SheetGrid, r: number): number | undefined {
  const row = sheet.rows[r - 1];
  if (!row) return undefined;
  for (const cell of row) {
    const text = cellText(cell);
    if (!text || text.length > 40 || !/^\s*b/i.test(text)) continue;
    const m = TITLE_RE.exec(foldText(text));
    if (m) return Number(m[1]);
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
      if (/^(don vi tinh|dvt)/.test(f)) cols.unit ??= c;
      else if (/^(so lieu|so luong|ty le|gia tri|ket qua thuc hien|so lieu thong ke)/.test(f) && !/ket qua thong ke/.test(f)) cols.value ??= c;
      else if (/^ghi chu/.test(f)) cols.note ??= c;
    });
  }
  cols.value ??= cols.unit !== undefined ? cols.unit + 1 : label + 1;
  return cols as Columns;
}

/** Rows right below the header that are still header (sub-headings, column numbering). */
function subHeaderRows(sheet: SheetGrid, r: number, cols: Columns): number {
  let n = 0;
  for (let rr = r + 1; rr <= Math.min(r + 3, sheet.maxRow); rr++) {
    const texts = (sheet.rows[rr - 1] ?? []).map((c) => foldText(cellText(c))).filter(Boolean);
    if (texts.length === 0) break;
    const headerish = texts.every((t) => HEADER_WORDS.test(t) || /^\(?\d{1,2}\)?/.test(t) || /^\(?\d\)?$/.test(t));
    const codeText = cellText(cellAt(sheet, rr, cols.code));
    const isNumbering = /^\(?1\)?$/.test(squash(codeText)) && /^\(?2\)?$/.test(squash(cellText(cellAt(sheet, rr, cols.label))));
    if (!headerish && !isNumbering) break;
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
    if (!code && !label && (!cell || cell.value === null)) continue;
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
    rows.push({ row: r, code, normalized: normalizeCode(code), label, unit, cell, note: note || undefined });
  }
  return rows;
}

/** Words of a table header's second line; "Năm 2023" names a value column of a form with several. */
const HEADER_WORDS = /^(don vi tinh|dvt|so lieu|so luong|ty le|ket qua|ghi chu|nam \d{4}$)/;

function isHeaderText(text: string): boolean {
  const f = foldText(text);
  return f === "" || HEADER_WORDS.test(f);
}

/* -------------------------------------------------------------- matching */

const CODE_BONUS = 0.3;
const STRONG_LABEL = 0.82;
const WEAK_LABEL_WITH_CODE = 0.45;

function matchSections(template: TemplateSpec, written: { section: Section; rows: WrittenRow[] }[], quick: boolean) {
  const forms: LocatedForm[] = [];
  const issues: LocateIssue[] = [];
  let score = 0;
  for (const { section, rows } of written) {
    let form = section.formNumber !== undefined ? template.forms.find((f) => f.number === section.formNumber && !isListForm(f)) : undefined;
    let match = form ? matchRows(form, rows, quick) : undefined;
    if (!form) {
      // No title: the form whose rows fit best (lists are found by their own header).
      for (const candidate of template.forms) {
        if (isListForm(candidate)) continue;
        const m = matchRows(candidate, rows, quick);
        if (!match || m.score > match.score) {
          match = m;
          form = candidate;
        }
      }
    }
    if (!form || !match || match.rows.size === 0) {
      issues.push({
        kind: "unknown-section",
        sheet: section.sheet.name,
        row: section.headerRow,
        message: `bảng ở dòng ${section.headerRow} không khớp biểu mẫu nào của mẫu ${template.id}`,
      });
      score -= rows.length * 0.5;
      continue;
    }
    score += match.score;
    const existing = forms.find((f) => f.form.number === form!.number);
    if (existing) {
      issues.push(duplicateIssue(form.number, section.sheet.name, existing.sheet, section.titleRow ?? section.headerRow));
      continue;
    }
    const valueCols = valueColumnsIn(section, form);
    const names = valueColumnsOf(form);
    valueCols.forEach((c, i) => {
      if (c === 0) {
        issues.push({
          kind: "missing-column",
          sheet: section.sheet.name,
          row: section.headerRow,
          form: form!.number,
          message: `${form!.caption ?? `Biểu mẫu ${form!.number}`} (trang "${section.sheet.name}") không có cột "${names[i]}"; các số của cột này coi như chưa báo cáo`,
        });
      }
    });
    const firstCol = valueCols.find((c) => c > 0)!;
    forms.push({
      form,
      sheet: section.sheet.name,
      via: "content",
      valueCol: firstCol,
      rows: match.rows,
      stray: match.stray.map((w) => ({ row: w.row, address: `${columnLetter(firstCol)}${w.row}`, writtenCode: w.code, writtenLabel: w.label, cell: w.cell })),
      missing: form.rows.filter((s) => !match!.rows.has(s.id)),
      renumbered: match.renumbered,
      ...(valueCols.length > 1 ? { valueCols } : {}),
    });
    for (const row of match.rows.values()) {
      row.address = `${columnLetter(firstCol)}${row.row}`;
      if (valueCols.length > 1) {
        row.cells = valueCols.map((c) => (c > 0 ? cellAt(section.sheet, row.row, c) : undefined));
        row.addresses = valueCols.map((c) => (c > 0 ? `${columnLetter(c)}${row.row}` : ""));
        row.cell = row.cells[valueCols.indexOf(firstCol)];
      }
    }
  }
  return { forms: forms.sort((a, b) => a.form.number - b.form.number), issues, score };
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

interface RowMatch {
  rows: Map<string, LocatedRow>;
  stray: WrittenRow[];
  renumbered: LocatedForm["renumbered"];
  score: number;
}

/** Pairs written rows with template rows: same code and similar label first, then label alone. */
/** A form's rows by printed code (codes may repeat across sections: rows with `stt`) and their order; built once per form. */
const formIndexes = new WeakMap<FormSpec, { byCode: Map<string, RowSpec[]>; index: Map<string, number> }>();
function indexesOf(form: FormSpec): { byCode: Map<string, RowSpec[]>; index: Map<string, number> } {
  let x = formIndexes.get(form);
  if (!x) {
    const byCode = new Map<string, RowSpec[]>();
    for (const r of form.rows) {
      for (const c of r.stt !== undefined ? [r.code, printedCode(r)] : [r.code]) {
        if (c === "") continue; // uncoded rows are matched by label
        const list = byCode.get(c);
        if (list) list.push(r);
        else byCode.set(c, [r]);
      }
    }
    x = { byCode, index: new Map(form.rows.map((r, i) => [r.id, i])) };
    formIndexes.set(form, x);
  }
  return x;
}

function matchRows(form: FormSpec, written: WrittenRow[], quick = false): RowMatch {
  const { byCode, index } = indexesOf(form);
  const wkey = (w: WrittenRow) => labelKey(w.label);
  const used = new Set<string>();
  const assigned = new Map<WrittenRow, { spec: RowSpec; sim: number }>();

  // Pass 1: code agrees and the label is recognisably the same (or absent).
  for (const w of written) {
    const specs = byCode.get(w.normalized);
    if (!specs) continue;
    let best: { spec: RowSpec; sim: number } | undefined;
    for (const spec of specs) {
      if (used.has(spec.id)) continue;
      const sim = w.label ? labelSimilarity(wkey(w), keyOf(spec)) : WEAK_LABEL_WITH_CODE;
      if (sim >= WEAK_LABEL_WITH_CODE && (!best || sim > best.sim)) best = { spec, sim };
    }
    if (best) {
      assigned.set(w, best);
      used.add(best.spec.id);
    }
  }
  // Pass 2: label alone, for renumbered or uncoded rows (skipped while only voting on the template).
  // Equal labels ("Số nhiệm vụ đã hoàn thành" under two groups) go to the template row nearest
  // after the row matched above the written one.
  const candidates: { w: WrittenRow; spec: RowSpec; sim: number; distance: number }[] = [];
  let anchor = -1;
  for (const w of quick ? [] : written) {
    const a = assigned.get(w);
    if (a) {
      anchor = index.get(a.spec.id)!;
      continue;
    }
    if (!w.label) continue;
    for (const spec of form.rows) {
      if (used.has(spec.id)) continue;
      const sim = labelSimilarity(wkey(w), keyOf(spec));
      const i = index.get(spec.id)!;
      if (sim >= STRONG_LABEL) candidates.push({ w, spec, sim, distance: i > anchor ? i - anchor : form.rows.length + anchor - i });
    }
  }
  candidates.sort((a, b) => b.sim - a.sim || a.distance - b.distance);
  for (const c of candidates) {
    if (assigned.has(c.w) || used.has(c.spec.id)) continue;
    assigned.set(c.w, { spec: c.spec, sim: c.sim });
    used.add(c.spec.id);
  }

  const rows = new Map<string, LocatedRow>();
  const renumbered: LocatedForm["renumbered"] = [];
  const stray: WrittenRow[] = [];
  let score = 0;
  for (const w of written) {
    const a = assigned.get(w);
    if (!a) {
      // Section headings without value that merely continue a label are not worth a finding.
      if (w.code || (w.cell && w.cell.value !== null)) stray.push(w);
      score -= 0.5;
      continue;
    }
    const writtenCode = w.normalized;
    const codeAgrees = writtenCode === a.spec.code || (a.spec.stt !== undefined && writtenCode === a.spec.stt);
    score += a.sim + (codeAgrees ? CODE_BONUS : 0);
    if (!codeAgrees && w.code) renumbered.push({ spec: a.spec, writtenCode: w.code, row: w.row });
    rows.set(a.spec.id, {
      spec: a.spec,
      row: w.row,
      address: "",
      cell: w.cell,
      writtenCode: w.code,
      writtenLabel: w.label,
      note: w.note,
    });
  }
  return { rows, stray, renumbered, score };
}

/* --------------------------------------------------------------- header */

// The header block (unit and period) is read in header.ts; re-exported for callers of this module.
export { readHeader } from "./header";
