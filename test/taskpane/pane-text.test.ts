/** The pane's own words: template names, severity order, what filling cannot settle, junk files refused in Vietnamese. */
import { builtinTemplates, findTemplate } from "../../src/catalog";
import { checkWorkbook } from "../../src/core/check-workbook";
import { planFill } from "../../src/core/fill";
import { loadTemplateText, parseRoster } from "../../src/taskpane/actions";
import { pickFileList } from "../../src/taskpane/dropped-files";
import { cellMarks } from "../../src/taskpane/highlight-file";
import { bySeverity, paneText, parseJsonFile, templateLabel, unsettledFindings } from "../../src/taskpane/pane-text";
import { readWorkbookGrid } from "../../src/xlsx/read-grid";
import { officerWorkbookBytes } from "../helpers/officer-workbooks";

test("templates carry the names officers know, built from the catalog", () => {
  const labels = Object.fromEntries(builtinTemplates().map((t) => [t.id, templateLabel(t)]));
  expect(labels["bnv581-xa"]).toBe("Cấp xã — Biểu mẫu 1–7 (581/BNV-CCHC)");
  expect(labels["bnv581-tinh"]).toBe("Cấp tỉnh — Biểu mẫu 1–7 (581/BNV-CCHC)");
  expect(labels["dienbien-so"]).toMatch(/^Cấp sở, ngành — Biểu mẫu 1 \(Điện Biên/);
  expect(labels["sonla-kiemtra"]).toMatch(/^Cấp sở, ngành — Phụ lục I–II \(Sơn La/);
  for (const l of Object.values(labels)) expect(l.length).toBeLessThanOrEqual(48); // fits a 320 px select
});

describe("the commune seed (1 identity error typed by the officer)", () => {
  let checked: ReturnType<typeof checkWorkbook>;
  beforeAll(async () => {
    checked = checkWorkbook(readWorkbookGrid(await officerWorkbookBytes("bnv581-xa")), builtinTemplates());
  });

  test("errors come before warnings before information", () => {
    const g = bySeverity(checked.findings);
    expect(g.error.map((f) => f.code)).toEqual(["6.6.1", "6.7"]);
    expect(g.error.length + g.warning.length + g.info.length).toBe(checked.findings.length);
  });

  test("filling with overwrite still leaves 6.6.1 = 6.4.2 + 6.5.2: said, with the reason, not 'nothing to do'", () => {
    const actions = planFill(checked.forms, { overwrite: true });
    const left = unsettledFindings(checked.findings, actions);
    const identity = left.find((u) => u.finding.code === "6.6.1");
    expect(identity?.reason).toMatch(/không biết số nào sai, cán bộ/);
    expect(left.find((u) => u.finding.code === "6.7")).toBeUndefined(); // the rate is replaced by the fill
  });

  test("no command-line wording reaches the officer", () => {
    const words = checked.findings
      .flatMap((f) => [f.message, f.fix ?? ""])
      .map(paneText)
      .join("\n");
    expect(words).not.toMatch(/bieumau|--\w/);
    expect(paneText('Ghi 75 (lệnh "bieumau fill" tự điền).')).toBe("Ghi 75 (nút “Tính và ghi” ở mục Tính tỷ lệ tự điền).");
  });

  test("a coloured copy marks each cell once with its worst severity and all its messages", () => {
    const marks = cellMarks(checked.findings);
    const cells = new Set(checked.findings.filter((f) => f.cell).map((f) => f.cell));
    expect(marks).toHaveLength(cells.size);
    const e = marks.find((m) => m.notes.some((n) => /6\.6\.1 ghi 112/.test(n)))!;
    expect(e).toMatchObject({ sheet: "BM7", severity: "error" });
  });
});

describe("wrong files are named and refused in Vietnamese", () => {
  test("JSON: empty, cut or not JSON at all", () => {
    expect(() => parseJsonFile("", "chi-tieu.json")).toThrow("tệp chi-tieu.json trống hoặc bị cắt ngang");
    expect(() => parseJsonFile("Đây không phải JSON", "x.json")).toThrow(/^tệp x\.json không phải tệp JSON hợp lệ/);
    const r = loadTemplateText('{"id": "a", ', "mau.json");
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).not.toMatch(/Unexpected|JSON input/);
    expect(findTemplate("bnv581-xa")).toBeDefined();
  });

  test("a PDF, an image or a Word file is not a roster", () => {
    expect(() => parseRoster("cong-van.pdf", new TextEncoder().encode("%PDF-1.4\n..."))).toThrow(
      /^cong-van\.pdf là tệp PDF, không phải danh sách đơn vị/,
    );
    expect(() => parseRoster("ds.txt", new TextEncoder().encode("%PDF-1.4\n..."))).toThrow(
      "ds.txt là tệp PDF, không phải danh sách đơn vị",
    );
    expect(() => parseRoster("ds.txt", new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 1]))).toThrow(/ảnh JPEG/);
    expect(parseRoster("ds.txt", new TextEncoder().encode("UBND xã A\nUBND xã B\n"))).toEqual(["UBND xã A", "UBND xã B"]);
  });

  test("a folder pick keeps the Excel files and names the others", () => {
    const file = (p: string) => Object.assign(new File(["x"], p.split("/").pop()!), { webkitRelativePath: p });
    const picked = pickFileList([
      file("don-vi/xa-1.xlsx"),
      file("don-vi/ghi-chu.txt"),
      file("don-vi/cong-van.pdf"),
      file("don-vi/~$xa-1.xlsx"),
    ]);
    expect(picked.sources.map((s) => s.name)).toEqual(["don-vi/xa-1.xlsx"]);
    expect(picked.ignored).toEqual(["don-vi/cong-van.pdf", "don-vi/ghi-chu.txt"]);
  });
});
