/**
 * Reads many unit files, on every core when there are many: reading and
 * checking one commune workbook takes about a millisecond, so below a few
 * hundred files a worker's start-up costs more than it saves.
 */
import * as os from "node:os";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import * as fs from "node:fs";
import type { TemplateSpec } from "../catalog/types";
import type { UnitInput } from "../core/consolidate";
import { isSkippedName, isUnitFileName } from "../app/unit-files";
import { detachTexts } from "../core/detach";
import { readUnitFile } from "./read-unit";
import { unitWorkerLocation, type UnitWorkerLocation } from "./unit-worker-location";
import { UnitUnpacker, type PackedUnits } from "./unit-transfer";

export interface UnitFile {
  path: string;
  /** Name shown in reports (relative to the folder given). */
  shown: string;
}

const PARALLEL_FROM = 200;
/**
 * Files per message to a worker (at most), and per step of the main thread between messages.
 * Near the end chunks shrink, so no thread is left reading a long chunk while the others wait.
 */
const WORKER_CHUNK = 32;
const MIN_WORKER_CHUNK = 4;
const MAIN_CHUNK = 8;

/** A worker's next chunk: a share of what is left (each thread gets several more), between 4 and 32 files. */
export function workerChunkSize(left: number, threads: number): number {
  return Math.max(MIN_WORKER_CHUNK, Math.min(WORKER_CHUNK, Math.ceil(left / (4 * threads))));
}

export async function readUnits(
  files: UnitFile[],
  templates: TemplateSpec[],
  onProgress?: (done: number, input: UnitInput) => void,
): Promise<UnitInput[]> {
  const results: UnitInput[] = new Array(files.length);
  let done = 0;
  const record = (index: number, input: UnitInput) => {
    results[index] = input;
    onProgress?.(++done, input);
  };
  if (files.length < PARALLEL_FROM) {
    files.forEach((f, i) => record(i, readOwnUnit(f, templates)));
    return results;
  }
  // Files are handed out in small chunks as readers finish them, so a busy core or a slow
  // worker start (~0.3 s) never leaves the others idle at the end. The main thread reads
  // too (alone with BIEUMAU_THREADS=1), in small steps, so worker messages and the progress
  // bar get through (a terminal on Windows is written asynchronously).
  let next = 0;
  const take = (n: number): Chunk => {
    const chunk = files.slice(next, next + n).map((f, i) => ({ index: next + i, ...f }));
    next += chunk.length;
    return chunk;
  };
  const where = unitWorkerLocation();
  const threads = where ? Math.min(threadsFor(), 8) : 1;
  const takeForWorker = () => take(workerChunkSize(files.length - next, threads));
  const workers = Array.from({ length: threads - 1 }, () => readOnWorker(where!, templates, takeForWorker, record));
  for (let chunk = take(MAIN_CHUNK); chunk.length > 0; chunk = take(MAIN_CHUNK)) {
    for (const f of chunk) record(f.index, readOwnUnit(f, templates));
    await new Promise((r) => setImmediate(r));
  }
  await Promise.all(workers);
  // A file a worker could not finish (it crashed on it) is still listed.
  files.forEach((f, i) => {
    if (!results[i]) results[i] = { file: f.shown, error: "không đọc được (lỗi khi xử lý)" };
  });
  return results;
}

type Chunk = { index: number; path: string; shown: string }[];

/** A worker that reads the chunks `take` hands out until none is left. */
function readOnWorker(
  where: UnitWorkerLocation,
  templates: TemplateSpec[],
  take: () => Chunk,
  record: (index: number, input: UnitInput) => void,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const worker = new Worker("file" in where ? where.file : where.source, {
      eval: !("file" in where),
      workerData: { templates },
      resourceLimits: { maxYoungGenerationSizeMb: 96 },
    });
    const unpacker = new UnitUnpacker();
    let pending = 0;
    const feed = () => {
      const chunk = take();
      if (chunk.length > 0) {
        pending++;
        worker.postMessage(chunk);
      } else if (pending === 0) worker.postMessage(null); // nothing left: the worker ends
    };
    worker.on("message", (packed: PackedUnits) => {
      pending--;
      for (const m of unpacker.unpack(packed)) record(m.index, m.input);
      feed();
    });
    worker.on("error", reject);
    worker.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`luồng đọc tệp dừng với mã ${code}`))));
    feed();
    feed(); // one chunk ahead, so the worker never waits for the main thread
  });
}

/**
 * Threads that read: one per core but one; BIEUMAU_THREADS sets it (1: the main thread only).
 * A reading thread keeps more than one core busy (V8 compiles and collects garbage on threads
 * of its own: 2.1 s of CPU in 1.6 s of wall), so on 2 cores a second one mostly fights them.
 * Measured alternately on an idle 2-core machine (3,321 content-located workbooks, after the
 * issue 13 work): one thread 1.60–1.66 s wall and 2.3 s CPU, two 1.78–1.88 s and 3.2 s CPU; on
 * the marker and openpyxl sets the two were within the machine's ±30% noise, one always with
 * ≈ 25% less CPU (better when the officer's computer is busy with other work).
 */
function threadsFor(): number {
  const asked = Number(process.env.BIEUMAU_THREADS);
  if (Number.isInteger(asked) && asked >= 1) return asked;
  return Math.max(1, (os.availableParallelism?.() ?? os.cpus().length) - 1);
}

/** A unit read on this thread, kept for the whole run: its texts copied out of the file's XML (see core/detach.ts). */
function readOwnUnit(f: UnitFile, templates: TemplateSpec[]): UnitInput {
  return detachTexts(readUnitFile(f.path, f.shown, templates, true));
}

type Problem = { file: string; reason: string };

/** Why a folder cannot be listed, in Vietnamese. */
function folderProblem(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "EACCES" || code === "EPERM") return "thư mục không có quyền đọc: bỏ qua cả thư mục";
  if (code === "ELOOP") return "liên kết vòng: bỏ qua";
  return `không mở được thư mục (${code ?? "lỗi"}): bỏ qua cả thư mục`;
}

/** Files and folders from the command line → unit files; folders are searched recursively. */
export function collectUnitFiles(args: string[]): { files: UnitFile[]; problems: Problem[] } {
  const files: UnitFile[] = [];
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const add = (abs: string, shown: string) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    files.push({ path: abs, shown });
  };
  for (const arg of args) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(arg);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      problems.push({ file: arg, reason: code === "EACCES" ? "không có quyền đọc" : "không tìm thấy tệp hay thư mục" });
      continue;
    }
    if (stat.isDirectory()) walkFolder({ root: arg, abs: path.resolve(arg), shown: "" }, add, problems);
    else add(path.resolve(arg), path.basename(arg)); // the reader refuses what is not a regular file, naming it
  }
  return { files, problems };
}

/**
 * A folder being listed: the argument it was found under, its absolute path, and its path as
 * shown (relative to the argument, ending with a separator; "" for the argument itself).
 * A name from readdir holds no separator, so an entry's absolute and shown paths are these
 * plus its name — the same strings path.resolve(path.join(…)) and path.relative(root, …) give,
 * without their cost (≈35 ms for 3,321 files, measured on a 2-core machine).
 */
interface Folder {
  root: string;
  abs: string;
  shown: string;
}

const inside = (abs: string, name: string) => (abs.endsWith(path.sep) ? abs + name : abs + path.sep + name);

/**
 * Lists unit files under a folder: a folder that cannot be opened, a FIFO or a
 * device with a workbook's name is skipped with its reason, and the rest goes on.
 * Links to folders are not followed (no loops); links to files are.
 */
function walkFolder(dir: Folder, add: (abs: string, shown: string) => void, problems: Problem[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir.abs, { withFileTypes: true });
  } catch (e) {
    problems.push({ file: (dir.shown === "" ? dir.root : dir.shown.slice(0, -path.sep.length)) + path.sep, reason: folderProblem(e) });
    return;
  }
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (isSkippedName(entry.name)) continue; // hidden, Excel lock files, our temporary files
    if (entry.isDirectory()) {
      walkFolder({ root: dir.root, abs: inside(dir.abs, entry.name), shown: dir.shown + entry.name + path.sep }, add, problems);
      continue;
    }
    if (!isUnitFileName(entry.name)) continue;
    if (entry.isFile() || entry.isSymbolicLink()) add(inside(dir.abs, entry.name), dir.shown + entry.name);
    else
      problems.push({
        file: dir.shown + entry.name,
        reason: entry.isFIFO()
          ? "là đường ống (FIFO), không phải tệp thông thường: bỏ qua"
          : "không phải tệp thông thường (thiết bị, socket…): bỏ qua",
      });
  }
}
