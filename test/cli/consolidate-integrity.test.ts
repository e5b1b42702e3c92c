/**
 * Consolidation integrity (issue 9 items 2, 3, 4, 7): the tool's own output
 * saved among the units is never summed; a unit's file for another period is
 * not summed (unless asked) and every unit's period is shown; names that differ
 * only by diacritics are two units; files of one name in two folders are two
 * units; a non-finite number is a finding of its file, not a crash. Unit files
 * are written by exceljs, as officers' own workbooks.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { main } from "../../src/cli/main";
import { workbookOrigin } from "../../src/core/consolidate";
import { readWorkbookGrid } from "../../src/xlsx/read-grid";
import { recalcWithLibreOffice } from "../helpers/libreoffice";
import { buildOfficerWorkbook } from "../helpers/officer-workbooks";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "bieumau-integrity-"));

/** A commune's workbook (exceljs) with its unit and period lines and its own value of Biểu 1 row 1. */
async function unitFile(file: string, unit: string, period: string | undefined, value: number): Promise<string> {
  const wb = buildOfficerWorkbook("bnv581-xa", { unitLine: unit, override: { 1: { "1": String(value) } } });
  if (period !== undefined) wb.worksheets.forEach((ws) => (ws.getCell(2, 1).value = period));
  const full = path.join(work, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, new Uint8Array(await wb.xlsx.writeBuffer()));
  return full;
}

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

interface Doc {
  period: string | null;
  units: { file: string; unit: string; status: string; period: string | null; reason?: string; notes?: string[] }[];
  skipped: { file: string; reason: string; code: string; period?: string }[];
  duplicates: { unit: string; files: string[]; kept: string; tie?: boolean }[];
  suggestions: { unit: string; like: string; where: string }[];
  forms: { form: number; rows: { code: string; value: number | null }[] }[];
}

const total = (doc: Doc) => doc.forms[0].rows.find((r) => r.code === "1")!.value;
const Q1 = "Kỳ báo cáo: Quý I năm 2024";

describe("consolidation integrity", () => {
  const dir = path.join(work, "don-vi");
  const out = path.join(dir, "tong-hop.xlsx");

  beforeAll(async () => {
    await unitFile("don-vi/dong-hoa.xlsx", "UBND xã Đông Hòa", Q1, 3);
    await unitFile("don-vi/dong-hoa-2.xlsx", "ỦY BAN NHÂN DÂN XÃ ĐỒNG HÒA", "Kỳ báo cáo: Quý I/2024", 5); // another commune: only the diacritics differ
    await unitFile("don-vi/binh-minh.xlsx", "UBND xã Bình Minh", "Kỳ báo cáo: Quý IV năm 2023", 100); // last quarter's file
    await unitFile("don-vi/cat-tien.xlsx", "UBND xã Cát Tiên", undefined, 7); // no period written
    await unitFile("don-vi/huyen-a/Bao cao CCHC Quy I.xlsx", "", Q1, 11); // no unit in the header: named by folder and file
    await unitFile("don-vi/huyen-b/Bao cao CCHC Quy I.xlsx", "", Q1, 13);
  });

  let first: Doc;
  test("every unit is counted once, with its period; the other period is listed, not summed", async () => {
    const r = await run("consolidate", dir, "-o", out, "--json");
    expect(r.code).toBe(0);
    first = JSON.parse(r.out) as Doc;
    expect(first.period).toBe("Quý I năm 2024");
    expect(total(first)).toBe(3 + 5 + 7 + 11 + 13);
    // "errors" units are summed too (the seed's own findings); what matters here is summed or not.
    const status = Object.fromEntries(first.units.map((u) => [u.file, [u.status === "errors" ? "ok" : u.status, u.period]]));
    expect(status).toEqual({
      "dong-hoa.xlsx": ["ok", "Quý I năm 2024"],
      "dong-hoa-2.xlsx": ["ok", "Quý I năm 2024"],
      "binh-minh.xlsx": ["other-period", "Quý IV năm 2023"],
      "cat-tien.xlsx": ["ok", null],
      "huyen-a/Bao cao CCHC Quy I.xlsx": ["ok", "Quý I năm 2024"],
      "huyen-b/Bao cao CCHC Quy I.xlsx": ["ok", "Quý I năm 2024"],
    });
    expect(first.skipped).toContainEqual(
      expect.objectContaining({ file: "binh-minh.xlsx", code: "other-period", period: "Quý IV năm 2023" }),
    );
    expect(first.units.find((u) => u.file === "binh-minh.xlsx")!.reason).toMatch(/khác kỳ báo cáo/);
    expect(first.units.find((u) => u.file === "cat-tien.xlsx")!.notes!.join(" ")).toMatch(/không tìm thấy kỳ báo cáo/);
    expect(first.duplicates).toEqual([]);
  });

  test("names differing only by diacritics are two units, suggested as alike, never merged", () => {
    const names = first.units.map((u) => u.unit);
    expect(names).toEqual(expect.arrayContaining(["UBND xã Đông Hòa", "UBND xã Đồng Hòa"]));
    expect(first.suggestions.map((s) => [s.unit, s.like].sort())).toEqual([["UBND xã Đông Hòa", "UBND xã Đồng Hòa"].sort()]);
    const a = first.units.find((u) => u.file === "huyen-a/Bao cao CCHC Quy I.xlsx")!.unit;
    const b = first.units.find((u) => u.file === "huyen-b/Bao cao CCHC Quy I.xlsx")!.unit;
    expect(a).not.toBe(b);
    expect(a).toMatch(/huyen-a/);
  });

  test("a roster is matched exactly (case, spacing, tone placement); a name without diacritics is only suggested", async () => {
    const roster = path.join(work, "danh-sach.txt");
    fs.writeFileSync(roster, ["Xã  Đông Hòa", "UBND xã đồng hoà", "Xa Cat Tien"].join("\n"));
    const r = await run("consolidate", dir, "-o", path.join(work, "roster.xlsx"), "--json", "--units", roster);
    const doc = JSON.parse(r.out) as Doc & { missing: string[]; unexpected: string[] };
    expect(doc.missing).toEqual(["Xa Cat Tien"]);
    expect(doc.unexpected).toContain("UBND xã Cát Tiên");
    expect(doc.suggestions).toContainEqual({ unit: "UBND xã Cát Tiên", like: "Xa Cat Tien", where: "roster" });
    expect(total(doc)).toBe(total(first));
  });

  test("the Kiểm tra sheet shows each unit's period", () => {
    const grid = readWorkbookGrid(fs.readFileSync(out));
    const check = grid.sheets.find((s) => s.name === "Kiểm tra")!;
    const texts = check.rows.map((row) => row.map((c) => (c ? String(c.value) : "")));
    const header = texts.find((row) => row.includes("Tình trạng"))!;
    const col = header.indexOf("Kỳ báo cáo");
    expect(col).toBeGreaterThan(0);
    const rowOf = (file: string) => texts.find((row) => row.includes(file))!;
    expect(rowOf("binh-minh.xlsx")[col]).toBe("Quý IV năm 2023");
    expect(rowOf("dong-hoa.xlsx")[col]).toBe("Quý I năm 2024");
    expect(rowOf("cat-tien.xlsx")[col]).toBe("không tìm thấy");
    expect(String(check.rows[0][0]?.value)).toMatch(/kỳ Quý I năm 2024/);
  });

  test("the consolidation saved among the units is skipped with its own reason: totals are not doubled", async () => {
    expect(readWorkbookGrid(fs.readFileSync(out)).origin).toBe("tong-hop");
    const r = await run("consolidate", dir, "-o", path.join(work, "lan-2.xlsx"), "--json");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as Doc;
    expect(total(doc)).toBe(total(first));
    expect(doc.skipped).toContainEqual(expect.objectContaining({ file: "tong-hop.xlsx", code: "own-output" }));
    expect(doc.skipped.find((s) => s.file === "tong-hop.xlsx")!.reason).toMatch(/bảng tổng hợp/);
  });

  test("a consolidation re-saved by exceljs (its mark kept or lost) is still recognised", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(out) as unknown as ArrayBuffer);
    const resaved = path.join(work, "resaved", "tong-hop-sua.xlsx");
    fs.mkdirSync(path.dirname(resaved), { recursive: true });
    fs.writeFileSync(resaved, new Uint8Array(await wb.xlsx.writeBuffer()));
    fs.copyFileSync(path.join(dir, "dong-hoa.xlsx"), path.join(work, "resaved", "dong-hoa.xlsx"));
    const r = await run("consolidate", path.join(work, "resaved"), "-o", path.join(work, "lan-3.xlsx"), "--json");
    const doc = JSON.parse(r.out) as Doc;
    expect(total(doc)).toBe(3);
    expect(doc.skipped).toContainEqual(expect.objectContaining({ file: "tong-hop-sua.xlsx", code: "own-output" }));
  });

  test("the mark survives a LibreOffice re-save, without relying on the sheet names", () => {
    const [resaved] = recalcWithLibreOffice([out]);
    const grid = readWorkbookGrid(fs.readFileSync(resaved));
    expect(grid.origin).toBe("tong-hop");
    const renamed = { sheets: grid.sheets.map((s) => ({ ...s, name: s.name === "Nguồn" ? "Sheet9" : s.name })), origin: grid.origin };
    expect(workbookOrigin(renamed)).toBe("tong-hop");
    expect(workbookOrigin({ sheets: renamed.sheets })).toBeUndefined();
  });

  test("--include-period sums the other period on request; --period chooses the period", async () => {
    const inc = JSON.parse(
      (await run("consolidate", dir, "-o", path.join(work, "inc.xlsx"), "--json", "--include-period", "Quý IV/2023")).out,
    ) as Doc;
    expect(total(inc)).toBe(3 + 5 + 7 + 11 + 13 + 100);
    expect(inc.units.find((u) => u.file === "binh-minh.xlsx")!.notes!.join(" ")).toMatch(/vẫn cộng theo yêu cầu/);
    const q4 = JSON.parse(
      (await run("consolidate", dir, "-o", path.join(work, "q4.xlsx"), "--json", "--period", "Quý IV năm 2023")).out,
    ) as Doc;
    expect(q4.period).toBe("Quý IV năm 2023");
    expect(total(q4)).toBe(100 + 7); // Cát Tiên has no period: summed and flagged
  });
});

describe("duplicates need the same unit", () => {
  const dir = path.join(work, "trung");

  test("equal modification times with different figures: both listed, none counted, the tie said", async () => {
    const a = await unitFile("trung/a.xlsx", "UBND xã An Bình", Q1, 3);
    const b = await unitFile("trung/b.xlsx", "UBND  XÃ AN BÌNH", Q1, 4);
    await unitFile("trung/c.xlsx", "UBND xã Phú Lộc", Q1, 20);
    const when = new Date("2024-03-10T08:00:00Z");
    fs.utimesSync(a, when, when);
    fs.utimesSync(b, when, when);
    const doc = JSON.parse((await run("consolidate", dir, "-o", path.join(work, "trung.xlsx"), "--json")).out) as Doc;
    expect(doc.duplicates).toEqual([expect.objectContaining({ files: ["a.xlsx", "b.xlsx"], kept: "", tie: true })]);
    expect(doc.units.filter((u) => u.status === "duplicate").map((u) => u.file)).toEqual(["a.xlsx", "b.xlsx"]);
    expect(doc.units.find((u) => u.file === "a.xlsx")!.reason).toMatch(/cùng thời điểm/);
    expect(total(doc)).toBe(20);
  });

  test("the later file of the same unit counts", async () => {
    const when = new Date("2024-03-12T08:00:00Z");
    fs.utimesSync(path.join(dir, "b.xlsx"), when, when);
    const doc = JSON.parse((await run("consolidate", dir, "-o", path.join(work, "trung2.xlsx"), "--json")).out) as Doc;
    expect(doc.duplicates).toEqual([expect.objectContaining({ kept: "b.xlsx", files: ["b.xlsx", "a.xlsx"] })]);
    expect(total(doc)).toBe(4 + 20);
  });
});

describe("unbounded text", () => {
  test("a unit name of a million characters is cut short and said; the output stays small", async () => {
    await unitFile("dai/a.xlsx", `Đơn vị báo cáo: UBND xã ${"Đông Hòa ".repeat(120_000)}`, Q1, 3);
    await unitFile("dai/b.xlsx", "UBND xã B", Q1, 4);
    const started = Date.now();
    const r = await run("consolidate", path.join(work, "dai"), "-o", path.join(work, "dai.xlsx"), "--json");
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(r.out.length).toBeLessThan(200_000);
    const doc = JSON.parse(r.out) as Doc;
    const a = doc.units.find((u) => u.file === "a.xlsx")!;
    expect(a.unit.length).toBeLessThanOrEqual(300);
    expect(a.unit).toMatch(/^UBND xã Đông Hòa Đông Hòa.*…$/);
    expect(a.notes!.join(" ")).toMatch(/dài bất thường/);
    expect(total(doc)).toBe(7);
    const v = await run("validate", path.join(work, "dai", "a.xlsx"), "--json");
    expect(v.out.length).toBeLessThan(200_000);
    expect(v.out).toMatch(/Tên đơn vị ở đầu biểu dài bất thường/);
  });
});

describe("reports stay small", () => {
  test("500 stray rows with 5,000-character labels: the validate report quotes, it does not carry them whole", async () => {
    const extra = Array.from({ length: 500 }, (_, i) => ({
      after: "5",
      code: `9.${i}`,
      label: `Nội dung thừa ${i} ${"chữ ".repeat(1250)}`,
      value: "5",
    }));
    const wb = buildOfficerWorkbook("bnv581-xa", { unitLine: "UBND xã A", extra: { 1: extra } });
    const file = path.join(work, "thua.xlsx");
    fs.writeFileSync(file, new Uint8Array(await wb.xlsx.writeBuffer()));
    const r = await run("validate", file, "--json");
    const doc = JSON.parse(r.out) as { files: { findings: { label: string; message: string }[] }[] };
    const findings = doc.files[0].findings;
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.label.length <= 200 && f.message.length <= 600)).toBe(true);
    expect(r.out.length).toBeLessThan(1_000_000); // was 6 MB for this one file
  });
});

describe("a non-finite number", () => {
  test("a <v> of 309 nines is a finding of that file; the others are consolidated", async () => {
    const dir = path.join(work, "vo-cuc");
    const good = await unitFile("vo-cuc/a.xlsx", "UBND xã A", Q1, 3);
    const wb = buildOfficerWorkbook("bnv581-xa", { unitLine: "UBND xã B", numeric: true, override: { 1: { "1": "123457" } } });
    wb.worksheets.forEach((ws) => (ws.getCell(2, 1).value = Q1));
    const zip = unzipSync(new Uint8Array(await wb.xlsx.writeBuffer()));
    const sheet = Object.keys(zip).find((k) => /worksheets\/sheet1\.xml$/.test(k))!;
    const xml = strFromU8(zip[sheet]);
    expect(xml).toContain("<v>123457</v>");
    zip[sheet] = strToU8(xml.replace("<v>123457</v>", `<v>${"9".repeat(309)}</v>`));
    fs.writeFileSync(path.join(dir, "b.xlsx"), zipSync(zip));
    expect(fs.existsSync(good)).toBe(true);
    const r = await run("consolidate", dir, "-o", path.join(work, "vo-cuc.xlsx"), "--json");
    expect(r.err).not.toMatch(/không mong đợi/);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as Doc;
    expect(total(doc)).toBe(3);
    expect(doc.units.find((u) => u.file === "b.xlsx")!.status).toBe("errors");
  });
});
