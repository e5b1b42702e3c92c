/** Choosing this period's value column by what its header says. */
import { chooseValueColumn, headerMeaning, type HeaderColumn } from "../../src/core/value-column";
import { foldText } from "../../src/core/text";

const col = (c: number, ...own: string[]): HeaderColumn => ({ col: c, own: own.map(foldText), inherited: [] });
const under = (group: string, c: number, ...own: string[]): HeaderColumn => ({ ...col(c, ...own), inherited: [foldText(group)] });

describe("headerMeaning", () => {
  test.each([
    ["Kỳ này", "current"],
    ["Số liệu kỳ này", "current"],
    ["Số liệu (kỳ báo cáo)", "current"],
    ["Kỳ trước", "other-period"],
    ["Số liệu kỳ trước", "other-period"],
    ["Cùng kỳ năm trước", "other-period"],
    ["Thực hiện cùng kỳ", "other-period"],
    ["Kế hoạch", "other-period"],
    ["So sánh (%)", "other-period"],
    ["Lũy kế", "other-period"],
    ["Thực hiện", "value"],
    ["Kết quả", "value"],
    ["Số lượng", "value"],
    ["Số liệu", "value"],
    ["Năm 2024", "dated"],
    ["Đơn vị tính", "none"],
    ["Ghi chú", "none"],
  ])("%p → %s", (text, meaning) => expect(headerMeaning(foldText(text))).toBe(meaning));
});

describe("chooseValueColumn", () => {
  test.each([
    ["Kỳ trước | Kỳ này", [col(4, "Kỳ trước"), col(5, "Kỳ này")], 5],
    ["Kỳ này | Kỳ trước", [col(4, "Kỳ này"), col(5, "Kỳ trước")], 4],
    ["Số liệu kỳ trước | Số liệu kỳ này", [col(4, "Số liệu kỳ trước"), col(5, "Số liệu kỳ này")], 5],
    ["Cùng kỳ năm trước | Thực hiện", [col(4, "Cùng kỳ năm trước"), col(5, "Thực hiện")], 5],
    ["Kế hoạch | Thực hiện | So sánh", [col(4, "Kế hoạch"), col(5, "Thực hiện"), col(6, "So sánh (%)")], 5],
    ["'Số liệu' merged over Kỳ trước | Kỳ này", [col(4, "Số liệu", "Kỳ trước"), under("Số liệu", 5, "Kỳ này")], 5],
    [
      "'Kỳ trước' merged over two sub-columns, then Kỳ này",
      [col(4, "Kỳ trước", "Số lượng"), under("Kỳ trước", 5, "Tỷ lệ"), col(6, "Kỳ này")],
      6,
    ],
    ["a single 'Thực hiện'", [col(4, "Thực hiện")], 4],
    ["'Số liệu' merged over its own blank neighbour", [col(4, "Số liệu"), under("Số liệu", 5)], 4],
    ["no header text: the column after the unit", [], 4],
  ])("%s → column %d", (_name, columns, want) => expect(chooseValueColumn(columns, 4)).toEqual({ ok: true, col: want }));

  test.each([
    ["Quý I/2023 | Quý I/2024", [col(4, "Quý I/2023"), col(5, "Quý I/2024")], 5],
    ["Năm 2024 | Năm 2023", [col(4, "Năm 2024"), col(5, "Năm 2023")], 4],
    ["Thực hiện năm 2023 | Thực hiện năm 2024", [col(4, "Thực hiện năm 2023"), col(5, "Thực hiện năm 2024")], 5],
    ["Số liệu Quý I/2024 | Số liệu Quý II/2024", [col(4, "Số liệu Quý I/2024"), col(5, "Số liệu Quý II/2024")], 5],
    ["Kế hoạch năm 2024 | Thực hiện 6 tháng năm 2024", [col(4, "Kế hoạch năm 2024"), col(5, "Thực hiện 6 tháng năm 2024")], 5],
    [
      "'Thực hiện' over 6 tháng 2023 | 6 tháng 2024",
      [col(4, "Thực hiện", "6 tháng đầu năm 2023"), under("Thực hiện", 5, "6 tháng đầu năm 2024")],
      5,
    ],
  ])("dated columns %s → the latest, column %d", (_name, columns, want) =>
    expect(chooseValueColumn(columns, 4)).toMatchObject({ ok: true, col: want }),
  );

  test.each([
    ["two generic value columns", [col(4, "Số liệu"), col(5, "Kết quả")], [4, 5]],
    ["two columns both this period", [col(4, "Kỳ này"), col(5, "Số liệu kỳ này")], [4, 5]],
    ["the same period twice", [col(4, "Năm 2024"), col(5, "Năm 2024")], [4, 5]],
    ["only other periods", [col(4, "Kỳ trước"), col(5, "Cùng kỳ năm trước")], [4, 5]],
  ])("%s → undecided, with the candidates", (_name, columns, candidates) => {
    expect(chooseValueColumn(columns, 4)).toMatchObject({ ok: false, candidates, reason: expect.any(String) });
  });
});
