/** `bieumau catalog check FILE…`: explains every problem of a province's own template, with where it is. */
import * as path from "node:path";
import type { Command } from "commander";
import { builtinTemplates, checkMappingTargets, checkTemplate, loadTemplate } from "../catalog";
import { readTextFileBounded } from "../node/read-file";
import type { CommandContext } from "./program";
import { oneLine } from "./terminal-text";

export function addCatalogCommand(program: Command, { io, setExit }: CommandContext): Command {
  const catalog = program.command("catalog").description("Làm việc với mẫu biểu do tỉnh tự định nghĩa (tệp JSON).");
  catalog
    .command("check")
    .description("Kiểm tra tệp mẫu biểu: nêu từng lỗi và vị trí (biểu, dòng, trường). Mã thoát 0: hợp lệ; 1: có lỗi; 2: không đọc được.")
    .argument("<tệp.json...>", "các tệp mẫu biểu")
    .option("--json", "in kết quả dạng JSON")
    .action((files: string[], opts: { json?: boolean }) => {
      const results = files.map((file) => checkFile(file));
      if (opts.json) io.out(JSON.stringify({ files: results }, null, 2) + "\n");
      else {
        for (const r of results) {
          if (r.error) io.out(`✗ ${oneLine(r.file)}: ${oneLine(r.error)}\n`);
          else if (r.problems.length === 0)
            io.out(`✓ ${oneLine(r.file)}: mẫu ${oneLine(r.id ?? "")} hợp lệ (${r.forms} biểu, ${r.rows} dòng, ${r.rules} quy tắc).\n`);
          else {
            io.out(`✗ ${oneLine(r.file)}: ${r.problems.length} lỗi\n`);
            for (const p of r.problems) io.out(`  - ${oneLine(p.where)}: ${oneLine(p.message)}${p.path ? `  [${oneLine(p.path)}]` : ""}\n`);
          }
        }
      }
      setExit(results.some((r) => r.error) ? 2 : results.some((r) => r.problems.length) ? 1 : 0);
    });
  return catalog;
}

interface CheckResult {
  file: string;
  id?: string;
  forms?: number;
  rows?: number;
  rules?: number;
  problems: { path: string; where: string; message: string }[];
  error?: string;
}

function checkFile(file: string): CheckResult {
  const name = path.basename(file);
  const read = readTextFileBounded(file);
  if (!read.ok) return { file: name, problems: [], error: `không đọc được tệp: ${read.reason}` };
  let raw: unknown;
  try {
    raw = JSON.parse(read.text);
  } catch (e) {
    return { file: name, problems: [], error: `không phải JSON hợp lệ (${(e as Error).message})` };
  }
  const problems = checkTemplate(raw, name);
  if (problems.length === 0) {
    const t = loadTemplate(raw, name); // valid: gives list forms their empty "rows"
    for (const m of t.mappings ?? []) {
      const target = builtinTemplates().find((b) => b.id === m.into);
      if (target) problems.push(...checkMappingTargets(t, target));
      else problems.push({ path: "mappings", where: `mẫu ${t.id}`, message: `không biết mẫu đích "${m.into}" của ánh xạ` });
    }
    const rows = t.forms.reduce((n, f) => n + f.rows.length, 0);
    const rules = t.forms.reduce(
      (n, f) =>
        n +
        f.rows.reduce(
          (k, r) =>
            k +
            (r.ratio ? 1 : 0) +
            (r.sum ? 1 : 0) +
            (r.checks?.length ?? 0) +
            (r.compound?.partOfWhole || (r.compound?.parts.length ?? 0) >= 3 ? 1 : 0),
          0,
        ),
      0,
    );
    return { file: name, id: t.id, forms: t.forms.length, rows, rules, problems };
  }
  return { file: name, problems };
}
