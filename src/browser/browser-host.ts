/**
 * The workbook host of the plain browser page: one opened .xlsx file held in
 * memory. Writes patch a copy of its bytes (the officer's file on disk is
 * never touched) and the result is offered as a download; "selecting" and
 * "highlighting" cells are recorded for the page to show, since there is no
 * Excel window to show them in.
 */
import { parseFormMarker, type FormSheetPlan } from "../core/form-layout";
import { parseA1 } from "../core/a1";
import type { Cell, WorkbookGrid } from "../core/grid";
import { type CellSnapshot, type CellWrite, type HighlightSeverity, parseCellRef, type WorkbookHost } from "../core/host";
import { type CellPatch, patchWorkbook } from "../xlsx/patch-cells";
import { openableXlsx } from "../xlsx/legacy/read-any";
import { readWorkbookGrid } from "../xlsx/read-grid";
import { MAX_FILE_BYTES, tooLargeReason } from "../app/unit-source";
import { slug } from "./file-names";
import { tableWorkbookBytes } from "./table-workbook";
import { download } from "./download";
import { plansWorkbookBytes } from "./template-file";

export type Saver = (bytes: Uint8Array, fileName: string) => void;

interface OpenFile {
  name: string;
  /** Bytes as opened (never changed). */
  original: Uint8Array;
  /** Bytes with the add-in's writes. */
  bytes: Uint8Array;
  grid: WorkbookGrid;
}

interface WriteRecord {
  snapshots: CellSnapshot[];
  before: Uint8Array;
  after: Uint8Array;
}

export const NO_FILE_MESSAGE = "Chưa mở tệp .xlsx nào: hãy chọn “Mở tệp .xlsx…” hoặc kéo tệp vào trang.";

export class BrowserHost implements WorkbookHost {
  readonly kind = "browser" as const;
  private file: OpenFile | undefined;
  private history: WriteRecord[] = [];
  private selected: string | undefined;
  private marks = new Map<string, HighlightSeverity>();
  private version = 0;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly save: Saver = download) {}

  // -- change notification (for React's useSyncExternalStore) -------------

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** Increases whenever the file, its bytes, the selection or the highlights change. */
  readonly getVersion = (): number => this.version;

  private changed(): void {
    this.version++;
    for (const l of this.listeners) l();
  }

  // -- the opened file ----------------------------------------------------

  /** Opens a file the officer picked or dropped. Throws (Vietnamese message) when it cannot be read. */
  async open(file: File): Promise<void> {
    if (file.size > MAX_FILE_BYTES) throw new Error(`${file.name}: ${tooLargeReason(file.size)}`);
    // An .xls or .ods is read and turned into an .xlsx copy here: writes and downloads are .xlsx.
    this.openBytes((await openableXlsx(new Uint8Array(await file.arrayBuffer()))).bytes, file.name);
  }

  /** Opens bytes as the current workbook (a copy is kept). Throws ReadError when they are not a readable .xlsx. */
  openBytes(bytes: Uint8Array, name: string): void {
    const copy = bytes.slice();
    const grid = readWorkbookGrid(copy);
    this.file = { name, original: copy, bytes: copy, grid };
    this.history = [];
    this.selected = undefined;
    this.marks.clear();
    this.changed();
  }

  close(): void {
    this.file = undefined;
    this.history = [];
    this.selected = undefined;
    this.marks.clear();
    this.changed();
  }

  get fileName(): string | undefined {
    return this.file?.name;
  }

  hasFile(): boolean {
    return this.file !== undefined;
  }

  /** The current bytes (with the add-in's writes), or undefined when nothing is open. */
  currentBytes(): Uint8Array | undefined {
    return this.file?.bytes;
  }

  /** The add-in has written into the open file (and not undone everything). */
  isModified(): boolean {
    return this.file !== undefined && this.file.bytes !== this.file.original;
  }

  /** The cell last "selected" (a finding clicked), e.g. "'Biểu mẫu 3'!D12". */
  selectedCell(): string | undefined {
    return this.selected;
  }

  highlights(): { ref: string; severity: HighlightSeverity }[] {
    return [...this.marks].map(([ref, severity]) => ({ ref, severity }));
  }

  /** Offers the current bytes for download under `fileName`. */
  downloadCurrent(fileName: string): void {
    const f = this.requireFile();
    this.save(f.bytes, fileName);
  }

  private requireFile(): OpenFile {
    if (!this.file) throw new Error(NO_FILE_MESSAGE);
    return this.file;
  }

  // -- WorkbookHost -------------------------------------------------------

  async describe(): Promise<string> {
    return this.file ? `tệp ${this.file.name}` : "chưa mở tệp nào";
  }

  async sheetNames(): Promise<string[]> {
    return this.file ? this.file.grid.sheets.map((s) => s.name) : [];
  }

  /** No workbook to insert into: the sheets are written into a new workbook offered for download. */
  async insertForms(plans: FormSheetPlan[]): Promise<void> {
    if (plans.length === 0) return;
    const marker = plans[0].cells.find((c) => c.style === "marker" && typeof c.value === "string" && parseFormMarker(c.value));
    const templateId = marker ? parseFormMarker(String(marker.value))?.templateId : undefined;
    const bytes = await plansWorkbookBytes(plans);
    this.save(bytes, `${templateId ?? "bieu-mau"}.xlsx`);
  }

  async readGrid(): Promise<WorkbookGrid> {
    return this.requireFile().grid;
  }

  async writeCells(cells: CellWrite[]): Promise<CellSnapshot[]> {
    const f = this.requireFile();
    if (cells.length === 0) return [];
    const snapshots = cells.map((c) => snapshotOf(f.grid, c.sheet, c.address));
    const patches: CellPatch[] = cells.map((c) => {
      if (typeof c.value === "string" && c.formula === undefined) {
        throw new Error(`Ô ${c.address} trang "${c.sheet}": trong trình duyệt chỉ ghi được số hoặc công thức.`);
      }
      return {
        sheet: c.sheet,
        address: c.address,
        value: typeof c.value === "number" ? c.value : null,
        ...(c.formula !== undefined ? { formula: c.formula } : {}),
      };
    });
    const after = patchWorkbook(f.bytes, patches);
    const grid = readWorkbookGrid(after);
    this.history.push({ snapshots, before: f.bytes, after });
    this.file = { ...f, bytes: after, grid };
    this.changed();
    return snapshots;
  }

  async restoreCells(snapshots: CellSnapshot[]): Promise<void> {
    const f = this.requireFile();
    if (snapshots.length === 0) return;
    const index = this.history.findIndex((h) => h.snapshots === snapshots);
    const record = index >= 0 ? this.history[index] : undefined;
    if (record && index === this.history.length - 1 && record.after === f.bytes) {
      // The latest write, nothing written since: the bytes from before it, exactly.
      this.history.pop();
      this.file = { ...f, bytes: record.before, grid: readWorkbookGrid(record.before) };
      this.changed();
      return;
    }
    const patches: CellPatch[] = [];
    const impossible: string[] = [];
    for (const s of snapshots) {
      const b = s.before;
      if (b === "") patches.push({ sheet: s.sheet, address: s.address, value: null });
      else if (typeof b === "number") patches.push({ sheet: s.sheet, address: s.address, value: b });
      else if (typeof b === "string" && b.startsWith("=") && b.length > 1)
        patches.push({ sheet: s.sheet, address: s.address, formula: b.slice(1) });
      else impossible.push(`'${s.sheet}'!${s.address}`);
    }
    if (impossible.length > 0) {
      throw new Error(
        `Không hoàn tác được các ô có chữ (${impossible.join(", ")}) vì đã ghi thêm sau đó; hãy hoàn tác lần ghi sau trước, hoặc mở lại tệp gốc.`,
      );
    }
    const after = patchWorkbook(f.bytes, patches);
    if (record) this.history.splice(index, 1);
    this.file = { ...f, bytes: after, grid: readWorkbookGrid(after) };
    this.changed();
  }

  async selectCell(ref: string): Promise<void> {
    if (!parseCellRef(ref)) throw new Error(`Địa chỉ ô không hợp lệ: ${ref}`);
    this.selected = ref;
    this.changed();
  }

  async highlight(cells: { ref: string; severity: HighlightSeverity }[]): Promise<void> {
    for (const c of cells) this.marks.set(c.ref, c.severity);
    this.changed();
  }

  async clearHighlights(): Promise<void> {
    this.marks.clear();
    this.changed();
  }

  async addTableSheet(name: string, header: string[], rows: (string | number | null)[][]): Promise<void> {
    this.save(tableWorkbookBytes(name, header, rows), `${slug(name) || "bang"}.xlsx`);
  }

  async addWorkbookSheets(xlsx: Uint8Array, suggestedName: string): Promise<"inserted" | "downloaded"> {
    this.save(xlsx, suggestedName);
    return "downloaded";
  }
}

/** What a cell holds, as Office.js `formulas` would give it ("" for blank). */
function snapshotOf(grid: WorkbookGrid, sheetName: string, address: string): CellSnapshot {
  const sheet = grid.sheets.find((s) => s.name === sheetName) ?? grid.sheets.find((s) => s.name.toLowerCase() === sheetName.toLowerCase());
  const pos = parseA1(address);
  let cell: Cell | undefined;
  if (sheet && pos) cell = sheet.rows[pos.row - 1]?.[pos.col - 1];
  const before: CellSnapshot["before"] = !cell ? "" : cell.formula ? `=${cell.formula}` : cell.error ? cell.error : (cell.value ?? "");
  return {
    sheet: sheet?.name ?? sheetName,
    address: address.replace(/\$/g, "").toUpperCase(),
    before,
    numberFormat: cell?.numFmt ?? "General",
  };
}
