/** Form titles as officers write them: by number, by the form's name (folded, partial), never a data row. */
import { findTemplate } from "../../src/catalog";
import { formOfTitle } from "../../src/core/match-rows";

const XA = findTemplate("bnv581-xa")!;
const TINH = findTemplate("bnv581-tinh")!;

test.each([
  ["Biểu mẫu 4: Cải cách bộ máy hành chính nhà nước", 4],
  ["BIỂU MẪU SỐ 03", 3],
  ["Biểu 7 - Xây dựng chính quyền điện tử", 7],
  ["CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH CCHC", 1],
  ["I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH", 1],
  ["II CẢI CÁCH THỂ CHẾ", 2],
  ["CẢI CÁCH TỔ CHỨC BỘ MÁY HÀNH CHÍNH NHÀ NƯỚC", 4],
  ["Phần V: Cải cách chế độ công vụ", 5],
  ["CẢI CÁCH TÀI CHÍNH CÔNG", 6],
  ["XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ", 7],
  ["CHỈ ĐẠO ĐIỀU HÀNH CCHC", 1],
])("%p → Biểu mẫu %d", (text, n) => {
  expect(formOfTitle(text, XA)?.number).toBe(n);
  expect(formOfTitle(text, TINH)?.number).toBe(n);
});

test.each([
  "Kiểm tra CCHC",
  "Số văn bản chỉ đạo CCHC đã ban hành",
  "Cải cách",
  "Thực hiện cơ chế một cửa, một cửa liên thông",
  "Số liệu về biên chế công chức",
  "ỦY BAN NHÂN DÂN",
  "Kỳ báo cáo: Quý I năm 2024",
])("%p names no form", (text) => {
  expect(formOfTitle(text, XA)).toBeUndefined();
});
