/**
 * Finding the tables of a sheet by content: the "Biểu mẫu N" titles, the
 * STT / Chỉ tiêu / Đơn vị tính / Số liệu header (and its second lines), and
 * the rows written under it, as the officer wrote them.
 */
import { cellAt, cellText, type SheetGrid } from "./grid";
import { titleNumber, type WrittenRow } from "./match-rows";
import { foldText, normalizeCode, splitLeadingCode, squash } from "./text";
import { chooseValueColumn, type HeaderColumn, headerMeaning } from "./value-column";

/** A block of a sheet that holds one form's table. */
export interface Section {
  sheet: SheetGrid;
  formNumber?: number;
  titleRow?: number;
  headerRow: number;
  firstRow: number;
  lastRow: number;
  cols: Columns;
}

export interface Columns {
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

export function findSections(sheet: SheetGrid, listRows: number[] = []): Section[] {
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

export function readRows(section: Section): WrittenRow[] {
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

/** The header text of a column as written (its lines joined), for messages. */
export function headerTitle(section: Section, col: number): string {
  const lines: string[] = [];
  for (let r = section.headerRow; r < section.firstRow; r++) {
    const t = squash(cellText(cellAt(section.sheet, r, col)));
    if (t) lines.push(t);
  }
  return lines.join(" / ");
}
