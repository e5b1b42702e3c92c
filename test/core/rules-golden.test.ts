/**
 * Characterisation of the rules (issue 10, "one home per rule kind"): validate,
 * fill and consolidate run over workbooks written by exceljs and read back —
 * the seeds' own values and deliberately wrong inputs that reach every rule
 * kind (number, count, money, percent, coded, ratio, sum, le, eq, sub-units,
 * compound, years, formula, structure, blank, date, status) — and the full
 * output is compared with the committed snapshot. The findings (severity, rule,
 * cell, Vietnamese message, fix), the fill plans and the consolidated numbers
 * must stay exactly as they are while the rules move between files.
 */
import { builtinTemplates } from "../../src/catalog";
import { checkWorkbook, type CheckedWorkbook } from "../../src/core/check-workbook";
import { consolidate, type Consolidation, unitData, type UnitInput } from "../../src/core/consolidate";
import { type FillOptions, planFill } from "../../src/core/fill";
import type { Finding } from "../../src/core/findings";
import type { WorkbookGrid } from "../../src/core/grid";
import { readWorkbookGrid } from "../../src/xlsx/read-grid";
import { deptWorkbook } from "../helpers/dienbien-workbook";
import {
  consistentCommune,
  officerWorkbookBytes,
  PLAIN_SHAPE,
  seeded,
  shapedWorkbookBytes,
  type OfficerStyle,
} from "../helpers/officer-workbooks";
import { type Style as SonlaStyle, unitWorkbook } from "../helpers/sonla-workbook";

const TEMPLATES = builtinTemplates();

const show = (v: unknown): string => (v === null || v === undefined ? "·" : typeof v === "string" ? JSON.stringify(v) : String(v));

function findingLine(f: Finding): string {
  const where = `${f.severity} ${f.rule} B${f.form} ${f.code || "-"} ${f.cell || "-"}${f.column ? ` [${f.column}]` : ""}`;
  return `${where} | ${show(f.actual)} → ${show(f.expected)} | ${f.message}${f.fix ? ` | fix: ${f.fix}` : ""}${f.label ? ` | ${f.label.slice(0, 40)}` : ""}`;
}

function fillLines(c: CheckedWorkbook, options: FillOptions): string[] {
  return planFill(c.forms, options).map(
    (a) =>
      `${a.action} B${a.form} ${a.code || a.label.slice(0, 30)} ${a.cell} = ${a.value}${a.formula ? ` =${a.formula}` : ""}${a.previous !== undefined ? ` (was ${JSON.stringify(a.previous)})` : ""}${a.column ? ` [${a.column}]` : ""} | ${a.message}`,
  );
}

/** Everything validate and fill produce for one workbook. */
function outcome(c: CheckedWorkbook) {
  return {
    template: c.located.template?.id ?? null,
    counts: c.counts,
    summary: c.summary.map((t) => `${t.rule}: ${t.checked} checked, ${t.passed} passed, ${t.failed} failed, ${t.notReported} not reported`),
    findings: c.findings.map(findingLine),
    fill: fillLines(c, {}),
    fillOverwrite: fillLines(c, { overwrite: true }),
    fillFormulas: fillLines(c, { formulas: true }),
  };
}

const checkBytes = (bytes: Uint8Array): CheckedWorkbook => checkWorkbook(readWorkbookGrid(bytes), TEMPLATES);
const checkGrid = (grid: WorkbookGrid): CheckedWorkbook => checkWorkbook(grid, TEMPLATES);

/** Word-pasted commune forms with a mistake (or an officer's habit) for every rule of a table form. */
const XA_WRONG: OfficerStyle = {
  override: {
    1: {
      "1": "-5", // a negative count
      "2.1": "30",
      "2.2": "35", // numerator > denominator
      "3.1": "-", // "-" read as 0
      "3.2": "N/A", // not reported
      "3.3.1": "0",
      "3.3": "50", // a rate stated over a zero denominator
      "4.1": "10",
      "4.2": "8",
      "4.3": "5", // parts over their whole
      "5": "3", // not one of the codes
      "5.1": "2,5", // a count that is not whole
      "6": "Có", // a coded answer as words
    },
    2: {
      "2": "5", // a heading with a value
      "1": "7",
      "1.3": "5", // a total that does not add up
      "2.2.1": "3",
      "2.2.2": "2",
      "2.2": "66,66", // truncated, not rounded
      "3.2.1": "3",
      "3.2.2": "2",
      "3.2": "60", // a wrong rate
    },
    3: { "1.4": "100", "1.4.3": undefined, "3.3.1": "10", "3.3.2": "5", "3.3": undefined, "2.1": "1.234,5", "2.2": "2.835" },
    4: { "1.2": "120", "2.1": "5", "2.2": "9", "2.5": "99.87%" },
    5: { "4": "1", "4.3": "1", "4.4": "1", "1.1": "khoảng 10 người", "1.2": "12 (tăng 2)", "2.2": "5%" },
    6: {
      "1.1": "-3", // negative money
      "1.2": "2",
      "1": undefined,
      "2.1": "2", // below its reported parts, one part blank
      "2.2": "3",
      "2.3": undefined,
      "2.4": undefined,
      "2.4.1": "1",
      "2.4.2": "2",
      "2.4.3": "3",
      "2.5": "1",
      "2.6": "không",
    },
    7: { "6.8": "khoảng 75", "6.8.1": "40", "6.8.2": "30", "3": "101", "6.5.1": "1,234", "1": "Không", "2": "2 (3 cấp)", "5.1": "0,5" },
  },
  omit: { 5: ["5.2.1"] },
  extra: { 3: [{ after: "2.3", code: "2.4", label: "Số thủ tục được rà soát thêm", value: "5" }] },
  recode: { 2: { "3.1": "3.5" } },
};

/** Phụ lục II of the Sơn La plan with mistakes in compound cells and between the years. */
const SONLA_WRONG: SonlaStyle = {
  values: {
    "b2.I.1.hoan-thanh": [25, 32],
    "1.1": [12, 120],
    "b2.6.4.ty-le": ["10/0 = 50%", "11/12 = 91,6%"],
    "b2.2.4.doi-thoai": ["3/45", "5/4"],
    "b2.2.4.dung-han": ["95%", "120 hồ sơ = 95,5%"],
    "b2.2.3.quy-trinh": ["45 thủ tục = 130%", "4,5 thủ tục = 40%"],
    "b2.6.5.don-vi": ["13/12", "12/12"],
    "b2.6.5.tai-khoan": ["150/160", "1/2/3"],
    "b2.6.8.may-tinh": ["8/10", "10/10 = 90%"],
    "6.1": ["25 cơ quan, đơn vị = 100%", undefined],
    "b2.2.4.dat-dai": ["95%", "350 hồ sơ = 197%"],
    "b2.2.4.tre-han": ["20,5 hồ sơ = 1,7%", "6 hồ sơ = 4,5%"],
  },
};

/** A commune's forms written with formulas and no stored results, three of them broken. */
async function formulaGrid(): Promise<WorkbookGrid> {
  const values = consistentCommune(seeded(1));
  const grid = readWorkbookGrid(await shapedWorkbookBytes(values, { ...PLAIN_SHAPE, formulas: true }, { forms: [1, 7] }));
  const rowIn = (sheet: WorkbookGrid["sheets"][number], code: string) => sheet.rows.findIndex((cells) => cells[0]?.value === code) + 1;
  const [b1, b7] = grid.sheets;
  b7.rows[rowIn(b7, "6.7") - 1][3] = { value: null, formula: `D${rowIn(b7, "6.7.2")}/D${rowIn(b7, "6.4.1")}*100` };
  b7.rows[rowIn(b7, "6.8") - 1][3] = { value: null, formula: `NPV(0.1,D${rowIn(b7, "6.8.2")})` };
  b1.rows[rowIn(b1, "2") - 1][3] = { value: 12.5, formula: `ROUND(D${rowIn(b1, "2.2")}/D${rowIn(b1, "2.1")}*100,2)` };
  return grid;
}

function consolidationLines(c: Consolidation) {
  return {
    units: c.units.map(
      (u) => `${u.file}: ${u.unit} ${u.status}${u.reason ? ` (${u.reason})` : ""}${u.notes.length ? ` notes: ${u.notes.join("; ")}` : ""}`,
    ),
    rows: c.forms.flatMap((f) =>
      f.rows.map((r) => {
        const parts = [
          `B${r.form} ${r.code || r.label.slice(0, 30)} ${r.method}: ${show(r.value)} (${r.reporting} reporting) [${r.perUnit.map(show).join(", ")}]`,
        ];
        if (r.naiveMean !== undefined) parts.push(`mean ${show(r.naiveMean)}`);
        if (r.answers) parts.push(`answers ${r.answers.map((a) => `${a.value}:${a.count}`).join(" ")}`);
        if (r.conflict) parts.push(`conflict ${r.conflict.map((x) => `${x.value}=${x.units.join("+")}`).join(" ")}`);
        if (r.attention) parts.push(`attention: ${r.attention}`);
        return parts.join(" | ");
      }),
    ),
  };
}

const unit = (file: string, c: CheckedWorkbook, modified: string): UnitInput => ({ file, data: unitData(c), modified });

describe("rules: characterisation of validate, fill and consolidate", () => {
  test("province seed, Word-pasted", async () => {
    expect(outcome(checkBytes(await officerWorkbookBytes("bnv581-tinh")))).toMatchSnapshot();
  });

  test("province seed, typed as numbers with percent formats", async () => {
    expect(outcome(checkBytes(await officerWorkbookBytes("bnv581-tinh", { numeric: true })))).toMatchSnapshot();
  });

  test("commune seed", async () => {
    expect(outcome(checkBytes(await officerWorkbookBytes("bnv581-xa")))).toMatchSnapshot();
  });

  test("commune with a mistake for every table rule", async () => {
    const grid = readWorkbookGrid(await officerWorkbookBytes("bnv581-xa", XA_WRONG));
    // Typed under an en-US Excel: 2.835 stored as a decimal number in a count row.
    const b5 = grid.sheets.find((s) => s.name === "BM5")!;
    b5.rows[b5.rows.findIndex((cells) => cells[0]?.value === "2.1")][3] = { value: 2.835 };
    expect(outcome(checkGrid(grid))).toMatchSnapshot();
  });

  test("commune with forms 4–7 missing", async () => {
    expect(outcome(checkBytes(await officerWorkbookBytes("bnv581-xa", { forms: [1, 2, 3] })))).toMatchSnapshot();
  });

  test("department seed and its sub-unit breakdowns", async () => {
    expect(outcome(checkBytes(await deptWorkbook()))).toMatchSnapshot();
    const wrong = await deptWorkbook({
      values: {
        "1.6.1": "10",
        "1.6.2": undefined,
        "1.6.3": "4",
        "3.5.1": "10",
        "3.5.2": "12",
        "3.5": "90",
        "3.3": "50",
        "3.3.2": undefined,
      },
      notes: { "1.6.1": "Tin: 3; Bài: 2; Video: 1; Khác: 1", "1.6.2": "Hội nghị: 2; Tập huấn: 1", "1.6.3": "Hội thi: 2; Phim: 2" },
    });
    expect(outcome(checkBytes(wrong))).toMatchSnapshot();
  });

  test("Sơn La appendices: the list, compound cells and two years", async () => {
    expect(outcome(checkBytes(await unitWorkbook()))).toMatchSnapshot();
    expect(outcome(checkBytes(await unitWorkbook(SONLA_WRONG)))).toMatchSnapshot();
  });

  test("formulas without stored results, one wrong, one not computable, one stale", async () => {
    expect(outcome(checkGrid(await formulaGrid()))).toMatchSnapshot();
  });

  test("consolidating communes: sums, pooled rates, answers, same-for-all, manual rows", async () => {
    const inputs: UnitInput[] = [];
    for (const seed of [1, 2, 3]) {
      const values = consistentCommune(seeded(seed));
      const bytes = await shapedWorkbookBytes(values, PLAIN_SHAPE, { unit: `UBND xã Số ${seed}` });
      inputs.push(unit(`xa-${seed}.xlsx`, checkBytes(bytes), `2024-03-1${seed}T08:00:00Z`));
    }
    inputs.push(unit("le-hong.xlsx", checkBytes(await officerWorkbookBytes("bnv581-xa")), "2024-03-14T08:00:00Z"));
    inputs.push(
      unit(
        "sai.xlsx",
        checkBytes(await officerWorkbookBytes("bnv581-xa", { ...XA_WRONG, unitLine: "UBND xã Sai" })),
        "2024-03-15T08:00:00Z",
      ),
    );
    inputs.push(unit("tinh.xlsx", checkBytes(await officerWorkbookBytes("bnv581-tinh")), "2024-03-15T08:00:00Z"));
    inputs.push({ file: "hong.xlsx", error: "không đọc được: tệp hỏng" });
    expect(consolidationLines(consolidate(inputs, TEMPLATES, { templateId: "bnv581-xa" }))).toMatchSnapshot();
    expect(consolidationLines(consolidate(inputs, TEMPLATES, { templateId: "bnv581-xa", excludeErrors: true }))).toMatchSnapshot();
  });

  test("consolidating departments: sub-units and manual rows", async () => {
    const inputs = [
      unit("khdt.xlsx", checkBytes(await deptWorkbook()), "2023-03-10T08:00:00Z"),
      unit(
        "tc.xlsx",
        checkBytes(await deptWorkbook({ unit: "Sở Tài chính", values: { "1.1.1": "5", "1.1.2": "4", "3.5.1": "8", "3.5.2": "6" } })),
        "2023-03-11T08:00:00Z",
      ),
    ];
    expect(consolidationLines(consolidate(inputs, TEMPLATES))).toMatchSnapshot();
  });
});
