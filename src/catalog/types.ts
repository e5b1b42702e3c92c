/**
 * The catalog: report templates as data. One template = one set of forms
 * (Biểu mẫu) for one reporting level. Insert, validate, fill and consolidate
 * all read these structures; nothing about a form is hard-coded elsewhere.
 *
 * Row references inside a form use the row's `code` as printed in the
 * template ("2.1", "6.3.2"), which is what officers read and write.
 */

export type RowKind =
  /** Groups the rows under it; normally carries no value. */
  | "heading"
  /** Whole number ≥ 0 (documents, tasks, procedures, people …). */
  | "count"
  /** A percentage 0–100 with no parts on the form. */
  | "percent"
  /** A percentage computed as numerator / denominator × 100 from two rows of the form. */
  | "ratio"
  /** An amount of money in the row's unit (Đồng, Triệu đồng, Tỷ đồng). */
  | "money"
  /** A coded answer: one of `options` (Có = 1; Không = 0 …). */
  | "coded"
  /** Free text. */
  | "text";

/** How a row is combined across units when the province consolidates (DOMAIN.md §6). */
export type Aggregation =
  /** Sum over the units that reported; nobody reported → blank. */
  | "sum"
  /** Recompute from the summed numerator and denominator (ratio rows only). */
  | "pooled"
  /** Count how many units gave each answer; list the Không/Chưa units. */
  | "answers"
  /** The same value for every unit (e.g. a list every commune shares): not summed. */
  | "same"
  /** Cannot be combined mechanically: listed per unit, marked for the officer. */
  | "manual"
  /** Nothing to combine (headings). */
  | "none";

export interface CodedOption {
  value: number;
  label: string;
}

export type Severity = "error" | "warning" | "info";

/**
 * A check between rows, declared on the row that is the "whole" / left side.
 * - `le`: sum(parts) ≤ this row  (done ≤ planned, online ≤ received …)
 * - `eq`: sum(parts) = this row, for identities that are checked but whose
 *   row stays an input (Biểu 7: 6.3.1 = 6.1.2 + 6.2.2).
 */
export interface RowCheck {
  rule: "le" | "eq";
  parts: string[];
  /** Default: "error" for eq, "error" for le; "warning" for merely implausible values. */
  severity?: Severity;
  /** Why this check exists, when it is a judgement. */
  note?: string;
}

export interface RatioSpec {
  numerator: string;
  denominator: string;
}

/**
 * Several quantities written in one cell, as some forms print their unit:
 * "... hồ sơ = ...%" (parts ["Hồ sơ", "%"]), "Cuộc/người tham gia" (["Cuộc",
 * "Người tham gia"]), "Cuộc/cuộc = .....%" (["Cuộc", "Cuộc", "%"]). A part
 * named "%" is a percent (0–100), any other part a count (whole ≥ 0). The
 * cell "120 hồ sơ = 95,5%" or "3/45" is read into its parts in order
 * (src/core/compound.ts); the row's own value is the "%" part in percent rows,
 * the first count otherwise, so rules and consolidation work on it as usual.
 * - two counts and a percent ("a/b = c%"): a ≤ b and c = a / b × 100 are checked;
 * - a count and a percent ("N hồ sơ = X%"): X cannot be checked without its base;
 * - two counts with `partOfWhole` ("a/b"): a ≤ b is checked.
 */
export interface CompoundSpec {
  /** Names of the parts in the order they are written, e.g. ["Hồ sơ", "%"]. */
  parts: string[];
  /** Two counts "a/b" where a is part of b (units using the mailbox / all units): a ≤ b. */
  partOfWhole?: boolean;
  /** Severity of a ≤ b failing (default "error"). */
  severity?: Severity;
}

export interface RowSpec {
  /** Stable identifier, unique in the template: "b{form}.{code}" or "b{form}.{slug}" for uncoded rows. */
  id: string;
  /** STT as printed in the template, without trailing dot; "" for uncoded rows. */
  code: string;
  /**
   * The STT printed on the form when it differs from `code`, because codes must
   * be unique in a form and the form numbers two sections alike (Phụ lục II of
   * the Sơn La inspection plan numbers both section I and section II 1–6: the
   * rows of section I have codes "I.1" … "I.6" and stt "1" … "6"). Written in
   * the template and matched when reading a file; rules still use `code`.
   */
  stt?: string;
  /** Chỉ tiêu thống kê, as in the source appendix. */
  label: string;
  /** Đơn vị tính as printed ("" when none). For coded rows, the printed code list. */
  unit: string;
  kind: RowKind;
  /** Coded rows: the allowed answers. */
  options?: CodedOption[];
  /** Ratio rows: which rows make the rate. */
  ratio?: RatioSpec;
  /** Computed total: this row = sum of these rows (written as a formula). */
  sum?: string[];
  /** Further checks with this row as the whole / left side. */
  checks?: RowCheck[];
  /**
   * Count rows whose unit lists several sub-units ("- Tin - Bài - Video - Khác"):
   * the sub-units' names. The row's value is the total; a unit that gives the
   * breakdown writes it in Ghi chú ("Tin: 3; Bài: 2; Video: 0; Khác: 1") and
   * validation checks that it adds up to the value (src/core/subunits.ts).
   */
  subUnits?: string[];
  /** Several quantities in one cell ("... hồ sơ = ...%", "Cuộc/người tham gia"). */
  compound?: CompoundSpec;
  aggregate: Aggregation;
  /** Why a choice about this row was made where the source is unclear. */
  note?: string;
}

/** A column of a list form (after its STT column). */
export interface ListColumn {
  /** Stable identifier, unique in the form: "ten-nhiem-vu". */
  key: string;
  /** Header as printed: "Tên nhiệm vụ". */
  title: string;
  /**
   * text: anything; date: a real date (dd/mm/yyyy, d/m/yyyy, dd.mm.yyyy, or an
   * Excel date) — the first date column is the deadline the status is checked
   * against; status: "Đúng hạn" / "Quá hạn", checked against that deadline and
   * the document's date ("ngày dd/mm/yyyy" in a text column).
   */
  type: "text" | "date" | "status";
}

/** A numbered group of a list form ("I. CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH"). */
export interface ListSection {
  /** As printed: "I", "II" … */
  code: string;
  title: string;
}

export interface FormSpec {
  /** Biểu mẫu number (1–7 for the BNV forms); for appendices, the Phụ lục number. */
  number: number;
  title: string;
  /**
   * "table" (default): statistics, one row per indicator (`rows`).
   * "list": a list officers extend with their own rows (`columns`, `sections`);
   * its `rows` is empty.
   */
  kind?: "table" | "list";
  /** What the document calls the form when it is not "Biểu mẫu N": "Phụ lục II". */
  caption?: string;
  rows: RowSpec[];
  /**
   * Tables: the value columns, as printed ("Năm 2023", "Năm 2024"); default one
   * column "Số liệu". Every column is checked with the row's rules.
   */
  valueColumns?: string[];
  /**
   * Tables with several value columns: a value that changes between two
   * neighbouring columns by more than this factor (×3 or ÷3 for 3) is a warning.
   */
  yearChangeFactor?: number;
  /** Lists: the columns after STT. */
  columns?: ListColumn[];
  /** Lists: the numbered groups, in order. */
  sections?: ListSection[];
  /** Why choices about the form were made. */
  note?: string;
}

/**
 * Rows of another template (the province's form) that this template's
 * consolidation fills: `from` and `to` are "form/code" ("3/3.3.1").
 */
export interface TemplateMapping {
  into: string;
  rows: { from: string; to: string; note?: string }[];
  note?: string;
}

export interface TemplateSpec {
  /** Short identifier used on the command line: "bnv581-tinh". */
  id: string;
  name: string;
  /** Reporting level: tinh, xa, huyen, so … */
  level: string;
  /** Where the forms are written down (document, appendix); a province's own template may leave it out. */
  source?: string;
  forms: FormSpec[];
  /** Consolidations of this template can fill these templates' rows. */
  mappings?: TemplateMapping[];
  /** Why choices about the template were made. */
  note?: string;
}
