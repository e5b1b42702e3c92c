/**
 * Checks a template read from JSON before anything uses it. Every problem is
 * reported with where it is (template, form, row) in Vietnamese, so a
 * province that writes its own template can fix it without reading code.
 */
import type { Aggregation, FormSpec, RowKind, RowSpec, TemplateSpec } from "./types";

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

export const ROW_KINDS: readonly RowKind[] = ["heading", "count", "percent", "ratio", "money", "coded", "text"];
export const AGGREGATIONS: readonly Aggregation[] = ["sum", "pooled", "answers", "same", "manual", "none"];

/** Which aggregations make sense for which kind. */
const AGGREGATIONS_BY_KIND: Record<RowKind, readonly Aggregation[]> = {
  heading: ["none", "manual"],
  count: ["sum", "same", "manual"],
  money: ["sum", "same", "manual"],
  percent: ["manual", "same"],
  ratio: ["pooled", "manual"],
  coded: ["answers", "same", "manual"],
  text: ["manual", "none"],
};

/** Kinds whose value can be a part of a sum or a ratio. */
const QUANTITY_KINDS: readonly RowKind[] = ["count", "money"];

const TEMPLATE_FIELDS = new Set(["$schema", "id", "name", "level", "source", "forms", "mappings", "note"]);

const ROW_FIELDS = new Set([
  "id",
  "code",
  "label",
  "unit",
  "kind",
  "options",
  "ratio",
  "sum",
  "checks",
  "subUnits",
  "compound",
  "stt",
  "aggregate",
  "note",
]);

const FORM_FIELDS = new Set([
  "number",
  "title",
  "kind",
  "caption",
  "rows",
  "valueColumns",
  "yearChangeFactor",
  "columns",
  "sections",
  "note",
]);

export const LIST_COLUMN_TYPES = ["text", "date", "status"] as const;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Checks structure and references; returns the problems (empty = valid). */
export function checkTemplate(raw: unknown, origin: string): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const templateName = isObject(raw) && typeof raw.id === "string" ? raw.id : origin;
  const add = (path: string, where: string, message: string) =>
    problems.push({ path, where: `mẫu ${templateName}${where ? ", " + where : ""}`, message });

  if (!isObject(raw)) {
    add("", "", "nội dung phải là một đối tượng JSON { id, name, level, forms }");
    return problems;
  }
  for (const key of Object.keys(raw)) {
    if (!TEMPLATE_FIELDS.has(key)) add(key, "", `trường "${key}" không được hỗ trợ`);
  }
  for (const key of ["id", "name", "level"] as const) {
    if (typeof raw[key] !== "string" || (raw[key] as string).trim() === "") {
      add(key, "", `thiếu trường "${key}" (chuỗi không rỗng)`);
    }
  }
  if (typeof raw.id === "string" && !/^[a-z0-9][a-z0-9-]*$/.test(raw.id)) {
    add("id", "", `mã mẫu "${raw.id}" chỉ được gồm chữ thường không dấu, số và dấu gạch ngang`);
  }
  if (!Array.isArray(raw.forms) || raw.forms.length === 0) {
    add("forms", "", 'thiếu danh sách biểu "forms"');
    return problems;
  }

  const ids = new Map<string, string>();
  const formNumbers = new Set<number>();
  raw.forms.forEach((form: unknown, fi: number) => {
    const fpath = `forms[${fi}]`;
    if (!isObject(form)) {
      add(fpath, `biểu thứ ${fi + 1}`, "phải là một đối tượng { number, title, rows }");
      return;
    }
    const fnum = form.number;
    const fwhere = `Biểu mẫu ${typeof fnum === "number" ? fnum : `thứ ${fi + 1}`}`;
    if (typeof fnum !== "number" || !Number.isInteger(fnum) || fnum < 1) {
      add(`${fpath}.number`, fwhere, "số biểu phải là số nguyên dương");
    } else if (formNumbers.has(fnum)) {
      add(`${fpath}.number`, fwhere, "số biểu bị trùng");
    } else {
      formNumbers.add(fnum);
    }
    if (typeof form.title !== "string" || form.title.trim() === "") {
      add(`${fpath}.title`, fwhere, "thiếu tên biểu");
    }
    for (const key of Object.keys(form)) {
      if (!FORM_FIELDS.has(key)) add(`${fpath}.${key}`, fwhere, `trường "${key}" không được hỗ trợ`);
    }
    if (form.caption !== undefined && (typeof form.caption !== "string" || form.caption.trim() === "")) {
      add(`${fpath}.caption`, fwhere, '"caption" phải là chuỗi không rỗng, ví dụ "Phụ lục II"');
    }
    if (form.note !== undefined && typeof form.note !== "string") add(`${fpath}.note`, fwhere, '"note" phải là chuỗi');
    if (form.kind !== undefined && form.kind !== "table" && form.kind !== "list") {
      add(`${fpath}.kind`, fwhere, `loại biểu "${String(form.kind)}" không hợp lệ (dùng: table, list)`);
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
  });
  // Cycles are looked for even when other problems exist, so one run explains everything.
  checkCycles(raw as unknown as TemplateSpec, add);
  if (problems.length === 0 && raw.mappings !== undefined) checkMappings(raw as unknown as TemplateSpec, raw.mappings, add);
  return problems;
}

/** Several value columns ("Năm 2023", "Năm 2024") and the factor between them. */
function checkValueColumns(form: Record<string, unknown>, fpath: string, fwhere: string, add: Add): void {
  const cols = form.valueColumns;
  if (cols !== undefined) {
    if (!Array.isArray(cols) || cols.length === 0) {
      add(`${fpath}.valueColumns`, fwhere, '"valueColumns" phải là danh sách tên cột số liệu, ví dụ ["Năm 2023", "Năm 2024"]');
    } else {
      const seen = new Set<string>();
      cols.forEach((c: unknown, i: number) => {
        if (typeof c !== "string" || c.trim() === "")
          add(`${fpath}.valueColumns[${i}]`, fwhere, "tên cột số liệu phải là chuỗi không rỗng");
        else if (seen.has(foldName(c))) add(`${fpath}.valueColumns[${i}]`, fwhere, `cột số liệu "${c}" bị lặp`);
        else seen.add(foldName(c));
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

/** A list form: columns after STT, numbered sections, no rows. */
function checkListForm(form: Record<string, unknown>, fpath: string, fwhere: string, add: Add): void {
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
    const keys = new Set<string>();
    const titles = new Set<string>();
    cols.forEach((c: unknown, i: number) => {
      const cpath = `${fpath}.columns[${i}]`;
      const cwhere = `${fwhere}, cột thứ ${i + 1}`;
      if (!isObject(c)) {
        add(cpath, cwhere, "cột phải có dạng { key, title, type }");
        return;
      }
      for (const key of Object.keys(c))
        if (!["key", "title", "type"].includes(key)) add(`${cpath}.${key}`, cwhere, `trường "${key}" không được hỗ trợ`);
      if (typeof c.key !== "string" || !/^[a-z0-9][a-z0-9-]*$/.test(c.key))
        add(`${cpath}.key`, cwhere, '"key" chỉ gồm chữ thường không dấu, số và dấu gạch ngang');
      else if (keys.has(c.key)) add(`${cpath}.key`, cwhere, `"key" "${c.key}" bị lặp`);
      else keys.add(c.key);
      if (typeof c.title !== "string" || c.title.trim() === "") add(`${cpath}.title`, cwhere, "thiếu tên cột");
      else if (titles.has(foldName(c.title))) add(`${cpath}.title`, cwhere, `tên cột "${c.title}" bị lặp`);
      else titles.add(foldName(c.title));
      if (!(LIST_COLUMN_TYPES as readonly unknown[]).includes(c.type)) {
        add(`${cpath}.type`, cwhere, `kiểu cột "${String(c.type)}" không hợp lệ (dùng: ${LIST_COLUMN_TYPES.join(", ")})`);
      }
    });
  }
  const sections = form.sections;
  if (sections !== undefined) {
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
      for (const key of Object.keys(sec))
        if (key !== "code" && key !== "title") add(`${spath}.${key}`, swhere, `trường "${key}" không được hỗ trợ`);
      if (codes.has(sec.code)) add(`${spath}.code`, swhere, `số nhóm "${sec.code}" bị lặp`);
      codes.add(sec.code);
    });
  }
}

function foldName(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** "3/3.3.1" → the row, or undefined. */
export function rowAt(template: TemplateSpec, ref: string): RowSpec | undefined {
  const m = /^(\d+)\/(.+)$/.exec(ref);
  if (!m) return undefined;
  return template.forms.find((f) => f.number === Number(m[1]))?.rows.find((r) => r.code === m[2]);
}

/** Sources must exist here; targets are checked against the other template when both are known. */
function checkMappings(template: TemplateSpec, mappings: unknown, add: Add): void {
  if (!Array.isArray(mappings)) {
    add("mappings", "", '"mappings" phải là danh sách { into, rows }');
    return;
  }
  mappings.forEach((m: unknown, mi: number) => {
    const mpath = `mappings[${mi}]`;
    if (!isObject(m) || typeof m.into !== "string" || !Array.isArray(m.rows)) {
      add(mpath, `ánh xạ thứ ${mi + 1}`, 'ánh xạ cần "into" (mã mẫu) và "rows"');
      return;
    }
    m.rows.forEach((r: unknown, ri: number) => {
      const where = `ánh xạ sang ${m.into as string}, dòng thứ ${ri + 1}`;
      if (!isObject(r) || typeof r.from !== "string" || typeof r.to !== "string") {
        add(`${mpath}.rows[${ri}]`, where, 'cần "from" và "to" dạng "biểu/STT", ví dụ "3/3.3.1"');
        return;
      }
      const source = rowAt(template, r.from);
      if (!source) add(`${mpath}.rows[${ri}].from`, where, `không có dòng "${r.from}" trong mẫu này`);
      else if (source.kind === "heading" || source.kind === "text")
        add(`${mpath}.rows[${ri}].from`, where, `dòng "${r.from}" không có số để chuyển`);
    });
  });
}

/** A mapping's targets must be input rows of the target template. */
export function checkMappingTargets(template: TemplateSpec, target: TemplateSpec): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  for (const m of template.mappings ?? []) {
    if (m.into !== target.id) continue;
    m.rows.forEach((r, i) => {
      const row = rowAt(target, r.to);
      const where = `mẫu ${template.id}, ánh xạ sang ${target.id}, dòng thứ ${i + 1}`;
      if (!row) problems.push({ path: `mappings.rows[${i}].to`, where, message: `mẫu ${target.id} không có dòng "${r.to}"` });
      else if (row.ratio || row.sum || row.kind === "heading") {
        problems.push({
          path: `mappings.rows[${i}].to`,
          where,
          message: `dòng "${r.to}" của ${target.id} là dòng tính toán hoặc tiêu đề, không nhận số`,
        });
      }
    });
  }
  return problems;
}

type Add = (path: string, where: string, message: string) => void;

function checkRows(rows: unknown[], fpath: string, fwhere: string, ids: Map<string, string>, add: Add): void {
  const byCode = new Map<string, { kind: unknown; index: number }>();
  rows.forEach((row, ri) => {
    if (isObject(row) && typeof row.code === "string" && row.code !== "") {
      if (byCode.has(row.code)) {
        add(`${fpath}.rows[${ri}].code`, `${fwhere}, dòng ${row.code}`, "mã dòng (STT) bị trùng trong biểu");
      } else {
        byCode.set(row.code, { kind: row.kind, index: ri });
      }
    } else if (isObject(row) && row.code === "" && typeof row.id === "string" && row.id !== "") {
      // Uncoded rows ("Trong đó …") are referred to by their id.
      byCode.set(row.id, { kind: row.kind, index: ri });
    }
  });

  rows.forEach((row, ri) => {
    const rpath = `${fpath}.rows[${ri}]`;
    if (!isObject(row)) {
      add(rpath, `${fwhere}, dòng thứ ${ri + 1}`, "phải là một đối tượng");
      return;
    }
    const code = typeof row.code === "string" ? row.code : "";
    const rwhere = `${fwhere}, dòng ${code || `thứ ${ri + 1} (không có STT)`}`;
    for (const key of Object.keys(row)) {
      if (!ROW_FIELDS.has(key)) add(`${rpath}.${key}`, rwhere, `trường "${key}" không được hỗ trợ`);
    }
    if (typeof row.id !== "string" || row.id === "") {
      add(`${rpath}.id`, rwhere, 'thiếu mã định danh "id"');
    } else if (ids.has(row.id)) {
      add(`${rpath}.id`, rwhere, `mã định danh "${row.id}" đã dùng ở ${ids.get(row.id)}`);
    } else {
      ids.set(row.id, rwhere);
    }
    if (typeof row.code !== "string") add(`${rpath}.code`, rwhere, 'thiếu "code" (chuỗi, có thể rỗng)');
    else if (/\.\s*$/.test(row.code) || row.code !== row.code.trim()) {
      add(`${rpath}.code`, rwhere, "STT không được có dấu chấm cuối hay khoảng trắng thừa");
    }
    if (typeof row.label !== "string" || row.label.trim() === "") add(`${rpath}.label`, rwhere, "thiếu tên chỉ tiêu");
    if (typeof row.unit !== "string") add(`${rpath}.unit`, rwhere, 'thiếu "unit" (chuỗi, có thể rỗng)');
    const kind = row.kind as RowKind;
    if (!ROW_KINDS.includes(kind)) {
      add(`${rpath}.kind`, rwhere, `loại dòng "${String(row.kind)}" không hợp lệ (dùng: ${ROW_KINDS.join(", ")})`);
      return;
    }
    const agg = row.aggregate as Aggregation;
    if (!AGGREGATIONS.includes(agg)) {
      add(`${rpath}.aggregate`, rwhere, `cách tổng hợp "${String(row.aggregate)}" không hợp lệ (dùng: ${AGGREGATIONS.join(", ")})`);
    } else if (!AGGREGATIONS_BY_KIND[kind].includes(agg)) {
      add(
        `${rpath}.aggregate`,
        rwhere,
        `dòng loại "${kind}" không tổng hợp theo "${agg}" được (dùng: ${AGGREGATIONS_BY_KIND[kind].join(", ")})`,
      );
    }

    const refersTo = (path: string, ref: unknown, what: string, kinds: readonly RowKind[]) => {
      if (typeof ref !== "string" || ref === "") {
        add(path, rwhere, `${what}: cần mã dòng (STT)`);
        return;
      }
      const target = byCode.get(ref);
      if (!target) {
        add(path, rwhere, `${what} trỏ tới dòng "${ref}" không có trong ${fwhere}`);
      } else if (ref === (code || row.id)) {
        add(path, rwhere, `${what} trỏ tới chính dòng này`);
      } else if (!kinds.includes(target.kind as RowKind)) {
        add(path, rwhere, `${what} trỏ tới dòng "${ref}" loại "${String(target.kind)}" (cần: ${kinds.join(", ")})`);
      }
    };

    // Coded answers
    if (kind === "coded") {
      if (!Array.isArray(row.options) || row.options.length < 2) {
        add(`${rpath}.options`, rwhere, "dòng mã hóa cần ít nhất hai lựa chọn { value, label }");
      } else {
        const seen = new Set<number>();
        row.options.forEach((o: unknown, oi: number) => {
          if (!isObject(o) || typeof o.value !== "number" || !Number.isInteger(o.value) || typeof o.label !== "string" || o.label === "") {
            add(`${rpath}.options[${oi}]`, rwhere, "lựa chọn phải có dạng { value: số nguyên, label: chuỗi }");
          } else if (seen.has(o.value)) {
            add(`${rpath}.options[${oi}]`, rwhere, `giá trị ${o.value} bị trùng`);
          } else seen.add(o.value);
        });
      }
    } else if (row.options !== undefined) {
      add(`${rpath}.options`, rwhere, 'chỉ dòng loại "coded" mới có "options"');
    }

    // Ratios
    if (kind === "ratio") {
      if (!isObject(row.ratio)) {
        add(`${rpath}.ratio`, rwhere, 'dòng tỷ lệ cần "ratio": { numerator, denominator }');
      } else {
        refersTo(`${rpath}.ratio.numerator`, row.ratio.numerator, "tử số", QUANTITY_KINDS);
        refersTo(`${rpath}.ratio.denominator`, row.ratio.denominator, "mẫu số", QUANTITY_KINDS);
        if (row.ratio.numerator === row.ratio.denominator) {
          add(`${rpath}.ratio`, rwhere, "tử số và mẫu số trùng nhau");
        }
      }
    } else if (row.ratio !== undefined) {
      add(`${rpath}.ratio`, rwhere, 'chỉ dòng loại "ratio" mới có "ratio"');
    }

    // Sums
    if (row.sum !== undefined) {
      if (!QUANTITY_KINDS.includes(kind)) {
        add(`${rpath}.sum`, rwhere, `dòng loại "${kind}" không thể là tổng`);
      } else if (!Array.isArray(row.sum) || row.sum.length === 0) {
        add(`${rpath}.sum`, rwhere, '"sum" phải là danh sách mã dòng thành phần');
      } else {
        row.sum.forEach((ref: unknown, i: number) => refersTo(`${rpath}.sum[${i}]`, ref, "thành phần của tổng", QUANTITY_KINDS));
        if (new Set(row.sum).size !== row.sum.length) add(`${rpath}.sum`, rwhere, "thành phần của tổng bị lặp");
      }
    }

    // Printed STT differing from the code
    if (row.stt !== undefined) {
      if (typeof row.stt !== "string" || row.stt.trim() === "")
        add(`${rpath}.stt`, rwhere, '"stt" phải là STT in trên biểu (chuỗi không rỗng)');
      else if (/\.\s*$/.test(row.stt) || row.stt !== row.stt.trim())
        add(`${rpath}.stt`, rwhere, "STT không được có dấu chấm cuối hay khoảng trắng thừa");
      else if (row.stt === code) add(`${rpath}.stt`, rwhere, '"stt" trùng "code": bỏ "stt"');
    }

    // Several quantities in one cell
    if (row.compound !== undefined) {
      const c = row.compound;
      if (
        !isObject(c) ||
        !Array.isArray(c.parts) ||
        c.parts.length < 2 ||
        c.parts.some((p: unknown) => typeof p !== "string" || p.trim() === "")
      ) {
        add(`${rpath}.compound`, rwhere, '"compound" cần "parts": ít nhất hai tên phần, ví dụ ["Hồ sơ", "%"]');
      } else {
        for (const key of Object.keys(c))
          if (!["parts", "partOfWhole", "severity"].includes(key))
            add(`${rpath}.compound.${key}`, rwhere, `trường "${key}" không được hỗ trợ`);
        const parts = c.parts as string[];
        const percents = parts.filter((p) => p.trim() === "%").length;
        if (kind !== "count" && kind !== "percent")
          add(`${rpath}.compound`, rwhere, `dòng loại "${kind}" không có "compound" (dùng cho dòng "count" hoặc "percent")`);
        if (kind === "percent" && percents !== 1) add(`${rpath}.compound`, rwhere, 'dòng tỷ lệ có "compound" cần đúng một phần "%"');
        if (percents > 1) add(`${rpath}.compound`, rwhere, 'chỉ được một phần "%"');
        if (percents === 1 && parts[parts.length - 1].trim() !== "%")
          add(`${rpath}.compound`, rwhere, 'phần "%" phải là phần cuối ("… = …%")');
        if (kind === "count" && percents === parts.length)
          add(`${rpath}.compound`, rwhere, "dòng số lượng cần ít nhất một phần là số lượng");
        if (c.partOfWhole !== undefined) {
          if (typeof c.partOfWhole !== "boolean") add(`${rpath}.compound.partOfWhole`, rwhere, '"partOfWhole" phải là true hoặc false');
          else if (c.partOfWhole && (parts.length < 2 || parts[0].trim() === "%" || parts[1].trim() === "%")) {
            add(`${rpath}.compound.partOfWhole`, rwhere, '"partOfWhole" cần hai phần đầu là số lượng ("a/b": a ≤ b)');
          }
        }
        if (c.severity !== undefined && !["error", "warning", "info"].includes(c.severity as string)) {
          add(`${rpath}.compound.severity`, rwhere, 'mức độ phải là "error", "warning" hoặc "info"');
        }
      }
    }

    // Sub-units: the total of a count row broken down in Ghi chú
    if (row.subUnits !== undefined) {
      if (kind !== "count") {
        add(`${rpath}.subUnits`, rwhere, 'chỉ dòng loại "count" mới có "subUnits"');
      } else if (!Array.isArray(row.subUnits) || row.subUnits.length === 0) {
        add(`${rpath}.subUnits`, rwhere, '"subUnits" phải là danh sách tên đơn vị con, ví dụ ["Tin", "Bài", "Video", "Khác"]');
      } else {
        const seen = new Set<string>();
        row.subUnits.forEach((name: unknown, i: number) => {
          if (typeof name !== "string" || name.trim() === "") {
            add(`${rpath}.subUnits[${i}]`, rwhere, "tên đơn vị con phải là chuỗi không rỗng");
          } else if (seen.has(name.trim().toLowerCase())) {
            add(`${rpath}.subUnits[${i}]`, rwhere, `đơn vị con "${name}" bị lặp`);
          } else seen.add(name.trim().toLowerCase());
        });
      }
    }

    // Checks
    if (row.checks !== undefined) {
      if (!Array.isArray(row.checks)) {
        add(`${rpath}.checks`, rwhere, '"checks" phải là danh sách');
      } else {
        row.checks.forEach((c: unknown, ci: number) => {
          const cpath = `${rpath}.checks[${ci}]`;
          if (!isObject(c) || (c.rule !== "le" && c.rule !== "eq")) {
            add(cpath, rwhere, 'kiểm tra phải có "rule": "le" hoặc "eq"');
            return;
          }
          if (!QUANTITY_KINDS.includes(kind)) {
            add(cpath, rwhere, `dòng loại "${kind}" không so sánh tổng được`);
          }
          if (!Array.isArray(c.parts) || c.parts.length === 0) {
            add(`${cpath}.parts`, rwhere, "kiểm tra cần danh sách dòng thành phần");
          } else {
            c.parts.forEach((ref: unknown, i: number) => refersTo(`${cpath}.parts[${i}]`, ref, "dòng trong kiểm tra", QUANTITY_KINDS));
          }
          if (c.severity !== undefined && !["error", "warning", "info"].includes(c.severity as string)) {
            add(`${cpath}.severity`, rwhere, 'mức độ phải là "error", "warning" hoặc "info"');
          }
        });
      }
    }
  });
}

/** A computed row must not depend on itself, directly or through other computed rows. */
function checkCycles(template: TemplateSpec, add: Add): void {
  template.forms.forEach((form: FormSpec, fi: number) => {
    if (!isObject(form) || !Array.isArray(form.rows)) return;
    const rows = form.rows.filter((r) => isObject(r) && typeof r.code === "string");
    const deps = new Map<string, string[]>();
    for (const row of rows) {
      const refs = [
        ...(isObject(row.ratio) ? [row.ratio.numerator, row.ratio.denominator] : []),
        ...(Array.isArray(row.sum) ? row.sum : []),
      ];
      deps.set(
        row.code || row.id,
        refs.filter((x): x is string => typeof x === "string"),
      );
    }
    const state = new Map<string, "visiting" | "done">();
    const visit = (code: string, trail: string[]): string[] | null => {
      if (state.get(code) === "done") return null;
      if (state.get(code) === "visiting") return [...trail, code];
      state.set(code, "visiting");
      for (const d of deps.get(code) ?? []) {
        const cycle = visit(d, [...trail, code]);
        if (cycle) return cycle;
      }
      state.set(code, "done");
      return null;
    };
    for (const [ri, row] of form.rows.entries()) {
      if (!rows.includes(row)) continue;
      const cycle = visit(row.code || row.id, []);
      if (cycle) {
        const start = cycle.indexOf(cycle[cycle.length - 1]);
        add(
          `forms[${fi}].rows[${ri}]`,
          `Biểu mẫu ${form.number}, dòng ${row.code}`,
          `công thức vòng tròn: ${cycle.slice(start).join(" → ")}`,
        );
        return;
      }
    }
  });
}

/** Rows this row's value is computed from (empty for input rows). */
export function computedFrom(row: RowSpec): string[] {
  if (row.ratio) return [row.ratio.numerator, row.ratio.denominator];
  if (row.sum) return [...row.sum];
  return [];
}
