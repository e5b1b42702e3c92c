/**
 * Cells that hold several quantities, as some forms print their unit:
 * "... hồ sơ = ...%" → "120 hồ sơ = 95,5%", "Cuộc/người tham gia" → "3/45",
 * "Cuộc/cuộc = .....%" → "10/12 = 83,3%". The catalog names the parts
 * (`compound.parts`); each number is read with `readNumber` as its part's kind
 * (a percent or a count), so "1.234 hồ sơ" is 1234 and "95,5%" is 95,5.
 */
import type { RowSpec } from "../catalog/types";
import { NUM } from "./number-tokens";
import { formatNumber, readNumber, type ReadNumber, type Refusal } from "./numbers";

export interface CompoundPartValue {
  name: string;
  kind: "count" | "percent";
  /** The number read, or null when the cell does not give this part. */
  value: number | null;
  decimals: number;
  /** The text it was read from. */
  raw: string;
  /** Not written: computed from the other parts (a rate from "a/b"). */
  computed?: boolean;
}

export interface CompoundReading {
  ok: true;
  parts: CompoundPartValue[];
  /** Index of the part that is the row's value (the "%" part of a percent row, else the first count). */
  main: number;
  /** How the cell was read, Vietnamese. */
  how: string;
  /** A single number read as the row's own part: readNumber's reading (with its doubts). */
  read?: ReadNumber;
}

const TOKEN = new RegExp(`(${NUM})(\\s*%)?`, "g");

export const isPercentPart = (name: string): boolean => name.trim() === "%";

/** The part a compound row's own value is. */
export function mainPart(spec: RowSpec): number {
  const parts = spec.compound?.parts ?? [];
  const i = spec.kind === "percent" || spec.kind === "ratio" ? parts.findIndex(isPercentPart) : parts.findIndex((p) => !isPercentPart(p));
  return Math.max(0, i);
}

/** How the cell should be written, for messages: "N hồ sơ = X%", "a/b", "a/b = c%". */
export function compoundExample(spec: RowSpec): string {
  const parts = spec.compound?.parts ?? [];
  const counts = parts.filter((p) => !isPercentPart(p));
  const pct = parts.some(isPercentPart);
  const letters = ["a", "b", "c", "d"];
  const head = counts.length === 1 ? `N ${counts[0].toLowerCase()}` : counts.map((_, i) => letters[i]).join("/");
  const named = counts.length > 1 ? ` (${counts.join(" / ")}${pct ? " = %" : ""})` : "";
  return `${head}${pct ? ` = ${counts.length > 1 ? letters[counts.length] : "X"}%` : ""}${named}`;
}

const plain = (n: number) => formatNumber(n, "vi");

/**
 * Reads a compound cell into its parts. A single number is the row's own
 * value (the other parts stay null); numbers marked "%" go to the "%" part,
 * the others to the counts in order. Returns a Refusal when the numbers do
 * not fit the parts, or `readNumber`'s refusal for prose.
 */
export function readCompound(stored: string | number, spec: RowSpec, numFmt?: string): CompoundReading | Refusal {
  const names = spec.compound?.parts ?? [];
  const main = mainPart(spec);
  const blank = (): CompoundPartValue[] =>
    names.map((name) => ({ name, kind: isPercentPart(name) ? "percent" : "count", value: null, decimals: 0, raw: "" }));
  const single = (read: ReadNumber): CompoundReading => {
    const parts = blank();
    parts[main] = { ...parts[main], value: read.value, decimals: read.decimals, raw: read.raw };
    return { ok: true, parts, main, how: read.how ?? `đọc '${read.raw}' là ${plain(read.value)} (${names[main]})`, read };
  };
  const kind = spec.kind === "ratio" ? "percent" : spec.kind;
  if (typeof stored === "number") {
    const read = readNumber(stored, { kind, unit: spec.unit, numFmt });
    return read && read.ok ? single(read) : (read as Refusal);
  }
  const text = stored.normalize("NFC").replace(/\s+/g, " ").trim();
  const tokens = [...text.matchAll(TOKEN)].map((m) => ({ tok: m[1], pct: Boolean(m[2]) }));
  const pctIndex = names.findIndex(isPercentPart);
  if (tokens.length === 1 && tokens[0].pct && pctIndex >= 0 && pctIndex !== main) {
    // "95%" alone in a "... hồ sơ = ...%" count row: the percent part; the count is not given.
    const read = readNumber(tokens[0].tok, { kind: "percent" });
    if (read && read.ok) {
      const parts = blank();
      parts[pctIndex] = { ...parts[pctIndex], value: read.value, decimals: read.decimals, raw: tokens[0].tok };
      return { ok: true, parts, main, how: `đọc '${text}' là ${plain(read.value)}% (chưa ghi ${names[main].toLowerCase()})` };
    }
  }
  if (tokens.length <= 1) {
    const read = readNumber(stored, { kind, unit: spec.unit });
    if (read === null || !read.ok) return (read ?? { ok: false, raw: stored, reason: "ô trống" }) as Refusal;
    return single(read);
  }
  const countIndexes = names.map((_, i) => i).filter((i) => i !== pctIndex);
  const marked = tokens.filter((t) => t.pct);
  const unmarked = tokens.filter((t) => !t.pct);
  const fits =
    marked.length <= (pctIndex >= 0 ? 1 : 0) &&
    (tokens.length === names.length || (marked.length === 0 && unmarked.length === countIndexes.length));
  if (!fits) {
    return {
      ok: false,
      raw: stored,
      reason: `ô ghi '${text}' (${tokens.length} số) không khớp đơn vị tính "${spec.unit}": cần dạng ${compoundExample(spec)}`,
      candidates: tokens.map((t) => readNumber(t.tok, { kind: t.pct ? "percent" : "count" })).flatMap((r) => (r && r.ok ? [r.value] : [])),
    };
  }
  // "%"-marked numbers to the % part; the rest in order to the counts (and the % part when nothing is marked).
  const order = marked.length > 0 || tokens.length < names.length ? countIndexes : names.map((_, i) => i);
  const assign: { index: number; tok: string }[] = [];
  unmarked.forEach((t, k) => assign.push({ index: order[k], tok: t.tok }));
  for (const t of marked) assign.push({ index: pctIndex, tok: t.tok });
  const parts = blank();
  for (const { index, tok } of assign) {
    const p = parts[index];
    const read = readNumber(tok, { kind: p.kind });
    if (!read || !read.ok) return { ok: false, raw: stored, reason: `phần "${p.name}" của ô '${text}': ${read ? read.reason : "trống"}` };
    parts[index] = { ...p, value: read.value, decimals: read.decimals, raw: tok };
  }
  // "10/12" in a "Cuộc/cuộc = ...%" percent row: the rate is computed from the two counts, as readNumber does for "a/b".
  if (parts[main].value === null && main === pctIndex && countIndexes.length === 2 && parts[countIndexes[1]].value) {
    const [a, b] = countIndexes.map((i) => parts[i].raw);
    const read = readNumber(`${a}/${b}`, { kind: "percent" });
    if (read && read.ok) parts[main] = { ...parts[main], value: read.value, decimals: read.decimals, raw: `${a}/${b}`, computed: true };
  }
  const how = `đọc '${text}' là ${parts
    .filter((p) => p.value !== null)
    .map((p) => (isPercentPart(p.name) ? `${plain(p.value!)}%` : `${p.name} ${plain(p.value!)}`))
    .join(", ")}`;
  return { ok: true, parts, main, how };
}
