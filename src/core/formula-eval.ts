/**
 * Evaluating the formulas units' workbooks keep without a stored result
 * (written by scripts and some programs: `=D10/D9*100` with no cached value).
 *
 * A small, synchronous, pure evaluator for what report forms use: numbers,
 * text, TRUE/FALSE; + - * / ^ & = <> < <= > >= and %; references and ranges
 * within the workbook, other sheets included ('Biểu mẫu 1'!D9, Sheet2!D9:D12,
 * D:D); SUM, AVERAGE, MIN, MAX, COUNT, COUNTA, ROUND, ROUNDUP, ROUNDDOWN, ABS,
 * IF, IFERROR, AND, OR, NOT. Excel's semantics where they matter here: a blank
 * cell is 0 in arithmetic and "" in comparisons; SUM/AVERAGE/MIN/MAX skip text
 * and blanks in ranges; ROUND rounds half away from zero; errors propagate.
 * Anything else (other functions, names, external links) is "not evaluable",
 * with the reason: the caller reports it, never guesses.
 *
 * Why not a library: the maintained engines (fast-formula-parser with chevrotain
 * and jstat, hyperformula under GPL/commercial terms) are large for a task-pane
 * bundle and asynchronous or stateful; hot-formula-parser is unmaintained. We
 * need exact blank-versus-zero behaviour and a pure synchronous core.
 */
import { columnNumber } from "./a1";
import { cellAt, type Cell, type SheetGrid, type WorkbookGrid } from "./grid";

/** A formula's value: number, text, boolean, blank (null) or an Excel error. */
export type FormulaValue = number | string | boolean | null | { error: string };

export type Evaluation = { ok: true; value: FormulaValue } | { ok: false; reason: string };

class NotEvaluable extends Error {}

type Token =
  | { t: "num"; v: number }
  | { t: "str"; v: string }
  | { t: "bool"; v: boolean }
  | { t: "ref"; sheet?: string; text: string }
  | { t: "fn"; name: string }
  | { t: "op"; v: string }
  | { t: "(" }
  | { t: ")" }
  | { t: "," }
  | { t: "err"; v: string };

const REF = /^(\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?|\$?[A-Z]{1,3}:\$?[A-Z]{1,3})/i;

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === " " || c === "\n" || c === "\r" || c === "\t") {
      i++;
      continue;
    }
    const rest = src.slice(i);
    let m: RegExpExecArray | null;
    if ((m = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(rest)) && !/^\d+:/.test(rest)) {
      out.push({ t: "num", v: Number(m[0]) });
      i += m[0].length;
    } else if (c === '"') {
      let j = i + 1;
      let s = "";
      for (;;) {
        if (j >= src.length) throw new NotEvaluable("chuỗi chưa đóng dấu ngoặc kép");
        if (src[j] === '"') {
          if (src[j + 1] === '"') {
            s += '"';
            j += 2;
            continue;
          }
          break;
        }
        s += src[j++];
      }
      out.push({ t: "str", v: s });
      i = j + 1;
    } else if (c === "#") {
      m = /^#(DIV\/0!|N\/A|VALUE!|REF!|NAME\?|NUM!|NULL!)/i.exec(rest);
      if (!m) throw new NotEvaluable(`không hiểu "${rest.slice(0, 10)}"`);
      out.push({ t: "err", v: m[0].toUpperCase() });
      i += m[0].length;
    } else if (c === "'" || /[A-Za-z_$\u00C0-\u1EF9]/.test(c)) {
      i = readName(src, i, out);
    } else if ((m = /^(<>|<=|>=|[-+*/^&=<>%])/.exec(rest))) {
      out.push({ t: "op", v: m[0] });
      i += m[0].length;
    } else if (c === "(" || c === ")" || c === ",") {
      out.push({ t: c } as Token);
      i++;
    } else if (c === "[") throw new NotEvaluable("tham chiếu tới tệp khác");
    else throw new NotEvaluable(`không hiểu ký tự "${c}"`);
  }
  return out;
}

/** A sheet-qualified reference, a plain reference, a function name or TRUE/FALSE, from `i`. */
function readName(src: string, i: number, out: Token[]): number {
  let sheet: string | undefined;
  if (src[i] === "'") {
    let j = i + 1;
    let s = "";
    for (;;) {
      if (j >= src.length) throw new NotEvaluable("tên trang chưa đóng dấu nháy");
      if (src[j] === "'") {
        if (src[j + 1] === "'") {
          s += "'";
          j += 2;
          continue;
        }
        break;
      }
      s += src[j++];
    }
    if (src[j + 1] !== "!") throw new NotEvaluable("tên trang không kèm ô");
    sheet = s;
    i = j + 2;
  } else {
    const m = /^([A-Za-z_\u00C0-\u1EF9][\w.\u00C0-\u1EF9]*)!/.exec(src.slice(i));
    if (m) {
      sheet = m[1];
      i += m[0].length;
    }
  }
  const rest = src.slice(i);
  const ref = REF.exec(rest);
  if (ref && !/^[\w.(]/.test(rest.slice(ref[0].length))) {
    out.push({ t: "ref", sheet, text: ref[0].replace(/\$/g, "").toUpperCase() });
    return i + ref[0].length;
  }
  if (sheet !== undefined) throw new NotEvaluable(`tham chiếu "${rest.slice(0, 12)}" không hợp lệ`);
  const name = /^[A-Za-z_][\w.]*/.exec(rest);
  if (!name) throw new NotEvaluable(`không hiểu "${rest.slice(0, 10)}"`);
  const after = rest.slice(name[0].length).trimStart();
  const upper = name[0].toUpperCase().replace(/^_XLFN\./, "");
  if (after.startsWith("(")) out.push({ t: "fn", name: upper });
  else if (upper === "TRUE" || upper === "FALSE") out.push({ t: "bool", v: upper === "TRUE" });
  else throw new NotEvaluable(`tên "${name[0]}" (vùng được đặt tên) chưa được hỗ trợ`);
  return i + name[0].length;
}

/* ------------------------------------------------------------- parsing */

type Node =
  | { k: "lit"; v: FormulaValue }
  | { k: "ref"; sheet?: string; text: string; at?: RefAt }
  | { k: "un"; op: string; a: Node }
  | { k: "bin"; op: string; a: Node; b: Node }
  | { k: "pct"; a: Node }
  | { k: "call"; name: string; args: Node[] };

const PRECEDENCE: Record<string, number> = {
  "=": 1,
  "<>": 1,
  "<": 1,
  ">": 1,
  "<=": 1,
  ">=": 1,
  "&": 2,
  "+": 3,
  "-": 3,
  "*": 4,
  "/": 4,
  "^": 5,
};

function parse(tokens: Token[]): Node {
  let p = 0;
  const peek = () => tokens[p];
  const expr = (min: number): Node => {
    let left = unary();
    for (;;) {
      const t = peek();
      if (!t || t.t !== "op" || t.v === "%" || PRECEDENCE[t.v] === undefined || PRECEDENCE[t.v] < min) return left;
      p++;
      const prec = PRECEDENCE[t.v];
      const right = expr(prec + 1); // all left-associative in Excel, "^" included: 2^3^2 = 64
      left = { k: "bin", op: t.v, a: left, b: right };
    }
  };
  const unary = (): Node => {
    const t = peek();
    if (t && t.t === "op" && (t.v === "-" || t.v === "+")) {
      p++;
      return { k: "un", op: t.v, a: unary() };
    }
    let node = primary();
    while (peek()?.t === "op" && (peek() as { v: string }).v === "%") {
      p++;
      node = { k: "pct", a: node };
    }
    return node;
  };
  const primary = (): Node => {
    const t = tokens[p++];
    if (!t) throw new NotEvaluable("công thức bị cụt");
    switch (t.t) {
      case "num":
      case "str":
      case "bool":
        return { k: "lit", v: t.v };
      case "err":
        return { k: "lit", v: { error: t.v } };
      case "ref":
        return { k: "ref", sheet: t.sheet, text: t.text };
      case "(": {
        const e = expr(0);
        if (tokens[p++]?.t !== ")") throw new NotEvaluable("thiếu dấu ngoặc đóng");
        return e;
      }
      case "fn": {
        if (tokens[p++]?.t !== "(") throw new NotEvaluable(`hàm ${t.name} thiếu dấu ngoặc`);
        const args: Node[] = [];
        if (peek()?.t === ")") p++;
        else {
          for (;;) {
            args.push(peek()?.t === "," || peek()?.t === ")" ? { k: "lit", v: null } : expr(0));
            const sep = tokens[p++];
            if (sep?.t === ")") break;
            if (sep?.t !== ",") throw new NotEvaluable(`hàm ${t.name}: thiếu dấu phẩy hoặc ngoặc đóng`);
          }
        }
        return { k: "call", name: t.name, args };
      }
      default:
        throw new NotEvaluable("công thức không hợp lệ");
    }
  };
  const node = expr(0);
  if (p !== tokens.length) throw new NotEvaluable("công thức không hợp lệ");
  return node;
}

/** Units of one province write the same formulas: parsed once (a failure is remembered as its reason). */
const parseCache = new Map<string, Node | string>();

function parsed(formula: string): Node {
  let p = parseCache.get(formula);
  if (p === undefined) {
    try {
      p = parse(tokenize(formula));
    } catch (e) {
      if (!(e instanceof NotEvaluable)) throw e;
      p = e.message;
    }
    if (parseCache.size >= 5000) parseCache.clear();
    parseCache.set(formula, p);
  }
  if (typeof p === "string") throw new NotEvaluable(p);
  return p;
}

/* ----------------------------------------------------------- evaluation */

/** Where a reference points ("D9", "D9:D12", "D:D"), without its sheet; rows 1 to the sheet's last when `whole`. */
interface RefAt {
  single: boolean;
  row: number;
  whole: boolean;
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** A reference's text as the tokenizer leaves it (no "$", capitals) → where it points. */
function refAt(text: string): RefAt {
  const [a, b] = text.split(":");
  const pa = /^([A-Z]+)(\d*)$/.exec(a)!;
  const pb = b ? /^([A-Z]+)(\d*)$/.exec(b)! : pa;
  const whole = pa[2] === "";
  return {
    single: !b,
    row: Number(pa[2]),
    whole,
    top: whole ? 1 : Math.min(Number(pa[2]), Number(pb[2])),
    bottom: whole ? 0 : Math.max(Number(pa[2]), Number(pb[2])),
    left: b ? Math.min(columnNumber(pa[1]), columnNumber(pb[1])) : columnNumber(pa[1]),
    right: b ? Math.max(columnNumber(pa[1]), columnNumber(pb[1])) : columnNumber(pa[1]),
  };
}

interface Range {
  sheet: SheetGrid;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

type Value = FormulaValue | Range;

const isError = (v: unknown): v is { error: string } => typeof v === "object" && v !== null && "error" in v;
const isRange = (v: Value): v is Range => typeof v === "object" && v !== null && "sheet" in v;

/**
 * Evaluates formulas of one workbook; results of cells without a stored value
 * are remembered, so a chain of formulas is computed once.
 */
export class FormulaEvaluator {
  private readonly memo = new Map<Cell, FormulaValue>();
  private readonly active = new Set<Cell>();

  constructor(private readonly grid: WorkbookGrid) {}

  /** The value of `formula` (without "="), written in a cell of `sheet`. */
  evaluate(formula: string, sheet: SheetGrid): Evaluation {
    try {
      if (formula === "(shared)") throw new NotEvaluable("công thức dùng chung không đọc được");
      const v = this.value(parsed(formula), sheet);
      const value = isRange(v) ? this.single(v) : v;
      return { ok: true, value: value === null ? 0 : value }; // "=D9" of a blank cell shows 0
    } catch (e) {
      if (e instanceof NotEvaluable) return { ok: false, reason: e.message };
      throw e;
    }
  }

  /**
   * The value of a cell: its stored value, unless it is a formula whose stored
   * result is missing or a writer's placeholder (0 or ""): then the formula's
   * value (what Excel shows once it recalculates). A formula that cannot be
   * computed falls back to its stored result, if any.
   */
  cellValue(sheet: SheetGrid, row: number, col: number): FormulaValue {
    const cell = cellAt(sheet, row, col);
    if (!cell) return null;
    const stored: FormulaValue = cell.error ? { error: cell.error } : cell.value;
    if (cell.formula === undefined || !isPlaceholder(stored)) return stored;
    const known = this.memo.get(cell);
    if (known !== undefined) return known;
    if (this.active.has(cell)) throw new NotEvaluable("công thức tham chiếu vòng");
    this.active.add(cell);
    try {
      const r = this.evaluate(cell.formula, sheet);
      if (!r.ok && stored === null) throw new NotEvaluable(r.reason);
      const value = r.ok ? r.value : stored;
      this.memo.set(cell, value);
      return value;
    } finally {
      this.active.delete(cell);
    }
  }

  private sheetOf(name: string | undefined, here: SheetGrid): SheetGrid {
    if (name === undefined) return here;
    const lower = name.toLowerCase();
    const s = this.grid.sheets.find((x) => x.name.toLowerCase() === lower);
    if (!s) throw new NotEvaluable(`không có trang "${name}"`);
    return s;
  }

  private ref(node: { sheet?: string; text: string; at?: RefAt }, here: SheetGrid): Value {
    const sheet = this.sheetOf(node.sheet, here);
    // A parsed formula is shared by every file that holds it: its references are read once.
    const at = (node.at ??= refAt(node.text));
    if (at.single) return this.cellValue(sheet, at.row, at.left);
    return { sheet, top: at.top, bottom: at.whole ? sheet.maxRow : at.bottom, left: at.left, right: at.right };
  }

  private single(r: Range): FormulaValue {
    if (r.top === r.bottom && r.left === r.right) return this.cellValue(r.sheet, r.top, r.left);
    return { error: "#VALUE!" };
  }

  private scalar(node: Node, here: SheetGrid): FormulaValue {
    const v = this.value(node, here);
    return isRange(v) ? this.single(v) : v;
  }

  private value(node: Node, here: SheetGrid): Value {
    switch (node.k) {
      case "lit":
        return node.v;
      case "ref":
        return this.ref(node, here);
      case "un": {
        const a = toNumber(this.scalar(node.a, here));
        return isError(a) ? a : node.op === "-" ? -a : a;
      }
      case "pct": {
        const a = toNumber(this.scalar(node.a, here));
        return isError(a) ? a : a / 100;
      }
      case "bin":
        return binary(node.op, this.scalar(node.a, here), this.scalar(node.b, here));
      case "call":
        return this.call(node.name, node.args, here);
    }
  }

  /** Every value of the arguments, ranges flattened; `fromRange` marks values read from a range (text and blanks skipped by SUM …). */
  private *values(args: Node[], here: SheetGrid): Generator<{ v: FormulaValue; fromRange: boolean }> {
    for (const a of args) {
      const v = this.value(a, here);
      if (!isRange(v)) {
        yield { v, fromRange: a.k === "ref" };
        continue;
      }
      for (let r = v.top; r <= Math.min(v.bottom, v.sheet.maxRow); r++) {
        for (let c = v.left; c <= v.right; c++) yield { v: this.cellValue(v.sheet, r, c), fromRange: true };
      }
    }
  }

  /** Numbers of the arguments as SUM sees them: text and blanks from ranges skipped, typed text converted. */
  private numbers(args: Node[], here: SheetGrid): number[] | { error: string } {
    const out: number[] = [];
    for (const { v, fromRange } of this.values(args, here)) {
      if (isError(v)) return v;
      if (typeof v === "number") out.push(v);
      else if (fromRange || v === null) continue;
      else {
        const n = toNumber(v);
        if (isError(n)) return n;
        out.push(n);
      }
    }
    return out;
  }

  private call(name: string, args: Node[], here: SheetGrid): FormulaValue {
    const arg = (i: number) => (args[i] ? this.scalar(args[i], here) : null);
    switch (name) {
      case "SUM":
      case "AVERAGE":
      case "MIN":
      case "MAX": {
        const ns = this.numbers(args, here);
        if (isError(ns)) return ns;
        if (name === "SUM") return ns.reduce((a, b) => a + b, 0);
        if (name === "AVERAGE") return ns.length === 0 ? { error: "#DIV/0!" } : ns.reduce((a, b) => a + b, 0) / ns.length;
        if (ns.length === 0) return 0;
        return name === "MIN" ? Math.min(...ns) : Math.max(...ns);
      }
      case "COUNT":
      case "COUNTA": {
        let n = 0;
        for (const { v } of this.values(args, here)) {
          if (name === "COUNT" ? typeof v === "number" : v !== null && v !== "") n++;
        }
        return n;
      }
      case "ROUND":
      case "ROUNDUP":
      case "ROUNDDOWN": {
        const x = toNumber(arg(0));
        const d = toNumber(arg(1));
        if (isError(x)) return x;
        if (isError(d)) return d;
        return roundExcel(x, Math.trunc(d), name);
      }
      case "ABS": {
        const x = toNumber(arg(0));
        return isError(x) ? x : Math.abs(x);
      }
      case "IF": {
        const c = toBool(arg(0));
        if (isError(c)) return c;
        if (c) return args.length > 1 ? (arg(1) ?? 0) : true;
        return args.length > 2 ? (arg(2) ?? 0) : false;
      }
      case "IFERROR": {
        const v = arg(0);
        return isError(v) ? (arg(1) ?? 0) : v;
      }
      case "AND":
      case "OR": {
        const bs: boolean[] = [];
        for (const { v } of this.values(args, here)) {
          if (isError(v)) return v;
          if (v === null || v === "") continue;
          const b = toBool(v);
          if (isError(b)) return b;
          bs.push(b);
        }
        if (bs.length === 0) return { error: "#VALUE!" };
        return name === "AND" ? bs.every(Boolean) : bs.some(Boolean);
      }
      case "NOT": {
        const b = toBool(arg(0));
        return isError(b) ? b : !b;
      }
      default:
        throw new NotEvaluable(`hàm ${name} chưa được hỗ trợ`);
    }
  }
}

/** A stored formula result that may be a writer's placeholder rather than Excel's result: none, 0 or "". */
export function isPlaceholder(stored: FormulaValue): boolean {
  return stored === null || stored === 0 || stored === "";
}

function toNumber(v: FormulaValue): number | { error: string } {
  if (isError(v)) return v;
  if (v === null || v === "") return 0;
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  const t = v.trim();
  const n = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?$/.test(t) ? Number(t.replace(/%$/, "")) / (t.endsWith("%") ? 100 : 1) : NaN;
  return Number.isFinite(n) ? n : { error: "#VALUE!" };
}

function toBool(v: FormulaValue): boolean | { error: string } {
  if (isError(v)) return v;
  if (typeof v === "boolean") return v;
  if (v === null) return false;
  if (typeof v === "number") return v !== 0;
  const u = v.trim().toUpperCase();
  if (u === "TRUE" || u === "FALSE") return u === "TRUE";
  return { error: "#VALUE!" };
}

/** Excel's ordering for comparisons: numbers < text < booleans; text without regard to case; blank is 0 or "". */
function compare(a: FormulaValue, b: FormulaValue): number {
  const rank = (v: FormulaValue) => (typeof v === "number" ? 0 : typeof v === "string" ? 1 : 2);
  if (a === null) a = typeof b === "string" ? "" : typeof b === "boolean" ? false : 0;
  if (b === null) b = typeof a === "string" ? "" : typeof a === "boolean" ? false : 0;
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === "string" && typeof b === "string") {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return Number(a) - Number(b);
}

function binary(op: string, a: FormulaValue, b: FormulaValue): FormulaValue {
  if (isError(a)) return a;
  if (isError(b)) return b;
  if (op === "&") return text(a) + text(b);
  if (["=", "<>", "<", ">", "<=", ">="].includes(op)) {
    const c = compare(a, b);
    return op === "=" ? c === 0 : op === "<>" ? c !== 0 : op === "<" ? c < 0 : op === ">" ? c > 0 : op === "<=" ? c <= 0 : c >= 0;
  }
  const x = toNumber(a);
  const y = toNumber(b);
  if (isError(x)) return x;
  if (isError(y)) return y;
  switch (op) {
    case "+":
      return x + y;
    case "-":
      return x - y;
    case "*":
      return x * y;
    case "/":
      return y === 0 ? { error: "#DIV/0!" } : x / y;
    default: {
      const r = Math.pow(x, y);
      return Number.isFinite(r) ? r : { error: "#NUM!" };
    }
  }
}

function text(v: FormulaValue): string {
  if (v === null) return "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return String(v);
}

/** ROUND rounds half away from zero, on the decimal digits shown (2.675 → 2.68, not binary 2.67). */
export function roundExcel(x: number, digits: number, mode: "ROUND" | "ROUNDUP" | "ROUNDDOWN" = "ROUND"): number {
  const f = Math.pow(10, digits);
  const scaled = Number((Math.abs(x) * f).toPrecision(15));
  const r = mode === "ROUND" ? Math.round(scaled) : mode === "ROUNDUP" ? Math.ceil(scaled) : Math.floor(scaled);
  return (Math.sign(x) * r) / f || 0;
}
