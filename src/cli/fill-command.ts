/** `bieumau fill`: writes computed ratios and totals into a copy of a workbook. */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Command } from "commander";
import { checkWorkbook } from "../core/check-workbook";
import { planFill, type FillAction } from "../core/fill";
import { xlsxFromGrid } from "../xlsx/legacy/to-xlsx";
import { loadWorkbookFile, type LoadedFile } from "../xlsx/read-file";
import { patchWorkbook } from "../xlsx/patch-cells";
import { UserError, type CommandContext } from "./program";
import { checkOutputPath, writeOrExplain } from "./template-command";
import { candidateTemplates } from "./validate-command";

interface FillOptions {
  output: string;
  formulas?: boolean;
  overwrite?: boolean;
  json?: boolean;
  template?: string;
  catalog?: string;
  force?: boolean;
}

const ACTION_LABEL: Record<FillAction["action"], string> = { filled: "ĐIỀN", overwritten: "THAY", kept: "GIỮ" };

export function addFillCommand(program: Command, { io }: CommandContext): Command {
  return program
    .command("fill")
    .description("Tính các ô tỷ lệ và tổng còn trống rồi ghi ra một tệp mới; không sửa tệp gốc, không ghi đè số người nhập (trừ khi có --overwrite).")
    .argument("<tệp>", "tệp .xlsx, .xls hoặc .ods cần tính (kết quả luôn là .xlsx)")
    .requiredOption("-o, --output <tệp.xlsx>", "tệp kết quả (khác tệp gốc)")
    .option("--formulas", "ghi công thức Excel thay cho giá trị")
    .option("--overwrite", "thay cả số người nhập nếu sai với phép tính (liệt kê từng ô bị thay)")
    .option("-t, --template <mã>", "chỉ đối chiếu với mẫu này (mặc định: tự nhận biết)")
    .option("--catalog <tệp.json>", "tệp mẫu biểu do tỉnh tự định nghĩa (JSON)")
    .option("--force", "ghi đè tệp kết quả nếu đã có")
    .option("--json", "in kết quả dạng JSON")
    .action(async (file: string, opts: FillOptions) => {
      if (path.resolve(file) === path.resolve(opts.output)) {
        throw new UserError("tệp kết quả phải khác tệp gốc: tệp gốc không bao giờ bị sửa");
      }
      const output = checkOutputPath(opts.output, opts.force === true);
      const templates = candidateTemplates(opts.template, opts.catalog);
      const loaded = loadWorkbookFile(file);
      if (!loaded.ok) throw new UserError(`${path.basename(file)}: ${loaded.reason}`);
      const checked = checkWorkbook(loaded.grid, templates);
      if (!checked.located.template) {
        throw new UserError(`${path.basename(file)}: ${checked.located.issues[0]?.message ?? "không tìm thấy biểu mẫu nào"}`);
      }
      const actions = planFill(checked.forms, { formulas: opts.formulas, overwrite: opts.overwrite });
      const writes = actions.filter((a) => a.action !== "kept");
      const patched = patchWorkbook(
        await xlsxBase(loaded),
        writes.map((a) => ({ sheet: a.sheet, address: a.address, value: a.value, ...(a.formula ? { formula: a.formula } : {}) })),
      );
      await writeOrExplain(output, async () => fs.writeFileSync(output, patched));
      if (opts.json) {
        io.out(
          JSON.stringify(
            {
              file: path.basename(file),
              output,
              template: checked.located.template.id,
              ...(loaded.format && loaded.format !== "xlsx" ? { sourceFormat: loaded.format } : {}),
              cells: actions.map((a) => ({
                form: a.form,
                code: a.code,
                cell: a.cell,
                action: a.action,
                value: a.value,
                ...(a.formula ? { formula: a.formula } : {}),
                ...(a.previous !== undefined ? { previous: a.previous } : {}),
                message: a.message,
              })),
            },
            null,
            2,
          ) + "\n",
        );
        return;
      }
      for (const a of actions) io.out(`${ACTION_LABEL[a.action].padEnd(5)} ${a.cell}  ${a.message}\n`);
      const n = (k: FillAction["action"]) => actions.filter((a) => a.action === k).length;
      io.out(`Đã ghi ${output}${convertedNote(loaded.format)}: điền ${n("filled")} ô, thay ${n("overwritten")} ô, giữ nguyên ${n("kept")} ô do người nhập.\n`);
    });
}

type Loaded = Extract<LoadedFile, { ok: true }>;

/** The .xlsx to patch: the source's own bytes, or for an .xls / .ods an .xlsx made from what was read. */
async function xlsxBase(loaded: Loaded): Promise<Uint8Array> {
  if (!loaded.format || loaded.format === "xlsx") return loaded.bytes;
  const excel = await import("exceljs");
  const ExcelJS = ((excel as { default?: typeof import("exceljs") }).default ?? excel) as typeof import("exceljs");
  return xlsxFromGrid(ExcelJS, loaded.grid);
}

function convertedNote(format: Loaded["format"]): string {
  if (format === "xls") return " (bản .xlsx của tệp Excel 97–2003 .xls; tệp gốc không bị sửa)";
  if (format === "ods") return " (bản .xlsx của tệp OpenDocument .ods; tệp gốc không bị sửa)";
  return "";
}
