/**
 * Rule kinds "structure" and the form-level lists of "blank" and "number": rows
 * that are not the template's (stray), renumbered or missing; forms not found;
 * what locating the forms reported; blank rows and numbers stored as text, each
 * listed once per form.
 */
import { rowKey } from "../../catalog";
import type { Finding } from "../findings";
import type { LocatedWorkbook } from "../locate";
import { cellRef } from "../values";
import { type FormCheck, inColumn } from "./context";
import type { RuleKind } from "./kinds";
import { brief, capitalize, formName, list, short } from "./text";

/** Stray, renumbered and missing rows of one form. */
function rowsOutOfPlace(check: FormCheck): void {
  const { fv, out } = check;
  const sheet = fv.located.sheet;
  for (const s of fv.located.stray) {
    out.push({
      severity: "warning",
      rule: "structure",
      form: fv.form.number,
      code: s.writtenCode,
      label: s.writtenLabel,
      cell: cellRef(sheet, s.address),
      actual: s.writtenLabel || s.writtenCode,
      expected: null,
      message: `Dòng ${s.row} (${[s.writtenCode, short(s.writtenLabel)].filter(Boolean).join(" ")}) không có trong ${formName(fv.form)} của mẫu; số liệu của dòng này không được kiểm tra và không được tổng hợp.`,
      fix: "Đối chiếu với biểu mẫu: sửa STT / tên chỉ tiêu cho khớp, hoặc xóa dòng thừa.",
    });
  }
  for (const r of fv.located.renumbered) {
    check.finding("info", "structure", r.spec, fv.byCode.get(rowKey(r.spec)), {
      actual: r.writtenCode,
      expected: r.spec.code,
      message: `Dòng ${r.row} ghi STT ${r.writtenCode} nhưng chỉ tiêu "${short(r.spec.label)}" là dòng ${r.spec.code} của mẫu; đã đọc theo tên chỉ tiêu.`,
      fix: `Sửa STT thành ${r.spec.code}.`,
    });
  }
  const missing = fv.located.missing.filter((r) => r.kind !== "heading");
  if (missing.length === 0) return;
  out.push({
    severity: "warning",
    rule: "structure",
    form: fv.form.number,
    code: "",
    label: "",
    cell: "",
    actual: missing.length,
    expected: 0,
    message: `${formName(fv.form)} (trang "${sheet}") thiếu ${missing.length} dòng của mẫu: ${list(missing.map(brief))}.`,
    fix: "Bổ sung các dòng còn thiếu theo đúng biểu mẫu (ghi 0 nếu không phát sinh).",
  });
}

/** Blank rows and numbers stored as text, each listed once (in the value column's name). */
function listedOnce(check: FormCheck): void {
  const lists = [
    {
      rule: "blank" as const,
      values: check.blanks,
      message: (n: number) =>
        `${n} chỉ tiêu để trống (chưa báo cáo): ${list(check.blanks.map((b) => brief(b.spec)))}. Ô trống khác với số 0.`,
      fix: "Ghi 0 cho chỉ tiêu không phát sinh; để trống chỉ khi chưa có số liệu.",
    },
    {
      rule: "number" as const,
      values: check.textNumbers,
      message: (n: number) =>
        `${n} ô số liệu được nhập dạng chữ (${list(check.textNumbers.map((t) => t.address))}); Excel không cộng được các ô này.`,
      fix: 'Nhập lại dạng số (hoặc dùng lệnh "bieumau fill" trên bản sao).',
    },
  ];
  for (const { rule, values, message, fix } of lists) {
    if (values.length === 0) continue;
    const f: Finding = {
      severity: "info",
      rule,
      form: check.fv.form.number,
      code: "",
      label: "",
      cell: values[0].cell,
      actual: values.length,
      expected: null,
      message: message(values.length),
      fix,
    };
    check.out.push(inColumn(f, check.column));
  }
}

export const structure: RuleKind = {
  name: "structure",
  validate(check) {
    if (check.structure) rowsOutOfPlace(check);
    listedOnce(check);
  },
};

/** Forms of the template not found in the file, and what locating the forms reported. */
export function workbookFindings(located: LocatedWorkbook): Finding[] {
  const out: Finding[] = [];
  for (const form of located.missingForms ?? []) {
    out.push({
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
    out.push({
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
  return out;
}
