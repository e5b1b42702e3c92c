/** Checks of a list form (Phụ lục I: officers add rows): columns after STT, numbered sections, no rows. */
import { foldText } from "../core/text";
import { FORMAT, LIST_COLUMN_TYPES } from "./format";
import { checkUnknownFields, isObject, type Add } from "./problems";

export function checkListForm(form: Record<string, unknown>, fpath: string, fwhere: string, add: Add): void {
  if (form.rows !== undefined && (!Array.isArray(form.rows) || form.rows.length > 0)) {
    add(`${fpath}.rows`, fwhere, 'biểu danh sách không có dòng chỉ tiêu ("rows" bỏ trống): cán bộ tự thêm dòng');
  }
  for (const key of ["valueColumns", "yearChangeFactor"] as const) {
    if (form[key] !== undefined) add(`${fpath}.${key}`, fwhere, `biểu danh sách không có "${key}"`);
  }
  const cols = form.columns;
  if (!Array.isArray(cols) || cols.length === 0) {
    add(`${fpath}.columns`, fwhere, 'biểu danh sách cần "columns": [{ key, title, type }] (các cột sau cột STT)');
  } else {
    checkColumns(cols, fpath, fwhere, add);
  }
  if (form.sections !== undefined) checkSections(form.sections, fpath, fwhere, add);
}

function checkColumns(cols: unknown[], fpath: string, fwhere: string, add: Add): void {
  const keys = new Set<string>();
  // Titles are folded as the reader folds a header when it looks for the column (core/locate-list.ts).
  const titles = new Set<string>();
  cols.forEach((c: unknown, i: number) => {
    const cpath = `${fpath}.columns[${i}]`;
    const cwhere = `${fwhere}, cột thứ ${i + 1}`;
    if (!isObject(c)) {
      add(cpath, cwhere, "cột phải có dạng { key, title, type }");
      return;
    }
    checkUnknownFields(c, FORMAT.listColumn, cpath, cwhere, add);
    if (typeof c.key !== "string" || !/^[a-z0-9][a-z0-9-]*$/.test(c.key))
      add(`${cpath}.key`, cwhere, '"key" chỉ gồm chữ thường không dấu, số và dấu gạch ngang');
    else if (keys.has(c.key)) add(`${cpath}.key`, cwhere, `"key" "${c.key}" bị lặp`);
    else keys.add(c.key);
    if (typeof c.title !== "string" || c.title.trim() === "") add(`${cpath}.title`, cwhere, "thiếu tên cột");
    else if (titles.has(foldText(c.title))) add(`${cpath}.title`, cwhere, `tên cột "${c.title}" bị lặp`);
    else titles.add(foldText(c.title));
    if (!(LIST_COLUMN_TYPES as readonly unknown[]).includes(c.type)) {
      add(`${cpath}.type`, cwhere, `kiểu cột "${String(c.type)}" không hợp lệ (dùng: ${LIST_COLUMN_TYPES.join(", ")})`);
    }
  });
}

function checkSections(sections: unknown, fpath: string, fwhere: string, add: Add): void {
  if (!Array.isArray(sections)) {
    add(`${fpath}.sections`, fwhere, '"sections" phải là danh sách { code, title }');
    return;
  }
  const codes = new Set<string>();
  sections.forEach((sec: unknown, i: number) => {
    const spath = `${fpath}.sections[${i}]`;
    const swhere = `${fwhere}, nhóm thứ ${i + 1}`;
    if (
      !isObject(sec) ||
      typeof sec.code !== "string" ||
      sec.code.trim() === "" ||
      typeof sec.title !== "string" ||
      sec.title.trim() === ""
    ) {
      add(spath, swhere, 'nhóm phải có dạng { code: "I", title: "…" }');
      return;
    }
    checkUnknownFields(sec, FORMAT.section, spath, swhere, add);
    if (codes.has(sec.code)) add(`${spath}.code`, swhere, `số nhóm "${sec.code}" bị lặp`);
    codes.add(sec.code);
  });
}
