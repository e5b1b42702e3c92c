/** `bieumau template`: writes blank forms ready for officers to fill. */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Command } from "commander";
import { builtinTemplates } from "../catalog";
import { writeTemplateFile } from "../xlsx/write-template";
import { UserError, type CommandContext } from "./program";
import { parseFormList, resolveTemplate } from "./resolve-template";

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
      const output = checkOutputPath(opts.output, opts.force === true);
      await writeOrExplain(output, () =>
        writeTemplateFile(template, output, { forms, unit: opts.unit, period: opts.period }),
      );
      const count = forms?.length ?? template.forms.length;
      io.out(`Đã tạo ${output}: ${count} biểu của mẫu ${template.id}.\n`);
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

/** An .xlsx path in an existing folder; an existing file is kept unless --force. */
export function checkOutputPath(output: string, force: boolean): string {
  if (!/\.xlsx$/i.test(output)) throw new UserError(`tệp kết quả phải có đuôi .xlsx: ${output}`);
  const dir = path.dirname(path.resolve(output));
  if (!fs.existsSync(dir)) throw new UserError(`thư mục ${dir} không tồn tại`);
  if (fs.existsSync(output) && !force) {
    throw new UserError(`tệp ${output} đã có; không ghi đè để khỏi mất số liệu đã nhập (thêm --force nếu chắc chắn)`);
  }
  return output;
}

export async function writeOrExplain(output: string, write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "EACCES" || code === "EPERM" ? "không có quyền ghi" : code === "EBUSY" ? "tệp đang mở ở chương trình khác" : (e as Error).message;
    throw new UserError(`không ghi được ${output}: ${why}`);
  }
}
