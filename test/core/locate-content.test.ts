/**
 * Workbooks located by content (no marker), the shape a province receives by the
 * thousand: all seven forms stacked on one sheet under a unit line, one-line headers,
 * written by exceljs. Every form and every value must be found, in every file of a
 * batch, the same whether the label caches are cold or warm.
 */
import ExcelJS from "exceljs";
import { builtinTemplates, findTemplate } from "../../src/catalog";
import type { FormSpec } from "../../src/catalog/types";
import { checkWorkbook } from "../../src/core/check-workbook";
import { matchRows, type WrittenRow } from "../../src/core/match-rows";
import { foldText, normalizeCode, squash } from "../../src/core/text";
import { readWorkbookGrid } from "../../src/xlsx/read-grid";

const xa = findTemplate("bnv581-xa")!;

async function stackedCommune(
  unit: string,
  valueOf: (form: number, row: number) => number | undefined,
  template = xa,
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Bieu mau");
  ws.getCell(1, 1).value = unit;
  let r = 3;
  for (const f of template.forms) {
    ws.getCell(r++, 1).value = `Biểu mẫu ${f.number}`;
    ws.getCell(r++, 1).value = f.title.toUpperCase();
    ["STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Số liệu", "Ghi chú"].forEach((h, c) => (ws.getCell(r, c + 1).value = h));
    r++;
    f.rows.forEach((row, i) => {
      ws.getCell(r, 1).value = row.code;
      ws.getCell(r, 2).value = row.label;
      ws.getCell(r, 3).value = row.unit;
      const v = row.kind === "count" && !row.sum && !row.checks ? valueOf(f.number, i) : undefined;
      if (v !== undefined) ws.getCell(r, 4).value = v;
      r++;
    });
    r += 2;
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("commune workbooks stacked on one sheet, one-line headers, no marker", () => {
  test("all seven forms and every row are found (Biểu mẫu 1's first row 'Số văn bản …' is not a list header)", async () => {
    const c = checkWorkbook(readWorkbookGrid(await stackedCommune("UBND xã Tân Lập", (f, i) => f * 10 + i)), builtinTemplates());
    expect(c.located.template?.id).toBe("bnv581-xa");
    expect(c.located.forms.map((f) => f.form.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (const f of c.located.forms) {
      expect({ form: f.form.number, via: f.via, missing: f.missing.map((r) => r.code), stray: f.stray.map((s) => s.writtenCode) }).toEqual({
        form: f.form.number,
        via: "content",
        missing: [],
        stray: [],
      });
    }
    expect(c.located.forms[0].rows.get("b1.1")?.cell?.value).toBe(10);
  });

  test("the tenth file of a batch is located exactly like the first (caches warm)", async () => {
    const located = [];
    for (let k = 0; k < 10; k++) {
      const grid = readWorkbookGrid(await stackedCommune(`UBND xã Số ${k + 1}`, (f, i) => (k * 7 + f + i) % 50));
      const c = checkWorkbook(grid, builtinTemplates());
      located.push(
        c.located.forms.map((f) => [
          f.form.number,
          [...f.rows.values()].map((r) => `${r.spec.id}@${r.address}=${String(r.cell?.value ?? "")}`),
        ]),
      );
    }
    const first = located[0];
    // Same rows at the same cells; values differ by unit as written.
    for (const l of located)
      expect(l.map(([n, rows]) => [n, (rows as string[]).map((s) => s.replace(/=.*$/, ""))])).toEqual(
        first.map(([n, rows]) => [n, (rows as string[]).map((s) => s.replace(/=.*$/, ""))]),
      );
    expect(located[9][0][1]).toContain(`b1.1@D6=${(9 * 7 + 1 + 0) % 50}`);
  });

  test("a province's workbook after many communes' is still located as the province's (the vote is not reused across layouts)", async () => {
    const tinh = findTemplate("bnv581-tinh")!;
    const templates = builtinTemplates();
    for (let k = 0; k < 3; k++)
      expect(checkWorkbook(readWorkbookGrid(await stackedCommune(`UBND xã Số ${k}`, () => 5)), templates).located.template?.id).toBe(
        "bnv581-xa",
      );
    const province = checkWorkbook(readWorkbookGrid(await stackedCommune("UBND tỉnh Sơn La", () => 5, tinh)), templates);
    expect(province.located.template?.id).toBe("bnv581-tinh");
    expect(province.located.forms.map((f) => f.missing.length)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });
});

describe("text folding remembered per raw text", () => {
  test("the same answers on first use, on reuse, and after the tables were emptied", () => {
    const cases: [string, string, string, string][] = [
      ["Tỷ lệ   hồ sơ, TTHC.", "ty le ho so tthc", "Tỷ lệ hồ sơ, TTHC.", ""],
      [" 2 . 1. ", "2 1", "2 . 1.", "2.1"],
      ["Đồng", "dong", "Đồng", ""],
      ["I.", "i", "I.", "I"],
    ];
    const check = () => {
      for (const [raw, folded, squashed, code] of cases)
        expect([foldText(raw), squash(raw), normalizeCode(raw)]).toEqual([folded, squashed, code]);
    };
    check();
    check();
    for (let i = 0; i < 25_000; i++) foldText(`nhãn số ${i}`) && squash(`nhãn số ${i}`);
    check();
    expect(foldText("")).toBe("");
  });
});

describe("template rows' label keys made as rows are first compared", () => {
  /** The rows of a form as a unit wrote them: some labels reworded, some codes shifted, one extra row. */
  function written(form: FormSpec): WrittenRow[] {
    return form.rows.map((r, i) => {
      const code = i % 4 === 3 ? `${r.code}.9` : r.code;
      const label = i % 3 === 1 ? `${r.label} (ghi rõ)` : i % 5 === 2 ? r.label.split(" ").slice(0, -1).join(" ") : r.label;
      return { row: 10 + i, code, normalized: normalizeCode(code), label, unit: r.unit, cell: { value: i } };
    });
  }
  const pairs = (m: ReturnType<typeof matchRows>) => ({
    pairs: m.pairs.map((p) => [p.spec.id, p.written.row, p.sim, p.codeAgrees]),
    stray: m.stray.map((w) => w.row),
    renumbered: m.renumbered.map((r) => [r.spec.id, r.writtenCode, r.row]),
    score: m.score,
  });

  test.each(builtinTemplates().flatMap((t) => t.forms.filter((f) => f.rows.length > 0).map((f) => [t.id, f.number, f] as const)))(
    "%s form %i: matched in full after a vote (codes only) as when matched in full first",
    (_t, _n, form) => {
      // Copies: each has its own index, so one is matched cold in full, the other after a vote prepared a few keys.
      const cold = structuredClone(form);
      const afterVote = structuredClone(form);
      const rows = written(form);
      const quick = matchRows(afterVote, rows, true);
      expect(quick.score).toBe(matchRows(structuredClone(form), rows, true).score);
      expect(pairs(matchRows(afterVote, rows))).toEqual(pairs(matchRows(cold, rows)));
    },
  );
});
