/** A plain table as a one-sheet .xlsx (the browser's "Xuất ra trang tính": there is no open workbook to add a sheet to). */
import { XlsxWriter } from "../xlsx/fast-writer";

/** A one-sheet .xlsx holding a plain table (header in bold, frozen). */
export function tableWorkbookBytes(sheetName: string, header: string[], rows: (string | number | null)[][]): Uint8Array {
  const writer = new XlsxWriter({ creator: "Biểu mẫu CCHC", title: sheetName });
  const head = writer.style({ bold: true, border: true, wrap: true, vAlign: "middle", fill: "DDEBF7" });
  const body = writer.style({ border: true, wrap: true, vAlign: "top" });
  const widths = header.map((h, i) =>
    Math.min(60, Math.max(10, h.length + 2, ...rows.slice(0, 200).map((r) => String(r[i] ?? "").length * 0.9))),
  );
  const sheet = writer.addSheet(sheetName.slice(0, 31), {
    columns: widths.map((width) => ({ width })),
    freeze: { rows: 1 },
    print: { landscape: true, fitToWidth: true },
  });
  sheet.row(
    1,
    header.map((h, i) => ({ col: i + 1, value: h, style: head })),
  );
  rows.forEach((r, idx) =>
    sheet.row(
      idx + 2,
      // Text is written as text (a message starting with "=" never becomes a formula).
      r.map((v, i) => ({ col: i + 1, value: v === null ? undefined : v, style: body })),
    ),
  );
  sheet.end();
  return writer.finish();
}
