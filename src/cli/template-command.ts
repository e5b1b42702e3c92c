/** `bieumau template`: writes blank forms ready for officers to fill. */
import type { Command } from "commander";
import { builtinTemplates } from "../catalog";
import { writeTemplateFile } from "../xlsx/write-template";
import type { CommandContext } from "./program";
import { checkOutputPath, writeOrExplain } from "./output-file";
import { parseFormList, resolveTemplate } from "./resolve-template";
import { oneLine } from "./terminal-text";

interface TemplateOptions {
  template?: string;
  catalog?: string;
  forms?: string;
  unit?: string;
  period?: string;
  output: string;
  force?: boolean;
}

export function addTemplateCommand(program: Command, { io }: CommandContext): Command {
  return program
    .command("template")
    .description("Tạo tệp Excel chứa các biểu mẫu trống (mỗi biểu một trang tính), có công thức và ràng buộc nhập liệu.")
    .option("-t, --template <mã>", "mã mẫu biểu: bnv581-tinh, bnv581-xa, …")
    .option("--catalog <tệp.json>", "tệp mẫu biểu do tỉnh tự định nghĩa (JSON)")
    .option("-f, --forms <danh sách>", "chỉ các biểu này, ví dụ 1,3,7 (mặc định: tất cả)")
    .option("-u, --unit <tên>", 'tên đơn vị báo cáo, ví dụ "UBND xã A"')
    .option("-p, --period <kỳ>", 'kỳ báo cáo, ví dụ "Quý I năm 2025"')
    .requiredOption("-o, --output <tệp.xlsx>", "tệp Excel sẽ tạo")
    .option("--force", "ghi đè nếu tệp đã có (mặc định: không ghi đè)")
    .action(async (opts: TemplateOptions) => {
      const template = resolveTemplate(opts.template, opts.catalog);
      const forms = opts.forms ? parseFormList(opts.forms, template) : undefined;
      const output = checkOutputPath(opts.output, opts.force === true, opts.catalog ? [opts.catalog] : []);
      await writeOrExplain(
        output,
        (temporary) => writeTemplateFile(template, temporary, { forms, unit: opts.unit, period: opts.period }),
        io,
      );
      const count = forms?.length ?? template.forms.length;
      io.out(`Đã tạo ${oneLine(output)}: ${count} biểu của mẫu ${template.id}.\n`);
    });
}

export function addTemplatesCommand(program: Command, { io }: CommandContext): Command {
  return program
    .command("templates")
    .description("Liệt kê các mẫu biểu có sẵn.")
    .action(() => {
      for (const t of builtinTemplates()) {
        const rows = t.forms.reduce((n, f) => n + f.rows.length, 0);
        io.out(`${t.id}\t${t.name} (${t.forms.length} biểu, ${rows} dòng)\n`);
      }
    });
}
