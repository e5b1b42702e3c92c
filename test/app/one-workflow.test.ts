/**
 * The workflow layer (src/app) as the command line now meets it: the roster
 * policy the pane had (CSV first field, UTF-8 check) and the template
 * de-duplication, read from real files on disk.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { builtinTemplates } from "../../src/catalog";
import { readRoster } from "../../src/cli/consolidate-command";
import { candidateTemplates } from "../../src/cli/resolve-template";
import { MAX_FILE_BYTES } from "../../src/app/unit-source";
import { readUnitSource } from "../../src/app/unit-source";
import { readUnitFile } from "../../src/node/read-unit";

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "app-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, data: string | Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, data);
  return file;
}

describe("roster on the command line (--units)", () => {
  test("a .csv roster gives the first field of each line, not the whole line", () => {
    const file = write("ds.csv", 'STT,Tên\n"UBND xã A",1\nUBND xã B;2\n');
    expect(readRoster(file)).toEqual(["UBND xã A", "UBND xã B"]);
  });

  test("a roster saved in a legacy code page is refused with the reason, not read as mojibake names", () => {
    const file = write("ds.txt", new Uint8Array([0x58, 0xe3, 0x20, 0x41, 0x0a]));
    expect(() => readRoster(file)).toThrow(/ds\.txt: không phải văn bản UTF-8/);
  });

  test("a PDF given as the roster is named as a PDF", () => {
    const file = write("ds.txt", "%PDF-1.4\n...");
    expect(() => readRoster(file)).toThrow("ds.txt là tệp PDF, không phải danh sách đơn vị");
  });
});

test("a province catalog with a built-in's id is one candidate, not two", () => {
  const own = { ...builtinTemplates()[0], name: "Mẫu riêng của tỉnh" };
  const file = write("mau.json", JSON.stringify(own));
  const candidates = candidateTemplates(undefined, file);
  expect(candidates.filter((t) => t.id === own.id)).toHaveLength(1);
  expect(candidates.find((t) => t.id === own.id)?.name).toBe("Mẫu riêng của tỉnh");
});

test("one size limit and one reason for a too-large unit file, on disk and in the browser", async () => {
  const big = MAX_FILE_BYTES + 1;
  const file = path.join(dir, "lon.xlsx");
  fs.writeFileSync(file, "");
  fs.truncateSync(file, big);
  const fromDisk = readUnitFile(file, "lon.xlsx", builtinTemplates());
  const fromBrowser = await readUnitSource({ name: "lon.xlsx", size: big, read: async () => new Uint8Array(0) }, builtinTemplates());
  expect(fromDisk.error).toMatch(/tệp quá lớn/);
  expect(fromBrowser.error).toBe(fromDisk.error);
});
