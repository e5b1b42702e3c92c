/**
 * Writes a few cells into an existing .xlsx by editing the worksheet XML in
 * place, so everything else in the unit's workbook (other sheets, styles,
 * notes, images, validation, defined names, unknown extensions…) survives
 * byte for byte. A round trip through exceljs would lose some of that.
 *
 * Only the worksheet parts that receive patches are rewritten, and only at the
 * touched rows/cells (plus the `<dimension>` and, for producers that omit
 * them, the missing `r` attributes of rows/cells of that sheet). Because cell
 * contents change, xl/calcChain.xml is dropped (with its content-type override
 * and relationship) and `<calcPr fullCalcOnLoad="1"/>` is set so Excel
 * recomputes every formula on open.
 *
 * The parts: patch/package.ts (the zip, parts by the reader's names), patch/workbook.ts (sheets
 * and relationships), patch/sheet-scan.ts + patch/sheet-patch.ts (the worksheet XML),
 * patch/calc-upkeep.ts (calc chain, fullCalcOnLoad), patch/xml-tags.ts (the tag scanner).
 */
import { dropCalcChain, setFullCalcOnLoad } from "./patch/calc-upkeep";
import { encode, Package } from "./patch/package";
import { patchSheetXml } from "./patch/sheet-patch";
import { validatePatch, type CellPatch, type Target } from "./patch/target";
import { resolveWorkbook } from "./patch/workbook";

export { PatchError } from "./patch/patch-error";
export type { CellPatch } from "./patch/target";

export function patchWorkbook(data: Uint8Array, patches: CellPatch[]): Uint8Array {
  const pkg = new Package(data);
  if (patches.length === 0) return data.slice();

  const book = resolveWorkbook(pkg);

  // Validate every patch and group them by worksheet part; a later patch of
  // the same cell wins.
  const byPart = new Map<string, { sheet: string; targets: Map<string, Target> }>();
  for (const patch of patches) {
    const part = book.sheetPart(patch.sheet);
    const target = validatePatch(patch);
    let group = byPart.get(part.path);
    if (!group) byPart.set(part.path, (group = { sheet: part.name, targets: new Map() }));
    target.sheet = part.name;
    group.targets.set(target.ref, target);
  }

  const changed = new Map<string, Uint8Array>();
  for (const [path, group] of byPart) {
    changed.set(path, encode(patchSheetXml(pkg.text(path), [...group.targets.values()], path)));
  }
  const removed = dropCalcChain(pkg, book, changed);
  changed.set(book.workbookPath, encode(setFullCalcOnLoad(book.workbookXml, book.workbookPath)));
  return pkg.write(changed, removed);
}
