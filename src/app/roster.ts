/**
 * The roster policy, for the command line (--units) and the pane alike: one
 * unit per line (.txt, .csv: the first field) or the first column of an .xlsx
 * (a header cell is skipped). Text must be UTF-8; a PDF or Word file picked
 * by mistake is named as such.
 */
import { cellText, type WorkbookGrid } from "../core/grid";
import { readWorkbookGrid } from "../xlsx/read-grid";
import { readFailureReason } from "../xlsx/read-failure";
import { notTextReason } from "./file-kind";
import { MAX_FILE_BYTES, MAX_TEXT_BYTES, tooLargeReason, type UnitSource } from "./unit-source";

/** A roster that cannot be used; the message names the file, in Vietnamese. */
export class RosterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RosterError";
  }
}

const WORKBOOK = /\.xls[xm]?$/i;
const TEXT = /\.(txt|csv)$/i;

/** A workbook roster can be as large as a report; a text roster is small. */
export function isWorkbookRoster(fileName: string): boolean {
  return WORKBOOK.test(fileName);
}

/** The most a roster file may hold: a workbook can be as large as a report, a text list is small. */
export function rosterLimit(fileName: string): number {
  return isWorkbookRoster(fileName) ? MAX_FILE_BYTES : MAX_TEXT_BYTES;
}

/** Why a roster of this size is not read (the file is named as the officer gave it); undefined when it may be read. */
export function rosterTooLarge(fileName: string, size: number): string | undefined {
  return size > rosterLimit(fileName) ? `không đọc được danh sách đơn vị ${fileName}: ${tooLargeReason(size)}` : undefined;
}

/** A roster picked in the pane (or any file-like source) → unit names, refused before reading when too large. Throws RosterError. */
export async function readRosterSource(source: Pick<UnitSource, "name" | "size" | "read">): Promise<string[]> {
  const tooLarge = rosterTooLarge(source.name, source.size);
  if (tooLarge) throw new RosterError(tooLarge);
  const bytes = await source.read();
  const after = rosterTooLarge(source.name, bytes.length);
  if (after) throw new RosterError(after);
  return parseRoster(source.name, bytes);
}

/** Roster bytes → unit names (NFC, trimmed, comments and a header line dropped). Throws RosterError. */
export function parseRoster(fileName: string, bytes: Uint8Array): string[] {
  const names = WORKBOOK.test(fileName) ? workbookLines(fileName, bytes) : textLines(fileName, bytes);
  const cleaned = names
    .map((n) =>
      n
        .normalize("NFC")
        .replace(/^\uFEFF/, "")
        .trim(),
    )
    .filter((n) => n && !n.startsWith("#"));
  if (cleaned.length > 0 && /^(stt|tên đơn vị|đơn vị|danh sách)/i.test(cleaned[0])) cleaned.shift();
  if (cleaned.length === 0) throw new RosterError(`danh sách đơn vị ${fileName} trống`);
  return cleaned;
}

function workbookLines(fileName: string, bytes: Uint8Array): string[] {
  let grid: WorkbookGrid;
  try {
    grid = readWorkbookGrid(bytes);
  } catch (e) {
    throw new RosterError(`danh sách đơn vị ${fileName}: ${readFailureReason(e)}`);
  }
  return (grid.sheets[0]?.rows ?? []).map((row) => cellText(row.find((c) => c && c.value !== null)));
}

function textLines(fileName: string, bytes: Uint8Array): string[] {
  const junk = notTextReason(fileName, bytes);
  if (junk && !TEXT.test(fileName)) throw new RosterError(`${junk}: hãy chọn tệp .txt, .csv (mỗi dòng một đơn vị) hoặc .xlsx (cột đầu)`);
  if (junk) throw new RosterError(junk);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new RosterError(`danh sách đơn vị ${fileName}: không phải văn bản UTF-8 (hãy lưu tệp .txt với mã UTF-8, hoặc dùng .xlsx)`);
  }
  const csv = /\.csv$/i.test(fileName);
  return text.split(/\r?\n/).map((line) => (csv ? (line.split(/[,;\t]/)[0] ?? "").replace(/^"|"$/g, "") : line));
}
