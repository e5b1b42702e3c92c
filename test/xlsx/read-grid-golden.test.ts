/**
 * The reader's results, pinned: a varied set of workbooks (exceljs-written, ours, LibreOffice-re-saved, hand-built
 * edge cases, a streamed large sheet, and a few hundred mutated files) read and dumped in full, compared with the
 * dumps recorded in read-grid-golden.json before the reader was split and sped up. Any change to a value, a type,
 * a formula, a merge, a number format, a note or an error message shows up here.
 *
 * To record again (only when a change of results is intended): GOLDEN_UPDATE=1 npx jest test/xlsx/read-grid-golden.test.ts
 */
import ExcelJS from "exceljs";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import { findTemplate } from "../../src/catalog";
import type { WorkbookGrid } from "../../src/core/grid";
import { columnLetters } from "../../src/core/a1";
import { writeFilledWorkbook } from "../../src/xlsx/plan-writer";
import { ReadError, type ReadOptions, readWorkbookGrid } from "../../src/xlsx/read-grid";
import { seeded } from "../helpers/officer-workbooks";

const GOLDEN = path.join(__dirname, "read-grid-golden.json");
const LIBREOFFICE_FIXTURE = path.join(__dirname, "..", "fixtures", "xlsx", "libreoffice-resaved.xlsx");
const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";

/** Every observable of a read, as one string per line: cells by address with their value's type. */
function dump(grid: WorkbookGrid): string[] {
  const out: string[] = [`origin ${JSON.stringify(grid.origin)}`];
  for (const s of grid.sheets) {
    out.push(`sheet ${JSON.stringify([s.name, s.state, s.maxRow, s.maxCol, s.truncatedAtRow, s.readNotes, s.rows.length])}`);
    out.push(`merges ${JSON.stringify(s.merges)}`);
    s.rows.forEach((row, r) => {
      if (row === undefined) out.push(`row ${r + 1} missing`);
      row?.forEach((c, col) => {
        if (c === undefined) return;
        const v = c.value;
        const typed = typeof v === "number" && Object.is(v, -0) ? "-0" : JSON.stringify(v);
        out.push(`${columnLetters(col + 1)}${r + 1} ${typeof v} ${typed} ${JSON.stringify([c.numFmt, c.formula, c.error])}`);
      });
    });
  }
  return out;
}

function outcome(bytes: Uint8Array, options?: ReadOptions): string[] {
  try {
    return dump(readWorkbookGrid(bytes, options));
  } catch (e) {
    if (e instanceof ReadError) return [`ReadError ${e.reason}: ${e.message}`];
    return [`THROWN ${String(e)}`];
  }
}

function hash(lines: string[]): string {
  return createHash("sha256").update(lines.join("\n")).digest("hex").slice(0, 24);
}

// ---------------------------------------------------------------------------
// The workbooks
// ---------------------------------------------------------------------------

/** The bench's content-located layout: all seven forms stacked on one sheet under a unit line, shared strings. */
async function exceljsStacked(): Promise<Uint8Array> {
  const t = findTemplate("bnv581-xa")!;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Bieu mau");
  ws.getCell(1, 1).value = "UBND xã Tân Phú &amp; <Đông> _x0041_";
  ws.getCell(2, 1).value = "Kỳ báo cáo: Quý I năm 2025";
  let r = 4;
  let n = 0;
  for (const f of t.forms) {
    ws.getCell(r++, 1).value = `Biểu mẫu ${f.number}`;
    ws.getCell(r++, 1).value = f.title.toUpperCase();
    ["STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Số liệu", "Ghi chú"].forEach((h, c) => (ws.getCell(r, c + 1).value = h));
    r++;
    for (const row of f.rows) {
      ws.getCell(r, 1).value = row.code;
      ws.getCell(r, 2).value = row.label;
      ws.getCell(r, 3).value = row.unit;
      ws.getCell(r, 4).value = n % 7 === 0 ? n * 1.25 : n;
      if (n % 11 === 0) ws.getCell(r, 4).numFmt = "0.00%";
      n++;
      r++;
    }
    r += 2;
  }
  ws.mergeCells("A1:E1");
  return new Uint8Array((await wb.xlsx.writeBuffer({ useSharedStrings: true })) as ArrayBuffer);
}

async function exceljsVaried(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Biểu mẫu 1");
  ws.getCell("A1").value = "Đơn vị báo cáo: UBND xã Tân Phú";
  ws.mergeCells("A1:E1");
  ws.getCell("B2").value = 0.9987;
  ws.getCell("B2").numFmt = "0.00%";
  ws.getCell("C2").value = 1234567;
  ws.getCell("C2").numFmt = "#,##0";
  ws.getCell("D2").value = true;
  ws.getCell("E2").value = new Date(Date.UTC(2025, 0, 1));
  ws.getCell("B3").value = { formula: "B2*2", result: 1.9974 };
  ws.getCell("C3").value = { formula: 'A1&" (x)"', result: "Đơn vị (x)" };
  ws.getCell("D3").value = { formula: "1/0", result: { error: "#DIV/0!" } };
  ws.getCell("E3").value = { error: "#N/A" };
  ws.getCell("B4").value = { richText: [{ text: "Số " }, { font: { bold: true }, text: "liệu" }] };
  ws.getCell("C4").value = -12.5;
  ws.getCell("D4").value = { formula: "SUM(C2:C4)" };
  for (let i = 8; i <= 30; i++) ws.getCell(`B${i}`).value = i * 3 - 0.5;
  ws.fillFormula("C8:C30", "B8*10+$B$8+SUM(B$8:B8)", (row) => row * 10);
  ws.fillFormula("D8:F8", "B8+'Biểu mẫu 2'!C3", [1, 2, 3]);
  wb.addWorksheet("Ẩn", { state: "hidden" }).getCell("A1").value = "x";
  wb.addWorksheet("Rất ẩn", { state: "veryHidden" }).getCell("B2").value = 5;
  wb.addWorksheet("Biểu mẫu 2").getCell("C3").value = "cuối";
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

function oursFilled(): Uint8Array {
  const t = findTemplate("bnv581-xa")!;
  const values: Record<string, number> = {};
  t.forms.forEach((f) => f.rows.forEach((row, i) => (values[`${f.number}/${row.code}`] = (i * 7) % 13)));
  return writeFilledWorkbook(t, { unit: "UBND xã Lê Hồng", period: "Quý I năm 2025" }, values);
}

/** A one-sheet package from XML bodies; prefixed or UTF-16 parts when asked. */
function pkg(
  sheetBody: string,
  more: { sst?: string; styles?: string; workbookExtra?: string; extra?: Record<string, string> } = {},
): Uint8Array {
  const files: Zippable = {};
  const put = (name: string, text: string) => (files[name] = strToU8(text));
  put(
    "_rels/.rels",
    `<?xml version="1.0"?><Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  const rels = [`<Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>`];
  put(
    "xl/worksheets/sheet1.xml",
    sheetBody.startsWith("<?xml") ? sheetBody : `<?xml version="1.0"?><worksheet xmlns="${MAIN_NS}">${sheetBody}</worksheet>`,
  );
  if (more.sst !== undefined) {
    rels.push(`<Relationship Id="rId2" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>`);
    put("xl/sharedStrings.xml", more.sst.startsWith("<?xml") ? more.sst : `<?xml version="1.0"?><sst xmlns="${MAIN_NS}">${more.sst}</sst>`);
  }
  if (more.styles !== undefined) {
    rels.push(`<Relationship Id="rId3" Type="${REL_NS}/styles" Target="/xl/styles.xml"/>`);
    put("xl/styles.xml", more.styles);
  }
  put(
    "xl/workbook.xml",
    `<?xml version="1.0"?><workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets><sheet name="Trang &amp; 1" sheetId="1" r:id="rId1"/></sheets>${more.workbookExtra ?? ""}</workbook>`,
  );
  put("xl/_rels/workbook.xml.rels", `<?xml version="1.0"?><Relationships xmlns="${PKG_REL_NS}">${rels.join("")}</Relationships>`);
  for (const [name, text] of Object.entries(more.extra ?? {})) put(name, text);
  return zipSync(files, { level: 6 });
}

const STYLES = `<?xml version="1.0"?><styleSheet xmlns="${MAIN_NS}"><numFmts count="2"><numFmt numFmtId="164" formatCode="#,##0.000"/><numFmt numFmtId="165" formatCode="dd/mm/yyyy &quot;ngày&quot;"/></numFmts>
<cellStyleXfs count="1"><xf numFmtId="10"/></cellStyleXfs><cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="9"/><xf numFmtId="49"/><xf/></cellXfs><dxfs><dxf><numFmt numFmtId="166" formatCode="0.0"/></dxf></dxfs></styleSheet>`;

const SST = `<si><t>một</t></si><si><r><t xml:space="preserve">hai </t></r><r><rPr><b/></rPr><t>ba</t></r><rPh><t>x</t></rPh></si><si/><si><t>&lt;&amp;&gt; &#7855; _x0009_ _x005F_x0041_</t></si><si><t>Ha\u0300 No\u0323i</t></si><si><t><![CDATA[<c>]]></t></si>`;

/** Hand-built edge cases: each exercises a path of the sheet scanner or a workbook part. */
function handBuilt(): Record<string, Uint8Array> {
  const cells = [
    `<c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v> 1 </v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c>`,
    `<c r="A2" s="1"><v>12.5</v></c><c r="B2" s="2"><v>45000</v></c><c r="C2" s="3"><v>-0</v></c><c r="D2" s="4" t="str"><v>văn bản &amp; _x0041_</v></c><c r="E2" s="5"><v>1e3</v></c><c r="F2" s="99"><v>7</v></c>`,
    `<c r="A3" t="b"><v>1</v></c><c r="B3" t="b"><v> true </v></c><c r="C3" t="e"><v>#REF!</v></c><c r="D3" t="d"><v> 2025-01-01T00:00:00 </v></c><c r="E3"><v></v></c><c r="F3"><v/></c><c r="G3"><v> 12 </v></c><c r="H3"><v>abc</v></c><c r="I3"><v>1e309</v></c><c r="J3"><v>123456789012345678</v></c>`,
    `<c r="A4" t="inlineStr"><is><t>nội tuyến</t></is></c><c r="B4" t="inlineStr"><is><r><t>gh</t></r><r><t>ép</t></r></is></c><c r="C4" t="inlineStr"><is/></c><c r="D4"><f>SUM(A2:B2)</f><v>45012.5</v></c><c r="E4"><f>=A2*2</f></c><c r="F4" t="str"><f>"Ha\u0300"&amp;A4</f><v>x</v></c>`,
    `<c r="A5"><f t="shared" ref="A5:A9" si="0">A4+$B$2+B:B+2:3+Sheet2!C4+'Trang 1'!D4+"A1"</f><v>1</v></c>`,
    `<c r="A6"><f t="shared" si="0"/><v>2</v></c><c r="B6"><f t="shared" si="0"/><v>3</v></c><c r="C6"><f t="shared" si="7"/><v>4</v></c>`,
    `<c r="D6"><f t="shared" ref="D6:D7" si="1">XFD1+A1048576</f></c><c r="E7"><f t="shared" si="1"/></c>`,
  ];
  const rows = cells.map((c, i) => `<row r="${i + 1}" spans="1:10">${c}</row>`).join("");
  const tail = `<row r="9"><c r="A9"/><c r="B9" s="1"/></row><row><c><v>10</v></c><c><v>11</v></c></row><row r="12"><c r="C12"><v>1</v></c><c><v>2</v></c><c r="B40"><v>3</v></c></row>`;
  const main = `<dimension ref="A1:J12"/><sheetViews><sheetView/></sheetViews><sheetData>${rows}${tail}</sheetData><mergeCells count="3"><mergeCell ref="A1:B1"/><mergeCell ref="$C$3:D$5"/><mergeCell ref="Z9"/><mergeCell ref="bad"/></mergeCells><extLst><ext><x>1</x></ext></extLst>`;
  const prefixed = `<?xml version="1.0"?><x:worksheet xmlns:x="${MAIN_NS}"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1"><x:f>A1</x:f><x:v>3</x:v></x:c><x:c r="C1" t="inlineStr"><x:is><x:t>tiền tố</x:t></x:is></x:c></x:row></x:sheetData><x:mergeCells><x:mergeCell ref="A1:C1"/></x:mergeCells></x:worksheet>`;
  const special = `<!DOCTYPE worksheet [<!ENTITY e "]>"><!-- ]> -->]><worksheet xmlns="${MAIN_NS}"><!-- <sheetData> --><?pi x?><sheetData><row r="1"><c r="A1"><!-- c --><?p?><v>1</v><extLst><x/></extLst></c><c r="B1" t="str"><v><![CDATA[<&>]]></v></c><c r="C1" t="str"><v>&#49;&#x41;</v></c></row></sheetData></worksheet>`;
  const origin = `<definedNames><definedName name="_BieuMau_NguonGoc" hidden="1">&quot;tong-hop&quot;</definedName></definedNames>`;
  const custom = `<?xml version="1.0"?><Properties><property fmtid="{x}" pid="2" name="_BieuMau_NguonGoc"><vt:lpwstr>bao-cao</vt:lpwstr></property></Properties>`;
  return {
    "hand: cell kinds, styles, shared strings, shared formulas, merges": pkg(main, { sst: SST, styles: STYLES }),
    "hand: prefixed namespaces": pkg(prefixed, { sst: SST }),
    "hand: DOCTYPE, comments, PIs, CDATA": pkg(special, { sst: SST }),
    "hand: origin from a defined name": pkg(main, { sst: SST, workbookExtra: origin }),
    "hand: origin from custom properties": pkg(main, { sst: SST, extra: { "docProps/custom.xml": custom } }),
    "hand: misplaced cells": pkg(
      `<sheetData><row r="3"><c r="B6000"><v>1</v></c><c r="C3"><v>2</v></c><c r="D7"><v>3</v></c></row><row r="4"><c r="A4"><v>4</v></c></row></sheetData>`,
    ),
  };
}

/** A worksheet over the streaming threshold: many rows of varied cells, merges after the data. */
function bigSheet(): Uint8Array {
  const rows: string[] = [];
  for (let r = 1; r <= 10000; r++) {
    rows.push(
      `<row r="${r}"><c r="A${r}" t="s"><v>${r % 6}</v></c><c r="B${r}"><v>${r * 1.5}</v></c><c r="C${r}" t="inlineStr"><is><t>dòng ${r} &amp; ${"x".repeat(r % 200)}</t></is></c><c r="D${r}"><f>B${r}*2</f><v>${r * 3}</v></c><c r="E${r}" s="1"/></row>`,
    );
  }
  return pkg(`<sheetData>${rows.join("")}</sheetData><mergeCells><mergeCell ref="A1:B2"/></mergeCells>`, { sst: SST, styles: STYLES });
}

const SNIPPETS = [
  "<",
  ">",
  "</c>",
  "</row>",
  "<row>",
  '<row r="3">',
  '<c r="B6000"><v>1</v></c>',
  "_x001B_",
  "&#0;",
  "&#x1B;",
  "&e;",
  "&amp",
  '<!DOCTYPE x [<!ENTITY e "]>">]>',
  "<![CDATA[<c>]]>",
  "<!-- </sheetData> -->",
  "<?pi x?>",
  ' t="s"',
  ' t="e"',
  ' t="inlineStr"',
  ' t="b"',
  ' s="99999"',
  "<f>SUM(A1:A2)</f>",
  ' r="XFD1048577"',
  ' r="A0"',
  ' r=""',
  '<c r="D7" t="s"><v>99999</v></c>',
  "<v>NaN</v>",
  "<v>-0</v>",
  "<v></v>",
  "<sheetData/>",
  "</worksheet>",
  '<x:c r="D8"><x:v>5</x:v></x:c>',
  "</si><si><t>lệch</t></si>",
  '<mergeCell ref="A1:C3"/>',
];

/** A copy of `base` with one XML part changed 1–3 times: inserts, cuts, repeats. */
function mutant(base: Uint8Array, seed: number): Uint8Array {
  const rand = seeded(seed);
  const files = unzipSync(base);
  const names = Object.keys(files).filter((n) => /\.(xml|rels)$/.test(n));
  const sheets = names.filter((n) => /worksheets|sharedstrings/i.test(n));
  const part = rand() < 0.8 && sheets.length ? sheets[Math.floor(rand() * sheets.length)] : names[Math.floor(rand() * names.length)];
  let xml = strFromU8(files[part]);
  for (let k = 1 + Math.floor(rand() * 3); k > 0; k--) {
    let at = Math.floor(rand() * xml.length);
    if (rand() < 0.7) at = xml.indexOf(">", at) + 1 || at;
    const op = rand();
    if (op < 0.5) xml = xml.slice(0, at) + SNIPPETS[Math.floor(rand() * SNIPPETS.length)] + xml.slice(at);
    else if (op < 0.75) xml = xml.slice(0, at) + xml.slice(at + 1 + Math.floor(rand() * 60));
    else xml = xml.slice(0, at) + xml.slice(at, at + 1 + Math.floor(rand() * 300)) + xml.slice(at);
  }
  files[part] = strToU8(xml);
  return zipSync(files, { level: 6 });
}

async function corpus(): Promise<Record<string, string[]>> {
  const books: Record<string, Uint8Array> = {
    "exceljs: seven forms stacked on one sheet": await exceljsStacked(),
    "exceljs: values, formats, formulas, hidden sheets": await exceljsVaried(),
    "ours: a filled bnv581-xa": oursFilled(),
    "libreoffice: re-saved exceljs workbooks": new Uint8Array(fs.readFileSync(LIBREOFFICE_FIXTURE)),
    ...handBuilt(),
  };
  const out: Record<string, string[]> = {};
  for (const [name, bytes] of Object.entries(books)) {
    out[name] = outcome(bytes);
    out[`${name} · fflate`] = outcome(bytes, { inflater: "fflate" });
    out[`${name} · maxRows 5, maxCells 40`] = outcome(bytes, { maxRows: 5, maxCells: 40 });
  }
  const big = bigSheet();
  out["big streamed sheet"] = [hash(outcome(big))];
  out["big streamed sheet · maxRows 3000"] = [hash(outcome(big, { maxRows: 3000 }))];
  out["big streamed sheet · maxCells 7000"] = [hash(outcome(big, { maxCells: 7000 }))];
  const bases = Object.values(books);
  for (let i = 0; i < 400; i++) out[`mutant ${i}`] = [hash(outcome(mutant(bases[i % bases.length], 1000 + i)))];
  return out;
}

test("every workbook reads exactly as recorded before the reader was reshaped", async () => {
  const now = await corpus();
  if (process.env.GOLDEN_UPDATE) fs.writeFileSync(GOLDEN, `${JSON.stringify(now, null, 1)}\n`);
  const recorded = JSON.parse(fs.readFileSync(GOLDEN, "utf8")) as Record<string, string[]>;
  expect(Object.keys(now)).toEqual(Object.keys(recorded));
  for (const name of Object.keys(recorded)) expect({ name, lines: now[name] }).toEqual({ name, lines: recorded[name] });
}, 120_000);
