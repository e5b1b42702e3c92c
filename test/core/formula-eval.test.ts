/** The formula evaluator: Excel's results for what report forms use, and a reason for anything else. */
import fc from "fast-check";
import { FormulaEvaluator, roundExcel } from "../../src/core/formula-eval";
import { gridFromValues, type WorkbookGrid } from "../../src/core/grid";

function workbook(): WorkbookGrid {
  const b1 = gridFromValues("Biểu mẫu 1", [
    ["STT", "Chỉ tiêu", "ĐVT", "Số liệu"],
    ["1", "a", "", 30],
    ["2", "b", "", 18],
    ["3", "c", "", null],
    ["4", "d", "", "12"],
    ["5", "e", "", "văn bản"],
    ["6", "f", "", 0],
  ]);
  const s2 = gridFromValues("Sheet2", [[5, 7, 2.675]]);
  // Formulas without a stored result, one depending on another, one circular.
  b1.rows[7] = [undefined, undefined, undefined, { value: null, formula: "D3/D2*100" }];
  b1.rows[8] = [undefined, undefined, undefined, { value: null, formula: "ROUND(D8,1)" }];
  b1.rows[9] = [undefined, undefined, undefined, { value: null, formula: "D11+1" }, undefined];
  b1.rows[10] = [undefined, undefined, undefined, { value: null, formula: "D10+1" }];
  b1.rows[11] = [undefined, undefined, undefined, { value: null, error: "#DIV/0!" }];
  b1.maxRow = 12;
  return { sheets: [b1, s2] };
}

const grid = workbook();
const ev = new FormulaEvaluator(grid);
const run = (f: string) => ev.evaluate(f, grid.sheets[0]);
const value = (f: string) => {
  const r = run(f);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
};

describe("FormulaEvaluator", () => {
  test.each([
    ["D3/D2*100", 60],
    ["ROUND(D3/D2*100,2)", 60],
    ["SUM(D2:D7)", 48], // "12" and "văn bản" typed as text are skipped in a range, as in Excel
    ['SUM(D2,D3,"4")', 52], // text typed as an argument is converted
    ["D2+D5", 42], // arithmetic converts "12"
    ["D2+D4", 30], // a blank cell is 0
    ["AVERAGE(D2:D4)", 24], // blanks are skipped
    ["MIN(D2:D7)", 0],
    ["MAX(D2:D7,45)", 45],
    ["COUNT(D2:D7)", 3],
    ["COUNTA(D2:D7)", 5],
    ['IF(D4="","",D4)', ""], // blank equals ""
    ["IF(D4=0,1,2)", 1], // and 0
    ['IF(OR(D2="",D7=0),"",D2/D7)', ""],
    ['IF(D7=0,"",D2/D7*100)', ""],
    ['IF(AND(D2>0,D3<=D2),"đúng","sai")', "đúng"],
    ["NOT(D2>D3)", false],
    ['D2&"/"&D3', "30/18"],
    ["-D2^2", 900],
    ["2^3^2", 64], // left to right, as Excel
    ["50%*D2", 15],
    ["Sheet2!A1+Sheet2!B1", 12],
    ["'Sheet2'!A1*'Biểu mẫu 1'!D2", 150],
    ["SUM(Sheet2!A1:C1)", 14.675],
    ["ROUND(Sheet2!C1,2)", 2.68], // half away from zero on the digits shown
    ["ROUND(-2.5,0)", -3],
    ["ROUNDDOWN(D3/D2*100+0.129,1)", 60.1],
    ["ROUNDUP(1.21,1)", 1.3],
    ["ABS(D7-D2)", 30],
    ["D8", 60], // a formula without a stored result, computed in turn
    ["D9+0", 60],
  ])("=%s → %p", (f, want) => {
    const got = value(f);
    if (typeof want === "number") expect(got).toBeCloseTo(want, 9);
    else expect(got).toBe(want);
  });

  test("errors propagate as values: #DIV/0!, a cell's error, #VALUE! for text in arithmetic", () => {
    expect(value("D2/D7")).toEqual({ error: "#DIV/0!" });
    expect(value("D12+1")).toEqual({ error: "#DIV/0!" });
    expect(value("D6*2")).toEqual({ error: "#VALUE!" });
    expect(value("AVERAGE(D4)")).toEqual({ error: "#DIV/0!" });
    expect(value("IFERROR(D2/D7,0)")).toBe(0);
  });

  test.each([
    ["NPV(0.1,D2)", /hàm NPV chưa được hỗ trợ/],
    ["D10", /tham chiếu vòng/],
    ["SUM(D:D)", /tham chiếu vòng/], // the whole column reaches D10 and D11
    ["Tong_so+1", /vùng được đặt tên/],
    ["[1]Sheet1!A1", /tệp khác/],
    ["Khac!A1", /không có trang "Khac"/],
    ["(D2+D3", /ngoặc/],
    ["(shared)", /dùng chung/],
  ])("=%s cannot be evaluated, and says why", (f, why) => {
    const r = run(f);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(why);
  });

  test("a reference to a blank cell shows 0, as Excel does", () => {
    expect(value("D4")).toBe(0);
  });

  test("ROUND agrees with rounding the decimal text half away from zero", () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.integer({ min: 0, max: 3 }), (n, d) => {
        const x = n / 1000;
        const text = x.toFixed(3);
        // The oracle rounds the decimal digits themselves (n thousandths), never a binary product:
        // Math.round(1215.985 * 100) is 121598 because 1215.985 * 100 = 121598.49999999999.
        const scale = 10 ** (3 - d);
        const kept = Math.floor(Math.abs(n) / scale) + (2 * (Math.abs(n) % scale) >= scale ? 1 : 0);
        const expected = (Math.sign(n) * kept) / 10 ** d;
        expect(roundExcel(Number(text), d)).toBeCloseTo(expected, 9);
      }),
    );
  });
});

describe("a formula shared by many workbooks (parsed once, its references read once)", () => {
  // Units' files hold the same formula texts: each file's cells and sizes must be read, never the first file's.
  const unit = (values: (number | null)[], name = "Biểu mẫu 1"): WorkbookGrid => ({
    sheets: [
      gridFromValues(
        name,
        values.map((v) => [null, null, null, v]),
      ),
      gridFromValues("Sheet2", [[values[0] ?? 0]]),
    ],
  });
  const evalIn = (g: WorkbookGrid, f: string, sheet = 0) => new FormulaEvaluator(g).evaluate(f, g.sheets[sheet]);

  it("reads each workbook's own cells, rows and sheet size", () => {
    const small = unit([1, 2, 3]);
    const large = unit([10, 20, 30, 40, 50]);
    for (const [g, sum, d2, rows] of [
      [small, 6, 2, 5],
      [large, 150, 20, 50],
      [small, 6, 2, 5],
    ] as const) {
      expect(evalIn(g, "SUM(D:D)")).toEqual({ ok: true, value: sum });
      expect(evalIn(g, "D2")).toEqual({ ok: true, value: d2 });
      expect(evalIn(g, "$D$2")).toEqual({ ok: true, value: d2 });
      expect(evalIn(g, "SUM(d2:D3)")).toEqual({ ok: true, value: rows });
      expect(evalIn(g, "SUM(D3:D2)")).toEqual({ ok: true, value: rows });
      expect(evalIn(g, "Sheet2!A1+'Biểu mẫu 1'!D1", 1)).toEqual({ ok: true, value: 2 * (g === small ? 1 : 10) });
      expect(evalIn(g, "COUNT(C:D)")).toEqual({ ok: true, value: g.sheets[0].maxRow });
    }
  });

  it("a sheet a workbook lacks is that workbook's reason, whatever another workbook had", () => {
    expect(evalIn(unit([1, 2]), "SUM(Khac!D1:D2)")).toEqual({ ok: false, reason: 'không có trang "Khac"' });
    const other = { sheets: [...unit([1, 2]).sheets, gridFromValues("Khac", [[7], [8]])] };
    expect(evalIn(other, "SUM(Khac!A1:A2)")).toEqual({ ok: true, value: 15 });
    expect(evalIn(unit([1, 2]), "SUM(Khac!A1:A2)")).toEqual({ ok: false, reason: 'không có trang "Khac"' });
  });
});
