/**
 * fill reads what validate reads (issue 9, item 14): damaged workbooks that
 * validate accepts are filled, the copy reads back the same as the source
 * except the cells written; what cannot be filled is said in Vietnamese,
 * naming the file — never "lỗi không mong đợi", never zlib's English.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../../src/cli/main";
import { listZip } from "../../src/xlsx/zip-raw";
import { officerWorkbookBytes } from "../helpers/officer-workbooks";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "bieumau-filltol-"));

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

/** Form 1 typed as numbers, its rate 2 left blank for fill to compute. */
const officer = () => officerWorkbookBytes("bnv581-xa", { forms: [1], numeric: true, override: { 1: { "2": undefined } } });

/** Edits the first worksheet's XML of an exceljs-written officer workbook. */
async function damagedSheet(edit: (xml: string) => string): Promise<Uint8Array> {
  const files = unzipSync(await officer());
  const name = "xl/worksheets/sheet1.xml";
  files[name] = strToU8(edit(strFromU8(files[name])));
  return zipSync(files);
}

/** Everything after the n-th occurrence of `tag` in row `row`. */
function around(xml: string, row: number, tag: string, replace: string): string {
  const start = xml.indexOf(`<row r="${row}"`);
  const at = xml.indexOf(tag, start);
  if (start < 0 || at < 0) throw new Error(`no ${tag} in row ${row}`);
  return xml.slice(0, at) + replace + xml.slice(at + tag.length);
}

/** The row fill writes into on the undamaged workbook: the damage goes there. */
let target = 0;
beforeAll(async () => {
  const file = path.join(work, "intact.xlsx");
  fs.writeFileSync(file, await officer());
  const r = await run("fill", file, "-o", path.join(work, "out-intact.xlsx"), "--json");
  target = Number(/\d+$/.exec(JSON.parse(r.out).cells.find((c: { action: string }) => c.action === "filled").cell)![0]);
});

const DAMAGE: [string, (xml: string) => string][] = [
  ["a cell's end tag missing", (x) => around(x, target, "</c>", "")],
  ["a stray end tag", (x) => around(x, target, "</row>", "</c></row>")],
  ["a stray '<' before the row", (x) => around(x, target, `<row r="${target}"`, `< <row r="${target}"`)],
];

describe("fill accepts what validate reads", () => {
  test.each(DAMAGE)("%s: filled, and the copy reads the same as the source apart from the filled cells", async (name, edit) => {
    const file = path.join(work, `${name.replace(/\W+/g, "-")}.xlsx`);
    fs.writeFileSync(file, await damagedSheet(edit));
    const original = await run("validate", "--json", file);
    expect(original.code).not.toBe(2);
    const out = path.join(work, `out-${path.basename(file)}`);
    const r = await run("fill", file, "-o", out, "--json");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const filled = JSON.parse(r.out).cells.filter((c: { action: string }) => c.action === "filled");
    expect(filled.length).toBeGreaterThan(0);
    // the copy is read by the same reader: every computed cell is there now
    const after = JSON.parse((await run("validate", "--json", out)).out).files[0];
    const blanks = after.findings.filter(
      (f: { rule: string; message: string }) => /blank/.test(f.rule) || /để trống nhưng tính được/.test(f.message),
    );
    expect(after.error).toBeUndefined();
    expect(blanks.filter((f: { cell: string }) => filled.some((c: { cell: string }) => c.cell === f.cell))).toEqual([]);
  });

  test("a damaged part fill does not need (docProps) is copied as it was, not a failure", async () => {
    const good = await officer();
    const entry = listZip(good).find((e) => e.name === "docProps/app.xml")!;
    const bytes = Uint8Array.from(good);
    const at = entry.compressed.byteOffset + Math.floor(entry.compressed.length / 2);
    for (let k = 0; k < 6; k++) bytes[at + k] ^= 0xa5;
    const file = path.join(work, "docprops.xlsx");
    fs.writeFileSync(file, bytes);
    expect((await run("validate", file)).code).not.toBe(2);
    const out = path.join(work, "out-docprops.xlsx");
    const r = await run("fill", file, "-o", out);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/điền [1-9]/);
    const copied = listZip(fs.readFileSync(out)).find((e) => e.name === "docProps/app.xml")!;
    expect(
      Buffer.from(copied.compressed).equals(
        Buffer.from(
          entry.compressed.length ? bytes.subarray(entry.compressed.byteOffset, entry.compressed.byteOffset + entry.compressed.length) : [],
        ),
      ),
    ).toBe(true);
  });

  test("a worksheet fill cannot write safely: one Vietnamese line naming the file", async () => {
    // the sheet's data never closes: new cells would have nowhere safe to go
    const file = path.join(work, "unclosed.xlsx");
    fs.writeFileSync(file, await damagedSheet((x) => x.replace(/<\/sheetData>[\s\S]*$/, "")));
    const r = await run("fill", file, "-o", path.join(work, "out-unclosed.xlsx"));
    if (r.code === 0) return; // read and filled: fine too
    expect(r.code).toBe(2);
    expect(r.err.trim().split("\n")).toEqual([expect.stringMatching(/^bieumau: unclosed\.xlsx: /)]);
    expect(r.err).not.toMatch(/không mong đợi|invalid|unexpected|Error/);
  });
});
