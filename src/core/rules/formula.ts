/**
 * Rule kind "formula": formulas of value cells. One that cannot be computed is
 * a warning naming the cell (its value is unknown); a stored result that differs
 * from what the formula computes is a warning (the file was not recalculated, or
 * was edited by a program); formulas computed because no result was stored are
 * listed once.
 */
import type { Finding, Tally } from "../findings";
import { cellRef, type FormValues } from "../values";
import { list, shownValue } from "./text";

type FormulaNote = NonNullable<FormValues["located"]["formulas"]>[number];

function noteFinding(n: FormulaNote, base: Pick<Finding, "rule" | "form" | "code" | "label" | "cell">): Finding {
  if (n.kind === "unevaluable") {
    return {
      ...base,
      severity: "warning",
      actual: `=${n.formula}`,
      expected: null,
      message: `Ô ${n.address} có công thức "=${n.formula}" chưa có kết quả lưu sẵn và không tính được (${n.reason}); số liệu của ô này chưa được đọc.`,
      fix: "Mở tệp bằng Excel, tính lại (F9) và lưu; hoặc ghi số thay cho công thức.",
    };
  }
  return {
    ...base,
    severity: "warning",
    actual: shownValue(n.stored ?? null),
    expected: shownValue(n.computed ?? null),
    message: `Ô ${n.address} lưu kết quả ${shownValue(n.stored ?? null)} nhưng công thức "=${n.formula}" tính được ${shownValue(n.computed ?? null)} (tệp chưa được tính lại); ${n.used === "computed" ? "đã đọc số tính từ công thức" : "đã đọc kết quả lưu trong tệp"}.`,
    fix: "Mở tệp bằng Excel, tính lại (F9) và lưu, rồi kiểm tra lại.",
  };
}

export function formulaFindings(fv: FormValues, tally: Tally): Finding[] {
  const out: Finding[] = [];
  const notes = fv.located.formulas ?? [];
  const at = (address: string) => cellRef(fv.located.sheet, address);
  for (const n of notes) {
    if (n.kind === "evaluated") {
      tally.pass("formula");
      continue;
    }
    tally.fail("formula");
    const spec = fv.form.rows.find((r) => r.id === n.rowId);
    out.push(
      noteFinding(n, { rule: "formula", form: fv.form.number, code: spec?.code ?? "", label: spec?.label ?? "", cell: at(n.address) }),
    );
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
