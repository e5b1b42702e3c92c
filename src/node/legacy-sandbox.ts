/**
 * SheetJS, under Node, runs in a worker thread with a memory ceiling and a
 * deadline. Fuzzing showed that a damaged .xls can send its BIFF parser into
 * an endless loop or an unbounded allocation; in a consolidation of hundreds
 * of files one such file must cost a few seconds and a clear line, not the
 * whole run. The caller stays synchronous: it waits on a shared flag
 * (Atomics.wait) and takes the reply with receiveMessageOnPort.
 *
 * The worker is started on the first legacy file, kept for the next ones
 * (unref'd: it never keeps the process alive) and replaced after a timeout.
 */
import type { ParsingOptions, WorkBook } from "@e965/xlsx";
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";
import { ReadError } from "../xlsx/read-grid";
import type { LegacyFormat } from "../xlsx/legacy/detect";
import { FORMAT_LABEL } from "../xlsx/legacy/to-grid";
import { LOAD_SHEETJS, sheetJsLocation } from "./sheetjs-location";

/** Deadline: a start-up allowance plus a generous rate (a 13 KB form takes ~20 ms). */
const BASE_MS = 8000;
const MS_PER_MB = 2000;
const MAX_HEAP_MB = 768;

const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
${LOAD_SHEETJS}
const lib = loadSheetJs(workerData.lib);
const { port, signal } = workerData;
console.error = console.warn = console.log = () => {};
port.on("message", (job) => {
  let reply;
  try {
    const data = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
    const wb = job.format === "ods" ? lib.read(data, job.opts) : lib.parse_xlscfb(data, Object.assign({}, job.opts, { type: "buffer" }));
    reply = { ok: true, wb: { SheetNames: wb.SheetNames, Sheets: wb.Sheets, Workbook: wb.Workbook } };
  } catch (e) {
    reply = { ok: false, message: String((e && e.message) || e) };
  }
  try {
    port.postMessage(reply);
  } catch (e) {
    port.postMessage({ ok: false, message: "unclonable result" });
  }
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
`;

interface Sandbox {
  worker: Worker;
  port: MessagePort;
  signal: Int32Array;
}

let sandbox: Sandbox | undefined;

function start(): Sandbox {
  const { port1, port2 } = new MessageChannel();
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { lib: sheetJsLocation(), port: port2, signal },
    transferList: [port2],
    resourceLimits: { maxOldGenerationSizeMb: MAX_HEAP_MB },
    stdout: true,
    stderr: true,
  });
  worker.unref();
  port1.unref();
  const s = { worker, port: port1, signal };
  worker.on("error", () => {
    if (sandbox === s) sandbox = undefined; // out of memory: the next file gets a new worker
  });
  return s;
}

class SheetJsFailure extends Error {}

/**
 * Runs SheetJS on `data` (an .ods package, or an .xls record stream) in the
 * worker. Throws ReadError when it takes too long or dies, SheetJsFailure
 * (SheetJS's own message, for asReadError) when SheetJS refuses the file.
 */
export function readInSandbox(data: Uint8Array, format: LegacyFormat, opts: ParsingOptions): WorkBook {
  const s = (sandbox ??= start());
  Atomics.store(s.signal, 0, 0);
  s.port.postMessage({ bytes: data, format, opts });
  const waited = Atomics.wait(s.signal, 0, 0, BASE_MS + (data.length / 1048576) * MS_PER_MB);
  const reply = receiveMessageOnPort(s.port)?.message as { ok: true; wb: WorkBook } | { ok: false; message: string } | undefined;
  if (waited === "timed-out" || !reply) {
    void s.worker.terminate();
    if (sandbox === s) sandbox = undefined;
    throw new ReadError(
      "corrupt",
      `${FORMAT_LABEL[format]} bất thường: đọc quá lâu hoặc cần quá nhiều bộ nhớ (có thể tệp bị hỏng); hãy mở bằng Excel và lưu lại dạng .xlsx`,
    );
  }
  if (!reply.ok) throw new SheetJsFailure(reply.message);
  return reply.wb;
}
