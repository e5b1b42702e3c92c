/** `bieumau consolidate`: many unit workbooks → the province's sheets. */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Command } from "commander";
import { consolidate, ConsolidateRefusal, type Consolidation, type UnitInput } from "../core/consolidate";
import { cellText } from "../core/grid";
import { sameFile } from "../node/output";
import { collectUnitFiles, readUnits, type UnitFile } from "../node/read-units";
import { loadWorkbookFile, readTextFileBounded } from "../xlsx/read-file";
import { writeConsolidationWorkbook } from "../xlsx/write-consolidation";
import { UserError, type CommandContext } from "./program";
import { checkOutputPath, writeOrExplain } from "./template-command";
import { oneLine } from "./terminal-text";
import { candidateTemplates } from "./validate-command";

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

/** A roster: one unit per line, or the first column of an .xlsx (a header cell is skipped). */
export function readRoster(file: string): string[] {
  let names: string[];
  if (/\.xlsx$/i.test(file)) {
    const loaded = loadWorkbookFile(file);
    if (!loaded.ok) throw new UserError(`danh sách đơn vị ${path.basename(file)}: ${loaded.reason}`);
    const sheet = loaded.grid.sheets[0];
    names = (sheet?.rows ?? []).map((row) => cellText(row.find((c) => c && c.value !== null)));
  } else {
    const read = readTextFileBounded(file);
    if (!read.ok) throw new UserError(`không đọc được danh sách đơn vị ${file}: ${read.reason}`);
    names = read.text.split(/\r?\n/);
  }
  const cleaned = names.map((n) => n.normalize("NFC").replace(/^\uFEFF/, "").trim()).filter((n) => n && !n.startsWith("#"));
  if (cleaned.length > 0 && /^(stt|tên đơn vị|đơn vị|danh sách)/i.test(cleaned[0])) cleaned.shift();
  if (cleaned.length === 0) throw new UserError(`danh sách đơn vị ${path.basename(file)} trống`);
  return cleaned;
}

function progressLine(done: number, total: number, counts: { ok: number; errors: number; bad: number }): string {
  const width = 24;
  const filled = Math.round((done / Math.max(1, total)) * width);
  return `\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} tệp · ${counts.ok} đạt · ${counts.errors} có lỗi · ${counts.bad} không đọc được`;
}

export function consolidationJson(c: Consolidation, output: string) {
  return {
    template: c.template.id,
    period: c.period ?? null,
    output,
    units: c.units
      .filter((u) => ["ok", "errors", "excluded", "duplicate", "other-period"].includes(u.status))
      .map((u) => ({
        file: u.file,
        unit: u.unit,
        unitFrom: u.unitFrom,
        period: u.period ?? null,
        status: u.status,
        errors: u.errors,
        warnings: u.warnings,
        ...(u.reason && u.status !== "ok" && u.status !== "errors" ? { reason: u.reason } : {}),
        ...(u.notes.length ? { notes: u.notes } : {}),
      })),
    skipped: c.skipped,
    duplicates: c.duplicates,
    missing: c.missing,
    unexpected: c.unexpected,
    suggestions: c.suggestions,
    forms: c.forms.map((f) => ({
      form: f.form.number,
      rows: f.rows.map((r) => ({
        code: r.code,
        label: r.label,
        value: r.value,
        method: r.method,
        reporting: r.reporting,
        ...(r.naiveMean !== undefined ? { naiveMean: r.naiveMean } : {}),
        ...(r.answers ? { answers: r.answers.map((a) => ({ value: a.value, label: a.label, count: a.count, ...(a.value === 0 ? { units: a.units } : {}) })) } : {}),
        ...(r.conflict ? { conflict: r.conflict } : {}),
        ...(r.attention ? { attention: r.attention } : {}),
      })),
    })),
  };
}

/**
 * The output of an earlier run, saved inside the folder being consolidated, is
 * not a unit: it is left out of the inputs so that --force can replace it.
 * Any other input at the output's place is refused by checkOutputPath.
 */
function withoutOwnPreviousOutput(files: UnitFile[], output: string): UnitFile[] {
  const previous = files.find((f) => sameFile(f.path, output));
  if (!previous) return files;
  const loaded = loadWorkbookFile(previous.path);
  const names = loaded.ok ? new Set(loaded.grid.sheets.map((s) => s.name)) : new Set<string>();
  return names.has("Kiểm tra") && names.has("Nguồn") ? files.filter((f) => f !== previous) : files;
}

export function addConsolidateCommand(program: Command, { io, setExit }: CommandContext): Command {
  return program
    .command("consolidate")
    .description("Tổng hợp báo cáo của nhiều đơn vị (xã, phường, sở, ngành) thành biểu của tỉnh; liệt kê đơn vị thiếu, trùng, tệp hỏng, và truy được từng số về tệp gốc.")
    .argument("<tệp-hoặc-thư-mục...>", "các tệp .xlsx hoặc thư mục chứa chúng")
    .requiredOption("-o, --output <tệp.xlsx>", "tệp tổng hợp sẽ tạo")
    .option("--units <tệp>", "danh sách đơn vị phải nộp (mỗi dòng một tên, hoặc cột đầu của tệp .xlsx)")
    .option("-t, --template <mã>", "mẫu biểu tổng hợp (mặc định: mẫu mà đa số tệp dùng)")
    .option("--catalog <tệp.json>", "tệp mẫu biểu do tỉnh tự định nghĩa (JSON)")
    .option("--exclude-errors", "không cộng các đơn vị có lỗi (vẫn liệt kê)")
    .option("--into <mẫu>", "ghi thêm biểu của tỉnh (ví dụ bnv581-tinh) từ các dòng được ánh xạ")
    .option("-u, --unit <tên>", "đơn vị tổng hợp ghi ở đầu biểu (ví dụ \"Sở Nội vụ tỉnh Sơn La\")")
    .option("-p, --period <kỳ>", 'kỳ báo cáo cần tổng hợp và ghi ở đầu biểu, ví dụ "Quý I năm 2024" (mặc định: kỳ mà đa số đơn vị ghi)')
    .option("--include-period <kỳ>", 'vẫn cộng các đơn vị ghi kỳ này (lặp lại được; "*" là mọi kỳ)', (v: string, acc: string[] = []) => [...acc, v])
    .option("--force", "ghi đè tệp kết quả nếu đã có")
    .option("--json", "in kết quả dạng JSON (một tài liệu duy nhất)")
    .action(async (args: string[], opts: ConsolidateOptions) => {
      checkOutputPath(opts.output, opts.force === true);
      const templates = candidateTemplates(undefined, opts.catalog);
      if (opts.template && !templates.some((t) => t.id === opts.template)) {
        throw new UserError(`không có mẫu biểu "${opts.template}" (có: ${templates.map((t) => t.id).join(", ")})`);
      }
      const roster = opts.units ? readRoster(opts.units) : undefined;
      const collected = collectUnitFiles(args);
      const problems = collected.problems;
      const files = withoutOwnPreviousOutput(collected.files, opts.output);
      const output = checkOutputPath(opts.output, opts.force === true, [...files.map((f) => f.path), ...[opts.units, opts.catalog].filter((f): f is string => !!f)]);

      const counts = { ok: 0, errors: 0, bad: 0 };
      const showProgress = io.isTTY === true && files.length > 1;
      const inputs: UnitInput[] = await readUnits(files, templates, (done, input) => {
        if (input.error || !input.data?.templateId) counts.bad++;
        else if (input.data.counts.error > 0) counts.errors++;
        else counts.ok++;
        if (showProgress && (done % 25 === 0 || done === files.length)) io.err(progressLine(done, files.length, counts));
      });
      if (showProgress) io.err("\n");
      for (const p of problems) inputs.push({ file: p.file, error: p.reason });

      if (!inputs.some((i) => i.data?.templateId)) {
        for (const i of inputs) io.err(`bieumau: ${oneLine(i.file)}: ${oneLine(i.error ?? i.data?.issue ?? "không tìm thấy biểu mẫu nào")}\n`);
        throw new UserError("không tổng hợp được: không tệp nào có biểu mẫu đọc được");
      }
      let result: Consolidation;
      try {
        result = consolidate(inputs, templates, { templateId: opts.template, excludeErrors: opts.excludeErrors, roster, period: opts.period, includePeriods: opts.includePeriod });
      } catch (e) {
        if (e instanceof ConsolidateRefusal) throw new UserError(`không tổng hợp được: ${e.message}`);
        throw e;
      }
      if (result.included.length === 0) {
        throw new UserError(`không tổng hợp được: không còn đơn vị nào để cộng (${result.units.length} tệp; xem lý do bằng --json)`);
      }
      const into = opts.into ? templates.find((t) => t.id === opts.into) : undefined;
      if (opts.into && !into) throw new UserError(`không có mẫu biểu "${opts.into}" cho --into`);
      const bytes = writeConsolidationWorkbook(result, { into, unit: opts.unit?.trim() || undefined, period: opts.period?.trim() || undefined });
      await writeOrExplain(output, (temporary) => fs.writeFileSync(temporary, bytes, { flag: "wx" }), io);

      if (!opts.json) for (const skip of result.skipped) io.err(`bieumau: bỏ qua ${oneLine(skip.file)}: ${oneLine(skip.reason)}\n`);
      if (opts.json) {
        io.out(JSON.stringify(consolidationJson(result, output), null, 2) + "\n");
      } else {
        const n = (s: string) => result.units.filter((u) => u.status === s).length;
        io.out(
          [
            `Tổng hợp mẫu ${result.template.id}: ${result.units.length} tệp.`,
            n("other-period") ? `  Khác kỳ báo cáo (không cộng): ${n("other-period")} (${result.units.filter((u) => u.status === "other-period").map((u) => `${u.file}: ${u.period}`).join("; ")}).` : "",
            n("own-output") ? `  Bảng tổng hợp do công cụ tạo (không cộng): ${result.units.filter((u) => u.status === "own-output").map((u) => u.file).join(", ")}.` : "",
            `  Được cộng: ${result.included.length} đơn vị (${n("ok")} đạt, ${n("errors")} có lỗi — đã đánh dấu).`,
            n("excluded") ? `  Không cộng vì có lỗi (--exclude-errors): ${n("excluded")}.` : "",
            result.duplicates.length ? `  Trùng: ${result.duplicates.length} đơn vị gửi nhiều tệp (mỗi đơn vị chỉ cộng một lần).` : "",
            result.skipped.length ? `  Bỏ qua: ${result.skipped.length} tệp (từng tệp kèm lý do ở các dòng "bỏ qua" phía trên).` : "",
            roster ? `  Theo danh sách ${roster.length} đơn vị: thiếu ${result.missing.length}${result.missing.length ? ` (${result.missing.slice(0, 10).map(oneLine).join(", ")}${result.missing.length > 10 ? " …" : ""})` : ""}.` : "",
            `  Kỳ báo cáo: ${result.period ? oneLine(result.period) : "không xác định được (các tệp không ghi kỳ)"}.`,
            `Đã ghi ${oneLine(output)} (xem trang "Kiểm tra" và "Nguồn").`,
          ]
            .filter(Boolean)
            .join("\n") + "\n",
        );
      }
      setExit(0);
    });
}
