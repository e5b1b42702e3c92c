/**
 * Form sheet plans rendered with the fast writer: the consolidation workbook's
 * form sheets, and unit workbooks made in bulk (samples, tests, benchmarks).
 */
import { ORIGIN_NAME } from "../core/consolidate";
import { rowKey } from "../catalog";
import type { RowSpec, TemplateSpec } from "../catalog/types";
import { type CellStyle, type FormSheetPlan, NUMBER_FORMATS, planFormSheet, type SheetHeader } from "../core/form-layout";
import { COL } from "../core/form-layout";
import { computeRow, dependencyOrder } from "../core/fill";
import { XlsxWriter, type XSheetWriter, type XStyle, type XValue } from "./fast-writer";

/** Styles of the layout plan, in the fast writer's terms. */
export const PLAN_STYLES: Record<CellStyle, XStyle> = {
  unitLine: { size: 13, bold: true },
  periodLine: { size: 13 },
  formTitle: { size: 14, bold: true, hAlign: "center" },
  formSubtitle: { size: 13, bold: true, hAlign: "center", wrap: true },
  header: { bold: true, hAlign: "center", vAlign: "middle", wrap: true, border: true },
  code: { hAlign: "center", vAlign: "middle", border: true },
  label: { vAlign: "middle", wrap: true, border: true },
  headingLabel: { bold: true, vAlign: "middle", wrap: true, border: true },
  unit: { hAlign: "center", vAlign: "middle", wrap: true, border: true },
  input: { hAlign: "right", vAlign: "middle", border: true },
  computed: { italic: true, hAlign: "right", vAlign: "middle", border: true, fill: "F2F2F2" },
  headingValue: { hAlign: "right", vAlign: "middle", border: true },
  note: { vAlign: "middle", wrap: true, border: true },
  marker: { size: 8, color: "808080" },
};

export class Styles {
  private cache = new Map<string, number>();
  constructor(private readonly writer: XlsxWriter) {}
  get(style: XStyle): number {
    const key = JSON.stringify(style);
    let id = this.cache.get(key);
    if (id === undefined) {
      id = this.writer.style(style);
      this.cache.set(key, id);
    }
    return id;
  }
}

export function numFmtOf(spec: RowSpec): string | undefined {
  return spec.kind === "heading" ? undefined : NUMBER_FORMATS[spec.kind];
}

/** Writes a layout plan's cells row by row, overriding the value cells. */
export function writePlan(
  sheet: XSheetWriter,
  plan: FormSheetPlan,
  styles: Styles,
  /** The value cell of a row; undefined keeps the plan's own (a template formula). */
  valueOf: (spec: RowSpec, row: number) => XValue | undefined,
  extra: (spec: RowSpec | undefined, row: number) => { col: number; value: XValue; style?: number }[],
): void {
  const byRow = new Map<number, typeof plan.cells>();
  for (const c of plan.cells) {
    const list = byRow.get(c.row) ?? [];
    list.push(c);
    byRow.set(c.row, list);
  }
  const specOfRow = new Map<number, RowSpec>();
  plan.form.rows.forEach((spec) => {
    const address = plan.valueCellOf.get(spec.id)!;
    specOfRow.set(Number(address.slice(1)), spec);
  });
  const rows = [...byRow.keys()].sort((a, b) => a - b);
  for (const r of rows) {
    const spec = specOfRow.get(r);
    const cells = byRow
      .get(r)!
      .sort((a, b) => a.col - b.col)
      .map((c) => {
        const style = styles.get({ ...PLAN_STYLES[c.style], ...(c.numFmt ? { numFmt: c.numFmt } : {}) });
        if (c.col === COL.value && spec && spec.kind !== "heading") {
          const value = valueOf(spec, r);
          if (value !== undefined) return { col: c.col, value, style };
        }
        return { col: c.col, value: (c.formula ? { formula: c.formula } : c.value) as XValue, style };
      });
    // Extra cells win over the plan's cell in the same column (a note over the empty note cell).
    const byCol = new Map<number, { col: number; value: XValue; style?: number }>(cells.map((c) => [c.col, c]));
    for (const e of extra(spec, r)) byCol.set(e.col, { ...e, style: e.style ?? byCol.get(e.col)?.style });
    sheet.row(
      r,
      [...byCol.values()].sort((a, b) => a.col - b.col),
      { height: plan.rowHeights.get(r) },
    );
  }
  for (const [t, l, b, rr] of plan.merges) sheet.merge(t, l, b, rr);
}

/** A unit's workbook in our template layout with its values filled in ("form/code" → value). */
export function writeFilledWorkbook(
  template: TemplateSpec,
  header: SheetHeader,
  values: Record<string, number | string | null | undefined>,
  options: { computed?: "formula" | "blank" } = {},
): Uint8Array {
  // Marked as ours (a unit's report all the same: it is read and summed like any other).
  const writer = new XlsxWriter({ creator: "Biểu mẫu CCHC", origin: { name: ORIGIN_NAME, value: "bao-cao" } });
  const styles = new Styles(writer);
  for (const form of template.forms) {
    const plan = planFormSheet(template, form, header);
    const sheet = writer.addSheet(plan.sheetName, {
      columns: plan.columnWidths.map((w, i) => ({ width: w, hidden: plan.hiddenColumns.includes(i + 1) })),
      freeze: { rows: plan.headerRows[1] },
      print: { titleRows: plan.headerRows, fitToWidth: true },
    });
    // Computed rows carry their formula and, as Excel would save it, the cached result.
    const known = new Map<string, number | null>();
    for (const row of form.rows) {
      const v = values[`${form.number}/${rowKey(row)}`];
      known.set(rowKey(row), typeof v === "number" ? v : null);
    }
    for (const row of dependencyOrder(form.rows)) known.set(rowKey(row), computeRow(row, known)?.value ?? null);
    writePlan(
      sheet,
      plan,
      styles,
      (spec) => {
        const v = values[`${form.number}/${rowKey(spec)}`];
        if (v !== undefined) return v;
        if (options.computed === "blank" && (spec.ratio || spec.sum)) return null;
        const formula = plan.cells.find((c) => c.col === COL.value && c.row === plan.rowOf.get(rowKey(spec)))?.formula;
        return formula ? { formula, result: known.get(rowKey(spec)) ?? "" } : undefined;
      },
      () => [],
    );
    sheet.end();
  }
  return writer.finish();
}
