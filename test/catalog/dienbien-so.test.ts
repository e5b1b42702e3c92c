/**
 * The "dienbien-so" template must be the appendix of seeds/002_ffef3b16abb813ac.txt
 * (Sở KH&ĐT Điện Biên, quý I/2023: "TỔNG KÊ SỐ LIỆU VỀ KẾT QUẢ THỰC HIỆN CÔNG TÁC
 * CCHC TẠI CÁC CƠ QUAN CHUYÊN MÔN THUỘC UBND TỈNH"), row for row.
 *
 * The appendix is a tab-separated table in the seed (STT · Chỉ tiêu thống kê ·
 * Đơn vị tính · Số liệu · Ghi chú, with some HTML markup from the conversion). The
 * parser below knows nothing about the template. It
 * - drops the column header, repeated after every page break;
 * - starts a row at a line with something in the STT column ("I", "1.1.1", "Trong đó"),
 *   or with both a label and a unit (the uncoded "Trong đó" rows: "Số TTHC cấp huyện:");
 * - appends every other line (the part of a row the page break pushed to the next
 *   page) to the row above, column by column, with single spaces.
 */
import * as fs from "fs";
import * as path from "path";
import { checkTemplate, loadTemplate, rowKey } from "../../src/catalog";
import type { RowSpec, TemplateSpec } from "../../src/catalog/types";
import dienbienJson from "../../src/catalog/templates/dienbien-so.json";
import { foldText } from "../../src/core/text";
import { DIENBIEN_NOTES, DIENBIEN_VALUES } from "../fixtures/seed-values-dienbien";

const SEED = path.resolve(__dirname, "../../../shared/seeds/002_ffef3b16abb813ac.txt");

interface SeedRow {
  /** STT as printed: "I", "1.1.1", "Trong đó", "" */
  stt: string;
  label: string;
  unit: string;
  value: string;
  note: string;
  /** 1-based line of the seed where the row starts. */
  line: number;
}

const collapse = (s: string): string => s.normalize("NFC").replace(/\s+/gu, " ").trim();
const cell = (s: string | undefined): string => collapse((s ?? "").replace(/<[^>]*>/g, " "));

function parseSeed(text: string): { title: string; rows: SeedRow[]; continued: string[] } {
  const lines = text.normalize("NFC").split(/\r?\n/);
  const t = lines.findIndex((l) => /TỔNG KÊ SỐ LIỆU/.test(l));
  if (t < 0) throw new Error("no appendix title in the seed");
  const titleLines: string[] = [];
  for (let i = t; i < lines.length && lines[i].trim() !== ""; i++) titleLines.push(lines[i]);
  const title = collapse(titleLines.join(" ").replace(/\*\*/g, ""));
  const start = lines.findIndex((l, i) => i > t && /^STT\t/.test(l));
  if (start < 0) throw new Error("no table in the seed");

  const rows: SeedRow[] = [];
  const continued: string[] = [];
  for (let i = start; i < lines.length; i++) {
    const cells = lines[i].split("\t").map(cell);
    const [stt, label, unit, value, note] = [0, 1, 2, 3, 4].map((k) => cells[k] ?? "");
    if (cells.every((c) => c === "")) continue;
    if (stt === "STT" || (stt === "" && label === "" && unit === "Đơn vị tính" && value === "Số liệu")) continue; // header
    if (cells.length > 5 && cells.slice(5).some((c) => c !== "")) throw new Error(`line ${i + 1}: more than 5 columns`);
    if (stt !== "" || (label !== "" && unit !== "")) {
      rows.push({ stt, label, unit, value, note, line: i + 1 });
      continue;
    }
    const row = rows[rows.length - 1];
    if (!row) throw new Error(`line ${i + 1}: text before the first row`);
    const join = (a: string, b: string) => collapse(`${a} ${b}`);
    row.label = join(row.label, label);
    row.unit = join(row.unit, unit);
    row.value = join(row.value, value);
    row.note = join(row.note, note);
    continued.push(`${row.stt}:${[label && "label", unit && "unit", value && "value", note && "note"].filter(Boolean).join("+")}`);
  }
  return { title, rows, continued };
}

const template: TemplateSpec = loadTemplate(dienbienJson, "dienbien-so.json");
const form = template.forms[0];
let seed: ReturnType<typeof parseSeed>;

beforeAll(() => {
  if (!fs.existsSync(SEED)) throw new Error(`Seed report not found: ${SEED}`);
  seed = parseSeed(fs.readFileSync(SEED, "utf8"));
});

const codeOf = (r: SeedRow): string => (r.stt === "Trong đó" ? "" : r.stt);

describe("dienbien-so matches the appendix of seeds/002_…", () => {
  test("one form, level so, the appendix title as printed", () => {
    expect(template).toMatchObject({ id: "dienbien-so", level: "so" });
    expect(template.forms.map((f) => f.number)).toEqual([1]);
    expect(form.title).toBe(seed.title);
    expect(form.title).toBe("TỔNG KÊ SỐ LIỆU VỀ KẾT QUẢ THỰC HIỆN CÔNG TÁC CCHC TẠI CÁC CƠ QUAN CHUYÊN MÔN THUỘC UBND TỈNH");
  });

  test("the parser joins exactly the cells a page break split", () => {
    expect(seed.continued).toEqual([
      "1.6.3:unit+note", // "- Hội thi, - Tọa đàm" / "- Sân khấu hóa …"; "Tổng hợp File (Kế" / "hoạch, …"
      "1.6.4:note", // "… Liệt kê các nhiệm vụ" / "chưa hoàn thành (nếu có)"
      "4.1.2:unit", // "Phòng, ban," / "đơn vị"
      "7:label", // "XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH" / "QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ"
      "7.4.5:label", // "… tất cả các loại" / "hình (trực tuyến …"
    ]);
    // Sections as printed: I–V, then 6 and 7 (not VI, VII); four uncoded rows.
    expect(seed.rows.filter((r) => !/\./.test(r.stt) && r.stt !== "" && r.stt !== "Trong đó").map((r) => r.stt)).toEqual([
      "I",
      "II",
      "III",
      "IV",
      "V",
      "6",
      "7",
    ]);
    expect(seed.rows.filter((r) => codeOf(r) === "").map((r) => r.stt)).toEqual(["Trong đó", "", "", ""]);
  });

  test("every seed row is in the template, in order, with the same code, label and unit; no extra rows", () => {
    expect(form.rows).toHaveLength(seed.rows.length);
    expect(form.rows.length).toBe(131);
    const diffs: string[] = [];
    seed.rows.forEach((s, i) => {
      const r = form.rows[i];
      const printed = { code: codeOf(s), label: s.label, unit: s.unit };
      const mine = { code: r?.code, label: r?.label, unit: r?.unit };
      if (JSON.stringify(printed) !== JSON.stringify(mine))
        diffs.push(`row ${i + 1} (seed line ${s.line}): seed ${JSON.stringify(printed)} / template ${JSON.stringify(mine)}`);
    });
    expect(diffs).toEqual([]);
  });

  test("values and notes printed in the seed are in test/fixtures/seed-values-dienbien.ts", () => {
    const values: Record<string, string> = {};
    const notes: Record<string, string> = {};
    seed.rows.forEach((s, i) => {
      const key = rowKey(form.rows[i]);
      if (s.value !== "") values[key] = s.value;
      if (s.note !== "") notes[key] = s.note;
    });
    expect(DIENBIEN_VALUES).toEqual(values);
    expect(DIENBIEN_NOTES).toEqual(notes);
  });

  test("ids: b1.{code}; uncoded rows have stable ids under their parent", () => {
    for (const r of form.rows) {
      if (r.code !== "") expect({ code: r.code, id: r.id }).toEqual({ code: r.code, id: `b1.${r.code}` });
    }
    expect(form.rows.filter((r) => r.code === "").map((r) => [r.id, r.label])).toEqual([
      ["b1.3.1.3.tinh", "Số TTHC cấp tỉnh:"],
      ["b1.3.1.3.huyen", "Số TTHC cấp huyện:"],
      ["b1.3.1.3.xa", "Số TTHC cấp xã:"],
      [
        "b1.7.2.he-thong",
        "Tổng số hồ sơ giải quyết TTHC của cơ quan, đơn vị được thực hiện thông qua Hệ thống thông tin giải quyết TTHC của tỉnh",
      ],
    ]);
    for (const r of form.rows) {
      expect({ id: r.id, label: r.label }).toEqual({ id: r.id, label: collapse(r.label) });
      expect({ id: r.id, unit: r.unit }).toEqual({ id: r.id, unit: collapse(r.unit) });
    }
  });
});

describe("dienbien-so rules", () => {
  const row = (key: string): RowSpec => {
    const r = form.rows.find((x) => rowKey(x) === key);
    if (!r) throw new Error(`row ${key} missing`);
    return r;
  };

  test("ratios, sums and checks", () => {
    const rules = form.rows.flatMap((r) => [
      ...(r.ratio ? [`${rowKey(r)} = ${r.ratio.numerator} / ${r.ratio.denominator}`] : []),
      ...(r.sum ? [`${rowKey(r)} = ${r.sum.join(" + ")}`] : []),
      ...(r.checks ?? []).map(
        (c) => `${rowKey(r)} ${c.rule === "le" ? "≥" : "="} ${c.parts.join(" + ")}${c.severity ? ` (${c.severity})` : ""}`,
      ),
    ]);
    expect(rules).toEqual([
      "1.1.1 ≥ 1.1.2",
      "1.2.2 ≥ 1.2.3",
      "1.3.1 ≥ 1.3.2 + 1.3.3",
      "2.4 ≥ 2.5",
      "3.1.3 = b1.3.1.3.tinh + b1.3.1.3.huyen + b1.3.1.3.xa",
      "3.1.3 ≥ 3.2 (warning)",
      "3.3 = 3.3.1 + 3.3.2",
      "3.5 = 3.5.2 / 3.5.1",
      "4.1.4 = 6.3.1 + 6.3.2 + 6.3.3 + 6.3.4 (warning)",
      "4.1.4 ≥ 5.1.2 (warning)",
      "4.2.1 ≥ 4.2.2 (warning)",
      "4.3.1 ≥ 4.3.2 (warning)",
      "7.1 ≥ 7.1.1 + 7.1.2",
      "7.2 ≥ b1.7.2.he-thong",
      "7.3.2 ≥ 7.3.3",
      "7.3.4 ≥ 7.3.5",
      "7.3.6 ≥ 7.3.7",
      "7.4.3 ≥ 7.4.4",
      "7.4.5 ≥ 7.4.6",
      "7.5.1 ≥ 7.5.2",
      "7.5.2 ≥ 7.5.3 (warning)",
      "7.5.2 ≥ 7.5.4 (warning)",
      "7.5.5 ≥ 7.5.6",
      "7.5.6 ≥ 7.5.3 (warning)",
      "7.5.7 ≥ 7.5.8",
      "7.5.8 ≥ 7.5.4 (warning)",
    ]);
    // 3.1.3 stays an input (the seed types it); 3.3 is computed.
    expect(row("3.1.3").sum).toBeUndefined();
    expect(row("3.3")).toMatchObject({ kind: "count", unit: "" });
    expect(row("3.2")).toMatchObject({ kind: "count", unit: "" });
  });

  test("kinds: headings, percents, coded answers, money", () => {
    const byKind = (kind: string) => form.rows.filter((r) => r.kind === kind).map(rowKey);
    expect(byKind("percent")).toEqual(["1.6.4", "3.3.3", "3.4.1", "3.4.2", "3.4.3", "4.2.5", "4.3.4"]);
    expect(byKind("ratio")).toEqual(["3.5"]);
    expect(byKind("money")).toEqual(["6.1.2", "6.4"]);
    expect(byKind("coded")).toEqual(["1.4.2", "1.5", "5.3.1"]);
    expect(byKind("heading")).toEqual([
      "I",
      "1.1",
      "1.2",
      "1.3",
      "1.4",
      "1.6",
      "II",
      "III",
      "3.1",
      "3.4",
      "IV",
      "4.1",
      "4.2",
      "4.3",
      "V",
      "5.1",
      "5.2",
      "5.3",
      "5.4",
      "6",
      "6.1",
      "6.2",
      "6.3",
      "7",
      "7.3",
      "7.4",
      "7.5",
    ]);
    expect(row("1.4.2").options).toEqual([
      { value: 0, label: "Trực tuyến" },
      { value: 1, label: "Phát phiếu" },
      { value: 2, label: "Kết hợp" },
    ]);
    expect(row("1.5").options).toEqual([
      { value: 0, label: "Không" },
      { value: 1, label: "Có" },
    ]);
    expect(row("5.3.1").options).toEqual([
      { value: 1, label: "Đã thực hiện" },
      { value: 0, label: "Chưa thực hiện" },
    ]);
    // Coded units are printed "A = 0 B = 1": every option is in the printed unit.
    for (const r of form.rows.filter((x) => x.kind === "coded")) {
      for (const o of r.options!) expect(r.unit).toContain(`${o.label} = ${o.value}`);
    }
    expect(row("6.1.2").unit).toBe("Đồng");
    expect(row("6.4").unit).toBe("Đồng");
  });

  test("aggregation across departments: counts summed (none the same list), ratio pooled, answers counted, percents manual", () => {
    const expected: Record<string, string> = {
      heading: "none",
      count: "sum",
      money: "sum",
      ratio: "pooled",
      coded: "answers",
      percent: "manual",
    };
    for (const r of form.rows) expect({ key: rowKey(r), aggregate: r.aggregate }).toEqual({ key: rowKey(r), aggregate: expected[r.kind] });
  });

  test("every judgement has a note", () => {
    for (const r of form.rows) {
      const key = rowKey(r);
      for (const c of r.checks ?? []) expect({ key, note: typeof c.note }).toEqual({ key, note: "string" });
      if (["percent", "ratio", "coded", "money"].includes(r.kind) || r.code === "" || r.subUnits) {
        expect({ key, note: typeof r.note }).toEqual({ key, note: "string" });
      }
      if (r.kind !== "heading" && r.unit === "") expect({ key, note: typeof r.note }).toEqual({ key, note: "string" });
    }
    for (const key of ["6", "7", "4.1.2", "7.4.5"]) expect(row(key).note).toMatch(/as printed|page break/);
  });

  test("rows with several sub-units: one total row, the sub-units listed, the printed unit kept", () => {
    const sub = form.rows.filter((r) => r.subUnits).map((r) => [rowKey(r), r.unit, r.subUnits]);
    expect(sub).toEqual([
      ["1.6.1", "- Tin - Bài - Video - Khác", ["Tin", "Bài", "Video", "Khác"]],
      ["1.6.2", "- Hội nghị - Tập huấn - Khác", ["Hội nghị", "Tập huấn", "Khác"]],
      [
        "1.6.3",
        "- Hội thi, - Tọa đàm - Sân khấu hóa - Xuất bản tờ rơi, - Trên mạng xã hội, mạng viễn thông, công nghệ thông tin, ... - Khác",
        ["Hội thi", "Tọa đàm", "Sân khấu hóa", "Xuất bản tờ rơi", "Trên mạng xã hội, mạng viễn thông, công nghệ thông tin", "Khác"],
      ],
    ]);
    for (const r of form.rows.filter((x) => x.subUnits)) {
      expect(r.kind).toBe("count");
      // Each sub-unit is one "- …" item of the printed unit.
      const items = r.unit
        .split(/(?:^|\s)-\s/)
        .map(foldText)
        .filter(Boolean);
      expect(r.subUnits!.map(foldText)).toEqual(items);
    }
  });
});

describe("the catalog checker and subUnits", () => {
  const withRow = (patch: Record<string, unknown>) => {
    const t = JSON.parse(JSON.stringify(dienbienJson));
    Object.assign(
      t.forms[0].rows.find((r: { code: string }) => r.code === "1.6.1"),
      patch,
    );
    return checkTemplate(t, "x.json").map((p) => `${p.where}: ${p.message}`);
  };

  test("a non-empty list of non-empty names, only on count rows", () => {
    expect(withRow({})).toEqual([]);
    expect(withRow({ subUnits: [] })).toEqual([expect.stringMatching(/dòng 1\.6\.1: "subUnits" phải là danh sách/)]);
    expect(withRow({ subUnits: ["Tin", " "] })).toEqual([expect.stringMatching(/tên đơn vị con phải là chuỗi không rỗng/)]);
    expect(withRow({ subUnits: ["Tin", "tin"] })).toEqual([expect.stringMatching(/đơn vị con "tin" bị lặp/)]);
    expect(withRow({ kind: "percent", unit: "%", aggregate: "manual" })).toEqual([
      expect.stringMatching(/chỉ dòng loại "count" mới có "subUnits"/),
    ]);
  });

  test("rules may refer to uncoded rows by id; an unknown id is refused", () => {
    const t = JSON.parse(JSON.stringify(dienbienJson));
    t.forms[0].rows.find((r: { code: string }) => r.code === "3.1.3").checks[0].parts[2] = "b1.3.1.3.khong-co";
    expect(checkTemplate(t, "x.json").map((p) => p.message)).toEqual([
      expect.stringMatching(/"b1\.3\.1\.3\.khong-co" không có trong Biểu mẫu 1/),
    ]);
  });
});
