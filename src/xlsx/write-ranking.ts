/**
 * The province at a glance: units ranked by the main rates (on-time
 * settlement, online dossiers, plan completion …). The same ranking feeds the
 * task pane's SVG chart and the consolidation workbook's "Xếp hạng" sheet,
 * which carries a native Excel chart per rate (DrawingML written here:
 * exceljs cannot write charts) and the detail sheets' colour scales and data
 * bars, visible in Excel and LibreOffice without the add-in.
 */
import { rowKey } from "../catalog";
import type { Consolidation, ConsolidatedRow, UnitStatus } from "../core/consolidate";
import { percentOf } from "../core/rules/rate";
import { foldText } from "../core/text";
import { quoteSheetName, type XCell, type XChart, type XlsxWriter, type XSheetWriter } from "./fast-writer";
import { escapeXmlAttr } from "./ooxml/xml-text";
import type { Styles } from "./plan-writer";

export const RANKING_SHEET = "Xếp hạng";

/** A rate the units can be ranked by: a pooled ratio row someone reported. */
export interface RateChoice {
  /** "3/3.3" */
  key: string;
  form: number;
  code: string;
  label: string;
  /** The province's pooled value (numerators summed / denominators summed × 100). */
  pooled: number | null;
  reporting: number;
}

export interface RankedUnit {
  unit: string;
  file: string;
  value: number;
  errors: number;
  status: UnitStatus;
}

export interface Ranking {
  rate: RateChoice;
  /** Highest first. */
  ranked: RankedUnit[];
  /** Included units without a value for this rate. */
  unreported: string[];
}

/** Officers look first at these (folded label words, in order of importance). */
const MAIN_WORDS = [["dung han"], ["truc tuyen", "ho so"], ["ke hoach"], ["truc tuyen"]];

function importance(label: string): number {
  const f = foldText(label);
  const i = MAIN_WORDS.findIndex((words) => words.every((w) => f.includes(w)));
  return i < 0 ? MAIN_WORDS.length : i;
}

/** Pooled ratio rows with at least one unit reporting, the main rates first. */
export function rateChoices(c: Consolidation): RateChoice[] {
  const out: (RateChoice & { rank: number; order: number })[] = [];
  for (const f of c.forms) {
    for (const row of f.rows) {
      if (row.method !== "pooled" || !row.spec.ratio) continue;
      const reporting = reportingUnits(c, row);
      if (reporting === 0) continue;
      out.push({
        key: `${f.form.number}/${rowKey(row.spec)}`,
        form: f.form.number,
        code: row.code,
        label: row.label,
        pooled: row.value,
        reporting,
        rank: importance(row.label),
        order: out.length,
      });
    }
  }
  return out.sort((a, b) => a.rank - b.rank || a.order - b.order).map(({ rank: _r, order: _o, ...choice }) => choice);
}

/** The units' numerators and denominators of a ratio row (its parts' columns). */
function ratioParts(c: Consolidation, row: ConsolidatedRow): { nu?: (number | null)[]; du?: (number | null)[] } {
  const form = c.forms.find((f) => f.form.number === row.form);
  const ratio = row.spec.ratio!;
  const parts = (code: string) => form?.rows.find((r) => rowKey(r.spec) === code)?.perUnit;
  return { nu: parts(ratio.numerator), du: parts(ratio.denominator) };
}

/**
 * `unitRates(c, row).filter((v) => v !== null).length` without making the rates, in one loop (no
 * callback per unit: rateChoices runs once, cold, over every pooled row × 3,321 units). A hole in
 * the row's column is not counted, as map leaves it a hole and filter skips it.
 */
export function reportingUnits(c: Consolidation, row: ConsolidatedRow): number {
  const { nu, du } = ratioParts(c, row);
  const typed = row.perUnit;
  let count = 0;
  for (let i = 0; i < typed.length; i++) {
    if (typed[i] === undefined && !(i in typed)) continue;
    if (rateAt(nu, du, typed[i], i) !== null) count++;
  }
  return count;
}

/** Each included unit's rate (`rateAt`). */
export function unitRates(c: Consolidation, row: ConsolidatedRow): (number | null)[] {
  const { nu, du } = ratioParts(c, row);
  return row.perUnit.map((typed, i) => rateAt(nu, du, typed, i));
}

type Column = (number | null)[] | undefined;

/** Unit i's rate: its numerator / denominator when both are there, else the rate it typed. */
function rateAt(nu: Column, du: Column, typed: number | null, i: number): number | null {
  const n = nu?.[i];
  const d = du?.[i];
  return typeof n === "number" && typeof d === "number" && d > 0 ? percentOf(n, d) : typed;
}

/**
 * Names in Vietnamese order: what `a.localeCompare(b, "vi")` answers (ECMA-402 defines it as this
 * collator's compare), without finding the locale's collator again for each of the thousands of ties.
 */
const VI_ORDER = new Intl.Collator("vi");

/**
 * Each name's place in VI_ORDER (names the collator finds equal share one): ranking ties then compare
 * as integers with the signs the collator gives, so the (stable) sort orders them as it does, with one
 * sort of the names for all the rates instead of thousands of collator calls per rate.
 */
export function nameOrder(names: string[]): Map<string, number> {
  const sorted = [...new Set(names)].sort(VI_ORDER.compare);
  const order = new Map<string, number>();
  sorted.forEach((name, i) => order.set(name, i > 0 && VI_ORDER.compare(sorted[i - 1], name) === 0 ? order.get(sorted[i - 1])! : i));
  return order;
}

/**
 * Units ranked by one rate, highest first (ties by name); units without a value listed apart.
 * `order`: nameOrder of (at least) the included units' names, when several rates are ranked.
 */
export function rankUnits(c: Consolidation, rate: RateChoice, order?: Map<string, number>): Ranking {
  const form = c.forms.find((f) => f.form.number === rate.form)!;
  const row = form.rows.find((r) => `${rate.form}/${rowKey(r.spec)}` === rate.key)!;
  const values = unitRates(c, row);
  const ranked: RankedUnit[] = [];
  const unreported: string[] = [];
  c.included.forEach((u, i) => {
    const v = values[i];
    if (v === null || v === undefined || !Number.isFinite(v)) unreported.push(u.unit);
    else ranked.push({ unit: u.unit, file: u.file, value: v, errors: u.errors, status: u.status });
  });
  if (order) ranked.sort((a, b) => b.value - a.value || order.get(a.unit)! - order.get(b.unit)!);
  else ranked.sort((a, b) => b.value - a.value || VI_ORDER.compare(a.unit, b.unit));
  return { rate, ranked, unreported };
}

// ---------------------------------------------------------------------------
// The "Xếp hạng" sheet
// ---------------------------------------------------------------------------

/** At most this many rates get a block (and a chart) on the sheet. */
const MAX_RATES = 3;
/** Above this many units the chart shows the lowest ones only (the table keeps all). */
const CHART_MAX_UNITS = 40;
const CHART_ROWS = 18;
const COLUMNS = [{ width: 7 }, { width: 34 }, { width: 11 }, { width: 11 }, { width: 32 }];

/** Text inside the chart's XML (quotes escaped too, as before). */
const xmlText = (s: string) => escapeXmlAttr(s.normalize("NFC"));
/** `v.toLocaleString("vi-VN", { maximumFractionDigits: 2 })` (ECMA-402 defines it by this format): made at its first use only. */
let rateFormat: Intl.NumberFormat | undefined;
const rateText = (v: number | null) =>
  v === null ? "" : (viTwoDecimals(v) ?? (rateFormat ??= new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 })).format(v));

/**
 * What `new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 }).format(v)` gives, for 0 ≤ v < 10^15
 * that String writes without an exponent (the rates ranked); undefined for anything else. Making that
 * format at start-up cost ≈5 ms (ICU's vi-VN number data) for the three rates the ranking sheet
 * names. ICU rounds the shortest decimal that reads back as v (as String writes it), half away from
 * zero: 1.005 → "1,01"; groups of three digits with ".", then "," and the fraction without trailing zeros.
 */
export function viTwoDecimals(v: number): string | undefined {
  if (!(v >= 0 && v < 1e15) || Object.is(v, -0)) return undefined;
  const s = String(v);
  if (s.indexOf("e") >= 0) return undefined;
  const dot = s.indexOf(".");
  let int = dot < 0 ? s : s.slice(0, dot);
  let frac = dot < 0 ? "" : s.slice(dot + 1);
  if (frac.length > 2) {
    const up = frac.charCodeAt(2) >= 53; /* "5" */
    frac = frac.slice(0, 2);
    if (up) {
      const digits = roundUp(int + frac);
      int = digits.slice(0, -2);
      frac = digits.slice(-2);
    }
  }
  while (frac.length > 0 && frac.charCodeAt(frac.length - 1) === 48 /* "0" */) frac = frac.slice(0, -1);
  let grouped = int;
  for (let i = int.length - 3; i > 0; i -= 3) grouped = grouped.slice(0, i) + "." + grouped.slice(i);
  return frac ? `${grouped},${frac}` : grouped;
}

/** A string of decimal digits plus one in its last place ("199" → "200", "99" → "100"). */
function roundUp(digits: string): string {
  let i = digits.length - 1;
  while (i >= 0 && digits.charCodeAt(i) === 57 /* "9" */) i--;
  const tail = "0".repeat(digits.length - 1 - i);
  return i < 0 ? "1" + tail : digits.slice(0, i) + String.fromCharCode(digits.charCodeAt(i) + 1) + tail;
}

type RankingStyles = Record<"title" | "note" | "section" | "head" | "num" | "text" | "rate" | "bad" | "pooled", number>;

function rankingStyles(styles: Styles): RankingStyles {
  return {
    title: styles.get({ size: 14, bold: true }),
    note: styles.get({ size: 10, italic: true, wrap: true, vAlign: "top" }),
    section: styles.get({ size: 12, bold: true, wrap: true, vAlign: "middle" }),
    head: styles.get({ bold: true, border: true, wrap: true, fill: "DDEBF7", hAlign: "center", vAlign: "middle" }),
    num: styles.get({ border: true, hAlign: "center" }),
    text: styles.get({ border: true, wrap: true, vAlign: "top" }),
    rate: styles.get({ border: true, numFmt: "0.00", hAlign: "right" }),
    bad: styles.get({ border: true, wrap: true, vAlign: "top", color: "C00000", bold: true }),
    pooled: styles.get({ border: true, numFmt: "0.00", hAlign: "right", bold: true, fill: "FFF2CC" }),
  };
}

/**
 * Where a rate's block goes: the sheet's charts are options of the sheet, so every block's rows are
 * placed (and its chart made) before any row is written; the rows are then written straight from
 * the ranking (no row objects for 3 × 3,321 units). `r` is the next free row.
 */
interface RankingLayout {
  blocks: { ranking: Ranking; title: number; head: number; first: number }[];
  charts: XChart[];
  merges: [number, number, number, number][];
  r: number;
}

/** One rate's block: its title, room for its chart, the ranked table, the pooled value, who did not report it. */
function placeRanking(k: Ranking, out: RankingLayout): void {
  out.r++;
  const title = out.r;
  out.merges.push([out.r, 1, out.r, 5]);
  out.r++;
  const chartTop = out.r;
  out.r += CHART_ROWS;
  const head = out.r++;
  const first = out.r;
  out.r += k.ranked.length;
  const last = out.r - 1;
  out.r++; // the pooled value
  if (k.unreported.length) out.r++;
  out.blocks.push({ ranking: k, title, head, first });
  if (k.ranked.length > 0) {
    const from = k.ranked.length > CHART_MAX_UNITS ? last - CHART_MAX_UNITS + 1 : first;
    out.charts.push({
      xml: rankingChartXml(k, { first: from, last, firstDataRow: first }),
      from: { col: 0, row: chartTop - 1 },
      to: { col: 5, row: chartTop - 1 + CHART_ROWS },
      name: `Xếp hạng ${k.rate.code}`,
    });
  }
}

/** A placed block's rows; the unit rows from one reused array of cells. */
function writeRanking(sheet: XSheetWriter, block: RankingLayout["blocks"][number], st: RankingStyles): void {
  const k = block.ranking;
  sheet.row(block.title, [{ col: 1, value: `Biểu ${k.rate.form} · ${k.rate.code}: ${k.rate.label}`, style: st.section }], { height: 34 });
  sheet.row(
    block.head,
    ["Hạng", "Đơn vị", "Tỷ lệ (%)", "Toàn tỉnh (%)", "Ghi chú"].map((h, i) => ({ col: i + 1, value: h, style: st.head })),
    { height: 32 },
  );
  const cells: XCell[] = [
    { col: 1, value: null, style: st.num },
    { col: 2, value: null, style: st.text },
    { col: 3, value: null, style: st.rate },
    { col: 4, value: k.rate.pooled, style: st.rate },
    { col: 5, value: null, style: st.text },
  ];
  let r = block.first;
  k.ranked.forEach((u, i) => {
    const flagged = u.status === "errors" || u.errors > 0;
    cells[0].value = i + 1;
    cells[1].value = u.unit;
    cells[2].value = u.value;
    cells[4].value = flagged ? `Có lỗi (${u.errors} lỗi) — xem Kiểm tra` : "";
    cells[4].style = flagged ? st.bad : st.text;
    sheet.row(r++, cells);
  });
  sheet.row(r++, [
    { col: 2, value: "Toàn tỉnh (tỷ lệ gộp)", style: st.head },
    { col: 3, value: k.rate.pooled, style: st.pooled },
  ]);
  if (k.unreported.length) {
    sheet.row(
      r++,
      [{ col: 2, value: `Không báo cáo tỷ lệ này: ${k.unreported.length} đơn vị (xem trang Chi tiết ${k.rate.form})`, style: st.note }],
      { height: 30 },
    );
  }
}

/** Writes the ranking sheet (nothing when no rate was reported). */
export function writeRankingSheet(writer: XlsxWriter, styles: Styles, c: Consolidation): void {
  const order = nameOrder(c.included.map((u) => u.unit));
  const rankings = rateChoices(c)
    .slice(0, MAX_RATES)
    .map((r) => rankUnits(c, r, order));
  if (rankings.length === 0) return;
  const st = rankingStyles(styles);
  const out: RankingLayout = { blocks: [], charts: [], merges: [[2, 1, 2, 5]], r: 3 };
  for (const k of rankings) placeRanking(k, out);

  const sheet = writer.addSheet(RANKING_SHEET, { columns: COLUMNS, print: { fitToWidth: true }, charts: out.charts });
  sheet.row(1, [{ col: 1, value: `Xếp hạng các đơn vị theo tỷ lệ chính — ${c.included.length} đơn vị`, style: st.title }], { height: 22 });
  sheet.row(
    2,
    [
      {
        col: 1,
        value:
          "Tỷ lệ của mỗi đơn vị = tử số / mẫu số đơn vị đó báo cáo × 100; cột “Toàn tỉnh” là tỷ lệ gộp (tổng tử số / tổng mẫu số), là đường ngang trên biểu đồ. Cột màu đỏ: đơn vị có lỗi (xem trang Kiểm tra).",
        style: st.note,
      },
    ],
    { height: 44 },
  );
  for (const block of out.blocks) writeRanking(sheet, block, st);
  for (const [t, l, b, rr] of out.merges) sheet.merge(t, l, b, rr);
  sheet.end();
}

/** A column chart of one ranking (units sorted, errors in red) with the province's pooled value as a line. */
function rankingChartXml(k: Ranking, at: { first: number; last: number; firstDataRow: number }): string {
  const sheet = quoteSheetName(RANKING_SHEET);
  const units = k.ranked.slice(at.first - at.firstDataRow);
  const n = units.length;
  const ref = (col: string) => `${sheet}!$${col}$${at.first}:$${col}$${at.last}`;
  const strCache = `<c:strCache><c:ptCount val="${n}"/>${units.map((u, i) => `<c:pt idx="${i}"><c:v>${xmlText(u.unit)}</c:v></c:pt>`).join("")}</c:strCache>`;
  const numCache = (vals: (number | null)[]) =>
    `<c:numCache><c:formatCode>0.00</c:formatCode><c:ptCount val="${n}"/>${vals.map((v, i) => (v === null ? "" : `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`)).join("")}</c:numCache>`;
  const cat = `<c:cat><c:strRef><c:f>${xmlText(ref("B"))}</c:f>${strCache}</c:strRef></c:cat>`;
  const fill = (rgb: string) => `<c:spPr><a:solidFill><a:srgbClr val="${rgb}"/></a:solidFill></c:spPr>`;
  const red = units
    .map((u, i) =>
      u.status === "errors" || u.errors > 0
        ? `<c:dPt><c:idx val="${i}"/><c:invertIfNegative val="0"/><c:bubble3D val="0"/>${fill("C00000")}</c:dPt>`
        : "",
    )
    .join("");
  const max = Math.max(100, ...units.map((u) => u.value));
  const title = `${k.rate.code}. ${k.rate.label}${k.ranked.length > n ? ` — ${n} đơn vị thấp nhất` : ""}`;
  return (
    '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    '<c:roundedCorners val="0"/><c:chart>' +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:pPr><a:defRPr sz="1100" b="1"/></a:pPr><a:r><a:rPr lang="vi-VN" sz="1100" b="1"/><a:t>${xmlText(title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    '<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>' +
    '<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>' +
    `<c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:v>Tỷ lệ của đơn vị (%)</c:v></c:tx>${fill("4472C4")}<c:invertIfNegative val="0"/>${red}${cat}` +
    `<c:val><c:numRef><c:f>${xmlText(ref("C"))}</c:f>${numCache(units.map((u) => u.value))}</c:numRef></c:val></c:ser>` +
    '<c:gapWidth val="40"/><c:axId val="50010"/><c:axId val="50020"/></c:barChart>' +
    '<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>' +
    `<c:ser><c:idx val="1"/><c:order val="1"/><c:tx><c:v>Toàn tỉnh (gộp) ${xmlText(rateText(k.rate.pooled))}%</c:v></c:tx>` +
    '<c:spPr><a:ln w="28575"><a:solidFill><a:srgbClr val="ED7D31"/></a:solidFill><a:prstDash val="dash"/></a:ln></c:spPr><c:marker><c:symbol val="none"/></c:marker>' +
    `${cat}<c:val><c:numRef><c:f>${xmlText(ref("D"))}</c:f>${numCache(units.map(() => k.rate.pooled))}</c:numRef></c:val><c:smooth val="0"/></c:ser>` +
    '<c:marker val="1"/><c:axId val="50010"/><c:axId val="50020"/></c:lineChart>' +
    '<c:catAx><c:axId val="50010"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="0"/>' +
    '<c:tickLblPos val="low"/><c:txPr><a:bodyPr rot="-2700000"/><a:p><a:pPr><a:defRPr sz="800"/></a:pPr><a:endParaRPr lang="vi-VN"/></a:p></c:txPr><c:crossAx val="50020"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>' +
    `<c:valAx><c:axId val="50020"/><c:scaling><c:orientation val="minMax"/><c:max val="${Math.ceil(max)}"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/>` +
    '<c:numFmt formatCode="0" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="50010"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>' +
    '</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>'
  );
}

// ---------------------------------------------------------------------------
// Detail sheets: colour scales on rates, data bars on counts
// ---------------------------------------------------------------------------

/**
 * <conditionalFormatting> for a detail sheet: each rate row's unit cells on a
 * red–yellow–green scale, each count row's unit cells with data bars.
 */
export function detailConditionalFormats(rows: ConsolidatedRow[], rowOf: Map<string, number>, firstCol: string, lastCol: string): string[] {
  const out: string[] = [];
  if (lastCol.length < firstCol.length || (lastCol.length === firstCol.length && lastCol < firstCol)) return out; // no unit column
  let priority = 1;
  for (const row of rows) {
    if (row.spec.kind === "heading") continue;
    const r = rowOf.get(rowKey(row.spec));
    if (r === undefined) continue;
    const sqref = `${firstCol}${r}:${lastCol}${r}`;
    if (row.method === "pooled") {
      out.push(
        `<conditionalFormatting sqref="${sqref}"><cfRule type="colorScale" priority="${priority++}"><colorScale>` +
          '<cfvo type="min"/><cfvo type="percentile" val="50"/><cfvo type="max"/>' +
          '<color rgb="FFF8696B"/><color rgb="FFFFEB84"/><color rgb="FF63BE7B"/></colorScale></cfRule></conditionalFormatting>',
      );
    } else if (row.method === "sum") {
      out.push(
        `<conditionalFormatting sqref="${sqref}"><cfRule type="dataBar" priority="${priority++}"><dataBar>` +
          '<cfvo type="min"/><cfvo type="max"/><color rgb="FF638EC6"/></dataBar></cfRule></conditionalFormatting>',
      );
    }
  }
  return out;
}
