/** The task pane's logic without the UI: insert plans, findings, fill writes, rosters, reading units, consolidation. */
import { createHash } from "node:crypto";
import { builtinTemplates, findTemplate } from "../../src/catalog";
import { checkWorkbook } from "../../src/core/check-workbook";
import type { Finding } from "../../src/core/findings";
import { planFill } from "../../src/core/fill";
import { cellAt } from "../../src/core/grid";
import { XlsxWriter } from "../../src/xlsx/fast-writer";
import { writeFilledWorkbook } from "../../src/xlsx/plan-writer";
import { readWorkbookGrid } from "../../src/xlsx/read-grid";
import {
  allTemplates,
  consolidationBytes,
  describeInsert,
  fileProgress,
  fillCounts,
  fillMessage,
  fillWrites,
  findingsTable,
  groupFindings,
  highlightTargets,
  intoChoices,
  isUnitFileName,
  loadTemplateText,
  mergeSources,
  parseRoster,
  planInsert,
  readUnitSources,
  runConsolidation,
  sha256Hex,
  type UnitSource,
} from "../../src/taskpane/actions";
import { slug, templateFileName, withSuffix } from "../../src/browser/file-names";
import { tableWorkbookBytes } from "../../src/browser/table-workbook";
import { templateWorkbookBytes } from "../../src/browser/template-file";

const xa = findTemplate("bnv581-xa")!;
const tinh = findTemplate("bnv581-tinh")!;

function commune(unit: string, values: Record<string, number | string | null>): Uint8Array {
  return writeFilledWorkbook(xa, { unit, period: "Quý I năm 2025" }, values);
}

function source(name: string, bytes: Uint8Array, lastModified = Date.UTC(2025, 2, 10)): UnitSource {
  return { name, size: bytes.length, lastModified, read: async () => bytes };
}

describe("templates", () => {
  test("a province's own template file: accepted, replaces the built-in of the same id", () => {
    const own = { ...xa, name: "Biểu mẫu của tỉnh X" };
    const r = loadTemplateText("\uFEFF" + JSON.stringify(own), "tinh-x.json");
    expect(r).toMatchObject({ ok: true, replaces: "bnv581-xa" });
    const list = allTemplates([(r as { template: typeof xa }).template]);
    expect(list.filter((t) => t.id === "bnv581-xa")).toHaveLength(1);
    expect(list[0].name).toBe("Biểu mẫu của tỉnh X");
  });

  test("an invalid template: its problems in Vietnamese, naming the form and row", () => {
    const broken = JSON.parse(JSON.stringify(xa));
    broken.id = "tinh-rieng";
    broken.forms[0].rows[1].ratio.numerator = "9.9";
    const r = loadTemplateText(JSON.stringify(broken), "tinh-rieng.json");
    expect(r.ok).toBe(false);
    const problems = (r as { problems: string[] }).problems;
    expect(problems.join("\n")).toMatch(/Biểu mẫu 1/);
    expect(problems.join("\n")).toMatch(/9\.9/);
    expect(loadTemplateText("{ không phải json", "x.json")).toMatchObject({ ok: false });
    expect((loadTemplateText("{", "x.json") as { problems: string[] }).problems[0]).toMatch(/không phải JSON/);
  });

  test("into choices are the templates other templates map into", () => {
    expect(intoChoices(builtinTemplates()).map((t) => t.id)).toEqual(["bnv581-tinh"]);
  });
});

describe("insert", () => {
  test("sheet names never collide with existing sheets; the renames are explained", () => {
    const plan = planInsert(xa, [1, 2, 3], { unit: "  UBND xã A ", period: "" }, ["Biểu mẫu 1", "biểu mẫu 1 (2)", "Sheet1"]);
    expect(plan.sheets.map((s) => s.name)).toEqual(["Biểu mẫu 1 (3)", "Biểu mẫu 2", "Biểu mẫu 3"]);
    expect(plan.plans.map((p) => p.sheetName)).toEqual(["Biểu mẫu 1 (3)", "Biểu mẫu 2", "Biểu mẫu 3"]);
    expect(plan.plans[0].cells.some((c) => c.value === "Đơn vị báo cáo: UBND xã A" || String(c.value ?? "").includes("UBND xã A"))).toBe(
      true,
    );
    const text = describeInsert(plan.sheets);
    expect(text).toMatch(/^Đã chèn 3 trang/);
    expect(text).toMatch(/"Biểu mẫu 1" đã có nên trang mới được đặt tên "Biểu mẫu 1 \(3\)"/);
    expect(describeInsert(planInsert(xa, [7], {}, []).sheets)).toBe('Đã chèn 1 trang: "Biểu mẫu 7".');
  });

  test("file name of a downloaded template", () => {
    expect(templateFileName(xa, "UBND xã Lê Hồng")).toBe("bnv581-xa-ubnd-xa-le-hong.xlsx");
    expect(templateFileName(tinh)).toBe("bnv581-tinh.xlsx");
  });

  test("the browser's template workbook (exceljs, lazy) has the chosen forms with markers", async () => {
    const bytes = await templateWorkbookBytes(xa, { forms: [2, 5], unit: "UBND xã A" });
    const grid = readWorkbookGrid(bytes);
    expect(grid.sheets.map((s) => s.name)).toEqual(["Biểu mẫu 2", "Biểu mẫu 5"]);
    const checked = checkWorkbook(grid, builtinTemplates());
    expect(checked.located.template?.id).toBe("bnv581-xa");
    expect(checked.located.unit).toBe("UBND xã A");
  });
});

describe("validate", () => {
  const bytes = commune("UBND xã A", { "1/2.1": 10, "1/2.2": 12, "1/2": 50, "3/1.4.1": 1 });
  const checked = checkWorkbook(readWorkbookGrid(bytes), [xa]);

  test("findings grouped by form with counts; workbook-level findings first", () => {
    const groups = groupFindings(checked);
    expect(groups.map((g) => g.form)).toEqual([...groups.map((g) => g.form)].sort((a, b) => a - b));
    const b1 = groups.find((g) => g.form === 1)!;
    expect(b1.title).toBe("Biểu mẫu 1 — Công tác chỉ đạo điều hành CCHC");
    expect(b1.counts.error).toBeGreaterThan(0);
    const total = groups.reduce((a, g) => a + g.findings.length, 0);
    expect(total).toBe(checked.findings.length);
  });

  test("one highlight per cell, the worst severity", () => {
    const f = (cell: string, severity: Finding["severity"]) => ({ cell, severity }) as Finding;
    expect(
      highlightTargets([f("'B'!D8", "info"), f("'B'!D8", "error"), f("", "error"), f("'B'!D9", "warning"), f("'B'!D8", "warning")]),
    ).toEqual([
      { ref: "'B'!D8", severity: "error" },
      { ref: "'B'!D9", severity: "warning" },
    ]);
  });

  test("findings table: Vietnamese header, one row per finding, readable as .xlsx", () => {
    const { header, rows } = findingsTable(checked.findings);
    expect(header[0]).toBe("Mức độ");
    expect(rows).toHaveLength(checked.findings.length);
    expect(rows.some((r) => r[0] === "Lỗi")).toBe(true);
    const grid = readWorkbookGrid(tableWorkbookBytes("Kết quả kiểm tra", header, rows));
    expect(grid.sheets[0].name).toBe("Kết quả kiểm tra");
    expect(cellAt(grid.sheets[0], 1, 9)?.value).toBe("Nội dung");
    expect(grid.sheets[0].maxRow).toBe(rows.length + 1);
  });
});

describe("fill", () => {
  test("kept values are not written; messages speak of the pane's option", () => {
    const bytes = commune("UBND xã A", { "1/2.1": 20, "1/2.2": 17, "1/3.3.1": 4, "1/3.3.2": 2, "1/3.3": 90 });
    const checked = checkWorkbook(readWorkbookGrid(bytes), [xa]);
    const actions = planFill(checked.forms);
    const kept = actions.find((a) => a.action === "kept")!;
    expect(kept.code).toBe("3.3");
    expect(fillMessage(kept)).toContain("Ghi đè số đã nhập");
    expect(fillMessage(kept)).not.toContain("--overwrite");
    const writes = fillWrites(actions);
    expect(writes.some((w) => w.address === kept.address && w.sheet === kept.sheet)).toBe(false);
    expect(writes.length).toBe(actions.length - fillCounts(actions).kept);
    const over = planFill(checked.forms, { overwrite: true });
    expect(fillCounts(over).overwritten).toBe(1);
    expect(fillWrites(over).find((w) => w.address === kept.address)?.value).toBe(50);
  });

  test("download names", () => {
    expect(withSuffix("xa-A.xlsx", "-da-tinh")).toBe("xa-A-da-tinh.xlsx");
    expect(withSuffix("Báo cáo.XLSX", "-da-tinh")).toBe("Báo cáo-da-tinh.xlsx");
    expect(slug("Kết quả kiểm tra")).toBe("ket-qua-kiem-tra");
    expect(slug("Đơn vị: Xã Đông")).toBe("don-vi-xa-dong");
  });
});

describe("rosters", () => {
  test("text: one unit a line, BOM, comments, blank lines and a header skipped", () => {
    const text = "\uFEFFTên đơn vị\r\nUBND xã A\n\n# ghi chú\n  Xã B  \n";
    expect(parseRoster("ds.txt", new TextEncoder().encode(text))).toEqual(["UBND xã A", "Xã B"]);
  });

  test("csv: the first column", () => {
    expect(parseRoster("ds.csv", new TextEncoder().encode('STT,Tên\n"Xã A",1\nXã B;2\n'))).toEqual(["Xã A", "Xã B"]);
  });

  test("xlsx: first column of the first sheet, header skipped", () => {
    const w = new XlsxWriter();
    const s = w.addSheet("DS");
    s.row(1, [{ col: 1, value: "Danh sách xã" }]);
    s.row(2, [{ col: 1, value: "Xã A" }]);
    s.row(3, [undefined, { col: 2, value: "Xã B" }]);
    expect(parseRoster("ds.xlsx", w.finish())).toEqual(["Xã A", "Xã B"]);
  });

  test("empty, not UTF-8, or not a workbook: a Vietnamese error naming the file", () => {
    expect(() => parseRoster("ds.txt", new TextEncoder().encode("\n# chỉ có ghi chú\n"))).toThrow("danh sách đơn vị ds.txt trống");
    expect(() => parseRoster("ds.txt", new Uint8Array([0x58, 0xe3, 0x20, 0x41]))).toThrow(/UTF-8/);
    expect(() => parseRoster("ds.xlsx", new TextEncoder().encode("abc"))).toThrow(/^danh sách đơn vị ds.xlsx: /);
  });
});

describe("reading unit files and consolidating", () => {
  const a = commune("UBND xã A", { "1/1": 3, "1/2.1": 10, "1/2.2": 8 });
  const b = commune("UBND xã B", { "1/1": 2, "1/2.1": 10, "1/2.2": 12 }); // done > planned: an error
  const aAgain = commune("UBND xã A", { "1/1": 4, "1/2.1": 10, "1/2.2": 9 });
  const notExcel = new TextEncoder().encode("đây không phải tệp Excel");

  test("SHA-256 through Web Crypto equals Node's", async () => {
    expect(await sha256Hex(a)).toBe(createHash("sha256").update(a).digest("hex"));
  });

  test("each file reported as it is read, yielding between files; bad files keep their reason", async () => {
    const seen: string[] = [];
    let pauses = 0;
    const inputs = await readUnitSources(
      [
        source("xa-a.xlsx", a),
        source("xa-b.xlsx", b),
        source("hong.xlsx", notExcel),
        source("ghi-chu.xlsx", commune("UBND xã C", {}).subarray(0, 0)),
      ],
      builtinTemplates(),
      {
        onFile: (done, total, p) => seen.push(`${done}/${total} ${p.file} ${p.state}`),
        pause: async () => {
          pauses++;
        },
      },
    );
    expect(seen).toEqual(["1/4 xa-a.xlsx ok", "2/4 xa-b.xlsx errors", "3/4 hong.xlsx unreadable", "4/4 ghi-chu.xlsx unreadable"]);
    expect(pauses).toBe(4);
    expect(inputs[0]).toMatchObject({ file: "xa-a.xlsx", size: a.length, modified: "2025-03-10T00:00:00.000Z" });
    expect(inputs[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(fileProgress(inputs[1]).label).toMatch(/^có lỗi \(\d+ lỗi\)$/);
    expect(fileProgress(inputs[2]).reason).toBeTruthy();
    expect(inputs[3].error).toMatch(/rỗng|trống|empty/i);
  });

  test("a file that cannot be read at all, and one too large, are reported, not thrown", async () => {
    const inputs = await readUnitSources(
      [
        { name: "mat.xlsx", size: 10, read: () => Promise.reject(new Error("NotReadableError")) },
        { name: "to.xlsx", size: 200 * 1024 * 1024, read: async () => new Uint8Array() },
      ],
      builtinTemplates(),
      { pause: async () => undefined },
    );
    expect(inputs.map((i) => i.error)).toEqual(["không đọc được tệp", "tệp quá lớn (200 MB) cho một báo cáo biểu mẫu"]);
  });

  test("stopping early returns the files read so far", async () => {
    const signal = { aborted: false };
    const inputs = await readUnitSources([source("1.xlsx", a), source("2.xlsx", b)], builtinTemplates(), {
      signal,
      onFile: () => (signal.aborted = true),
      pause: async () => undefined,
    });
    expect(inputs).toHaveLength(1);
  });

  test("consolidation: duplicates, missing units against the roster, skipped files, errors flagged or excluded", async () => {
    const inputs = await readUnitSources(
      [source("xa-a.xlsx", a, 1000), source("xa-b.xlsx", b), source("xa-a-gui-lai.xlsx", aAgain, 2000), source("hong.xlsx", notExcel)],
      builtinTemplates(),
      { pause: async () => undefined },
    );
    const roster = ["UBND xã A", "Xã B", "Xã C"];
    const r = runConsolidation(inputs, builtinTemplates(), { roster });
    if (!r.ok) throw new Error(r.message);
    const c = r.result;
    expect(c.template.id).toBe("bnv581-xa");
    expect(c.included.map((u) => u.unit)).toEqual(["UBND xã B", "UBND xã A"]);
    expect(c.duplicates).toHaveLength(1);
    expect(c.duplicates[0].kept).toBe("xa-a-gui-lai.xlsx");
    expect(c.missing).toEqual(["Xã C"]);
    expect(c.skipped.map((s) => s.file)).toEqual(["hong.xlsx"]);
    const b1 = c.forms.find((f) => f.form.number === 1)!.rows.find((row) => row.code === "1")!;
    expect(b1.value).toBe(6); // 2 (B) + 4 (A, the later file)

    const excluded = runConsolidation(inputs, builtinTemplates(), { excludeErrors: true });
    expect(excluded.ok && excluded.result.included.map((u) => u.unit)).toEqual(["UBND xã A"]);

    const out = consolidationBytes(c, builtinTemplates(), "bnv581-tinh");
    expect(out.note).toBeUndefined();
    const names = readWorkbookGrid(out.bytes).sheets.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(["Biểu mẫu 1", "Chi tiết 1", "Kiểm tra", "Nguồn"]));
    expect(names.some((n) => n.startsWith("Tỉnh - Biểu mẫu"))).toBe(true);
    expect(consolidationBytes(c, builtinTemplates(), "bnv581-xa").note).toMatch(/đã là mẫu bnv581-xa/);
  });

  test("nothing to consolidate: a reason, not an exception", async () => {
    expect(runConsolidation([], builtinTemplates())).toMatchObject({ ok: false, message: "Chưa chọn tệp nào để tổng hợp." });
    const bad = await readUnitSources([source("hong.xlsx", notExcel)], builtinTemplates(), { pause: async () => undefined });
    expect(runConsolidation(bad, builtinTemplates())).toMatchObject({
      ok: false,
      message: expect.stringMatching(/không tệp nào có biểu mẫu/),
    });
    const onlyErrors = await readUnitSources([source("b.xlsx", b)], builtinTemplates(), { pause: async () => undefined });
    expect(runConsolidation(onlyErrors, builtinTemplates(), { excludeErrors: true })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/không còn đơn vị nào/),
    });
  });

  test("picked files: Excel files in folders (no lock files), the same file once", () => {
    expect(isUnitFileName("don-vi/xa-01.xlsx")).toBe(true);
    expect(isUnitFileName("don-vi/~$xa-01.xlsx")).toBe(false);
    expect(isUnitFileName("don-vi/ghi-chu.txt")).toBe(false);
    expect(isUnitFileName("cu/bao-cao.XLS")).toBe(true);
    const s1 = source("a.xlsx", a, 1);
    const s2 = source("b.xlsx", b, 1);
    expect(mergeSources([s1], [source("a.xlsx", a, 1), s2]).map((s) => s.name)).toEqual(["a.xlsx", "b.xlsx"]);
  });
});
