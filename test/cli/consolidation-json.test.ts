/**
 * consolidationJson adds its optional keys in place instead of spreading them: the same document,
 * byte for byte, as the spreading version (kept here as the reference) on a consolidation with a
 * duplicate and another period (reasons), a unit without a period (notes), coded answers and a
 * row whose units disagree (conflict, attention).
 */
import { findTemplate, rowKey } from "../../src/catalog";
import type { TemplateSpec } from "../../src/catalog/types";
import { consolidate, type Consolidation, type UnitInput } from "../../src/core/consolidate";
import { consolidationJson } from "../../src/cli/consolidate-command";

/** The document as the spreading version made it. */
function reference(c: Consolidation, output: string) {
  return {
    template: c.template.id,
    period: c.period ?? null,
    output,
    units: c.units
      .filter((u) => ["ok", "errors", "excluded", "duplicate", "other-period"].includes(u.status))
      .map((u) => ({
        file: u.file,
        unit: u.unit,
        unitFrom: u.unitFrom,
        period: u.period ?? null,
        status: u.status,
        errors: u.errors,
        warnings: u.warnings,
        ...(u.reason && u.status !== "ok" && u.status !== "errors" ? { reason: u.reason } : {}),
        ...(u.notes.length ? { notes: u.notes } : {}),
      })),
    skipped: c.skipped,
    duplicates: c.duplicates,
    missing: c.missing,
    unexpected: c.unexpected,
    suggestions: c.suggestions,
    forms: c.forms.map((f) => ({
      form: f.form.number,
      rows: f.rows.map((r) => ({
        code: r.code,
        label: r.label,
        value: r.value,
        method: r.method,
        reporting: r.reporting,
        ...(r.naiveMean !== undefined ? { naiveMean: r.naiveMean } : {}),
        ...(r.answers
          ? {
              answers: r.answers.map((a) => ({
                value: a.value,
                label: a.label,
                count: a.count,
                ...(a.value === 0 ? { units: a.units } : {}),
              })),
            }
          : {}),
        ...(r.conflict ? { conflict: r.conflict } : {}),
        ...(r.attention ? { attention: r.attention } : {}),
      })),
    })),
  };
}

function unit(t: TemplateSpec, i: number, name: string, period: string | undefined, modified: string): UnitInput {
  return {
    file: `xa-${i}.xlsx`,
    modified,
    sha256: `${i}`.padStart(64, "0"),
    data: {
      templateId: t.id,
      unit: name,
      period,
      forms: t.forms.map((f) => ({
        form: f.number,
        sheet: `BM${f.number}`,
        values: Object.fromEntries(
          f.rows.map((r, k) => [rowKey(r), { raw: String((i + k) % 3), value: (i + k) % 3, address: `D${k + 6}` }]),
        ),
      })),
      findings: [],
      counts: { error: 0, warning: 0, info: 0 },
    },
  };
}

test("the same JSON as spreading the optional keys, with reasons, notes, answers and conflicts", () => {
  const t = findTemplate("bnv581-xa")!;
  const inputs = [
    unit(t, 1, "UBND xã Một", "Quý I năm 2025", "2025-04-01T00:00:00.000Z"),
    unit(t, 2, "UBND xã Một", "Quý I năm 2025", "2025-04-02T00:00:00.000Z"),
    unit(t, 3, "UBND xã Ba", undefined, "2025-04-01T00:00:00.000Z"),
    unit(t, 4, "UBND xã Bốn", "Quý II năm 2025", "2025-04-01T00:00:00.000Z"),
    unit(t, 5, "UBND xã Năm", "Quý I năm 2025", "2025-04-01T00:00:00.000Z"),
    { file: "hong.xlsx", error: "không đọc được" },
  ];
  const c = consolidate(inputs, [t], {});
  const json = JSON.stringify(consolidationJson(c, "out.xlsx"), null, 2);
  expect(json).toBe(JSON.stringify(reference(c, "out.xlsx"), null, 2));
  for (const key of ['"reason"', '"notes"', '"answers"', '"naiveMean"']) expect(json).toContain(key);
});
