/** Worker thread: reads and checks the unit files it is sent, one message per file. */
import { parentPort, workerData } from "node:worker_threads";
import type { TemplateSpec } from "../catalog/types";
import { readUnitFile } from "./read-unit";

interface Job {
  files: { index: number; path: string; shown: string }[];
  templates: TemplateSpec[];
}

const job = workerData as Job;
for (const f of job.files) {
  parentPort!.postMessage({ index: f.index, input: readUnitFile(f.path, f.shown, job.templates) });
}
