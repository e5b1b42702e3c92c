/**
 * Rule kind "coded": the answer is one of the listed codes ("Có = 1; Không = 0").
 * How it validates, how words written for a code are reported, and how the
 * province counts the answers (listing the units that answered Không/Chưa).
 */
import type { FormCheck } from "./context";
import type { Aggregate, ValueCheck } from "./kinds";
import { quote, ref } from "./text";

export const coded: ValueCheck = {
  rule: "coded",
  check({ finding }, spec, v, value) {
    const options = spec.options ?? [];
    if (options.some((o) => o.value === value)) return true;
    const list = options.map((o) => `${o.label} = ${o.value}`).join("; ");
    finding("error", "coded", spec, v, {
      actual: value,
      expected: options.map((o) => o.value).join(", "),
      message: `Dòng ${ref(spec)} chỉ nhận một mã (${list}) nhưng ghi ${quote(v.raw)}.`,
      fix: `Ghi một trong các mã: ${list}.`,
    });
    return false;
  },
};

/** Each coded answer written as words ("Có"), on its own (src/core/cell-words.ts read it). */
export function codedWords(check: FormCheck): void {
  for (const v of check.conventions) {
    if (v.words?.kind !== "coded") continue;
    check.finding("info", "coded", v.spec, v, {
      actual: v.raw,
      expected: v.value,
      message: `Ô ${ref(v.spec)}: ${v.words.how}.`,
      fix: `Có thể ghi mã ${v.value} thay cho chữ.`,
    });
  }
}

/** Count how many units gave each answer; a code not in the list is flagged. */
export const countAnswers: Aggregate = ({ row, spec, perUnit, reported, units }) => {
  row.answers = (spec.options ?? []).map((o) => {
    const who = units.filter((_, i) => perUnit[i] === o.value);
    return { value: o.value, label: o.label, count: who.length, units: who };
  });
  const odd = reported.filter((v) => !(spec.options ?? []).some((o) => o.value === v));
  if (odd.length) row.attention = `${odd.length} đơn vị ghi mã không có trong danh sách`;
};
