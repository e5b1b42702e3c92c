/**
 * Consolidation on a generated set of commune workbooks with known totals:
 * sums, pooled ratios vs naive means, coded answers, blank vs zero, same-for-all
 * rows, a duplicate, a roster with a missing unit, bad files among good ones.
 * LibreOffice's recalculation of the output must agree with the JSON.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../../src/cli/main";
import { findTemplate } from "../../src/catalog";
import { planFormSheet } from "../../src/core/form-layout";
import { cellAt, cellText, type SheetGrid, type WorkbookGrid } from "../../src/core/grid";
import { writeFilledWorkbook } from "../../src/xlsx/plan-writer";
import { readWorkbookGrid } from "../../src/xlsx/read-grid";
import { recalcWithLibreOffice } from "../helpers/libreoffice";
import { officerWorkbookBytes } from "../helpers/officer-workbooks";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "bieumau-cons-"));
const dir = path.join(work, "don-vi");
fs.mkdirSync(dir);
const xa = findTemplate("bnv581-xa")!;

type Values = Record<string, number | string | null>;

/** Designed so that every aggregation has a known answer. */
const UNITS: { file: string; unit: string; values: Values }[] = [
  {
    file: "xa-a.xlsx",
    unit: "UBND xã An Bình",
    values: {
      "1/1": 3,
      "1/2.1": 10,
      "1/2.2": 5,
      "1/2": 50,
      "1/5": 1,
      "2/1.3": 0,
      "3/1.4.3": 139,
      "3/3.3.1": 100,
      "3/3.3.2": 99,
      "7/3": 80,
      "7/6.4.1": 64,
    },
  },
  {
    file: "xa-b.xlsx",
    unit: "UBND xã Bình Minh",
    values: {
      "1/1": 5,
      "1/2.1": 30,
      "1/2.2": 30,
      "1/2": 100,
      "1/5": 0,
      "2/1.3": 0,
      "3/1.4.3": 139,
      "3/3.3.1": 50,
      "3/3.3.2": 50,
      "7/3": 100,
      "7/6.4.1": 64,
    },
  },
  {
    file: "xa-c.xlsx",
    unit: "UBND xã Cát Tiên",
    values: {
      "1/1": null,
      "1/2.1": 4,
      "1/2.2": 1,
      "1/2": 25,
      "1/5": 1,
      "2/1.3": 0,
      "3/1.4.3": 140,
      "3/3.3.1": 7,
      "3/3.3.2": 6,
      "7/6.4.1": 64,
    },
  },
  { file: "xa-d.xlsx", unit: "UBND xã Đông Hòa", values: { "1/1": 0, "1/5": 0, "2/1.3": 0, "3/1.4.3": 139, "7/6.4.1": 64 } },
  // A formula-looking unit name must stay text in the output.
  { file: "xa-e.xlsx", unit: '=HYPERLINK("x") xã Ê', values: { "1/1": 7, "2/1.3": 0, "7/6.4.1": 64 } },
];

const sha = (f: string) => createHash("sha256").update(fs.readFileSync(f)).digest("hex");
let hashes: Map<string, string>;

beforeAll(async () => {
  for (const u of UNITS)
    fs.writeFileSync(path.join(dir, u.file), writeFilledWorkbook(xa, { unit: u.unit, period: "Quý I năm 2025" }, u.values));
  // Bình Minh sends its report twice (a later copy under another name): counted once.
  fs.copyFileSync(path.join(dir, "xa-b.xlsx"), path.join(dir, "xa-b-gui-lai.xlsx"));
  fs.utimesSync(path.join(dir, "xa-b.xlsx"), new Date("2025-03-10"), new Date("2025-03-10"));
  // No unit in its header, but Cát Tiên's figures to the last cell: the same report again, under another file name.
  // (Two units named in their headers are never merged by content: see consolidate-integrity.test.ts.)
  fs.writeFileSync(path.join(dir, "xa-f.xlsx"), writeFilledWorkbook(xa, { period: "Quý I năm 2025" }, UNITS[2].values));
  fs.utimesSync(path.join(dir, "xa-f.xlsx"), new Date("2025-03-01"), new Date("2025-03-01")); // the older copy
  // Bad files among good ones.
  fs.writeFileSync(path.join(dir, "hong.xlsx"), "không phải Excel");
  fs.writeFileSync(
    path.join(dir, "cu.xls"),
    Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]),
  );
  fs.writeFileSync(path.join(dir, "tinh.xlsx"), await officerWorkbookBytes("bnv581-tinh", { forms: [1] }));
  fs.writeFileSync(
    path.join(work, "danh-sach.txt"),
    ["Tên đơn vị", "Xã An Bình", "xã  BÌNH MINH", "UBND xã Cát Tiên", "UBND XÃ ĐÔNG HÒA", '=HYPERLINK("x") xã Ê', "UBND xã Phú Lộc"].join(
      "\n",
    ),
  );
  hashes = new Map(fs.readdirSync(dir).map((f) => [f, sha(path.join(dir, f))]));
});

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

interface JsonRow {
  code: string;
  value: number | null;
  method: string;
  reporting: number;
  naiveMean?: number | null;
  answers?: { value: number; label: string; count: number; units?: string[] }[];
  conflict?: { value: number; units: string[] }[];
}
interface JsonDoc {
  units: { file: string; unit: string; status: string }[];
  skipped: { file: string; reason: string }[];
  duplicates: { unit: string; files: string[]; kept: string; by: string }[];
  missing: string[];
  forms: { form: number; rows: JsonRow[] }[];
}

describe("bieumau consolidate", () => {
  const out = path.join(work, "tong-hop.xlsx");
  let doc: JsonDoc;
  let recalculated: WorkbookGrid;
  const row = (form: number, code: string) => doc.forms.find((f) => f.form === form)!.rows.find((r) => r.code === code)!;

  beforeAll(async () => {
    const r = await run("consolidate", dir, "-o", out, "--units", path.join(work, "danh-sach.txt"), "--into", "bnv581-tinh", "--json");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    doc = JSON.parse(r.out) as JsonDoc;
    recalculated = readWorkbookGrid(fs.readFileSync(recalcWithLibreOffice([out])[0]));
  });

  test("units: names from the headers, the duplicate counted once, bad files skipped with reasons, the missing unit listed", () => {
    expect(doc.units.map((u) => [u.file, u.status])).toEqual([
      ["xa-a.xlsx", "ok"],
      ["xa-b-gui-lai.xlsx", "ok"],
      ["xa-b.xlsx", "duplicate"],
      ["xa-c.xlsx", "ok"],
      ["xa-d.xlsx", "ok"],
      ["xa-e.xlsx", "ok"],
      ["xa-f.xlsx", "duplicate"],
    ]);
    expect(doc.duplicates).toEqual([
      { unit: "UBND xã Bình Minh", files: ["xa-b-gui-lai.xlsx", "xa-b.xlsx"], kept: "xa-b-gui-lai.xlsx", by: "name" },
      { unit: "UBND xã Cát Tiên", files: ["xa-c.xlsx", "xa-f.xlsx"], kept: "xa-c.xlsx", by: "content" },
    ]);
    expect(doc.skipped.map((s) => s.file).sort()).toEqual(["cu.xls", "hong.xlsx", "tinh.xlsx"]);
    expect(doc.skipped.find((s) => s.file === "cu.xls")!.reason).toMatch(/Excel 97–2003/);
    expect(doc.skipped.find((s) => s.file === "tinh.xlsx")!.reason).toMatch(/mẫu bnv581-tinh, không cùng mẫu bnv581-xa/);
    expect(doc.missing).toEqual(["UBND xã Phú Lộc"]);
  });

  test("sums over reporting units; nobody reported → blank, all zeros → 0", () => {
    expect(row(1, "1")).toMatchObject({ value: 15, method: "sum", reporting: 4 }); // 3 + 5 + 0 + 7; Cát Tiên blank
    expect(row(1, "3.1")).toMatchObject({ value: null, reporting: 0 });
    expect(row(2, "1.3")).toMatchObject({ value: 0, reporting: 5 });
  });

  test("ratios are pooled from summed parts, the naive mean shown beside", () => {
    expect(row(1, "2.1").value).toBe(44);
    expect(row(1, "2.2").value).toBe(36);
    expect(row(1, "2")).toMatchObject({ method: "pooled", value: (36 / 44) * 100, reporting: 3 });
    expect(row(1, "2").naiveMean).toBeCloseTo((50 + 100 + 25) / 3, 12);
    expect(row(3, "3.3").value).toBeCloseTo((155 / 157) * 100, 12);
  });

  test("coded answers are counted, with the units that said no; same-for-all rows are not summed", () => {
    expect(row(1, "5").answers).toEqual([
      { value: 1, label: "Có", count: 2 },
      { value: 0, label: "Không", count: 2, units: ["UBND xã Bình Minh", "UBND xã Đông Hòa"] },
    ]);
    expect(row(7, "6.4.1")).toMatchObject({ method: "same", value: 64, reporting: 5 });
    expect(row(3, "1.4.3")).toMatchObject({ method: "same", value: null });
    expect(row(3, "1.4.3").conflict).toEqual([
      { value: 139, units: ["UBND xã An Bình", "UBND xã Bình Minh", "UBND xã Đông Hòa"] },
      { value: 140, units: ["UBND xã Cát Tiên"] },
    ]);
    expect(row(7, "3")).toMatchObject({ method: "manual", value: null, reporting: 2 });
  });

  function consolidatedCell(form: number, code: string): { value: unknown; formula?: string } {
    const plan = planFormSheet(
      xa,
      xa.forms.find((f) => f.number === form)!,
    );
    const address = plan.valueCellOf.get(xa.forms.find((f) => f.number === form)!.rows.find((r) => r.code === code)!.id)!;
    const sheet = recalculated.sheets.find((s) => s.name === `Biểu mẫu ${form}`)!;
    const c = cellAt(sheet, Number(address.slice(1)), 4);
    return { value: c?.value ?? null, formula: c?.formula };
  }

  test("LibreOffice recalculating the output agrees with the JSON to the last digit, for every row", () => {
    let compared = 0;
    for (const f of doc.forms) {
      for (const r of f.rows) {
        if (r.method === "manual" || r.method === "none" || r.method === "answers") continue;
        const cell = consolidatedCell(f.form, r.code);
        expect(cell.formula).toBeDefined(); // a live formula over the detail sheet
        const got = cell.value === "" || cell.value === null || cell.value === "khác nhau" ? null : cell.value;
        expect({ row: `${f.form}/${r.code}`, got: typeof got === "number" ? Number(got.toPrecision(15)) : got }).toEqual({
          row: `${f.form}/${r.code}`,
          got: r.value === null ? null : Number(r.value.toPrecision(15)),
        });
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(60);
    expect(consolidatedCell(1, "5").value).toBe("Có: 2; Không: 2");
  });

  test("the detail sheet has one column per unit with its file, and the unit name that looks like a formula stays text", () => {
    const detail = recalculated.sheets.find((s) => s.name === "Chi tiết 1")!;
    const header = (detail.rows[0] ?? []).map((c) => cellText(c));
    expect(header.slice(3, 8)).toEqual([
      "UBND xã An Bình",
      "UBND xã Bình Minh",
      "UBND xã Cát Tiên",
      "UBND xã Đông Hòa",
      '=HYPERLINK("x") xã Ê',
    ]);
    expect(cellAt(detail, 1, 8)?.formula).toBeUndefined();
    expect(cellText(cellAt(detail, 2, 5))).toBe("xa-b-gui-lai.xlsx");
    expect(header.slice(8)).toEqual(["Tổng hợp", "Số đơn vị báo cáo"]);
  });

  test("the check and sources sheets list every file; the province form is filled from the mapped rows", () => {
    const check = recalculated.sheets.find((s) => s.name === "Kiểm tra")!;
    const text = check.rows.flatMap((r) => r.map((c) => cellText(c))).join("\n");
    for (const f of ["xa-a.xlsx", "xa-b.xlsx", "hong.xlsx", "cu.xls", "tinh.xlsx", "UBND xã Phú Lộc"]) expect(text).toContain(f);
    expect(text).toMatch(/Trùng \(không cộng\)/);
    const sources = recalculated.sheets.find((s) => s.name === "Nguồn")!;
    const sourceRows = sources.rows.slice(1).map((r) => [cellText(r[1]), cellText(r[3])]);
    for (const [file, hash] of hashes)
      expect(sourceRows).toContainEqual([file, file === "hong.xlsx" || file === "cu.xls" ? expect.any(String) : hash]);

    const tinh = findTemplate("bnv581-tinh")!;
    const province: SheetGrid = recalculated.sheets.find((s) => s.name === "Tỉnh - Biểu mẫu 3")!;
    const plan = planFormSheet(tinh, tinh.forms[2]);
    const at = (code: string) => cellAt(province, Number(plan.valueCellOf.get(`b3.${code}`)!.slice(1)), 4)?.value;
    expect(at("3.3.1")).toBe(157);
    expect(at("3.3.2")).toBe(155);
    expect(at("3.3")).toBeCloseTo((155 / 157) * 100, 10);
    expect(at("3.1.1") ?? null).toBeNull(); // not a commune figure: left for the officer
  });

  test("on a terminal: a progress bar of files read, then the summary", async () => {
    let out = "";
    let err = "";
    const code = await main(
      [
        "consolidate",
        path.join(dir, "xa-a.xlsx"),
        path.join(dir, "xa-c.xlsx"),
        path.join(dir, "hong.xlsx"),
        "-o",
        path.join(work, "tty.xlsx"),
      ],
      {
        out: (s) => (out += s),
        err: (s) => (err += s),
        isTTY: true,
      },
    );
    expect(code).toBe(0);
    expect(err).toMatch(/\r\[#+\] 3\/3 tệp · 2 đạt · 0 có lỗi · 1 không đọc được\nbieumau: bỏ qua hong\.xlsx: [^\n]+\n$/);
    expect(out).toMatch(/Tổng hợp mẫu bnv581-xa: 3 tệp\.\n {2}Được cộng: 2 đơn vị \(2 đạt, 0 có lỗi/);
    expect(out).toMatch(/Bỏ qua: 1 tệp/);
  });

  test("source files are never modified", () => {
    for (const [file, hash] of hashes) expect(sha(path.join(dir, file))).toBe(hash);
  });

  test("--exclude-errors leaves flagged units out but lists them; nothing consolidable → exit 2", async () => {
    const bad = path.join(work, "loi.xlsx");
    fs.writeFileSync(bad, writeFilledWorkbook(xa, { unit: "UBND xã Lỗi" }, { "1/2.1": 3, "1/2.2": 9 }));
    const r = await run("consolidate", path.join(dir, "xa-a.xlsx"), bad, "-o", path.join(work, "ex.xlsx"), "--exclude-errors", "--json");
    const d = JSON.parse(r.out) as JsonDoc;
    expect(d.units.map((u) => u.status)).toEqual(["ok", "excluded"]);
    expect(d.forms[0].rows.find((x) => x.code === "2.1")!.value).toBe(10);
    const none = await run("consolidate", path.join(dir, "hong.xlsx"), "-o", path.join(work, "none.xlsx"));
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/hong\.xlsx: .*\n.*không tổng hợp được/);
  });
});
