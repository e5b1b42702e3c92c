/**
 * Which files of a chosen folder are units' workbooks, for the command line
 * (a folder argument) and the pane (a folder picked or dropped) alike.
 */

const UNIT_EXTENSIONS = /\.(xlsx|xlsm|xls|ods)$/i;

/** Never a report: hidden files and folders, Excel's "~$" lock files (and our temporary files, which start with "."). */
export function isSkippedName(name: string): boolean {
  return name.startsWith(".") || name.startsWith("~$");
}

/** An Excel or OpenDocument workbook's name (the last part of a path), not a lock or hidden file. */
export function isUnitFileName(path: string): boolean {
  const base = path.split(/[\\/]/).pop() ?? path;
  return UNIT_EXTENSIONS.test(base) && !isSkippedName(base);
}

/** A file inside a chosen folder ("don-vi/xa/xa-1.xlsx", the folder's own name first): a unit's workbook in no hidden folder. */
export function isUnitFileInFolder(relativePath: string): boolean {
  const parts = relativePath.split(/[\\/]/);
  return isUnitFileName(relativePath) && !parts.slice(1, -1).some(isSkippedName);
}
