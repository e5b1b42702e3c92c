/**
 * What the template checker reports and the small checks every part of a template shares
 * (unknown fields, free-text fields), with their Vietnamese messages.
 */
import type { ObjectFormat } from "./format";

export interface CatalogProblem {
  /** JSON path, e.g. "forms[2].rows[5].ratio.numerator". */
  path: string;
  /** Human location: "mẫu bnv581-tinh, Biểu mẫu 3, dòng 1.4". */
  where: string;
  message: string;
}

export class CatalogError extends Error {
  constructor(
    readonly origin: string,
    readonly problems: CatalogProblem[],
  ) {
    super(`Mẫu biểu "${origin}" không hợp lệ:\n` + problems.map((p) => `- ${p.where}: ${p.message}`).join("\n"));
    this.name = "CatalogError";
  }
}

/** Records a problem: its JSON path, where it is below the template ("" = the template itself), the message. */
export type Add = (path: string, where: string, message: string) => void;

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Fields the format does not have (a typo, a field of another part) are refused, each by name. */
export function checkUnknownFields(obj: Record<string, unknown>, format: ObjectFormat, path: string, where: string, add: Add): void {
  for (const key of Object.keys(obj)) {
    if (!format.fields.has(key)) add(`${path}${path ? "." : ""}${key}`, where, `trường "${key}" không được hỗ trợ`);
  }
}

/** Notes and other free text: any string, but a string. */
export function checkFreeText(obj: Record<string, unknown>, format: ObjectFormat, path: string, where: string, add: Add): void {
  for (const key of format.freeText) {
    if (obj[key] !== undefined && typeof obj[key] !== "string") add(`${path}${path ? "." : ""}${key}`, where, `"${key}" phải là chuỗi`);
  }
}

/** ["error", "warning", "info"] → '"error", "warning" hoặc "info"'. */
export function orList(values: readonly string[]): string {
  const quoted = values.map((v) => `"${v}"`);
  return quoted.length < 2 ? quoted.join("") : `${quoted.slice(0, -1).join(", ")} hoặc ${quoted[quoted.length - 1]}`;
}

/** A code or printed STT is stored without a trailing dot or surrounding spaces. */
export function hasStrayDotOrSpace(code: string): boolean {
  return /\.\s*$/.test(code) || code !== code.trim();
}
