/** Worker thread: reads and checks the unit files it is sent, one message per file. */
import { parentPort, workerData } from "node:worker_threads";
import type { TemplateSpec } from "../catalog/types";
import { readUnitFile } from "./read-unit";

interface Job {
  files: { index: number; path: string; shown: string }[];
  templates: TemplateSpec[];
}

// Results go back in batches, as JSON text: far cheaper than one structured clone per file.
const BATCH = 32;
const job = workerData as Job;
let batch: { index: number; input: unknown }[] = [];
for (const f of job.files) {
  batch.push({ index: f.index, input: readUnitFile(f.path, f.shown, job.templates) });
  if (batch.length === BATCH) {
    parentPort!.postMessage(JSON.stringify(batch));
    batch = [];
  }
}
if (batch.length) parentPort!.postMessage(JSON.stringify(batch));
