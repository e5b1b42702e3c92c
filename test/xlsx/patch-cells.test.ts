/**
 * patchWorkbook writes a few cells into a real .xlsx by editing the sheet XML:
 * everything else must survive (checked with exceljs, byte comparison of zip
 * entries, and LibreOffice opening and recalculating the result).
 */
import ExcelJS from "exceljs";
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PatchError, patchWorkbook, type CellPatch } from "../../src/xlsx/patch-cells";
import { recalcWithLibreOffice } from "../helpers/libreoffice";

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const WORKSHEET_TYPE = `${REL_NS}/worksheet`;
// A 1×1 PNG.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

const work = fs.mkdtempSync(path.join(os.tmpdir(), "bieumau-patch-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

function entries(data: Uint8Array): { names: string[]; files: Record<string, Uint8Array> } {
  const names: string[] = [];
  const files = unzipSync(data, {
    filter: (f) => {
      names.push(f.name);
      return true;
    },
  });
  return { names, files };
}

function text(data: Uint8Array, name: string): string {
  const f = unzipSync(data)[name];
  if (!f) throw new Error(`no ${name}`);
  return strFromU8(f);
}

async function load(data: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(data) as unknown as ExcelJS.Buffer);
  return wb;
}

function save(name: string, data: Uint8Array): string {
  const file = path.join(work, name);
  fs.writeFileSync(file, data);
  return file;
}

/** The sample unit workbook: two sheets with most things an officer's file has. */
async function sampleWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Biểu 1");
  ws.getCell("A1").value = "Biểu mẫu số 1 & <thử>";
  ws.getCell("A1").font = { name: "Times New Roman", bold: true, size: 14 };
  ws.mergeCells("A1:D1");
  ws.getCell("B3").value = 10;
  ws.getCell("C3").value = 20;
  ws.getCell("E3").value = { formula: "B3+C3", result: 30 };
  ws.getCell("B3").note = "Số liệu do phòng Nội vụ cung cấp";
  ws.getCell("B4").dataValidation = { type: "whole", operator: "between", formulae: [0, 100], allowBlank: true, showErrorMessage: true };
  ws.getCell("C4").value = "chữ";
  ws.getCell("C4").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEEFF" } };
  // The blank styled cell that `fill` computes.
  const d5 = ws.getCell("D5");
  d5.numFmt = "0.00";
  d5.font = { name: "Times New Roman", italic: true, bold: true };
  d5.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };
  d5.border = { top: { style: "thin" }, bottom: { style: "thin" } };
  ws.getColumn(6).hidden = true;
  ws.getColumn(2).width = 18;
  wb.definedNames.add("'Biểu 1'!$B$3", "dau_vao");
  const image = wb.addImage({ buffer: PNG as unknown as ExcelJS.Buffer, extension: "png" });
  ws.addImage(image, { tl: { col: 6, row: 6 }, ext: { width: 20, height: 20 } });

  const ws2 = wb.addWorksheet("Tổng hợp");
  ws2.getCell("A1").value = "Tổng";
  ws2.getCell("A1").font = { bold: true };
  ws2.getCell("B1").value = { formula: "'Biểu 1'!D5+1", result: 1 };
  ws2.getCell("A2").value = 5;
  ws2.getCell("A2").note = "Ghi chú trang 2";
  ws2.mergeCells("C2:D3");
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

interface CellSnap {
  value: unknown;
  style: unknown;
  note: unknown;
}

/** Everything exceljs reads from a workbook, cell by cell over a fixed area. */
function snapshot(wb: ExcelJS.Workbook) {
  const sheets: Record<string, unknown> = {};
  wb.eachSheet((ws) => {
    const cells: Record<string, CellSnap> = {};
    for (let r = 1; r <= 12; r++) {
      for (let c = 1; c <= 10; c++) {
        const cell = ws.getCell(r, c);
        cells[cell.address] = {
          value: JSON.parse(JSON.stringify(cell.value ?? null)),
          style: JSON.parse(JSON.stringify(cell.style ?? {})),
          note: JSON.parse(JSON.stringify(cell.note ?? null)),
        };
      }
    }
    const columns = [1, 2, 3, 4, 5, 6, 7].map((i) => ({ hidden: ws.getColumn(i).hidden, width: ws.getColumn(i).width }));
    sheets[ws.name] = {
      cells,
      merges: [...(ws.model.merges ?? [])].sort(),
      validations: JSON.parse(JSON.stringify((ws as unknown as { dataValidations: { model: unknown } }).dataValidations.model)),
      columns,
      images: ws.getImages().map((i) => ({
        imageId: i.imageId,
        range: JSON.parse(JSON.stringify(i.range, (k, v: unknown) => (k === "worksheet" || k === "_worksheet" ? undefined : v))),
      })),
    };
  });
  return { sheets, definedNames: JSON.parse(JSON.stringify(wb.definedNames.model)) };
}

function withoutCells(snap: ReturnType<typeof snapshot>, patched: Record<string, string[]>) {
  const copy = JSON.parse(JSON.stringify(snap)) as { sheets: Record<string, { cells: Record<string, unknown> }> };
  for (const [sheet, addresses] of Object.entries(patched)) for (const a of addresses) delete copy.sheets[sheet]!.cells[a];
  return copy;
}

/** A minimal package built by hand, for XML shapes exceljs never writes. */
function handBuilt(opts: {
  workbook: string;
  rels: string;
  sheets: Record<string, string>;
  extra?: Record<string, string>;
  overrides?: string;
}): Uint8Array {
  const sheetOverrides = Object.keys(opts.sheets)
    .map((p) => `<Override PartName="/${p}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
    .join("");
  const files: Zippable = {
    "[Content_Types].xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
        sheetOverrides +
        (opts.overrides ?? "") +
        `</Types>`,
    ),
    "_rels/.rels": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    "xl/workbook.xml": strToU8(opts.workbook),
    "xl/_rels/workbook.xml.rels": strToU8(opts.rels),
  };
  for (const [p, xml] of Object.entries(opts.sheets)) files[p] = strToU8(xml);
  for (const [p, xml] of Object.entries(opts.extra ?? {})) files[p] = strToU8(xml);
  return zipSync(files);
}

/** One-sheet hand-built package around a sheetData body. */
function oneSheet(sheetXml: string, workbookExtra = ""): Uint8Array {
  return handBuilt({
    workbook: `<?xml version="1.0" encoding="UTF-8"?>\n<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets>${workbookExtra}</workbook>`,
    rels: `<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${WORKSHEET_TYPE}" Target="worksheets/sheet1.xml"/></Relationships>`,
    sheets: { "xl/worksheets/sheet1.xml": `<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="${MAIN_NS}">${sheetXml}</worksheet>` },
  });
}

function sheetData(data: Uint8Array, part = "xl/worksheets/sheet1.xml"): string {
  const m = /<(\w+:)?sheetData[\s\S]*?(<\/(\w+:)?sheetData>|\/>)/.exec(text(data, part));
  return m ? m[0] : "";
}

function expectPatchError(run: () => unknown, pattern: RegExp): void {
  let caught: unknown;
  try {
    run();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(PatchError);
  expect((caught as Error).message).toMatch(pattern);
}

// ---------------------------------------------------------------------------
// 1. exceljs workbook: patched cells change, nothing else does
// ---------------------------------------------------------------------------

describe("patchWorkbook on an exceljs workbook", () => {
  const patches: CellPatch[] = [
    { sheet: "Biểu 1", address: "D5", value: 123.45 }, // blank styled cell
    { sheet: "Biểu 1", address: "D3", value: 0.1 + 0.2 }, // missing cell in an existing row
    { sheet: "Biểu 1", address: "B8", value: -7 }, // missing row after the last one
    { sheet: "Biểu 1", address: "B2", value: 1e-7 }, // missing row between rows 1 and 3
    { sheet: "Biểu 1", address: "E3", formula: 'IF(C3>0,B3/C3*100,"")', value: 50 }, // replaces a formula
    { sheet: "Biểu 1", address: "G5", formula: "D5*2", value: 246.9 }, // new formula cell
    { sheet: "Biểu 1", address: "C4", value: null }, // clears a string cell, keeps its fill
    { sheet: "Tổng hợp", address: "$B$2", value: 42 },
  ];
  const patched: Record<string, string[]> = { "Biểu 1": ["D5", "D3", "B8", "B2", "E3", "G5", "C4"], "Tổng hợp": ["B2"] };

  let original: Uint8Array;
  let result: Uint8Array;
  beforeAll(async () => {
    original = await sampleWorkbook();
    result = patchWorkbook(original, patches);
  });

  test("the new values and formulas are there, with the cells' styles", async () => {
    const before = await load(original);
    const wb = await load(result);
    const ws = wb.getWorksheet("Biểu 1")!;
    expect(ws.getCell("D5").value).toBe(123.45);
    expect(ws.getCell("D5").numFmt).toBe("0.00");
    expect(ws.getCell("D5").font).toEqual(before.getWorksheet("Biểu 1")!.getCell("D5").font);
    expect(ws.getCell("D5").font.bold).toBe(true);
    expect(ws.getCell("D5").style).toEqual(before.getWorksheet("Biểu 1")!.getCell("D5").style);
    expect(ws.getCell("D3").value).toBe(0.1 + 0.2); // full precision
    expect(ws.getCell("B8").value).toBe(-7);
    expect(ws.getCell("B2").value).toBe(1e-7);
    expect(ws.getCell("E3").value).toMatchObject({ formula: 'IF(C3>0,B3/C3*100,"")', result: 50 });
    expect(ws.getCell("G5").value).toMatchObject({ formula: "D5*2", result: 246.9 });
    expect(ws.getCell("C4").value).toBeNull();
    expect(ws.getCell("C4").fill).toEqual(before.getWorksheet("Biểu 1")!.getCell("C4").fill);
    expect(wb.getWorksheet("Tổng hợp")!.getCell("B2").value).toBe(42);
  });

  test("every other cell, style, merge, note, validation, column, image and defined name is unchanged", async () => {
    const before = snapshot(await load(original));
    const after = snapshot(await load(result));
    expect(withoutCells(after, patched)).toEqual(withoutCells(before, patched));
    // Sanity: the snapshot does see the things we claim to keep.
    const s1 = (before.sheets["Biểu 1"] as { merges: string[]; images: unknown[]; validations: object }).merges;
    expect(s1).toEqual(["A1:D1"]);
    expect((before.sheets["Biểu 1"] as { images: unknown[] }).images).toHaveLength(1);
    expect(Object.keys((before.sheets["Biểu 1"] as { validations: object }).validations)).toEqual(["B4"]);
    expect(JSON.stringify(before.definedNames)).toContain("dau_vao");
    const cells1 = (before.sheets["Biểu 1"] as { cells: Record<string, CellSnap> }).cells;
    expect(cells1["B3"]!.note).toBeTruthy();
    expect(JSON.stringify(cells1["A1"]!.style)).toContain('"bold":true');
    const cols1 = (before.sheets["Biểu 1"] as { columns: Array<{ hidden: boolean }> }).columns;
    expect(cols1[5]!.hidden).toBe(true);
    expect((before.sheets["Tổng hợp"] as { merges: string[] }).merges).toEqual(["C2:D3"]);
  });

  test("zip entries other than the patched sheets and workbook.xml are byte-identical, in the same order", () => {
    const a = entries(original);
    const b = entries(result);
    expect(b.names).toEqual(a.names);
    expect(b.names[0]).toBe("[Content_Types].xml");
    const changed = new Set(["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/workbook.xml"]);
    for (const name of a.names) {
      if (changed.has(name)) continue;
      expect({ name, same: Buffer.compare(Buffer.from(b.files[name]!), Buffer.from(a.files[name]!)) === 0 }).toEqual({ name, same: true });
    }
    for (const name of changed) expect(strFromU8(b.files[name]!)).not.toBe(strFromU8(a.files[name]!));
  });

  test("the sheet XML is edited only where the patches land", () => {
    const before = text(original, "xl/worksheets/sheet1.xml");
    const after = text(result, "xl/worksheets/sheet1.xml");
    // Style kept, type attribute dropped, rows and cells in order.
    const d5Style = /<c r="D5" (s="\d+")\/>/.exec(before)![1];
    expect(after).toContain(`<c r="D5" ${d5Style}><v>123.45</v></c>`);
    expect(after).toMatch(/<c r="C4" s="\d+"\/>/);
    expect(after).toContain('<c r="E3"><f>IF(C3&gt;0,B3/C3*100,&quot;&quot;)</f><v>50</v></c>');
    expect(after).toContain(`<c r="D3"><v>${String(0.1 + 0.2)}</v></c><c r="E3">`);
    const rows = [...after.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1]));
    expect(rows).toEqual([1, 2, 3, 4, 5, 8]);
    expect(after).toContain('<dimension ref="A1:G8"/>');
    // Everything after sheetData is untouched.
    const tail = (xml: string) => xml.slice(xml.indexOf("</sheetData>"));
    expect(tail(after)).toBe(tail(before));
    // workbook.xml: only calcPr changed.
    const wb = text(result, "xl/workbook.xml");
    expect(wb).toContain('<calcPr calcId="171027" fullCalcOnLoad="1"/>');
    expect(wb.replace(' fullCalcOnLoad="1"', "")).toBe(text(original, "xl/workbook.xml"));
  });

  test("an empty list of patches returns the same bytes", () => {
    expect(Buffer.compare(Buffer.from(patchWorkbook(original, [])), Buffer.from(original))).toBe(0);
  });
});

// ---------------------------------------------------------------------------
// 2. LibreOffice opens the patched file and computes the patched formulas
// ---------------------------------------------------------------------------

describe("patched workbook in LibreOffice", () => {
  test("recalculation gives the patched formulas' results", async () => {
    const patched = patchWorkbook(await sampleWorkbook(), [
      { sheet: "Biểu 1", address: "B3", value: 45 },
      { sheet: "Biểu 1", address: "C3", value: 60 },
      { sheet: "Biểu 1", address: "E3", formula: 'IF(C3>0,B3/C3*100,"")', value: 0 }, // stale cache on purpose
      { sheet: "Biểu 1", address: "D5", formula: "SUM(B3:C3)" }, // no cached value
      { sheet: "Biểu 1", address: "G9", formula: "D5*2" },
    ]);
    const [out] = recalcWithLibreOffice([save("recalc.xlsx", patched)]);
    const wb = await load(fs.readFileSync(out!));
    const ws = wb.getWorksheet("Biểu 1")!;
    const result = (a: string) => (ws.getCell(a).value as { result?: unknown }).result;
    expect(result("E3")).toBeCloseTo(75, 10);
    expect(result("D5")).toBe(105);
    expect(result("G9")).toBe(210);
    expect(ws.getCell("D5").numFmt).toBe("0.00");
    // An untouched formula on the other sheet that depends on a patched cell.
    expect((wb.getWorksheet("Tổng hợp")!.getCell("B1").value as { result?: unknown }).result).toBe(106);
    expect(ws.getCell("B3").note).toBeDefined();
  });
});

// ---------------------------------------------------------------------------
// 3. calcChain goes away with its override and relationship
// ---------------------------------------------------------------------------

describe("calcChain", () => {
  async function withCalcChain(): Promise<Uint8Array> {
    const { names, files } = entries(await sampleWorkbook());
    const out: Zippable = {};
    for (const n of names) {
      let bytes = files[n]!;
      if (n === "[Content_Types].xml") {
        bytes = strToU8(
          strFromU8(bytes).replace(
            "</Types>",
            '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>',
          ),
        );
      } else if (n === "xl/_rels/workbook.xml.rels") {
        bytes = strToU8(
          strFromU8(bytes).replace(
            "</Relationships>",
            `<Relationship Id="rId99" Type="${REL_NS}/calcChain" Target="calcChain.xml"/></Relationships>`,
          ),
        );
      }
      out[n] = bytes;
    }
    out["xl/calcChain.xml"] = strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="${MAIN_NS}"><c r="E3" i="1"/><c r="B1" i="2"/></calcChain>`,
    );
    return zipSync(out);
  }

  test("is removed with its content-type override and relationship; exceljs and LibreOffice still open the file", async () => {
    const original = await withCalcChain();
    expect(text(original, "[Content_Types].xml")).toContain("calcChain");
    await load(original); // the fixture itself is readable
    const patched = patchWorkbook(original, [{ sheet: "Biểu 1", address: "E3", value: 30 }]);
    const { names, files } = entries(patched);
    expect(names).not.toContain("xl/calcChain.xml");
    expect(names).toEqual(entries(original).names.filter((n) => n !== "xl/calcChain.xml"));
    const ct = strFromU8(files["[Content_Types].xml"]!);
    const rels = strFromU8(files["xl/_rels/workbook.xml.rels"]!);
    expect(ct).not.toContain("calcChain");
    expect(rels).not.toContain("calcChain");
    expect(rels).toContain('Target="worksheets/sheet1.xml"');
    // Only the removed pieces differ.
    expect(ct).toBe(text(original, "[Content_Types].xml").replace(/<Override PartName="\/xl\/calcChain.xml"[^>]*\/>/, ""));
    expect(rels).toBe(text(original, "xl/_rels/workbook.xml.rels").replace(/<Relationship Id="rId99"[^>]*\/>/, ""));

    const wb = await load(patched);
    expect(wb.getWorksheet("Biểu 1")!.getCell("E3").value).toBe(30);
    const [out] = recalcWithLibreOffice([save("calcchain.xlsx", patched)]);
    const lo = await load(fs.readFileSync(out!));
    expect(lo.getWorksheet("Biểu 1")!.getCell("E3").value).toBe(30);
  });
});

// ---------------------------------------------------------------------------
// 4. Hand-built XML shapes: prefixes, cells/rows without r, <sheetData/>
// ---------------------------------------------------------------------------

describe("XML shapes other producers write", () => {
  const X = `xmlns:x="${MAIN_NS}"`;
  function prefixed(): Uint8Array {
    return handBuilt({
      workbook:
        `<?xml version="1.0" encoding="UTF-8"?>\n<x:workbook ${X} xmlns:rel="${REL_NS}"><x:sheets>` +
        `<x:sheet name="Dữ liệu" sheetId="1" rel:id="R1"/><x:sheet name="Trống" sheetId="2" rel:id="R2"/></x:sheets>` +
        `<x:definedNames><x:definedName name="tong">'Dữ liệu'!$A$2</x:definedName></x:definedNames></x:workbook>`,
      rels:
        `<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="${PKG_REL_NS}">` +
        `<Relationship Id="R1" Type="${WORKSHEET_TYPE}" Target="/xl/worksheets/data.xml"/>` +
        `<Relationship Id="R2" Type="${WORKSHEET_TYPE}" Target="worksheets/empty.xml"/></Relationships>`,
      sheets: {
        "xl/worksheets/data.xml":
          `<?xml version="1.0" encoding="UTF-8"?>\n<x:worksheet ${X}><x:dimension ref="A1:C2"/><x:sheetData>` +
          `<x:row><x:c><x:v>1</x:v></x:c><x:c><x:v>2</x:v></x:c><x:c><x:v>3</x:v></x:c></x:row>` +
          `<x:row><x:c t="inlineStr"><x:is><x:t>Tổng</x:t></x:is></x:c><x:c><x:f>SUM(A1:C1)</x:f><x:v>6</x:v></x:c></x:row>` +
          `</x:sheetData></x:worksheet>`,
        "xl/worksheets/empty.xml": `<?xml version="1.0" encoding="UTF-8"?>\n<x:worksheet ${X}><x:dimension ref="A1"/><x:sheetData/></x:worksheet>`,
      },
    });
  }

  test("prefixed elements, cells and rows without r, and <sheetData/>", async () => {
    const patched = patchWorkbook(prefixed(), [
      { sheet: "Dữ liệu", address: "B1", value: 20 }, // replaces an r-less cell
      { sheet: "Dữ liệu", address: "E2", formula: "B2*2" }, // new cell after r-less cells
      { sheet: "Dữ liệu", address: "A4", value: 9 }, // new row after r-less rows
      { sheet: "Trống", address: "C3", formula: "'Dữ liệu'!B1+1", value: 21 },
    ]);
    expect(sheetData(patched, "xl/worksheets/data.xml")).toBe(
      `<x:sheetData>` +
        `<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c><x:c r="B1"><x:v>20</x:v></x:c><x:c r="C1"><x:v>3</x:v></x:c></x:row>` +
        `<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>Tổng</x:t></x:is></x:c><x:c r="B2"><x:f>SUM(A1:C1)</x:f><x:v>6</x:v></x:c><x:c r="E2"><x:f>B2*2</x:f></x:c></x:row>` +
        `<x:row r="4"><x:c r="A4"><x:v>9</x:v></x:c></x:row>` +
        `</x:sheetData>`,
    );
    expect(text(patched, "xl/worksheets/data.xml")).toContain('<x:dimension ref="A1:E4"/>');
    expect(sheetData(patched, "xl/worksheets/empty.xml")).toBe(
      `<x:sheetData><x:row r="3"><x:c r="C3"><x:f>'Dữ liệu'!B1+1</x:f><x:v>21</x:v></x:c></x:row></x:sheetData>`,
    );
    expect(text(patched, "xl/worksheets/empty.xml")).toContain('<x:dimension ref="A1:C3"/>');
    // calcPr goes after definedNames, with the workbook's prefix.
    expect(text(patched, "xl/workbook.xml")).toContain(`</x:definedNames><x:calcPr fullCalcOnLoad="1"/></x:workbook>`);

    const [out] = recalcWithLibreOffice([save("prefixed.xlsx", patched)]);
    const wb = await load(fs.readFileSync(out!));
    const data = wb.getWorksheet("Dữ liệu")!;
    expect(data.getCell("B1").value).toBe(20);
    expect((data.getCell("B2").value as { result?: unknown }).result).toBe(24);
    expect((data.getCell("E2").value as { result?: unknown }).result).toBe(48);
    expect(data.getCell("A4").value).toBe(9);
    expect((wb.getWorksheet("Trống")!.getCell("C3").value as { result?: unknown }).result).toBe(21);
  });

  test("a sheet with r-less cells gets r attributes on all its rows and cells; other sheets stay as they were", () => {
    const original = prefixed();
    const patched = patchWorkbook(original, [{ sheet: "Trống", address: "A1", value: 1 }]);
    expect(text(patched, "xl/worksheets/data.xml")).toBe(text(original, "xl/worksheets/data.xml"));
    const again = patchWorkbook(original, [{ sheet: "Dữ liệu", address: "A1", value: 5 }]);
    const xml = sheetData(again, "xl/worksheets/data.xml");
    expect(xml).toContain('<x:row r="2"><x:c r="A2" t="inlineStr">');
    expect(xml).toContain('<x:c r="A1"><x:v>5</x:v></x:c><x:c r="B1"><x:v>2</x:v></x:c>');
  });

  test("row and column styles for new cells, spans, self-closed rows", () => {
    const data = oneSheet(
      `<dimension ref="A1:B3"/><cols><col min="3" max="4" width="12" style="4" customWidth="1"/></cols><sheetData>` +
        `<row r="1" spans="1:2" s="2" customFormat="1"><c r="A1" s="3"><v>1</v></c></row>` +
        `<row r="2" spans="1:2" s="2"><c r="B2" t="s"><v>0</v></c></row>` +
        `<row r="3" ht="20" customHeight="1"/>` +
        `</sheetData>`,
    );
    const patched = patchWorkbook(data, [
      { sheet: "S", address: "B1", value: 2 }, // row s with customFormat → s="2"
      { sheet: "S", address: "A2", value: 3 }, // row s without customFormat, no column style → no s
      { sheet: "S", address: "C2", value: 4 }, // column style → s="4"; outside spans → spans dropped
      { sheet: "S", address: "B2", value: 5 }, // existing shared-string cell: t removed
      { sheet: "S", address: "A3", value: 6 }, // self-closed row
      { sheet: "S", address: "D3", value: 7 },
    ]);
    expect(sheetData(patched)).toBe(
      `<sheetData>` +
        `<row r="1" spans="1:2" s="2" customFormat="1"><c r="A1" s="3"><v>1</v></c><c r="B1" s="2"><v>2</v></c></row>` +
        `<row r="2" s="2"><c r="A2"><v>3</v></c><c r="B2"><v>5</v></c><c r="C2" s="4"><v>4</v></c></row>` +
        `<row r="3" ht="20" customHeight="1"><c r="A3"><v>6</v></c><c r="D3" s="4"><v>7</v></c></row>` +
        `</sheetData>`,
    );
    expect(text(patched, "xl/worksheets/sheet1.xml")).toContain('<dimension ref="A1:D3"/>');
  });

  test("shared formula dependents are replaced; the last patch of a cell wins; names and addresses are case-insensitive", () => {
    const data = oneSheet(
      `<sheetData><row r="1"><c r="A1"><f t="shared" ref="A1:A3" si="0">B1*2</f><v>2</v></c></row>` +
        `<row r="2"><c r="A2"><f t="shared" si="0"/><v>4</v></c></row></sheetData>`,
    );
    const patched = patchWorkbook(data, [
      { sheet: "s", address: "a2", value: 1 },
      { sheet: "S", address: "A2", value: 1.5 },
    ]);
    expect(sheetData(patched)).toBe(
      `<sheetData><row r="1"><c r="A1"><f t="shared" ref="A1:A3" si="0">B1*2</f><v>2</v></c></row><row r="2"><c r="A2"><v>1.5</v></c></row></sheetData>`,
    );
  });

  test("relationship targets with ./ and ../ segments resolve", () => {
    const data = handBuilt({
      workbook: `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets><sheet name="S" sheetId="1" r:id="rId7"/></sheets></workbook>`,
      rels: `<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId7" Type="${WORKSHEET_TYPE}" Target="./x/../worksheets/s%201.xml"/></Relationships>`,
      sheets: { "xl/worksheets/s 1.xml": `<worksheet xmlns="${MAIN_NS}"><sheetData/></worksheet>` },
    });
    const patched = patchWorkbook(data, [{ sheet: "S", address: "B2", value: 3 }]);
    expect(sheetData(patched, "xl/worksheets/s 1.xml")).toBe(`<sheetData><row r="2"><c r="B2"><v>3</v></c></row></sheetData>`);
  });

  test("calcPr is placed after sheets when there are no definedNames, or updated when present", () => {
    const plain = patchWorkbook(oneSheet("<sheetData/>", "<extLst/>"), [{ sheet: "S", address: "A1", value: 1 }]);
    expect(text(plain, "xl/workbook.xml")).toContain(`</sheets><calcPr fullCalcOnLoad="1"/><extLst/>`);
    const existing = patchWorkbook(oneSheet("<sheetData/>", '<calcPr calcId="191029" fullCalcOnLoad="0"></calcPr>'), [
      { sheet: "S", address: "A1", value: 1 },
    ]);
    expect(text(existing, "xl/workbook.xml")).toContain(`<calcPr calcId="191029" fullCalcOnLoad="1"></calcPr>`);
  });
});

// ---------------------------------------------------------------------------
// 5. Errors
// ---------------------------------------------------------------------------

describe("errors", () => {
  let sample: Uint8Array;
  beforeAll(async () => {
    sample = await sampleWorkbook();
  });

  test("unknown sheet", () => {
    expectPatchError(
      () => patchWorkbook(sample, [{ sheet: "Biểu 9", address: "A1", value: 1 }]),
      /Không có trang tính "Biểu 9".*"Biểu 1", "Tổng hợp"/,
    );
  });

  test("bad addresses", () => {
    for (const address of ["ZZ", "12", "A0", "XFE1", "A1048577", "A1:B2", ""]) {
      expectPatchError(() => patchWorkbook(sample, [{ sheet: "Biểu 1", address, value: 1 }]), /Địa chỉ ô không hợp lệ/);
    }
  });

  test("NaN and Infinity", () => {
    expectPatchError(() => patchWorkbook(sample, [{ sheet: "Biểu 1", address: "D5", value: NaN }]), /D5.*không phải số hữu hạn/);
    expectPatchError(() => patchWorkbook(sample, [{ sheet: "Biểu 1", address: "D5", value: Infinity }]), /không phải số hữu hạn/);
  });

  test("shared formula master and array formulas are refused", () => {
    const data = oneSheet(
      `<sheetData><row r="1"><c r="A1"><f t="shared" ref="A1:A3" si="0">B1*2</f><v>2</v></c>` +
        `<c r="C1"><f t="array" ref="C1:D2">B1:C2*2</f><v>1</v></c><c r="D1"><v>1</v></c></row>` +
        `<row r="2"><c r="A2"><f t="shared" si="0"/><v>4</v></c></row></sheetData>`,
    );
    expectPatchError(
      () => patchWorkbook(data, [{ sheet: "S", address: "A1", value: 1 }]),
      /Ô A1 trên trang "S" là ô gốc của một công thức dùng chung/,
    );
    expectPatchError(() => patchWorkbook(data, [{ sheet: "S", address: "D2", value: 1 }]), /Ô D2 trên trang "S" thuộc công thức mảng/);
  });

  test("unreadable zip and non-workbook packages", () => {
    expectPatchError(() => patchWorkbook(strToU8("không phải zip"), [{ sheet: "S", address: "A1", value: 1 }]), /Không đọc được tệp Excel/);
    expectPatchError(
      () => patchWorkbook(zipSync({ "a.txt": strToU8("x") }), [{ sheet: "S", address: "A1", value: 1 }]),
      /không phải sổ tính Excel/,
    );
  });
});
