/**
 * A folder dropped onto bieumau.exe (Windows starts it with the folder as its
 * only argument): consolidate that folder into a workbook beside it.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** The consolidate arguments for `argv` = [a folder], or undefined when argv is anything else. */
export function droppedFolderArgs(argv: string[], commands: string[]): string[] | undefined {
  if (argv.length !== 1 || argv[0].startsWith("-") || commands.includes(argv[0])) return undefined;
  const folder = path.resolve(argv[0]);
  try {
    if (!fs.statSync(folder).isDirectory()) return undefined;
  } catch {
    return undefined;
  }
  return ["consolidate", folder, "-o", freeOutputPath(folder)];
}

/** "<thư mục>-tong-hop.xlsx" beside the folder (inside it for a drive root), numbered when taken. */
export function freeOutputPath(folder: string): string {
  const parent = path.dirname(folder);
  const stem = parent === folder ? path.join(folder, "tong-hop") : path.join(parent, `${path.basename(folder)}-tong-hop`);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? `${stem}.xlsx` : `${stem}-${n}.xlsx`;
    if (!fs.existsSync(candidate)) return candidate;
  }
}
