/**
 * The task pane with .xls and .ods (browser mode, under Node): opening one
 * gives the same findings as its .xlsx original, computing writes into an
 * .xlsx copy downloaded as "…-da-tinh.xlsx", and consolidating a mixed set
 * reads every file.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { builtinTemplates, findTemplate } from "../../src/catalog";
import { checkWorkbook } from "../../src/core/check-workbook";
import { planFill } from "../../src/core/fill";
import { fillWrites, isUnitFileName, readUnitSources, type UnitSource, withSuffix } from "../../src/taskpane/actions";
import { BrowserHost } from "../../src/browser/browser-host";
import { writeFilledWorkbook } from "../../src/xlsx/plan-writer";
import { readWorkbookGrid } from "../../src/xlsx/read-grid";
import { convertWithLibreOffice } from "../helpers/legacy-convert";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "bieumau-legacy-pane-"));
const xa = findTemplate("bnv581-xa")!;
const templates = builtinTemplates();
const files: Record<"xlsx" | "xls" | "ods", string> = { xlsx: path.join(work, "xa-le-hong.xlsx"), xls: "", ods: "" };

beforeAll(() => {
  fs.writeFileSync(
    files.xlsx,
    writeFilledWorkbook(
      xa,
      { unit: "UBND xã Lê Hồng", period: "Quý I năm 2024" },
      { "1/2.1": 20, "1/2.2": 17, "1/1": 4 },
      { computed: "blank" },
    ),
  );
  files.xls = convertWithLibreOffice([files.xlsx], "xls", path.join(work, "xls"))[0];
  files.ods = convertWithLibreOffice([files.xlsx], "ods", path.join(work, "ods"))[0];
}, 120_000);

const fileOf = (p: string) => new File([fs.readFileSync(p)], path.basename(p));

test.each(["xls", "ods"] as const)(
  "open an .%s: the findings of its .xlsx; computing writes an .xlsx copy named …-da-tinh.xlsx",
  async (format) => {
    const saved: { bytes: Uint8Array; name: string }[] = [];
    const host = new BrowserHost((bytes, name) => saved.push({ bytes, name }));
    await host.open(fileOf(files[format]));
    const expected = checkWorkbook(readWorkbookGrid(fs.readFileSync(files.xlsx)), templates);
    const checked = checkWorkbook(await host.readGrid(), templates);
    expect(checked.findings).toEqual(expected.findings);

    const actions = planFill(checked.forms, {});
    expect(actions.length).toBeGreaterThan(0);
    await host.writeCells(fillWrites(actions));
    host.downloadCurrent(withSuffix(host.fileName!, "-da-tinh"));
    expect(saved.map((s) => s.name)).toEqual([`xa-le-hong-da-tinh.xlsx`]);
    // The download is an .xlsx whose check no longer proposes the filled cells.
    const after = checkWorkbook(readWorkbookGrid(saved[0].bytes), templates);
    expect(planFill(after.forms, {}).filter((a) => a.action === "filled")).toEqual([]);
    expect(after.findings.filter((f) => f.severity === "error")).toEqual(expected.findings.filter((f) => f.severity === "error"));
  },
);

test("consolidate in the pane: .xlsx, .xls and .ods units all read, with the same data", async () => {
  expect(["a.xls", "b.ods", "c.xlsx", "d/e.XLS"].map(isUnitFileName)).toEqual([true, true, true, true]);
  const sources: UnitSource[] = (["xlsx", "xls", "ods"] as const).map((f) => {
    const bytes = new Uint8Array(fs.readFileSync(files[f]));
    return { name: path.basename(files[f]), size: bytes.length, read: async () => bytes };
  });
  const inputs = await readUnitSources(sources, templates, { pause: async () => undefined });
  expect(inputs.map((i) => [i.file, i.error])).toEqual([
    ["xa-le-hong.xlsx", undefined],
    ["xa-le-hong.xls", undefined],
    ["xa-le-hong.ods", undefined],
  ]);
  const data = inputs.map((i) => ({ ...i.data, file: undefined }));
  expect(data[1].forms).toEqual(data[0].forms);
  expect(data[2].forms).toEqual(data[0].forms);
});
