/**
 * Whole-part inflation with Node's built-in zlib (`process.getBuiltinModule`, invisible to bundlers;
 * undefined elsewhere, where fflate does it). The output never grows past the declared size + 1
 * byte (a size that lies costs nothing).
 *
 * `zlib.inflateRawSync` builds a zlib stream object per call (a Transform, its native handle and
 * zlib's 32 KB window) and closes it; for the two parts each unit file needs that is as much work
 * as inflating them. Instead one engine is kept: its native handle inflates straight into the
 * output (`writeSync` with Z_FINISH) and is reset after each part. Those handle methods are Node's
 * internals, so they are checked at start-up on a real inflation (a whole stream, a stream cut
 * short, a stream longer than said); any difference and every part goes through `inflateRawSync`.
 * A handle that reports an error is closed by Node: the engine is then dropped and made anew.
 * Measured on a 22 KB exceljs worksheet, node 20.20, the 2-core dev machine, 5000 inflations:
 * ≈13–15 µs each by `inflateRawSync`, ≈9–10 µs by the kept engine.
 */
import { nodeBuiltin } from "../node-builtin";

/**
 * The inflated bytes (at most `size`), or "too-large" when the stream holds more than `size` bytes;
 * throws on corrupt data. The bytes may be a view of a buffer the next call writes over.
 */
export type NodeInflater = (comp: Uint8Array, size: number) => Uint8Array | "too-large";

type InflateRawSync = (data: Uint8Array, options: { maxOutputLength: number; chunkSize?: number }) => Uint8Array;

interface ZlibModule {
  inflateRawSync?: InflateRawSync;
  deflateRawSync?: (data: Uint8Array) => Uint8Array;
  createInflateRaw?: () => Engine;
}

/** What is used of a zlib stream object (Node internals: checked before use). */
interface Engine {
  _handle: {
    writeSync(flush: number, input: Uint8Array, inOff: number, inLen: number, out: Uint8Array, outOff: number, outLen: number): void;
    reset(): void;
  } | null;
  _writeState: Uint32Array;
  on(event: "error", listener: () => void): unknown;
  close(): void;
}

const Z_FINISH = 4;
/** The reused output buffer's size: a unit's worksheet and shared strings are tens of KB. */
const SCRATCH_BYTES = 256 * 1024;

const zlibModule = () => nodeBuiltin<ZlibModule>("node:zlib");

/** Through `inflateRawSync`: one output buffer of the declared size + 1 (no growing, no concatenation). */
export function bySync(inflateRawSync: InflateRawSync): NodeInflater {
  return (comp, size) => {
    try {
      const out = inflateRawSync(comp, { maxOutputLength: size + 1, chunkSize: Math.max(64, size + 1) });
      return out.length > size ? "too-large" : out;
    } catch (err) {
      if ((err as { code?: unknown } | null)?.code === "ERR_BUFFER_TOO_LARGE") return "too-large";
      throw err;
    }
  };
}

export class CorruptStream extends Error {}

/**
 * Through one engine kept across calls (made again after an error), with what `bySync` does step for
 * step: room for max(64, size + 1) bytes; an error wins over a full buffer; a buffer filled to
 * exactly size + 1 bytes is followed by one more step of the same room, where an error still wins.
 */
export function byKeptEngine(create: () => Engine): NodeInflater {
  let engine: Engine | undefined;
  let scratch: Uint8Array | undefined;
  /** One step from comp[from…) into all of out: the bytes made, or -1 on an error (the engine then dropped). */
  const step = (e: Engine, comp: Uint8Array, from: number, out: Uint8Array): number => {
    e._handle!.writeSync(Z_FINISH, comp, from, comp.length - from, out, 0, out.length);
    if (e._handle === null) {
      engine = undefined; // closed by Node on the error: a new one next time
      return -1;
    }
    return out.length - e._writeState[0];
  };
  return (comp, size) => {
    if (engine === undefined) {
      engine = create();
      engine.on("error", () => {}); // Node also emits the error it reported (handled here)
    }
    const e = engine;
    const room = Math.max(64, size + 1);
    // Parts up to SCRATCH_BYTES are inflated into one buffer kept for the next (no new buffer to zero and collect).
    const out = room <= SCRATCH_BYTES ? (scratch ??= new Uint8Array(SCRATCH_BYTES)).subarray(0, room) : new Uint8Array(room);
    let made = step(e, comp, 0, out);
    if (made === room && room === size + 1) made = step(e, comp, comp.length - e._writeState[1], new Uint8Array(room)) < 0 ? -1 : room;
    if (made < 0) throw new CorruptStream("dữ liệu nén bị lỗi");
    e._handle!.reset();
    return made > size ? "too-large" : out.subarray(0, made);
  };
}

/** Whether `inflate` reads a whole stream, refuses one cut short and reports one longer than said, as zlib does. */
function behaves(inflate: NodeInflater, deflateRawSync: (data: Uint8Array) => Uint8Array): boolean {
  const text = new TextEncoder().encode('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'.repeat(50));
  const comp = deflateRawSync(text);
  const same = (got: Uint8Array | "too-large") => got !== "too-large" && got.length === text.length && got.every((b, i) => b === text[i]);
  let cutRefused = false;
  try {
    inflate(comp.subarray(0, comp.length - 4), text.length);
  } catch (e) {
    cutRefused = e instanceof CorruptStream;
  }
  return (
    same(inflate(comp, text.length)) && cutRefused && inflate(comp, text.length - 1) === "too-large" && same(inflate(comp, text.length + 7))
  );
}

function nodeInflater(): NodeInflater | undefined {
  const zlib = zlibModule();
  if (typeof zlib?.inflateRawSync !== "function") return undefined;
  const sync = bySync(zlib.inflateRawSync);
  try {
    const { createInflateRaw, deflateRawSync } = zlib;
    if (typeof createInflateRaw === "function" && typeof deflateRawSync === "function") {
      const probe = createInflateRaw();
      if (typeof probe._handle?.writeSync === "function" && probe._writeState instanceof Uint32Array) {
        probe.close();
        const kept = byKeptEngine(createInflateRaw);
        if (behaves(kept, deflateRawSync)) return kept;
      }
    }
  } catch {
    // internals not as expected: the public way
  }
  return sync;
}

/** Node's inflater (the kept engine when Node's internals allow it), undefined when not under Node. */
export const NODE_INFLATER: NodeInflater | undefined = nodeInflater();
