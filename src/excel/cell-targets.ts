/** Cells the host writes or colours, grouped into runs so that each run is one range (one request, not one per cell). */
import { formatA1, parseA1 } from "../core/a1";
import { a1Range } from "./render-plan";

export interface Target {
  sheet: string;
  address: string;
  row: number;
  col: number;
}

export function target(sheet: string, address: string): Target | undefined {
  const pos = parseA1(address);
  if (!pos || !sheet) return undefined;
  return { sheet: sheet.normalize("NFC"), address: formatA1(pos.row, pos.col), row: pos.row, col: pos.col };
}

/** Consecutive rows of one column of one sheet: one range each. */
export function runsOf<T extends Target>(items: T[], sameRun: (a: T, b: T) => boolean = () => true): T[][] {
  const sorted = [...items].sort((a, b) => (a.sheet < b.sheet ? -1 : a.sheet > b.sheet ? 1 : 0) || a.col - b.col || a.row - b.row);
  const runs: T[][] = [];
  for (const t of sorted) {
    const run = runs[runs.length - 1];
    const last = run?.[run.length - 1];
    if (last && last.sheet === t.sheet && last.col === t.col && last.row + 1 === t.row && sameRun(last, t)) run.push(t);
    else runs.push([t]);
  }
  return runs;
}

export const runAddress = (run: Target[]) => a1Range(run[0].row, run[0].col, run[run.length - 1].row, run[0].col);
