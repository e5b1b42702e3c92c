/**
 * Finding a list form (Phụ lục I: the completed tasks of a plan) in a sheet:
 * its header row by the folded column titles, then its items grouped under the
 * numbered sections ("I", "II" …). Officers add as many rows as they need, so
 * nothing is matched row by row: every row with something written after its
 * STT is an item.
 */
import { isListForm } from "../catalog";
import type { FormSpec, ListColumn, TemplateSpec } from "../catalog/types";
import { listColumns } from "./form-layout";
import { columnLetters } from "./a1";
import { type Cell, cellAt, cellText, type SheetGrid } from "./grid";
import { foldText, normalizeCode, squash } from "./text";

/** A list's header found in a sheet. */
export interface ListHeader {
  template: TemplateSpec;
  form: FormSpec;
  sheet: SheetGrid;
  /** 1-based header row. */
  row: number;
  /** Sheet column of each of `form.columns` (undefined when the file lacks it); index 0 … n-1. */
  cols: (number | undefined)[];
}

/** One row of a list as written. */
export interface ListItem {
  /** 1-based sheet row. */
  row: number;
  /** STT as written ("1", "2." …), "" when none. */
  stt: string;
  /** Code of the section the item is under ("I"), when there is one above it. */
  section?: string;
  /** The cell of each of `form.columns`, in the form's order. */
  cells: (Cell | undefined)[];
  /** "C9" for each column; "" when the column is not in the file. */
  addresses: string[];
}

export interface ListSectionFound {
  code: string;
  title: string;
  row: number;
  /** The section is one of the form's (by code or by title). */
  known: boolean;
}

export interface LocatedList {
  headerRow: number;
  /** Column of the STT. */
  codeCol: number;
  /** Sheet column of each of `form.columns` (undefined when not found). */
  cols: (number | undefined)[];
  /** Columns of the form not found in the header. */
  missingColumns: ListColumn[];
  sections: ListSectionFound[];
  items: ListItem[];
}

const STT_RE = /^(stt|so tt|tt)$/;

/** Does a header cell name this column? Same folded words, or one contains the other. */
function names(cellFolded: string, titleFolded: string): boolean {
  if (!cellFolded || !titleFolded) return false;
  if (cellFolded === titleFolded) return true;
  return (cellFolded.length >= 4 && titleFolded.includes(cellFolded)) || (titleFolded.length >= 4 && cellFolded.includes(titleFolded));
}

/** The STT column of a header row, if it has one. */
function sttColumn(sheet: SheetGrid, r: number): number | undefined {
  const row = sheet.rows[r - 1];
  if (!row) return undefined;
  for (let i = 0; i < row.length; i++) {
    const v = row[i]?.value;
    if (typeof v === "string" && v.length < 12 && /t\s*t/i.test(v) && STT_RE.test(foldText(v))) return i + 1;
  }
  return undefined;
}

/** Columns of a list form named in header row r (or the row below, for two-line headers). */
function matchColumns(sheet: SheetGrid, r: number, form: FormSpec, codeCol: number): (number | undefined)[] {
  const texts: { col: number; f: string }[] = [];
  // The row below is a second header line only when it has no STT of its own (else it is the first item).
  const last = cellText(cellAt(sheet, r + 1, codeCol)).trim() === "" ? r + 1 : r;
  for (let rr = r; rr <= Math.min(last, sheet.maxRow); rr++) {
    (sheet.rows[rr - 1] ?? []).forEach((cell, i) => {
      const f = foldText(cellText(cell));
      if (f && i + 1 !== codeCol) texts.push({ col: i + 1, f });
    });
  }
  const taken = new Set<number>();
  return (form.columns ?? []).map((c) => {
    const title = foldText(c.title);
    const hit = texts.find((t) => !taken.has(t.col) && t.f === title) ?? texts.find((t) => !taken.has(t.col) && names(t.f, title));
    if (hit) taken.add(hit.col);
    return hit?.col;
  });
}

/**
 * "STT · Chỉ tiêu …": a form table's header, never a list's. Without this, a one-line table
 * header whose first row reads "Số văn bản …" / "Văn bản" looked like a list's two-line header.
 */
function isTableHeader(sheet: SheetGrid, r: number): boolean {
  return (sheet.rows[r - 1] ?? []).some((c) => typeof c?.value === "string" && /^chi tieu/.test(foldText(c.value)));
}

/** Header rows of the candidate templates' lists in a sheet (the first header of each list; repeats after page breaks are its own). */
export function findListHeaders(sheet: SheetGrid, templates: TemplateSpec[]): ListHeader[] {
  const forms = templates.flatMap((template) => template.forms.filter(isListForm).map((form) => ({ template, form })));
  if (forms.length === 0) return [];
  const out: ListHeader[] = [];
  for (let r = 1; r <= sheet.maxRow; r++) {
    const codeCol = sttColumn(sheet, r);
    if (codeCol === undefined || isTableHeader(sheet, r)) continue;
    for (const { template, form } of forms) {
      if (out.some((h) => h.form === form && h.template === template)) continue;
      const cols = matchColumns(sheet, r, form, codeCol);
      const found = cols.filter((c) => c !== undefined).length;
      if (found >= Math.max(2, Math.ceil(cols.length / 2))) out.push({ template, form, sheet, row: r, cols });
    }
  }
  return out;
}

/**
 * Reads a list from its header row down to the next table (a "Chỉ tiêu" header,
 * a "Phụ lục" / "Biểu mẫu" title) or the end of the sheet. Without a header row
 * (a marker-located sheet whose header was rewritten), our template's layout is assumed.
 */
export function locateListAt(sheet: SheetGrid, form: FormSpec, headerRow?: number, cols?: (number | undefined)[]): LocatedList {
  const layout = listColumns(form);
  const row0 = headerRow ?? 5;
  const codeCol = (headerRow !== undefined ? sttColumn(sheet, headerRow) : undefined) ?? layout.code;
  const columns = cols ?? layout.columns.map((c) => c.col);
  const specs = form.columns ?? [];
  const known = form.sections ?? [];
  const sections: ListSectionFound[] = [];
  const items: ListItem[] = [];
  let section: string | undefined;
  for (let r = row0 + 1; r <= sheet.maxRow; r++) {
    const stt = squash(cellText(cellAt(sheet, r, codeCol)));
    const first = foldText(cellText(cellAt(sheet, r, 1)));
    // The next table: its title ("Phụ lục II", "Biểu mẫu 2") or a "STT · Chỉ tiêu" header.
    if ([first, foldText(stt)].some((t) => /^(phu luc|bieu mau)\b/.test(t) && t.length < 40)) break;
    if (STT_RE.test(foldText(stt))) {
      if ((sheet.rows[r - 1] ?? []).some((c) => /^chi tieu/.test(foldText(cellText(c))))) break;
      continue; // the list's header repeated after a page break
    }
    const cells = columns.map((c) => (c === undefined ? undefined : cellAt(sheet, r, c)));
    const filled = cells.map((c) => cellText(c).trim() !== "");
    if (r === row0 + 1 && /^\(?1\)?$/.test(stt) && cells.every((c) => c === undefined || /^\(?\d{1,2}\)?$/.test(squash(cellText(c)))))
      continue; // (1) (2) … numbering
    const code = normalizeCode(stt);
    if (code && /^[IVXLC]+$/.test(code)) {
      const title = squash(cellText(cells.find((c, i) => filled[i])));
      const match = known.find((s) => s.code === code) ?? known.find((s) => foldText(s.title) === foldText(title));
      section = match?.code ?? code;
      sections.push({ code, title, row: r, known: match !== undefined });
      continue;
    }
    if (!filled.some(Boolean)) continue; // empty, or a placeholder "1", "..", "..." of the template
    items.push({
      row: r,
      stt,
      ...(section !== undefined ? { section } : {}),
      cells,
      addresses: columns.map((c) => (c === undefined ? "" : `${columnLetters(c)}${r}`)),
    });
  }
  return {
    headerRow: row0,
    codeCol,
    cols: columns,
    missingColumns: specs.filter((_, i) => columns[i] === undefined),
    sections,
    items,
  };
}
