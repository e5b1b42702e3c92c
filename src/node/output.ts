/**
 * Writing a command's output file safely (Node only), shared by template, fill
 * and consolidate:
 * - the output is never one of the inputs, whatever the spelling: identities
 *   are compared (device + inode after following links, so symbolic and hard
 *   links are caught, and so are other spellings on case-insensitive disks);
 * - the bytes go to a temporary file in the same folder, which is then renamed
 *   over the output: an interrupted write never leaves a half-written or
 *   truncated file, and a good earlier output survives until the new one is
 *   complete; on Ctrl+C (or SIGTERM) the temporary file is removed.
 * Every refusal and failure is an OutputError with a Vietnamese message.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export class OutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutputError";
  }
}

/** Checks the output path before any work: extension, folder, existing file, and that it is no input. */
export function checkOutput(output: string, options: { force: boolean; inputs?: string[]; extension?: RegExp }): string {
  const extension = options.extension ?? /\.xlsx$/i;
  if (!extension.test(output)) throw new OutputError(`tệp kết quả phải có đuôi .xlsx: ${output}`);
  const dir = path.dirname(path.resolve(output));
  const dirStat = statOrUndefined(dir);
  if (!dirStat) throw new OutputError(`thư mục ${dir} không tồn tại`);
  if (!dirStat.isDirectory()) throw new OutputError(`${dir} không phải thư mục: không ghi được ${path.basename(output)} vào đó`);
  const existing = statOrUndefined(output);
  if (existing?.isDirectory())
    throw new OutputError(`${output} là một thư mục, không phải tệp: hãy ghi tên tệp kết quả, ví dụ ${path.join(output, "ket-qua.xlsx")}`);
  if (existing && !existing.isFile()) throw new OutputError(`${output} không phải tệp thông thường (thiết bị, FIFO…): không ghi vào đó`);
  const input = (options.inputs ?? []).find((f) => sameFile(f, output));
  if (input !== undefined) {
    throw new OutputError(
      `tệp kết quả ${output} chính là tệp nguồn ${input} (cùng tệp, qua liên kết hoặc tên khác): tệp nguồn không bao giờ bị ghi đè; hãy chọn tên khác`,
    );
  }
  if (existing && !options.force) {
    throw new OutputError(`tệp ${output} đã có; không ghi đè để khỏi mất số liệu đã nhập (thêm --force nếu chắc chắn)`);
  }
  return output;
}

function statOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

/**
 * True when `a` and `b` name the same file: same device and inode after
 * following links (symbolic links, hard links, "..", and another letter case
 * on a case-insensitive disk all resolve to the same identity). Where the
 * platform gives no inode (0), the real paths are compared, ignoring case on a
 * case-insensitive folder.
 */
export function sameFile(a: string, b: string): boolean {
  const sa = statOrUndefined(a);
  const sb = statOrUndefined(b);
  if (!sa || !sb) return false;
  if (sa.ino !== 0 && sb.ino !== 0) return sa.dev === sb.dev && sa.ino === sb.ino;
  const ra = realPath(a);
  const rb = realPath(b);
  if (ra === rb) return true;
  return caseInsensitiveFolder(path.dirname(rb)) && ra.toLowerCase() === rb.toLowerCase();
}

function realPath(file: string): string {
  try {
    return fs.realpathSync.native(file);
  } catch {
    return path.resolve(file);
  }
}

/** Whether this folder's disk ignores letter case (the folder found again under another case). */
export function caseInsensitiveFolder(dir: string): boolean {
  const swapped = dir.replace(/[a-zA-Z]/g, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()));
  if (swapped === dir) return false;
  const a = statOrUndefined(dir);
  const b = statOrUndefined(swapped);
  return a !== undefined && b !== undefined && a.dev === b.dev && a.ino === b.ino;
}

/** The temporary sibling of `output`: hidden (dot) and not .xlsx, so folder scans never pick it up. */
export function temporaryPath(output: string): string {
  const dir = path.dirname(path.resolve(output));
  const random = Math.random().toString(36).slice(2, 8);
  return path.join(dir, `.${path.basename(output)}.${process.pid}-${random}.tmp`);
}

/** Tells the user what the interrupted write left behind. */
export type InterruptNotice = (message: string) => void;

/**
 * Writes `output` through a temporary file in the same folder, then renames it
 * over the output. `write` receives the temporary path. On failure or Ctrl+C
 * the temporary file is removed and the output is left as it was.
 */
export async function writeAtomically(
  output: string,
  write: (temporary: string) => Promise<void> | void,
  notice?: InterruptNotice,
): Promise<void> {
  const temporary = temporaryPath(output);
  const stopOnSignal = (signal: NodeJS.Signals) => {
    removeQuietly(temporary);
    const existed = fs.existsSync(output);
    (notice ?? ((m) => process.stderr.write(m)))(
      `bieumau: đã dừng (${signal === "SIGINT" ? "Ctrl+C" : signal}) khi đang ghi: đã xóa tệp tạm ${path.basename(temporary)}; ${existed ? `${output} giữ nguyên như trước` : `${output} chưa được tạo`}.\n`,
    );
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.on("SIGINT", stopOnSignal);
  process.on("SIGTERM", stopOnSignal);
  try {
    await write(temporary);
    await testPause();
    flushToDisk(temporary);
    fs.renameSync(temporary, output);
  } catch (e) {
    removeQuietly(temporary);
    throw new OutputError(`không ghi được ${output}: ${describeWriteError(e, output)}`);
  } finally {
    process.off("SIGINT", stopOnSignal);
    process.off("SIGTERM", stopOnSignal);
  }
}

/** Writes bytes to `output` atomically. */
export function writeFileAtomically(output: string, bytes: Uint8Array, notice?: InterruptNotice): Promise<void> {
  return writeAtomically(output, (temporary) => fs.writeFileSync(temporary, bytes, { flag: "wx" }), notice);
}

/** So that a crash of the machine right after the rename does not leave an empty file. */
function flushToDisk(file: string): void {
  const fd = fs.openSync(file, "r+");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function removeQuietly(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch {
    // already gone
  }
}

/** Tests interrupt a write on purpose: BIEUMAU_TEST_WRITE_PAUSE_MS holds the finished temporary file before the rename. */
async function testPause(): Promise<void> {
  const ms = Number(process.env.BIEUMAU_TEST_WRITE_PAUSE_MS);
  if (ms > 0) {
    process.stderr.write("bieumau: (kiểm thử) đang giữ tệp tạm\n");
    await new Promise((resolve) => setTimeout(resolve, Math.min(ms, 60_000)));
  }
}

/** A system error while writing, said in Vietnamese (never Node's English text). */
export function describeWriteError(e: unknown, output: string): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "EACCES":
    case "EPERM":
      return "không có quyền ghi vào thư mục hoặc tệp này (hoặc tệp đang mở ở chương trình khác)";
    case "EBUSY":
      return "tệp đang mở ở chương trình khác; đóng tệp rồi chạy lại";
    case "EISDIR":
      return `${path.basename(output)} là một thư mục, không phải tệp`;
    case "ENOSPC":
      return "ổ đĩa đã đầy";
    case "EDQUOT":
      return "đã hết hạn mức dung lượng của ổ đĩa";
    case "EROFS":
      return "ổ đĩa chỉ cho đọc";
    case "ENOENT":
    case "ENOTDIR":
      return "thư mục chứa tệp kết quả không còn tồn tại";
    case "ENAMETOOLONG":
      return "tên tệp quá dài";
    case "EEXIST":
      return "tệp tạm trùng tên với một tệp đã có; chạy lại";
    default:
      return code ? `lỗi hệ thống (${code})` : "lỗi khi ghi tệp";
  }
}
