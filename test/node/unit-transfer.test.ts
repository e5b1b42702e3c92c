/**
 * Units read on a worker are sent packed (src/node/unit-transfer.ts): layouts once, numbers in one
 * Float64Array, a raw text only where it is not the number's own. What the main thread decodes
 * must be the unit it would have read itself — values, texts, addresses, key order, findings.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { builtinTemplates, findTemplate } from "../../src/catalog";
import type { UnitInput } from "../../src/core/consolidate";
import { detachTexts } from "../../src/core/detach";
import { readUnitFile } from "../../src/node/read-unit";
import { UnitPacker, UnitUnpacker, type PackedUnits } from "../../src/node/unit-transfer";
import { writeFilledWorkbook } from "../../src/xlsx/plan-writer";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "bieumau-transfer-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
const templates = builtinTemplates();
const xa = findTemplate("bnv581-xa")!;

function unitFile(name: string, values: Record<string, number | string | null>, template = xa, unit = `UBND xã ${name}`): string {
  const file = path.join(work, `${name}.xlsx`);
  fs.writeFileSync(file, writeFilledWorkbook(template, { unit, period: "Quý I năm 2025" }, values));
  return file;
}

/** As the worker reads (toJson) and the main thread reads (its texts detached). */
const onWorker = (file: string) => readUnitFile(file, path.basename(file), templates, true);
const onMain = (file: string) => detachTexts(readUnitFile(file, path.basename(file), templates, true));

/** Through a packer and an unpacker, each message structured-cloned with its numbers moved, as postMessage does. */
function sendAll(chunks: UnitInput[][]): UnitInput[] {
  const packer = new UnitPacker();
  const unpacker = new UnitUnpacker();
  const out: UnitInput[] = [];
  let index = 0;
  for (const chunk of chunks) {
    const { message, transfer } = packer.pack(chunk.map((input) => ({ index: index++, input })));
    const received = structuredClone(message, { transfer }) as PackedUnits;
    expect(message.numbers.byteLength).toBe(0); // moved, not copied
    for (const m of unpacker.unpack(received)) out[m.index] = m.input;
  }
  return out;
}

const hasOwnKeysInOrder = (a: UnitInput, b: UnitInput) =>
  (a.data?.forms ?? []).map((f) => Object.keys(f.values)).join("|") === (b.data?.forms ?? []).map((f) => Object.keys(f.values)).join("|");

test("varied workbooks (errors, text and decimal cells, missing forms, a huge number, unreadable) arrive as read on the main thread", () => {
  const files = [
    unitFile("mot", { "1/1": 3, "1/2.1": 10, "1/2.2": 5 }),
    unitFile("loi", { "1/1": 1, "1/2.1": 5, "1/2.2": 50 }), // more done than planned: an error finding
    unitFile("chu", { "1/1": "ba mươi", "1/2.1": 1.25, "1/2.2": -0.5, "2/1": "  7 " }),
    unitFile("lon", { "1/1": "1e400", "1/2.1": 1e21, "1/2.2": 0.1 + 0.2 }),
    unitFile("thieu", { "1/1": 2 }, { ...xa, forms: xa.forms.slice(0, 3) }),
    unitFile("mot-nua", { "1/1": 4, "1/2.1": 10, "1/2.2": 5 }),
  ];
  const broken = path.join(work, "hong.xlsx");
  fs.writeFileSync(broken, "không phải Excel");
  files.push(broken, path.join(work, "khong-co.xlsx"));

  const main = files.map(onMain);
  // Two messages: the second names layouts the first sent.
  const received = sendAll([files.slice(0, 3).map(onWorker), files.slice(3).map(onWorker)]);
  expect(received).toEqual(main);
  main.forEach((m, i) => expect(hasOwnKeysInOrder(received[i], m)).toBe(true));
  // What JSON gave before (no undefined keys), the same.
  expect(received).toStrictEqual(JSON.parse(JSON.stringify(main)));

  // The set covers what it claims to.
  expect(main[1].data!.findings.length).toBeGreaterThan(0);
  expect(main[4].data!.missingForms?.length).toBeGreaterThan(0);
  expect(main[6].error).toBeDefined();
  expect(main[7].error).toBeDefined();
  const values = main[2].data!.forms[0].values;
  expect(Object.values(values).some((v) => v.value === null && v.raw !== "")).toBe(true);
  // (raws unlike the number's own text: the hand-made test below; our writer writes none)
});

test('hand-made forms: "__proto__" and number-like codes, -0, raws unlike the number, one layout per form, layouts that change', () => {
  const form = (n: number, values: Record<string, { raw: string; value: number | null; address: string }>) => ({
    form: n,
    sheet: "Bieu mau",
    values,
  });
  const valuesWithProto = () => {
    const values: Record<string, { raw: string; value: number | null; address: string }> = {};
    values["10"] = { raw: "007", value: 7, address: "D10" };
    Object.defineProperty(values, "__proto__", {
      value: { raw: "", value: null, address: "D11" },
      enumerable: true,
      writable: true,
      configurable: true,
    });
    values["2"] = { raw: "-0", value: -0, address: "D2" };
    values["constructor"] = { raw: "1,5", value: 1.5, address: "E3" };
    values["2.1"] = { raw: "", value: null, address: "D4" };
    values["x"] = { raw: "chữ", value: null, address: "D5" };
    return values;
  };
  const unit = (file: string, values = valuesWithProto()): UnitInput => ({
    file,
    size: 10,
    data: {
      templateId: "bnv581-xa",
      unit: "UBND xã Một",
      forms: [form(1, values), form(2, { "1": { raw: "5", value: 5, address: "D7" } })],
      findings: [],
      contentHash: 12,
      counts: { error: 0, warning: 1, info: 2 },
    },
  });
  const other = unit("b", { "1": { raw: "5", value: 5, address: "E7" } }); // form 1 laid out otherwise
  // A field a form may gain one day travels too (the worker would drop it silently otherwise).
  Object.assign(other.data!.forms[1], { range: "A1:F20" });
  const units = [unit("a"), other, unit("c")];
  const received = sendAll([[units[0]], [units[1], units[2]]]);
  expect(received).toEqual(units);
  for (const r of received) expect(Object.getPrototypeOf(r.data!.forms[0].values)).toBe(Object.prototype);
  const first = received[0].data!.forms[0].values;
  expect(Object.keys(first)).toEqual(Object.keys(units[0].data!.forms[0].values));
  expect(Object.is(first["2"].value, -0)).toBe(true);
  expect(Object.getOwnPropertyDescriptor(first, "__proto__")?.value).toEqual({ raw: "", value: null, address: "D11" });
});

test("units read one after another (the file bytes in one kept buffer) are each as read alone", () => {
  const a = unitFile("truoc", { "1/1": 3, "1/2.1": 10, "1/2.2": 5 });
  const b = unitFile("sau-mot-ten-dai-hon-nhieu", { "1/1": 9, "1/2.1": 1, "1/2.2": 2 }, xa, "UBND xã có tên dài hơn nhiều để tệp lớn hơn");
  const first = readUnitFile(a, "a", templates);
  readUnitFile(b, "b", templates);
  const again = readUnitFile(a, "a", templates);
  expect(first.sha256).toMatch(/^[0-9a-f]{64}$/);
  expect(first.sha256).toBe(createHash("sha256").update(fs.readFileSync(a)).digest("hex"));
  expect(JSON.stringify(first)).toBe(JSON.stringify(again));
});
