/**
 * Rule kind "compound": several quantities in one cell ("120 hồ sơ = 95,5%",
 * "3/45", "10/12 = 83,3%"; reading them: ../compound.ts). Every part read from
 * the cell is checked (counts whole ≥ 0, percents 0–100), then "a/b = c%"
 * (a ≤ b, c = a / b × 100 at the precision written) and "a/b" of a part and its
 * whole (a ≤ b). "N hồ sơ = X%" cannot be checked further: the base of X is not
 * on the form.
 */
import { rowKey } from "../../catalog";
import type { RowSpec } from "../../catalog/types";
import { type CompoundPartValue, compoundExample, mainPart } from "../compound";
import type { RuleName } from "../findings";
import type { RowValue } from "../values";
import type { FormCheck } from "./context";
import type { RuleKind } from "./kinds";
import { checkRate } from "./ratio";
import { capitalize, quote, ref, vi } from "./text";

type CompoundRow = RowSpec & { compound: NonNullable<RowSpec["compound"]> };

/** Written, but not the row's own part: not "unreported"; says what is missing. */
function mainPartMissing(check: FormCheck, spec: CompoundRow, v: RowValue, parts: CompoundPartValue[], main: number): void {
  if (parts[main].value !== null || !parts.some((p) => p.value !== null)) return;
  const i = check.blanks.indexOf(v);
  if (i >= 0) check.blanks.splice(i, 1);
  check.finding("info", "blank", spec, v, {
    actual: v.raw,
    expected: compoundExample(spec),
    message: `${capitalize(ref(spec))} ghi ${quote(v.raw)} nhưng chưa ghi phần "${parts[main].name}" (cần dạng ${compoundExample(spec)}).`,
    fix: `Ghi đủ các phần: ${compoundExample(spec)}.`,
  });
}

/** The other parts on their own: a count whole ≥ 0, a percent 0–100 (the row's own part is checked as the row). */
function checkParts(check: FormCheck, spec: CompoundRow, v: RowValue, parts: CompoundPartValue[], main: number): void {
  parts.forEach((p, i) => {
    if (i === main || p.value === null || p.computed) return;
    const rule: RuleName = p.kind === "percent" ? "percent" : "count";
    const bad = p.kind === "percent" ? p.value < 0 || p.value > 100 : p.value < 0 || !Number.isInteger(p.value);
    if (!bad) return check.tally.pass(rule);
    check.tally.fail(rule);
    check.finding("error", rule, spec, v, {
      actual: p.value,
      expected: p.kind === "percent" ? "0–100" : "số nguyên ≥ 0",
      message: `${capitalize(ref(spec))} ghi ${quote(v.raw)}: phần "${p.name}" là ${vi(p.value)}${p.kind === "percent" ? "%, tỷ lệ phải từ 0 đến 100" : ", phải là số nguyên không âm"}.`,
      fix: `Ghi theo dạng ${compoundExample(spec)}.`,
    });
  });
}

/** "a/b = c%": c against a / b × 100. */
function checkStatedRate(
  check: FormCheck,
  spec: CompoundRow,
  v: RowValue,
  a: CompoundPartValue,
  b: CompoundPartValue,
  pct: CompoundPartValue,
): void {
  const { tally, finding } = check;
  if (a.value === null || b.value === null || pct.value === null || pct.computed) return tally.notReported("ratio");
  if (b.value === 0) {
    tally.fail("ratio");
    return finding("warning", "ratio", spec, v, {
      actual: pct.value,
      expected: null,
      message: `${capitalize(ref(spec))} ghi ${quote(v.raw)}: ${b.name} bằng 0 nên tỷ lệ không xác định.`,
      fix: "Để trống phần tỷ lệ, hoặc kiểm tra lại mẫu số.",
    });
  }
  const rate = checkRate(pct.value, a.value, b.value, pct.decimals);
  if (rate.verdict === "equal") return tally.pass("ratio");
  tally.fail("ratio");
  finding(rate.verdict === "truncated" ? "warning" : "error", "ratio", spec, v, {
    actual: pct.value,
    expected: rate.expected,
    message: `${capitalize(ref(spec))} ghi ${quote(v.raw)}: tỷ lệ ${vi(pct.value)}% nhưng ${vi(a.value)} / ${vi(b.value)} × 100 = ${rate.shown}%${rate.verdict === "truncated" ? " (làm tròn chưa đúng)" : ""}.`,
    fix: `Sửa tỷ lệ thành ${vi(rate.expected)}, hoặc kiểm tra lại hai số.`,
  });
}

function checkCompound(check: FormCheck, spec: CompoundRow, v: RowValue, parts: CompoundPartValue[]): void {
  const main = mainPart(spec);
  mainPartMissing(check, spec, v, parts, main);
  checkParts(check, spec, v, parts, main);
  const counts = parts.filter((p) => p.kind === "count");
  const pct = parts.find((p) => p.kind === "percent");
  const [a, b] = counts;
  const pctOf = pct !== undefined && counts.length === 2;
  if ((pctOf || spec.compound.partOfWhole) && a && b) {
    // a ≤ b: the numerator of "a/b = c%", or a part of its whole.
    const rule: RuleName = pctOf ? "ratio" : "le";
    if (a.value === null || b.value === null) check.tally.notReported(rule);
    else if (a.value > b.value) {
      check.tally.fail(rule);
      return check.finding(pctOf ? "error" : (spec.compound.severity ?? "error"), rule, spec, v, {
        actual: a.value,
        expected: `≤ ${vi(b.value)}`,
        message: `${capitalize(ref(spec))} ghi ${quote(v.raw)}: ${a.name} (${vi(a.value)}) lớn hơn ${b.name} (${vi(b.value)}).`,
        fix: `Kiểm tra lại hai số: phần trước dấu "/" là một phần của phần sau.`,
      });
    } else if (!pctOf) check.tally.pass(rule);
  }
  if (pctOf) checkStatedRate(check, spec, v, a, b, pct);
}

export const compound: RuleKind = {
  name: "compound",
  validate(check) {
    const rows = check.fv.form.rows;
    for (let k = 0; k < rows.length; k++) {
      const spec = rows[k];
      if (!spec.compound) continue; // most rows: no value to look up
      const v = check.val(rowKey(spec));
      if (v?.compound) checkCompound(check, spec as CompoundRow, v, v.compound);
    }
  },
};
