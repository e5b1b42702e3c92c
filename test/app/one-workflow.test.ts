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
import { MAX_FILE_BYTES, MAX_TEXT_BYTES, readUnitSource } from "../../src/app/unit-source";
import { fillCountsText, planFillOf } from "../../src/app/fill";
import { readRosterSource } from "../../src/app/roster";
import { validateGrid, validationReport } from "../../src/app/validate";
import { main } from "../../src/cli/main";
import { collectUnitFiles } from "../../src/node/read-units";
import { pickFileList } from "../../src/taskpane/dropped-files";
import { writeFilledWorkbook } from "../../src/xlsx/plan-writer";
import { readWorkbookGrid } from "../../src/xlsx/read-grid";
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

describe("one workflow for validate, fill and consolidate", () => {
  const xa = builtinTemplates().find((t) => t.id === "bnv581-xa")!;

  test("an unknown template is refused naming each known id once, even when a province file shares a built-in's id", () => {
    const own = { ...xa, name: "Mẫu riêng của tỉnh" };
    const file = write("mau-rieng.json", JSON.stringify(own));
    let message = "";
    try {
      candidateTemplates("khong-co", file);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^không có mẫu biểu "khong-co" \(có: /);
    expect(message.split(xa.id).length - 1).toBe(1);
  });

  test("a roster picked in the pane is refused before reading when it is larger than the command line allows", async () => {
    let read = false;
    const source = {
      name: "danh-sach.txt",
      size: MAX_TEXT_BYTES + 1,
      read: async () => {
        read = true;
        return new Uint8Array(0);
      },
    };
    await expect(readRosterSource(source)).rejects.toThrow(/danh sách đơn vị danh-sach\.txt: tệp quá lớn/);
    expect(read).toBe(false);
    const file = write("lon.txt", "");
    fs.truncateSync(file, MAX_TEXT_BYTES + 1);
    expect(() => readRoster(file)).toThrow(/tệp quá lớn/);
  });

  test("the pane's fill and the command line's fill plan the same writes and say the counts in the same words", async () => {
    const bytes = writeFilledWorkbook(
      xa,
      { unit: "UBND xã A", period: "Quý I năm 2025" },
      { "1/2.1": 10, "1/2.2": 5 },
      { computed: "blank" },
    );
    const plan = planFillOf(readWorkbookGrid(bytes), [xa]);
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.writes.length).toBeGreaterThan(0);
    const input = write("xa-fill.xlsx", bytes);
    let out = "";
    const code = await main(["fill", input, "-o", path.join(dir, "xa-fill-out.xlsx")], { out: (s) => (out += s), err: () => {} });
    expect(code).toBe(0);
    expect(out).toContain(`: ${fillCountsText(plan.counts)}.`);
  });

  test("a workbook without a form is refused with the same reason by validate and by fill", () => {
    const grid = readWorkbookGrid(writeFilledWorkbook(xa, {}, {}));
    grid.sheets.forEach((s) => (s.rows = []));
    const v = validateGrid(grid, [xa]);
    const f = planFillOf(grid, [xa]);
    expect(v.noForm).toBeDefined();
    expect(f.ok).toBe(false);
    if (!f.ok) expect(f.reason).toBe(v.noForm);
    expect(validationReport("x.xlsx", { ok: true, grid }, [xa]).error).toContain(v.noForm);
  });

  test("a truncated targets file is refused in Vietnamese on the command line as in the pane, without the parser's English", async () => {
    const targets = write("chi-tieu.json", '{"id": "x", ');
    const unit = write("xa-targets.xlsx", writeFilledWorkbook(xa, { unit: "UBND xã A" }, {}));
    let err = "";
    const code = await main(["validate", unit, "--targets", targets], { out: () => {}, err: (s) => (err += s) });
    expect(code).toBe(2);
    expect(err).toMatch(/tệp chi-tieu\.json .*không phải tệp JSON/);
    expect(err).not.toMatch(/Unexpected|Expected|JSON input|position/);
  });

  test("a folder gives the same unit files on the command line and picked in the pane (none from a hidden folder)", () => {
    const root = path.join(dir, "thu-muc");
    const files = ["xa-1.xlsx", "~$xa-1.xlsx", ".cache/xa-2.xlsx", "~$tam/xa-4.xlsx", "huyen/xa-3.ods", "ghi-chu.txt", "huyen/.an.xlsx"];
    for (const f of files) {
      fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
      fs.writeFileSync(path.join(root, f), "x");
    }
    const onDisk = collectUnitFiles([root]).files.map((f) => f.shown.split(path.sep).join("/"));
    const picked = pickFileList(files.map((f) => Object.assign(new File(["x"], path.basename(f)), { webkitRelativePath: `thu-muc/${f}` })));
    expect(onDisk.sort()).toEqual(["huyen/xa-3.ods", "xa-1.xlsx"]);
    expect(picked.sources.map((s) => s.name.replace(/^thu-muc\//, "")).sort()).toEqual(onDisk);
  });
});
