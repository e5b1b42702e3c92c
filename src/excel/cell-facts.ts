/**
 * Small facts about the running Excel and about cell contents, for
 * ./excel-host: API support, platform, what Ctrl+Z does, how a written cell
 * keeps its meaning. Nothing here calls Excel; only `Office.context` is read.
 */
import type { CellWrite } from "../core/host";

export function officeSupports(version: string): boolean {
  try {
    return typeof Office !== "undefined" && Office.context?.requirements?.isSetSupported("ExcelApi", version) === true;
  } catch {
    return false;
  }
}

/** Platforms whose webview does not save downloads (office-js #2700: WKWebView on Mac; iPad). */
export const NO_DOWNLOAD = new Set(["Mac", "iOS"]);

export function officePlatform(): string {
  try {
    return typeof Office !== "undefined" ? String(Office.context?.platform ?? "") : "";
  } catch {
    return "";
  }
}

/** What Ctrl+Z does after the add-in wrote cells, by the running Excel's API support. */
export function undoNote(isSupported: (version: string) => boolean = officeSupports): string {
  return isSupported("1.20")
    ? "Có thể dùng Hoàn tác (Ctrl+Z) của Excel để lùi từng bước ghi của tiện ích; nút “Hoàn tác” ở đây trả lại cùng lúc mọi ô của lần tính."
    : "Excel này xoá lịch sử Hoàn tác (Ctrl+Z) mỗi khi tiện ích ghi vào ô, nên Ctrl+Z không lùi được thao tác của tiện ích lẫn các thao tác trước đó: hãy dùng nút “Hoàn tác” ở đây.";
}

/**
 * What to write back on undo. Text constants read through `formulas` lose a
 * leading apostrophe (office-js #6687), so "'=abc" or "'-5 (ước)" would come
 * back as formulas and "'0123" as a number: a constant text (a String whose
 * formula is its value) outside an "@" cell gets the apostrophe back.
 */
export function textAsTyped(
  formula: unknown,
  value: unknown,
  valueType: string | undefined,
  numberFormat: unknown,
): string | number | boolean {
  const f = formula as string | number | boolean;
  if (valueType !== "String" || typeof f !== "string" || f !== value || numberFormat === "@") return f;
  return `'${f}`;
}

/**
 * The number format a written cell gets: text goes into "@" cells so Excel
 * keeps it as typed; a formula never stays in an "@" cell, where Excel would
 * keep it as the text "=…"; numbers keep the cell's format.
 */
export function formatFor(write: CellWrite, current: string): string {
  if (write.formula !== undefined) return current === "@" ? "General" : current;
  return typeof write.value === "string" ? "@" : current;
}

/** Bytes → Base64 (for insertWorksheetsFromBase64), in slices small enough for String.fromCharCode. */
export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}
