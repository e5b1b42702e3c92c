/** `bieumau consolidate`: many unit workbooks → the province's sheets. */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Command } from "commander";
import { chooseInto, consolidationBytesAsync, consolidationSummary, fileProgress, runConsolidation } from "../app/consolidation";
import { parseRoster, RosterError, rosterLimit } from "../app/roster";
import type { TemplateSpec } from "../catalog/types";
import type { Consolidation, UnitInput } from "../core/consolidate";
import { sameFile } from "../node/output";
import { collectUnitFiles, readUnits, type UnitFile } from "../node/read-units";
import { loadWorkbookFile, readFileBounded } from "../node/read-file";
import { UserError, type CommandContext } from "./program";
import { checkOutputPath, writeOrExplain } from "./output-file";
import { oneLine } from "./terminal-text";
import { candidateTemplates, requireTemplate } from "./resolve-template";

interface ConsolidateOptions {
  output: string;
  units?: string;
  template?: string;
  catalog?: string;
  excludeErrors?: boolean;
  into?: string;
  unit?: string;
  period?: string;
  json?: boolean;
  force?: boolean;
  includePeriod?: string[];
}

/** A roster file (--units): read bounded from disk, then the shared roster policy (src/app/roster). */
export function readRoster(file: string): string[] {
  const read = readFileBounded(file, rosterLimit(file));
  if (!read.ok) throw new UserError(`không đọc được danh sách đơn vị ${file}: ${read.reason}`);
  try {
    return parseRoster(path.basename(file), read.bytes);
  } catch (e) {
    if (e instanceof RosterError) throw new UserError(e.message);
    throw e;
  }
}

function progressLine(done: number, total: number, counts: { ok: number; errors: number; bad: number }): string {
  const width = 24;
  const filled = Math.round((done / Math.max(1, total)) * width);
  return `\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} tệp · ${counts.ok} đạt · ${counts.errors} có lỗi · ${counts.bad} không đọc được`;
}

/** The units --json lists (every file of this template that was read), as a set: not an array made per unit. */
const LISTED_STATUS = new Set<string>(["ok", "errors", "excluded", "duplicate", "other-period"]);

/**
 * The --json document. Optional keys are added in place (the same keys, in the same order, as
 * spreading `…(cond ? { key } : {})`): 3,321 units and 113 rows, once, in code not yet optimized.
 */
export function consolidationJson(c: Consolidation, output: string) {
  const units: Record<string, unknown>[] = [];
  for (const u of c.units) {
    if (!LISTED_STATUS.has(u.status)) continue;
    const unit: Record<string, unknown> = {
      file: u.file,
      unit: u.unit,
      unitFrom: u.unitFrom,
      period: u.period ?? null,
      status: u.status,
      errors: u.errors,
      warnings: u.warnings,
    };
    if (u.reason && u.status !== "ok" && u.status !== "errors") unit.reason = u.reason;
    if (u.notes.length) unit.notes = u.notes;
    units.push(unit);
  }
  return {
    template: c.template.id,
    period: c.period ?? null,
    output,
    units,
    skipped: c.skipped,
    duplicates: c.duplicates,
    missing: c.missing,
    unexpected: c.unexpected,
    suggestions: c.suggestions,
    forms: c.forms.map((f) => ({ form: f.form.number, rows: f.rows.map(rowJson) })),
  };
}

function rowJson(r: Consolidation["forms"][number]["rows"][number]): Record<string, unknown> {
  const row: Record<string, unknown> = { code: r.code, label: r.label, value: r.value, method: r.method, reporting: r.reporting };
  if (r.naiveMean !== undefined) row.naiveMean = r.naiveMean;
  if (r.answers) {
    row.answers = r.answers.map((a) => {
      const answer: Record<string, unknown> = { value: a.value, label: a.label, count: a.count };
      if (a.value === 0) answer.units = a.units;
      return answer;
    });
  }
  if (r.conflict) row.conflict = r.conflict;
  if (r.attention) row.attention = r.attention;
  return row;
}

/**
 * The output of an earlier run, saved inside the folder being consolidated, is
 * not a unit: it is left out of the inputs so that --force can replace it.
 * Any other input at the output's place is refused by checkOutputPath.
 */
function withoutOwnPreviousOutput(files: UnitFile[], output: string): UnitFile[] {
  // No output yet (the usual case): no input is it (sameFile needs both), so no input is looked at.
  if (!outputExists(output)) return files;
  const previous = files.find((f) => sameFile(f.path, output));
  if (!previous) return files;
  const loaded = loadWorkbookFile(previous.path);
  const names = loaded.ok ? new Set(loaded.grid.sheets.map((s) => s.name)) : new Set<string>();
  return names.has("Kiểm tra") && names.has("Nguồn") ? files.filter((f) => f !== previous) : files;
}

/** Whether `file` can be looked at (as sameFile stats it: any failure is "no"). */
function outputExists(file: string): boolean {
  try {
    fs.statSync(file);
    return true;
  } catch {
    return false;
  }
}

export function addConsolidateCommand(program: Command, context: CommandContext): Command {
  return program
    .command("consolidate")
    .description(
      "Tổng hợp báo cáo của nhiều đơn vị (xã, phường, sở, ngành) thành biểu của tỉnh; liệt kê đơn vị thiếu, trùng, tệp hỏng, và truy được từng số về tệp gốc.",
    )
    .argument("<tệp-hoặc-thư-mục...>", "các tệp .xlsx hoặc thư mục chứa chúng")
    .requiredOption("-o, --output <tệp.xlsx>", "tệp tổng hợp sẽ tạo")
    .option("--units <tệp>", "danh sách đơn vị phải nộp (mỗi dòng một tên, hoặc cột đầu của tệp .xlsx)")
    .option("-t, --template <mã>", "mẫu biểu tổng hợp (mặc định: mẫu mà đa số tệp dùng)")
    .option("--catalog <tệp.json>", "tệp mẫu biểu do tỉnh tự định nghĩa (JSON)")
    .option("--exclude-errors", "không cộng các đơn vị có lỗi (vẫn liệt kê)")
    .option("--into <mẫu>", "ghi thêm biểu của tỉnh (ví dụ bnv581-tinh) từ các dòng được ánh xạ")
    .option("-u, --unit <tên>", 'đơn vị tổng hợp ghi ở đầu biểu (ví dụ "Sở Nội vụ tỉnh Sơn La")')
    .option("-p, --period <kỳ>", 'kỳ báo cáo cần tổng hợp và ghi ở đầu biểu, ví dụ "Quý I năm 2024" (mặc định: kỳ mà đa số đơn vị ghi)')
    .option("--include-period <kỳ>", 'vẫn cộng các đơn vị ghi kỳ này (lặp lại được; "*" là mọi kỳ)', (v: string, acc: string[] = []) => [
      ...acc,
      v,
    ])
    .option("--force", "ghi đè tệp kết quả nếu đã có")
    .option("--json", "in kết quả dạng JSON (một tài liệu duy nhất)")
    .action((args: string[], opts: ConsolidateOptions) => consolidateAction(args, opts, context));
}

async function consolidateAction(args: string[], opts: ConsolidateOptions, { io, setExit }: CommandContext): Promise<void> {
  checkOutputPath(opts.output, opts.force === true);
  const templates = candidateTemplates(undefined, opts.catalog);
  if (opts.template) requireTemplate(templates, opts.template);
  const roster = opts.units ? readRoster(opts.units) : undefined;
  const collected = collectUnitFiles(args);
  const files = withoutOwnPreviousOutput(collected.files, opts.output);
  // An output not there yet is no input (sameFile needs both): 3,321 inputs need not be looked at.
  const sources = outputExists(opts.output)
    ? [...files.map((f) => f.path), ...[opts.units, opts.catalog].filter((f): f is string => !!f)]
    : [];
  const output = checkOutputPath(opts.output, opts.force === true, sources);
  const inputs = await readWithProgress(files, templates, io);
  for (const p of collected.problems) inputs.push({ file: p.file, error: p.reason });

  const outcome = runConsolidation(inputs, templates, {
    templateId: opts.template,
    excludeErrors: opts.excludeErrors,
    roster,
    period: opts.period,
    includePeriods: opts.includePeriod,
    reasonsHint: "xem lý do bằng --json",
  });
  if (!outcome.ok) {
    if (outcome.kind === "no-files" || outcome.kind === "no-form") {
      for (const i of inputs) io.err(`bieumau: ${oneLine(i.file)}: ${oneLine(fileProgress(i).reason ?? "không tìm thấy biểu mẫu nào")}\n`);
    }
    throw new UserError(`không tổng hợp được: ${outcome.detail}`);
  }
  const result = outcome.result;
  const chosen = chooseInto(result, templates, opts.into);
  if (chosen.missing) throw new UserError(`không có mẫu biểu "${opts.into}" cho --into`);
  if (chosen.note && !opts.json) io.err(`bieumau: ${oneLine(chosen.note)}\n`);
  const { bytes } = await consolidationBytesAsync(result, templates, opts.into, { unit: opts.unit, period: opts.period });
  await writeOrExplain(output, (temporary) => fs.writeFileSync(temporary, bytes, { flag: "wx" }), io);

  if (opts.json) {
    io.out(JSON.stringify(consolidationJson(result, output), null, 2) + "\n");
  } else {
    for (const skip of result.skipped) io.err(`bieumau: bỏ qua ${oneLine(skip.file)}: ${oneLine(skip.reason)}\n`);
    const lines = consolidationSummary(result, { rosterSize: roster?.length, excludedWhy: "--exclude-errors", shown: oneLine });
    io.out([...lines, `Đã ghi ${oneLine(output)} (xem trang "Kiểm tra" và "Nguồn").`].join("\n") + "\n");
  }
  setExit(0);
}

/** Reads the unit files, with a progress bar on a terminal. */
async function readWithProgress(files: UnitFile[], templates: TemplateSpec[], io: CommandContext["io"]): Promise<UnitInput[]> {
  const counts = { ok: 0, errors: 0, bad: 0 };
  const showProgress = io.isTTY === true && files.length > 1;
  const inputs = await readUnits(files, templates, (done, input) => {
    const state = fileProgress(input).state;
    if (state === "ok") counts.ok++;
    else if (state === "errors") counts.errors++;
    else counts.bad++;
    if (showProgress && (done % 25 === 0 || done === files.length)) io.err(progressLine(done, files.length, counts));
  });
  if (showProgress) io.err("\n");
  return inputs;
}
