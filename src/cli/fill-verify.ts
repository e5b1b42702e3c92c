/**
 * fill's safety net: the written copy is read back with the same reader that
 * read the source, and must read the same everywhere except the cells fill
 * wrote, which must hold the values it wrote. So fill accepts exactly what
 * validate reads, and a damaged source can never yield a copy that silently
 * differs from it.
 */
import { formatA1, parseA1 } from "../core/a1";
import { cellAt, type Cell, type WorkbookGrid } from "../core/grid";
import { ReadError, readWorkbookGrid } from "../xlsx/read-grid";

export interface WrittenCell {
  sheet: string;
  address: string;
  value: number | null;
}

function sameValue(a: Cell | undefined, b: Cell | undefined): boolean {
  const va = a?.value ?? null;
  const vb = b?.value ?? null;
  return va === vb || (typeof va === "number" && typeof vb === "number" && Number.isNaN(va) && Number.isNaN(vb));
}

/** Where the copy reads differently from what was intended, in Vietnamese; undefined when it reads right. */
export function verifyFilledCopy(source: WorkbookGrid, copyBytes: Uint8Array, written: WrittenCell[]): string | undefined {
  let copy: WorkbookGrid;
  try {
    copy = readWorkbookGrid(copyBytes);
  } catch (e) {
    return `bản sao vừa tạo không đọc lại được (${e instanceof ReadError ? e.message : "lỗi khi đọc"})`;
  }
  const expected = new Map<string, number | null>();
  for (const w of written) {
    const pos = parseA1(w.address);
    if (pos) expected.set(`${w.sheet}\u0000${pos.row}\u0000${pos.col}`, w.value);
  }
  if (copy.sheets.length !== source.sheets.length) return "số trang tính trong bản sao khác với tệp gốc";
  // By position: a damaged workbook can list two sheets under one name.
  for (const [index, sheet] of source.sheets.entries()) {
    const other = copy.sheets[index];
    if (other.name !== sheet.name) return `trang "${sheet.name}" không còn ở vị trí cũ trong bản sao`;
    const rows = Math.max(sheet.rows.length, other.rows.length);
    for (let r = 1; r <= rows; r++) {
      const cols = Math.max(sheet.rows[r - 1]?.length ?? 0, other.rows[r - 1]?.length ?? 0);
      for (let c = 1; c <= cols; c++) {
        const key = `${sheet.name}\u0000${r}\u0000${c}`;
        const after = cellAt(other, r, c);
        const ok = expected.has(key)
          ? (after?.value ?? null) === expected.get(key) || (expected.get(key) !== null && after?.formula !== undefined)
          : sameValue(cellAt(sheet, r, c), after);
        if (!ok) return `ô ${formatA1(r, c)} trang "${sheet.name}" đọc trong bản sao khác với tệp gốc`;
      }
    }
  }
  return undefined;
}
