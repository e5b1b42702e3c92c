/**
 * The validation engine: the catalog's rules applied to a located workbook.
 * Every finding names the form, the row, the cell, what was read and what was
 * expected, in Vietnamese an officer understands (DOMAIN.md §4).
 */
import { rowKey } from "../catalog";
import type { RowCheck, RowSpec, Severity } from "../catalog/types";
import { type Finding, type RuleName, Tally, type RuleTally, sortFindings } from "./findings";
import type { LocatedWorkbook } from "./locate";
import { formatNumber } from "./numbers";
import { compoundExample, mainPart } from "./compound";
import { parseSubUnits } from "./subunits";
import { validateList } from "./validate-list";
import { type FormValues, type RowValue, cellRef, readFormValues } from "./values";

export interface ValidationResult {
  findings: Finding[];
  summary: RuleTally[];
  forms: FormValues[];
}

/** vi-VN display of a number: "2.835", "99,87". */
export function vi(n: number, decimals?: number): string {
  return formatNumber(n, "vi", decimals);
}

/** A rate for messages: the stated precision, at least two decimals unless whole. */
function rate(n: number, decimals = 2): string {
  return Number.isInteger(n) ? vi(n) : vi(n, Math.max(2, decimals));
}

export function validateWorkbook(located: LocatedWorkbook): ValidationResult {
  const tally = new Tally();
  const findings: Finding[] = [];
  const forms = located.forms.map(readFormValues);
  for (const fv of forms) {
    if (fv.located.list) findings.push(...validateList(fv.located, tally));
    else if (fv.columns) {
      // Each value column with the rows' rules (the rows' structure once), then the columns against each other.
      fv.columns.forEach((col, i) => findings.push(...validateForm(col, tally, { column: col.columnName, structure: i === 0 })));
      findings.push(...compareColumns(fv, tally));
    } else findings.push(...validateForm(fv, tally));
    findings.push(...formulaFindings(fv, tally));
  }
  for (const form of located.missingForms ?? []) {
    findings.push({
      severity: "warning",
      rule: "structure",
      form: form.number,
      code: "",
      label: "",
      cell: "",
      actual: null,
      expected: formName(form),
      message: `Không tìm thấy ${formName(form)} "${short(form.title)}" trong tệp: các chỉ tiêu của biểu này chưa được đọc và chưa được báo cáo.`,
      fix: `Thêm ${formName(form)} (hoặc ghi rõ tiêu đề "${formName(form)}: ${form.title}" phía trên bảng của biểu).`,
    });
  }
  for (const issue of located.issues) {
    findings.push({
      severity: issue.kind === "no-form" || issue.kind === "ambiguous-column" ? "error" : "warning",
      rule: "structure",
      form: issue.form ?? 0,
      code: "",
      label: "",
      cell: issue.row ? cellRef(issue.sheet, `A${issue.row}`) : "",
      actual: null,
      expected: null,
      message: capitalize(issue.message),
    });
  }
  return { findings: sortFindings(findings), summary: tally.rows(), forms };
}

/**
 * Formulas of value cells: one that cannot be computed is a warning naming the
 * cell (its value is unknown); a stored result that differs from what the formula
 * computes is a warning (the file was not recalculated, or was edited by a
 * program); formulas computed because no result was stored are listed once.
 */
function formulaFindings(fv: FormValues, tally: Tally): Finding[] {
  const out: Finding[] = [];
  const notes = fv.located.formulas ?? [];
  const specOf = (id: string) => fv.form.rows.find((r) => r.id === id);
  const at = (address: string) => cellRef(fv.located.sheet, address);
  for (const n of notes) {
    const spec = specOf(n.rowId);
    const base = { rule: "formula" as const, form: fv.form.number, code: spec?.code ?? "", label: spec?.label ?? "", cell: at(n.address) };
    if (n.kind === "evaluated") {
      tally.pass("formula");
      continue;
    }
    tally.fail("formula");
    if (n.kind === "unevaluable") {
      out.push({
        ...base,
        severity: "warning",
        actual: `=${n.formula}`,
        expected: null,
        message: `Ô ${n.address} có công thức "=${n.formula}" chưa có kết quả lưu sẵn và không tính được (${n.reason}); số liệu của ô này chưa được đọc.`,
        fix: "Mở tệp bằng Excel, tính lại (F9) và lưu; hoặc ghi số thay cho công thức.",
      });
    } else {
      out.push({
        ...base,
        severity: "warning",
        actual: shownValue(n.stored ?? null),
        expected: shownValue(n.computed ?? null),
        message: `Ô ${n.address} lưu kết quả ${shownValue(n.stored ?? null)} nhưng công thức "=${n.formula}" tính được ${shownValue(n.computed ?? null)} (tệp chưa được tính lại); ${n.used === "computed" ? "đã đọc số tính từ công thức" : "đã đọc kết quả lưu trong tệp"}.`,
        fix: "Mở tệp bằng Excel, tính lại (F9) và lưu, rồi kiểm tra lại.",
      });
    }
  }
  const evaluated = notes.filter((n) => n.kind === "evaluated");
  if (evaluated.length > 0) {
    out.push({
      severity: "info",
      rule: "formula",
      form: fv.form.number,
      code: "",
      label: "",
      cell: at(evaluated[0].address),
      actual: evaluated.length,
      expected: null,
      message: `${evaluated.length} ô công thức không có kết quả lưu sẵn trong tệp, đã được tính lại từ công thức: ${list(evaluated.map((n) => `${n.address} =${n.formula}`))}.`,
    });
  }
  return out;
}

function shownValue(v: unknown): string {
  if (v === null || v === "") return "(trống)";
  if (typeof v === "number") return vi(v);
  if (typeof v === "object" && v !== null && "error" in v) return String((v as { error: string }).error);
  return `"${String(v)}"`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export interface ValidateFormOptions {
  /** The value column validated ("Năm 2024"): named in every finding about its cells. */
  column?: string;
  /** Report stray, missing and renumbered rows (default true; once per form with several columns). */
  structure?: boolean;
}

export function validateForm(fv: FormValues, tally: Tally, options: ValidateFormOptions = {}): Finding[] {
  const out: Finding[] = [];
  const formNo = fv.form.number;
  const column = options.column;
  const finding = (
    severity: Severity,
    rule: RuleName,
    row: RowSpec,
    v: RowValue | undefined,
    f: Partial<Finding> & { message: string },
  ): void => {
    out.push(
      inColumn(
        {
          severity,
          rule,
          form: formNo,
          code: row.code,
          label: row.label,
          cell: v?.cell ?? "",
          actual: null,
          expected: null,
          ...f,
        },
        column,
      ),
    );
  };
  const val = (code: string): RowValue | undefined => fv.byCode.get(code);
  const name = (key: string): string => displayName(fv, key);
  const num = (code: string): number | null => val(code)?.value ?? null;

  const blanks: RowValue[] = [];
  const textNumbers: RowValue[] = [];
  const conventions: RowValue[] = [];

  /* ----- each value on its own: is it a number of the right kind? */
  for (const spec of fv.form.rows) {
    const v = val(rowKey(spec));
    if (!v) continue;
    if (spec.kind === "heading") {
      if (v.raw !== "" && v.read !== null) {
        finding("info", "structure", spec, v, {
          actual: v.raw,
          message: `Dòng tiêu đề ${spec.code} "${short(spec.label)}" có số liệu ${quote(v.raw)}; số này không được kiểm tra và không được tổng hợp.`,
        });
      }
      continue;
    }
    if (spec.kind === "text") continue;
    checkKind(spec, v, finding, tally, blanks, textNumbers);
    if (v.words) conventions.push(v);
  }
  conventionFindings(conventions, finding, out, formNo, column);

  /* ----- ratios */
  for (const spec of fv.form.rows) {
    if (!spec.ratio) continue;
    const v = val(rowKey(spec));
    const n = num(spec.ratio.numerator);
    const d = num(spec.ratio.denominator);
    const stated = v?.value ?? null;
    const nv = val(spec.ratio.numerator);
    const parts = `${spec.ratio.numerator} / ${spec.ratio.denominator}`;
    if (n === null || d === null) {
      tally.notReported("ratio");
      continue;
    }
    if (n > d) {
      tally.fail("ratio");
      finding("error", "ratio", spec, nv, {
        actual: n,
        expected: `≤ ${vi(d)}`,
        message: `${spec.ratio.numerator} (${vi(n)}) lớn hơn ${spec.ratio.denominator} (${vi(d)}): tử số của tỷ lệ ${spec.code} không thể lớn hơn mẫu số.`,
        fix: `Kiểm tra lại ${spec.ratio.numerator} và ${spec.ratio.denominator}.`,
      });
      continue;
    }
    if (d === 0) {
      if (stated !== null) {
        tally.fail("ratio");
        finding("warning", "ratio", spec, v, {
          actual: stated,
          expected: null,
          message: `${spec.ratio.denominator} bằng 0 nên tỷ lệ ${spec.code} không xác định, nhưng ô ghi ${quote(v!.raw)}.`,
          fix: "Để trống ô tỷ lệ (không có gì để tính), hoặc ghi chú lý do.",
        });
      } else tally.pass("ratio");
      continue;
    }
    const computed = (n / d) * 100;
    if (stated === null) {
      tally.notReported("ratio");
      if (v?.read && !v.read.ok) {
        finding("info", "ratio", spec, v, {
          expected: round(computed, 2),
          message: `Tỷ lệ ${spec.code} tính từ ${parts} = ${vi(n)} / ${vi(d)} × 100 được ${rate(computed)}%.`,
          fix: `Ghi ${rate(computed)} thay cho phần chữ (chuyển phần chữ sang cột Ghi chú).`,
        });
      } else if (v && v.read === null && !v.formula) {
        finding("info", "ratio", spec, v, {
          expected: round(computed, 2),
          message: `Chưa ghi tỷ lệ ${spec.code}; tính được ${rate(computed)}% = ${vi(n)} / ${vi(d)} × 100.`,
          fix: `Ghi ${rate(computed)} (lệnh "bieumau fill" tự điền).`,
        });
      }
      continue;
    }
    const verdict = compareAtPrecision(stated, computed, v!.decimals);
    if (verdict === "equal") {
      tally.pass("ratio");
      continue;
    }
    tally.fail("ratio");
    const shown = rate(computed, v!.decimals);
    finding(verdict === "truncated" ? "warning" : "error", "ratio", spec, v, {
      actual: stated,
      expected: round(computed, Math.max(2, v!.decimals)),
      message:
        verdict === "truncated"
          ? `Tỷ lệ ${spec.code} ghi ${vi(stated)}% nhưng ${parts} = ${vi(n)} / ${vi(d)} = ${shown}%: làm tròn chưa đúng.`
          : `Tỷ lệ ${spec.code} ghi ${vi(stated)}% nhưng ${parts} = ${vi(n)} / ${vi(d)} × 100 = ${shown}%.`,
      fix: `Sửa thành ${vi(round(computed, Math.max(2, v!.decimals)))}, hoặc kiểm tra lại ${spec.ratio.numerator} và ${spec.ratio.denominator}.`,
    });
  }

  /* ----- totals */
  for (const spec of fv.form.rows) {
    if (!spec.sum) continue;
    const v = val(rowKey(spec));
    const present = spec.sum.filter((c) => num(c) !== null);
    const total = v?.value ?? null;
    if (present.length === 0) {
      tally.notReported("sum");
      continue;
    }
    const sum = present.reduce((a, c) => a + num(c)!, 0);
    const expr = present.map((c) => `${name(c)} (${vi(num(c)!)})`).join(" + ");
    const missing = spec.sum.filter((c) => num(c) === null);
    if (total === null) {
      tally.notReported("sum");
      if (v && v.read === null && !v.formula) {
        finding("info", "sum", spec, v, {
          expected: sum,
          message: `Chưa ghi tổng ${spec.code}; cộng các dòng thành phần được ${vi(sum)} = ${expr}${missing.length ? ` (chưa có ${missing.map(name).join(", ")})` : ""}.`,
          fix: `Ghi ${vi(sum)} (lệnh "bieumau fill" tự điền).`,
        });
      }
      continue;
    }
    if (compareAtPrecision(total, sum, v!.decimals) === "equal") {
      tally.pass("sum");
      continue;
    }
    if (missing.length > 0) {
      // Blank parts may be the difference: only a total below its reported parts is certain.
      if (sum > total) {
        tally.fail("sum");
        finding("error", "sum", spec, v, {
          actual: total,
          expected: `≥ ${vi(sum)}`,
          message: `Tổng ${spec.code} ghi ${vi(total)} nhỏ hơn các dòng thành phần đã ghi: ${expr} = ${vi(sum)}.`,
          fix: `Kiểm tra lại ${spec.code} và ${present.map(name).join(", ")}.`,
        });
      } else {
        tally.notReported("sum");
        finding("info", "sum", spec, v, {
          actual: total,
          expected: sum,
          message: `Tổng ${spec.code} ghi ${vi(total)}, các dòng thành phần đã ghi cộng được ${vi(sum)}; chưa ghi ${missing.map(name).join(", ")} nên chưa kiểm tra được.`,
          fix: `Ghi số liệu cho ${missing.map(name).join(", ")} (ghi 0 nếu không có).`,
        });
      }
      continue;
    }
    tally.fail("sum");
    finding("error", "sum", spec, v, {
      actual: total,
      expected: sum,
      message: `Tổng ${spec.code} ghi ${vi(total)} nhưng ${expr} = ${vi(sum)}.`,
      fix: `Sửa tổng thành ${vi(sum)}, hoặc kiểm tra lại các dòng thành phần.`,
    });
  }

  /* ----- part ≤ whole, identities */
  for (const spec of fv.form.rows) {
    for (const check of spec.checks ?? []) checkRelation(spec, check, val, finding, tally);
  }

  /* ----- sub-unit breakdowns written in Ghi chú */
  checkSubUnits(fv, finding, tally);

  /* ----- several quantities in one cell ("120 hồ sơ = 95,5%", "3/45") */
  checkCompounds(fv, finding, tally, blanks);

  /* ----- structure and reporting */
  structureFindings(fv, finding, blanks, textNumbers, out, options.structure !== false, column);
  return out;
}

/** A finding about one value column of several: says which ("… (Năm 2024)."). */
function inColumn(f: Finding, column: string | undefined): Finding {
  if (!column) return f;
  const message = /[.!?]$/.test(f.message) ? `${f.message.slice(0, -1)} (${column})${f.message.slice(-1)}` : `${f.message} (${column})`;
  return { ...f, message, column };
}

/**
 * Forms with several value columns (Năm 2023, Năm 2024): a value that changes
 * between neighbouring columns by more than the form's factor is a warning.
 * Zeros are not compared (0 → 1 says nothing about a typing mistake).
 */
export function compareColumns(fv: FormValues, tally: Tally): Finding[] {
  const factor = fv.form.yearChangeFactor;
  const columns = fv.columns ?? [];
  if (factor === undefined || columns.length < 2) return [];
  const out: Finding[] = [];
  for (const spec of fv.form.rows) {
    if (!["count", "money", "percent", "ratio"].includes(spec.kind)) continue;
    for (let i = 0; i + 1 < columns.length; i++) {
      const a = columns[i].byCode.get(rowKey(spec));
      const b = columns[i + 1].byCode.get(rowKey(spec));
      if (!a || !b || a.value === null || b.value === null) {
        tally.notReported("years");
        continue;
      }
      if (a.value <= 0 || b.value <= 0) {
        tally.pass("years");
        continue;
      }
      const change = Math.max(a.value / b.value, b.value / a.value);
      if (change <= factor + 1e-9) {
        tally.pass("years");
        continue;
      }
      tally.fail("years");
      const [n1, n2] = [columns[i].columnName ?? `cột ${i + 1}`, columns[i + 1].columnName ?? `cột ${i + 2}`];
      const unit = spec.kind === "percent" || spec.kind === "ratio" ? "%" : "";
      out.push({
        severity: "warning",
        rule: "years",
        form: fv.form.number,
        code: spec.code,
        label: spec.label,
        cell: b.cell,
        actual: b.value,
        expected: `${vi(round(a.value / factor, 2))}–${vi(round(a.value * factor, 2))}`,
        message: `${capitalize(labelled(spec))}: ${n1} ghi ${vi(a.value)}${unit}, ${n2} ghi ${vi(b.value)}${unit} — ${b.value > a.value ? "tăng" : "giảm"} ${vi(round(change, 1))} lần, quá ${vi(factor)} lần giữa hai năm.`,
        fix: `Kiểm tra lại số của hai năm (nhập nhầm cột, thừa hoặc thiếu chữ số?); nếu đúng, ghi lý do ở cột Ghi chú.`,
        column: n2,
      });
    }
  }
  return out;
}

/**
 * Compound rows: every part read from the cell is checked (counts whole ≥ 0,
 * percents 0–100), then "a/b = c%" (a ≤ b, c = a / b × 100 at the precision
 * written) and "a/b" of a part and its whole (a ≤ b). "N hồ sơ = X%" cannot be
 * checked further: the base of X is not on the form.
 */
function checkCompounds(fv: FormValues, finding: FindingFn, tally: Tally, blanks: RowValue[]): void {
  for (const spec of fv.form.rows) {
    const v = fv.byCode.get(rowKey(spec));
    if (!spec.compound || !v?.compound) continue;
    const parts = v.compound;
    const main = mainPart(spec);
    if (parts[main].value === null && parts.some((p) => p.value !== null)) {
      // Written, but not the row's own part: not "unreported", say what is missing.
      const i = blanks.indexOf(v);
      if (i >= 0) blanks.splice(i, 1);
      finding("info", "blank", spec, v, {
        actual: v.raw,
        expected: compoundExample(spec),
        message: `${capitalize(ref(spec))} ghi ${quote(v.raw)} nhưng chưa ghi phần "${parts[main].name}" (cần dạng ${compoundExample(spec)}).`,
        fix: `Ghi đủ các phần: ${compoundExample(spec)}.`,
      });
    }
    parts.forEach((p, i) => {
      if (i === main || p.value === null || p.computed) return; // the row's own part is checked as the row
      const rule: RuleName = p.kind === "percent" ? "percent" : "count";
      const bad = p.kind === "percent" ? p.value < 0 || p.value > 100 : p.value < 0 || !Number.isInteger(p.value);
      if (!bad) {
        tally.pass(rule);
        return;
      }
      tally.fail(rule);
      finding("error", rule, spec, v, {
        actual: p.value,
        expected: p.kind === "percent" ? "0–100" : "số nguyên ≥ 0",
        message: `${capitalize(ref(spec))} ghi ${quote(v.raw)}: phần "${p.name}" là ${vi(p.value)}${p.kind === "percent" ? "%, tỷ lệ phải từ 0 đến 100" : ", phải là số nguyên không âm"}.`,
        fix: `Ghi theo dạng ${compoundExample(spec)}.`,
      });
    });
    const counts = parts.filter((p) => p.kind === "count");
    const pct = parts.find((p) => p.kind === "percent");
    const [a, b] = counts;
    const pctOf = pct !== undefined && counts.length === 2;
    if ((pctOf || spec.compound.partOfWhole) && a && b) {
      const rule: RuleName = pctOf ? "ratio" : "le";
      if (a.value === null || b.value === null) tally.notReported(rule);
      else if (a.value > b.value) {
        tally.fail(rule);
        finding(pctOf ? "error" : (spec.compound.severity ?? "error"), rule, spec, v, {
          actual: a.value,
          expected: `≤ ${vi(b.value)}`,
          message: `${capitalize(ref(spec))} ghi ${quote(v.raw)}: ${a.name} (${vi(a.value)}) lớn hơn ${b.name} (${vi(b.value)}).`,
          fix: `Kiểm tra lại hai số: phần trước dấu "/" là một phần của phần sau.`,
        });
        continue;
      } else if (!pctOf) tally.pass(rule);
    }
    if (pctOf && a && b && a.value !== null && b.value !== null && pct.value !== null && !pct.computed) {
      if (b.value === 0) {
        tally.fail("ratio");
        finding("warning", "ratio", spec, v, {
          actual: pct.value,
          expected: null,
          message: `${capitalize(ref(spec))} ghi ${quote(v.raw)}: ${b.name} bằng 0 nên tỷ lệ không xác định.`,
          fix: "Để trống phần tỷ lệ, hoặc kiểm tra lại mẫu số.",
        });
        continue;
      }
      const computed = (a.value / b.value) * 100;
      const verdict = compareAtPrecision(pct.value, computed, pct.decimals);
      if (verdict === "equal") {
        tally.pass("ratio");
        continue;
      }
      tally.fail("ratio");
      const shown = rate(computed, pct.decimals);
      finding(verdict === "truncated" ? "warning" : "error", "ratio", spec, v, {
        actual: pct.value,
        expected: round(computed, Math.max(2, pct.decimals)),
        message: `${capitalize(ref(spec))} ghi ${quote(v.raw)}: tỷ lệ ${vi(pct.value)}% nhưng ${vi(a.value)} / ${vi(b.value)} × 100 = ${shown}%${verdict === "truncated" ? " (làm tròn chưa đúng)" : ""}.`,
        fix: `Sửa tỷ lệ thành ${vi(round(computed, Math.max(2, pct.decimals)))}, hoặc kiểm tra lại hai số.`,
      });
    } else if (pctOf) tally.notReported("ratio");
  }
}

type FindingFn = (
  severity: Severity,
  rule: RuleName,
  row: RowSpec,
  v: RowValue | undefined,
  f: Partial<Finding> & { message: string },
) => void;

function checkKind(spec: RowSpec, v: RowValue, finding: FindingFn, tally: Tally, blanks: RowValue[], textNumbers: RowValue[]): void {
  const read = v.read;
  if (read === null) {
    // A blank computed row is proposed by its own rule (ratio, sum), not listed as unreported.
    if (!v.formula && !spec.ratio && !spec.sum) blanks.push(v);
    tally.notReported("blank");
    return;
  }
  tally.pass("blank");
  if (!read.ok) {
    tally.fail("number");
    const candidates = read.candidates?.length ? read.candidates : undefined;
    finding("error", "number", spec, v, {
      actual: v.raw,
      expected: expectedKind(spec),
      message: `Ô ${ref(spec)} cần ${expectedKind(spec)}, nhưng ${read.reason}.`,
      fix: candidates
        ? `Chỉ ghi số (ví dụ ${vi(candidates[0])}) và chuyển phần giải thích sang cột Ghi chú.`
        : "Ghi một số; phần giải thích đưa sang cột Ghi chú.",
    });
    return;
  }
  tally.pass("number");
  if (v.storedAsText) textNumbers.push(v);
  const value = read.value;
  const rule: RuleName = spec.kind === "percent" || spec.kind === "ratio" ? "percent" : spec.kind === "coded" ? "coded" : "count";
  let ok = true;
  if (spec.kind === "count") {
    if (value < 0) {
      ok = false;
      finding("error", "count", spec, v, {
        actual: value,
        expected: "≥ 0",
        message: `Số lượng ${ref(spec)} ghi ${vi(value)}: số lượng không thể âm.`,
      });
    } else if (!Number.isInteger(value)) {
      ok = false;
      const alt = read.alternatives?.find(Number.isInteger);
      finding("error", "count", spec, v, {
        actual: value,
        expected: alt ?? "số nguyên",
        message: `Số lượng ${ref(spec)} phải là số nguyên nhưng ô ghi ${quote(v.raw)} (đọc là ${vi(value)})${alt !== undefined ? `; có lẽ là ${vi(alt)}` : ""}.`,
        fix: alt !== undefined ? `Ghi ${vi(alt)} nếu đúng là ${vi(alt)} ${spec.unit.toLowerCase()}.` : "Ghi số nguyên.",
      });
    }
  } else if (spec.kind === "money") {
    if (value < 0) {
      ok = false;
      finding("error", "count", spec, v, {
        actual: value,
        expected: "≥ 0",
        message: `Số tiền ${ref(spec)} ghi ${vi(value)}: không thể âm.`,
      });
    }
  } else if (spec.kind === "percent" || spec.kind === "ratio") {
    // A rate computed here from its own formula: the ratio rule names the cause (numerator > denominator).
    if ((value < 0 || value > 100) && !(v.evaluated && spec.ratio)) {
      ok = false;
      finding("error", "percent", spec, v, {
        actual: value,
        expected: "0–100",
        message: `Tỷ lệ ${ref(spec)} ghi ${vi(value)}%: tỷ lệ phải từ 0 đến 100.`,
      });
    }
  } else if (spec.kind === "coded") {
    const options = spec.options ?? [];
    if (!options.some((o) => o.value === value)) {
      ok = false;
      const list = options.map((o) => `${o.label} = ${o.value}`).join("; ");
      finding("error", "coded", spec, v, {
        actual: value,
        expected: options.map((o) => o.value).join(", "),
        message: `Dòng ${ref(spec)} chỉ nhận một mã (${list}) nhưng ghi ${quote(v.raw)}.`,
        fix: `Ghi một trong các mã: ${list}.`,
      });
    }
  }
  if (ok) tally.pass(rule);
  else tally.fail(rule);
  if (ok && read.doubt) {
    finding("warning", rule, spec, v, {
      actual: v.raw,
      expected: read.alternatives?.length ? read.alternatives.map((a) => vi(a)).join(" hoặc ") : null,
      message: `Ô ${ref(spec)} ghi ${quote(v.raw)}, đọc là ${vi(value)}: ${read.doubt}.`,
      fix: "Ghi lại số cho rõ (dạng số, không kèm chữ).",
    });
  } else if (ok && read.how && v.storedAsText && !ROUTINE_VI_NUMBER.test(v.raw.trim())) {
    finding("info", rule, spec, v, { actual: v.raw, expected: value, message: `Ô ${ref(spec)}: ${read.how}.` });
  }
}

/**
 * How words and signs were read (src/core/cell-words.ts): each coded answer
 * written as words on its own; "-" / "không" read as 0 and "…" / "N/A" read as
 * not reported, one finding per form each, listing the cells.
 */
function conventionFindings(values: RowValue[], finding: FindingFn, out: Finding[], form: number, column?: string): void {
  for (const v of values) {
    if (v.words?.kind !== "coded") continue;
    finding("info", "coded", v.spec, v, {
      actual: v.raw,
      expected: v.value,
      message: `Ô ${ref(v.spec)}: ${v.words.how}.`,
      fix: `Có thể ghi mã ${v.value} thay cho chữ.`,
    });
  }
  const groups = [
    {
      kind: "zero",
      rule: "number" as const,
      text: 'được đọc là 0 (dấu "-" hay chữ "không": không phát sinh, theo quy ước thống kê)',
      fix: "Nên ghi số 0 cho rõ.",
    },
    {
      kind: "not-reported",
      rule: "blank" as const,
      text: 'coi như chưa báo cáo ("…", "N/A", "chưa có số liệu": có phát sinh nhưng chưa thu thập số liệu, theo quy ước thống kê)',
      fix: "Ghi số liệu khi có; ghi 0 nếu không phát sinh.",
    },
  ];
  for (const g of groups) {
    const cells = values.filter((v) => v.words?.kind === g.kind);
    if (cells.length === 0) continue;
    const shown = cells.map((v) => `${v.address} ${quote(v.raw)}`);
    out.push(
      inColumn(
        {
          severity: "info",
          rule: g.rule,
          form,
          code: cells.length === 1 ? cells[0].spec.code : "",
          label: cells.length === 1 ? cells[0].spec.label : "",
          cell: cells[0].cell,
          actual: cells.length,
          expected: null,
          message: `${cells.length} ô ${g.text}: ${list(shown)}.`,
          fix: g.fix,
        },
        column,
      ),
    );
  }
}

/** A row as officers name it: its STT, or its label when it has none ("Trong đó" rows). */
function displayName(fv: FormValues, key: string): string {
  const spec = fv.byCode.get(key)?.spec ?? fv.form.rows.find((r) => r.id === key);
  return spec && !spec.code ? `"${short(spec.label)}"` : key;
}

/** "2.835", "99,87%", "3.989.325,00": the ordinary vi-VN way; reading it needs no remark. */
const ROUTINE_VI_NUMBER = /^-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?\s*%?$/;

/**
 * Rows with sub-units ("- Tin - Bài - Video - Khác") hold the total; when Ghi chú
 * gives the breakdown ("Tin: 3; Bài: 2"), it must add up to the value.
 */
function checkSubUnits(fv: FormValues, finding: FindingFn, tally: Tally): void {
  for (const spec of fv.form.rows) {
    if (!spec.subUnits?.length) continue;
    const v = fv.byCode.get(rowKey(spec));
    const breakdown = v?.note ? parseSubUnits(v.note, spec.subUnits) : undefined;
    if (!v || !breakdown) continue;
    const who = spec.code || `"${short(spec.label)}"`;
    if (breakdown.unknown.length > 0) {
      finding("warning", "sum", spec, v, {
        actual: breakdown.unknown.join("; "),
        expected: spec.subUnits.join(", "),
        message: `Ghi chú của ${who} có ${breakdown.unknown.map(quote).join(", ")} không phải đơn vị con của dòng này (${spec.subUnits.join(", ")}); số đó không được cộng.`,
        fix: `Ghi chú theo dạng "${spec.subUnits.map((n) => `${n}: …`).join("; ")}".`,
      });
    }
    const sum = breakdown.parts.reduce((a, p) => a + p.value, 0);
    const expr = breakdown.parts.map((p) => `${p.name} (${vi(p.value)})`).join(" + ");
    if (v.value === null) {
      tally.notReported("sum");
      if (v.read === null && !v.formula) {
        finding("info", "sum", spec, v, {
          expected: sum,
          message: `Chưa ghi ${who}; theo Ghi chú ${expr} = ${vi(sum)}.`,
          fix: `Ghi ${vi(sum)}.`,
        });
      }
      continue;
    }
    if (compareAtPrecision(v.value, sum, v.decimals) === "equal") {
      tally.pass("sum");
      continue;
    }
    tally.fail("sum");
    finding("error", "sum", spec, v, {
      actual: v.value,
      expected: sum,
      message: `${who} ghi ${vi(v.value)} nhưng ${expr} = ${vi(sum)} theo Ghi chú.`,
      fix: `Sửa ${who} thành ${vi(sum)}, hoặc sửa lại các số trong Ghi chú.`,
    });
  }
}

function checkRelation(
  spec: RowSpec,
  check: RowCheck,
  val: (code: string) => RowValue | undefined,
  finding: FindingFn,
  tally: Tally,
): void {
  const whole = val(rowKey(spec));
  const rule: RuleName = check.rule;
  const present = check.parts.filter((c) => val(c)?.value != null);
  if (!whole || whole.value === null || present.length === 0 || (rule === "eq" && present.length < check.parts.length)) {
    tally.notReported(rule);
    return;
  }
  const sum = present.reduce((a, c) => a + val(c)!.value!, 0);
  const name = (key: string) => (val(key)?.spec.code ? key : `"${short(val(key)?.spec.label ?? key)}"`);
  const expr = present.map((c) => `${name(c)} (${vi(val(c)!.value!)})`).join(" + ");
  const severity: Severity = check.severity ?? "error";
  if (rule === "le") {
    if (sum <= whole.value + 1e-9) {
      tally.pass("le");
      return;
    }
    tally.fail("le");
    finding(severity, "le", spec, whole, {
      actual: sum,
      expected: `≤ ${vi(whole.value)}`,
      message: `${expr} = ${vi(sum)} lớn hơn ${labelled(spec)} (${vi(whole.value)}).`,
      fix: `Kiểm tra lại ${ref(spec)} và ${present.map(name).join(", ")}.`,
    });
    return;
  }
  if (compareAtPrecision(whole.value, sum, whole.decimals) === "equal") {
    tally.pass("eq");
    return;
  }
  tally.fail("eq");
  finding(severity, "eq", spec, whole, {
    actual: whole.value,
    expected: sum,
    message: `${ref(spec)} ghi ${vi(whole.value)} nhưng phải bằng ${expr} = ${vi(sum)}.`,
    fix: `Sửa ${ref(spec)} thành ${vi(sum)}, hoặc kiểm tra lại ${check.parts.map(name).join(", ")}.`,
  });
}

function structureFindings(
  fv: FormValues,
  finding: FindingFn,
  blanks: RowValue[],
  textNumbers: RowValue[],
  out: Finding[],
  structure = true,
  column?: string,
): void {
  const formNo = fv.form.number;
  const sheet = fv.located.sheet;
  const push = (f: Omit<Finding, "form">) => out.push({ form: formNo, ...f });
  const pushInColumn = (f: Omit<Finding, "form">) => out.push(inColumn({ form: formNo, ...f }, column));
  for (const s of structure ? fv.located.stray : []) {
    push({
      severity: "warning",
      rule: "structure",
      code: s.writtenCode,
      label: s.writtenLabel,
      cell: cellRef(sheet, s.address),
      actual: s.writtenLabel || s.writtenCode,
      expected: null,
      message: `Dòng ${s.row} (${[s.writtenCode, short(s.writtenLabel)].filter(Boolean).join(" ")}) không có trong ${formName(fv.form)} của mẫu; số liệu của dòng này không được kiểm tra và không được tổng hợp.`,
      fix: "Đối chiếu với biểu mẫu: sửa STT / tên chỉ tiêu cho khớp, hoặc xóa dòng thừa.",
    });
  }
  for (const r of structure ? fv.located.renumbered : []) {
    finding("info", "structure", r.spec, fv.byCode.get(rowKey(r.spec)), {
      actual: r.writtenCode,
      expected: r.spec.code,
      message: `Dòng ${r.row} ghi STT ${r.writtenCode} nhưng chỉ tiêu "${short(r.spec.label)}" là dòng ${r.spec.code} của mẫu; đã đọc theo tên chỉ tiêu.`,
      fix: `Sửa STT thành ${r.spec.code}.`,
    });
  }
  const missing = structure ? fv.located.missing.filter((r) => r.kind !== "heading") : [];
  if (missing.length > 0) {
    push({
      severity: "warning",
      rule: "structure",
      code: "",
      label: "",
      cell: "",
      actual: missing.length,
      expected: 0,
      message: `${formName(fv.form)} (trang "${sheet}") thiếu ${missing.length} dòng của mẫu: ${list(missing.map(brief))}.`,
      fix: "Bổ sung các dòng còn thiếu theo đúng biểu mẫu (ghi 0 nếu không phát sinh).",
    });
  }
  if (blanks.length > 0) {
    pushInColumn({
      severity: "info",
      rule: "blank",
      code: "",
      label: "",
      cell: blanks[0].cell,
      actual: blanks.length,
      expected: null,
      message: `${blanks.length} chỉ tiêu để trống (chưa báo cáo): ${list(blanks.map((b) => brief(b.spec)))}. Ô trống khác với số 0.`,
      fix: "Ghi 0 cho chỉ tiêu không phát sinh; để trống chỉ khi chưa có số liệu.",
    });
  }
  if (textNumbers.length > 0) {
    pushInColumn({
      severity: "info",
      rule: "number",
      code: "",
      label: "",
      cell: textNumbers[0].cell,
      actual: textNumbers.length,
      expected: null,
      message: `${textNumbers.length} ô số liệu được nhập dạng chữ (${list(textNumbers.map((t) => t.address))}); Excel không cộng được các ô này.`,
      fix: 'Nhập lại dạng số (hoặc dùng lệnh "bieumau fill" trên bản sao).',
    });
  }
}

/**
 * Does a stated figure equal the computed one at the precision it was written
 * with? 99,6 for 99,596… is right; 99,59 is a truncation, not an error of substance.
 */
export function compareAtPrecision(stated: number, computed: number, decimals: number): "equal" | "truncated" | "different" {
  const unit = Math.pow(10, -Math.min(decimals, 10));
  const diff = Math.abs(stated - computed);
  const eps = 1e-9 * Math.max(1, Math.abs(computed));
  if (diff <= unit / 2 + eps) return "equal";
  if (decimals > 0 && diff < unit + eps && Math.abs(stated - Math.trunc(computed / unit) * unit) < eps) return "truncated";
  return "different";
}

export function round(n: number, decimals: number): number {
  const f = Math.pow(10, decimals);
  return Math.round(n * f) / f;
}

function expectedKind(spec: RowSpec): string {
  if (spec.compound) return `dạng ${compoundExample(spec)}`;
  switch (spec.kind) {
    case "count":
      return "một số nguyên";
    case "percent":
    case "ratio":
      return "một tỷ lệ phần trăm (0–100)";
    case "money":
      return `một số tiền (${spec.unit || "đơn vị của dòng"})`;
    case "coded":
      return `một mã (${(spec.options ?? []).map((o) => `${o.label} = ${o.value}`).join("; ")})`;
    default:
      return "một số";
  }
}

function quote(raw: string): string {
  const oneLine = raw.replace(/\s+/g, " ").trim();
  return `"${oneLine.length > 60 ? oneLine.slice(0, 57) + "…" : oneLine}"`;
}

/** A row in a list of rows: its STT, or the start of its label. */
function brief(spec: RowSpec): string {
  return spec.code || `"${spec.label.length > 30 ? spec.label.slice(0, 28) + "…" : spec.label}"`;
}

/** "Biểu mẫu 3", or what the document calls the form ("Phụ lục II"). */
export function formName(form: { number: number; caption?: string }): string {
  return form.caption ?? `Biểu mẫu ${form.number}`;
}

/** A row in a message: its STT, or its label in quotes when it has none. */
function ref(spec: RowSpec): string {
  return spec.code || `"${short(spec.label)}"`;
}

/** A row in a message with its label: 'I.4 "Tổng số …"', or the label alone when uncoded. */
function labelled(spec: RowSpec): string {
  return spec.code ? `${spec.code} "${short(spec.label)}"` : `"${short(spec.label)}"`;
}

function short(label: string): string {
  return label.length > 60 ? label.slice(0, 57) + "…" : label;
}

function list(items: string[]): string {
  return items.length > 12 ? `${items.slice(0, 12).join(", ")} …` : items.join(", ");
}
