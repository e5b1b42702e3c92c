/**
 * Finding the forms in a received workbook: which template, which forms,
 * and where each row's value is. By the hidden marker when our template
 * wrote the file; otherwise by content, as an officer would: "Biểu mẫu N"
 * titles, the STT / Chỉ tiêu / Đơn vị tính / Số liệu header, codes and labels.
 */
import type { FormSpec, RowSpec, TemplateSpec } from "../catalog/types";
import { COL, parseFormMarker } from "./form-layout";
import { columnLetter } from "./formulas";
import { type Cell, cellAt, cellText, type SheetGrid, type WorkbookGrid } from "./grid";
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
}

export interface LocateIssue {
  kind: "duplicate-form" | "unknown-section" | "no-form";
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
}

interface WrittenRow {
  row: number;
  code: string;
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

  const sections = grid.sheets.filter((s) => s.state === "visible" || grid.sheets.length === 1).flatMap(findSections);
  const header = readHeader(grid);
  if (sections.length === 0) {
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
    if (!best || located.score > best.score) best = { template, score: located.score, located };
  }
  if (best && templates.length > 1) best = { ...best, located: matchSections(best.template, written, false) };
  if (!best || best.located.forms.length === 0) {
    return {
      template: undefined,
      forms: [],
      issues: [{ kind: "no-form", sheet: sections[0].sheet.name, message: "có bảng số liệu nhưng không khớp biểu mẫu nào của các mẫu đã biết" }],
      ...header,
    };
  }
  return { template: best.template, forms: best.located.forms, issues: best.located.issues, ...header };
}

/* ---------------------------------------------------------------- marker */

function locateByMarker(grid: WorkbookGrid, templates: TemplateSpec[]): LocatedWorkbook | undefined {
  const forms: LocatedForm[] = [];
  const issues: LocateIssue[] = [];
  let template: TemplateSpec | undefined;
  for (const sheet of grid.sheets) {
    const marker = parseFormMarker(cellText(cellAt(sheet, 1, COL.marker)));
    if (!marker) continue;
    const t = templates.find((x) => x.id === marker.templateId);
    const form = t?.forms.find((f) => f.number === marker.form);
    if (!t || !form || (template && template.id !== t.id)) continue;
    template = t;
    if (forms.some((f) => f.form.number === form.number)) {
      issues.push(duplicateIssue(form.number, sheet.name, forms.find((f) => f.form.number === form.number)!.sheet));
      continue;
    }
    const ids = new Map(form.rows.map((r) => [r.id, r]));
    const rows = new Map<string, LocatedRow>();
    const stray: StrayRow[] = [];
    for (let r = 2; r <= sheet.maxRow; r++) {
      const id = cellText(cellAt(sheet, r, COL.marker));
      const spec = ids.get(id);
      const cell = cellAt(sheet, r, COL.value);
      if (spec) {
        rows.set(spec.id, {
          spec,
          row: r,
          address: `${columnLetter(COL.value)}${r}`,
          cell,
          writtenCode: cellText(cellAt(sheet, r, COL.code)),
          writtenLabel: cellText(cellAt(sheet, r, COL.label)),
          note: cellText(cellAt(sheet, r, COL.note)) || undefined,
        });
      } else if (r > 6 && id === "" && (cellText(cellAt(sheet, r, COL.label)) || cell)) {
        // A row an officer inserted into our template.
        stray.push({ row: r, address: `${columnLetter(COL.value)}${r}`, writtenCode: cellText(cellAt(sheet, r, COL.code)), writtenLabel: cellText(cellAt(sheet, r, COL.label)), cell });
      }
    }
    forms.push({
      form,
      sheet: sheet.name,
      via: "marker",
      valueCol: COL.value,
      rows,
      stray,
      missing: form.rows.filter((s) => !rows.has(s.id)),
      renumbered: [],
    });
  }
  if (!template) return undefined;
  return { template, forms: forms.sort((a, b) => a.form.number - b.form.number), issues, ...readHeader(grid) };
}

/* ------------------------------------------------------------- sections */

function findSections(sheet: SheetGrid): Section[] {
  const sections: Section[] = [];
  let pendingTitle: { row: number; number: number } | undefined;
  const sheetNumber = formNumberFromName(sheet.name);
  for (let r = 1; r <= sheet.maxRow; r++) {
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
  const cols: Partial<Columns> = { code, label };
  for (let rr = r; rr <= Math.min(r + 2, sheet.maxRow); rr++) {
    (sheet.rows[rr - 1] ?? []).forEach((cell, i) => {
      const f = foldText(cellText(cell));
      const c = i + 1;
      if (c === code || c === label) return;
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
    const headerish = texts.every((t) => /^(don vi tinh|dvt|so lieu|so luong|ty le|ket qua|ghi chu|\(?\d{1,2}\)?)/.test(t) || /^\(?\d\)?$/.test(t));
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
    rows.push({ row: r, code, label, unit, cell, note: note || undefined });
  }
  return rows;
}

function isHeaderText(text: string): boolean {
  const f = foldText(text);
  return f === "" || /^(don vi tinh|dvt|so lieu|so luong|ty le|ket qua|ghi chu)/.test(f);
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
    let form = section.formNumber !== undefined ? template.forms.find((f) => f.number === section.formNumber) : undefined;
    let match = form ? matchRows(form, rows, quick) : undefined;
    if (!form) {
      // No title: the form whose rows fit best.
      for (const candidate of template.forms) {
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
    forms.push({
      form,
      sheet: section.sheet.name,
      via: "content",
      valueCol: section.cols.value,
      rows: match.rows,
      stray: match.stray.map((w) => ({ row: w.row, address: `${columnLetter(section.cols.value)}${w.row}`, writtenCode: w.code, writtenLabel: w.label, cell: w.cell })),
      missing: form.rows.filter((s) => !match!.rows.has(s.id)),
      renumbered: match.renumbered,
    });
    for (const row of match.rows.values()) row.address = `${columnLetter(section.cols.value)}${row.row}`;
  }
  return { forms: forms.sort((a, b) => a.form.number - b.form.number), issues, score };
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
function matchRows(form: FormSpec, written: WrittenRow[], quick = false): RowMatch {
  const byCode = new Map(form.rows.map((r) => [r.code, r]));
  const wkey = (w: WrittenRow) => labelKey(w.label);
  const used = new Set<string>();
  const assigned = new Map<WrittenRow, { spec: RowSpec; sim: number }>();

  // Pass 1: code agrees and the label is recognisably the same (or absent).
  for (const w of written) {
    const spec = byCode.get(normalizeCode(w.code));
    if (!spec || used.has(spec.id)) continue;
    const sim = w.label ? labelSimilarity(wkey(w), keyOf(spec)) : WEAK_LABEL_WITH_CODE;
    if (sim >= WEAK_LABEL_WITH_CODE) {
      assigned.set(w, { spec, sim });
      used.add(spec.id);
    }
  }
  // Pass 2: label alone, for renumbered or uncoded rows (skipped while only voting on the template).
  const candidates: { w: WrittenRow; spec: RowSpec; sim: number }[] = [];
  for (const w of quick ? [] : written) {
    if (assigned.has(w) || !w.label) continue;
    for (const spec of form.rows) {
      if (used.has(spec.id)) continue;
      const sim = labelSimilarity(wkey(w), keyOf(spec));
      if (sim >= STRONG_LABEL) candidates.push({ w, spec, sim });
    }
  }
  candidates.sort((a, b) => b.sim - a.sim);
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
    const codeAgrees = normalizeCode(w.code) === a.spec.code;
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

/** The reporting unit and period as written above the tables. */
export function readHeader(grid: WorkbookGrid): { unit?: string; period?: string } {
  let unit: string | undefined;
  let period: string | undefined;
  for (const sheet of grid.sheets) {
    for (let r = 1; r <= Math.min(sheet.maxRow, 8); r++) {
      for (const cell of sheet.rows[r - 1] ?? []) {
        const text = squash(cellText(cell));
        if (!text) continue;
        const labelled = /^đơn vị(?: báo cáo)?\s*:\s*(.+)$/i.exec(text);
        if (labelled && !unit && !/^[.…\s]+$/.test(labelled[1])) unit = labelled[1];
        const council = /^(?:UBND|ủy ban nhân dân|ủy ban nhân dân)\s+(.+)$/i.exec(text);
        if (council && !unit) unit = `UBND ${council[1]}`;
        const p = /^kỳ báo cáo\s*:\s*(.+)$/i.exec(text);
        if (p && !period && !/^[.…\s]+$/.test(p[1])) period = p[1];
      }
      if (unit && period) return { unit, period };
    }
  }
  return { unit, period };
}
