/**
 * sortFindings reads each finding's cell row once (issue 13): its order must be exactly that of
 * the plain stable sort with the key read at every comparison, ties included.
 */
import type { Severity } from "../../src/catalog/types";
import { type Finding, sortFindings } from "../../src/core/findings";

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const cellOrder = (cell: string) => {
  const m = /(\d+)$/.exec(cell);
  return m ? Number(m[1]) : 0;
};
/** The sort as it was written before. */
const reference = (findings: Finding[]) =>
  [...findings].sort(
    (a, b) => a.form - b.form || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || cellOrder(a.cell) - cellOrder(b.cell),
  );

/** A seeded generator (the same lists at every run) of `random(n)` in 0..n-1. */
function seeded(seed: number): (n: number) => number {
  return (n) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
}

const SEVERITIES: Severity[] = ["error", "warning", "info"];

/** `length` findings numbered #0…, of random severity, form (0..forms-1) and cell among `cells`. */
function randomFindings(random: (n: number) => number, length: number, forms: number, cells: string[]): Finding[] {
  return Array.from({ length }, (_, i) => ({
    severity: SEVERITIES[random(3)],
    rule: "number",
    form: random(forms),
    code: String(i),
    label: "",
    cell: cells[random(cells.length)],
    actual: null,
    expected: null,
    message: `#${i}`,
  }));
}

test("sortFindings orders as the plain stable sort, on many random lists with ties", () => {
  const random = seeded(7);
  const cells = ["", "'Biểu mẫu 1'!D12", "BM2!D7", "D7", "'Bieu mau'!E120", "x", "'A 9'!C3", "D" + "9".repeat(400)];
  for (let k = 0; k < 300; k++) {
    const findings = randomFindings(random, random(40), 4, cells);
    const sorted = sortFindings(findings);
    expect(sorted.map((f) => f.message)).toEqual(reference(findings).map((f) => f.message));
    expect(findings.map((f) => f.message)).toEqual(findings.map((_, i) => `#${i}`)); // the input is left as it was
  }
});

test("lists already in order come back as they are, and one pair out of order (by form, severity or cell row) is sorted", () => {
  const random = seeded(11);
  const cells = ["", "'Biểu mẫu 1'!D12", "BM2!D7", "D7", "'Bieu mau'!E120", "x", "'A 9'!C3"];
  const key = (f: Finding) => [f.form, SEVERITY_ORDER[f.severity], cellOrder(f.cell)].join();
  let swapped = 0;
  for (let k = 0; k < 300; k++) {
    const made = randomFindings(random, 2 + random(30), 3, cells);
    const inOrder = reference(made);
    expect(sortFindings(inOrder).map((f) => f.message)).toEqual(inOrder.map((f) => f.message));
    const at = random(inOrder.length - 1);
    if (key(inOrder[at]) === key(inOrder[at + 1])) continue;
    const oneOut = [...inOrder];
    [oneOut[at], oneOut[at + 1]] = [oneOut[at + 1], oneOut[at]];
    swapped++;
    expect(sortFindings(oneOut).map((f) => f.message)).toEqual(inOrder.map((f) => f.message));
  }
  expect(swapped).toBeGreaterThan(100);
});
