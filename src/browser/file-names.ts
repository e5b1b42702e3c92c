/** Names for the files the browser page offers as downloads (no diacritics: such names travel better by mail and USB stick). */
import type { TemplateSpec } from "../catalog/types";
import { foldText } from "../core/text";

/** "Kết quả kiểm tra" → "ket-qua-kiem-tra" */
export function slug(text: string): string {
  return foldText(text)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
}

/** "xa-A.xlsx" → "xa-A-da-tinh.xlsx" */
export function withSuffix(fileName: string, suffix: string): string {
  const base = fileName.replace(/\.(xlsx|xlsm|xls|ods)$/i, "");
  return `${base}${suffix}.xlsx`;
}

/** "bnv581-xa" + "UBND xã A" → "bnv581-xa-ubnd-xa-a.xlsx" */
export function templateFileName(template: TemplateSpec, unit?: string): string {
  const u = unit ? slug(unit) : "";
  return `${template.id}${u ? `-${u}` : ""}.xlsx`;
}
