import { cellRef } from "../../src/core/values";
import { columnLetters } from "../../src/core/a1";
import { compactRanges, quoteSheetName, ratioFormula, sumFormula } from "../../src/core/formulas";

describe("formulas", () => {
  test("consecutive cells of a column become one range; others stay apart", () => {
    expect(compactRanges(["D8", "D9", "D10", "D14"])).toEqual(["D8:D10", "D14"]);
    expect(compactRanges(["D8", "D9"])).toEqual(["D8", "D9"]);
    expect(compactRanges(["D9", "D8"])).toEqual(["D9", "D8"]);
    expect(compactRanges(["D8", "E9"])).toEqual(["D8", "E9"]);
  });
  test("ratio and sum formulas are blank when undefined", () => {
    expect(ratioFormula("D9", "D8")).toBe('IF(OR(D9="",D8="",D8=0),"",D9/D8*100)');
    expect(sumFormula(["D8", "D9", "D10"])).toBe('IF(COUNT(D8:D10)=0,"",SUM(D8:D10))');
  });
  test("column letters and sheet names", () => {
    expect([1, 26, 27, 52, 703].map(columnLetters)).toEqual(["A", "Z", "AA", "AZ", "AAA"]);
    expect(quoteSheetName("Biểu mẫu 1")).toBe("'Biểu mẫu 1'");
    expect(quoteSheetName("Data")).toBe("Data");
    expect(quoteSheetName("O'Neil")).toBe("'O''Neil'");
    // Names Excel would read as a cell, an R1C1 reference or a boolean must be quoted in a formula.
    expect(["BM7", "R2C3", "C", "TRUE"].map(quoteSheetName)).toEqual(["'BM7'", "'R2C3'", "'C'", "'TRUE'"]);
  });

  test("findings name a cell as officers read it; formulas quote what Excel would misread", () => {
    expect(cellRef("BM7", "D5")).toBe("BM7!D5");
    expect(cellRef("Biểu mẫu 7", "D5")).toBe("'Biểu mẫu 7'!D5");
    expect(`${quoteSheetName("BM7")}!D5`).toBe("'BM7'!D5");
  });
});
