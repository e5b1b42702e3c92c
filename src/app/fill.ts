/** Fill's plan as both surfaces write it: the cells to write (kept values are not) and the counts. */
import type { FillAction } from "../core/fill";

/** What to write for the fill actions (kept values are not written). */
export type FillWrite = Pick<FillAction, "sheet" | "address" | "value"> & { formula?: string };

export function fillWrites(actions: FillAction[]): FillWrite[] {
  return actions
    .filter((a) => a.action !== "kept")
    .map((a) => ({ sheet: a.sheet, address: a.address, value: a.value, ...(a.formula ? { formula: a.formula } : {}) }));
}

export function fillCounts(actions: FillAction[]): { filled: number; overwritten: number; kept: number } {
  const n = (k: FillAction["action"]) => actions.filter((a) => a.action === k).length;
  return { filled: n("filled"), overwritten: n("overwritten"), kept: n("kept") };
}
