/** Worker thread (started through unit-worker.ts): reads and checks the chunks of unit files it is sent; `null` ends it. */
import { parentPort, workerData } from "node:worker_threads";
import type { TemplateSpec } from "../catalog/types";
import { readUnitFile } from "./read-unit";
import { UnitPacker } from "./unit-transfer";

interface Job {
  templates: TemplateSpec[];
}

type Chunk = { index: number; path: string; shown: string }[];

// One reply per chunk, packed (unit-transfer.ts): far cheaper than one structured clone per file, or JSON of all.
// The label and vote caches of src/core live as long as this thread: every file it reads shares them.
const job = workerData as Job;
const packer = new UnitPacker();
parentPort!.on("message", (chunk: Chunk | null) => {
  if (chunk === null) {
    parentPort!.close();
    return;
  }
  const { message, transfer } = packer.pack(
    chunk.map((f) => ({ index: f.index, input: readUnitFile(f.path, f.shown, job.templates, true) })),
  );
  parentPort!.postMessage(message, transfer);
});
