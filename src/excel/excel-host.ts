/**
 * The workbook host inside Excel: the only module of the project that calls
 * Office.js (`Excel.*`) with ./render-plan (plans rendered), ./read-grid (the
 * workbook read), ./requirements (the ExcelApi sets and what a missing one
 * means) and ./cell-targets (cells grouped into ranges); this file holds the
 * rest of `WorkbookHost`.
 *
 * Syncs per call (measured with the fake object model in test/excel):
 *   insertForms 3 (existing names; everything; page layout on its own so a
 *   host that rejects a print setting cannot undo the insertion) ·
 *   readGrid 3 (more past 512 merged areas on a sheet or 4 MB of cells) ·
 *   writeCells 2 · restoreCells 1 · highlight 2 · clearHighlights 2 ·
 *   selectCell 1 · addTableSheet 1 · sheetNames 1.
 * Any batch whose estimated request exceeds 4 MB is split (Excel on the web
 * refuses requests and responses above 5 MB), adding one sync per extra 4 MB;
 * highlighting goes in groups of `HIGHLIGHTS_PER_SYNC` cells. Splitting costs
 * nothing on the desktop, so it is done everywhere; the one place the limit is
 * applied per platform is the insertion of a whole workbook (see
 * `addWorkbookSheets`): on the desktop it is tried whatever its size.
 * After a write split in several syncs with calculation suspended, Excel is
 * asked to recalculate (see `WriteBatch.run`), so reads that follow see
 * current results.
 *
 * API versions: ExcelApi 1.8 (data validation), 1.9 (page layout, fill
 * tintAndShade) and 1.13 (insertWorksheetsFromBase64, merged areas) are
 * checked with `Office.context.requirements.isSetSupported`; what is missing
 * is skipped and described in `notes` (Vietnamese, also sent to `onNote`).
 * 1.6 (calculation suspension) and 1.7 (freeze panes, workbook name) are
 * checked the same way and skipped silently; 1.20 (undo of API writes)
 * decides what `undoNote` tells the officer about Ctrl+Z.
 */
import type { CellSnapshot, CellWrite, HighlightSeverity, WorkbookHost } from "../core/host";
import { parseCellRef } from "../core/host";
import type { FormSheetPlan } from "../core/form-layout";
import type { WorkbookGrid } from "../core/grid";
import { DEFAULT_READ_LIMITS, type ReadLimits, readWorkbookWithNotes } from "./read-grid";
import { type Cells, PAYLOAD_LIMIT, WriteBatch, jsonBytes, firstInputCell, queueBlock, queuePageLayout, queuePlan } from "./render-plan";
import { columnLetters } from "../core/a1";
import { NO_DOWNLOAD, formatFor, officePlatform, officeSupports, textAsTyped, toBase64, undoNote } from "./cell-facts";
import { runAddress, runsOf, type Target, target } from "./cell-targets";
import { MISSING, type RequirementReport, requirements } from "./requirements";

export { undoNote };
export { type ExcelApiFeature, type RequirementReport, requirements } from "./requirements";

// ---------------------------------------------------------------------------
// Host
// ---------------------------------------------------------------------------

export type ExcelRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface ExcelHostOptions {
  /** Offers bytes for download (used by addWorkbookSheets when inserting is impossible). */
  download?: (bytes: Uint8Array, fileName: string) => void | Promise<void>;
  /** Default: `Excel.run`. */
  run?: ExcelRunner;
  /** Default: `Office.context.requirements.isSetSupported("ExcelApi", version)`. */
  isSetSupported?: (version: string) => boolean;
  /** Estimated request bytes per sync; default 4,000,000. */
  maxPayloadBytes?: number;
  readLimits?: Partial<ReadLimits>;
  /** Called with each note as it is made (default: none; notes are also kept in `notes`). */
  onNote?: (note: string) => void;
  /** `Office.context.platform` ("PC", "OfficeOnline", "Mac", "iOS", …); default: read from Office. */
  platform?: string;
}

/** Cells coloured per sync: ~280 bytes of request each (two loads, then two colours). */
export const HIGHLIGHTS_PER_SYNC = 5000;

const FILL: Record<HighlightSeverity, string> = { error: "#FFC7CE", warning: "#FFEB9C", info: "#DDEBF7" };
const ERROR_FONT = "#9C0006";
const RANK: Record<HighlightSeverity, number> = { error: 3, warning: 2, info: 1 };

interface Remembered {
  sheet: string;
  address: string;
  /** null: the cell had no fill. */
  fill: string | null;
  fontColor: string;
}

/** Excel's rules for sheet names. */
function checkSheetName(name: string): void {
  if (!name.trim() || name.length > 31 || /[[\]:*?/\\]/.test(name) || name.startsWith("'") || name.endsWith("'")) {
    throw new Error(
      `Tên trang tính “${name}” không hợp lệ: tối đa 31 ký tự, không chứa : \\ / ? * [ ] và không bắt đầu hay kết thúc bằng dấu '.`,
    );
  }
}

function explain(e: unknown, what: string): Error {
  const err = e as { code?: string; message?: string } | undefined;
  if (err?.code === "ItemNotFound") {
    return new Error(`${what}: không tìm thấy trang tính hoặc ô cần dùng (có thể đã bị đổi tên hoặc xoá).`, { cause: e });
  }
  return new Error(`${what}: Excel báo lỗi “${err?.message ?? String(e)}”.`, { cause: e });
}

export class ExcelHost implements WorkbookHost {
  readonly kind = "excel" as const;
  /** Notes of the last call: features skipped because this Excel lacks them (Vietnamese). */
  notes: string[] = [];
  /** Cells this host highlighted, with what they looked like before. */
  private readonly highlighted = new Map<string, Remembered>();
  private readonly run: ExcelRunner;
  private readonly supports: (version: string) => boolean;
  private readonly limit: number;

  constructor(private readonly options: ExcelHostOptions = {}) {
    this.run = options.run ?? ((batch) => Excel.run(batch));
    this.supports = options.isSetSupported ?? officeSupports;
    this.limit = options.maxPayloadBytes ?? PAYLOAD_LIMIT;
  }

  requirements(): RequirementReport {
    return requirements(this.supports);
  }

  private note(text: string): void {
    this.notes.push(text);
    this.options.onNote?.(text);
  }

  /** Calculation control for `WriteBatch.run` (ExcelApi 1.6). */
  private calc(context: Excel.RequestContext): { suspend(): void; recalc(): void } | undefined {
    if (!this.supports("1.6")) return undefined;
    return {
      suspend: () => context.application.suspendApiCalculationUntilNextSync(),
      recalc: () => context.application.calculate("Recalculate"),
    };
  }

  private get platform(): string {
    return this.options.platform ?? officePlatform();
  }

  /** The truth about Ctrl+Z in this Excel (Vietnamese), for the pane. */
  undoNote(): string {
    return undoNote(this.supports);
  }

  async describe(): Promise<string> {
    if (!this.supports("1.7")) return "Sổ làm việc Excel";
    return this.run(async (context) => {
      context.workbook.load("name");
      await context.sync();
      const name = context.workbook.name;
      return name ? `Sổ làm việc Excel “${name.normalize("NFC")}”` : "Sổ làm việc Excel";
    });
  }

  async sheetNames(): Promise<string[]> {
    return this.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load("items/name");
      await context.sync();
      return sheets.items.map((s) => s.name.normalize("NFC"));
    });
  }

  async insertForms(plans: FormSheetPlan[]): Promise<void> {
    this.notes = [];
    if (plans.length === 0) return;
    const names = plans.map((p) => p.sheetName.normalize("NFC"));
    names.forEach(checkSheetName);
    const lower = names.map((n) => n.toLowerCase());
    const dup = names.find((_, i) => lower.indexOf(lower[i]) !== i);
    if (dup) throw new Error(`Hai biểu mẫu cùng tên trang tính “${dup}”.`);

    const support = { suspendCalculation: this.supports("1.6"), freezePanes: this.supports("1.7"), dataValidation: this.supports("1.8") };
    const pageLayout = this.supports("1.9");
    if (!support.dataValidation) this.note(MISSING["1.8"]);
    if (!pageLayout) this.note(MISSING["1.9"]);

    await this.run(async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load("items/name");
      await context.sync();
      const existing = new Set(worksheets.items.map((w) => w.name.normalize("NFC").toLowerCase()));
      const clash = names.find((n) => existing.has(n.toLowerCase()));
      if (clash) throw new Error(`Sổ làm việc đã có trang tính “${clash}”; hãy đổi tên hoặc xoá trang đó trước khi chèn.`);

      const sheets = new Map<string, Excel.Worksheet>();
      const batch = new WriteBatch(this.limit);
      const limitNotes = plans.flatMap((plan) => queuePlan(batch, context, plan, support, sheets));
      const first = names[0];
      const start = firstInputCell(plans[0]);
      batch.add(
        0,
        () => {
          const ws = sheets.get(first) as Excel.Worksheet;
          ws.activate();
          ws.getRange(start).select();
        },
        2,
      );
      try {
        await batch.run(context, this.calc(context));
      } catch (e) {
        await this.removeSheets(context, names, existing);
        throw explain(e, "Không chèn được biểu mẫu");
      }
      limitNotes.forEach((n) => this.note(n));

      if (pageLayout) {
        const layout = new WriteBatch(this.limit);
        plans.forEach((plan, i) => queuePageLayout(layout, () => sheets.get(names[i]) as Excel.Worksheet, plan));
        try {
          await layout.run(context);
        } catch (e) {
          this.note(
            `Đã chèn biểu mẫu nhưng Excel không nhận thiết lập trang in (A4, lặp dòng tiêu đề): ${(e as Error).message ?? e}. Hãy đặt trong Bố trí Trang trước khi in.`,
          );
        }
      }
    });
  }

  /** After a failed insertion: deletes the sheets it created (best effort, error path only). */
  private async removeSheets(context: Excel.RequestContext, names: string[], before: Set<string>): Promise<void> {
    try {
      const worksheets = context.workbook.worksheets;
      worksheets.load("items/name");
      await context.sync();
      const ours = new Set(names.map((n) => n.toLowerCase()));
      const created = worksheets.items.filter((w) => {
        const n = w.name.normalize("NFC").toLowerCase();
        return ours.has(n) && !before.has(n);
      });
      if (created.length === 0) return;
      created.forEach((w) => w.delete());
      await context.sync();
    } catch {
      // the original error is what the officer needs to see
    }
  }

  async readGrid(): Promise<WorkbookGrid> {
    this.notes = [];
    const merged = this.supports("1.13");
    if (!merged) this.note(MISSING["1.13"]);
    try {
      const { grid, notes } = await this.run((context) =>
        readWorkbookWithNotes(context, { mergedAreas: merged, limits: { ...DEFAULT_READ_LIMITS, ...this.options.readLimits } }),
      );
      notes.forEach((n) => this.note(n));
      return grid;
    } catch (e) {
      if (e instanceof Error && !(e as { code?: string }).code) throw e; // our own (Vietnamese) refusal
      throw explain(e, "Không đọc được sổ làm việc");
    }
  }

  async writeCells(cells: CellWrite[]): Promise<CellSnapshot[]> {
    this.notes = [];
    const byKey = new Map<string, Target & { write: CellWrite }>();
    for (const w of cells) {
      const t = target(w.sheet, w.address);
      if (!t) throw new Error(`Ô không hợp lệ: “${w.sheet}”!${w.address}.`);
      byKey.set(`${t.sheet}!${t.address}`, { ...t, write: w }); // the last write of a cell wins
    }
    if (byKey.size === 0) return [];
    const runs = runsOf([...byKey.values()]);

    return this.run(async (context) => {
      const sheets = new Map<string, Excel.Worksheet>();
      const sheet = (name: string) => {
        let ws = sheets.get(name);
        if (!ws) sheets.set(name, (ws = context.workbook.worksheets.getItem(name)));
        return ws;
      };
      const before = runs.map((run) => {
        const range = sheet(run[0].sheet).getRange(runAddress(run));
        range.load("values,formulas,numberFormat,valueTypes");
        return range;
      });
      try {
        await context.sync();
      } catch (e) {
        throw explain(e, "Không ghi được số liệu");
      }

      const snapshots: CellSnapshot[] = [];
      const batch = new WriteBatch(this.limit);
      runs.forEach((run, i) => {
        const formulas = before[i].formulas;
        const formats = before[i].numberFormat;
        const types = before[i].valueTypes as string[][];
        run.forEach((t, k) => {
          const was = textAsTyped(formulas[k][0], before[i].values[k][0], types?.[k]?.[0], formats[k][0]);
          snapshots.push({ sheet: t.sheet, address: t.address, before: was, numberFormat: String(formats[k][0]) });
        });
        const nf = run.map((t, k) => [formatFor(t.write, String(formats[k][0]))]);
        const changed = nf.some((row, k) => row[0] !== formats[k][0]);
        const data: Cells = run.map((t) => [
          t.write.formula !== undefined
            ? `=${t.write.formula.normalize("NFC")}`
            : t.write.value === null
              ? ""
              : typeof t.write.value === "string"
                ? t.write.value.normalize("NFC")
                : t.write.value,
        ]);
        const hasFormula = run.some((t) => t.write.formula !== undefined);
        queueBlock(batch, () => sheet(run[0].sheet), run[0].row, run[0].col, {
          numberFormat: changed ? nf : undefined,
          ...(hasFormula ? { formulas: data } : { values: data }),
        });
      });
      try {
        await batch.run(context, this.calc(context));
      } catch (e) {
        throw explain(e, "Không ghi được số liệu");
      }
      return snapshots;
    });
  }

  async restoreCells(snapshots: CellSnapshot[]): Promise<void> {
    this.notes = [];
    const byKey = new Map<string, Target & { snap: CellSnapshot }>();
    for (const s of snapshots) {
      const t = target(s.sheet, s.address);
      if (!t) throw new Error(`Ô không hợp lệ: “${s.sheet}”!${s.address}.`);
      const key = `${t.sheet}!${t.address}`;
      if (!byKey.has(key)) byKey.set(key, { ...t, snap: s }); // the oldest state of a cell wins
    }
    if (byKey.size === 0) return;
    const runs = runsOf([...byKey.values()], (a, b) => (a.snap.numberFormat === undefined) === (b.snap.numberFormat === undefined));
    await this.run(async (context) => {
      const sheets = new Map<string, Excel.Worksheet>();
      const sheet = (name: string) => {
        let ws = sheets.get(name);
        if (!ws) sheets.set(name, (ws = context.workbook.worksheets.getItem(name)));
        return ws;
      };
      const batch = new WriteBatch(this.limit);
      for (const run of runs) {
        const hasFormat = run[0].snap.numberFormat !== undefined;
        const before = (b: CellSnapshot["before"]) => (typeof b === "string" ? b.normalize("NFC") : b);
        queueBlock(batch, () => sheet(run[0].sheet), run[0].row, run[0].col, {
          // the format first: text that looks like a formula goes back into its "@" cell as text
          numberFormat: hasFormat ? run.map((t) => [String(t.snap.numberFormat).normalize("NFC")]) : undefined,
          formulas: run.map((t) => [before(t.snap.before)]),
        });
      }
      try {
        await batch.run(context, this.calc(context));
      } catch (e) {
        throw explain(e, "Không hoàn tác được");
      }
    });
  }

  async selectCell(ref: string): Promise<void> {
    const parsed = parseCellRef(ref);
    if (!parsed) throw new Error(`Không hiểu địa chỉ ô “${ref}”.`);
    const sheetName = parsed.sheet.normalize("NFC");
    await this.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheetName);
      ws.activate();
      ws.getRange(parsed.address).select();
      try {
        await context.sync();
      } catch (e) {
        throw explain(e, `Không chọn được ô ${parsed.address} của trang “${sheetName}”`);
      }
    });
  }

  async highlight(cells: { ref: string; severity: HighlightSeverity }[]): Promise<void> {
    const wanted = new Map<string, Target & { severity: HighlightSeverity }>();
    for (const c of cells) {
      const p = parseCellRef(c.ref);
      const t = p && target(p.sheet, p.address);
      if (!t) continue; // a finding without a cell has nothing to colour
      const key = `${t.sheet}!${t.address}`;
      const prev = wanted.get(key);
      if (!prev || RANK[c.severity] > RANK[prev.severity]) wanted.set(key, { ...t, severity: c.severity });
    }
    if (wanted.size === 0) return;
    const list = [...wanted.values()];
    try {
      await this.run((context) => this.paint(context, list));
    } catch (e) {
      // A sheet may have been renamed or deleted since the check: colour what still exists.
      const present = await this.sheetNames();
      const kept = list.filter((t) => present.includes(t.sheet));
      if (kept.length === list.length) throw explain(e, "Không tô màu được các ô có lỗi");
      if (kept.length > 0) await this.run((context) => this.paint(context, kept));
    }
  }

  /**
   * The fills and font colours of cells not yet remembered (one sync per
   * HIGHLIGHTS_PER_SYNC cells), then the colours (batched by request size):
   * 20,000 findings would be a ~5.6 MB request in one sync.
   */
  private async paint(context: Excel.RequestContext, list: (Target & { severity: HighlightSeverity })[]): Promise<void> {
    const tint = this.supports("1.9");
    const worksheets = context.workbook.worksheets;
    const unknown = list.filter((t) => !this.highlighted.has(`${t.sheet}!${t.address}`));
    for (let i = 0; i < unknown.length; i += HIGHLIGHTS_PER_SYNC) {
      const probes = unknown.slice(i, i + HIGHLIGHTS_PER_SYNC).map((t) => {
        const range = worksheets.getItem(t.sheet).getRange(t.address);
        range.format.fill.load(tint ? "color,tintAndShade" : "color");
        range.format.font.load("color");
        return { t, range };
      });
      await context.sync();
      for (const { t, range } of probes) {
        const color = range.format.fill.color;
        // "No fill" reads as #FFFFFF; with 1.9 a real white fill has a tintAndShade, no fill has null.
        const noFill = !color || (color.toUpperCase() === "#FFFFFF" && (!tint || range.format.fill.tintAndShade === null));
        this.highlighted.set(`${t.sheet}!${t.address}`, {
          sheet: t.sheet,
          address: t.address,
          fill: noFill ? null : color,
          fontColor: range.format.font.color,
        });
      }
    }
    const batch = new WriteBatch(this.limit);
    for (const t of list) {
      const memory = this.highlighted.get(`${t.sheet}!${t.address}`) as Remembered;
      const font = t.severity === "error" ? ERROR_FONT : memory.fontColor;
      batch.add(
        jsonBytes([t.sheet, t.address, FILL[t.severity], font]),
        () => {
          const format = worksheets.getItem(t.sheet).getRange(t.address).format;
          format.fill.color = FILL[t.severity];
          format.font.color = font;
        },
        2,
      );
    }
    await batch.run(context);
  }

  async clearHighlights(): Promise<void> {
    if (this.highlighted.size === 0) return;
    const remembered = [...this.highlighted.values()];
    await this.run(async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load("items/name");
      await context.sync();
      const present = new Set(worksheets.items.map((w) => w.name.normalize("NFC")));
      const batch = new WriteBatch(this.limit);
      for (const m of remembered) {
        if (!present.has(m.sheet)) continue;
        batch.add(
          jsonBytes([m.sheet, m.address, m.fill, m.fontColor]),
          () => {
            const format = worksheets.getItem(m.sheet).getRange(m.address).format;
            if (m.fill === null) format.fill.clear();
            else format.fill.color = m.fill;
            format.font.color = m.fontColor;
          },
          2,
        );
      }
      await batch.run(context);
    });
    this.highlighted.clear();
  }

  async addTableSheet(name: string, header: string[], rows: (string | number | null)[][]): Promise<void> {
    this.notes = [];
    const sheetName = name.normalize("NFC");
    checkSheetName(sheetName);
    const width = Math.max(1, header.length, ...rows.map((r) => r.length));
    const table = [header, ...rows].map((r) => Array.from({ length: width }, (_, c) => r[c] ?? null));
    const values: Cells = table.map((r) => r.map((v) => (v === null ? "" : typeof v === "string" ? v.normalize("NFC") : v)));
    const numberFormat = table.map((r) => r.map((v) => (typeof v === "string" ? "@" : "General")));
    const lastCol = columnLetters(width);

    await this.run(async (context) => {
      let ws: Excel.Worksheet | undefined;
      const sheet = () => ws as Excel.Worksheet;
      const batch = new WriteBatch(this.limit);
      batch.add(40, () => (ws = context.workbook.worksheets.add(sheetName)));
      queueBlock(batch, sheet, 1, 1, { numberFormat, values });
      batch.add(
        0,
        () => {
          sheet().getRange(`A1:${lastCol}1`).format.font.bold = true;
          sheet().getRange(`A:${lastCol}`).format.autofitColumns();
          if (this.supports("1.7")) sheet().freezePanes.freezeRows(1);
          sheet().activate();
        },
        4,
      );
      try {
        await batch.run(context, this.calc(context));
      } catch (e) {
        throw explain(e, `Không tạo được trang “${sheetName}”`);
      }
    });
  }

  /**
   * Inserts the sheets of `xlsx` (ExcelApi 1.13), or offers the file for download.
   * The 5 MB request limit is Excel on the web's, so only there is a workbook
   * above the 4 MB budget sent straight to download; on the desktop the
   * insertion is tried whatever the size. Where the webview saves no
   * downloads (Excel for Mac and iPad, office-js #2700), nothing is reported
   * as downloaded: the error says what to do instead.
   */
  async addWorkbookSheets(xlsx: Uint8Array, suggestedName: string): Promise<"inserted" | "downloaded"> {
    this.notes = [];
    if (!this.supports("1.13")) {
      this.note(MISSING["1.13"]);
    } else {
      const base64 = toBase64(xlsx);
      const web = this.platform === "OfficeOnline";
      if (web && base64.length > this.limit) {
        this.note(
          `Bảng tổng hợp lớn (${Math.round(base64.length / 1e5) / 10} MB) vượt giới hạn một lần gửi của Excel trên web nên không chèn được vào sổ làm việc.`,
        );
      } else {
        try {
          await this.run(async (context) => {
            context.workbook.insertWorksheetsFromBase64(base64, { positionType: "End" });
            await context.sync();
          });
          return "inserted";
        } catch (e) {
          this.note(`Excel không chèn được các trang tổng hợp (${(e as Error).message ?? e}).`);
        }
      }
    }
    if (NO_DOWNLOAD.has(this.platform)) {
      const where = this.platform === "Mac" ? "máy Mac" : "iPad";
      throw new Error(
        [
          ...this.notes,
          `Excel trên ${where} không cho tiện ích tải tệp xuống, nên tệp ${suggestedName} chưa được lưu ở đâu cả.`,
          "Cách khác: mở trang Biểu mẫu CCHC bằng trình duyệt (Edge, Chrome, Safari) rồi chọn các tệp báo cáo của đơn vị để tổng hợp và tải tệp xuống; hoặc dùng Excel trên Windows hay Excel trên web.",
        ].join(" "),
      );
    }
    if (!this.options.download) throw new Error("Không chèn được bảng tổng hợp vào sổ làm việc và không có cách tải tệp xuống.");
    this.note("Tệp được tải xuống thay vì chèn vào sổ làm việc.");
    await this.options.download(xlsx, suggestedName);
    return "downloaded";
  }
}
