/**
 * The "sonla-kiemtra" template must be the appendices of seeds/004_83904f557bb4d90c.txt
 * (Sơn La, Kế hoạch kiểm tra công tác CCHC năm 2024):
 * - Phụ lục I, a list: STT · Tên nhiệm vụ · Số văn bản · Trích yếu nội dung văn bản ·
 *   Thời hạn ban hành văn bản · Đúng hạn/quá hạn · Ghi chú, grouped by sections I–VI;
 * - Phụ lục II, a table with two value columns (Năm 2023, Năm 2024), row for row.
 *
 * The tables are tab-separated in the seed, with <b>/<i> markup and the column header
 * repeated after every page break. The parser below knows nothing about the template:
 * - it drops the header lines ("STT · Chỉ tiêu thống kê · Kết quả thống kê · Ghi chú" and
 *   "Đơn vị tính · Năm 2023 · Năm 2024");
 * - a line with an STT, or with a label and a unit, or with a label starting with a capital
 *   letter, starts a row;
 * - a line with only a label starting with a lower-case letter continues the row above (the
 *   part of a label a page break pushed to the next page).
 */
import * as fs from "fs";
import * as path from "path";
import { checkTemplate, findTemplate, isListForm, loadTemplate, printedCode, rowKey, valueColumnsOf } from "../../src/catalog";
import type { FormSpec, RowSpec, TemplateSpec } from "../../src/catalog/types";
import sonlaJson from "../../src/catalog/templates/sonla-kiemtra.json";
import { foldText } from "../../src/core/text";

const SEED = path.resolve(__dirname, "../../../shared/seeds/004_83904f557bb4d90c.txt");

const collapse = (s: string): string => s.normalize("NFC").replace(/\s+/gu, " ").trim();
const cell = (s: string | undefined): string => collapse((s ?? "").replace(/<[^>]*>/g, " "));

interface SeedRow {
  stt: string;
  label: string;
  unit: string;
  /** 1-based line of the seed where the row starts. */
  line: number;
}

interface Seed {
  listTitle: string;
  listHeader: string[];
  listSections: { code: string; title: string }[];
  listPlaceholders: string[];
  tableTitle: string;
  tableHeader: string[];
  rows: SeedRow[];
  continued: string[];
}

function parseSeed(text: string): Seed {
  const lines = text.normalize("NFC").split(/\r?\n/);
  const p1 = lines.findIndex((l) => l.trim() === "**Phụ lục I**");
  const p2 = lines.findIndex((l) => l.startsWith("**Phụ lục II**"));
  if (p1 < 0 || p2 < 0) throw new Error("no appendices in the seed");

  // Phụ lục I
  const listTitle = collapse(
    lines
      .slice(p1 + 1, p2)
      .find((l) => /DANH MỤC/.test(l))!
      .replace(/\*\*/g, ""),
  );
  const listLines = lines.slice(p1, p2).filter((l) => l.includes("\t"));
  const listHeader = listLines[0].split("\t").map(cell);
  const listSections: { code: string; title: string }[] = [];
  const listPlaceholders: string[] = [];
  for (const l of listLines.slice(1)) {
    const cells = l.split("\t").map(cell);
    if (cells.slice(2).some((c) => c !== "")) throw new Error(`Phụ lục I has values: ${l}`);
    if (/^[IVX]+$/.test(cells[0])) listSections.push({ code: cells[0], title: cells[1] });
    else listPlaceholders.push(cells[0]);
  }

  // Phụ lục II
  const tableTitle = collapse(/\*\*Phụ lục II\*\*\*\*(.+?)\*\*\*/.exec(lines[p2])![1]);
  const rows: SeedRow[] = [];
  const continued: string[] = [];
  let tableHeader: string[] = [];
  for (let i = p2 + 1; i < lines.length; i++) {
    if (!lines[i].includes("\t")) continue;
    const cells = lines[i].split("\t").map(cell);
    const [stt, label, unit, y2023, y2024, note] = [0, 1, 2, 3, 4, 5].map((k) => cells[k] ?? "");
    if (stt === "STT") {
      tableHeader = [stt, label, unit, note];
      continue;
    }
    if (stt === "" && label === "" && unit === "Đơn vị tính") {
      tableHeader = [...tableHeader, unit, y2023, y2024];
      continue;
    }
    if (cells.length > 6 && cells.slice(6).some((c) => c !== "")) throw new Error(`line ${i + 1}: more than 6 columns`);
    if (y2023 || y2024 || note) throw new Error(`line ${i + 1}: the seed's tables are blank, found a value`);
    if (stt === "" && label === "" && unit === "") continue;
    if (stt !== "" || unit !== "" || /^\p{Lu}/u.test(label)) {
      rows.push({ stt, label, unit, line: i + 1 });
      continue;
    }
    const row = rows[rows.length - 1];
    row.label = collapse(`${row.label} ${label}`);
    continued.push(row.stt || row.label.slice(0, 20));
  }
  return { listTitle, listHeader, listSections, listPlaceholders, tableTitle, tableHeader, rows, continued };
}

const template: TemplateSpec = loadTemplate(sonlaJson, "sonla-kiemtra.json");
const list: FormSpec = template.forms.find((f) => f.number === 1)!;
const table: FormSpec = template.forms.find((f) => f.number === 2)!;
let seed: Seed;

beforeAll(() => {
  if (!fs.existsSync(SEED)) throw new Error(`Seed report not found: ${SEED}`);
  seed = parseSeed(fs.readFileSync(SEED, "utf8"));
});

const row = (key: string): RowSpec => {
  const r = table.rows.find((x) => rowKey(x) === key);
  if (!r) throw new Error(`row ${key} missing`);
  return r;
};

/** The seed's rows, with the two differences the template makes (each explained in the row's note). */
function seedRowsAsTemplated(): { stt: string; label: string; unit: string }[] {
  const out: { stt: string; label: string; unit: string }[] = [];
  for (const r of seed.rows) {
    const prev = out[out.length - 1];
    // Row 6.1 is printed twice, identically: one row.
    if (prev && prev.stt === r.stt && prev.label === r.label && prev.unit === r.unit) continue;
    // One printed row holding two district indicators: a heading and two rows.
    if (r.label.startsWith("Đối với cấp huyện, báo cáo thêm về:")) {
      const [, , first, second] = /^(Đối với cấp huyện, báo cáo thêm về:) (Tổng số hồ sơ .+?) (Tổng số hồ sơ .+)$/.exec(r.label)!;
      const units = /^(\.\.\. hồ sơ = \.\.\.%) (\.\.\. hồ sơ = \.\.\.%)$/.exec(r.unit)!;
      out.push({ stt: "", label: "Đối với cấp huyện, báo cáo thêm về:", unit: "" });
      out.push({ stt: "", label: first, unit: units[1] });
      out.push({ stt: "", label: second, unit: units[2] });
      continue;
    }
    out.push({ stt: r.stt, label: r.label, unit: r.unit });
  }
  return out;
}

describe("sonla-kiemtra matches the appendices of seeds/004_…", () => {
  test("two forms: Phụ lục I a list, Phụ lục II a table with the columns Năm 2023 and Năm 2024", () => {
    expect(template).toMatchObject({ id: "sonla-kiemtra", level: "so" });
    expect(template.forms.map((f) => [f.number, f.caption, f.kind ?? "table"])).toEqual([
      [1, "Phụ lục I", "list"],
      [2, "Phụ lục II", "table"],
    ]);
    expect(findTemplate("sonla-kiemtra")).toBeDefined();
    expect(list.title).toBe(seed.listTitle);
    expect(table.title).toBe(seed.tableTitle);
    expect(table.title).toBe("THỐNG KÊ SỐ LIỆU VỀ KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH");
    expect(seed.tableHeader).toEqual(["STT", "Chỉ tiêu thống kê", "Kết quả thống kê", "Ghi chú", "Đơn vị tính", "Năm 2023", "Năm 2024"]);
    expect(valueColumnsOf(table)).toEqual(seed.tableHeader.slice(5));
    expect(table.yearChangeFactor).toBe(3);
  });

  test("Phụ lục I: the printed columns after STT, with their types, and the six sections", () => {
    expect(isListForm(list)).toBe(true);
    expect(list.rows).toEqual([]);
    expect(["STT", ...list.columns!.map((c) => c.title)]).toEqual(seed.listHeader);
    expect(list.columns!.map((c) => [c.key, c.type])).toEqual([
      ["ten-nhiem-vu", "text"],
      ["so-van-ban", "text"],
      ["trich-yeu", "text"],
      ["thoi-han", "date"],
      ["tinh-trang", "status"],
      ["ghi-chu", "text"],
    ]);
    expect(list.sections).toEqual(seed.listSections);
    expect(list.sections!.map((s) => s.code)).toEqual(["I", "II", "III", "IV", "V", "VI"]);
    // The seed's numbered rows are placeholders, not tasks.
    expect(seed.listPlaceholders).toEqual(["1", "..", "1", "...", "1", "..."]);
  });

  test("the parser joins exactly the label a page break split; the seed prints 6.1 twice", () => {
    expect(seed.continued).toEqual(["Tỷ lệ văn bản được g"]);
    const sixOne = seed.rows.filter((r) => r.stt === "6.1");
    expect(sixOne).toHaveLength(2);
    expect({ ...sixOne[0], line: 0 }).toEqual({ ...sixOne[1], line: 0 });
    expect(seed.rows).toHaveLength(139);
  });

  test("every row of Phụ lục II is in the template, in order, with the STT, label and unit as printed", () => {
    const printed = seedRowsAsTemplated();
    const diffs: string[] = [];
    printed.forEach((p, i) => {
      const r = table.rows[i];
      const mine = { stt: r ? printedCode(r) : undefined, label: r?.label, unit: r?.unit };
      if (JSON.stringify(p) !== JSON.stringify(mine))
        diffs.push(`row ${i + 1}: seed ${JSON.stringify(p)} / template ${JSON.stringify(mine)}`);
    });
    expect(diffs).toEqual([]);
    expect(table.rows).toHaveLength(printed.length);
    // The split row: labels and units joined give the printed cell.
    const printedRow = seed.rows.find((r) => r.label.startsWith("Đối với cấp huyện"))!;
    const split = ["b2.2.4.cap-huyen", "b2.2.4.dat-dai", "b2.2.4.xay-dung"].map(row);
    expect(split.map((r) => r.label).join(" ")).toBe(printedRow.label);
    expect(
      split
        .map((r) => r.unit)
        .filter(Boolean)
        .join(" "),
    ).toBe(printedRow.unit);
  });

  test("codes: section I's groups 1–6 are I.1–I.6 with the printed STT kept; other codes as printed; ids b2.{code}", () => {
    const withStt = table.rows.filter((r) => r.stt !== undefined).map((r) => [r.code, r.stt]);
    expect(withStt).toEqual([1, 2, 3, 4, 5, 6].map((n) => [`I.${n}`, String(n)]));
    for (const r of table.rows) if (r.code !== "") expect({ code: r.code, id: r.id }).toEqual({ code: r.code, id: `b2.${r.code}` });
    // Uncoded rows are named under their group.
    for (const r of table.rows.filter((x) => x.code === "")) expect(r.id).toMatch(/^b2\.(I\.\d|\d\.\d)\.[a-z0-9-]+$/);
    expect(table.rows.filter((r) => r.code === "").length).toBe(88);
    expect(checkTemplate(sonlaJson, "sonla-kiemtra.json")).toEqual([]);
  });
});

describe("sonla-kiemtra rules", () => {
  test("rules the rows imply, each with a note", () => {
    const rules = table.rows.flatMap((r) => [
      ...(r.ratio ? [`${rowKey(r)} = ${r.ratio.numerator} / ${r.ratio.denominator}`] : []),
      ...(r.sum ? [`${rowKey(r)} = ${r.sum.join(" + ")}`] : []),
      ...(r.checks ?? []).map((c) => `${rowKey(r)} ≥ ${c.parts.join(" + ")}${c.severity ? ` (${c.severity})` : ""}`),
      ...(r.compound?.partOfWhole
        ? [`${rowKey(r)}: ${r.compound.parts[0]} ≤ ${r.compound.parts[1]}${r.compound.severity ? ` (${r.compound.severity})` : ""}`]
        : []),
    ]);
    expect(rules).toEqual([
      "b2.I.1.de-ra ≥ b2.I.1.hoan-thanh",
      "b2.I.2.ke-hoach ≥ b2.I.2.da-kiem-tra",
      "b2.I.2.phat-hien ≥ b2.I.2.xu-ly",
      "b2.I.3.de-ra ≥ b2.I.3.hoan-thanh",
      "b2.I.4.duoc-giao ≥ b2.I.4.dung-han + b2.I.4.qua-han",
      "1.2 ≥ 1.3",
      "1.3 ≥ 1.4",
      "1.7 ≥ 1.8",
      "b2.2.2.cong-khai ≥ b2.2.2.mot-phan + b2.2.2.toan-trinh (warning)",
      "b2.2.3.quy-trinh ≥ b2.2.3.dien-tu-hoa (warning)",
      "b2.2.4.xin-loi: Văn bản xin lỗi ≤ Hồ sơ trễ hạn (warning)",
      "b2.2.4.doi-thoai: Cuộc ≤ Người tham gia (warning)",
      "b2.3.2.duoc-giao ≥ b2.3.2.co-mat (warning)",
      "b2.3.3.duoc-giao ≥ b2.3.3.co-mat (warning)",
      "b2.4.2.thi-tuyen ≥ b2.4.2.vc-thi-tuyen (warning)",
      "b2.4.5.dang-ky ≥ b2.4.5.thang-hang",
      "b2.4.6.nop-ho-so ≥ b2.4.6.tiep-nhan",
      "b2.6.5.don-vi: Cơ quan, đơn vị ≤ Tổng",
      "b2.6.5.tai-khoan: Tài khoản ≤ Tổng",
    ]);
    for (const r of table.rows)
      for (const c of r.checks ?? []) expect({ key: rowKey(r), note: typeof c.note }).toEqual({ key: rowKey(r), note: "string" });
  });

  test("compound units: every unit with '/' or '=' (but Tin/bài and the coded answers) is read into its parts", () => {
    const compound = table.rows.filter((r) => r.compound).map((r) => [rowKey(r), r.unit, r.kind, r.compound!.parts]);
    expect(compound).toEqual([
      ["b2.2.3.quy-trinh", "Thủ tục ...= ...%", "count", ["Thủ tục", "%"]],
      ["b2.2.3.dien-tu-hoa", "Quy trình ...=...%", "count", ["Quy trình", "%"]],
      ["b2.2.4.dung-han", "... hồ sơ = ...%", "percent", ["Hồ sơ", "%"]],
      ["b2.2.4.tre-han", "... hồ sơ = ...%", "percent", ["Hồ sơ", "%"]],
      ["b2.2.4.xin-loi", "Tổng số văn bản xin lỗi theo quy định/tổng số hồ TTHC trễ hạn", "count", ["Văn bản xin lỗi", "Hồ sơ trễ hạn"]],
      ["b2.2.4.doi-thoai", "Cuộc/người tham gia", "count", ["Cuộc", "Người tham gia"]],
      ["b2.2.4.dat-dai", "... hồ sơ = ...%", "count", ["Hồ sơ", "%"]],
      ["b2.2.4.xay-dung", "... hồ sơ = ...%", "count", ["Hồ sơ", "%"]],
      ["6.1", "... cơ quan, đơn vị = ...%", "count", ["Cơ quan, đơn vị", "%"]],
      ["6.2", "... văn bản = ...%", "count", ["Văn bản", "%"]],
      ["b2.6.4.ty-le", "Cuộc/cuộc = .....%", "percent", ["Cuộc", "Cuộc", "%"]],
      ["b2.6.5.don-vi", "Số cơ quan, đơn vị/ tổng", "count", ["Cơ quan, đơn vị", "Tổng"]],
      ["b2.6.5.tai-khoan", "Số tài khoản/ tổng", "count", ["Tài khoản", "Tổng"]],
      ["b2.6.7.tthc", "TTHC/KQ giải quyết", "count", ["TTHC", "KQ giải quyết"]],
      ["b2.6.8.may-tinh", "Số máy/Số người làm việc tại bộ phận 1 cửa", "count", ["Số máy", "Số người làm việc tại bộ phận 1 cửa"]],
    ]);
    const looksCompound = (r: RowSpec) => /[/=]/.test(r.unit) && r.kind !== "coded" && r.unit !== "Tin/bài";
    expect(table.rows.filter(looksCompound).map(rowKey)).toEqual(compound.map((c) => c[0]));
    for (const r of table.rows.filter((x) => x.compound)) {
      // As many parts as the printed unit has: the pieces around "/" and a "%" after "=".
      const pieces = r.unit.split("=")[0].split("/").length + (/%/.test(r.unit) ? 1 : 0);
      expect({ key: rowKey(r), parts: r.compound!.parts.length }).toEqual({ key: rowKey(r), parts: pieces });
      expect(r.note).toMatch(/[Cc]ompound/);
    }
    // "N hồ sơ = X%": the note says the percent cannot be checked.
    for (const key of ["b2.2.4.dung-han", "b2.2.4.tre-han", "b2.2.4.dat-dai", "b2.2.3.quy-trinh"])
      expect(row(key).note).toMatch(/cannot be checked/);
  });

  test("kinds and aggregation: headings, counts summed, percents left to the officer, coded answers counted", () => {
    const byKind = (kind: string) => table.rows.filter((r) => r.kind === kind).map(rowKey);
    expect(byKind("coded")).toEqual(["b2.2.4.pakn", "b2.2.4.cong-khai-pakn"]);
    for (const key of byKind("coded"))
      expect(row(key).options).toEqual([
        { value: 0, label: "Không" },
        { value: 1, label: "Có" },
      ]);
    expect(byKind("percent")).toEqual([
      "b2.2.4.dung-han",
      "b2.2.4.tre-han",
      "b2.3.1.ty-le-cat-giam",
      "b2.3.2.ty-le",
      "b2.3.3.ty-le",
      "b2.6.3.dien-tu",
      "b2.6.3.song-song",
      "b2.6.4.ty-le",
      "b2.6.6.hs-mot-phan",
      "b2.6.6.hs-toan-trinh",
      "b2.6.6.so-hoa",
      "b2.6.7.ty-le",
    ]);
    expect(byKind("heading")).toEqual([
      "I",
      "I.1",
      "I.2",
      "I.3",
      "I.4",
      "I.6",
      "II",
      "1",
      "2",
      "2.1",
      "2.2",
      "2.3",
      "2.4",
      "b2.2.4.cap-huyen",
      "3",
      "3.1",
      "3.2",
      "3.3",
      "4",
      "4.1",
      "4.2",
      "4.3",
      "4.4",
      "4.5",
      "b2.4.5.tiep-nhan",
      "4.6",
      "4.7",
      "4.8",
      "5",
      "6",
      "6.3",
      "6.4",
      "6.5",
      "6.6",
      "6.7",
      "6.8",
    ]);
    // Headings are exactly the rows printed without a unit.
    expect(table.rows.filter((r) => r.unit === "").map(rowKey)).toEqual(byKind("heading"));
    const expected: Record<string, string> = { heading: "none", count: "sum", percent: "manual", coded: "answers" };
    for (const r of table.rows) expect({ key: rowKey(r), aggregate: r.aggregate }).toEqual({ key: rowKey(r), aggregate: expected[r.kind] });
    for (const r of table.rows.filter((x) => x.kind === "percent")) expect(r.note).toMatch(/cannot be pooled/);
  });

  test("equal labels under different groups are distinct rows", () => {
    const labels = table.rows.map((r) => foldText(r.label));
    const repeated = [...new Set(labels.filter((l, i) => labels.indexOf(l) !== i))];
    expect(repeated).toEqual(["so nhiem vu de ra trong ke hoach", "so nhiem vu da hoan thanh", "tiep nhan vao lam vien chuc"]);
  });
});

describe("the catalog checker and the new fields", () => {
  const broken = (mutate: (t: Record<string, any>) => void): string[] => {
    const t = JSON.parse(JSON.stringify(sonlaJson));
    mutate(t);
    return checkTemplate(t, "x.json").map((p) => `${p.where}: ${p.message}`);
  };

  test("valueColumns and yearChangeFactor", () => {
    expect(broken((t) => (t.forms[1].valueColumns = []))).toEqual([expect.stringMatching(/Biểu mẫu 2: "valueColumns" phải là danh sách/)]);
    expect(broken((t) => (t.forms[1].valueColumns = ["Năm 2023", "năm 2023"]))).toEqual([
      expect.stringMatching(/cột số liệu "năm 2023" bị lặp/),
    ]);
    expect(broken((t) => (t.forms[1].yearChangeFactor = 1))).toEqual([expect.stringMatching(/"yearChangeFactor" phải là số lớn hơn 1/)]);
    expect(broken((t) => (t.forms[1].valueColumns = ["Số liệu"]))).toEqual([expect.stringMatching(/chỉ dùng cho biểu có từ hai cột/)]);
    expect(broken((t) => (t.forms[1].cot = 1))).toEqual([expect.stringMatching(/Biểu mẫu 2: trường "cot" không được hỗ trợ/)]);
  });

  test("list forms: columns with key, title and type; sections; no rows, no value columns", () => {
    expect(broken((t) => delete t.forms[0].columns)).toEqual([expect.stringMatching(/Biểu mẫu 1: biểu danh sách cần "columns"/)]);
    expect(broken((t) => (t.forms[0].columns[3].type = "ngày"))).toEqual([
      expect.stringMatching(/cột thứ 4: kiểu cột "ngày" không hợp lệ/),
    ]);
    expect(broken((t) => (t.forms[0].columns[1].key = "ten-nhiem-vu"))).toEqual([expect.stringMatching(/"key" "ten-nhiem-vu" bị lặp/)]);
    expect(broken((t) => (t.forms[0].sections[1].code = "I"))).toEqual([expect.stringMatching(/số nhóm "I" bị lặp/)]);
    expect(broken((t) => (t.forms[0].rows = [t.forms[1].rows[2]]))).toEqual([
      expect.stringMatching(/biểu danh sách không có dòng chỉ tiêu/),
    ]);
    expect(broken((t) => (t.forms[0].valueColumns = ["A", "B"]))).toEqual([
      expect.stringMatching(/biểu danh sách không có "valueColumns"/),
    ]);
    expect(broken((t) => (t.forms[1].sections = []))).toEqual([
      expect.stringMatching(/chỉ biểu danh sách \("kind": "list"\) mới có "sections"/),
    ]);
    expect(broken((t) => (t.forms[0].kind = "bang"))).toEqual([expect.stringMatching(/loại biểu "bang" không hợp lệ/)]);
  });

  test("stt and compound", () => {
    const at = (key: string) => (t: Record<string, any>) => t.forms[1].rows.find((r: RowSpec) => rowKey(r) === key);
    expect(broken((t) => (at("I.1")(t).stt = "1."))).toEqual([expect.stringMatching(/dòng I\.1: STT không được có dấu chấm cuối/)]);
    expect(broken((t) => (at("b2.2.4.dung-han")(t).compound = { parts: ["Hồ sơ"] }))).toEqual([
      expect.stringMatching(/"compound" cần "parts": ít nhất hai/),
    ]);
    expect(broken((t) => (at("b2.2.4.dung-han")(t).compound = { parts: ["Hồ sơ", "Người"] }))).toEqual([
      expect.stringMatching(/dòng tỷ lệ có "compound" cần đúng một phần "%"/),
    ]);
    expect(broken((t) => (at("b2.2.4.dat-dai")(t).compound = { parts: ["%", "Hồ sơ"] }))).toEqual([
      expect.stringMatching(/phần "%" phải là phần cuối/),
    ]);
    expect(broken((t) => (at("b2.6.5.don-vi")(t).compound.partOfWhole = "có"))).toEqual([
      expect.stringMatching(/"partOfWhole" phải là true hoặc false/),
    ]);
    expect(broken((t) => (at("b2.2.4.pakn")(t).compound = { parts: ["Có", "%"] }))).toEqual([
      expect.stringMatching(/dòng loại "coded" không có "compound"/),
    ]);
  });
});
