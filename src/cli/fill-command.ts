/** `bieumau fill`: writes computed ratios and totals into a copy of a workbook. */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Command } from "commander";
import { fillCountsText, planFillOf } from "../app/fill";
import type { FillAction } from "../core/fill";
import { xlsxFromGrid } from "../xlsx/legacy/to-xlsx";
import type { LoadedFile } from "../node/load-workbook";
import { loadWorkbookFile } from "../node/read-file";
import { PatchError, patchWorkbook, type CellPatch } from "../xlsx/patch-cells";
import { verifyFilledCopy } from "./fill-verify";
import { UserError, type CommandContext } from "./program";
import { checkOutputPath, writeOrExplain } from "./output-file";
import { oneLine } from "./terminal-text";
import { candidateTemplates } from "./resolve-template";

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

/** Writes the cells into a copy of the workbook's bytes; every failure names the file, in Vietnamese. */
function patchOrExplain(file: string, bytes: Uint8Array, cells: CellPatch[]): Uint8Array {
  try {
    return patchWorkbook(bytes, cells);
  } catch (e) {
    const why = e instanceof PatchError ? e.message.replace(/\.$/, "") : "lỗi khi ghi các ô vào bản sao";
    throw new UserError(`${path.basename(file)}: không ghi được bản sao đã tính: ${why}`);
  }
}

export function addFillCommand(program: Command, { io }: CommandContext): Command {
  return program
    .command("fill")
    .description(
      "Tính các ô tỷ lệ và tổng còn trống rồi ghi ra một tệp mới; không sửa tệp gốc, không ghi đè số người nhập (trừ khi có --overwrite).",
    )
    .argument("<tệp>", "tệp .xlsx, .xls hoặc .ods cần tính (kết quả luôn là .xlsx)")
    .requiredOption("-o, --output <tệp.xlsx>", "tệp kết quả (khác tệp gốc)")
    .option("--formulas", "ghi công thức Excel thay cho giá trị")
    .option("--overwrite", "thay cả số người nhập nếu sai với phép tính (liệt kê từng ô bị thay)")
    .option("-t, --template <mã>", "chỉ đối chiếu với mẫu này (mặc định: tự nhận biết)")
    .option("--catalog <tệp.json>", "tệp mẫu biểu do tỉnh tự định nghĩa (JSON)")
    .option("--force", "ghi đè tệp kết quả nếu đã có")
    .option("--json", "in kết quả dạng JSON")
    .action(async (file: string, opts: FillOptions) => {
      const output = checkOutputPath(opts.output, opts.force === true, [file, ...(opts.catalog ? [opts.catalog] : [])]);
      const templates = candidateTemplates(opts.template, opts.catalog);
      const loaded = loadWorkbookFile(file);
      if (!loaded.ok) throw new UserError(`${path.basename(file)}: ${loaded.reason}`);
      const plan = planFillOf(loaded.grid, templates, { formulas: opts.formulas, overwrite: opts.overwrite });
      if (!plan.ok) throw new UserError(`${path.basename(file)}: ${plan.reason}`);
      const { actions, writes: cells } = plan;
      const patched = patchOrExplain(file, await xlsxBase(loaded), cells);
      const misread = verifyFilledCopy(
        loaded.grid,
        patched,
        cells.map((c) => ({ ...c, value: c.value ?? null })),
      );
      if (misread)
        throw new UserError(
          `${path.basename(file)}: không tạo được bản sao an toàn: ${misread}; tệp có thể bị hỏng một phần: mở bằng Excel, lưu lại rồi chạy lại`,
        );
      await writeOrExplain(output, (temporary) => fs.writeFileSync(temporary, patched, { flag: "wx" }), io);
      if (opts.json) {
        io.out(
          JSON.stringify(
            {
              file: path.basename(file),
              output,
              template: plan.template.id,
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
      for (const a of actions) io.out(`${ACTION_LABEL[a.action].padEnd(5)} ${oneLine(a.cell)}  ${oneLine(a.message)}\n`);
      io.out(`Đã ghi ${oneLine(output)}${convertedNote(loaded.format)}: ${fillCountsText(plan.counts)}.\n`);
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
