/** Worker thread (started through unit-worker.ts): reads and checks the chunks of unit files it is sent; `null` ends it. */
import { parentPort, workerData } from "node:worker_threads";
import type { TemplateSpec } from "../catalog/types";
import { readUnitFile } from "./read-unit";

interface Job {
  templates: TemplateSpec[];
}

type Chunk = { index: number; path: string; shown: string }[];

// One reply per chunk, as JSON text: far cheaper than one structured clone per file.
// The label and vote caches of src/core live as long as this thread: every file it reads shares them.
const job = workerData as Job;
parentPort!.on("message", (chunk: Chunk | null) => {
  if (chunk === null) {
    parentPort!.close();
    return;
  }
  parentPort!.postMessage(
    JSON.stringify(chunk.map((f) => ({ index: f.index, input: readUnitFile(f.path, f.shown, job.templates, true) }))),
  );
});
