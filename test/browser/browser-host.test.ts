/** BrowserHost over real .xlsx bytes: write, read back, undo, downloads. */
import { findTemplate } from "../../src/catalog";
import { checkWorkbook } from "../../src/core/check-workbook";
import { planFill } from "../../src/core/fill";
import { cellAt } from "../../src/core/grid";
import { readWorkbookGrid } from "../../src/xlsx/read-grid";
import { writeFilledWorkbook } from "../../src/xlsx/plan-writer";
import { fillWrites, planInsert } from "../../src/taskpane/actions";
import { BrowserHost, NO_FILE_MESSAGE } from "../../src/browser/browser-host";

const xa = findTemplate("bnv581-xa")!;

/** A commune workbook with Biểu 1 rows 2.1 / 2.2 typed and the rate 2 left blank. */
function communeBytes(values: Record<string, number | string | null> = { "1/2.1": 20, "1/2.2": 17 }): Uint8Array {
  return writeFilledWorkbook(xa, { unit: "UBND xã Lê Hồng", period: "Quý I năm 2024" }, values, { computed: "blank" });
}

function valueAt(grid: ReturnType<typeof readWorkbookGrid>, sheet: string, address: string) {
  const s = grid.sheets.find((x) => x.name === sheet)!;
  const m = /^([A-Z]+)(\d+)$/.exec(address)!;
  const col = m[1].split("").reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return cellAt(s, Number(m[2]), col);
}

function saver() {
  const saved: { bytes: Uint8Array; name: string }[] = [];
  return { saved, save: (bytes: Uint8Array, name: string) => saved.push({ bytes, name }) };
}

describe("BrowserHost", () => {
  test("without a file: readGrid and writeCells say what to do; sheetNames is empty", async () => {
    const host = new BrowserHost(() => undefined);
    await expect(host.readGrid()).rejects.toThrow(NO_FILE_MESSAGE);
    await expect(host.writeCells([{ sheet: "Biểu mẫu 1", address: "D8", value: 1 }])).rejects.toThrow("Chưa mở tệp");
    expect(await host.sheetNames()).toEqual([]);
    expect(await host.describe()).toBe("chưa mở tệp nào");
  });

  test("a file that is not .xlsx is refused with a Vietnamese reason", () => {
    const host = new BrowserHost(() => undefined);
    expect(() => host.openBytes(new TextEncoder().encode("không phải excel"), "x.xlsx")).toThrow(/không phải|hỏng|ZIP|zip/i);
    expect(host.hasFile()).toBe(false);
  });

  test("fill round trip: writeCells patches a copy, readGrid shows the value, restoreCells brings back the blank", async () => {
    const original = communeBytes();
    const pristine = original.slice();
    const host = new BrowserHost(() => undefined);
    host.openBytes(original, "xa-le-hong.xlsx");
    expect(await host.describe()).toBe("tệp xa-le-hong.xlsx");
    expect(await host.sheetNames()).toContain("Biểu mẫu 1");

    const checked = checkWorkbook(await host.readGrid(), [xa]);
    const actions = planFill(checked.forms);
    const rate = actions.find((a) => a.form === 1 && a.code === "2")!;
    expect(rate).toMatchObject({ action: "filled", value: 85 });
    const blankBefore = valueAt(await host.readGrid(), rate.sheet, rate.address);
    expect(blankBefore?.value ?? null).toBeNull();

    const snapshots = await host.writeCells(fillWrites(actions));
    expect(snapshots.find((s) => s.address === rate.address && s.sheet === rate.sheet)?.before).toBe("");
    expect(host.isModified()).toBe(true);
    expect(valueAt(await host.readGrid(), rate.sheet, rate.address)?.value).toBe(85);
    // The bytes given to openBytes are never changed.
    expect(Buffer.from(original).equals(Buffer.from(pristine))).toBe(true);
    // A second check finds the rate filled.
    const again = checkWorkbook(await host.readGrid(), [xa]);
    expect(planFill(again.forms).filter((a) => a.code === "2" && a.form === 1)).toEqual([]);

    await host.restoreCells(snapshots);
    expect(valueAt(await host.readGrid(), rate.sheet, rate.address)?.value ?? null).toBeNull();
    expect(host.isModified()).toBe(false);
    expect(Buffer.from(host.currentBytes()!).equals(Buffer.from(pristine))).toBe(true);
  });

  test("undo of an earlier write after a later one patches the cells back", async () => {
    const host = new BrowserHost(() => undefined);
    host.openBytes(communeBytes({ "1/2.1": 20, "1/2.2": 17, "1/1": 5 }), "a.xlsx");
    const grid = await host.readGrid();
    const checked = checkWorkbook(grid, [xa]);
    const rate = checked.forms[0].byCode.get("2")!;
    const count = checked.forms[0].byCode.get("1")!;
    const first = await host.writeCells([{ sheet: "Biểu mẫu 1", address: rate.address, value: 85 }]);
    const second = await host.writeCells([{ sheet: "Biểu mẫu 1", address: count.address, value: 9 }]);
    expect(second[0].before).toBe(5);
    await host.restoreCells(first); // not the latest: patched back
    const after = await host.readGrid();
    expect(valueAt(after, "Biểu mẫu 1", rate.address)?.value ?? null).toBeNull();
    expect(valueAt(after, "Biểu mẫu 1", count.address)?.value).toBe(9);
    await host.restoreCells(second);
    expect(valueAt(await host.readGrid(), "Biểu mẫu 1", count.address)?.value).toBe(5);
  });

  test("formulas are written with their result; text values are refused", async () => {
    const host = new BrowserHost(() => undefined);
    host.openBytes(communeBytes(), "a.xlsx");
    const checked = checkWorkbook(await host.readGrid(), [xa]);
    const actions = planFill(checked.forms, { formulas: true });
    const rate = actions.find((a) => a.form === 1 && a.code === "2")!;
    expect(rate.formula).toBeDefined();
    await host.writeCells(fillWrites(actions));
    const cell = valueAt(await host.readGrid(), rate.sheet, rate.address)!;
    expect(cell.formula).toBe(rate.formula);
    expect(cell.value).toBeCloseTo(85);
    await expect(host.writeCells([{ sheet: "Biểu mẫu 1", address: "D8", value: "chữ" }])).rejects.toThrow("chỉ ghi được số");
  });

  test("selection and highlights are kept in memory and notify listeners", async () => {
    const host = new BrowserHost(() => undefined);
    host.openBytes(communeBytes(), "a.xlsx");
    let calls = 0;
    const off = host.subscribe(() => calls++);
    await host.selectCell("'Biểu mẫu 3'!D12");
    expect(host.selectedCell()).toBe("'Biểu mẫu 3'!D12");
    await expect(host.selectCell("không phải ô")).rejects.toThrow("không hợp lệ");
    await host.highlight([
      { ref: "'Biểu mẫu 1'!D8", severity: "error" },
      { ref: "'Biểu mẫu 1'!D9", severity: "info" },
    ]);
    expect(host.highlights()).toHaveLength(2);
    await host.clearHighlights();
    expect(host.highlights()).toEqual([]);
    off();
    expect(calls).toBe(3);
  });

  test("addTableSheet and addWorkbookSheets download; the table reads back", async () => {
    const { saved, save } = saver();
    const host = new BrowserHost(save);
    await host.addTableSheet(
      "Kết quả kiểm tra",
      ["Mức độ", "Nội dung"],
      [
        ["Lỗi", "=SUM(A1) không là công thức"],
        ["Thông tin", null],
      ],
    );
    expect(saved[0].name).toBe("ket-qua-kiem-tra.xlsx");
    const grid = readWorkbookGrid(saved[0].bytes);
    expect(grid.sheets[0].name).toBe("Kết quả kiểm tra");
    expect(cellAt(grid.sheets[0], 2, 2)?.value).toBe("=SUM(A1) không là công thức");
    expect(cellAt(grid.sheets[0], 2, 2)?.formula).toBeUndefined();
    expect(await host.addWorkbookSheets(new Uint8Array([1, 2, 3]), "tong-hop.xlsx")).toBe("downloaded");
    expect(saved[1].name).toBe("tong-hop.xlsx");
  });

  test("insertForms builds the sheets with exceljs (loaded lazily) and downloads them", async () => {
    const { saved, save } = saver();
    const host = new BrowserHost(save);
    const plan = planInsert(xa, [1, 3], { unit: "UBND xã A", period: "Quý I năm 2025" }, []);
    await host.insertForms(plan.plans);
    expect(saved[0].name).toBe("bnv581-xa.xlsx");
    const grid = readWorkbookGrid(saved[0].bytes);
    expect(grid.sheets.map((s) => s.name)).toEqual(["Biểu mẫu 1", "Biểu mẫu 3"]);
    const checked = checkWorkbook(grid, [xa]);
    expect(checked.located.template?.id).toBe("bnv581-xa");
    expect(checked.located.forms.map((f) => f.via)).toEqual(["marker", "marker"]);
  });
});
