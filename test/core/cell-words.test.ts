/** Signs and words in number cells (Vietnamese statistical conventions) and coded answers written as words. */
import { readCellWords } from "../../src/core/cell-words";

const CO_KHONG = [
  { value: 1, label: "Có" },
  { value: 0, label: "Không" },
];
const CAP = [
  { value: 0, label: "Chưa có" },
  { value: 1, label: "2 cấp" },
  { value: 2, label: "3 cấp" },
];
const LAM = [
  { value: 0, label: "Chưa" },
  { value: 1, label: "Đang làm" },
  { value: 2, label: "Hoàn thành" },
];

describe("readCellWords", () => {
  test.each(["-", "—", "–", "−", "--", "không", "Không", "Không có", " KHÔNG CÓ ", "Không phát sinh"])(
    "%p in a count, money or percent row is 0",
    (text) => {
      for (const kind of ["count", "money", "percent", "ratio"] as const)
        expect(readCellWords(text, kind)).toMatchObject({ kind: "zero", how: expect.stringContaining("đọc là 0") });
    },
  );

  test.each(["…", "...", "..", "……", "N/A", "n/a", "NA", "chưa có số liệu", "Chưa có số liệu", "không có số liệu", "Chưa thống kê"])(
    "%p is not reported, in any row",
    (text) => {
      for (const kind of ["count", "percent", "coded"] as const)
        expect(readCellWords(text, kind, CO_KHONG)).toMatchObject({ kind: "not-reported" });
    },
  );

  test("a dash in a coded row is not reported; 'không' there is the option's word", () => {
    expect(readCellWords("-", "coded", CAP)).toMatchObject({ kind: "not-reported" });
    expect(readCellWords("không", "coded", CO_KHONG)).toMatchObject({ kind: "coded", value: 0 });
    expect(readCellWords("Không có", "coded", CO_KHONG)).toMatchObject({ kind: "coded", value: 0 });
  });

  test.each([
    ["Có", CO_KHONG, 1],
    ["có", CO_KHONG, 1],
    ["CÓ", CO_KHONG, 1],
    ["Không", CO_KHONG, 0],
    ["3 cấp", CAP, 2],
    ["2 cấp", CAP, 1],
    ["Chưa có", CAP, 0],
    ["Hoàn thành", LAM, 2],
    ["Đã hoàn thành", LAM, 2],
    ["đang làm", LAM, 1],
    ["1 (Có)", CO_KHONG, 1],
    ["2 (3 cấp)", CAP, 2],
    ["2 - Hoàn thành", LAM, 2],
    ["Có (1)", CO_KHONG, 1],
    ["Hoàn thành = 2", LAM, 2],
  ])("%p → %#: the option's code, said how", (text, options, code) => {
    const r = readCellWords(text, "coded", options);
    expect(r).toMatchObject({ kind: "coded", value: code });
    expect(r && "how" in r ? r.how : "").toContain(`"${text.trim()}"`);
  });

  test("code and words naming different options conflict; words matching no option are left to the number reader", () => {
    expect(readCellWords("1 (Không)", "coded", CO_KHONG)).toMatchObject({
      kind: "coded-conflict",
      reason: expect.stringContaining('mã 1 là "Có"'),
    });
    expect(readCellWords("Đang triển khai", "coded", LAM)).toBeUndefined();
    expect(readCellWords("Có", "coded", LAM)).toBeUndefined();
    expect(readCellWords("không", "coded", LAM)).toBeUndefined();
    expect(readCellWords("12", "count")).toBeUndefined();
    expect(readCellWords("x", "count")).toBeUndefined();
    expect(readCellWords("Không phát sinh do chưa triển khai", "count")).toBeUndefined();
  });
});
