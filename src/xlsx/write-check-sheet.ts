/**
 * The consolidation workbook's "Kiểm tra" sheet: every unit file's status, each unit's errors
 * (which cell, what is wrong), units missing from or unknown to the roster, skipped files and
 * duplicates — what the officer checks before sending the province's figures.
 */
import type { Consolidation, UnitEntry } from "../core/consolidate";
import type { XCell, XlsxWriter, XSheetWriter } from "./fast-writer";
import type { Styles } from "./plan-writer";

export const STATUS_LABEL: Record<UnitEntry["status"], string> = {
  ok: "Đạt",
  errors: "Có lỗi (vẫn cộng, cần kiểm tra)",
  excluded: "Có lỗi (không cộng)",
  duplicate: "Trùng (không cộng)",
  unreadable: "Không đọc được",
  "no-form": "Không có biểu mẫu",
  "other-template": "Khác mẫu",
  "own-output": "Bảng tổng hợp (không cộng)",
  "other-period": "Khác kỳ báo cáo (không cộng)",
};

/** The sheet's styles, and the next row to write. */
interface CheckWriter {
  sheet: XSheetWriter;
  title: number;
  head: number;
  cell: number;
  num: number;
  bad: number;
  section: number;
  r: number;
}

function checkWriter(writer: XlsxWriter, styles: Styles): CheckWriter {
  const sheet = writer.addSheet("Kiểm tra", {
    columns: [
      { width: 6 },
      { width: 34 },
      { width: 30 },
      { width: 14 },
      { width: 26 },
      { width: 10 },
      { width: 12 },
      { width: 60 },
      { width: 22 },
    ],
    freeze: { rows: 3 },
    print: { landscape: true, fitToWidth: true },
  });
  return {
    sheet,
    title: styles.get({ size: 14, bold: true }),
    head: styles.get({ bold: true, border: true, wrap: true, fill: "DDEBF7", hAlign: "center", vAlign: "middle" }),
    cell: styles.get({ border: true, wrap: true, vAlign: "top" }),
    num: styles.get({ border: true, hAlign: "center", vAlign: "top" }),
    bad: styles.get({ border: true, wrap: true, vAlign: "top", color: "C00000", bold: true }),
    section: styles.get({ size: 13, bold: true }),
    r: 1,
  };
}

function put(w: CheckWriter, cells: XCell[]): void {
  w.sheet.row(w.r++, cells);
}

/** A blank row, then a section's title. */
function section(w: CheckWriter, title: string): void {
  w.r++;
  put(w, [{ col: 1, value: title, style: w.section }]);
}

/** Title, counts by status, and one row per unit file. */
function writeUnits(w: CheckWriter, c: Consolidation): void {
  const n = (s: UnitEntry["status"]) => c.units.filter((u) => u.status === s).length;
  const period = c.period ? `, kỳ ${c.period}` : ", không xác định được kỳ báo cáo";
  put(w, [
    {
      col: 1,
      value: `Kiểm tra tổng hợp — mẫu ${c.template.id}${period}: ${c.units.length} tệp, cộng ${c.included.length} đơn vị`,
      style: w.title,
    },
  ]);
  put(w, [
    {
      col: 1,
      value:
        `Đạt: ${n("ok")} · Có lỗi (vẫn cộng): ${n("errors")} · Có lỗi (không cộng): ${n("excluded")} · Trùng: ${n("duplicate")} · ` +
        `Khác kỳ báo cáo: ${n("other-period")} · Bảng tổng hợp cũ: ${n("own-output")} · Bỏ qua: ${c.skipped.length} · Thiếu theo danh sách: ${c.missing.length}`,
    },
  ]);
  const headers = ["STT", "Tệp", "Đơn vị", "Tên lấy từ", "Tình trạng", "Số lỗi", "Số cảnh báo", "Ghi chú", "Kỳ báo cáo"];
  put(
    w,
    headers.map((h, i) => ({ col: i + 1, value: h, style: w.head })),
  );
  const { cell, num, bad } = w;
  // One array of cells for every file's row (the writer keeps none): 3,321 × 9 objects otherwise.
  const cells: XCell[] = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((col) => ({ col, value: null }));
  c.units.forEach((u, i) => {
    cells[0].value = i + 1;
    cells[0].style = num;
    cells[1].value = u.file;
    cells[1].style = cell;
    cells[2].value = u.unit;
    cells[2].style = cell;
    cells[3].value = u.unitFrom === "header" ? "đầu biểu" : "tên tệp";
    cells[3].style = cell;
    cells[4].value = STATUS_LABEL[u.status];
    cells[4].style = u.status === "ok" ? cell : bad;
    cells[5].value = u.errors;
    cells[5].style = num;
    cells[6].value = u.warnings;
    cells[6].style = num;
    cells[7].value = u.reason || u.notes.length ? [u.reason, ...u.notes].filter(Boolean).join("; ") : "";
    cells[7].style = u.notes.length ? bad : cell;
    cells[8].value = u.period ?? (u.status === "unreadable" ? "" : "không tìm thấy");
    cells[8].style = u.status === "other-period" || (!u.period && u.status !== "unreadable") ? bad : cell;
    put(w, cells);
  });
}

/** Each unit's errors: which form and row, which cell, what is wrong. */
function writeErrors(w: CheckWriter, c: Consolidation): void {
  section(w, "Lỗi của từng đơn vị (ô nào, sai thế nào)");
  put(
    w,
    ["STT", "Tệp", "Đơn vị", "Biểu / dòng", "Ô", "", "", "Nội dung"].map((h, i) => ({ col: i + 1, value: h, style: w.head })),
  );
  const { cell, num } = w;
  let k = 0;
  for (const u of c.units) {
    for (const f of u.errorFindings) {
      put(w, [
        { col: 1, value: ++k, style: num },
        { col: 2, value: u.file, style: cell },
        { col: 3, value: u.unit, style: cell },
        { col: 4, value: f.form ? `Biểu ${f.form}${f.code ? ` / ${f.code}` : ""}` : "", style: cell },
        { col: 5, value: f.cell, style: cell },
        { col: 8, value: f.message, style: cell },
      ]);
    }
  }
  if (k === 0) put(w, [{ col: 2, value: "Không có lỗi.", style: cell }]);
}

/** Units missing from the files, and units the roster does not know (with a near spelling, if any). */
function writeRoster(w: CheckWriter, c: Consolidation): void {
  const { cell, num, bad } = w;
  section(w, `Đơn vị chưa nộp (theo danh sách): ${c.missing.length}`);
  c.missing.forEach((m, i) =>
    put(w, [
      { col: 1, value: i + 1, style: num },
      { col: 2, value: m, style: bad },
    ]),
  );
  if (!c.unexpected.length) return;
  section(w, `Đơn vị không có trong danh sách: ${c.unexpected.length}`);
  c.unexpected.forEach((m, i) => {
    const like = c.suggestions
      .filter((s) => s.where === "roster" && s.unit === m)
      .map((s) => `có phải "${s.like}"? (chỉ khác dấu, không tự gộp)`);
    put(w, [
      { col: 1, value: i + 1, style: num },
      { col: 2, value: m, style: cell },
      { col: 8, value: like.join("; "), style: cell },
    ]);
  });
}

/** Files skipped, and units sent more than once (which file counts). */
function writeSkippedAndDuplicates(w: CheckWriter, c: Consolidation): void {
  const { cell, num, bad } = w;
  section(w, `Tệp bỏ qua: ${c.skipped.length}`);
  c.skipped.forEach((s, i) =>
    put(w, [
      { col: 1, value: i + 1, style: num },
      { col: 2, value: s.file, style: cell },
      { col: 8, value: s.reason, style: bad },
    ]),
  );
  section(w, `Đơn vị gửi trùng: ${c.duplicates.length}`);
  c.duplicates.forEach((d, i) =>
    put(w, [
      { col: 1, value: i + 1, style: num },
      { col: 2, value: d.files.join("; "), style: cell },
      { col: 3, value: d.unit, style: cell },
      { col: 4, value: d.by === "name" ? "trùng tên" : "trùng nội dung", style: cell },
      {
        col: 8,
        value: d.tie ? "Sửa cùng thời điểm, số liệu khác nhau: chưa cộng tệp nào, cần cán bộ chọn" : `Chỉ cộng tệp ${d.kept}`,
        style: d.tie ? bad : cell,
      },
    ]),
  );
}

export function writeCheckSheet(writer: XlsxWriter, styles: Styles, c: Consolidation): void {
  const w = checkWriter(writer, styles);
  writeUnits(w, c);
  writeErrors(w, c);
  writeRoster(w, c);
  writeSkippedAndDuplicates(w, c);
  w.sheet.end();
}
