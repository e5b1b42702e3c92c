/**
 * Files the officer picks or drops, including whole folders (a Sở Nội vụ
 * receives one folder of commune workbooks): DOM File / DataTransfer →
 * UnitSource. Files inside folders are kept when they are Excel files;
 * files picked or dropped one by one are always kept (a wrong one is then
 * reported, not silently ignored).
 */
import { isSkippedName, isUnitFileInFolder, isUnitFileName } from "../app/unit-files";
import { type UnitSource, unitSourceOf } from "./actions";

/** Files picked or dropped: the Excel files to read, and the names of the others left out of a folder. */
export interface PickedFiles {
  sources: UnitSource[];
  /** Files inside a chosen folder that are not Excel workbooks (named to the officer, never read). */
  ignored: string[];
}

/** From an <input type="file" multiple> (with or without webkitdirectory). */
export function pickFileList(list: FileList | File[] | null): PickedFiles {
  const files = list ? Array.from(list) : [];
  const ignored = files.filter(
    (f) => f.webkitRelativePath && !isUnitFileInFolder(f.webkitRelativePath) && !isHiddenPath(f.webkitRelativePath),
  );
  const sources = files
    .filter((f) => !f.webkitRelativePath || isUnitFileInFolder(f.webkitRelativePath))
    .map((f) => unitSourceOf(f))
    .sort((a, b) => a.name.localeCompare(b.name, "vi"));
  return { sources, ignored: ignored.map((f) => f.webkitRelativePath).sort((a, b) => a.localeCompare(b, "vi")) };
}

export function sourcesFromFileList(list: FileList | File[] | null): UnitSource[] {
  return pickFileList(list).sources;
}

/** Hidden files and Excel's "~$" lock files are not worth naming. */
function isHiddenPath(path: string): boolean {
  return path.split(/[\\/]/).some(isSkippedName);
}

interface EntryLike {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  fullPath: string;
}
interface FileEntryLike extends EntryLike {
  file(ok: (f: File) => void, fail: (e: unknown) => void): void;
}
interface DirEntryLike extends EntryLike {
  createReader(): { readEntries(ok: (entries: EntryLike[]) => void, fail: (e: unknown) => void): void };
}

function entryFile(entry: FileEntryLike): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

async function dirEntries(dir: DirEntryLike): Promise<EntryLike[]> {
  const reader = dir.createReader();
  const all: EntryLike[] = [];
  // readEntries returns the entries in batches (100 in Chromium) until an empty one.
  for (;;) {
    const batch = await new Promise<EntryLike[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

async function walk(entry: EntryLike, inFolder: boolean, out: UnitSource[], ignored: string[]): Promise<void> {
  if (entry.isFile) {
    const path = entry.fullPath.replace(/^\//, "");
    if (inFolder && !isUnitFileName(path)) {
      if (!isHiddenPath(path)) ignored.push(path);
      return;
    }
    try {
      out.push(unitSourceOf(await entryFile(entry as FileEntryLike), path));
    } catch {
      out.push({ name: path, size: 0, read: () => Promise.reject(new Error("không đọc được tệp")) });
    }
    return;
  }
  if (entry.isDirectory) {
    if (isSkippedName(entry.name)) return;
    const children = await dirEntries(entry as DirEntryLike);
    children.sort((a, b) => a.name.localeCompare(b.name, "vi"));
    for (const child of children) await walk(child, true, out, ignored);
  }
}

/** From a drop: files, and the Excel files of dropped folders (recursively). */
export async function pickDrop(dt: DataTransfer): Promise<PickedFiles> {
  const items = Array.from(dt.items ?? []).filter((i) => i.kind === "file");
  const entries = items.map((i) => (typeof i.webkitGetAsEntry === "function" ? (i.webkitGetAsEntry() as EntryLike | null) : null));
  if (entries.length === 0 || entries.some((e) => e === null)) return pickFileList(dt.files);
  const out: UnitSource[] = [];
  const ignored: string[] = [];
  for (const entry of entries) await walk(entry!, false, out, ignored);
  return { sources: out, ignored };
}

export async function sourcesFromDrop(dt: DataTransfer): Promise<UnitSource[]> {
  return (await pickDrop(dt)).sources;
}
