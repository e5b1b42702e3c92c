/** The reader's one error type, and the messages it carries (Vietnamese, one line, for the officer). */

export type ReadErrorReason = "empty" | "not-zip" | "xls" | "encrypted" | "corrupt" | "no-workbook" | "too-large";

/** Every failure of the reader: `reason` for code, `message` (Vietnamese, one line) for people. */
export class ReadError extends Error {
  constructor(
    readonly reason: ReadErrorReason,
    message: string,
  ) {
    super(message);
    this.name = "ReadError";
  }
}

export function corrupt(detail: string): ReadError {
  return new ReadError("corrupt", `tệp bị hỏng hoặc không đầy đủ (${detail})`);
}

export function tooLarge(limit: number): ReadError {
  return new ReadError("too-large", `tệp quá lớn: dữ liệu giải nén vượt quá ${formatBytes(limit)} (có thể là tệp bất thường hoặc bom nén)`);
}

export function encrypted(): ReadError {
  return new ReadError("encrypted", "tệp được đặt mật khẩu: hãy gỡ mật khẩu rồi gửi lại");
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KB`;
  return `${n} byte`;
}
