/**
 * Checks a template read from JSON before anything uses it. Every problem is
 * reported with where it is (template, form, row) in Vietnamese, so a
 * province that writes its own template can fix it without reading code.
 *
 * This file checks the template and its forms; rows are checked in check-rows.ts,
 * list forms in check-list-form.ts, references between rows and templates in
 * check-references.ts. Which fields exist comes from the schema (format.ts).
 */
import { foldText } from "../core/text";
import { checkListForm } from "./check-list-form";
import { checkCycles, checkMappings } from "./check-references";
import { checkRows, type RowIds } from "./check-rows";
import { FORM_KINDS, FORMAT } from "./format";
import { checkFreeText, checkUnknownFields, isObject, type Add, type CatalogProblem } from "./problems";
import type { TemplateSpec } from "./types";

export { CatalogError, type CatalogProblem } from "./problems";

/** Checks structure and references; returns the problems (empty = valid). */
export function checkTemplate(raw: unknown, origin: string): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const templateName = isObject(raw) && typeof raw.id === "string" ? raw.id : origin;
  const add: Add = (path, where, message) => problems.push({ path, where: `mẫu ${templateName}${where ? ", " + where : ""}`, message });

  if (!isObject(raw)) {
    add("", "", "nội dung phải là một đối tượng JSON { id, name, level, forms }");
    return problems;
  }
  checkTemplateFields(raw, add);
  if (!Array.isArray(raw.forms) || raw.forms.length === 0) {
    add("forms", "", 'thiếu danh sách biểu "forms"');
    return problems;
  }
  const ids: RowIds = new Map();
  const formNumbers = new Set<number>();
  raw.forms.forEach((form: unknown, fi: number) => checkForm(form, fi, { ids, formNumbers, add }));
  // Cycles are looked for even when other problems exist, so one run explains everything.
  checkCycles(raw as unknown as TemplateSpec, add);
  if (problems.length === 0 && raw.mappings !== undefined) checkMappings(raw as unknown as TemplateSpec, raw.mappings, add);
  return problems;
}

function checkTemplateFields(raw: Record<string, unknown>, add: Add): void {
  checkUnknownFields(raw, FORMAT.template, "", "", add);
  checkFreeText(raw, FORMAT.template, "", "", add);
  for (const key of ["id", "name", "level"] as const) {
    if (typeof raw[key] !== "string" || (raw[key] as string).trim() === "") {
      add(key, "", `thiếu trường "${key}" (chuỗi không rỗng)`);
    }
  }
  if (typeof raw.id === "string" && !/^[a-z0-9][a-z0-9-]*$/.test(raw.id)) {
    add("id", "", `mã mẫu "${raw.id}" chỉ được gồm chữ thường không dấu, số và dấu gạch ngang`);
  }
}

/** What the forms of one template share while they are checked: row ids and form numbers must be unique. */
interface TemplateScope {
  ids: RowIds;
  formNumbers: Set<number>;
  add: Add;
}

function checkForm(form: unknown, fi: number, { ids, formNumbers, add }: TemplateScope): void {
  const fpath = `forms[${fi}]`;
  if (!isObject(form)) {
    add(fpath, `biểu thứ ${fi + 1}`, "phải là một đối tượng { number, title, rows }");
    return;
  }
  const fwhere = `Biểu mẫu ${typeof form.number === "number" ? form.number : `thứ ${fi + 1}`}`;
  checkFormNumber(form.number, formNumbers, `${fpath}.number`, fwhere, add);
  if (typeof form.title !== "string" || form.title.trim() === "") {
    add(`${fpath}.title`, fwhere, "thiếu tên biểu");
  }
  checkUnknownFields(form, FORMAT.form, fpath, fwhere, add);
  if (form.caption !== undefined && (typeof form.caption !== "string" || form.caption.trim() === "")) {
    add(`${fpath}.caption`, fwhere, '"caption" phải là chuỗi không rỗng, ví dụ "Phụ lục II"');
  }
  checkFreeText(form, FORMAT.form, fpath, fwhere, add);
  if (form.kind !== undefined && !(FORM_KINDS as readonly unknown[]).includes(form.kind)) {
    add(`${fpath}.kind`, fwhere, `loại biểu "${String(form.kind)}" không hợp lệ (dùng: ${FORM_KINDS.join(", ")})`);
    return;
  }
  if (form.kind === "list") {
    checkListForm(form, fpath, fwhere, add);
    return;
  }
  for (const key of ["columns", "sections"] as const) {
    if (form[key] !== undefined) add(`${fpath}.${key}`, fwhere, `chỉ biểu danh sách ("kind": "list") mới có "${key}"`);
  }
  checkValueColumns(form, fpath, fwhere, add);
  if (!Array.isArray(form.rows) || form.rows.length === 0) {
    add(`${fpath}.rows`, fwhere, "biểu không có dòng nào");
    return;
  }
  checkRows(form.rows, fpath, fwhere, ids, add);
}

function checkFormNumber(fnum: unknown, formNumbers: Set<number>, path: string, fwhere: string, add: Add): void {
  if (typeof fnum !== "number" || !Number.isInteger(fnum) || fnum < 1) {
    add(path, fwhere, "số biểu phải là số nguyên dương");
  } else if (formNumbers.has(fnum)) {
    add(path, fwhere, "số biểu bị trùng");
  } else {
    formNumbers.add(fnum);
  }
}

/** Several value columns ("Năm 2023", "Năm 2024") and the factor between them. */
function checkValueColumns(form: Record<string, unknown>, fpath: string, fwhere: string, add: Add): void {
  const cols = form.valueColumns;
  if (cols !== undefined) {
    if (!Array.isArray(cols) || cols.length === 0) {
      add(`${fpath}.valueColumns`, fwhere, '"valueColumns" phải là danh sách tên cột số liệu, ví dụ ["Năm 2023", "Năm 2024"]');
    } else {
      // Folded as the reader folds a header when it looks for the column (core/locate.ts).
      const seen = new Set<string>();
      cols.forEach((c: unknown, i: number) => {
        if (typeof c !== "string" || c.trim() === "")
          add(`${fpath}.valueColumns[${i}]`, fwhere, "tên cột số liệu phải là chuỗi không rỗng");
        else if (seen.has(foldText(c))) add(`${fpath}.valueColumns[${i}]`, fwhere, `cột số liệu "${c}" bị lặp`);
        else seen.add(foldText(c));
      });
    }
  }
  const factor = form.yearChangeFactor;
  if (factor !== undefined) {
    if (typeof factor !== "number" || !Number.isFinite(factor) || factor <= 1) {
      add(
        `${fpath}.yearChangeFactor`,
        fwhere,
        '"yearChangeFactor" phải là số lớn hơn 1 (ví dụ 3: thay đổi quá 3 lần giữa hai năm là cảnh báo)',
      );
    } else if (cols === undefined || (Array.isArray(cols) && cols.length === 1)) {
      add(`${fpath}.yearChangeFactor`, fwhere, '"yearChangeFactor" chỉ dùng cho biểu có từ hai cột số liệu ("valueColumns")');
    }
  }
}
