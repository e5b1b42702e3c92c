/** How rules name numbers, rows, cells and forms in their Vietnamese messages. */
import type { RowSpec } from "../../catalog/types";
import { formatNumber } from "../numbers";

/** vi-VN display of a number: "2.835", "99,87". */
export function vi(n: number, decimals?: number): string {
  return formatNumber(n, "vi", decimals);
}

/** A rate for messages: the stated precision, at least two decimals unless whole. */
export function rateText(n: number, decimals = 2): string {
  return Number.isInteger(n) ? vi(n) : vi(n, Math.max(2, decimals));
}

/** A cell's text in a message, on one line, cut at 60 characters. */
export function quote(raw: string): string {
  const oneLine = raw.replace(/\s+/g, " ").trim();
  return `"${oneLine.length > 60 ? oneLine.slice(0, 57) + "…" : oneLine}"`;
}

/** A row in a list of rows: its STT, or the start of its label. */
export function brief(spec: RowSpec): string {
  return spec.code || `"${spec.label.length > 30 ? spec.label.slice(0, 28) + "…" : spec.label}"`;
}

/** "Biểu mẫu 3", or what the document calls the form ("Phụ lục II"). */
export function formName(form: { number: number; caption?: string }): string {
  return form.caption ?? `Biểu mẫu ${form.number}`;
}

/** A row in a message: its STT, or its label in quotes when it has none. */
export function ref(spec: RowSpec): string {
  return spec.code || `"${short(spec.label)}"`;
}

/** A row in a message with its label: 'I.4 "Tổng số …"', or the label alone when uncoded. */
export function labelled(spec: RowSpec): string {
  return spec.code ? `${spec.code} "${short(spec.label)}"` : `"${short(spec.label)}"`;
}

export function short(label: string): string {
  return label.length > 60 ? label.slice(0, 57) + "…" : label;
}

/** At most twelve items, then "…". */
export function list(items: string[]): string {
  return items.length > 12 ? `${items.slice(0, 12).join(", ")} …` : items.join(", ");
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A cell's value in a message: "(trống)", "2.835", "#DIV/0!", "\"abc\"". */
export function shownValue(v: unknown): string {
  if (v === null || v === "") return "(trống)";
  if (typeof v === "number") return vi(v);
  if (typeof v === "object" && v !== null && "error" in v) return String((v as { error: string }).error);
  return `"${String(v)}"`;
}
