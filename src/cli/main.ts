/**
 * The `bieumau` command. Every subcommand lives in its own module; this file
 * wires them up and turns failures into one Vietnamese line and an exit code.
 */
import { CommanderError, type Command } from "commander";
import { configure, newCommand, translateCommanderError, UserError, type CliIO, type CommandContext } from "./program";
import { escapeControls, oneLine } from "./terminal-text";
import { droppedFolderArgs } from "./drop-folder";

export { droppedFolderArgs } from "./drop-folder";

declare const BIEUMAU_VERSION: string | undefined;

type AddCommand = (program: Command, context: CommandContext) => Command;

/* eslint-disable @typescript-eslint/no-require-imports */
/**
 * The subcommands in the order help lists them, each module loaded only when it may run: each
 * loads most of the engine (100–140 modules), and `bieumau --version` needs none of them.
 */
const COMMANDS: [name: string, load: () => AddCommand][] = [
  ["template", () => (require("./template-command") as typeof import("./template-command")).addTemplateCommand],
  ["validate", () => (require("./validate-command") as typeof import("./validate-command")).addValidateCommand],
  ["fill", () => (require("./fill-command") as typeof import("./fill-command")).addFillCommand],
  ["consolidate", () => (require("./consolidate-command") as typeof import("./consolidate-command")).addConsolidateCommand],
  ["catalog", () => (require("./catalog-command") as typeof import("./catalog-command")).addCatalogCommand],
  ["templates", () => (require("./template-command") as typeof import("./template-command")).addTemplatesCommand],
  ["serve", () => (require("./serve-command") as typeof import("./serve-command")).addServeCommand],
];
/* eslint-enable @typescript-eslint/no-require-imports */

/** The subcommands `argv` may run: the one it names, none for the version alone, else all (help, errors). */
function commandsFor(argv: string[]): typeof COMMANDS {
  if (argv.length === 1 && (argv[0] === "-V" || argv[0] === "--version")) return [];
  const named = COMMANDS.filter(([name]) => name === argv[0]);
  return named.length > 0 ? named : COMMANDS;
}

function version(): string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require("../../package.json") as { version: string }).version;
  } catch {
    return typeof BIEUMAU_VERSION === "string" ? BIEUMAU_VERSION : "0.0.0";
  }
}

/** Runs the CLI with `argv` (without "node" and the script); resolves to the exit code. */
export async function main(argv: string[], rawIO: CliIO): Promise<number> {
  // Nothing from a received file reaches the terminal raw (ESC sequences, NUL, bidi overrides).
  const io: CliIO = { ...rawIO, out: (s) => rawIO.out(escapeControls(s)), err: (s) => rawIO.err(escapeControls(s)) };
  let exitCode = 0;
  const setExit = (code: number) => {
    exitCode = Math.max(exitCode, code);
  };
  const program = newCommand("bieumau", io)
    .description("Biểu mẫu CCHC: tạo, kiểm tra, tính và tổng hợp biểu mẫu thống kê cải cách hành chính (Biểu mẫu 1–7).")
    .version(version(), "-V, --version", "hiện phiên bản")
    .helpCommand("help [lệnh]", "hiện trợ giúp cho một lệnh")
    .showSuggestionAfterError(false);

  const dropped = droppedFolderArgs(
    argv,
    COMMANDS.map(([name]) => name),
  );
  const args = dropped ?? argv;
  const context: CommandContext = { io, setExit };
  for (const [, load] of commandsFor(args)) configure(load()(program, context), io);

  if (argv.length === 0) {
    program.outputHelp();
    return 0;
  }
  if (dropped) io.out(`Tổng hợp các tệp trong ${dropped[1]} vào ${dropped[3]}\n`);
  try {
    await program.parseAsync(args, { from: "user" });
    return exitCode;
  } catch (e) {
    return reportFailure(e, io);
  }
}

/** One line on stderr, never a stack trace; 2 for bad arguments and unreadable input. */
export function reportFailure(e: unknown, io: CliIO): number {
  if (e instanceof CommanderError) {
    if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") {
      return 0;
    }
    io.err(`bieumau: ${translateCommanderError(e)}. Xem: bieumau --help\n`);
    return 2;
  }
  if (e instanceof UserError) {
    io.err(`bieumau: ${oneLine(e.message)}\n`);
    return e.code;
  }
  // Loaded only now: a catalog error comes from a command that loaded the catalog already.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { CatalogError } = require("../catalog") as typeof import("../catalog");
  if (e instanceof CatalogError) {
    io.err(
      `bieumau: Mẫu biểu "${oneLine(e.origin)}" không hợp lệ:\n${e.problems.map((p) => `- ${oneLine(p.where)}: ${oneLine(p.message)}\n`).join("")}`,
    );
    return 2;
  }
  const message = e instanceof Error ? e.message : String(e);
  io.err(`bieumau: lỗi không mong đợi: ${oneLine(message.split("\n")[0])}\n`);
  return 2;
}
