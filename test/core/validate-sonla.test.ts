/**
 * The Sơn La inspection appendices (template "sonla-kiemtra", seeds/004_…) as a unit
 * sends them: Phụ lục I (the list of completed plan tasks) and Phụ lục II (statistics
 * for Năm 2023 and Năm 2024, compound cells such as "120 hồ sơ = 95,5%"), typed by an
 * officer in a workbook of their own, written with exceljs and read back.
 *
 * The seed's tables are blank (the plan asks the units for these figures): every value
 * below is made up for the tests (test/helpers/sonla-workbook.ts), consistent with the rows'
 * rules unless a test breaks one.
 */
import { builtinTemplates, rowKey } from "../../src/catalog";
import { checkWorkbook, type CheckedWorkbook } from "../../src/core/check-workbook";
import { consolidate, ConsolidateRefusal, unitData } from "../../src/core/consolidate";
import { planFill } from "../../src/core/fill";
import type { Finding } from "../../src/core/findings";
import { formColumns, planFormSheet } from "../../src/core/form-layout";
import { readDate, readStatus } from "../../src/core/validate-list";
import { readWorkbookGrid } from "../../src/xlsx/read-grid";
import { buildTemplateWorkbook } from "../../src/xlsx/write-template";
import { list, type Style, table, template, unitWorkbook } from "../helpers/sonla-workbook";

async function check(style: Style = {}): Promise<CheckedWorkbook> {
  return checkWorkbook(readWorkbookGrid(await unitWorkbook(style)), builtinTemplates());
}

const brief = (fs: Finding[]) =>
  fs.map(
    (f) =>
      `${f.severity} ${f.form} ${f.code || (f.label ? `"${f.label.slice(0, 24)}…"` : "-")} ${f.rule}${f.column ? ` [${f.column}]` : ""}`,
  );
const tableFindings = (c: CheckedWorkbook) => c.findings.filter((f) => f.form === 2);
const listFindings = (c: CheckedWorkbook) => c.findings.filter((f) => f.form === 1);

/** The same unit with mistakes in Phụ lục II. */
const WITH_ERRORS: Style = {
  values: {
    "b2.I.1.hoan-thanh": [25, 32], // 2024: 32 tasks done of 30 planned
    "1.1": [12, 120], // ten times more documents in 2024: a typing slip?
    "b2.6.4.ty-le": ["10/12 = 83,3%", "11/12 = 90%"], // 11 / 12 = 91,67%, not 90%
    "b2.2.4.doi-thoai": ["3/45", "5/4"], // more meetings than participants
  },
};

describe.each<[string, Style]>([
  ["one sheet per appendix", {}],
  ["both appendices on one sheet", { oneSheet: true }],
])("a district's appendices: %s", (_name, layout) => {
  test("located as sonla-kiemtra: the list and the table with both year columns, every row", async () => {
    const c = await check(layout);
    expect(c.located.template?.id).toBe("sonla-kiemtra");
    expect(c.located.forms.map((f) => f.form.number)).toEqual([1, 2]);
    expect(c.located.unit).toMatch(/Mai Sơn/i);
    const t = c.located.forms[1];
    expect({
      missing: t.missing.map(rowKey),
      stray: t.stray.map((s) => s.writtenLabel),
      renumbered: t.renumbered.map((r) => r.writtenCode),
    }).toEqual({ missing: [], stray: [], renumbered: [] });
    expect(t.rows.size).toBe(table.rows.length);
    expect(t.valueCols).toEqual([4, 5]);
    // The rows of the file are the template's, in order (equal labels under groups 1 and 3 included).
    expect([...t.rows.values()].sort((a, b) => a.row - b.row).map((r) => rowKey(r.spec))).toEqual(table.rows.map(rowKey));
    const fv = c.forms.find((f) => f.form.number === 2)!;
    expect(fv.columns!.map((col) => col.columnName)).toEqual(["Năm 2023", "Năm 2024"]);
    expect(fv.columns![0].byCode.get("b2.I.3.de-ra")).toMatchObject({ value: 10, address: expect.stringMatching(/^D\d+$/) });
    expect(fv.columns![1].byCode.get("b2.I.1.de-ra")).toMatchObject({ value: 30, address: expect.stringMatching(/^E\d+$/) });
    const l = c.located.forms[0].list!;
    expect(l.sections.map((s) => [s.code, s.known])).toEqual(list.sections!.map((s) => [s.code, true]));
    expect(l.items.map((i) => `${i.section}.${i.stt}`)).toEqual(["I.1", "I.2", "II.1", "III.1", "IV.1", "IV.2"]);
    expect(l.missingColumns).toEqual([]);
  });

  test("consistent figures: no finding in Phụ lục II", async () => {
    const c = await check(layout);
    expect(brief(tableFindings(c))).toEqual([]);
    const tally = Object.fromEntries(c.summary.map((t) => [t.rule, t]));
    expect(tally.years).toMatchObject({ failed: 0 });
    expect(tally.years.checked).toBeGreaterThan(80);
    expect(tally.le).toMatchObject({ failed: 0, checked: 2 * 19 }); // 17 checks and 2 compound "a ≤ b" rows, in both years
  });

  test("a compound cell is read into its parts: '120 hồ sơ = 95,5%' is 120 dossiers and a rate of 95,5", async () => {
    const c = await check(layout);
    const y2024 = c.forms.find((f) => f.form.number === 2)!.columns![1];
    const v = y2024.byCode.get("b2.2.4.dung-han")!;
    expect(v).toMatchObject({ value: 95.5, decimals: 1, raw: "120 hồ sơ = 95,5%" });
    expect(v.compound!.map((p) => [p.name, p.value])).toEqual([
      ["Hồ sơ", 120],
      ["%", 95.5],
    ]);
    expect(y2024.byCode.get("b2.2.3.quy-trinh")).toMatchObject({ value: 60 });
    expect(y2024.byCode.get("6.2")!.compound!.map((p) => p.value)).toEqual([5200, 99]);
    expect(y2024.byCode.get("b2.2.4.doi-thoai")!.compound!.map((p) => p.value)).toEqual([4, 60]);
    expect(y2024.byCode.get("b2.6.4.ty-le")!.compound!.map((p) => p.value)).toEqual([11, 12, 91.7]);
  });

  test("Phụ lục I: a task 'Đúng hạn' whose document is dated after its deadline, a date that does not exist, an unknown status", async () => {
    const c = await check(layout);
    expect(brief(listFindings(c))).toEqual(["error 1 I.2 status", "error 1 III.1 date", "warning 1 IV.1 status"]);
    const [late, date, unknown] = listFindings(c);
    expect(late).toMatchObject({
      actual: "Đúng hạn",
      expected: "Quá hạn",
      label: "Kế hoạch tuyên truyền CCHC năm 2024",
      cell: expect.stringMatching(/!F\d+$/),
    });
    expect(late.message).toBe(
      'Nhiệm vụ "Kế hoạch tuyên truyền CCHC năm 2024" ghi "Đúng hạn" nhưng văn bản ban hành ngày 20/02/2024 (cột "Số văn bản"), sau thời hạn 15/02/2024 5 ngày: là quá hạn.',
    );
    expect(date).toMatchObject({ actual: "31/02/2024", cell: expect.stringMatching(/!E\d+$/) });
    expect(date.message).toMatch(/'31\/02\/2024' không phải ngày có thật: tháng 2 năm 2024 chỉ có 29 ngày/);
    expect(unknown).toMatchObject({ actual: "Đang thực hiện", expected: "Đúng hạn / Quá hạn" });
    // Checked and agreeing: I.1 (15/01 ≤ 31/01), II.1 (an Excel date 31/03, document of 05/04: late, "Quá hạn"),
    // IV.2 ("Quý II/2024" → 30/06, document of 10/5/2024, "đúng hạn").
    const tally = Object.fromEntries(c.summary.map((t) => [t.rule, t]));
    // III.1's deadline is not a date: its status is not checked.
    expect(tally.status).toMatchObject({ checked: 5, passed: 3, failed: 2, notReported: 1 });
  });
});

describe("Phụ lục II with mistakes", () => {
  test("each year is checked with the rows' rules, the findings name the column; the years are compared", async () => {
    const c = await check(WITH_ERRORS);
    expect(brief(tableFindings(c))).toEqual([
      'error 2 "Số nhiệm vụ đề ra trong …" le [Năm 2024]',
      'error 2 "Tổng số cuộc họp qua hệ …" ratio [Năm 2024]',
      "warning 2 1.1 years [Năm 2024]",
      'warning 2 "Số cuộc tổ chức đối thoạ…" le [Năm 2024]',
    ]);
    const [le, ratio, years, meetings] = tableFindings(c);
    // The rule broken in 2024 only: its 2024 cell, and the column named in the message.
    expect(le).toMatchObject({
      severity: "error",
      actual: 32,
      expected: "≤ 30",
      column: "Năm 2024",
      cell: expect.stringMatching(/^'Phụ lục II'!E\d+$/),
    });
    expect(le.message).toBe('"Số nhiệm vụ đã hoàn thành" (32) = 32 lớn hơn "Số nhiệm vụ đề ra trong kế hoạch" (30) (Năm 2024).');
    expect(ratio).toMatchObject({ actual: 90, expected: 91.67 });
    expect(ratio.message).toMatch(/ghi "11\/12 = 90%": tỷ lệ 90% nhưng 11 \/ 12 × 100 = 91,67% \(Năm 2024\)\.$/);
    expect(years).toMatchObject({ rule: "years", actual: 120, column: "Năm 2024", cell: expect.stringMatching(/!E\d+$/) });
    expect(years.message).toBe(
      '1.1 "Số VBQPPL đã ban hành/tham mưu ban hành": Năm 2023 ghi 12, Năm 2024 ghi 120 — tăng 10 lần, quá 3 lần giữa hai năm.',
    );
    expect(meetings.message).toMatch(/ghi "5\/4": Cuộc \(5\) lớn hơn Người tham gia \(4\) \(Năm 2024\)\.$/);
    // 2023 is untouched.
    expect(c.findings.filter((f) => f.column === "Năm 2023")).toEqual([]);
  });

  test("a file without the Năm 2023 column: its values are read as 2024, never as 2023, and the missing column is reported", async () => {
    const c = await check({ ...WITH_ERRORS, only2024: true });
    expect(c.located.forms[1].valueCols).toEqual([0, 4]);
    const fv = c.forms.find((f) => f.form.number === 2)!;
    expect(fv.columns!.map((col) => col.columnName)).toEqual(["Năm 2024"]);
    expect(fv.columns![0].byCode.get("b2.I.1.de-ra")).toMatchObject({ value: 30, address: expect.stringMatching(/^D\d+$/) });
    expect(brief(tableFindings(c))).toEqual([
      'error 2 "Số nhiệm vụ đề ra trong …" le [Năm 2024]',
      'error 2 "Tổng số cuộc họp qua hệ …" ratio [Năm 2024]',
      "warning 2 - structure",
      'warning 2 "Số cuộc tổ chức đối thoạ…" le [Năm 2024]',
    ]);
    expect(tableFindings(c)[2].message).toBe(
      'Phụ lục II (trang "Phụ lục II") không có cột "Năm 2023"; các số của cột này coi như chưa báo cáo',
    );
  });

  test("compound cells that do not fit their unit, and parts out of range", async () => {
    const c = await check({
      values: {
        "b2.2.4.dat-dai": ["350 hồ sơ = 97%", "410 hồ sơ = 104%"],
        "6.2": ["4.500 văn bản = 98%", "4.500,5 văn bản = 98%"],
        "b2.6.5.don-vi": ["12/12", "12/10/2024"],
        "b2.6.8.may-tinh": ["8/10", "9%"],
      },
    });
    expect(brief(tableFindings(c))).toEqual([
      'error 2 "Tổng số hồ sơ TTHC về lĩ…" percent [Năm 2024]',
      "error 2 6.2 count [Năm 2024]",
      'error 2 "Tổng số đơn vị trực thuộ…" number [Năm 2024]',
      'warning 2 "Tỷ lệ máy tính bố trí tạ…" count [Năm 2024]',
      "info 2 - number [Năm 2024]",
    ]);
    const [pct, count, shape, single, asText] = tableFindings(c);
    expect(pct.message).toBe(
      '"Tổng số hồ sơ TTHC về lĩnh vực đất đai được giải quyết đú…" ghi "410 hồ sơ = 104%": phần "%" là 104%, tỷ lệ phải từ 0 đến 100 (Năm 2024).',
    );
    expect(count.message).toMatch(/^Số lượng 6\.2 phải là số nguyên nhưng ô ghi "4\.500,5 văn bản = 98%" \(đọc là 4\.500,5\)/);
    expect(shape.message).toMatch(
      /'12\/10\/2024' \(3 số\) không khớp đơn vị tính "Số cơ quan, đơn vị\/ tổng": cần dạng a\/b \(Cơ quan, đơn vị \/ Tổng\)/,
    );
    expect(single.message).toMatch(/"9%", đọc là 9: dòng là số lượng nhưng ô ghi dấu %/);
    expect(asText.message).toMatch(/^1 ô số liệu được nhập dạng chữ/);
  });
});

describe("our template for sonla-kiemtra", () => {
  test("Phụ lục II: unit and two value columns under 'Kết quả thống kê', then Ghi chú and the hidden marker", () => {
    const plan = planFormSheet(template, table);
    expect(plan.sheetName).toBe("Phụ lục II");
    expect(formColumns(table)).toEqual({ code: 1, label: 2, unit: 3, values: [4, 5], note: 6, marker: 7 });
    const at = (r: number, c: number) => plan.cells.find((x) => x.row === r && x.col === c);
    expect([3, 4, 5, 6].map((c) => at(6, c)?.value)).toEqual(["Đơn vị tính", "Năm 2023", "Năm 2024", undefined]);
    expect(at(5, 3)?.value).toBe("Kết quả thống kê");
    expect(at(5, 6)?.value).toBe("Ghi chú");
    expect(plan.merges).toContainEqual([5, 3, 5, 5]);
    expect(at(1, 7)?.value).toBe("bieumau:sonla-kiemtra:2");
    expect(plan.hiddenColumns).toEqual([7]);
    expect(plan.valueCellsOf!.get("b2.I.1.de-ra")).toEqual(["D9", "E9"]);
    // Input cells: a whole number ≥ 0 in both columns; compound cells are text (no rule), so "3/45" stays "3/45".
    const v = (id: string) => plan.validations.filter((x) => x.row === plan.rowOf.get(id)).map((x) => [x.col, x.rule.type]);
    expect(v("b2.I.1.de-ra")).toEqual([
      [4, "whole"],
      [5, "whole"],
    ]);
    expect(v("b2.2.4.doi-thoai")).toEqual([]);
    expect(at(plan.rowOf.get("b2.2.4.doi-thoai")!, 5)?.numFmt).toBe("@");
    expect(at(plan.rowOf.get("I.1")!, 1)?.value).toBe("1");
  });

  test("Phụ lục I: the printed header, each section with empty numbered rows, a status list", () => {
    const plan = planFormSheet(template, list);
    expect(plan.sheetName).toBe("Phụ lục I");
    const row5 = plan.cells
      .filter((c) => c.row === 5)
      .sort((a, b) => a.col - b.col)
      .map((c) => c.value);
    expect(row5).toEqual(["STT", ...list.columns!.map((c) => c.title)]);
    const codes = plan.cells.filter((c) => c.col === 1 && c.row > 5).map((c) => String(c.value));
    expect(codes).toEqual(list.sections!.flatMap((s) => [s.code, "1", "2", "3"]));
    expect(plan.validations.filter((v) => v.col === 6)).toHaveLength(18);
    expect(plan.validations[0].rule).toEqual({ type: "list", values: ["Đúng hạn", "Quá hạn"] });
    expect(plan.cells.find((c) => c.row === 1 && c.col === 8)?.value).toBe("bieumau:sonla-kiemtra:1");
  });

  test("written by the tool, opened and located back by its marker, with every row and no error", async () => {
    const { workbook } = buildTemplateWorkbook(template, { unit: "UBND huyện Mai Sơn", period: "Năm 2024" });
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Phụ lục I", "Phụ lục II"]);
    const c = checkWorkbook(readWorkbookGrid(new Uint8Array(await workbook.xlsx.writeBuffer())), builtinTemplates());
    expect(c.located.template?.id).toBe("sonla-kiemtra");
    expect(c.located.forms.map((f) => [f.form.number, f.via])).toEqual([
      [1, "marker"],
      [2, "marker"],
    ]);
    expect(c.located.forms[1]).toMatchObject({ missing: [], stray: [], valueCols: [4, 5] });
    expect(c.located.forms[1].rows.size).toBe(table.rows.length);
    expect(c.located.forms[0].list).toMatchObject({ headerRow: 5, items: [], missingColumns: [] });
    expect(c.located.forms[0].list!.sections.map((s) => s.code)).toEqual(["I", "II", "III", "IV", "V", "VI"]);
    expect(c.counts.error).toBe(0);
    expect(c.located.unit).toBe("UBND huyện Mai Sơn");
  });

  test("an officer fills our template: values of both years and a list item are read from their cells", async () => {
    const { workbook } = buildTemplateWorkbook(template, { unit: "Sở Nội vụ", period: "Năm 2024" });
    const ws2 = workbook.getWorksheet("Phụ lục II")!;
    const plan = planFormSheet(template, table);
    const [d, e] = plan.valueCellsOf!.get("b2.I.4.duoc-giao")!;
    ws2.getCell(d).value = 20;
    ws2.getCell(e).value = 10;
    const [, e2] = plan.valueCellsOf!.get("b2.I.4.dung-han")!;
    ws2.getCell(e2).value = 12;
    const ws1 = workbook.getWorksheet("Phụ lục I")!;
    ws1.getCell("B7").value = "Kế hoạch CCHC năm 2024";
    ws1.getCell("C7").value = "Kế hoạch số 5/KH-SNV ngày 02/02/2024";
    ws1.getCell("E7").value = new Date(Date.UTC(2024, 0, 31));
    ws1.getCell("F7").value = "Đúng hạn";
    const c = checkWorkbook(readWorkbookGrid(new Uint8Array(await workbook.xlsx.writeBuffer())), builtinTemplates());
    const errors = c.findings.filter((f) => f.severity === "error");
    expect(brief(errors)).toEqual(["error 1 I.1 status", 'error 2 "Tổng số nhiệm vụ được gi…" le [Năm 2024]']);
    expect(errors[0].message).toMatch(/ngày 02\/02\/2024.*sau thời hạn 31\/01\/2024 2 ngày/);
    expect(errors[1].cell).toBe(`'Phụ lục II'!${e}`);
    // Blank cells are "not reported", per column.
    expect(c.findings.filter((f) => f.rule === "blank" && f.form === 2).map((f) => f.column)).toEqual(["Năm 2023", "Năm 2024"]);
  });
});

describe("consolidation and fill", () => {
  test("consolidation refuses the template with the reason, in Vietnamese", async () => {
    const data = unitData(await check());
    expect(() => consolidate([{ file: "mai-son.xlsx", data }], builtinTemplates())).toThrow(ConsolidateRefusal);
    expect(() => consolidate([{ file: "mai-son.xlsx", data }], builtinTemplates())).toThrow(
      /mẫu sonla-kiemtra chưa tổng hợp được nhiều đơn vị: Phụ lục I là danh sách .*; Phụ lục II có 2 cột số liệu \(Năm 2023, Năm 2024\)/,
    );
  });

  test("fill has nothing to compute (no computed rows) and does not fail on two columns", async () => {
    const c = await check();
    expect(planFill(c.forms)).toEqual([]);
  });
});

describe("dates and statuses as officers write them", () => {
  const day = (v: Parameters<typeof readDate>[0]) => {
    const r = readDate(v);
    return r === null ? null : r.ok ? `${r.date.d}/${r.date.m}/${r.date.y}${r.period ? ` (${r.period})` : ""}` : `✗ ${r.reason}`;
  };
  test.each<[string | number, string | undefined, string | null]>([
    ["15/01/2024", undefined, "15/1/2024"],
    ["5/1/2024", undefined, "5/1/2024"],
    ["15.01.2024", undefined, "15/1/2024"],
    ["Trước ngày 31/3/2024", undefined, "31/3/2024"],
    ["ngày 15 tháng 01 năm 2024", undefined, "15/1/2024"],
    ["Tháng 6/2024", undefined, "30/6/2024 (tháng 6/2024)"],
    ["Quý I năm 2024", undefined, "31/3/2024 (quý 1/2024)"],
    [45306, "dd/mm/yyyy", "15/1/2024"],
    [45306, "mm-dd-yy", "15/1/2024"],
    ["...", undefined, null],
    ["29/02/2023", undefined, "✗ '29/02/2023' không phải ngày có thật: tháng 2 năm 2023 chỉ có 28 ngày"],
    ["15/13/2024", undefined, "✗ '15/13/2024' không phải ngày có thật: không có tháng 13"],
    ["15/01/24", undefined, "✗ '15/01/24': năm phải đủ 4 chữ số (dd/mm/yyyy)"],
    ["đầu năm", undefined, "✗ không đọc được ngày 'đầu năm' (ghi dạng dd/mm/yyyy, ví dụ 15/01/2024)"],
    [45306, undefined, "✗ ô ghi số 45306, không phải ngày (nếu là ngày theo số thứ tự của Excel thì là 15/01/2024: định dạng ô kiểu Ngày)"],
  ])("%j (%s)", (value, numFmt, expected) => {
    expect(day({ value, ...(numFmt ? { numFmt } : {}) })).toBe(expected);
  });

  test.each<[string, string | undefined]>([
    ["Đúng hạn", "on-time"],
    ["đúng hạn", "on-time"],
    ["Trước hạn", "on-time"],
    ["Quá hạn", "late"],
    ["Trễ hạn 5 ngày", "late"],
    ["Không đúng hạn", "late"],
    ["Đúng hạn/quá hạn", undefined],
    ["Đang thực hiện", undefined],
  ])("%j", (text, expected) => {
    expect(readStatus(text)).toBe(expected);
  });
});
