/**
 * The command line against a hostile file system and terminal (issue 9):
 * outputs that are inputs in disguise (links), interrupted writes, FIFOs and
 * devices, locked folders, control characters from files, closed pipes.
 * Process-level behaviour is checked on the real binary (npm run build first).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../../src/cli/main";
import { findTemplate } from "../../src/catalog";
import { writeFilledWorkbook } from "../../src/xlsx/plan-writer";
import { officerWorkbookBytes } from "../helpers/officer-workbooks";

const BIN = path.resolve(__dirname, "../../bin/bieumau.js");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "bieumau-io-"));
fs.chmodSync(work, 0o755);
const xa = findTemplate("bnv581-xa")!;
const sha = (f: string) => createHash("sha256").update(fs.readFileSync(f)).digest("hex");

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

function unitBytes(unit: string, values: Record<string, number | string> = { "1/1": 3, "1/2.1": 10, "1/2.2": 5, "1/2": 50 }): Uint8Array {
  return writeFilledWorkbook(xa, { unit, period: "Quý I năm 2025" }, values);
}

/** Replaces text in every XML part of a workbook (to put raw XML escapes where a writer would not). */
function tamper(bytes: Uint8Array, from: string, to: string): Uint8Array {
  const files = unzipSync(bytes);
  let hits = 0;
  for (const name of Object.keys(files).filter((n) => n.endsWith(".xml"))) {
    const xml = strFromU8(files[name]);
    if (xml.includes(from)) {
      hits++;
      files[name] = strToU8(xml.split(from).join(to));
    }
  }
  if (hits === 0) throw new Error(`tamper: ${from} not found`);
  return zipSync(files);
}

function folder(name: string): string {
  const dir = path.join(work, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(dir, 0o777);
  return dir;
}

/** Collects a child's output; resolves with its exit code or signal. */
function collect(
  child: ChildProcess,
  timeoutMs: number,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }> {
  let out = "";
  let err = "";
  child.stdout?.on("data", (d) => (out += d));
  child.stderr?.on("data", (d) => (err += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`timed out after ${timeoutMs} ms; stderr: ${err}`));
    }, timeoutMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, out, err });
    });
  });
}

describe("the output is never an input (item 5)", () => {
  const dir = folder("links");
  const source = path.join(dir, "xa-01.xlsx");
  beforeAll(() => fs.writeFileSync(source, unitBytes("UBND xã Một")));

  test("fill through a symbolic link to the source: refused, the source untouched", async () => {
    const before = sha(source);
    fs.symlinkSync("xa-01.xlsx", path.join(dir, "o.xlsx"));
    const r = await run("fill", source, "-o", path.join(dir, "o.xlsx"), "--force");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^bieumau: tệp kết quả .*o\.xlsx chính là tệp nguồn .*xa-01\.xlsx/);
    expect(sha(source)).toBe(before);
  });

  test("fill onto a hard link of the source, and onto the source spelt another way: refused", async () => {
    const before = sha(source);
    fs.linkSync(source, path.join(dir, "hard.xlsx"));
    for (const output of [path.join(dir, "hard.xlsx"), path.join(dir, "..", "links", ".", "xa-01.xlsx")]) {
      const r = await run("fill", source, "-o", output, "--force");
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/chính là tệp nguồn/);
    }
    expect(sha(source)).toBe(before);
  });

  test("consolidate into a unit file through a link to the folder: refused, the unit file untouched", async () => {
    const units = folder("links-units");
    fs.writeFileSync(path.join(units, "xa-01.xlsx"), unitBytes("UBND xã Một"));
    fs.writeFileSync(path.join(units, "xa-02.xlsx"), unitBytes("UBND xã Hai"));
    fs.symlinkSync(units, path.join(work, "link-to-units"));
    const before = sha(path.join(units, "xa-02.xlsx"));
    const r = await run("consolidate", units, "-o", path.join(work, "link-to-units", "xa-02.xlsx"), "--force");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/chính là tệp nguồn/);
    expect(sha(path.join(units, "xa-02.xlsx"))).toBe(before);
  });

  test("consolidate's own earlier output inside the folder is replaced with --force, never read as a unit", async () => {
    const units = folder("rerun");
    fs.writeFileSync(path.join(units, "xa-01.xlsx"), unitBytes("UBND xã Một"));
    fs.writeFileSync(path.join(units, "xa-02.xlsx"), unitBytes("UBND xã Hai"));
    const output = path.join(units, "tong-hop.xlsx");
    expect((await run("consolidate", units, "-o", output)).code).toBe(0);
    const again = await run("consolidate", units, "-o", output, "--force", "--json");
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out).units).toHaveLength(2);
  });
});

describe("outputs are written whole or not at all (item 6)", () => {
  test("Ctrl+C during the write: the temporary file is removed, said so, and the earlier output is intact", async () => {
    const dir = folder("atomic");
    const source = path.join(dir, "xa.xlsx");
    fs.writeFileSync(source, unitBytes("UBND xã Một"));
    const output = path.join(dir, "ket-qua.xlsx");
    expect((await run("fill", source, "-o", output)).code).toBe(0);
    const good = sha(output);
    const child = spawn(process.execPath, [BIN, "fill", source, "-o", output, "--force"], {
      env: { ...process.env, BIEUMAU_TEST_WRITE_PAUSE_MS: "20000" },
    });
    child.stderr!.on("data", (d: Buffer) => {
      if (d.toString().includes("đang giữ tệp tạm")) child.kill("SIGINT");
    });
    const r = await collect(child, 30_000);
    expect(r.code).toBe(130);
    expect(r.err).toMatch(/đã dừng \(Ctrl\+C\) khi đang ghi: đã xóa tệp tạm .*ket-qua\.xlsx giữ nguyên như trước/);
    expect(sha(output)).toBe(good);
    expect(fs.readdirSync(dir).sort()).toEqual(["ket-qua.xlsx", "xa.xlsx"]);
  });

  test("an output path that is a folder is explained in Vietnamese (item 14)", async () => {
    const dir = folder("is-dir");
    const source = path.join(dir, "xa.xlsx");
    fs.writeFileSync(source, unitBytes("UBND xã Một"));
    fs.mkdirSync(path.join(dir, "ra.xlsx"));
    const r = await run("fill", source, "-o", path.join(dir, "ra.xlsx"), "--force");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/ra\.xlsx là một thư mục, không phải tệp/);
    expect(r.err).not.toMatch(/EISDIR|illegal/);
  });
});

describe("only regular files are read, every read bounded (items 9, 10)", () => {
  test("a FIFO among the unit files and /dev/zero: skipped with a reason, no hang", async () => {
    const dir = folder("fifo");
    fs.writeFileSync(path.join(dir, "xa-01.xlsx"), unitBytes("UBND xã Một"));
    expect(spawnSync("mkfifo", [path.join(dir, "p.xlsx")]).status).toBe(0);
    const cons = await collect(spawn(process.execPath, [BIN, "consolidate", dir, "-o", path.join(work, "fifo-out.xlsx")]), 30_000);
    expect(cons.code).toBe(0);
    expect(cons.err).toMatch(/bieumau: bỏ qua p\.xlsx: là đường ống \(FIFO\)/);
    const val = await collect(
      spawn(process.execPath, [
        "--max-old-space-size=128",
        BIN,
        "validate",
        path.join(dir, "p.xlsx"),
        "/dev/zero",
        path.join(dir, "xa-01.xlsx"),
      ]),
      30_000,
    );
    expect(val.code).toBe(2);
    expect(val.err.trim().split("\n")).toEqual([
      expect.stringMatching(/^bieumau: p\.xlsx: là đường ống \(FIFO\)/),
      expect.stringMatching(/^bieumau: zero: là thiết bị/),
    ]);
    expect(val.out).toMatch(/== xa-01\.xlsx/);
  });

  test("a roster, template or target file that is a device or a FIFO: refused at once", async () => {
    const dir = folder("fifo-args");
    fs.writeFileSync(path.join(dir, "xa-01.xlsx"), unitBytes("UBND xã Một"));
    const fifo = path.join(dir, "danh-sach.txt");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    for (const argv of [
      ["consolidate", dir, "-o", path.join(work, "fifo-args.xlsx"), "--units", "/dev/zero"],
      ["consolidate", dir, "-o", path.join(work, "fifo-args.xlsx"), "--units", fifo],
      ["validate", path.join(dir, "xa-01.xlsx"), "--catalog", "/dev/zero"],
      ["validate", path.join(dir, "xa-01.xlsx"), "--targets", fifo],
    ]) {
      const r = await collect(spawn(process.execPath, ["--max-old-space-size=128", BIN, ...argv]), 20_000);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^bieumau: không đọc được .*(là thiết bị|là đường ống \(FIFO\))/);
    }
  });

  test("a subfolder that cannot be opened is skipped with its reason; the others are consolidated", async () => {
    const dir = folder("locked");
    fs.writeFileSync(path.join(dir, "xa-01.xlsx"), unitBytes("UBND xã Một"));
    fs.chmodSync(path.join(dir, "xa-01.xlsx"), 0o644);
    const locked = folder(path.join("locked", "khoa"));
    fs.writeFileSync(path.join(locked, "xa-02.xlsx"), unitBytes("UBND xã Hai"));
    fs.chmodSync(locked, 0o000);
    const output = path.join(folder("locked-out"), "tong-hop.xlsx");
    // root reads any folder: run as "nobody" then, as an officer would be
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    try {
      const r = await collect(spawn(process.execPath, [BIN, "consolidate", dir, "-o", output, "--json"], { ...asUser, cwd: work }), 30_000);
      expect(r.code).toBe(0);
      const doc = JSON.parse(r.out);
      expect(doc.units.map((u: { file: string }) => u.file)).toEqual(["xa-01.xlsx"]);
      expect(doc.skipped).toEqual([{ file: "khoa/", code: "unreadable", reason: expect.stringMatching(/thư mục không có quyền đọc/) }]);
    } finally {
      fs.chmodSync(locked, 0o755);
    }
  });
});

describe("terminal safety (item 12)", () => {
  const dir = folder("terminal");
  const evilName = path.join(dir, "xa-02.xlsx");
  beforeAll(() => {
    let bytes = unitBytes("UBND xã NAMEMARK", { "1/1": "VALUEMARK", "1/2.1": 10 });
    bytes = tamper(bytes, "NAMEMARK", "_x001B_[31mĐỏ_x0000_&#10;bieumau: xa-99.xlsx: giả mạo");
    bytes = tamper(bytes, "VALUEMARK", "mười_x001B_]0;tiêu đề_x0007_&#13;&#10;bieumau: xa-98.xlsx: không đọc được tệp");
    fs.writeFileSync(evilName, bytes);
  });

  test("validate's text: no control character reaches the terminal, no forged line", async () => {
    const r = await run("validate", evilName, path.join(dir, "missing\nbieumau: xa-97.xlsx: giả.xlsx"));
    expect(r.out + r.err).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    for (const line of (r.out + r.err).split("\n")) expect(line).not.toMatch(/^bieumau: xa-9[789]/);
    expect(r.out).toMatch(/\\u001B\[31mĐỏ\\u0000/); // shown, escaped (the header keeps the unit's first line only)
    expect(r.err.trim().split("\n")).toEqual([
      expect.stringMatching(/^bieumau: missing\\nbieumau: xa-97\.xlsx: giả\.xlsx: không tìm thấy tệp$/),
    ]);
  });

  test("--json keeps the text exactly (JSON escapes) and stays valid", async () => {
    const r = await run("validate", "--json", evilName);
    expect(r.out).not.toMatch(/\u001b/);
    const doc = JSON.parse(r.out);
    expect(doc.files[0].unit).toContain("\u001b[31mĐỏ");
  });

  test("consolidate's messages about the file are one line each", async () => {
    const roster = path.join(work, "terminal-roster.txt");
    fs.writeFileSync(roster, "UBND xã Hai\nUBND xã \u001b[2JBa\u0085bieumau: xa-96.xlsx: giả\n");
    const r = await run("consolidate", dir, "-o", path.join(work, "terminal-out.xlsx"), "--units", roster);
    expect(r.out).toMatch(/thiếu 2 \(UBND xã Hai, UBND xã \\u001B\[2JBa\\u0085bieumau/);
    expect(r.code).toBe(0);
    expect(r.out + r.err).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    for (const line of (r.out + r.err).split("\n")) expect(line).not.toMatch(/^bieumau: xa-9[789]/);
  });
});

describe("a reader that closes the pipe early (item 13)", () => {
  test.each([
    ["validate", "--json"],
    ["consolidate", "--json", "-o"],
  ])("%s: exits quietly, no EPIPE trace", async (...argv) => {
    const dir = folder("pipe");
    for (let i = 1; i <= 6; i++) {
      const f = path.join(dir, `xa-${i}.xlsx`);
      if (!fs.existsSync(f)) fs.writeFileSync(f, unitBytes(`UBND xã Số ${i}`));
    }
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".xlsx"))
      .map((f) => path.join(dir, f));
    const args = argv[0] === "validate" ? [...argv, ...files] : [...argv, path.join(work, "pipe-out.xlsx"), "--force", dir];
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    child.stdout!.destroy(); // like `| head -c 100` that has already gone
    const r = await collect(child, 30_000);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
  });
});

describe("consolidate names what it skipped (item 15)", () => {
  test("each skipped file and its reason on stderr", async () => {
    const dir = folder("skipped");
    fs.writeFileSync(path.join(dir, "xa-01.xlsx"), unitBytes("UBND xã Một"));
    fs.writeFileSync(path.join(dir, "xa-02.xlsx"), unitBytes("UBND xã Hai"));
    fs.writeFileSync(path.join(dir, "hong.xlsx"), "không phải Excel");
    fs.writeFileSync(path.join(dir, "tinh.xlsx"), await officerWorkbookBytes("bnv581-tinh", { forms: [1] }));
    const r = await run("consolidate", dir, "-o", path.join(work, "skipped-out.xlsx"));
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^bieumau: bỏ qua hong\.xlsx: .*không phải tệp Excel/m);
    expect(r.err).toMatch(/^bieumau: bỏ qua tinh\.xlsx: .+/m);
    expect(r.out).toMatch(/Bỏ qua: 2 tệp/);
  });
});
