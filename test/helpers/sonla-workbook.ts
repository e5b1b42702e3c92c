/**
 * Made-up appendices of one district for the Sơn La inspection plan (template
 * "sonla-kiemtra", seeds/004_…): Phụ lục I (the list of completed plan tasks) and
 * Phụ lục II (Năm 2023 and Năm 2024), typed by an officer in a workbook of their
 * own, written with exceljs. Used by test/core/validate-sonla.test.ts and the
 * rules' characterisation test.
 */
import ExcelJS from "exceljs";
import { findTemplate, printedCode, rowKey } from "../../src/catalog";
import type { FormSpec } from "../../src/catalog/types";

export const template = findTemplate("sonla-kiemtra")!;
export const list: FormSpec = template.forms.find((f) => f.number === 1)!;
export const table: FormSpec = template.forms.find((f) => f.number === 2)!;

export type Value = string | number;

/** Made-up figures of one district for 2023 and 2024 that satisfy every rule of Phụ lục II. */
export function consistentYears(): { y2023: Record<string, Value>; y2024: Record<string, Value> } {
  const y2023: Record<string, Value> = {};
  const y2024: Record<string, Value> = {};
  for (const r of table.rows) {
    if (r.kind === "count") [y2023[rowKey(r)], y2024[rowKey(r)]] = [10, 12];
    else if (r.kind === "percent") [y2023[rowKey(r)], y2024[rowKey(r)]] = [90, 95.5];
    else if (r.kind === "coded") [y2023[rowKey(r)], y2024[rowKey(r)]] = [1, 1];
  }
  const set = (key: string, a: Value, b: Value) => {
    if (!(key in y2023)) throw new Error(`no input row ${key}`);
    y2023[key] = a;
    y2024[key] = b;
  };
  set("b2.I.1.de-ra", 25, 30);
  set("b2.I.1.hoan-thanh", 25, 28);
  set("b2.I.2.phat-hien", 8, 6);
  set("b2.I.2.xu-ly", 8, 6);
  set("b2.I.4.duoc-giao", 20, 24);
  set("b2.I.4.dung-han", 15, 20);
  set("b2.I.4.qua-han", 3, 2);
  set("1.2", 10, 12);
  set("1.3", 4, 5);
  set("1.4", 2, 3);
  set("1.7", 3, 4);
  set("1.8", 2, 4);
  set("b2.2.2.cong-khai", 300, 320);
  set("b2.2.2.mot-phan", 100, 90);
  set("b2.2.2.toan-trinh", 150, 200);
  set("b2.2.3.quy-trinh", "45 thủ tục = 30%", "60 thủ tục = 40%");
  set("b2.2.3.dien-tu-hoa", "40 quy trình = 88,9%", "55 quy trình = 91,7%");
  set("b2.2.4.dung-han", "1.180 hồ sơ = 98,3%", "120 hồ sơ = 95,5%");
  set("b2.2.4.tre-han", "20 hồ sơ = 1,7%", "6 hồ sơ = 4,5%");
  set("b2.2.4.xin-loi", "15/20", "6/6");
  set("b2.2.4.doi-thoai", "3/45", "4/60");
  set("b2.2.4.dat-dai", "350 hồ sơ = 97%", "410 hồ sơ = 98,1%");
  set("b2.2.4.xay-dung", "80 hồ sơ = 100%", "95 hồ sơ = 100%");
  set("b2.3.2.duoc-giao", 50, 50);
  set("b2.3.2.co-mat", 48, 47);
  set("b2.3.3.duoc-giao", 200, 200);
  set("b2.3.3.co-mat", 190, 185);
  for (const key of ["b2.4.4.cap-tinh", "b2.4.4.cap-so", "b2.4.4.cap-phong", "b2.4.4.sncl", "b2.4.4.cap-xa"])
    set(key, 0, key === "b2.4.4.sncl" ? 1 : 0);
  set("b2.4.2.vc-thi-tuyen", 6, 7);
  set("b2.4.5.thang-hang", 8, 10);
  set("b2.4.6.tiep-nhan", 8, 9);
  set("6.1", "25 cơ quan, đơn vị = 100%", "26 cơ quan, đơn vị = 100%");
  set("6.2", "4.500 văn bản = 98%", "5.200 văn bản = 99%");
  set("b2.6.4.ty-le", "10/12 = 83,3%", "11/12 = 91,7%");
  set("b2.6.5.don-vi", "12/12", "12/12");
  set("b2.6.5.tai-khoan", "150/160", "155/158");
  set("b2.6.7.tthc", "40/38", "45/44");
  set("b2.6.8.may-tinh", "8/10", "10/10");
  return { y2023, y2024 };
}

export interface Task {
  stt: string;
  name: string;
  number: string;
  summary: string;
  /** Text as typed, or a Date written as an Excel date. */
  deadline: string | Date;
  status: string;
}

/** Phụ lục I of the same district: one section per group, made-up tasks. */
export const TASKS: Record<string, Task[]> = {
  I: [
    {
      stt: "1",
      name: "Xây dựng Kế hoạch CCHC năm 2024",
      number: "Kế hoạch số 12/KH-UBND ngày 15/01/2024",
      summary: "Kế hoạch cải cách hành chính năm 2024",
      deadline: "31/01/2024",
      status: "Đúng hạn",
    },
    {
      stt: "2",
      name: "Kế hoạch tuyên truyền CCHC năm 2024",
      number: "Kế hoạch số 20/KH-UBND ngày 20/02/2024",
      summary: "Kế hoạch tuyên truyền cải cách hành chính",
      deadline: "15/02/2024",
      status: "Đúng hạn",
    },
  ],
  II: [
    {
      stt: "1",
      name: "Kế hoạch kiểm tra văn bản QPPL",
      number: "Quyết định số 30/QĐ-UBND",
      summary: "Ban hành Kế hoạch kiểm tra văn bản ngày 05/04/2024",
      deadline: new Date(Date.UTC(2024, 2, 31)),
      status: "Quá hạn",
    },
  ],
  III: [
    {
      stt: "1",
      name: "Rà soát chức năng, nhiệm vụ các phòng",
      number: "Báo cáo số 45/BC-UBND ngày 02/05/2024",
      summary: "Kết quả rà soát",
      deadline: "31/02/2024",
      status: "Đúng hạn",
    },
  ],
  IV: [
    {
      stt: "1",
      name: "Kế hoạch đào tạo, bồi dưỡng công chức",
      number: "Kế hoạch số 50/KH-UBND ngày 10.05.2024",
      summary: "Đào tạo, bồi dưỡng năm 2024",
      deadline: "30/06/2024",
      status: "Đang thực hiện",
    },
    {
      stt: "2",
      name: "Kế hoạch chuyển đổi vị trí công tác",
      number: "Kế hoạch số 51/KH-UBND ngày 10/5/2024",
      summary: "Chuyển đổi vị trí công tác năm 2024",
      deadline: "Quý II/2024",
      status: "đúng hạn",
    },
  ],
};

export interface Style {
  /** rowKey → [2023, 2024]; undefined leaves a cell blank. */
  values?: Record<string, [Value | undefined, Value | undefined]>;
  /** Both appendices on one sheet, the table first. */
  oneSheet?: boolean;
  /** Phụ lục II with the Năm 2024 column only (the unit deleted Năm 2023). */
  only2024?: boolean;
  tasks?: Record<string, Task[]>;
}

function tableSheet(ws: ExcelJS.Worksheet, first: number, style: Style): number {
  const { y2023, y2024 } = consistentYears();
  ws.getCell(first, 1).value = "Phụ lục II";
  ws.getCell(first + 1, 1).value = table.title;
  ws.getCell(first + 2, 1).value = "(Kèm theo Báo cáo số 85/BC-UBND ngày 10/6/2024 của UBND huyện Mai Sơn)";
  const h = first + 4;
  ws.getCell(h, 1).value = "STT";
  ws.getCell(h, 2).value = "Chỉ tiêu thống kê";
  ws.getCell(h, 3).value = "Kết quả thống kê";
  const years = style.only2024 ? ["Năm 2024"] : ["Năm 2023", "Năm 2024"];
  ws.mergeCells(h, 3, h, 3 + years.length);
  ws.getCell(h, 4 + years.length).value = "Ghi chú";
  ws.getCell(h + 1, 3).value = "Đơn vị tính";
  years.forEach((y, i) => (ws.getCell(h + 1, 4 + i).value = y));
  let r = h + 2;
  for (const row of table.rows) {
    const key = rowKey(row);
    const [a, b] = style.values?.[key] ?? [y2023[key], y2024[key]];
    ws.getCell(r, 1).value = printedCode(row);
    ws.getCell(r, 2).value = row.label;
    ws.getCell(r, 3).value = row.unit;
    if (style.only2024) {
      if (b !== undefined) ws.getCell(r, 4).value = b;
    } else {
      if (a !== undefined) ws.getCell(r, 4).value = a;
      if (b !== undefined) ws.getCell(r, 5).value = b;
    }
    if (row.kind === "heading") ws.getRow(r).font = { bold: true };
    r++;
  }
  return r;
}

function listSheet(ws: ExcelJS.Worksheet, first: number, style: Style): number {
  ws.getCell(first, 1).value = "Phụ lục I";
  ws.getCell(first + 1, 1).value = "DANH MỤC CÁC NHIỆM VỤ ĐÃ HOÀN THÀNH TRONG KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2024";
  const h = first + 3;
  ["STT", "Tên nhiệm vụ", "Số văn bản", "Trích yếu nội dung văn bản", "Thời hạn ban hành văn bản", "Đúng hạn/quá hạn", "Ghi chú"].forEach(
    (t, i) => (ws.getCell(h, i + 1).value = t),
  );
  let r = h + 1;
  const tasks = style.tasks ?? TASKS;
  for (const section of list.sections!) {
    ws.getCell(r, 1).value = section.code;
    ws.getCell(r, 2).value = section.title;
    r++;
    const items = tasks[section.code] ?? [];
    if (items.length === 0) {
      // Left as printed: placeholders.
      ws.getCell(r++, 1).value = "1";
      ws.getCell(r++, 1).value = "...";
    }
    for (const t of items) {
      ws.getCell(r, 1).value = t.stt;
      ws.getCell(r, 2).value = t.name;
      ws.getCell(r, 3).value = t.number;
      ws.getCell(r, 4).value = t.summary;
      ws.getCell(r, 5).value = t.deadline;
      if (t.deadline instanceof Date) ws.getCell(r, 5).numFmt = "dd/mm/yyyy";
      ws.getCell(r, 6).value = t.status;
      r++;
    }
  }
  return r;
}

export async function unitWorkbook(style: Style = {}): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  if (style.oneSheet) {
    const ws = wb.addWorksheet("Báo cáo");
    ws.getCell(1, 1).value = "Đơn vị báo cáo: UBND huyện Mai Sơn";
    const end = tableSheet(ws, 3, style);
    listSheet(ws, end + 2, style);
  } else {
    const ws1 = wb.addWorksheet("Phụ lục I");
    ws1.getCell(1, 1).value = "UBND HUYỆN MAI SƠN";
    listSheet(ws1, 3, style);
    const ws2 = wb.addWorksheet("Phụ lục II");
    ws2.getCell(1, 1).value = "Đơn vị báo cáo: UBND huyện Mai Sơn";
    tableSheet(ws2, 3, style);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
