/**
 * Rule kinds of a row's own number: a count is a whole number ≥ 0, money is
 * ≥ 0, a percent (or a stated rate) lies in 0–100 (DOMAIN.md §4).
 */
import type { ValueCheck } from "./kinds";
import { quote, ref, vi } from "./text";

export const count: ValueCheck = {
  rule: "count",
  check({ finding }, spec, v, value, read) {
    if (value < 0) {
      finding("error", "count", spec, v, {
        actual: value,
        expected: "≥ 0",
        message: `Số lượng ${ref(spec)} ghi ${vi(value)}: số lượng không thể âm.`,
      });
      return false;
    }
    if (Number.isInteger(value)) return true;
    const alt = read.alternatives?.find(Number.isInteger);
    finding("error", "count", spec, v, {
      actual: value,
      expected: alt ?? "số nguyên",
      message: `Số lượng ${ref(spec)} phải là số nguyên nhưng ô ghi ${quote(v.raw)} (đọc là ${vi(value)})${alt !== undefined ? `; có lẽ là ${vi(alt)}` : ""}.`,
      fix: alt !== undefined ? `Ghi ${vi(alt)} nếu đúng là ${vi(alt)} ${spec.unit.toLowerCase()}.` : "Ghi số nguyên.",
    });
    return false;
  },
};

export const money: ValueCheck = {
  rule: "count",
  check({ finding }, spec, v, value) {
    if (value >= 0) return true;
    finding("error", "count", spec, v, { actual: value, expected: "≥ 0", message: `Số tiền ${ref(spec)} ghi ${vi(value)}: không thể âm.` });
    return false;
  },
};

export const percent: ValueCheck = {
  rule: "percent",
  check({ finding }, spec, v, value) {
    // A rate computed here from its own formula: the ratio rule names the cause (numerator > denominator).
    if (!(value < 0 || value > 100) || (v.evaluated && spec.ratio)) return true;
    finding("error", "percent", spec, v, {
      actual: value,
      expected: "0–100",
      message: `Tỷ lệ ${ref(spec)} ghi ${vi(value)}%: tỷ lệ phải từ 0 đến 100.`,
    });
    return false;
  },
};
