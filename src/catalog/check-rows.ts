/**
 * Checks of the rows of a table form: each row's fields, then each feature a row may
 * have (coded answers, ratio, sum, printed STT, compound cell, sub-units, checks), one
 * function each, in the order the problems are reported.
 */
import { AGGREGATIONS, CHECK_RULES, FORMAT, ROW_KINDS, SEVERITIES } from "./format";
import { checkFreeText, checkUnknownFields, hasStrayDotOrSpace, isObject, orList, type Add } from "./problems";
import type { Aggregation, RowKind } from "./types";

/** Row ids of the whole template → where each was first used. */
export type RowIds = Map<string, string>;

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

/** A row of the form as rules refer to it: by code, or by id when it has no code. */
type RowIndex = Map<string, { kind: unknown; index: number }>;

/** One row being checked, with what its checks need to name it and resolve its references. */
interface RowContext {
  row: Record<string, unknown>;
  kind: RowKind;
  /** "forms[0].rows[3]" */
  path: string;
  /** "Biểu mẫu 1, dòng 2.1" */
  where: string;
  /** "Biểu mẫu 1" */
  formWhere: string;
  /** How rules refer to this row: its code, or its id when uncoded. */
  self: unknown;
  code: string;
  index: RowIndex;
  add: Add;
}

export function checkRows(rows: unknown[], fpath: string, fwhere: string, ids: RowIds, add: Add): void {
  const index = indexRows(rows, fpath, fwhere, add);
  rows.forEach((row, ri) => {
    const path = `${fpath}.rows[${ri}]`;
    if (!isObject(row)) {
      add(path, `${fwhere}, dòng thứ ${ri + 1}`, "phải là một đối tượng");
      return;
    }
    const code = typeof row.code === "string" ? row.code : "";
    const where = `${fwhere}, dòng ${code || `thứ ${ri + 1} (không có STT)`}`;
    checkRowFields(row, path, where, ids, add);
    if (!ROW_KINDS.includes(row.kind as RowKind)) {
      add(`${path}.kind`, where, `loại dòng "${String(row.kind)}" không hợp lệ (dùng: ${ROW_KINDS.join(", ")})`);
      return;
    }
    const ctx: RowContext = { row, kind: row.kind as RowKind, path, where, formWhere: fwhere, self: code || row.id, code, index, add };
    for (const check of ROW_FEATURE_CHECKS) check(ctx);
  });
}

/** Rows by code (uncoded rows by id); a code used twice in the form is reported here. */
function indexRows(rows: unknown[], fpath: string, fwhere: string, add: Add): RowIndex {
  const index: RowIndex = new Map();
  rows.forEach((row, ri) => {
    if (isObject(row) && typeof row.code === "string" && row.code !== "") {
      if (index.has(row.code)) {
        add(`${fpath}.rows[${ri}].code`, `${fwhere}, dòng ${row.code}`, "mã dòng (STT) bị trùng trong biểu");
      } else {
        index.set(row.code, { kind: row.kind, index: ri });
      }
    } else if (isObject(row) && row.code === "" && typeof row.id === "string" && row.id !== "") {
      // Uncoded rows ("Trong đó …") are referred to by their id.
      index.set(row.id, { kind: row.kind, index: ri });
    }
  });
  return index;
}

/** The fields every row has: id (unique in the template), code, label, unit; no unknown fields. */
function checkRowFields(row: Record<string, unknown>, path: string, where: string, ids: RowIds, add: Add): void {
  checkUnknownFields(row, FORMAT.row, path, where, add);
  if (typeof row.id !== "string" || row.id === "") {
    add(`${path}.id`, where, 'thiếu mã định danh "id"');
  } else if (ids.has(row.id)) {
    add(`${path}.id`, where, `mã định danh "${row.id}" đã dùng ở ${ids.get(row.id)}`);
  } else {
    ids.set(row.id, where);
  }
  if (typeof row.code !== "string") add(`${path}.code`, where, 'thiếu "code" (chuỗi, có thể rỗng)');
  else if (hasStrayDotOrSpace(row.code)) {
    add(`${path}.code`, where, "STT không được có dấu chấm cuối hay khoảng trắng thừa");
  }
  if (typeof row.label !== "string" || row.label.trim() === "") add(`${path}.label`, where, "thiếu tên chỉ tiêu");
  if (typeof row.unit !== "string") add(`${path}.unit`, where, 'thiếu "unit" (chuỗi, có thể rỗng)');
  checkFreeText(row, FORMAT.row, path, where, add);
}

function checkAggregate({ row, kind, path, where, add }: RowContext): void {
  const agg = row.aggregate as Aggregation;
  if (!AGGREGATIONS.includes(agg)) {
    add(`${path}.aggregate`, where, `cách tổng hợp "${String(row.aggregate)}" không hợp lệ (dùng: ${AGGREGATIONS.join(", ")})`);
  } else if (!AGGREGATIONS_BY_KIND[kind].includes(agg)) {
    add(
      `${path}.aggregate`,
      where,
      `dòng loại "${kind}" không tổng hợp theo "${agg}" được (dùng: ${AGGREGATIONS_BY_KIND[kind].join(", ")})`,
    );
  }
}

/** A reference to another row of the form (ratio part, sum part, check part), which must be of one of `kinds`. */
function checkReference(ctx: RowContext, path: string, ref: unknown, what: string, kinds: readonly RowKind[]): void {
  const { where, add } = ctx;
  if (typeof ref !== "string" || ref === "") {
    add(path, where, `${what}: cần mã dòng (STT)`);
    return;
  }
  const target = ctx.index.get(ref);
  if (!target) {
    add(path, where, `${what} trỏ tới dòng "${ref}" không có trong ${ctx.formWhere}`);
  } else if (ref === ctx.self) {
    add(path, where, `${what} trỏ tới chính dòng này`);
  } else if (!kinds.includes(target.kind as RowKind)) {
    add(path, where, `${what} trỏ tới dòng "${ref}" loại "${String(target.kind)}" (cần: ${kinds.join(", ")})`);
  }
}

/** Coded answers: at least two options, whole values, none twice. */
function checkOptions({ row, kind, path, where, add }: RowContext): void {
  if (kind !== "coded") {
    if (row.options !== undefined) add(`${path}.options`, where, 'chỉ dòng loại "coded" mới có "options"');
    return;
  }
  if (!Array.isArray(row.options) || row.options.length < 2) {
    add(`${path}.options`, where, "dòng mã hóa cần ít nhất hai lựa chọn { value, label }");
    return;
  }
  const seen = new Set<number>();
  row.options.forEach((o: unknown, oi: number) => {
    const opath = `${path}.options[${oi}]`;
    if (!isObject(o) || typeof o.value !== "number" || !Number.isInteger(o.value) || typeof o.label !== "string" || o.label === "") {
      add(opath, where, "lựa chọn phải có dạng { value: số nguyên, label: chuỗi }");
    } else if (seen.has(o.value)) {
      add(opath, where, `giá trị ${o.value} bị trùng`);
    } else {
      seen.add(o.value);
      checkUnknownFields(o, FORMAT.option, opath, where, add);
    }
  });
}

/** A ratio row names its numerator and denominator, two different quantity rows. */
function checkRatio(ctx: RowContext): void {
  const { row, kind, path, where, add } = ctx;
  if (kind !== "ratio") {
    if (row.ratio !== undefined) add(`${path}.ratio`, where, 'chỉ dòng loại "ratio" mới có "ratio"');
    return;
  }
  if (!isObject(row.ratio)) {
    add(`${path}.ratio`, where, 'dòng tỷ lệ cần "ratio": { numerator, denominator }');
    return;
  }
  checkReference(ctx, `${path}.ratio.numerator`, row.ratio.numerator, "tử số", QUANTITY_KINDS);
  checkReference(ctx, `${path}.ratio.denominator`, row.ratio.denominator, "mẫu số", QUANTITY_KINDS);
  if (row.ratio.numerator === row.ratio.denominator) add(`${path}.ratio`, where, "tử số và mẫu số trùng nhau");
  checkUnknownFields(row.ratio, FORMAT.ratio, `${path}.ratio`, where, add);
}

/** A computed total: a quantity row, the sum of other quantity rows, none twice. */
function checkSum(ctx: RowContext): void {
  const { row, kind, path, where, add } = ctx;
  if (row.sum === undefined) return;
  if (!QUANTITY_KINDS.includes(kind)) {
    add(`${path}.sum`, where, `dòng loại "${kind}" không thể là tổng`);
  } else if (!Array.isArray(row.sum) || row.sum.length === 0) {
    add(`${path}.sum`, where, '"sum" phải là danh sách mã dòng thành phần');
  } else {
    row.sum.forEach((ref: unknown, i: number) => checkReference(ctx, `${path}.sum[${i}]`, ref, "thành phần của tổng", QUANTITY_KINDS));
    if (new Set(row.sum).size !== row.sum.length) add(`${path}.sum`, where, "thành phần của tổng bị lặp");
  }
}

/** The STT printed on the form when it differs from the code. */
function checkPrintedStt({ row, code, path, where, add }: RowContext): void {
  if (row.stt === undefined) return;
  if (typeof row.stt !== "string" || row.stt.trim() === "") add(`${path}.stt`, where, '"stt" phải là STT in trên biểu (chuỗi không rỗng)');
  else if (hasStrayDotOrSpace(row.stt)) add(`${path}.stt`, where, "STT không được có dấu chấm cuối hay khoảng trắng thừa");
  else if (row.stt === code) add(`${path}.stt`, where, '"stt" trùng "code": bỏ "stt"');
}

/** Several quantities in one cell: at least two named parts, at most one "%", written last. */
function checkCompound({ row, kind, path, where, add }: RowContext): void {
  const c = row.compound;
  if (c === undefined) return;
  const cpath = `${path}.compound`;
  if (
    !isObject(c) ||
    !Array.isArray(c.parts) ||
    c.parts.length < 2 ||
    c.parts.some((p: unknown) => typeof p !== "string" || p.trim() === "")
  ) {
    add(cpath, where, '"compound" cần "parts": ít nhất hai tên phần, ví dụ ["Hồ sơ", "%"]');
    return;
  }
  checkUnknownFields(c, FORMAT.compound, cpath, where, add);
  const parts = c.parts as string[];
  const isPercent = (p: string) => p.trim() === "%";
  const percents = parts.filter(isPercent).length;
  if (kind !== "count" && kind !== "percent")
    add(cpath, where, `dòng loại "${kind}" không có "compound" (dùng cho dòng "count" hoặc "percent")`);
  if (kind === "percent" && percents !== 1) add(cpath, where, 'dòng tỷ lệ có "compound" cần đúng một phần "%"');
  if (percents > 1) add(cpath, where, 'chỉ được một phần "%"');
  if (percents === 1 && !isPercent(parts[parts.length - 1])) add(cpath, where, 'phần "%" phải là phần cuối ("… = …%")');
  if (kind === "count" && percents === parts.length) add(cpath, where, "dòng số lượng cần ít nhất một phần là số lượng");
  if (c.partOfWhole !== undefined) {
    if (typeof c.partOfWhole !== "boolean") add(`${cpath}.partOfWhole`, where, '"partOfWhole" phải là true hoặc false');
    else if (c.partOfWhole && (parts.length < 2 || isPercent(parts[0]) || isPercent(parts[1]))) {
      add(`${cpath}.partOfWhole`, where, '"partOfWhole" cần hai phần đầu là số lượng ("a/b": a ≤ b)');
    }
  }
  checkSeverity(c.severity, `${cpath}.severity`, where, add);
}

function checkSeverity(severity: unknown, path: string, where: string, add: Add): void {
  if (severity !== undefined && !(SEVERITIES as readonly unknown[]).includes(severity))
    add(path, where, `mức độ phải là ${orList(SEVERITIES)}`);
}

/** Sub-units: the total of a count row broken down in Ghi chú, each name once. */
function checkSubUnits({ row, kind, path, where, add }: RowContext): void {
  if (row.subUnits === undefined) return;
  if (kind !== "count") {
    add(`${path}.subUnits`, where, 'chỉ dòng loại "count" mới có "subUnits"');
  } else if (!Array.isArray(row.subUnits) || row.subUnits.length === 0) {
    add(`${path}.subUnits`, where, '"subUnits" phải là danh sách tên đơn vị con, ví dụ ["Tin", "Bài", "Video", "Khác"]');
  } else {
    const seen = new Set<string>();
    row.subUnits.forEach((name: unknown, i: number) => {
      if (typeof name !== "string" || name.trim() === "") {
        add(`${path}.subUnits[${i}]`, where, "tên đơn vị con phải là chuỗi không rỗng");
      } else if (seen.has(name.trim().toLowerCase())) {
        add(`${path}.subUnits[${i}]`, where, `đơn vị con "${name}" bị lặp`);
      } else seen.add(name.trim().toLowerCase());
    });
  }
}

/** Checks between rows (le, eq): declared on a quantity row, over quantity rows of the form. */
function checkRowChecks(ctx: RowContext): void {
  const { row, kind, path, where, add } = ctx;
  if (row.checks === undefined) return;
  if (!Array.isArray(row.checks)) {
    add(`${path}.checks`, where, '"checks" phải là danh sách');
    return;
  }
  row.checks.forEach((c: unknown, ci: number) => {
    const cpath = `${path}.checks[${ci}]`;
    if (!isObject(c) || !(CHECK_RULES as readonly unknown[]).includes(c.rule)) {
      add(cpath, where, `kiểm tra phải có "rule": ${orList(CHECK_RULES)}`);
      return;
    }
    checkUnknownFields(c, FORMAT.check, cpath, where, add);
    if (!QUANTITY_KINDS.includes(kind)) add(cpath, where, `dòng loại "${kind}" không so sánh tổng được`);
    if (!Array.isArray(c.parts) || c.parts.length === 0) {
      add(`${cpath}.parts`, where, "kiểm tra cần danh sách dòng thành phần");
    } else {
      c.parts.forEach((ref: unknown, i: number) => checkReference(ctx, `${cpath}.parts[${i}]`, ref, "dòng trong kiểm tra", QUANTITY_KINDS));
    }
    checkSeverity(c.severity, `${cpath}.severity`, where, add);
    checkFreeText(c, FORMAT.check, cpath, where, add);
  });
}

/** The checks of a row's kind-dependent features, in the order their problems are listed. */
const ROW_FEATURE_CHECKS: readonly ((ctx: RowContext) => void)[] = [
  checkAggregate,
  checkOptions,
  checkRatio,
  checkSum,
  checkPrintedStt,
  checkCompound,
  checkSubUnits,
  checkRowChecks,
];
