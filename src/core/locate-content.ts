/**
 * Locating forms by content, as an officer would read them: the tables found
 * (locate-sections.ts), the template whose forms fit them best, each run of
 * rows given its form, and each written row paired with its template row.
 */
import { isListForm, valueColumnsOf } from "../catalog";
import type { FormSpec, TemplateSpec } from "../catalog/types";
import { columnLetters } from "./a1";
import { cellAt, type WorkbookGrid } from "./grid";
import { findListHeaders, type ListHeader, locateListAt } from "./locate-list";
import { findSections, headerTitle, readRows, type Section } from "./locate-sections";
import {
  duplicateIssue,
  type LocatedForm,
  type LocatedRow,
  type LocatedWorkbook,
  type LocateIssue,
  listForm,
  missingForms,
} from "./located";
import { formOfTitle, matchRows, type RowMatch, type WrittenRow } from "./match-rows";
import { foldText, labelKey } from "./text";

/** Located by content, before the per-file parts (the unit and period, formula results) are added. */
export type ContentLayout = Omit<LocatedWorkbook, "unit" | "period">;

/** What the layout cache needs besides the result: the tables found, and the table each located form was read from. */
export interface ContentLocate {
  located: ContentLayout;
  sections: Section[];
  sectionOf: Map<LocatedForm, Section>;
}

/** Locates forms by content; the caller adds the header (unit, period) and evaluates formulas. */
export function locateByContent(grid: WorkbookGrid, templates: TemplateSpec[]): ContentLocate {
  const sheets = grid.sheets.filter((s) => s.state === "visible" || grid.sheets.length === 1);
  // Lists (Phụ lục I) are found by their header; a table's section ends where a list begins.
  const listHeaders = templates.some((t) => t.forms.some(isListForm)) ? sheets.flatMap((sheet) => findListHeaders(sheet, templates)) : [];
  const sections = sheets.flatMap((sheet) =>
    findSections(
      sheet,
      listHeaders.filter((h) => h.sheet === sheet).map((h) => h.row),
    ),
  );
  const none = (sheet: string, message: string): ContentLocate => ({
    located: { template: undefined, forms: [], issues: [{ kind: "no-form", sheet, message }] },
    sections,
    sectionOf: new Map(),
  });
  if (sections.length === 0 && listHeaders.length === 0)
    return none(grid.sheets[0]?.name ?? "", "không tìm thấy bảng biểu mẫu nào (cần dòng tiêu đề có STT, Chỉ tiêu thống kê, Số liệu)");
  const written = sections.map((s) => ({ section: s, rows: readRows(s) }));
  const best = bestTemplate(templates, written, listHeaders);
  const lists = best ? locateLists(best.template, listHeaders) : { forms: [], issues: [] };
  if (!best || best.located.seen.size + lists.forms.length === 0)
    return none((sections[0]?.sheet ?? sheets[0]).name, "có bảng số liệu nhưng không khớp biểu mẫu nào của các mẫu đã biết");
  const forms = [...best.located.forms];
  const issues = [...best.located.issues];
  for (const list of lists.forms) {
    const existing = forms.find((f) => f.form.number === list.form.number);
    if (existing) issues.push(duplicateIssue(list.form.number, list.sheet, existing.sheet, list.list?.headerRow));
    else forms.push(list);
  }
  issues.push(...lists.issues);
  const found = new Set([...best.located.seen, ...forms.map((f) => f.form.number)]);
  return {
    located: {
      template: best.template,
      forms: forms.sort((a, b) => a.form.number - b.form.number),
      issues,
      missingForms: missingForms(best.template, found),
    },
    sections,
    sectionOf: best.located.sectionOf,
  };
}

type WrittenSections = { section: Section; rows: WrittenRow[] }[];

/** The template whose forms fit the sections best, matched fully. */
function bestTemplate(templates: TemplateSpec[], written: WrittenSections, listHeaders: ListHeader[]) {
  if (templates.length === 1) return { template: templates[0], located: matchSections(templates[0], written, false) };
  const key = voteKey(templates, written, listHeaders);
  let template = votes.get(templates)?.get(key);
  if (!template) {
    // Vote with the cheap pass (codes and labels that agree), then match the winner fully.
    let best: { template: TemplateSpec; score: number } | undefined;
    for (const candidate of templates) {
      const score = matchSections(candidate, written, true).score + listHeaders.filter((h) => h.template === candidate).length * 5;
      if (!best || score > best.score) best = { template: candidate, score };
    }
    if (!best) return undefined;
    template = best.template;
    rememberVote(templates, key, template);
  }
  return { template, located: matchSections(template, written, false) };
}

/**
 * Votes already taken, by candidate list and by everything the vote reads: each section's
 * form number and title row, its rows' codes, labels (by their prepared key: the same raw
 * text), units, title lines, whether a value is there in a row without a code (an empty text
 * counts as none; with a code the vote never reads it: segmentsOf and matchRows test the code
 * first, and a title line has no value), and which template's list headers were found. Units
 * copy one template, so after the first file of a layout the others skip the vote.
 * A change to what the vote reads must change `voteKey`.
 */
const votes = new WeakMap<TemplateSpec[], Map<string, TemplateSpec>>();
const VOTES_PER_CANDIDATE_LIST = 256;

function rememberVote(templates: TemplateSpec[], key: string, template: TemplateSpec): void {
  let known = votes.get(templates);
  if (!known) votes.set(templates, (known = new Map()));
  if (known.size >= VOTES_PER_CANDIDATE_LIST) known.clear();
  known.set(key, template);
}

function voteKey(templates: TemplateSpec[], written: WrittenSections, listHeaders: ListHeader[]): string {
  const parts: string[] = [templates.map((t) => t.id).join(","), listHeaders.map((h) => h.template.id).join(",")];
  for (const { section, rows } of written) {
    parts.push(`#${section.formNumber ?? ""}`, String(section.titleRow ?? ""));
    for (const w of rows) parts.push(w.code, String(labelKey(w.label).id), w.unit, w.code ? "" : valueState(w), w.title ?? "");
  }
  return parts.join("\u0001");
}

/** What the vote reads of a row's value: none, an empty text (no value for segmenting), or a value. */
function valueState(w: WrittenRow): string {
  if (!w.cell || w.cell.value === null) return "0";
  return w.cell.value === "" ? "e" : "1";
}

/** The lists of the chosen template among the list headers found (the first of each form counts). */
function locateLists(template: TemplateSpec, headers: ListHeader[]): { forms: LocatedForm[]; issues: LocateIssue[] } {
  const forms: LocatedForm[] = [];
  const issues: LocateIssue[] = [];
  for (const h of headers) {
    if (h.template !== template) continue;
    const existing = forms.find((f) => f.form.number === h.form.number);
    if (existing) {
      issues.push(duplicateIssue(h.form.number, h.sheet.name, existing.sheet, h.row));
      continue;
    }
    forms.push(listForm(h.form, h.sheet, "content", locateListAt(h.sheet, h.form, h.row, h.cols)));
  }
  return { forms, issues };
}

/* -------------------------------------------------------------- matching */

/** A run of rows of one section that belongs to one form: after a title line, or where codes start again at 1. */
interface Segment {
  section: Section;
  rows: WrittenRow[];
  /** The form named by a title (above the header or a title line in the table). */
  form?: FormSpec;
  /** The row of that title, for messages. */
  titleRow?: number;
}

/**
 * Splits a section's rows into the forms they hold: at each title line that names
 * a form of `template` ("Biểu mẫu 2", "CẢI CÁCH THỂ CHẾ") and, in a run without
 * a title, where the top-level code falls back ("6" then "1"). Untitled runs are
 * later given the form their rows fit best, and neighbouring runs of one form join.
 */
function segmentsOf(section: Section, rows: WrittenRow[], template: TemplateSpec): Segment[] {
  const first =
    section.formNumber !== undefined ? template.forms.find((f) => f.number === section.formNumber && !isListForm(f)) : undefined;
  const segments: Segment[] = [{ section, rows: [], form: first, titleRow: section.titleRow }];
  let lastTop = 0;
  for (const w of rows) {
    const titled = w.title !== undefined ? formOfTitle(w.title, template) : undefined;
    const topCode = /^\d+$/.test(w.normalized) ? Number(w.normalized) : undefined;
    if (titled && (topCode === undefined || topCode === titled.number) && !hasValue(w)) {
      segments.push({ section, rows: [], form: titled, titleRow: w.row });
      lastTop = 0;
      continue;
    }
    const top = /^\d+/.exec(w.normalized);
    if (top) {
      const n = Number(top[0]);
      if (n < lastTop && segments[segments.length - 1].rows.length > 0) segments.push({ section, rows: [] });
      lastTop = n;
    }
    if (w.code || w.label || hasValue(w)) segments[segments.length - 1].rows.push(w);
  }
  return segments.filter((s) => s.rows.length > 0);
}

function hasValue(w: WrittenRow): boolean {
  return w.cell !== undefined && w.cell.value !== null && w.cell.value !== "";
}

/** The form an untitled run's rows fit best (codes and labels), with its score; lists excluded. */
function bestForm(template: TemplateSpec, rows: WrittenRow[]): { form: FormSpec; score: number } | undefined {
  let best: { form: FormSpec; score: number } | undefined;
  for (const form of template.forms) {
    if (isListForm(form)) continue;
    const m = matchRows(form, rows, true);
    if (m.pairs.length > 0 && (!best || m.score > best.score)) best = { form, score: m.score };
  }
  return best;
}

/** Segments with their forms decided; consecutive runs of one form (a titled form and its untitled continuation) joined. */
function assignForms(template: TemplateSpec, segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const seg of segments) {
    const prev = out[out.length - 1];
    let form = seg.form;
    if (!form) {
      const best = bestForm(template, seg.rows);
      form = best?.form;
      // Codes that fall back inside a form (a typo, a sub-numbering) stay with it unless another form fits far better.
      if (best && prev?.form && prev.section === seg.section && best.form !== prev.form) {
        const stay = matchRows(prev.form, seg.rows, true).score;
        if (stay > 0 && stay >= best.score * 0.6) form = prev.form;
      }
    }
    if (prev && form && prev.form === form && (!seg.form || seg.titleRow === undefined) && prev.section === seg.section) {
      prev.rows.push(...seg.rows);
      continue;
    }
    out.push({ ...seg, form });
  }
  return out;
}

function matchSections(template: TemplateSpec, written: { section: Section; rows: WrittenRow[] }[], quick: boolean) {
  const forms: LocatedForm[] = [];
  const issues: LocateIssue[] = [];
  const seen = new Set<number>();
  const sectionOf = new Map<LocatedForm, Section>();
  let score = 0;
  for (const { section, rows } of written) {
    for (const seg of assignForms(template, segmentsOf(section, rows, template))) {
      const match = seg.form ? matchRows(seg.form, seg.rows, quick) : undefined;
      const where = seg.titleRow ?? seg.rows[0]?.row ?? section.headerRow;
      if (!seg.form || !match || match.pairs.length === 0) {
        score -= seg.rows.length * 0.5;
        if (quick) continue; // a vote reads only the score
        issues.push({
          kind: "unknown-section",
          sheet: section.sheet.name,
          row: where,
          message: `bảng ở dòng ${where} không khớp biểu mẫu nào của mẫu ${template.id}`,
        });
        continue;
      }
      score += match.score;
      const form = seg.form;
      if (quick) continue; // nothing below changes the score: the voted template is matched again in full
      const existing = forms.find((f) => f.form.number === form.number);
      if (existing || seen.has(form.number)) {
        issues.push(duplicateIssue(form.number, section.sheet.name, existing?.sheet ?? section.sheet.name, where));
        continue;
      }
      seen.add(form.number);
      const names = valueColumnsOf(form);
      if (names.length === 1 && section.cols.valueProblem) {
        issues.push(ambiguousColumnIssue(form, section, section.cols.valueProblem));
        continue;
      }
      const valueCols = valueColumnsIn(section, form);
      valueCols.forEach((c, i) => {
        if (c === 0) issues.push(missingColumnIssue(form, section, names[i]));
      });
      const located = locatedForm(form, section, match, valueCols);
      sectionOf.set(located, section);
      forms.push(located);
    }
  }
  return { forms: forms.sort((a, b) => a.form.number - b.form.number), issues, score, seen, sectionOf };
}

function locatedForm(form: FormSpec, section: Section, match: RowMatch, valueCols: number[]): LocatedForm {
  const firstCol = valueCols.find((c) => c > 0)!;
  const rows = new Map<string, LocatedRow>();
  for (const { spec, written: w } of match.pairs) {
    const row: LocatedRow = {
      spec,
      row: w.row,
      address: `${columnLetters(firstCol)}${w.row}`,
      cell: w.cell,
      writtenCode: w.code,
      writtenLabel: w.label,
      note: w.note,
    };
    if (valueCols.length > 1) {
      row.cells = valueCols.map((c) => (c > 0 ? cellAt(section.sheet, w.row, c) : undefined));
      row.addresses = valueCols.map((c) => (c > 0 ? `${columnLetters(c)}${w.row}` : ""));
      row.cell = row.cells[valueCols.indexOf(firstCol)];
    }
    rows.set(spec.id, row);
  }
  return {
    form,
    sheet: section.sheet.name,
    via: "content",
    valueCol: firstCol,
    rows,
    stray: match.stray.map((w) => ({
      row: w.row,
      address: `${columnLetters(firstCol)}${w.row}`,
      writtenCode: w.code,
      writtenLabel: w.label,
      cell: w.cell,
    })),
    missing: form.rows.filter((s) => !rows.has(s.id)),
    renumbered: match.renumbered,
    ...(valueCols.length > 1 ? { valueCols } : {}),
  };
}

function missingColumnIssue(form: FormSpec, section: Section, name: string): LocateIssue {
  return {
    kind: "missing-column",
    sheet: section.sheet.name,
    row: section.headerRow,
    form: form.number,
    message: `${form.caption ?? `Biểu mẫu ${form.number}`} (trang "${section.sheet.name}") không có cột "${name}"; các số của cột này coi như chưa báo cáo`,
  };
}

/** This period's column cannot be told from the header: an error naming the candidates, never a guess. */
function ambiguousColumnIssue(form: FormSpec, section: Section, problem: { candidates: number[]; reason: string }): LocateIssue {
  const names = problem.candidates.map((c) => {
    const title = headerTitle(section, c);
    return `${columnLetters(c)}${title ? ` ("${title}")` : ""}`;
  });
  return {
    kind: "ambiguous-column",
    sheet: section.sheet.name,
    row: section.headerRow,
    form: form.number,
    message: `${form.caption ?? `Biểu mẫu ${form.number}`} (trang "${section.sheet.name}"): không xác định được cột số liệu của kỳ này (${problem.reason}); các cột có thể là: ${names.join(", ")}. Không đọc số liệu của biểu này; hãy ghi rõ tiêu đề cột "Kỳ này" (hoặc xóa các cột của kỳ khác)`,
  };
}

/**
 * The sheet columns of a form's value columns: each named column ("Năm 2023")
 * where the header names it (folded text). When the header names none of them
 * ("Số liệu", two unnamed columns), they are taken in order from the first value
 * column; when it names some, the others are missing (0), never guessed.
 */
function valueColumnsIn(section: Section, form: FormSpec): number[] {
  const names = valueColumnsOf(form);
  if (names.length === 1) return [section.cols.value];
  const { code, label, unit, note, texts } = section.cols;
  const taken = new Set([code, label, unit, note].filter((c): c is number => c !== undefined));
  const found = names.map((name) => {
    const f = foldText(name);
    const named = (pred: (t: string) => boolean) => [...texts].find(([c, ts]) => !taken.has(c) && ts.some(pred))?.[0];
    const col = named((t) => t === f) ?? named((t) => t.includes(f) || (f.includes(t) && /\d/.test(t)));
    if (col !== undefined) taken.add(col);
    return col;
  });
  if (found.every((c) => c === undefined)) return names.map((_, i) => section.cols.value + i);
  return found.map((c) => c ?? 0);
}
