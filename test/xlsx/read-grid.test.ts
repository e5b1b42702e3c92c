/** The read-only .xlsx reader: real files in, WorkbookGrid out; hostile files never hang or leak raw errors. */
import ExcelJS from "exceljs";
import fc from "fast-check";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Zip, ZipDeflate, strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import { cellAt, cellText, type SheetGrid, type WorkbookGrid } from "../../src/core/grid";
import { ReadError, type ReadOptions, readWorkbookGrid, translateFormula } from "../../src/xlsx/read-grid";
import { recalcWithLibreOffice, sofficePath } from "../helpers/libreoffice";

// ---------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const WS_TYPE = `${REL_NS}/worksheet`;

const INFLATERS = ["auto", "fflate"] as const;

async function excelBytes(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}

/** Cell at an A1 address. */
function at(sheet: SheetGrid, a1: string) {
  const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
  let col = 0;
  for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
  return cellAt(sheet, Number(m[2]), col);
}

function readError(fn: () => unknown): ReadError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ReadError) return e;
    throw new Error(`expected a ReadError, got ${String(e)}`, { cause: e });
  }
  throw new Error("expected a ReadError, got a result");
}

interface SheetSpec {
  name: string;
  /** Worksheet body (inside <worksheet>) or a full document when it starts with "<?xml" or "<x:". */
  xml: string;
  state?: "hidden" | "veryHidden";
  /** Target as written in the rels (default "worksheets/sheetN.xml"). */
  target?: string;
  /** Part name in the zip (default derived from the target). */
  part?: string;
  type?: string;
}

interface BookSpec {
  sheets: SheetSpec[];
  /** Body of <sst> (the <si> elements), or a full document. */
  sst?: string;
  /** Full styles.xml. */
  styles?: string;
  extra?: Record<string, string | Uint8Array>;
  /** Compression level (0 = stored). */
  level?: 0 | 1 | 6 | 9;
}

function worksheet(body: string): string {
  if (body.startsWith("<?xml") || body.startsWith("<x:")) return body;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${body}</worksheet>`;
}

/** A minimal but valid package, assembled part by part. */
function buildXlsx(spec: BookSpec): Uint8Array {
  const files: Zippable = {};
  const put = (name: string, text: string | Uint8Array) => {
    files[name] = typeof text === "string" ? strToU8(text) : text;
  };
  put(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`,
  );
  put(
    "_rels/.rels",
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  const sheetTags: string[] = [];
  const rels: string[] = [];
  spec.sheets.forEach((s, i) => {
    const target = s.target ?? `worksheets/sheet${i + 1}.xml`;
    const part = s.part ?? (target.startsWith("/") ? target.slice(1) : `xl/${target}`);
    sheetTags.push(
      `<sheet name="${s.name.replace(/&/g, "&amp;").replace(/"/g, "&quot;")}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ""} r:id="rId${i + 1}"/>`,
    );
    rels.push(`<Relationship Id="rId${i + 1}" Type="${s.type ?? WS_TYPE}" Target="${target}"/>`);
    put(part, worksheet(s.xml));
  });
  let n = spec.sheets.length;
  if (spec.sst !== undefined) {
    rels.push(`<Relationship Id="rId${++n}" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>`);
    put(
      "xl/sharedStrings.xml",
      spec.sst.startsWith("<?xml") || spec.sst.startsWith("<x:")
        ? spec.sst
        : `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN_NS}">${spec.sst}</sst>`,
    );
  }
  if (spec.styles !== undefined) {
    rels.push(`<Relationship Id="rId${n + 1}" Type="${REL_NS}/styles" Target="styles.xml"/>`);
    put("xl/styles.xml", spec.styles);
  }
  put(
    "xl/workbook.xml",
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets>${sheetTags.join("")}</sheets></workbook>`,
  );
  put(
    "xl/_rels/workbook.xml.rels",
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL_NS}">${rels.join("")}</Relationships>`,
  );
  for (const [name, content] of Object.entries(spec.extra ?? {})) put(name, content);
  return zipSync(files, { level: spec.level ?? 6 });
}

function oneSheet(xml: string, more: Partial<BookSpec> = {}): Uint8Array {
  return buildXlsx({ sheets: [{ name: "S", xml }], ...more });
}

function read(bytes: Uint8Array, options?: ReadOptions): WorkbookGrid {
  return readWorkbookGrid(bytes, options);
}

/** Walks the zip's central directory and patches one entry in both the central and local headers. */
function patchEntry(zip: Uint8Array, name: string, patch: { size?: number; method?: number; flags?: number }): Uint8Array {
  const d = new Uint8Array(zip);
  const dv = new DataView(d.buffer);
  let eocd = d.length - 22;
  while (dv.getUint32(eocd, true) !== 0x06054b50) eocd--;
  let p = dv.getUint32(eocd + 16, true);
  const count = dv.getUint16(eocd + 10, true);
  for (let i = 0; i < count; i++) {
    const nameLen = dv.getUint16(p + 28, true);
    const entry = new TextDecoder().decode(d.subarray(p + 46, p + 46 + nameLen));
    const local = dv.getUint32(p + 42, true);
    if (entry === name) {
      if (patch.size !== undefined) {
        dv.setUint32(p + 24, patch.size, true);
        dv.setUint32(local + 22, patch.size, true);
      }
      if (patch.method !== undefined) {
        dv.setUint16(p + 10, patch.method, true);
        dv.setUint16(local + 8, patch.method, true);
      }
      if (patch.flags !== undefined) {
        dv.setUint16(p + 8, patch.flags, true);
        dv.setUint16(local + 6, patch.flags, true);
      }
      return d;
    }
    p += 46 + nameLen + dv.getUint16(p + 30, true) + dv.getUint16(p + 32, true);
  }
  throw new Error(`no entry ${name}`);
}

/** Rows 1..n as XML, in batches. */
function* rowBatches(n: number, rowXml: (r: number) => string): Generator<string> {
  const BATCH = 20_000;
  for (let r = 1; r <= n; r += BATCH) {
    const parts: string[] = [];
    for (let k = r; k < r + BATCH && k <= n; k++) parts.push(rowXml(k));
    yield parts.join("");
  }
}

/** Streams a worksheet whose sheetData is given in pieces into a zip, without building one giant string. */
function bigSheetXlsx(sheetData: Iterable<string>, tail = ""): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    chunks.push(chunk);
  });
  const small = buildXlsx({ sheets: [{ name: "Lớn", xml: "" }], level: 0 });
  // reuse every part of a one-sheet package except the worksheet itself
  const parts = unzipNames(small);
  for (const [name, data] of parts) {
    if (name === "xl/worksheets/sheet1.xml") continue;
    const f = new ZipDeflate(name, { level: 1 });
    zip.add(f);
    f.push(data, true);
  }
  const sheet = new ZipDeflate("xl/worksheets/sheet1.xml", { level: 1 });
  zip.add(sheet);
  sheet.push(strToU8(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN_NS}"><sheetData>`), false);
  for (const piece of sheetData) sheet.push(strToU8(piece), false);
  sheet.push(strToU8(`</sheetData>${tail}</worksheet>`), true);
  zip.end();
  const total = chunks.reduce((a, c) => a + c.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) (out.set(c, o), (o += c.length));
  return out;
}

function unzipNames(zip: Uint8Array): [string, Uint8Array][] {
  return Object.entries(unzipSync(zip));
}

/** Rewrites a zip the Zip64 way (saturated 32-bit fields, Zip64 extra fields and end records), as some writers do. */
function toZip64(zip: Uint8Array): Uint8Array {
  const dv = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = zip.length - 22;
  while (dv.getUint32(eocd, true) !== 0x06054b50) eocd--;
  const count = dv.getUint16(eocd + 10, true);
  const cdOffset = dv.getUint32(eocd + 16, true);
  const pieces: Uint8Array[] = [zip.slice(0, cdOffset)];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    const nameLen = dv.getUint16(p + 28, true);
    const fixed = zip.slice(p, p + 46);
    const f = new DataView(fixed.buffer);
    const extra = new Uint8Array(28);
    const x = new DataView(extra.buffer);
    x.setUint16(0, 1, true);
    x.setUint16(2, 24, true);
    x.setBigUint64(4, BigInt(f.getUint32(24, true)), true);
    x.setBigUint64(12, BigInt(f.getUint32(20, true)), true);
    x.setBigUint64(20, BigInt(f.getUint32(42, true)), true);
    f.setUint32(20, 0xffffffff, true);
    f.setUint32(24, 0xffffffff, true);
    f.setUint32(42, 0xffffffff, true);
    f.setUint16(30, extra.length, true);
    f.setUint16(32, 0, true);
    pieces.push(fixed, zip.slice(p + 46, p + 46 + nameLen), extra);
    p += 46 + nameLen + dv.getUint16(p + 30, true) + dv.getUint16(p + 32, true);
  }
  const cdSize = pieces.slice(1).reduce((a, b) => a + b.length, 0);
  const end = new Uint8Array(56 + 20 + 22);
  const e = new DataView(end.buffer);
  e.setUint32(0, 0x06064b50, true);
  e.setBigUint64(4, 44n, true);
  e.setUint16(12, 45, true);
  e.setUint16(14, 45, true);
  e.setBigUint64(24, BigInt(count), true);
  e.setBigUint64(32, BigInt(count), true);
  e.setBigUint64(40, BigInt(cdSize), true);
  e.setBigUint64(48, BigInt(cdOffset), true);
  e.setUint32(56, 0x07064b50, true);
  e.setBigUint64(64, BigInt(cdOffset + cdSize), true);
  e.setUint32(72, 1, true);
  e.setUint32(76, 0x06054b50, true);
  e.setUint16(84, 0xffff, true);
  e.setUint16(86, 0xffff, true);
  e.setUint32(88, 0xffffffff, true);
  e.setUint32(92, 0xffffffff, true);
  pieces.push(end);
  const out = new Uint8Array(pieces.reduce((a, b) => a + b.length, 0));
  let o = 0;
  for (const piece of pieces) (out.set(piece, o), (o += piece.length));
  return out;
}

// ---------------------------------------------------------------------------
// exceljs-written workbooks
// ---------------------------------------------------------------------------

describe.each(INFLATERS)("a workbook written by exceljs (inflater %s)", (inflater) => {
  let grid: WorkbookGrid;

  beforeAll(async () => {
    const bytes = await excelBytes((wb) => {
      const ws = wb.addWorksheet("Biểu mẫu 1");
      ws.getCell("A1").value = "Đơn vị báo cáo: UBND xã Tân Phú";
      ws.mergeCells("A1:E1");
      ws.getCell("A5").value = "STT";
      ws.mergeCells("A5:A6");
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
      ws.getCell("D4").value = { formula: "SUM(C2:C4)" }; // no cached result
      ws.getCell("B8").value = 1;
      ws.getCell("B9").value = 2;
      ws.getCell("B10").value = 3;
      ws.fillFormula("C8:C10", "B8*10", [10, 20, 30]);
      wb.addWorksheet("Ẩn", { state: "hidden" }).getCell("A1").value = "x";
      wb.addWorksheet("Rất ẩn", { state: "veryHidden" }).getCell("B2").value = 5;
      wb.addWorksheet("Biểu mẫu 2").getCell("C3").value = "cuối";
    });
    grid = read(bytes, { inflater });
  });

  test("sheet names, order and visibility come from workbook.xml", () => {
    expect(grid.sheets.map((s) => [s.name, s.state])).toEqual([
      ["Biểu mẫu 1", "visible"],
      ["Ẩn", "hidden"],
      ["Rất ẩn", "veryHidden"],
      ["Biểu mẫu 2", "visible"],
    ]);
  });

  test("stored values with their number formats", () => {
    const s = grid.sheets[0];
    expect(at(s, "A1")).toEqual({ value: "Đơn vị báo cáo: UBND xã Tân Phú" });
    expect(at(s, "B2")).toEqual({ value: 0.9987, numFmt: "0.00%" });
    expect(at(s, "C2")).toEqual({ value: 1234567, numFmt: "#,##0" });
    expect(at(s, "D2")).toEqual({ value: true });
    expect(at(s, "E2")?.value).toBe(45658); // 2025-01-01 as an Excel serial
    expect(at(s, "E2")?.numFmt).toBe("mm-dd-yy");
    expect(at(s, "B4")).toEqual({ value: "Số liệu" });
    expect(at(s, "C4")).toEqual({ value: -12.5 });
  });

  test("formulas keep their text and cached result; errors go to Cell.error", () => {
    const s = grid.sheets[0];
    expect(at(s, "B3")).toEqual({ value: 1.9974, formula: "B2*2" });
    expect(at(s, "C3")).toEqual({ value: "Đơn vị (x)", formula: 'A1&" (x)"' });
    expect(at(s, "D3")).toEqual({ value: null, formula: "1/0", error: "#DIV/0!" });
    expect(at(s, "E3")).toEqual({ value: null, error: "#N/A" });
    expect(at(s, "D4")).toEqual({ value: null, formula: "SUM(C2:C4)" });
  });

  test("shared formulas are translated for each dependent cell", () => {
    const s = grid.sheets[0];
    expect(at(s, "C8")).toEqual({ value: 10, formula: "B8*10" });
    expect(at(s, "C9")).toEqual({ value: 20, formula: "B9*10" });
    expect(at(s, "C10")).toEqual({ value: 30, formula: "B10*10" });
  });

  test("merged ranges; the blank cells exceljs writes inside them are not cells", () => {
    const s = grid.sheets[0];
    expect(s.merges).toEqual(
      expect.arrayContaining([
        { top: 1, left: 1, bottom: 1, right: 5 },
        { top: 5, left: 1, bottom: 6, right: 1 },
      ]),
    );
    expect(s.merges).toHaveLength(2);
    expect(at(s, "B1")).toBeUndefined();
  });

  test("sizes and sparse rows", () => {
    const s = grid.sheets[0];
    expect(s.maxRow).toBe(10);
    expect(s.maxCol).toBe(5);
    expect(s.rows).toHaveLength(10);
    expect(s.rows[6]).toEqual([]); // row 7 is empty but present as an array
    expect(s.truncatedAtRow).toBeUndefined();
    expect(grid.sheets[2].rows[1][1]).toEqual({ value: 5 });
    expect(cellText(at(grid.sheets[3], "C3"))).toBe("cuối");
  });
});

const hasLibreOffice = (() => {
  try {
    return Boolean(sofficePath());
  } catch {
    return false;
  }
})();

(hasLibreOffice ? test : test.skip)("a workbook re-saved by LibreOffice reads like the exceljs original", async () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "bieumau-read-grid-"));
  const file = path.join(work, "bieu-mau.xlsx");
  const bytes = await excelBytes((wb) => {
    const ws = wb.addWorksheet("Biểu mẫu 1");
    ws.getCell("A1").value = "Đơn vị báo cáo: UBND xã Tân Phú";
    ws.mergeCells("A1:E1");
    ws.getCell("D8").value = 95;
    ws.getCell("D9").value = 100;
    ws.getCell("D10").value = { formula: "D8/D9", result: 0.95 };
    ws.getCell("D10").numFmt = "0.00%";
    ws.getCell("D11").value = 1234567;
    ws.getCell("D11").numFmt = "#,##0";
    wb.addWorksheet("Ẩn", { state: "hidden" }).getCell("A1").value = "x";
  });
  fs.writeFileSync(file, bytes);
  const [resaved] = recalcWithLibreOffice([file]);
  const g = read(new Uint8Array(fs.readFileSync(resaved)));
  expect(g.sheets.map((s) => [s.name, s.state])).toEqual([
    ["Biểu mẫu 1", "visible"],
    ["Ẩn", "hidden"],
  ]);
  const s = g.sheets[0];
  expect(at(s, "A1")?.value).toBe("Đơn vị báo cáo: UBND xã Tân Phú");
  expect(s.merges).toEqual([{ top: 1, left: 1, bottom: 1, right: 5 }]);
  expect(at(s, "D8")?.value).toBe(95);
  expect(at(s, "D10")).toEqual({ value: 0.95, formula: "D8/D9", numFmt: "0.00%" });
  expect(at(s, "D11")).toEqual({ value: 1234567, numFmt: "#,##0" });
});

test("both inflaters give the same grid", async () => {
  const bytes = await excelBytes((wb) => {
    for (let s = 1; s <= 3; s++) {
      const ws = wb.addWorksheet(`Biểu mẫu ${s}`);
      for (let r = 1; r <= 40; r++) {
        ws.getCell(r, 1).value = `Chỉ tiêu ${r}`;
        ws.getCell(r, 4).value = r * s;
      }
    }
  });
  expect(read(bytes, { inflater: "fflate" })).toEqual(read(bytes));
});

// ---------------------------------------------------------------------------
// hand-built packages: what other producers write
// ---------------------------------------------------------------------------

describe("hand-built packages", () => {
  test("inline strings, plain and rich", () => {
    const g = read(
      oneSheet(
        `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Tổng số</t></is></c><c r="B1" t="inlineStr"><is><r><rPr><b/></rPr><t>Số </t></r><r><t xml:space="preserve">liệu </t></r></is></c><c r="C1" t="inlineStr"><is><t/></is></c></row></sheetData>`,
      ),
    );
    const s = g.sheets[0];
    expect(at(s, "A1")).toEqual({ value: "Tổng số" });
    expect(at(s, "B1")).toEqual({ value: "Số liệu " });
    expect(at(s, "C1")).toEqual({ value: "" });
  });

  test("shared strings: rich runs joined, phonetic runs skipped, spaces kept, entities and _xHHHH_ decoded", () => {
    const sst = [
      "<si><t>Đơn giản</t></si>",
      '<si><r><t>Chỉ </t></r><r><rPr><b/><sz val="12"/></rPr><t>tiêu</t></r></si>',
      '<si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh><phoneticPr fontId="1"/></si>',
      '<si><t xml:space="preserve">  hai dấu cách  </t></si>',
      "<si><t>A &amp; B &lt;C&gt; &quot;D&quot; &apos;E&apos; &#123; &#x1F600; &#xe1;</t></si>",
      "<si><t>dòng 1_x000D_\ndòng 2 _x005F_x000D_ _x0009_</t></si>",
      "<si/>",
      "<si><t><![CDATA[<b>thô</b> & ok]]></t></si>",
    ].join("");
    const cells = Array.from({ length: 8 }, (_, i) => `<c r="A${i + 1}" t="s"><v>${i}</v></c>`).join("");
    const s = read(oneSheet(`<sheetData><row r="1">${cells}</row></sheetData>`, { sst })).sheets[0];
    const text = (i: number) => cellAt(s, i, 1)?.value;
    expect(text(1)).toBe("Đơn giản");
    expect(text(2)).toBe("Chỉ tiêu");
    expect(text(3)).toBe("漢字");
    expect(text(4)).toBe("  hai dấu cách  ");
    expect(text(5)).toBe("A & B <C> \"D\" 'E' { \u{1F600} á");
    expect(text(6)).toBe("dòng 1\r\ndòng 2 _x000D_ \t");
    expect(text(7)).toBe("");
    expect(text(8)).toBe("<b>thô</b> & ok");
  });

  test("NFD text (Word, macOS) arrives NFC: shared, inline, formula strings, sheet names", () => {
    const nfd = (t: string) => t.normalize("NFD");
    expect(nfd("Tiếng Việt")).not.toBe("Tiếng Việt");
    const g = buildXlsx({
      sheets: [
        {
          name: nfd("Biểu mẫu 1"),
          xml: `<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>${nfd("Hồ sơ")}</t></is></c><c r="C1" t="str"><f>"${nfd("Đạt")}"</f><v>${nfd("Đạt")}</v></c></row></sheetData>`,
        },
      ],
      sst: `<si><t>${nfd("Tiếng Việt")}</t></si>`,
    });
    const s = read(g).sheets[0];
    expect(s.name).toBe("Biểu mẫu 1");
    expect(at(s, "A1")?.value).toBe("Tiếng Việt");
    expect(at(s, "B1")?.value).toBe("Hồ sơ");
    expect(at(s, "C1")).toEqual({ value: "Đạt", formula: '"Đạt"' });
  });

  test("prefixed namespaces (<x:c>, <x:row>, <x:si>…) read like plain ones", () => {
    const X = `xmlns:x="${MAIN_NS}"`;
    const files: Zippable = {
      "[Content_Types].xml": strToU8(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`),
      "_rels/.rels": strToU8(
        `<?xml version="1.0"?><Relationships xmlns="${PKG_REL_NS}"><Relationship Id="R1" Type="${REL_NS}/officeDocument" Target="/xl/workbook.xml"/></Relationships>`,
      ),
      "xl/workbook.xml": strToU8(
        `<?xml version="1.0"?><x:workbook ${X} xmlns:rel="${REL_NS}"><x:sheets><x:sheet name="Một" sheetId="1" rel:id="R1"/><x:sheet name="Hai" sheetId="2" state="hidden" rel:id="R2"/></x:sheets></x:workbook>`,
      ),
      "xl/_rels/workbook.xml.rels": strToU8(
        `<?xml version="1.0"?><Relationships xmlns="${PKG_REL_NS}"><Relationship Id="R1" Type="${WS_TYPE}" Target="/xl/worksheets/sheet1.xml"/><Relationship Id="R2" Type="${WS_TYPE}" Target="/xl/worksheets/sheet2.xml"/><Relationship Id="R3" Type="${REL_NS}/sharedStrings" Target="/xl/sharedStrings.xml"/><Relationship Id="R4" Type="${REL_NS}/styles" Target="/xl/styles.xml"/></Relationships>`,
      ),
      "xl/sharedStrings.xml": strToU8(
        `<?xml version="1.0"?><x:sst ${X}><x:si><x:t>Chuỗi</x:t></x:si><x:si><x:r><x:t>Gh</x:t></x:r><x:r><x:t>ép</x:t></x:r></x:si></x:sst>`,
      ),
      "xl/styles.xml": strToU8(
        `<?xml version="1.0"?><x:styleSheet ${X}><x:numFmts count="1"><x:numFmt numFmtId="165" formatCode="0.0%"/></x:numFmts><x:cellXfs count="2"><x:xf numFmtId="0"/><x:xf numFmtId="165"/></x:cellXfs></x:styleSheet>`,
      ),
      "xl/worksheets/sheet1.xml": strToU8(
        `<?xml version="1.0"?><x:worksheet ${X}><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" s="1"><x:v>0.5</x:v></x:c><x:c r="C1" t="inlineStr"><x:is><x:t>nội</x:t></x:is></x:c></x:row><x:row r="2"><x:c r="A2" t="s"><x:v>1</x:v></x:c><x:c r="B2"><x:f>B1*2</x:f><x:v>1</x:v></x:c></x:row></x:sheetData><x:mergeCells><x:mergeCell ref="A3:C3"/></x:mergeCells></x:worksheet>`,
      ),
      "xl/worksheets/sheet2.xml": strToU8(
        `<?xml version="1.0"?><x:worksheet ${X}><x:sheetData><x:row><x:c><x:v>7</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
      ),
    };
    const g = read(zipSync(files));
    expect(g.sheets.map((s) => [s.name, s.state])).toEqual([
      ["Một", "visible"],
      ["Hai", "hidden"],
    ]);
    const s = g.sheets[0];
    expect(at(s, "A1")).toEqual({ value: "Chuỗi" });
    expect(at(s, "B1")).toEqual({ value: 0.5, numFmt: "0.0%" });
    expect(at(s, "C1")).toEqual({ value: "nội" });
    expect(at(s, "A2")).toEqual({ value: "Ghép" });
    expect(at(s, "B2")).toEqual({ value: 1, formula: "B1*2" });
    expect(s.merges).toEqual([{ top: 3, left: 1, bottom: 3, right: 3 }]);
    expect(at(g.sheets[1], "A1")).toEqual({ value: 7 });
  });

  test("cells and rows without r follow the previous one", () => {
    const s = read(
      oneSheet(
        `<sheetData><row><c><v>1</v></c><c r="C1"><v>3</v></c><c><v>4</v></c></row><row><c><v>5</v></c></row><row r="5"><c><v>6</v></c><c/><c><v>8</v></c></row><row><c r="B6"><v>9</v></c></row></sheetData>`,
      ),
    ).sheets[0];
    expect(at(s, "A1")?.value).toBe(1);
    expect(at(s, "B1")).toBeUndefined();
    expect(at(s, "C1")?.value).toBe(3);
    expect(at(s, "D1")?.value).toBe(4);
    expect(at(s, "A2")?.value).toBe(5);
    expect(at(s, "A5")?.value).toBe(6);
    expect(at(s, "B5")).toBeUndefined();
    expect(at(s, "C5")?.value).toBe(8);
    expect(at(s, "B6")?.value).toBe(9);
    expect([s.maxRow, s.maxCol]).toEqual([6, 4]);
    expect(s.rows[2]).toEqual([]);
  });

  test("cell types: str, b, e, d, n, empty values, exponents", () => {
    const s = read(
      oneSheet(
        `<sheetData><row r="1">` +
          `<c r="A1" t="str"><f>A2&amp;"x"</f><v>7x</v></c>` +
          `<c r="B1" t="b"><v>1</v></c><c r="C1" t="b"><v>0</v></c>` +
          `<c r="D1" t="e"><v>#VALUE!</v></c>` +
          `<c r="E1" t="d"><v>2025-03-31T00:00:00Z</v></c>` +
          `<c r="F1" t="n"><v>1.5E-3</v></c>` +
          `<c r="G1"><v></v></c>` +
          `<c r="H1"><v>-0.25</v></c>` +
          `<c r="I1" t="str"><v></v></c>` +
          `<c r="J1"><v> 42 </v></c>` +
          `</row></sheetData>`,
      ),
    ).sheets[0];
    expect(at(s, "A1")).toEqual({ value: "7x", formula: 'A2&"x"' });
    expect(at(s, "B1")).toEqual({ value: true });
    expect(at(s, "C1")).toEqual({ value: false });
    expect(at(s, "D1")).toEqual({ value: null, error: "#VALUE!" });
    expect(at(s, "E1")).toEqual({ value: "2025-03-31T00:00:00Z" });
    expect(at(s, "F1")).toEqual({ value: 0.0015 });
    expect(at(s, "G1")).toEqual({ value: null });
    expect(at(s, "H1")).toEqual({ value: -0.25 });
    expect(at(s, "I1")).toEqual({ value: "" });
    expect(at(s, "J1")).toEqual({ value: 42 });
  });

  test("shared formulas: master text moved to each dependent; unknown master marked (shared)", () => {
    const s = read(
      oneSheet(
        `<sheetData>` +
          `<row r="9"><c r="D9"><f t="shared" ref="D9:F10" si="0">SUM(D2:D8)+$A$1+D$1+$B2</f><v>1</v></c><c r="E9"><f t="shared" si="0"/><v>2</v></c></row>` +
          `<row r="10"><c r="F10"><f t="shared" si="0"/><v>3</v></c><c r="G10"><f t="shared" si="7"/><v>4</v></c></row>` +
          `</sheetData>`,
      ),
    ).sheets[0];
    expect(at(s, "D9")?.formula).toBe("SUM(D2:D8)+$A$1+D$1+$B2");
    expect(at(s, "E9")?.formula).toBe("SUM(E2:E8)+$A$1+E$1+$B2");
    expect(at(s, "F10")?.formula).toBe("SUM(F3:F9)+$A$1+F$1+$B3");
    expect(at(s, "F10")?.value).toBe(3);
    expect(at(s, "G10")).toEqual({ value: 4, formula: "(shared)" });
  });

  test("number formats: custom codes, built-ins, General, default xf; cellStyleXfs and dxfs are not cellXfs", () => {
    const styles = `<?xml version="1.0"?><styleSheet xmlns="${MAIN_NS}">
      <numFmts count="3"><numFmt numFmtId="164" formatCode="0.00%"/><numFmt numFmtId="165" formatCode="#,##0.0&quot; ha&quot;"/><numFmt numFmtId="166" formatCode="General"/></numFmts>
      <cellStyleXfs count="2"><xf numFmtId="10"/><xf numFmtId="3"/></cellStyleXfs>
      <cellXfs count="9">
        <xf numFmtId="0" fontId="0"/>
        <xf numFmtId="164" applyNumberFormat="1"><alignment horizontal="right"/></xf>
        <xf numFmtId="9"/><xf numFmtId="10"/><xf numFmtId="3"/><xf numFmtId="4"/><xf numFmtId="14"/>
        <xf numFmtId="165"/><xf numFmtId="166"/>
      </cellXfs>
      <dxfs count="1"><dxf><numFmt numFmtId="170" formatCode="0.000"/></dxf></dxfs>
    </styleSheet>`;
    const cells = Array.from(
      { length: 10 },
      (_, i) => `<c r="${String.fromCharCode(65 + i)}1"${i < 9 ? ` s="${i}"` : ""}><v>0.9987</v></c>`,
    ).join("");
    const s = read(oneSheet(`<sheetData><row r="1">${cells}</row></sheetData>`, { styles })).sheets[0];
    expect(s.rows[0].map((c) => c?.numFmt)).toEqual([
      undefined,
      "0.00%",
      "0%",
      "0.00%",
      "#,##0",
      "#,##0.00",
      "mm-dd-yy",
      '#,##0.0" ha"',
      undefined,
      undefined,
    ]);
    expect(at(s, "B1")).toEqual({ value: 0.9987, numFmt: "0.00%" });
  });

  test("cells without s take cellXfs[0]'s format", () => {
    const styles = `<styleSheet xmlns="${MAIN_NS}"><cellXfs><xf numFmtId="3"/></cellXfs></styleSheet>`;
    const s = read(oneSheet(`<sheetData><row r="1"><c r="A1"><v>5</v></c></row></sheetData>`, { styles })).sheets[0];
    expect(at(s, "A1")).toEqual({ value: 5, numFmt: "#,##0" });
  });

  test("whole-column data validations, conditional formats, extLst, comments and PIs are ignored", () => {
    const xml =
      `<sheetPr><tabColor rgb="FF00FF00"/></sheetPr><!-- a comment with <c r="Z9"><v>1</v></c> inside -->` +
      `<sheetData><?pi data?><row r="1"><c r="A1"><v>1</v><!-- x --></c></row></sheetData>` +
      `<conditionalFormatting sqref="A1:A1048576"><cfRule type="cellIs" operator="greaterThan" priority="1"><formula>"a&gt;b"</formula></cfRule></conditionalFormatting>` +
      `<dataValidations count="2"><dataValidation type="whole" sqref="A:A D1:D1048576" prompt="a > b"><formula1>0</formula1></dataValidation><dataValidation type="list" sqref="B1:XFD1048576"><formula1>"x,y"</formula1></dataValidation></dataValidations>` +
      `<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:dataValidations xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:dataValidation type="list"><x14:formula1><xm:f>Lists!$A$1:$A$9</xm:f></x14:formula1><xm:sqref>C1:C1048576</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst>`;
    const s = read(oneSheet(xml)).sheets[0];
    expect(s.rows).toEqual([[{ value: 1 }]]);
    expect([s.maxRow, s.maxCol]).toEqual([1, 1]);
  });

  test("targets: absolute, relative with ../, unusual part names; order follows workbook.xml", () => {
    const g = read(
      buildXlsx({
        sheets: [
          { name: "B", xml: `<sheetData><row r="1"><c r="A1"><v>2</v></c></row></sheetData>`, target: "/xl/worksheets/Data.xml" },
          {
            name: "A",
            xml: `<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>`,
            target: "../xl/worksheets/sheet9.xml",
            part: "xl/worksheets/sheet9.xml",
          },
          {
            name: "C",
            xml: `<sheetData><row r="1"><c r="A1"><v>3</v></c></row></sheetData>`,
            target: "./worksheets/SHEET3.xml",
            part: "xl/worksheets/sheet3.xml",
          },
        ],
      }),
    );
    expect(g.sheets.map((s) => [s.name, at(s, "A1")?.value])).toEqual([
      ["B", 2],
      ["A", 1],
      ["C", 3],
    ]);
  });

  test("chart sheets are skipped; sheet names are entity-decoded", () => {
    const g = read(
      buildXlsx({
        sheets: [
          { name: "Biểu đồ", xml: "<chartsheet/>", type: `${REL_NS}/chartsheet`, target: "chartsheets/sheet1.xml" },
          { name: 'Số liệu & "ghi chú"', xml: `<sheetData/>` },
        ],
      }),
    );
    expect(g.sheets.map((s) => s.name)).toEqual(['Số liệu & "ghi chú"']);
    expect(g.sheets[0]).toMatchObject({ rows: [], maxRow: 0, maxCol: 0, merges: [] });
  });

  test("stored (uncompressed) entries and missing styles / sharedStrings parts", () => {
    const s = read(oneSheet(`<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>`, { level: 0 })).sheets[0];
    expect(s.rows).toEqual([[{ value: 1 }]]);
  });

  test("Zip64 end records and extra fields", () => {
    const bytes = toZip64(
      oneSheet(`<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>`, { sst: "<si><t>Zip64</t></si>" }),
    );
    expect(at(read(bytes).sheets[0], "A1")).toEqual({ value: "Zip64" });
  });

  test("a UTF-16 worksheet part with BOM", () => {
    const xml = worksheet(`<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Việt</t></is></c></row></sheetData>`);
    const u16 = new Uint8Array(2 + xml.length * 2);
    u16[0] = 0xff;
    u16[1] = 0xfe;
    for (let i = 0; i < xml.length; i++) ((u16[2 + 2 * i] = xml.charCodeAt(i) & 0xff), (u16[3 + 2 * i] = xml.charCodeAt(i) >> 8));
    const bytes = buildXlsx({ sheets: [{ name: "S", xml: "" }], extra: { "xl/worksheets/sheet1.xml": u16 } });
    expect(at(read(bytes).sheets[0], "A1")?.value).toBe("Việt");
  });

  test("a workbook reached through _rels/.rels when it is not xl/workbook.xml", () => {
    const files: Zippable = {
      "_rels/.rels": strToU8(
        `<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="r" Type="${REL_NS}/officeDocument" Target="xl/workbook2.xml"/></Relationships>`,
      ),
      "xl/workbook2.xml": strToU8(
        `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets><sheet name="S" sheetId="1" r:id="a"/></sheets></workbook>`,
      ),
      "xl/_rels/workbook2.xml.rels": strToU8(
        `<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="a" Type="${WS_TYPE}" Target="worksheets/s.xml"/></Relationships>`,
      ),
      "xl/worksheets/s.xml": strToU8(worksheet(`<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>`)),
    };
    expect(read(zipSync(files)).sheets[0].rows).toEqual([[{ value: 1 }]]);
  });
});

// ---------------------------------------------------------------------------
// limits
// ---------------------------------------------------------------------------

describe("limits", () => {
  const rowsXml = (n: number, from = 1) =>
    Array.from({ length: n }, (_, i) => `<row r="${from + i}"><c r="A${from + i}"><v>${from + i}</v></c></row>`).join("");

  test("maxRows stops a sheet and sets truncatedAtRow; merges after sheetData are still read", () => {
    const s = read(oneSheet(`<sheetData>${rowsXml(60)}</sheetData><mergeCells><mergeCell ref="B1:C2"/></mergeCells>`), { maxRows: 50 })
      .sheets[0];
    expect(s.truncatedAtRow).toBe(50);
    expect(s.maxRow).toBe(50);
    expect(at(s, "A50")?.value).toBe(50);
    expect(s.merges).toEqual([{ top: 1, left: 2, bottom: 2, right: 3 }]);
  });

  test("a sheet exactly maxRows long is not truncated", () => {
    const s = read(oneSheet(`<sheetData>${rowsXml(50)}</sheetData>`), { maxRows: 50 }).sheets[0];
    expect(s.truncatedAtRow).toBeUndefined();
    expect(s.maxRow).toBe(50);
  });

  test("formatting-only rows and cells beyond maxRows do not count as truncation", () => {
    const blank = Array.from({ length: 30 }, (_, i) => `<row r="${51 + i}" ht="20" customHeight="1"><c r="A${51 + i}" s="1"/></row>`).join(
      "",
    );
    const s = read(oneSheet(`<sheetData>${rowsXml(10)}${blank}</sheetData>`), { maxRows: 50 }).sheets[0];
    expect(s.truncatedAtRow).toBeUndefined();
    expect(s.maxRow).toBe(10);
  });

  test("maxCells stops the workbook: the partial row is dropped, later sheets are empty and marked", () => {
    const two = (r: number) => `<row r="${r}"><c r="A${r}"><v>1</v></c><c r="B${r}"><v>2</v></c></row>`;
    const g = read(
      buildXlsx({
        sheets: [
          { name: "1", xml: `<sheetData>${two(1)}${two(2)}</sheetData>` },
          { name: "2", xml: `<sheetData>${two(1)}${two(2)}${two(3)}</sheetData>` },
          { name: "3", xml: `<sheetData>${two(1)}</sheetData>` },
        ],
      }),
      { maxCells: 8 },
    );
    expect(g.sheets[0].truncatedAtRow).toBeUndefined();
    // Sheet 3 keeps a share of the budget (one cell of 8), so sheet 2 stops one cell earlier.
    expect(g.sheets[1].truncatedAtRow).toBe(1);
    expect(g.sheets[1].maxRow).toBe(1);
    expect(g.sheets[2].truncatedAtRow).toBe(0);
    expect(g.sheets[2].rows).toEqual([]);
  });

  test("a million-row sheet is streamed and abandoned at maxRows, without inflating it all", () => {
    // 10,000 rows with explicit positions, then 990,000 more without r (they follow the previous row).
    function* million(): Generator<string> {
      yield* rowBatches(
        10_000,
        (r) => `<row r="${r}"><c r="A${r}"><v>${r}</v></c><c r="B${r}" t="inlineStr"><is><t>dòng</t></is></c></row>`,
      );
      const thousand = "<row><c><v>7</v></c><c><v>8</v></c></row>".repeat(1000);
      for (let i = 0; i < 990; i++) yield thousand;
    }
    const bytes = bigSheetXlsx(million());
    // The sheet inflates to ~40 MB; an 8 MB budget proves only its head was inflated.
    const g = read(bytes, { maxUncompressedBytes: 8 * 1024 * 1024 });
    const s = g.sheets[0];
    expect(s.name).toBe("Lớn");
    expect(s.truncatedAtRow).toBe(5000);
    expect(s.maxRow).toBe(5000);
    expect(s.rows).toHaveLength(5000);
    expect(at(s, "A1")?.value).toBe(1);
    expect(at(s, "A5000")).toEqual({ value: 5000 });
    expect(at(s, "B4999")).toEqual({ value: "dòng" });
    // With a budget too small even for the head, it is refused rather than read partly.
    expect(readError(() => read(bytes, { maxUncompressedBytes: 100 * 1024 })).reason).toBe("too-large");
  });

  test("a large legitimate sheet is streamed in pieces without losing cells, text or merges", () => {
    const label = (r: number) => `Chỉ tiêu số ${r}: Tỷ lệ hồ sơ giải quyết đúng hạn ở cấp xã, phường, thị trấn`.repeat(3);
    const bytes = bigSheetXlsx(
      rowBatches(
        4000,
        (r) =>
          `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>${label(r)}</t></is></c><c r="B${r}"><f>A${r}*2</f><v>${r * 2}</v></c><c r="C${r}" t="b"><v>${r % 2}</v></c></row>`,
      ),
      `<mergeCells count="1"><mergeCell ref="D1:E4000"/></mergeCells>`,
    );
    const s = read(bytes).sheets[0];
    expect(s.truncatedAtRow).toBeUndefined();
    expect(s.maxRow).toBe(4000);
    let ok = 0;
    for (let r = 1; r <= 4000; r++) {
      if (
        cellAt(s, r, 1)?.value === label(r) &&
        cellAt(s, r, 2)?.value === r * 2 &&
        cellAt(s, r, 2)?.formula === `A${r}*2` &&
        cellAt(s, r, 3)?.value === (r % 2 === 1)
      )
        ok++;
    }
    expect(ok).toBe(4000);
    expect(s.merges).toEqual([{ top: 1, left: 4, bottom: 4000, right: 5 }]);
  });
});

// ---------------------------------------------------------------------------
// bad input
// ---------------------------------------------------------------------------

describe.each(INFLATERS)("bad input (inflater %s)", (inflater) => {
  const r = (bytes: Uint8Array, options: ReadOptions = {}) => readError(() => read(bytes, { inflater, ...options }));
  const valid = oneSheet(`<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>`, { sst: "<si><t>chữ</t></si>" });

  test("empty file", () => {
    const e = r(new Uint8Array(0));
    expect(e.reason).toBe("empty");
    expect(e.message).toBe("tệp rỗng (0 byte)");
  });

  test("random bytes, HTML, PDF", () => {
    const e = r(new Uint8Array(Array.from({ length: 300 }, (_, i) => (i * 7919 + 13) & 0xff)));
    expect(e.reason).toBe("not-zip");
    expect(e.message).toBe("không phải tệp Excel .xlsx (không phải tệp nén zip)");
    const html = r(strToU8("\ufeff<html><body><table><tr><td>1</td></tr></table></body></html>"));
    expect(html.reason).toBe("not-zip");
    expect(html.message).toContain("HTML");
    expect(r(strToU8("%PDF-1.7\n...")).message).toContain("PDF");
  });

  function ole2(streamName?: string): Uint8Array {
    const d = new Uint8Array(4096);
    d.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const names = ["Root Entry", "Workbook", ...(streamName ? [streamName] : [])];
    names.forEach((n, i) => {
      for (let k = 0; k < n.length; k++) d[512 + i * 128 + 2 * k] = n.charCodeAt(k);
    });
    return d;
  }

  test("an old .xls (OLE2 compound file)", () => {
    const e = r(ole2());
    expect(e.reason).toBe("xls");
    expect(e.message).toBe("tệp Excel 97–2003 (.xls) chưa được hỗ trợ: hãy mở bằng Excel và lưu lại dạng .xlsx");
  });

  test("a password-protected .xlsx (OLE2 with EncryptionInfo / EncryptedPackage)", () => {
    for (const name of ["EncryptionInfo", "EncryptedPackage"]) {
      const e = r(ole2(name));
      expect(e.reason).toBe("encrypted");
      expect(e.message).toBe("tệp được đặt mật khẩu: hãy gỡ mật khẩu rồi gửi lại");
    }
  });

  test("a zip entry flagged as encrypted", () => {
    expect(r(patchEntry(valid, "xl/worksheets/sheet1.xml", { flags: 1 })).reason).toBe("encrypted");
  });

  test("truncated zips", () => {
    for (const len of [10, 100, Math.floor(valid.length / 2), valid.length - 30]) {
      const e = r(valid.subarray(0, len));
      expect(e.reason).toBe("corrupt");
      expect(e.message).toMatch(/^tệp bị hỏng hoặc không đầy đủ \(.+\)$/);
    }
  });

  test("damaged compressed data", () => {
    // Find the worksheet's data by its local header and overwrite the middle of it.
    const bytes = new Uint8Array(
      oneSheet(
        `<sheetData>${Array.from({ length: 200 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i * 31}</v></c></row>`).join("")}</sheetData>`,
      ),
    );
    const name = strToU8("xl/worksheets/sheet1.xml");
    let p = 0;
    search: for (; p < bytes.length - 4; p++) {
      if (bytes[p] !== 0x50 || bytes[p + 1] !== 0x4b || bytes[p + 2] !== 3 || bytes[p + 3] !== 4) continue;
      for (let k = 0; k < name.length; k++) if (bytes[p + 30 + k] !== name[k]) continue search;
      break;
    }
    const start = p + 30 + name.length + (bytes[p + 28] | (bytes[p + 29] << 8));
    for (let k = 20; k < 60; k++) bytes[start + k] = 0xff;
    expect(r(bytes).reason).toBe("corrupt");
  });

  test("a .docx and other zips without a workbook", () => {
    const docx = zipSync({
      "[Content_Types].xml": strToU8("<Types/>"),
      "word/document.xml": strToU8("<w:document/>"),
      "_rels/.rels": strToU8(
        `<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="r" Type="${REL_NS}/officeDocument" Target="word/document.xml"/></Relationships>`,
      ),
    });
    const e = r(docx);
    expect(e.reason).toBe("no-workbook");
    expect(e.message).toContain("không phải sổ bảng tính Excel");
    expect(e.message).toContain("Word");
    expect(r(zipSync({ "a.txt": strToU8("hello") })).reason).toBe("no-workbook");
    expect(r(zipSync({})).reason).toBe("no-workbook");
  });

  test("a workbook with no worksheet", () => {
    const e = r(buildXlsx({ sheets: [] }));
    expect(e.reason).toBe("no-workbook");
    expect(e.message).toBe("không có bảng tính nào trong tệp");
  });

  test("a worksheet part missing from the zip", () => {
    const e = r(buildXlsx({ sheets: [{ name: "Biểu 1", xml: "<sheetData/>", part: "xl/elsewhere.xml" }] }));
    expect(e.reason).toBe("corrupt");
    expect(e.message).toContain("Biểu 1");
  });

  test("a shared-string index out of range", () => {
    expect(r(oneSheet(`<sheetData><row r="1"><c r="A1" t="s"><v>5</v></c></row></sheetData>`, { sst: "<si><t>a</t></si>" })).reason).toBe(
      "corrupt",
    );
  });

  test("an unknown compression method", () => {
    expect(r(patchEntry(valid, "xl/worksheets/sheet1.xml", { method: 12 })).reason).toBe("corrupt");
  });

  test("zip bombs: a declared size over the budget is refused before inflating", () => {
    const e = r(patchEntry(valid, "xl/sharedStrings.xml", { size: 0xfffffff0 }));
    expect(e.reason).toBe("too-large");
    expect(e.message).toContain("100 MB");
  });

  test("zip bombs: a size that lies (real data far larger) is refused, with bounded work", () => {
    const big = oneSheet(`<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>${" ".repeat(5_000_000)}`);
    const e = r(patchEntry(big, "xl/worksheets/sheet1.xml", { size: 1000 }));
    expect(e.reason).toBe("corrupt");
    expect(e.message).toContain("không khớp");
  });

  test("zip bombs: a streamed worksheet that inflates past the budget", () => {
    const bomb = bigSheetXlsx([`<row r="1"><c r="A1"><v>1</v></c></row>`, " ".repeat(10_000_000)]);
    expect(r(bomb, { maxUncompressedBytes: 4 * 1024 * 1024 }).reason).toBe("too-large");
  });

  test("mutated files never escape as raw exceptions", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: valid.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        fc.option(fc.nat({ max: valid.length }), { nil: undefined }),
        (flips, cut) => {
          const bytes = new Uint8Array(valid);
          for (const [i, b] of flips) bytes[i] = b;
          try {
            const g = read(cut === undefined ? bytes : bytes.subarray(0, cut));
            expect(Array.isArray(g.sheets)).toBe(true);
          } catch (e) {
            expect(e).toBeInstanceOf(ReadError);
          }
        },
      ),
      { numRuns: 400, seed: 581 },
    );
  });
});

// ---------------------------------------------------------------------------
// translateFormula
// ---------------------------------------------------------------------------

describe("translateFormula (shared formulas)", () => {
  test.each([
    ["A1+B2", 1, 0, "A2+B3"],
    ["A1+B2", 0, 2, "C1+D2"],
    ["$A$1+A$1+$A1", 3, 3, "$A$1+D$1+$A4"],
    ["SUM(D2:D8)", 1, 0, "SUM(D3:D9)"],
    ["SUM(A:A)", 0, 1, "SUM(B:B)"],
    ["SUM(1:3)", 2, 0, "SUM(3:5)"],
    ["SUM($1:$3)", 2, 0, "SUM($1:$3)"],
    ["'Biểu mẫu 1'!D12*2", 1, 0, "'Biểu mẫu 1'!D13*2"],
    ["Sheet1!A1", 1, 0, "Sheet1!A2"],
    ['IF(A1="B2","C3",LOG10(A1))', 1, 0, 'IF(A2="B2","C3",LOG10(A2))'],
    ["A1*1.5E3+ROUND(A1,2)", 1, 0, "A2*1.5E3+ROUND(A2,2)"],
    ["A1-1", -1, 0, "#REF!-1"],
    ['IF(OR(D8="",D9=0),"",D8/D9*100)', 10, 0, 'IF(OR(D18="",D19=0),"",D18/D19*100)'],
    ["Table1[Cột A]+A1", 1, 0, "Table1[Cột A]+A2"],
  ])("%s moved by (%d, %d) → %s", (f, dr, dc, want) => {
    expect(translateFormula(f, dr, dc)).toBe(want);
  });
});
