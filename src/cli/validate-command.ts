/** `bieumau validate`: checks received workbooks against the catalog's rules. */
import * as path from "node:path";
import type { Command } from "commander";
import { builtinTemplates, CatalogError, type TemplateSpec } from "../catalog";
import { builtinTargetSets, type TargetSet } from "../catalog/targets";
import { targetsFromText } from "../app/targets";
import { validationReport } from "../app/validate";
import { formatTextReport, type FileReport } from "../core/report";
import { loadWorkbookFile, readTextFileBounded } from "../node/read-file";
import { UserError, type CommandContext } from "./program";
import { candidateTemplates } from "./resolve-template";
import { oneLine, oneLineDeep } from "./terminal-text";

interface ValidateOptions {
  json?: boolean;
  template?: string;
  catalog?: string;
  targets?: string;
}

/** A targets file, or the id of a built-in target set ("sonla-2024"). */
export function resolveTargets(arg: string, templates: TemplateSpec[]): TargetSet {
  const builtin = builtinTargetSets(builtinTemplates()).find((t) => t.id === arg);
  if (builtin) return builtin;
  const read = readTextFileBounded(arg);
  if (!read.ok) throw new UserError(`không đọc được tệp chỉ tiêu ${arg}: ${read.reason}`);
  try {
    return targetsFromText(read.text, path.basename(arg), [...templates, ...builtinTemplates()]);
  } catch (e) {
    if (e instanceof CatalogError) throw e;
    throw new UserError(`không dùng được tệp chỉ tiêu: ${(e as Error).message}`);
  }
}

/** Checks one file; a file that cannot be read or holds no form becomes an error report. */
export function validateFile(file: string, templates: TemplateSpec[], targets?: TargetSet): FileReport {
  return validationReport(path.basename(file), loadWorkbookFile(file), templates, targets);
}

export function addValidateCommand(program: Command, { io, setExit }: CommandContext): Command {
  return program
    .command("validate")
    .description("Kiểm tra số liệu các tệp báo cáo theo quy tắc của biểu mẫu (tỷ lệ, tổng, thành phần ≤ tổng, mã trả lời …).")
    .argument("<tệp...>", "các tệp .xlsx cần kiểm tra")
    .option("-t, --template <mã>", "chỉ đối chiếu với mẫu này (mặc định: tự nhận biết)")
    .option("--catalog <tệp.json>", "tệp mẫu biểu do tỉnh tự định nghĩa (JSON)")
    .option("--targets <tệp.json>", "chỉ tiêu kế hoạch: báo các dòng chưa đạt (thông tin, không phải lỗi); ví dụ sonla-2024")
    .option("--json", "in kết quả dạng JSON (một tài liệu duy nhất)")
    .action((files: string[], opts: ValidateOptions) => {
      const templates = candidateTemplates(opts.template, opts.catalog);
      const targets = opts.targets ? resolveTargets(opts.targets, templates) : undefined;
      const reports = files.map((f) => validateFile(f, templates, targets));
      if (opts.json) io.out(JSON.stringify({ files: reports }, null, 2) + "\n");
      else io.out(formatTextReport(oneLineDeep(reports)));
      const unreadable = reports.some((r) => r.error);
      const errors = reports.some((r) => (r.summary?.errors ?? 0) > 0);
      setExit(unreadable ? 2 : errors ? 1 : 0);
      if (unreadable) {
        for (const r of reports.filter((x) => x.error)) io.err(`bieumau: ${oneLine(r.error!)}\n`);
      }
    });
}
