/**
 * Commander set up to speak Vietnamese: help titles, and argument errors as
 * one clear line with exit code 2 instead of English text or a stack trace.
 */
import { Command, CommanderError, Help } from "commander";

export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
  /** True when stdout is a terminal (progress bars, colours). */
  isTTY?: boolean;
}

/** What every subcommand gets: where to write, and how to raise the exit code (1 = findings, 2 = unreadable). */
export interface CommandContext {
  io: CliIO;
  setExit: (code: number) => void;
}

/** A failure the user can act on: printed as one line, exit code `code`. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly code = 2,
  ) {
    super(message);
    this.name = "UserError";
  }
}

const TITLES: Record<string, string> = {
  "Usage:": "Cách dùng:",
  "Options:": "Tùy chọn:",
  "Commands:": "Lệnh:",
  "Arguments:": "Tham số:",
  "Global Options:": "Tùy chọn chung:",
};

function translateHelp(text: string): string {
  return text
    .replace(/\[options\]/g, "[tùy chọn]")
    .replace(/\[command\]/g, "[lệnh]")
    .replace(/\(default: ([^)]*)\)/g, "(mặc định: $1)");
}

/** Commander's English error messages, said in Vietnamese. */
export function translateCommanderError(err: CommanderError): string {
  const m = err.message.replace(/^error: /, "");
  const rules: [RegExp, (...g: string[]) => string][] = [
    [/^unknown option '(.+?)'/, (o) => `tùy chọn không được hỗ trợ: ${o}`],
    [/^required option '(.+?)' not specified/, (o) => `thiếu tùy chọn bắt buộc ${o}`],
    [/^option '(.+?)' argument missing/, (o) => `tùy chọn ${o} cần một giá trị`],
    [/^missing required argument '(.+?)'/, (a) => `thiếu tham số bắt buộc ${a}`],
    [/^unknown command '(.+?)'/, (c) => `không có lệnh "${c}"`],
    [/^too many arguments(?: for '(.+?)')?/, () => "thừa tham số"],
    [
      /^option '(.+?)' argument '(.+?)' is invalid\.?\s*(.*)$/,
      (o, v, why) => `giá trị "${v}" của ${o} không hợp lệ${why ? ": " + why : ""}`,
    ],
  ];
  for (const [re, say] of rules) {
    const g = re.exec(m);
    if (g) return say(...g.slice(1));
  }
  return m;
}

/** A command with Vietnamese help and errors routed to `io`. */
export function newCommand(name: string, io: CliIO): Command {
  const cmd = new Command(name);
  configure(cmd, io);
  return cmd;
}

export function configure(cmd: Command, io: CliIO): Command {
  return cmd
    .exitOverride()
    .helpOption("-h, --help", "hiện trợ giúp cho lệnh")
    .configureOutput({
      writeOut: (s) => io.out(s),
      writeErr: (s) => io.err(s),
      // Errors are printed once, in Vietnamese, by the caller of parseAsync.
      outputError: () => undefined,
    })
    .configureHelp({
      styleTitle: (t) => TITLES[t] ?? t,
      formatHelp: (c, helper) => translateHelp(Help.prototype.formatHelp.call(helper, c, helper)),
    });
}
