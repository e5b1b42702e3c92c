/** readFileBounded when a file is larger than its status says (it grew after the fstat): read whole, the buffer grown. */
import * as os from "node:os";
import * as path from "node:path";

/** The size fstat states, when set. */
let stated: number | undefined;
jest.mock("node:fs", () => {
  const real = jest.requireActual<typeof import("node:fs")>("node:fs");
  return { ...real, fstatSync: (fd: number) => Object.assign(real.fstatSync(fd), stated === undefined ? {} : { size: stated }) };
});
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fs = require("node:fs") as typeof import("node:fs");
import { readFileBounded } from "../../src/node/read-file";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bieumau-read-file-grown-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test.each([0, 1, 1000, 65536, 199_999])("a file of 200,000 bytes stating %i is read whole", (size) => {
  const file = path.join(dir, "grown.bin");
  const data = new Uint8Array(200_000).map((_v, i) => (i * 7919) >>> 3);
  fs.writeFileSync(file, data);
  stated = size;
  try {
    const r = readFileBounded(file);
    expect(r.ok).toBe(true);
    if (r.ok) expect(Buffer.from(r.bytes).equals(Buffer.from(data))).toBe(true);
    expect(readFileBounded(file, 150_000)).toMatchObject({ ok: false });
  } finally {
    stated = undefined;
  }
});
