/** The officer's reason when workbook bytes cannot be read (never a reader's English). */
import { ReadError } from "./read-grid";

export function readFailureReason(e: unknown): string {
  if (e instanceof ReadError) return e.message;
  // Not a ReadError: a reader defect. The file is still named by the caller.
  return "tệp bị hỏng hoặc không đọc được (lỗi khi đọc nội dung)";
}
