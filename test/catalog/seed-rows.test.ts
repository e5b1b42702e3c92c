/**
 * The built-in templates must be the appendices of the seed reports, row for
 * row: this test reads the seed texts (../../../shared/seeds), parses their
 * appendix tables and compares them with the catalog JSON and with the
 * transcribed values in test/fixtures/seed-values.ts.
 *
 * The parser knows nothing about the templates. It
 * - cuts the appendix into forms at "Biểu mẫu N" lines (title = next line);
 * - removes the column headers the PDF repeats after page breaks
 *   ("STT Chỉ tiêu thống kê (Sử dụng …) Kết quả thống kê Ghi chú Đơn vị tính Số liệu"
 *   and the commune's "… Số lượng/ Tỷ lệ Ghi chú"), with the page number before them;
 * - starts a row at a line beginning with a code ("2", "2.1.", "6.4.3.") only when the
 *   code can follow the previous one (a child, or the next sibling of the row or of an
 *   ancestor, skipping at most two numbers: the commune omits rows), so values, page
 *   numbers and notes that begin a line ("1", "735", "428 TTHC …", "3 cấp = 2") do not;
 * - drops footnotes ("22 Văn bản quy phạm pháp luật.") and their markers ("VBQPPL22");
 * - joins the row's lines with single spaces and splits the text into label, unit
 *   (a coded list "A = 0 …" or the last known unit word followed by nothing, a number
 *   or a capitalised sentence), value (a number as written, or prose) and note.
 */
import * as fs from "fs";
import * as path from "path";
import { loadTemplate } from "../../src/catalog";
import type { RowSpec, TemplateSpec } from "../../src/catalog/types";
import tinhJson from "../../src/catalog/templates/bnv581-tinh.json";
import xaJson from "../../src/catalog/templates/bnv581-xa.json";
import { SEED_NOTES, SEED_VALUES, type SeedTemplateId } from "../fixtures/seed-values";

const SEED_DIR = path.resolve(__dirname, "../../../shared/seeds");

interface SeedSpec {
  id: SeedTemplateId;
  file: string;
  template: TemplateSpec;
  /** Rows per form, Biểu mẫu 1–7. */
  rowsPerForm: number[];
}

const SEEDS: SeedSpec[] = [
  {
    id: "bnv581-tinh",
    file: "000_33443507bc035ada.txt",
    template: loadTemplate(tinhJson, "bnv581-tinh.json"),
    // Province (UBND tỉnh Sơn La, quý I/2024): 145 rows.
    // Biểu 1: 22, Biểu 2: 14, Biểu 3: 25, Biểu 4: 21, Biểu 5: 16, Biểu 6: 13, Biểu 7: 35.
    rowsPerForm: [22, 14, 25, 21, 16, 13, 35],
  },
  {
    id: "bnv581-xa",
    file: "003_56635264cc40b206.txt",
    template: loadTemplate(xaJson, "bnv581-xa.json"),
    // Commune (UBND xã Lê Hồng, quý I/2024): 113 rows.
    // Biểu 1: 19, Biểu 2: 12, Biểu 3: 17, Biểu 4: 8, Biểu 5: 15, Biểu 6: 13, Biểu 7: 29.
    rowsPerForm: [19, 12, 17, 8, 15, 13, 29],
  },
];

/**
 * Obvious typos of the seeds, corrected in the templates. Key: "form:code".
 * `printed` is the seed's label and unit as the parser reads them (joined by a
 * space); the template row's label + unit must differ from it and its `note`
 * must quote the seed ("Seed prints: …").
 */
const SEED_TYPOS: Record<SeedTemplateId, Record<string, { printed: string; quoted: string }>> = {
  "bnv581-tinh": {},
  "bnv581-xa": {
    // "đo" for "do"; the row has no unit in the seed.
    "2:1": {
      printed: "Tổng số Văn bản quy phạm pháp luật (VBQPPL) đo địa phương ban hành",
      quoted: "đo địa phương",
    },
    // The unit written twice: "Văn bản Văn bản".
    "2:1.3": { printed: "Số VBQPPL do cấp xã ban hành Văn bản Văn bản", quoted: "Văn bản Văn bản" },
    // A stray parenthesis: "xã)bị".
    "5:4.4": { printed: "Số công chức xã)bị kỷ luật Người", quoted: "xã)bị" },
  },
};

/** Footnote markers the parser must find and strip (form → markers). */
const FOOTNOTES: Record<SeedTemplateId, Record<number, string[]>> = {
  "bnv581-tinh": { 2: ["22"] }, // "Tổng số VBQPPL22 …", footnote "22 Văn bản quy phạm pháp luật."
  "bnv581-xa": {},
};

/** Units an appendix may print (DOMAIN.md §3); coded lists are checked separately. */
const KNOWN_UNITS = [
  "Cơ quan, đơn vị",
  "Phòng, đơn vị",
  "Triệu đồng",
  "Tỷ đồng",
  "Văn bản",
  "Nhiệm vụ",
  "Vấn đề",
  "Số lượng",
  "Thủ tục",
  "Hồ sơ",
  "Tổ chức",
  "Đơn vị",
  "Phiếu",
  "PAKN",
  "Người",
  "Ban",
  "%",
];

// ---------------------------------------------------------------------------
// Parser
// ---------------------------------------------------------------------------

interface SeedRow {
  code: string;
  /** 1-based line of the seed where the row starts. */
  line: number;
  /** The row's text after the code, lines joined with single spaces. */
  text: string;
  label: string;
  unit: string;
  value: string;
  note: string;
}

interface SeedForm {
  number: number;
  title: string;
  rows: SeedRow[];
  footnotes: string[];
}

const collapse = (s: string): string => s.normalize("NFC").replace(/\s+/gu, " ").trim();

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A regex matching the words of `phrase` separated by any whitespace (line breaks included). */
function flexible(phrase: string): string {
  return phrase
    .split(" ")
    .map((w) => escapeRegExp(w))
    .join(String.raw`\s+`);
}

/** The column header, as printed at the top of each form and after page breaks. */
const HEADER = new RegExp(
  // An optional page number alone on a line just before the header.
  String.raw`(?:^[ \t]*\d{1,3}[ \t]*\n(?:[ \t]*\n)*)?` +
    `(?:${flexible("Kết quả thống kê")}\\s+)?` +
    `${flexible("STT Chỉ tiêu thống kê")}\\s+` +
    String.raw`\([Ss]ử\s+dụng\s+(?:trong|cho)\s+kỳ\s+báo\s+cáo\s+hàng\s+quý,\s+6\s+tháng,\s+năm\)\s+` +
    `(?:${flexible("Kết quả thống kê Ghi chú")}\\s+)?` +
    `${flexible("Đơn vị tính")}\\s+(?:${flexible("Số liệu")}|Số\\s+lượng/\\s*Tỷ\\s+lệ)` +
    `(?:\\s+${flexible("Ghi chú")})?`,
  "gmu",
);

const CODE_LINE = /^\s*(\d+(?:\.\d+)*)\.?(?=\s|$)(.*)$/u;
/** "3 cấp = 2": an answer of a coded list that happens to start with a number. */
const OPTION_LINE = /^\s*\d+\s+\p{L}+\s*=\s*\d+\s*;?\s*$/u;
const FOOTNOTE_LINE = /^\s*(\d{1,3})\s+(\p{L}.*)$/u;

/** Can `cand` be the code of the row after `prev`? */
function canFollow(prev: number[] | null, cand: number[]): boolean {
  if (cand.some((n) => n < 1)) return false;
  if (prev === null) return cand.length === 1 && cand[0] === 1;
  // A child: 2 → 2.1 (the commune skips children: 1 → 1.3, 6 → 6.4).
  if (cand.length === prev.length + 1 && prev.every((n, i) => cand[i] === n)) return cand[cand.length - 1] <= 9;
  // The next sibling of the row or of an ancestor: 2.2 → 2.3, 1.4.3 → 2.
  if (cand.length <= prev.length) {
    const k = cand.length - 1;
    for (let i = 0; i < k; i++) if (cand[i] !== prev[i]) return false;
    const step = cand[k] - prev[k];
    return step >= 1 && step <= 3;
  }
  return false;
}

const OPTION = String.raw`(?:\p{Lu}\p{Ll}*|\d+)(?: \p{Ll}+)?\s*=\s*\d+`;
const CODED_LIST = new RegExp(String.raw`(?:^|\s)(${OPTION}(?:\s*[;/]?\s*${OPTION})*)`, "u");
const UNIT_WORD = new RegExp(
  String.raw`(?<=\s)(${[...KNOWN_UNITS]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join("|")})(?=\s|$)`,
  "gu",
);
/** A value as written: "2.835", "99,87%", "19/19=100%", "3.989.325,00", "3 tỷ đồng". */
const VALUE = /^(\d[\d.,]*(?:\/\d+=\d+(?:[.,]\d+)?%|%)?(?:\s+(?:tỷ|triệu|nghìn)\s+đồng)?)(?=\s|$)/u;
const TRAILING_VALUE = /^(.*\S)\s+(\d[\d.,]*%?)$/u;

/** "Có = 1; Không = 0" from "Có = 1;\nKhông = 0" or "Trực tuyến = 0 Phát phiếu = 1 …". */
function normaliseCodedList(s: string): string {
  const re = new RegExp(String.raw`(${OPTION.replace(String.raw`\s*=\s*\d+`, "")})\s*=\s*(\d+)`, "gu");
  return [...s.matchAll(re)].map((m) => `${m[1]} = ${m[2]}`).join("; ");
}

function splitRow(text: string): Pick<SeedRow, "label" | "unit" | "value" | "note"> {
  let label: string;
  let unit = "";
  let rest: string;
  const coded = CODED_LIST.exec(text);
  if (coded) {
    const start = coded.index + coded[0].indexOf(coded[1]);
    label = text.slice(0, start).trim();
    unit = normaliseCodedList(coded[1]);
    rest = text.slice(start + coded[1].length).trim();
  } else {
    // The last unit word followed by nothing, a number or a capitalised sentence
    // (a unit word inside a label is followed by more lower-case label words).
    let found: RegExpMatchArray | undefined;
    for (const m of text.matchAll(UNIT_WORD)) {
      const after = text.slice(m.index! + m[0].length).trim();
      if (after === "" || /^\d/u.test(after) || /^\p{Lu}/u.test(after)) found = m;
    }
    if (found) {
      label = text.slice(0, found.index).trim();
      unit = found[0];
      rest = text.slice(found.index! + found[0].length).trim();
    } else {
      const t = TRAILING_VALUE.exec(text);
      label = t ? t[1] : text;
      rest = t ? t[2] : "";
    }
  }
  let value = rest;
  let note = "";
  const v = VALUE.exec(rest);
  if (v) {
    value = v[1];
    note = rest.slice(v[1].length).trim();
  }
  return { label, unit, value, note };
}

function parseForm(number: number, body: { text: string; line: number }[]): SeedForm {
  // Blank out the repeated column headers, keeping the line numbering.
  const firstLine = body.length > 0 ? body[0].line : 0;
  const joined = body
    .map((l) => l.text)
    .join("\n")
    .replace(HEADER, (m) => "\n".repeat((m.match(/\n/g) ?? []).length));
  const lines = joined.split("\n").map((text, i) => ({ text, line: firstLine + i }));

  const titleIndex = lines.findIndex((l) => l.text.trim() !== "");
  if (titleIndex < 0) throw new Error(`Biểu mẫu ${number}: empty form`);
  const title = collapse(lines[titleIndex].text);
  const formText = lines.map((l) => l.text).join("\n");

  const rows: { code: string; line: number; parts: string[] }[] = [];
  const footnotes: string[] = [];
  let prev: number[] | null = null;
  for (const l of lines.slice(titleIndex + 1)) {
    const m = CODE_LINE.exec(l.text);
    if (m && !/(^|\.)0\d/.test(m[1]) && !OPTION_LINE.test(l.text)) {
      const cand = m[1].split(".").map(Number);
      if (canFollow(prev, cand)) {
        rows.push({ code: m[1], line: l.line, parts: [m[2]] });
        prev = cand;
        continue;
      }
    }
    const f = FOOTNOTE_LINE.exec(l.text);
    if (f && new RegExp(String.raw`\p{L}${f[1]}(?!\d)`, "u").test(formText)) {
      footnotes.push(f[1]);
      continue;
    }
    if (rows.length > 0) rows[rows.length - 1].parts.push(l.text);
    else if (l.text.trim() !== "") throw new Error(`Biểu mẫu ${number}, line ${l.line}: text before the first row: ${l.text}`);
  }

  return {
    number,
    title,
    footnotes,
    rows: rows.map((r) => {
      let text = collapse(r.parts.join(" "));
      for (const n of footnotes) text = text.replace(new RegExp(String.raw`(\p{L})${n}(?!\d)`, "gu"), "$1");
      return { code: r.code, line: r.line, text, ...splitRow(text) };
    }),
  };
}

/** Parses the appendix (from the "Phụ lục" line) of a seed report into its forms. */
function parseAppendix(seedText: string): SeedForm[] {
  const lines = seedText.normalize("NFC").split(/\r?\n/);
  const start = lines.findIndex((l) => /^\s*phụ lục\s*$/iu.test(l));
  if (start < 0) throw new Error('no "Phụ lục" line in the seed');
  const forms: { number: number; body: { text: string; line: number }[] }[] = [];
  for (let i = start + 1; i < lines.length; i++) {
    const m = /^\s*Biểu mẫu\s+(\d+)\s*$/u.exec(lines[i]);
    if (m) forms.push({ number: Number(m[1]), body: [] });
    else if (forms.length > 0) forms[forms.length - 1].body.push({ text: lines[i], line: i + 1 });
  }
  return forms.map((f) => parseForm(f.number, f.body));
}

function readSeed(file: string): string {
  const p = path.join(SEED_DIR, file);
  if (!fs.existsSync(p)) {
    throw new Error(`Seed report not found: ${p}. These tests compare the templates with the seed reports in ../shared/seeds.`);
  }
  return fs.readFileSync(p, "utf8");
}

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

describe.each(SEEDS)("$id matches the appendix of seeds/$file", (seed) => {
  let parsed: SeedForm[] = [];
  beforeAll(() => {
    parsed = parseAppendix(readSeed(seed.file));
  });

  const formOf = (n: number): SeedForm => {
    const f = parsed.find((x) => x.number === n);
    if (!f) throw new Error(`Biểu mẫu ${n} not found in ${seed.file}`);
    return f;
  };

  test("seven forms in order, with the printed titles", () => {
    expect(parsed.map((f) => f.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(seed.template.forms.map((f) => f.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(seed.template.forms.map((f) => collapse(f.title))).toEqual(parsed.map((f) => f.title));
    for (const f of seed.template.forms) expect(f.title).toBe(collapse(f.title));
  });

  test("rows per form", () => {
    expect(parsed.map((f) => f.rows.length)).toEqual(seed.rowsPerForm);
    expect(seed.template.forms.map((f) => f.rows.length)).toEqual(seed.rowsPerForm);
  });

  test("the same codes in the same order: every seed row is in the template, no extra rows", () => {
    for (const form of seed.template.forms) {
      expect({ form: form.number, codes: form.rows.map((r) => r.code) }).toEqual({
        form: form.number,
        codes: formOf(form.number).rows.map((r) => r.code),
      });
    }
  });

  test("footnotes are found and their markers stripped", () => {
    const found = Object.fromEntries(parsed.filter((f) => f.footnotes.length > 0).map((f) => [f.number, f.footnotes]));
    expect(found).toEqual(FOOTNOTES[seed.id]);
  });

  test("labels and units as printed (typos: only the listed exceptions)", () => {
    const typos = SEED_TYPOS[seed.id];
    const used = new Set<string>();
    const mismatches: string[] = [];
    for (const form of seed.template.forms) {
      const seedRows = new Map(formOf(form.number).rows.map((r) => [r.code, r]));
      for (const row of form.rows) {
        const s = seedRows.get(row.code);
        if (!s) continue; // reported by the codes test
        const key = `${form.number}:${row.code}`;
        const typo = typos[key];
        if (typo) {
          used.add(key);
          // The seed really prints the typo, the template corrects it and quotes the seed.
          expect({ key, printed: collapse(`${s.label} ${s.unit}`) }).toEqual({ key, printed: typo.printed });
          expect(collapse(`${row.label} ${row.unit}`)).not.toBe(typo.printed);
          expect(row.note ?? "").toContain("Seed prints");
          expect(row.note ?? "").toContain(typo.quoted);
          continue;
        }
        if (collapse(row.label) !== s.label)
          mismatches.push(`Biểu ${key} label: template "${row.label}" / seed (line ${s.line}) "${s.label}"`);
        if (row.unit !== s.unit) mismatches.push(`Biểu ${key} unit: template "${row.unit}" / seed (line ${s.line}) "${s.unit}"`);
      }
    }
    expect(mismatches).toEqual([]);
    expect([...used].sort()).toEqual(Object.keys(typos).sort());
  });

  test("template text is NFC with single spaces; ids, units and coded lists are well formed", () => {
    for (const form of seed.template.forms) {
      for (const row of form.rows) {
        const where = `Biểu ${form.number}:${row.code}`;
        expect({ where, id: row.id }).toEqual({ where, id: `b${form.number}.${row.code}` });
        expect({ where, label: row.label }).toEqual({ where, label: collapse(row.label) });
        expect({ where, unit: row.unit }).toEqual({ where, unit: collapse(row.unit) });
        if (row.kind === "coded") {
          expect({ where, unit: row.unit }).toEqual({
            where,
            unit: (row.options ?? []).map((o) => `${o.label} = ${o.value}`).join("; "),
          });
        } else if (row.unit !== "") {
          expect({ where, known: KNOWN_UNITS.includes(row.unit) }).toEqual({ where, known: true });
        }
      }
    }
  });

  test("values and notes printed in the seed are in test/fixtures/seed-values.ts", () => {
    const values: Record<number, Record<string, string>> = {};
    const notes: Record<number, Record<string, string>> = {};
    for (const f of parsed) {
      for (const r of f.rows) {
        if (r.value !== "") (values[f.number] ??= {})[r.code] = r.value;
        if (r.note !== "") (notes[f.number] ??= {})[r.code] = r.note;
      }
    }
    expect(SEED_VALUES[seed.id]).toEqual(values);
    expect(SEED_NOTES[seed.id]).toEqual(notes);
  });

  test("each seed row's text is exactly label + unit + value + note", () => {
    for (const f of parsed) {
      for (const r of f.rows) {
        const printedUnit = r.unit; // coded lists are compared normalised
        const rebuilt = [r.label, printedUnit, r.value, r.note].filter((x) => x !== "").join(" ");
        if (!/=/.test(printedUnit))
          expect({ code: `${f.number}:${r.code}`, text: rebuilt }).toEqual({ code: `${f.number}:${r.code}`, text: r.text });
      }
    }
  });
});

describe("rules of the built-in templates", () => {
  const byCode = (t: TemplateSpec, form: number, code: string): RowSpec => {
    const row = t.forms.find((f) => f.number === form)?.rows.find((r) => r.code === code);
    if (!row) throw new Error(`${t.id} Biểu ${form} row ${code} missing`);
    return row;
  };
  const [tinh, xa] = SEEDS.map((s) => s.template);

  test("ratios, sums and checks the forms define (DOMAIN.md §4)", () => {
    const rules = (t: TemplateSpec) =>
      t.forms.flatMap((f) =>
        f.rows.flatMap((r) => [
          ...(r.ratio ? [`${f.number}:${r.code} = ${r.ratio.numerator} / ${r.ratio.denominator}`] : []),
          ...(r.sum ? [`${f.number}:${r.code} = ${r.sum.join(" + ")}`] : []),
          ...(r.checks ?? []).map(
            (c) => `${f.number}:${r.code} ${c.rule === "le" ? "≥" : "="} ${c.parts.join(" + ")}${c.severity ? ` (${c.severity})` : ""}`,
          ),
        ]),
      );
    expect(rules(tinh)).toEqual([
      "1:2 = 2.2 / 2.1",
      "1:3.3 = 3.3.2 / 3.3.1",
      "1:5.1 ≥ 5.2 + 5.3 + 5.4",
      "2:1 = 1.1 + 1.2 + 1.3",
      "2:2.2 = 2.2.2 / 2.2.1",
      "2:3.2 = 3.2.2 / 3.2.1",
      "3:1.4 = 1.4.1 + 1.4.2 + 1.4.3",
      "3:3.1 = 3.1.2 / 3.1.1",
      "3:3.2 = 3.2.2 / 3.2.1",
      "3:3.3 = 3.3.2 / 3.3.1",
      "3:3.4 = 3.4.2 / 3.4.1",
      "4:1.5 = 1.5.1 + 1.5.2 + 1.5.3",
      "4:2.1 ≥ 2.2 (warning)",
      "4:3.1 ≥ 3.2 (warning)",
      "5:4 ≥ 4.1 + 4.2 + 4.3 + 4.4",
      "6:1 = 1.2 / 1.1",
      "6:2.1 = 2.2 + 2.3 + 2.4 + 2.5",
      "6:2.4 = 2.4.1 + 2.4.2 + 2.4.3",
      "7:6.1 = 6.1.2 / 6.1.1",
      "7:6.1.2 ≥ 6.1.3",
      "7:6.2 = 6.2.2 / 6.2.1",
      "7:6.2.2 ≥ 6.2.3",
      "7:6.3 = 6.3.2 / 6.3.1",
      "7:6.3.1 = 6.1.2 + 6.2.2",
      "7:6.4 = 6.4.2 / 6.4.1",
      "7:6.5 = 6.5.2 / 6.5.1",
    ]);
    expect(rules(xa)).toEqual([
      "1:2 = 2.2 / 2.1",
      "1:3.3 = 3.3.2 / 3.3.1",
      "1:4.1 ≥ 4.2 + 4.3 + 4.4",
      "2:1 = 1.3",
      "2:2.2 = 2.2.2 / 2.2.1",
      "2:3.2 = 3.2.2 / 3.2.1",
      "3:1.4 = 1.4.3",
      "3:3.3 = 3.3.2 / 3.3.1",
      "3:3.4 = 3.4.2 / 3.4.1",
      "4:2.1 ≥ 2.2 (warning)",
      "5:4 ≥ 4.3 + 4.4 + 4.5",
      "6:1 = 1.2 / 1.1",
      "6:2.1 = 2.2 + 2.3 + 2.4 + 2.5",
      "6:2.4 = 2.4.1 + 2.4.2 + 2.4.3",
      "7:6.4 = 6.4.2 / 6.4.1",
      "7:6.4.2 ≥ 6.4.3",
      "7:6.5 = 6.5.2 / 6.5.1",
      "7:6.5.2 ≥ 6.5.3",
      "7:6.6 = 6.6.2 / 6.6.1",
      "7:6.6.1 = 6.4.2 + 6.5.2",
      "7:6.7 = 6.7.2 / 6.7.1",
      "7:6.8 = 6.8.2 / 6.8.1",
    ]);
  });

  test("kinds and aggregations follow DOMAIN.md §6; every judgement has a note", () => {
    for (const t of [tinh, xa]) {
      for (const f of t.forms) {
        for (const r of f.rows) {
          const where = `${t.id} Biểu ${f.number}:${r.code}`;
          const expected: Record<string, string> = { heading: "none", ratio: "pooled", coded: "answers", percent: "manual", money: "sum" };
          if (r.kind in expected) expect({ where, aggregate: r.aggregate }).toEqual({ where, aggregate: expected[r.kind] });
          if (r.kind === "count" && r.aggregate !== "sum") expect({ where, note: typeof r.note }).toEqual({ where, note: "string" });
          if (r.kind === "heading" && r.unit !== "") expect({ where, note: typeof r.note }).toEqual({ where, note: "string" });
          if (r.kind === "ratio") expect({ where, unit: r.unit }).toEqual({ where, unit: "%" });
          if (r.unit === "%") expect({ where, kind: ["ratio", "percent"].includes(r.kind) }).toEqual({ where, kind: true });
          for (const c of r.checks ?? []) {
            if (c.note === undefined) throw new Error(`${where}: check without a note`);
          }
        }
      }
    }
  });

  test("commune catalog counts are not summed; the commune codes map the province's", () => {
    for (const code of ["1.4", "1.4.3"]) expect(byCode(xa, 3, code).aggregate).toBe("same");
    for (const code of ["6.4.1", "6.4.2", "6.5.1", "6.5.2", "6.6.1", "6.6.2", "6.8.1", "6.8.2"]) {
      expect(byCode(xa, 7, code).aggregate).toBe("same");
    }
    // Commune 6.4–6.8 are the province's 6.1–6.5, with the same labels.
    for (const [c, p] of [
      ["6.4", "6.1"],
      ["6.5", "6.2"],
      ["6.6", "6.3"],
      ["6.7", "6.4"],
      ["6.8", "6.5"],
    ] as const) {
      expect(byCode(xa, 7, c).label).toBe(byCode(tinh, 7, p).label);
    }
    expect(byCode(tinh, 6, "2").kind).toBe("heading");
    expect(byCode(tinh, 5, "4")).toMatchObject({ kind: "count", unit: "" });
    expect(byCode(xa, 1, "3.1").unit).toBe("Phòng, đơn vị");
  });
});
