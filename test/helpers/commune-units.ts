/**
 * A commune's unit as consolidation receives it, built in memory (no file): unit i of a template,
 * its forms on the sheets given, every row's value made by `valueAt(row index)`.
 */
import { rowKey } from "../../src/catalog";
import type { TemplateSpec } from "../../src/catalog/types";
import type { UnitInput } from "../../src/core/consolidate";

export function communeUnit(
  template: TemplateSpec,
  i: number,
  sheetOf: (form: number) => string | undefined,
  valueAt: (k: number) => number,
): UnitInput {
  return {
    file: `xa-${i}.xlsx`,
    modified: "2025-04-01T00:00:00.000Z",
    data: {
      templateId: template.id,
      unit: `UBND xã Số ${i}`,
      period: "Quý I năm 2025",
      forms: template.forms
        .filter((f) => sheetOf(f.number) !== undefined)
        .map((f) => ({
          form: f.number,
          sheet: sheetOf(f.number)!,
          values: Object.fromEntries(
            f.rows.map((r, k) => [rowKey(r), { raw: String(valueAt(k)), value: valueAt(k), address: `D${k + 6}` }]),
          ),
        })),
      findings: [],
      counts: { error: 0, warning: 0, info: 0 },
    },
  };
}
