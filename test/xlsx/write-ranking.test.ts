/**
 * The consolidated workbook on paper and at a glance: units ranked by the main
 * rates on a "Xếp hạng" sheet with a native chart, colour scales on the detail
 * sheets, and the province sheets printed on A4 through LibreOffice with the
 * header filled and no text cut (checked on the PDF's text layer). A PNG of
 * the ranking page goes to test-output/.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { unzipSync, strFromU8 } from "fflate";
import { builtinTemplates, findTemplate } from "../../src/catalog";
import { planFormSheet } from "../../src/core/form-layout";
import { cellAt, cellText } from "../../src/core/grid";
import { readUnitSources, runConsolidation, type UnitSource } from "../../src/taskpane/actions";
import { writeFilledWorkbook } from "../../src/xlsx/plan-writer";
import { readWorkbookGrid } from "../../src/xlsx/read-grid";
import { writeConsolidationWorkbook } from "../../src/xlsx/write-consolidation";
import { rankUnits, rateChoices } from "../../src/xlsx/write-ranking";
import { sofficePath } from "../helpers/libreoffice";

const xa = findTemplate("bnv581-xa")!;
const OUT = path.resolve(__dirname, "../../test-output");
const NAMES = [
  "Bình Minh",
  "Đông Hòa",
  "Long Hưng",
  "Tân Phú",
  "Phước Lộc",
  "An Nhơn",
  "Hòa Bình",
  "Thạnh Mỹ",
  "Vĩnh Thạnh",
  "Mỹ Lộc",
  "Quang Trung",
  "Cát Tiên",
];

/** Twelve communes: on-time settlement from 60 % to 100 %, one with an error (online dossiers 6.7.2 > 6.7.1). */
async function consolidation() {
  const sources: UnitSource[] = NAMES.map((name, i) => {
    const bytes = writeFilledWorkbook(
      xa,
      { unit: `UBND xã ${name}`, period: "Quý I năm 2025" },
      {
        "1/2.1": 10,
        "1/2.2": 5 + (i % 6),
        "3/3.3.1": 100,
        "3/3.3.2": 60 + i * 3,
        "7/6.7.1": 50,
        "7/6.7.2": i === 4 ? 70 : 20 + i * 2,
        "1/5": i < 9 ? 0 : 1, // nine communes answer "Không": the note would list them all
      },
    );
    return { name: `xa-${String(i + 1).padStart(2, "0")}.xlsx`, size: bytes.length, read: async () => bytes };
  });
  const inputs = await readUnitSources(sources, builtinTemplates(), { pause: async () => undefined });
  const outcome = runConsolidation(inputs, builtinTemplates());
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.result;
}

function pdfOf(xlsx: Uint8Array): { pdf: string; text: string; pages: string[] } {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "bieumau-print-"));
  const file = path.join(work, "tong-hop.xlsx");
  fs.writeFileSync(file, xlsx);
  const profile = path.join(work, "profile");
  execFileSync(
    sofficePath(),
    [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", work, file],
    { stdio: "pipe", timeout: 180_000 },
  );
  const pdf = path.join(work, "tong-hop.pdf");
  // Reading order (not -layout): a wrapped cell's lines come out one after the other.
  const text = execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" });
  return { pdf, text, pages: text.split("\f") };
}

describe("ranking of the units", () => {
  test("the main rates come first, units sorted by their own rate, the erroneous one marked", async () => {
    const c = await consolidation();
    const choices = rateChoices(c);
    expect(choices[0]).toMatchObject({ key: "3/3.3", form: 3 });
    expect(choices[0].pooled).toBeCloseTo(((60 * 12 + 3 * 66) / 1200) * 100, 10);
    const r = rankUnits(c, choices[0]);
    expect(r.ranked.map((u) => u.unit)[0]).toBe("UBND xã Cát Tiên"); // 93 of 100
    expect(r.ranked[r.ranked.length - 1]).toMatchObject({ unit: "UBND xã Bình Minh", value: 60 });
    const online = rankUnits(
      c,
      choices.find((x) => x.key === "7/6.7")!,
    );
    expect(online.ranked.find((u) => u.unit === "UBND xã Phước Lộc")).toMatchObject({ status: "errors" });
  });
});

describe("consolidated workbook: ranking sheet, chart, colour scales, A4 print", () => {
  let bytes: Uint8Array;
  beforeAll(async () => {
    bytes = writeConsolidationWorkbook(await consolidation(), { unit: "Sở Nội vụ tỉnh Thử Nghiệm" });
  });

  test("a Xếp hạng sheet with a native bar chart and a pooled line; colour scales and data bars on the detail sheets", () => {
    const grid = readWorkbookGrid(bytes);
    const ranking = grid.sheets.find((s) => s.name === "Xếp hạng")!;
    expect(ranking).toBeDefined();
    const texts = ranking.rows.flatMap((row) => row.map((c) => cellText(c)));
    expect(texts).toContain("UBND xã Cát Tiên");
    const zip = unzipSync(bytes);
    const charts = Object.keys(zip).filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n));
    expect(charts.length).toBeGreaterThanOrEqual(2);
    const chart = strFromU8(zip["xl/charts/chart1.xml"]);
    expect(chart).toMatch(/<c:barChart>.*<c:lineChart>/s);
    expect(chart).toMatch(/<c:dPt>/); // a unit with errors in red on the online-dossier chart or none here
    const types = strFromU8(zip["[Content_Types].xml"]);
    expect(types).toMatch(/drawingml\.chart\+xml/);
    const sheets = Object.keys(zip)
      .filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))
      .map((n) => strFromU8(zip[n]));
    expect(sheets.some((x) => x.includes('type="colorScale"'))).toBe(true);
    expect(sheets.some((x) => x.includes('type="dataBar"'))).toBe(true);
  });

  test("rows as tall as their wrapped text: the extra titles' header row, the coded counts of 5.2 (three lines)", () => {
    const zip = unzipSync(bytes);
    const workbook = strFromU8(zip["xl/workbook.xml"]);
    const index = [...workbook.matchAll(/<sheet name="([^"]+)"/g)].findIndex((m) => m[1] === "Biểu mẫu 1") + 1;
    const xml = strFromU8(zip[`xl/worksheets/sheet${index}.xml`]);
    const height = (row: number) => Number(new RegExp(`<row r="${row}"[^>]*? ht="([\\d.]+)"`).exec(xml)?.[1] ?? 0);
    const plan = planFormSheet(xa, xa.forms[0]);
    expect(height(plan.headerRows[0])).toBeGreaterThanOrEqual(4 * 12); // "TB cộng tỷ lệ các đơn vị (chỉ tham khảo)" in 16 characters
    expect(height(plan.rowOf.get("5.2")!)).toBeGreaterThanOrEqual(3 * 14); // "Trực tuyến: 0; / Phát phiếu: 0; / Kết hợp: 0"
  });

  test("header filled: the consolidating unit and the units' common period", () => {
    const bm1 = readWorkbookGrid(bytes).sheets.find((s) => s.name === "Biểu mẫu 1")!;
    expect(cellText(cellAt(bm1, 1, 1))).toBe("Đơn vị báo cáo: Sở Nội vụ tỉnh Thử Nghiệm (tổng hợp 12 đơn vị)");
    expect(cellText(cellAt(bm1, 2, 1))).toMatch(/Quý I năm 2025/);
  });

  test("printed through LibreOffice on A4: header, notes, coded counts and extra titles whole; the chart drawn; a PNG of the ranking", () => {
    const { pdf, pages } = pdfOf(bytes);
    // LibreOffice leaves the part of a cell's text it clips out of the PDF's text layer: on the
    // province sheets (the pages the officer signs) every text must be there whole.
    const signed = pages
      .filter((p) => p.includes("Đơn vị báo cáo:"))
      .join("\n")
      .replace(/\s+/g, " ");
    expect(pages.filter((p) => p.includes("Đơn vị báo cáo:")).length).toBeGreaterThanOrEqual(7);
    const has = (re: RegExp) => re.test(signed);
    expect(has(/Đơn vị báo cáo: Sở Nội vụ tỉnh Thử Nghiệm/)).toBe(true);
    expect(has(/Kỳ báo cáo: Quý I năm 2025/)).toBe(true);
    // Nine "Không" answers: a short pointer, not a clipped list of names.
    expect(has(/Không: 9 đơn vị \(danh sách ở trang Chi tiết 1\)/)).toBe(true);
    expect(has(/UBND xã Bình Minh/)).toBe(false);
    // The coded counts in the value cell, the method and the reference column's title, whole
    // (a wrapped cell's lines may come between a neighbour's lines in reading order).
    expect(has(/Trực tuyến: 0;[^]{0,120}Phát phiếu: 0;[^]{0,120}Kết hợp: 0/)).toBe(true);
    expect(has(/Có: 3; Không: 9/)).toBe(true);
    expect(has(/Tỷ lệ gộp \(tử số cộng \/[^]{0,120}mẫu số cộng\)/)).toBe(true);
    expect(has(/TB cộng tỷ lệ[^]{0,120}các đơn vị[^]{0,120}\(chỉ tham[^]{0,120}khảo\)/)).toBe(true);
    // Every page is A4, no word past its right edge.
    const bbox = execFileSync("pdftotext", ["-bbox", pdf, "-"], { encoding: "utf8" });
    const sizes = [...bbox.matchAll(/<page width="([\d.]+)" height="([\d.]+)">/g)].map((m) => [Number(m[1]), Number(m[2])]);
    for (const [w, h] of sizes) expect([Math.round(Math.min(w, h)), Math.round(Math.max(w, h))]).toEqual([595, 842]);
    const past = [...bbox.matchAll(/<page width="([\d.]+)"[^>]*>([\s\S]*?)<\/page>/g)].flatMap((p) =>
      [...p[2].matchAll(/xMax="([\d.]+)"/g)].filter((m) => Number(m[1]) > Number(p[1])),
    );
    expect(past).toHaveLength(0);
    // The ranking page: its title, the chart's own title and legend (drawn text), then a PNG of it.
    const page = pages.findIndex((p) => p.includes("Xếp hạng các đơn vị theo tỷ lệ chính"));
    expect(page).toBeGreaterThanOrEqual(0);
    expect(/Toàn tỉnh \(gộp\) [\d,]+%/.test(pages[page].replace(/\s+/g, " "))).toBe(true); // the chart's legend
    fs.mkdirSync(OUT, { recursive: true });
    execFileSync("pdftoppm", [
      "-png",
      "-r",
      "60",
      "-f",
      String(page + 1),
      "-l",
      String(page + 1),
      "-singlefile",
      pdf,
      path.join(OUT, "xep-hang"),
    ]);
    expect(fs.statSync(path.join(OUT, "xep-hang.png")).size).toBeGreaterThan(10_000);
  }, 180_000);
});

describe("bieumau consolidate --unit --period", () => {
  test("fill the header of the province sheets (build/ from npm run build)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bieumau-hdr-"));
    NAMES.slice(0, 2).forEach((name, i) =>
      fs.writeFileSync(path.join(dir, `xa-${i}.xlsx`), writeFilledWorkbook(xa, { unit: `UBND xã ${name}` }, { "1/1": i + 1 })),
    );
    const out = path.join(dir, "tong-hop.xlsx");
    const bin = path.resolve(__dirname, "../../bin/bieumau.js");
    execFileSync(
      process.execPath,
      [
        bin,
        "consolidate",
        path.join(dir, "xa-0.xlsx"),
        path.join(dir, "xa-1.xlsx"),
        "-o",
        out,
        "--unit",
        "Sở Nội vụ tỉnh Sơn La",
        "--period",
        "Quý II năm 2025",
      ],
      { stdio: "pipe" },
    );
    const bm1 = readWorkbookGrid(fs.readFileSync(out)).sheets.find((s) => s.name === "Biểu mẫu 1")!;
    expect(cellText(cellAt(bm1, 1, 1))).toBe("Đơn vị báo cáo: Sở Nội vụ tỉnh Sơn La (tổng hợp 2 đơn vị)");
    expect(cellText(cellAt(bm1, 2, 1))).toBe("Kỳ báo cáo: Quý II năm 2025");
  });
});
