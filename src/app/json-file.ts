/** JSON files the officer gives (plan targets, a province's template): refused in Vietnamese, never with the parser's English. */

/** Why a JSON file was refused, in Vietnamese (never the parser's English). */
export function jsonProblem(fileName: string, error: unknown): string {
  const m = error instanceof Error ? error.message : String(error);
  if (/end of JSON input|Unexpected end/i.test(m)) return `tệp ${fileName} trống hoặc bị cắt ngang, không phải tệp JSON đầy đủ`;
  if (/JSON|Unexpected token|position \d+/i.test(m)) {
    const pos = /position (\d+)/.exec(m);
    return `tệp ${fileName} không phải tệp JSON hợp lệ${pos ? ` (sai ở ký tự thứ ${Number(pos[1]) + 1})` : ""}: hãy chọn đúng tệp .json do tỉnh cung cấp`;
  }
  return `tệp ${fileName}: ${m}`;
}

/** Parses JSON text; throws an Error with a Vietnamese message naming the file. */
export function parseJsonFile(text: string, fileName: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new Error(jsonProblem(fileName, e), { cause: e });
  }
}
