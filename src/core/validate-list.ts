/**
 * Checks of a list form (Phụ lục I: completed tasks of the plan): every date is
 * a real date, and "Đúng hạn" / "Quá hạn" agrees with the deadline (the first
 * date column) and the document's date, read from "ngày dd/mm/yyyy" in the
 * item's text ("Kế hoạch số 12/KH-UBND ngày 15/01/2024").
 */
import type { ListColumn, Severity } from "../catalog/types";
import { type Finding, type RuleName, Tally } from "./findings";
import { LIST_STATUSES } from "./form-layout";
import { columnLetters } from "./a1";
import { type Cell, cellText } from "./grid";
import type { LocatedForm } from "./locate";
import type { ListItem } from "./locate-list";
import { describeNumFmt } from "./numbers";
import { short } from "./rules/text";
import { foldText } from "./text";
import { cellRef } from "./values";

/** A calendar day. */
export interface DayDate {
  y: number;
  m: number;
  d: number;
}

export type DateReading =
  | { ok: true; date: DayDate; text: string; /** The text named a period (month, quarter, year): its last day. */ period?: string }
  | { ok: false; reason: string };

const pad = (n: number) => String(n).padStart(2, "0");
export const showDate = (d: DayDate): string => `${pad(d.d)}/${pad(d.m)}/${d.y}`;
const dayNumber = (d: DayDate): number => Date.UTC(d.y, d.m - 1, d.d) / 86_400_000;

function daysIn(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** A real day, or why not ("31/02/2024: tháng 2 năm 2024 chỉ có 29 ngày"). */
function realDate(d: number, m: number, y: number, text: string): DateReading {
  if (y < 1900 || y > 2100) return { ok: false, reason: `'${text}': năm ${y} không hợp lý` };
  if (m < 1 || m > 12) return { ok: false, reason: `'${text}' không phải ngày có thật: không có tháng ${m}` };
  const max = daysIn(y, m);
  if (d < 1 || d > max) return { ok: false, reason: `'${text}' không phải ngày có thật: tháng ${m} năm ${y} chỉ có ${max} ngày` };
  return { ok: true, date: { y, m, d }, text };
}

/** Does an Excel number format show a date? ("dd/mm/yyyy", "m/d/yy", built-in 14 "mm-dd-yy"). */
export function isDateFormat(numFmt: string | undefined): boolean {
  if (!numFmt || describeNumFmt(numFmt).percent) return false;
  const code = numFmt
    .split(";")[0]
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[[^\]]*\]/g, "");
  return /[dy]/i.test(code) || /m+[^a-z]*[dy]|[dy][^a-z]*m+/i.test(code);
}

/** Excel's day serial (1900 system) → the day it shows. */
export function fromSerial(serial: number): DayDate {
  const ms = Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000;
  const t = new Date(ms);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

/**
 * Reads a date as officers write it: "15/01/2024", "5/1/2024", "15.01.2024",
 * "15-01-2024", "ngày 15/01/2024", "trước ngày 15/01/2024", an Excel date; and
 * the periods deadlines are often given as — "tháng 3/2024", "quý I/2024",
 * "năm 2024" — read as their last day. Null for a blank cell.
 */
export function readDate(cell: Cell | undefined): DateReading | null {
  const v = cell?.value ?? null;
  if (v === null || v === "" || typeof v === "boolean") return null;
  if (typeof v === "number") {
    if (isDateFormat(cell?.numFmt) && v >= 1 && v < 2958466) {
      const date = fromSerial(v);
      return { ok: true, date, text: showDate(date) };
    }
    const hint =
      v > 20_000 && v < 80_000 && Number.isInteger(v)
        ? ` (nếu là ngày theo số thứ tự của Excel thì là ${showDate(fromSerial(v))}: định dạng ô kiểu Ngày)`
        : "";
    return { ok: false, reason: `ô ghi số ${v}, không phải ngày${hint}` };
  }
  const text = v.normalize("NFC").replace(/\s+/g, " ").trim();
  if (/^[\s.…\-–—]*$/.test(text)) return null;
  const f = foldText(text);
  let m = /^(?:(?:truoc|cham nhat|han|den|tu)\s+)*(?:ngay\s+)?(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})$/.exec(
    text
      .toLowerCase()
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d"),
  );
  if (m) {
    if (m[3].length !== 4) return { ok: false, reason: `'${text}': năm phải đủ 4 chữ số (dd/mm/yyyy)` };
    return realDate(Number(m[1]), Number(m[2]), Number(m[3]), text);
  }
  if ((m = /^(?:(?:truoc|cham nhat|han|den)\s+)*ngay (\d{1,2}) thang (\d{1,2}) nam (\d{4})$/.exec(f))) {
    return realDate(Number(m[1]), Number(m[2]), Number(m[3]), text);
  }
  if ((m = /^(?:(?:truoc|cham nhat|han|den|trong)\s+)*thang (\d{1,2})(?: nam | )(\d{4})$/.exec(f))) {
    const [mm, y] = [Number(m[1]), Number(m[2])];
    if (mm < 1 || mm > 12) return { ok: false, reason: `'${text}': không có tháng ${mm}` };
    return { ok: true, date: { y, m: mm, d: daysIn(y, mm) }, text, period: `tháng ${mm}/${y}` };
  }
  if ((m = /^(?:(?:truoc|cham nhat|han|den|trong)\s+)*quy (i{1,3}|iv|[1-4])(?: nam | )(\d{4})$/.exec(f))) {
    const q = ROMAN[m[1]] ?? Number(m[1]);
    const y = Number(m[2]);
    return { ok: true, date: { y, m: q * 3, d: daysIn(y, q * 3) }, text, period: `quý ${q}/${y}` };
  }
  if ((m = /^(?:(?:truoc|cham nhat|han|den|trong)\s+)*nam (\d{4})$/.exec(f))) {
    const y = Number(m[1]);
    return { ok: true, date: { y, m: 12, d: 31 }, text, period: `năm ${y}` };
  }
  return { ok: false, reason: `không đọc được ngày '${text}' (ghi dạng dd/mm/yyyy, ví dụ 15/01/2024)` };
}

/** The document's date in a text: "… ngày 15/01/2024", "ngày 15 tháng 01 năm 2024". */
export function documentDate(text: string): DateReading | undefined {
  const t = text.normalize("NFC");
  const m =
    /ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})/iu.exec(t) ?? /ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/iu.exec(t);
  return m ? realDate(Number(m[1]), Number(m[2]), Number(m[3]), m[0]) : undefined;
}

export type Status = "on-time" | "late";

/** "Đúng hạn", "đúng hạn", "Trước hạn" → on time; "Quá hạn", "Trễ hạn", "Chậm" → late; anything else undefined. */
export function readStatus(text: string): Status | undefined {
  const f = foldText(text);
  const late = /\b(qua han|tre han|cham|khong dung han)\b/.test(f);
  const onTime = /\b(dung han|truoc han|som han|dung thoi han|kip thoi)\b/.test(f.replace(/khong dung han/g, ""));
  if (late === onTime) return undefined; // neither, or both ("Đúng hạn/quá hạn" left as printed)
  return late ? "late" : "on-time";
}

const STATUS_LABEL: Record<Status, string> = { "on-time": LIST_STATUSES[0], late: LIST_STATUSES[1] };

/** What every check of one list form works with. */
interface ListCheck {
  located: LocatedForm;
  columns: ListColumn[];
  tally: Tally;
  /** "Phụ lục I": the form as the document calls it. */
  where: string;
  push(severity: Severity, rule: RuleName, item: ListItem | undefined, address: string, f: Partial<Finding> & { message: string }): void;
}

export function validateList(located: LocatedForm, tally: Tally): Finding[] {
  const list = located.list;
  if (!list) return [];
  const form = located.form;
  const columns = form.columns ?? [];
  const out: Finding[] = [];
  const check: ListCheck = {
    located,
    columns,
    tally,
    where: form.caption ?? `Biểu mẫu ${form.number}`,
    push: (severity, rule, item, address, f) =>
      out.push({
        severity,
        rule,
        form: form.number,
        code: item ? itemCode(item) : "",
        label: item ? taskName(item, columns) : "",
        cell: address ? cellRef(located.sheet, address) : "",
        actual: null,
        expected: null,
        ...f,
      }),
  };
  listStructure(check, list);
  const statusIndex = columns.findIndex((c) => c.type === "status");
  const noStatus: ListItem[] = [];
  for (const item of list.items) {
    const name = taskName(item, columns);
    const who = name ? `Nhiệm vụ "${short(name)}"` : `Dòng ${item.row}`;
    const dates = checkDates(check, item, who);
    const doc = documentDateOf(check, item, who);
    if (statusIndex < 0) continue;
    if (!cellText(item.cells[statusIndex]).trim()) {
      noStatus.push(item);
      tally.notReported("status");
      continue;
    }
    checkStatus(check, item, who, statusIndex, dates, doc);
  }
  if (noStatus.length > 0 && statusIndex >= 0) {
    check.push("info", "blank", undefined, noStatus[0].addresses[statusIndex], {
      actual: noStatus.length,
      expected: null,
      message: `${noStatus.length} nhiệm vụ chưa ghi "${columns[statusIndex].title}": ${noStatus
        .slice(0, 8)
        .map((i) => itemCode(i) || `dòng ${i.row}`)
        .join(", ")}${noStatus.length > 8 ? " …" : ""}.`,
      fix: `Ghi "${LIST_STATUSES[0]}" hoặc "${LIST_STATUSES[1]}" cho từng nhiệm vụ.`,
    });
  }
  return out;
}

/** Columns of the template not in the file, and groups (sections) the template does not have. */
function listStructure({ located, push, where }: ListCheck, list: NonNullable<LocatedForm["list"]>): void {
  const form = located.form;
  for (const c of list.missingColumns) {
    push("warning", "structure", undefined, "", {
      actual: null,
      expected: c.title,
      message: `${where} (trang "${located.sheet}") không có cột "${c.title}"; cột này không được kiểm tra.`,
      fix: `Thêm cột "${c.title}" vào dòng tiêu đề của bảng.`,
    });
  }
  for (const s of list.sections.filter((x) => !x.known)) {
    push("warning", "structure", undefined, `${columnLetters(list.codeCol)}${s.row}`, {
      actual: `${s.code} ${s.title}`.trim(),
      expected: (form.sections ?? []).map((x) => x.code).join(", "),
      message: `Dòng ${s.row}: nhóm "${s.code} ${s.title}" không có trong ${where} (các nhóm: ${(form.sections ?? []).map((x) => `${x.code}. ${x.title}`).join("; ")}).`,
      fix: "Đưa nhiệm vụ về đúng nhóm của mẫu.",
    });
  }
}

/** Every date column holds a real date; returns the dates read, by column. */
function checkDates({ columns, tally, push }: ListCheck, item: ListItem, who: string): Map<number, DayDate> {
  const dates = new Map<number, DayDate>();
  columns.forEach((c, i) => {
    if (c.type !== "date") return;
    const read = readDate(item.cells[i]);
    if (read === null) return tally.notReported("date");
    if (!read.ok) {
      tally.fail("date");
      return push("error", "date", item, item.addresses[i], {
        actual: cellText(item.cells[i]),
        expected: "dd/mm/yyyy",
        message: `${who}: cột "${c.title}" ${read.reason}.`,
        fix: "Ghi ngày dạng dd/mm/yyyy, ví dụ 15/01/2024.",
      });
    }
    tally.pass("date");
    dates.set(i, read.date);
  });
  return dates;
}

/** The document's date, from the first text column that gives one ("… ngày 15/01/2024"), and that column. */
function documentDateOf({ columns, tally, push }: ListCheck, item: ListItem, who: string): { date: DayDate; index: number } | undefined {
  for (let i = 0; i < columns.length; i++) {
    if (columns[i].type !== "text") continue;
    const found = documentDate(cellText(item.cells[i]));
    if (!found) continue;
    if (!found.ok) {
      tally.fail("date");
      push("error", "date", item, item.addresses[i], {
        actual: cellText(item.cells[i]),
        expected: "dd/mm/yyyy",
        message: `${who}: ngày của văn bản ở cột "${columns[i].title}": ${found.reason}.`,
        fix: "Sửa lại ngày ban hành văn bản.",
      });
      return undefined;
    }
    tally.pass("date");
    return { date: found.date, index: i };
  }
  return undefined;
}

/** "Đúng hạn" / "Quá hạn" as written, against the deadline (the first date column) and the document's date. */
function checkStatus(
  { columns, tally, push }: ListCheck,
  item: ListItem,
  who: string,
  statusIndex: number,
  dates: Map<number, DayDate>,
  doc: { date: DayDate; index: number } | undefined,
): void {
  const statusText = cellText(item.cells[statusIndex]).trim();
  const statusAddress = item.addresses[statusIndex];
  const status = readStatus(statusText);
  if (!status) {
    tally.fail("status");
    return push("warning", "status", item, statusAddress, {
      actual: statusText,
      expected: LIST_STATUSES.join(" / "),
      message: `${who}: cột "${columns[statusIndex].title}" ghi "${statusText}", không phải "${LIST_STATUSES.join('" hay "')}".`,
      fix: `Ghi "${LIST_STATUSES[0]}" hoặc "${LIST_STATUSES[1]}".`,
    });
  }
  const deadlineIndex = columns.findIndex((c) => c.type === "date");
  const deadline = deadlineIndex >= 0 ? dates.get(deadlineIndex) : undefined;
  if (!deadline || !doc) return tally.notReported("status");
  const late = dayNumber(doc.date) > dayNumber(deadline);
  if (late === (status === "late")) return tally.pass("status");
  tally.fail("status");
  const days = Math.abs(dayNumber(doc.date) - dayNumber(deadline));
  const deadlineText = `thời hạn ${showDate(deadline)}`;
  const docText = `văn bản ban hành ngày ${showDate(doc.date)} (cột "${columns[doc.index].title}")`;
  push("error", "status", item, statusAddress, {
    actual: statusText,
    expected: STATUS_LABEL[late ? "late" : "on-time"],
    message: late
      ? `${who} ghi "${statusText}" nhưng ${docText}, sau ${deadlineText} ${days} ngày: là quá hạn.`
      : `${who} ghi "${statusText}" nhưng ${docText}, ${days === 0 ? "đúng" : `trước ${days} ngày so với`} ${deadlineText}: là đúng hạn.`,
    fix: `Sửa thành "${STATUS_LABEL[late ? "late" : "on-time"]}", hoặc kiểm tra lại ngày văn bản và thời hạn.`,
  });
}

/** "I.2": the item's STT under its section. */
function itemCode(item: ListItem): string {
  const stt = item.stt.replace(/[.):]+$/, "");
  return item.section && stt ? `${item.section}.${stt}` : stt;
}

/** The task's name: the first text column. */
function taskName(item: ListItem, columns: ListColumn[]): string {
  const i = columns.findIndex((c) => c.type === "text");
  return i >= 0 ? cellText(item.cells[i]).replace(/\s+/g, " ").trim() : "";
}
