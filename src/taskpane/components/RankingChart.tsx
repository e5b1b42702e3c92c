/**
 * The province at a glance, in the pane: one bar per unit for a chosen rate,
 * sorted, the province's pooled value as a line, units with errors in red;
 * then the lowest units as a small table. Inline SVG (no chart library),
 * readable at 320 px: horizontal bars with names up to 40 units, thin columns
 * beyond.
 */
import { Field, Select, makeStyles, tokens } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import type { Consolidation } from "../../core/consolidate";
import { rankUnits, rateChoices, type Ranking } from "../../xlsx/write-ranking";
import { useCommonStyles } from "./common";

const useStyles = makeStyles({
  svg: { width: "100%", height: "auto", display: "block" },
  table: {
    width: "100%",
    borderCollapse: "collapse",
    fontSize: tokens.fontSizeBase200,
    "& th, & td": { padding: "2px 4px", borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, textAlign: "left" },
  },
  num: { textAlign: "right !important" as "right", whiteSpace: "nowrap" },
  bad: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
});

const W = 300;
const LABEL = 104;
const BAR_MAX = W - LABEL - 44;
const ROW = 16;
const LOWEST = 5;
const BLUE = "#2F6FB5";
const RED = "#C50F1F";
const LINE = "#B34700";

const pct = (v: number | null) => (v === null ? "—" : `${v.toLocaleString("vi-VN", { maximumFractionDigits: 1 })}%`);
const shortName = (unit: string) => unit.replace(/^(UBND|Ủy ban nhân dân)\s+/i, "");
const flagged = (u: { status: string; errors: number }) => u.status === "errors" || u.errors > 0;

export function RankingChart({ result }: { result: Consolidation }) {
  const s = useCommonStyles();
  const choices = useMemo(() => rateChoices(result), [result]);
  const [key, setKey] = useState(choices[0]?.key ?? "");
  const rate = choices.find((c) => c.key === key) ?? choices[0];
  const ranking = useMemo(() => (rate ? rankUnits(result, rate) : undefined), [result, rate]);
  if (!rate || !ranking) return null;
  return (
    <section data-testid="consolidate-chart" data-rate={rate.key} data-units={ranking.ranked.length} aria-label="Các đơn vị theo tỷ lệ">
      <h2 className={s.sectionTitle}>Các đơn vị theo tỷ lệ</h2>
      <Field label="Tỷ lệ" className={s.field}>
        <Select className={s.select} value={rate.key} onChange={(_, d) => setKey(d.value)} data-testid="consolidate-chart-rate">
          {choices.map((c) => (
            <option key={c.key} value={c.key}>
              Biểu {c.form} · {c.code}: {c.label}
            </option>
          ))}
        </Select>
      </Field>
      {ranking.ranked.length <= 40 ? <Bars ranking={ranking} /> : <Columns ranking={ranking} />}
      <Lowest ranking={ranking} />
    </section>
  );
}

/** Scale 0 … max(100, highest value). */
function scaleOf(ranking: Ranking): number {
  return Math.max(100, ...ranking.ranked.map((u) => u.value));
}

function Bars({ ranking }: { ranking: Ranking }) {
  const c = useStyles();
  const max = scaleOf(ranking);
  const h = ranking.ranked.length * ROW + 30;
  const x = (v: number) => LABEL + (v / max) * BAR_MAX;
  const pooled = ranking.rate.pooled;
  return (
    <svg
      className={c.svg}
      viewBox={`0 0 ${W} ${h}`}
      role="img"
      aria-labelledby="chart-title chart-desc"
      data-testid="consolidate-chart-svg"
    >
      <title id="chart-title">{`${ranking.rate.code}. ${ranking.rate.label}`}</title>
      <desc id="chart-desc">{`${ranking.ranked.length} đơn vị xếp từ cao xuống thấp; toàn tỉnh ${pct(pooled)}.`}</desc>
      {ranking.ranked.map((u, i) => {
        const y = i * ROW + 4;
        const bad = flagged(u);
        return (
          <g key={`${u.unit}-${i}`} data-testid="chart-bar" data-unit={u.unit} data-value={u.value} data-errors={bad ? 1 : 0}>
            <text x={LABEL - 4} y={y + 11} textAnchor="end" fontSize="10" fill={bad ? RED : "#242424"}>
              {bad ? "⚠ " : ""}
              {truncate(shortName(u.unit), bad ? 16 : 18)}
              <title>{u.unit}</title>
            </text>
            <rect x={LABEL} y={y + 2} width={Math.max(1, x(u.value) - LABEL)} height={ROW - 5} fill={bad ? RED : BLUE} />
            <text x={x(u.value) + 3} y={y + 11} fontSize="9" fill="#424242">
              {pct(u.value)}
            </text>
          </g>
        );
      })}
      {pooled !== null && (
        <g data-testid="chart-pooled" data-value={pooled}>
          <line x1={x(pooled)} x2={x(pooled)} y1={0} y2={h - 22} stroke={LINE} strokeWidth="2" strokeDasharray="4 3" />
          <text x={Math.min(x(pooled), W - 80)} y={h - 8} fontSize="10" fill={LINE}>
            Toàn tỉnh: {pct(pooled)}
          </text>
        </g>
      )}
    </svg>
  );
}

/** Many units: thin columns, highest left; the lowest are named in the table below. */
function Columns({ ranking }: { ranking: Ranking }) {
  const c = useStyles();
  const max = scaleOf(ranking);
  const H = 140;
  const n = ranking.ranked.length;
  const bw = W / n;
  const y = (v: number) => H - (v / max) * H;
  const pooled = ranking.rate.pooled;
  return (
    <svg
      className={c.svg}
      viewBox={`0 0 ${W} ${H + 20}`}
      role="img"
      aria-labelledby="chart-title-n chart-desc-n"
      data-testid="consolidate-chart-svg"
    >
      <title id="chart-title-n">{`${ranking.rate.code}. ${ranking.rate.label}`}</title>
      <desc id="chart-desc-n">{`${n} đơn vị xếp từ cao xuống thấp; toàn tỉnh ${pct(pooled)}; đỏ là đơn vị có lỗi.`}</desc>
      {ranking.ranked.map((u, i) => (
        <rect
          key={i}
          data-testid="chart-bar"
          data-unit={u.unit}
          data-value={u.value}
          data-errors={flagged(u) ? 1 : 0}
          x={i * bw}
          y={y(u.value)}
          width={Math.max(bw - (bw > 3 ? 1 : 0), 0.5)}
          height={H - y(u.value)}
          fill={flagged(u) ? RED : BLUE}
        />
      ))}
      {pooled !== null && (
        <g data-testid="chart-pooled" data-value={pooled}>
          <line x1={0} x2={W} y1={y(pooled)} y2={y(pooled)} stroke={LINE} strokeWidth="2" strokeDasharray="4 3" />
          <text x={2} y={H + 14} fontSize="10" fill={LINE}>
            Toàn tỉnh: {pct(pooled)} · {n} đơn vị, cao → thấp
          </text>
        </g>
      )}
    </svg>
  );
}

function Lowest({ ranking }: { ranking: Ranking }) {
  const c = useStyles();
  const lowest = ranking.ranked.slice(-LOWEST).reverse();
  return (
    <table className={c.table} data-testid="consolidate-lowest">
      <caption style={{ textAlign: "left", fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightSemibold, padding: "6px 0 2px" }}>
        {lowest.length} đơn vị thấp nhất{ranking.unreported.length ? ` (${ranking.unreported.length} đơn vị không báo cáo tỷ lệ này)` : ""}
      </caption>
      <thead>
        <tr>
          <th scope="col">Đơn vị</th>
          <th scope="col" className={c.num}>
            Tỷ lệ
          </th>
        </tr>
      </thead>
      <tbody>
        {lowest.map((u, i) => (
          <tr key={`${u.unit}-${i}`} data-testid="lowest-unit" data-unit={u.unit}>
            <td className={flagged(u) ? c.bad : undefined}>
              {u.unit}
              {flagged(u) ? ` (có ${u.errors} lỗi)` : ""}
            </td>
            <td className={c.num}>{pct(u.value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function truncate(text: string, n: number): string {
  return text.length <= n ? text : `${text.slice(0, n - 1)}…`;
}
