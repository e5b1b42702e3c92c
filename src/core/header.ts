/**
 * The header block above a unit's tables: which unit reports and for which
 * period. Officers write it in many shapes (DOMAIN.md §5):
 *
 * - "Đơn vị báo cáo: UBND xã A" (our template) or "ỦY BAN NHÂN DÂN" / "XÃ ĐÔNG HÒA"
 *   on two rows (or two lines of one cell); "UBND HUYỆN X" above "UBND XÃ Y":
 *   the unit is the lowest administrative level named (xã over huyện over tỉnh).
 * - "Kỳ báo cáo: Quý I/2024" in one cell, or the label in one cell and the period
 *   in the next, or a period line further down, or only inside the title
 *   ("BÁO CÁO … QUÝ I NĂM 2024").
 *
 * Periods are normalised ("Quý I năm 2024", "6 tháng đầu năm 2024",
 * "9 tháng năm 2024", "Năm 2024") so that units' files can be compared.
 */
import { cellText, type SheetGrid, type WorkbookGrid } from "./grid";
import { foldText, foldTextNow, memoByText, squashNow } from "./text";

export interface UnitHeader {
  unit?: string;
  /** The period, normalised when it could be read ("Quý I năm 2024"), else as written. */
  period?: string;
}

/** Rows searched above the table when no table header is met. */
const MAX_HEADER_ROWS = 30;
/** Longer texts are not header lines (and are never scanned whole). */
const MAX_LINE = 300;

/** Whether a unit name or period was cut because the header line was too long. */
export function isCutShort(text: string | undefined): boolean {
  return text !== undefined && text.length >= MAX_LINE - 20 && text.endsWith("…");
}

/* ------------------------------------------------------------- periods */

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
const QUARTER_NAME = ["", "I", "II", "III", "IV"];

/** A calendar date or a month ("ngày 15 tháng 3 năm 2024", "tháng 3/2024") is not a reporting period. */
const DATE_LIKE = /\bngay\s+\d{1,2}\b|\b\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}\b|\bthang\s+(?:0?[1-9]|1[0-2])\s*(?:nam|\/)\s*\d{4}\b/;

/**
 * A period named in a text → its normal form, or undefined. Accepts "Quý I năm 2024",
 * "QUÝ I/2024", "quý 1 - 2024", "Quý III", "6 tháng đầu năm 2024", "06 tháng năm 2024",
 * "sáu tháng đầu năm", "9 tháng năm 2024", "năm 2024", "Năm 2024" in a title.
 */
export const parsePeriod = memoByText(parsePeriodNow);

function parsePeriodNow(text: string): string | undefined {
  if (!text) return undefined;
  const f = ` ${foldText(text.length > MAX_LINE ? text.slice(0, MAX_LINE) : text)} `;
  const yearAfter = (at: number): string | undefined => {
    const m = /^\s*(?:nam\s*)?((?:19|20)\d{2})\b/.exec(f.slice(at));
    return m?.[1];
  };
  const quarter = /\bquy\s+(iv|i{1,3}|[1-4])\b/.exec(f);
  if (quarter) {
    const q = ROMAN[quarter[1]] ?? Number(quarter[1]);
    const year = yearAfter(quarter.index + quarter[0].length);
    return `Quý ${QUARTER_NAME[q]}${year ? ` năm ${year}` : ""}`;
  }
  // "sáu tháng" / "chín tháng" only with "đầu năm" after them: "sau tháng 6" is "after June".
  const months = /(?<!ngay )\b(0?6|0?9|sau(?= thang dau)|chin(?= thang dau))\s+thang\b(\s+(?:dau|cuoi))?(\s+nam)?/.exec(f);
  if (months) {
    const six = months[1] === "6" || months[1] === "06" || months[1] === "sau";
    const year = yearAfter(months.index + months[0].length);
    if (six && months[2]?.trim() === "cuoi") return year ? `6 tháng cuối năm ${year}` : "6 tháng cuối năm";
    if (six) return year ? `6 tháng đầu năm ${year}` : "6 tháng đầu năm";
    return year ? `9 tháng năm ${year}` : "9 tháng";
  }
  if (DATE_LIKE.test(f)) return undefined;
  const year = /\bnam\s+((?:19|20)\d{2})\b/.exec(f);
  if (year) return `Năm ${year[1]}`;
  return undefined;
}

/** A period without its year ("Quý I") and one with it ("Quý I năm 2024") can be the same. */
export function periodYear(period: string): string | undefined {
  return /((?:19|20)\d{2})$/.exec(period)?.[1];
}

/* --------------------------------------------------------------- units */

interface Level {
  /** How the level is written (lower case, with diacritics). */
  word: string;
  /** 1 = commune or department (the lowest), 2 = district, 3 = province. */
  rank: number;
  /** Communes, districts and provinces are governed by an UBND. */
  council: boolean;
}

const LEVELS: Level[] = [
  { word: "xã", rank: 1, council: true },
  { word: "phường", rank: 1, council: true },
  { word: "thị trấn", rank: 1, council: true },
  { word: "đặc khu", rank: 1, council: true },
  { word: "sở", rank: 1, council: false },
  { word: "ban", rank: 1, council: false },
  { word: "ngành", rank: 1, council: false },
  { word: "thị xã", rank: 2, council: true },
  { word: "huyện", rank: 2, council: true },
  { word: "quận", rank: 2, council: true },
  { word: "thành phố", rank: 2.5, council: true },
  { word: "tỉnh", rank: 3, council: true },
];

const LABELLED_UNIT = /^(?:tên\s+)?(?:đơn vị|cơ quan)(?:\s+báo cáo)?\s*:\s*(.*)$/iu;
const LABELLED_PERIOD = /^kỳ\s+báo\s+cáo\s*:?\s*(.*)$/iu;
const PLACEHOLDER = /^[\s.…_-]*$/u;

/** "ĐÔNG HÒA" → "Đông Hòa"; text not written in capitals is kept (a unit's own name: read once per file, not remembered). */
function unshout(name: string): string {
  if (name !== name.toUpperCase() || !/\p{Lu}/u.test(name)) return name;
  return name.toLowerCase().replace(/(^|[\s(-])(\p{Ll})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}

/** Longer words first: "thị xã" before "xã", "thành phố" before nothing shorter. */
const LEVELS_LONGEST_FIRST = [...LEVELS].sort((a, b) => b.word.length - a.word.length);

/** "XÃ ĐÔNG HÒA" → the level and the name, when the text starts with a level word (header lines recur: read once each). */
const adminName = memoByText(adminNameNow);

function adminNameNow(text: string): { level: Level; name: string } | undefined {
  const lower = text.toLowerCase();
  for (const level of LEVELS_LONGEST_FIRST) {
    if (!lower.startsWith(level.word)) continue;
    const rest = text.slice(level.word.length);
    if (!/^\s+\S/u.test(rest)) continue;
    const name = rest.trim();
    // "Xã hội hóa …", "Ban hành …": a level word followed by prose is not a unit.
    if (name.length > 80 || /^(?:hội|hành|chỉ đạo)\b/iu.test(name)) continue;
    return { level, name };
  }
  return undefined;
}

function unitFrom(level: Level, name: string, written: string): string {
  if (!level.council) return written;
  return `UBND ${level.word} ${unshout(name)}`;
}

/**
 * "UBND XÃ Y" → "XÃ Y", "Ủy ban nhân dân" → ""; undefined when the line does not name an UBND.
 * Read once per line text (LineFacts), so the fold is not remembered: "UBND xã …" differs per unit.
 */
function councilRestNow(text: string): string | undefined {
  const folded = foldTextNow(text);
  const words = text.split(/\s+/);
  if (/^ubnd(?: |$)/.test(folded)) return words.slice(1).join(" ");
  if (/^uy ban nhan dan(?: |$)/.test(folded) && words.length >= 4) return words.slice(4).join(" ");
  return undefined;
}

interface Candidate {
  unit: string;
  rank: number;
}

interface Line {
  row: number;
  col: number;
  text: string;
}

/** A header cell's text read once (the same texts recur in every file of a province): one lookup per cell. */
interface CellLines {
  /** The table's header row ("STT", "Chỉ tiêu thống kê (… hàng quý, 6 tháng, năm)") ends the header block. */
  startsTable: boolean;
  /** Its lines, squashed, the empty ones left out. */
  lines: string[];
}

const cellLines = memoByText((text: string): CellLines => ({
  startsTable: /^\s*stt\s*$/i.test(text) || /^\s*chỉ\s+tiêu/iu.test(text),
  lines: (text ? text.split(/\r?\n/) : []).flatMap((part) => {
    const t = squashNow(part); // this cell's text is remembered whole (cellLines): its lines need no memo of their own
    // A line too long for a header is cut (and the cut shows, see isCutShort), never read whole.
    return t ? [t.length > MAX_LINE ? `${t.slice(0, MAX_LINE - 1)}…` : t] : [];
  }),
}));

/** The header lines of a sheet: each cell's text split at line breaks, in reading order, above the table. */
function headerLines(sheet: SheetGrid): Line[] {
  const lines: Line[] = [];
  const last = Math.min(sheet.maxRow, MAX_HEADER_ROWS);
  // Plain loops: read for every file, and most header rows hold one cell (a missing cell or a hole has no lines).
  const cells: CellLines[] = [];
  for (let r = 1; r <= last; r++) {
    const row = sheet.rows[r - 1];
    if (!row) continue;
    const n = Math.min(row.length, 64);
    cells.length = 0;
    let startsTable = false;
    for (let c = 0; c < n; c++) {
      const raw = cellText(row[c]);
      const read = cellLines(raw.length > MAX_LINE * 4 ? raw.slice(0, MAX_LINE * 4) : raw);
      startsTable ||= read.startsTable;
      cells.push(read);
    }
    if (startsTable) break;
    for (let c = 0; c < n; c++) for (const text of cells[c].lines) lines.push({ row: r, col: c + 1, text });
  }
  return lines;
}

/** The line under `line`: the next line of the same cell, else the first line of the cell below. */
function lineBelow(lines: Line[], i: number): Line | undefined {
  const line = lines[i];
  const next = lines[i + 1];
  if (next && next.row === line.row && next.col === line.col) return next;
  return (
    lines.find((l) => l.row > line.row && l.col === line.col) ??
    lines.find((l) => l.row === line.row + 1 && Math.abs(l.col - line.col) <= 1)
  );
}

/** The unit after a "Đơn vị báo cáo:" label; "" when only dots follow it; undefined when the line has no such label. */
function labelledUnitOf(text: string): string | undefined {
  const label = LABELLED_UNIT.exec(text);
  if (!label) return undefined;
  return PLACEHOLDER.test(label[1]) ? "" : label[1].trim();
}

/**
 * What a header line says, read once per text (header lines recur across a province's files): one
 * lookup per line. `council` (the line folded, a few RegExps) only when asked: a labelled line needs none.
 */
class LineFacts {
  readonly labelledUnit: string | undefined;
  /** What follows a "Kỳ báo cáo" label, or undefined when the line has none. */
  readonly periodLabel: string | undefined;
  private councilRead = false;
  private councilRest: string | undefined;

  constructor(private readonly text: string) {
    this.labelledUnit = labelledUnitOf(text);
    this.periodLabel = LABELLED_PERIOD.exec(text)?.[1];
  }

  /** See councilRestNow. */
  get council(): string | undefined {
    if (!this.councilRead) {
      this.councilRest = councilRestNow(this.text);
      this.councilRead = true;
    }
    return this.councilRest;
  }
}

const lineFacts = memoByText((text: string) => new LineFacts(text));

function unitCandidates(lines: Line[]): { labelled?: string; found: Candidate[] } {
  let labelled: string | undefined;
  const found: Candidate[] = [];
  lines.forEach((line, i) => {
    const facts = lineFacts(line.text);
    const label = facts.labelledUnit;
    if (label !== undefined) {
      if (!labelled && label) labelled = label;
      return;
    }
    const council = facts.council;
    if (council !== undefined) {
      const rest = council;
      // The unit's own name (one per file): read afresh, never remembered.
      const named = rest ? adminNameNow(rest) : undefined;
      if (named) found.push({ unit: unitFrom(named.level, named.name, rest), rank: named.level.rank });
      else if (rest) found.push({ unit: `UBND ${unshout(rest)}`, rank: 1.5 });
      else {
        // "ỦY BAN NHÂN DÂN" with the unit on the line below.
        const below = lineBelow(lines, i);
        const under = below ? adminName(below.text) : undefined;
        if (under) found.push({ unit: unitFrom(under.level, under.name, below!.text), rank: under.level.rank });
      }
      return;
    }
    const bare = adminName(line.text);
    if (bare && line.col <= 4) found.push({ unit: unitFrom(bare.level, bare.name, line.text), rank: bare.level.rank });
  });
  return { labelled, found };
}

function lowestUnit(found: Candidate[]): string | undefined {
  let best: Candidate | undefined;
  for (const c of found) if (!best || c.rank < best.rank) best = c;
  return best?.unit;
}

/** What follows a "Kỳ báo cáo" label, or undefined when the line has none. */
const periodLabelOf = (text: string) => lineFacts(text).periodLabel;

/** The period after a "Kỳ báo cáo" label: in the same cell, or the next cells of the row. */
function labelledPeriod(lines: Line[]): string | undefined {
  for (let i = 0; i < lines.length; i++) {
    const after = periodLabelOf(lines[i].text);
    if (after === undefined) continue;
    const value = after.trim();
    if (!PLACEHOLDER.test(value)) return parsePeriod(value) ?? value;
    // The label alone in its cell: the period is in the next cell of the row (or the cell below),
    // and only a text that reads as a period is taken from there.
    const near = lines
      .slice(i + 1)
      .filter((l) => (l.row === lines[i].row && l.col > lines[i].col) || (l.row === lines[i].row + 1 && l.col === lines[i].col));
    for (const l of near) {
      const period = parsePeriod(l.text);
      if (period) return period;
    }
  }
  return undefined;
}

function sheetHeader(sheet: SheetGrid): { labelledUnit?: string; found: Candidate[]; period?: string; titlePeriod?: string } {
  const lines = headerLines(sheet);
  const { labelled, found } = unitCandidates(lines);
  const period = labelledPeriod(lines);
  let titlePeriod: string | undefined;
  // A labelled period (never "") always wins over one in a title (readHeader): then no line is parsed for one.
  if (period === undefined) {
    for (const l of lines) {
      if (periodLabelOf(l.text) !== undefined) continue;
      titlePeriod = parsePeriod(l.text);
      if (titlePeriod) break;
    }
  }
  return { labelledUnit: labelled, found, period, titlePeriod };
}

/** The reporting unit and period as written above the tables (visible sheets first). */
export function readHeader(grid: WorkbookGrid): UnitHeader {
  const sheets = grid.sheets.every((s) => s.state === "visible")
    ? grid.sheets
    : [...grid.sheets.filter((s) => s.state === "visible"), ...grid.sheets.filter((s) => s.state !== "visible")];
  let labelledUnit: string | undefined;
  let period: string | undefined;
  let titlePeriod: string | undefined;
  const found: Candidate[] = [];
  for (const sheet of sheets) {
    const h = sheetHeader(sheet);
    labelledUnit ??= h.labelledUnit;
    period ??= h.period;
    titlePeriod ??= h.titlePeriod;
    // The first sheet naming a unit decides it: later sheets repeat it (or quote others).
    if (found.length === 0) found.push(...h.found);
    if ((labelledUnit || found.length) && (period || titlePeriod)) break;
  }
  const unit = labelledUnit ?? lowestUnit(found);
  // Built field by field: the spread of conditional literals cost more than the rest of a known header.
  const header: UnitHeader = {};
  if (unit) header.unit = unit;
  const shown = period ?? titlePeriod;
  if (shown) header.period = shown;
  return header;
}

/* ------------------------------------------------------ comparing periods */

/** "Quý I năm 2024" → { base: "Quý I", year: "2024" }; "Năm 2024" → { base: "Năm", year: "2024" }. */
function periodParts(period: string): { base: string; year?: string } {
  const p = parsePeriod(period) ?? period.trim();
  const year = periodYear(p);
  const base = (year ? p.slice(0, -year.length) : p).replace(/\s*năm\s*$/iu, "").trim() || "Năm";
  return { base: base.toLowerCase(), year };
}

/** Two periods are the same when they name the same span; a period written without its year matches that span of any year. */
export function samePeriod(a: string, b: string): boolean {
  const pa = periodParts(a);
  const pb = periodParts(b);
  if (pa.base !== pb.base) return foldText(a) === foldText(b);
  return pa.year === pb.year || pa.year === undefined || pb.year === undefined;
}

const SPAN_ORDER = ["quý i", "6 tháng đầu", "quý ii", "quý iii", "9 tháng", "quý iv", "6 tháng cuối", "năm"];

/** Orders periods in time (year, then span within the year); unknown shapes first. */
export function comparePeriods(a: string, b: string): number {
  const pa = periodParts(a);
  const pb = periodParts(b);
  return Number(pa.year ?? 0) - Number(pb.year ?? 0) || SPAN_ORDER.indexOf(pa.base) - SPAN_ORDER.indexOf(pb.base);
}
