/** `validate --json` shows, per form, every row read: code, label, cell, value and what was written. */
import { builtinTemplates, findTemplate } from "../../src/catalog";
import { checkWorkbook } from "../../src/core/check-workbook";
import { fileReport } from "../../src/core/report";
import { readWorkbookGrid } from "../../src/xlsx/read-grid";
import { consistentCommune, PLAIN_SHAPE, seeded, shapedWorkbookBytes } from "../helpers/officer-workbooks";

test("every row of every form, with the value taken (a coded answer's code, null when not reported) and the raw text", async () => {
  const values = consistentCommune(seeded(7));
  values[1]["1"] = 0;
  values[5]["1.1"] = null;
  const bytes = await shapedWorkbookBytes(values, { ...PLAIN_SHAPE, columns: "prev-first", coded: "words", zeros: "dash", blanks: "dots" });
  const report = JSON.parse(JSON.stringify(fileReport("xa.xlsx", checkWorkbook(readWorkbookGrid(bytes), builtinTemplates()))));
  const xa = findTemplate("bnv581-xa")!;
  expect(report.forms.map((f: { form: number; values: unknown[] }) => [f.form, f.values.length])).toEqual(
    xa.forms.map((f) => [f.number, f.rows.length]),
  );
  const b1 = report.forms[0].values;
  expect(b1[0]).toEqual({
    code: "1",
    label: xa.forms[0].rows[0].label,
    cell: "'Biểu 1'!E8",
    value: 0,
    raw: expect.stringMatching(/^[-—–]$/),
  });
  const coded = b1.find((r: { code: string }) => r.code === "6");
  expect(coded).toMatchObject({ value: values[1]["6"], raw: expect.stringMatching(/^(Có|có|Không|không)$/) });
  const notReported = report.forms[4].values.find((r: { code: string }) => r.code === "1.1");
  expect(notReported).toMatchObject({ value: null, raw: expect.stringMatching(/^(…|\.\.\.)$/) });
  for (const f of report.forms) for (const r of f.values) expect(Object.keys(r).sort()).toEqual(["cell", "code", "label", "raw", "value"]);
});
