/**
 * Pairing the rows written in a file with a form's template rows, and telling
 * which form a run of rows is: by a title row ("Biểu mẫu 4: Cải cách bộ máy…",
 * "CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH CCHC") or, when there is none, by the rows' codes
 * and labels. Pure functions of their inputs (labels compared folded, through
 * the prepared keys of text.ts).
 */
import { isListForm, printedCode } from "../catalog";
import type { FormSpec, RowSpec, TemplateSpec } from "../catalog/types";
import type { Cell } from "./grid";
import { foldText, labelKey, type LabelKey, labelSimilarity } from "./text";

/** A row as written in the file (code normalised once). */
export interface WrittenRow {
  row: number;
  code: string;
  /** `code` normalised ("2.1." → "2.1"). */
  normalized: string;
  label: string;
  unit: string;
  cell: Cell | undefined;
  note?: string;
  /** The row's words when it holds no number: maybe a form's title line. */
  title?: string;
}

/** One template row found in the file. */
export interface RowPairing {
  spec: RowSpec;
  written: WrittenRow;
  sim: number;
  codeAgrees: boolean;
}

export interface RowMatch {
  pairs: RowPairing[];
  stray: WrittenRow[];
  /** Rows whose written code differs from the template row their label matched. */
  renumbered: { spec: RowSpec; writtenCode: string; row: number }[];
  score: number;
}

const CODE_BONUS = 0.3;
/** A label this close to a template row's names that row, whatever code is written. */
export const STRONG_LABEL = 0.82;
/** With the code agreeing, a label this close (or none) still names the row. */
const WEAK_LABEL_WITH_CODE = 0.45;
/** Code and label agreeing this well is certain: such rows anchor the rest. */
const CERTAIN = 0.9;
/** When code and label point to different rows, the code only breaks near-ties. */
const CODE_TIE = 0.12;

interface FormIndex {
  byCode: Map<string, RowSpec[]>;
  index: Map<string, number>;
  /** Label keys of the rows compared so far, by row id (made at a row's first comparison, see `keyOf`). */
  keys: Map<string, LabelKey>;
}

/**
 * A form's rows by printed code (codes may repeat across sections: rows with `stt`), order and label keys;
 * built once per form. The keys are made as rows are first compared: voting between templates compares only
 * the rows whose code is written, so the other templates' rows are mostly never prepared (the first file).
 */
const formIndexes = new WeakMap<FormSpec, FormIndex>();
function indexOf(form: FormSpec): FormIndex {
  let x = formIndexes.get(form);
  if (!x) {
    const byCode = new Map<string, RowSpec[]>();
    for (const r of form.rows) {
      for (const c of r.stt !== undefined ? [r.code, printedCode(r)] : [r.code]) {
        if (c === "") continue; // uncoded rows are matched by label
        const list = byCode.get(c);
        if (list) list.push(r);
        else byCode.set(c, [r]);
      }
    }
    x = { byCode, index: new Map(form.rows.map((r, i) => [r.id, i])), keys: new Map() };
    formIndexes.set(form, x);
  }
  return x;
}

/** A template row's label key, made at its first use. */
function keyOf(keys: Map<string, LabelKey>, spec: RowSpec): LabelKey {
  let key = keys.get(spec.id);
  if (key === undefined) keys.set(spec.id, (key = labelKey(spec.label)));
  return key;
}

function codeAgrees(w: WrittenRow, spec: RowSpec): boolean {
  return w.normalized === spec.code || (spec.stt !== undefined && w.normalized === spec.stt);
}

interface Candidate {
  w: WrittenRow;
  spec: RowSpec;
  sim: number;
  score: number;
  code: boolean;
  distance: number;
}

/**
 * Pairs written rows with template rows. A row whose code and label agree is
 * certain and anchors its neighbours. Every other row goes to the template row
 * that fits best: a strong label match wins over a disagreeing code (a deleted
 * row and the rows renumbered after it), the code breaks near-ties, and equal
 * labels ("Số nhiệm vụ đã hoàn thành" under two groups) go to the template row
 * nearest to where the anchors above say the written row should be.
 * `quick`: codes only (voting between templates), no label-only pass.
 */
export function matchRows(form: FormSpec, written: WrittenRow[], quick = false): RowMatch {
  const { byCode, index, keys } = indexOf(form);
  const used = new Set<string>();
  const assigned = new Map<WrittenRow, { spec: RowSpec; sim: number }>();
  const sims = new Map<WrittenRow, Map<string, number>>();
  const simOf = (w: WrittenRow, spec: RowSpec): number => {
    let m = sims.get(w);
    if (!m) sims.set(w, (m = new Map()));
    let s = m.get(spec.id);
    if (s === undefined) m.set(spec.id, (s = w.label ? labelSimilarity(labelKey(w.label), keyOf(keys, spec)) : WEAK_LABEL_WITH_CODE));
    return s;
  };
  // Phase 1: code and label agree (and no other row's label fits better: siblings "từ 70% - dưới 100%" / "từ 30% - dưới 70%").
  const bestElsewhere = (w: WrittenRow, than: RowSpec, sim: number): boolean =>
    !quick && sim < 1 && form.rows.some((r) => r !== than && simOf(w, r) > sim);
  for (const w of written) {
    let best: { spec: RowSpec; sim: number } | undefined;
    for (const spec of byCode.get(w.normalized) ?? []) {
      if (used.has(spec.id)) continue;
      const sim = simOf(w, spec);
      if ((sim >= CERTAIN || !w.label) && (!best || sim > best.sim)) best = { spec, sim };
    }
    if (best && w.label && bestElsewhere(w, best.spec, best.sim)) best = undefined;
    if (best) {
      assigned.set(w, best);
      used.add(best.spec.id);
    }
  }
  // Phase 2: the rest, best fit first.
  const candidates: Candidate[] = [];
  let anchor = { spec: -1, ordinal: -1 };
  written.forEach((w, ordinal) => {
    const a = assigned.get(w);
    if (a) {
      anchor = { spec: index.get(a.spec.id)!, ordinal };
      return;
    }
    const expected = anchor.spec + (ordinal - anchor.ordinal);
    const push = (spec: RowSpec, sim: number, code: boolean) =>
      candidates.push({ w, spec, sim, code, score: sim + (code ? CODE_TIE : 0), distance: Math.abs(index.get(spec.id)! - expected) });
    for (const spec of byCode.get(w.normalized) ?? []) {
      if (used.has(spec.id)) continue;
      const sim = simOf(w, spec);
      if (sim >= WEAK_LABEL_WITH_CODE) push(spec, sim, true);
    }
    if (quick || !w.label) return;
    for (const spec of form.rows) {
      if (used.has(spec.id) || (w.normalized !== "" && codeAgrees(w, spec))) continue;
      const sim = simOf(w, spec);
      if (sim >= STRONG_LABEL) push(spec, sim, false);
    }
  });
  candidates.sort((a, b) => b.score - a.score || a.distance - b.distance);
  for (const c of candidates) {
    if (assigned.has(c.w) || used.has(c.spec.id)) continue;
    assigned.set(c.w, { spec: c.spec, sim: c.sim });
    used.add(c.spec.id);
  }
  return collect(written, assigned);
}

function collect(written: WrittenRow[], assigned: Map<WrittenRow, { spec: RowSpec; sim: number }>): RowMatch {
  const pairs: RowPairing[] = [];
  const renumbered: RowMatch["renumbered"] = [];
  const stray: WrittenRow[] = [];
  let score = 0;
  for (const w of written) {
    const a = assigned.get(w);
    if (!a) {
      // Section headings without value that merely continue a label are not worth a finding.
      if (w.code || (w.cell && w.cell.value !== null)) stray.push(w);
      score -= 0.5;
      continue;
    }
    const agrees = codeAgrees(w, a.spec);
    score += a.sim + (agrees ? CODE_BONUS : 0);
    if (!agrees && w.code) renumbered.push({ spec: a.spec, writtenCode: w.code, row: w.row });
    pairs.push({ spec: a.spec, written: w, sim: a.sim, codeAgrees: agrees });
  }
  return { pairs, stray, renumbered, score };
}

/* ------------------------------------------------------------ form titles */

const TITLE_RE = /^bieu\s*(?:mau)?\s*(?:so)?\s*0*(\d{1,2})\b/;
/** How close a title line must be to a form's title (folded, letter pairs). */
const TITLE_MATCH = 0.75;

/** "Biểu mẫu 3", "BIỂU MẪU SỐ 03", "Biểu 3: Cải cách …" → 3. */
export function titleNumber(text: string): number | undefined {
  if (!text || text.length > 200 || !/^\s*b/i.test(text)) return undefined;
  const m = TITLE_RE.exec(foldText(text));
  return m ? Number(m[1]) : undefined;
}

const titleKeys = new WeakMap<TemplateSpec, { form: FormSpec; key: LabelKey }[]>();
function titlesOf(template: TemplateSpec): { form: FormSpec; key: LabelKey }[] {
  let t = titleKeys.get(template);
  if (!t) {
    t = template.forms.filter((f) => !isListForm(f) && f.title).map((form) => ({ form, key: labelKey(form.title) }));
    titleKeys.set(template, t);
  }
  return t;
}

/**
 * The form a title line names, or undefined: "Biểu mẫu 4: Cải cách bộ máy …"
 * by its number; "CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH CCHC", "I. CẢI CÁCH THỂ CHẾ" by
 * the form's title, folded and compared loosely (a province words it its own way).
 */
export function formOfTitle(text: string, template: TemplateSpec): FormSpec | undefined {
  let cache = titleCache.get(template);
  if (!cache) titleCache.set(template, (cache = new Map()));
  let form = cache.get(text);
  if (form === undefined) {
    form = titledForm(text, template) ?? null;
    if (cache.size >= 5000) cache.clear();
    cache.set(text, form);
  }
  return form ?? undefined;
}

/** Title lines repeat across a province's files: each text is judged once per template. */
const titleCache = new WeakMap<TemplateSpec, Map<string, FormSpec | null>>();

function titledForm(text: string, template: TemplateSpec): FormSpec | undefined {
  const n = titleNumber(text);
  if (n !== undefined) {
    const byNumber = template.forms.find((f) => f.number === n && !isListForm(f));
    if (byNumber) return byNumber;
  }
  const folded = foldText(text)
    .replace(/^bieu\s*(?:mau)?\s*(?:so)?\s*0*\d{1,2}\b\s*/, "")
    .replace(/^(phan|muc)\s+/, "")
    .replace(/^([ivx]+|\d)\s+/, "");
  if (folded.length < 8) return undefined;
  // Part of a title ("CHỈ ĐẠO ĐIỀU HÀNH CCHC"), or a title with more words: when it names one form only.
  const containing = titlesOf(template).filter(({ key }) => key.folded.includes(folded) || folded.includes(key.folded));
  if (folded.length >= 12 && containing.length === 1) return containing[0].form;
  let best: { form: FormSpec; sim: number } | undefined;
  for (const { form, key } of titlesOf(template)) {
    const sim = key.folded === folded ? 1 : labelSimilarity(labelKey(folded), key);
    if (sim >= TITLE_MATCH && (!best || sim > best.sim)) best = { form, sim };
  }
  return best?.form;
}
