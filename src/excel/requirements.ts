/**
 * Which ExcelApi requirement sets this Excel supports, and what each missing
 * one means for the officer (Vietnamese, shown in the pane's notes).
 */
import { officeSupports } from "./cell-facts";

export type ExcelApiFeature = "1.8" | "1.9" | "1.13";

export const MISSING: Record<ExcelApiFeature, string> = {
  "1.8":
    "Excel này chưa hỗ trợ ExcelApi 1.8 nên các ô nhập số liệu sẽ không có kiểm tra dữ liệu (Data Validation) khi chèn biểu mẫu; lỗi nhập vẫn được phát hiện khi bấm Kiểm tra.",
  "1.9":
    "Excel này chưa hỗ trợ ExcelApi 1.9 nên khổ A4, dòng tiêu đề lặp lại khi in và co vừa một trang ngang sẽ không được đặt; hãy đặt trong Bố trí Trang trước khi in.",
  "1.13":
    "Excel này chưa hỗ trợ ExcelApi 1.13 nên bảng tổng hợp sẽ được tải xuống thành tệp riêng thay vì chèn vào sổ làm việc này, và ô gộp sẽ không được đọc khi kiểm tra.",
};

export interface RequirementReport {
  supported: Record<ExcelApiFeature, boolean>;
  /** One Vietnamese sentence per missing set: what will happen instead. */
  missing: string[];
}

/** Which of ExcelApi 1.8 / 1.9 / 1.13 this Excel supports, and what the missing ones mean for the officer. */
export function requirements(isSupported: (version: string) => boolean = officeSupports): RequirementReport {
  const versions: ExcelApiFeature[] = ["1.8", "1.9", "1.13"];
  const supported = Object.fromEntries(versions.map((v) => [v, isSupported(v)])) as Record<ExcelApiFeature, boolean>;
  return { supported, missing: versions.filter((v) => !supported[v]).map((v) => MISSING[v]) };
}
