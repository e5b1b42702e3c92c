/**
 * Findings in the order that matters: errors, then warnings, then information
 * (collapsed, with its count). Each finding with a cell is a button that
 * selects the cell; the chosen one says so in place (not above the list).
 */
import { Button, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import type { TemplateSpec } from "../../catalog/types";
import type { Finding } from "../../core/findings";
import type { HighlightSeverity } from "../../core/host";
import { bySeverity, paneText, SEVERITIES, SEVERITY_TITLE } from "../pane-text";
import { SeverityBadge, useCommonStyles } from "./common";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", rowGap: "4px" },
  title: {
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    margin: "6px 0 0",
    lineHeight: tokens.lineHeightBase300,
  },
  finding: {
    display: "flex",
    flexDirection: "column",
    rowGap: "2px",
    width: "100%",
    textAlign: "left",
    padding: "6px 8px",
    margin: 0,
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderLeftWidth: "4px",
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    overflowWrap: "anywhere",
  },
  clickable: {
    cursor: "pointer",
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "1px" },
  },
  selected: { backgroundColor: tokens.colorBrandBackground2 },
  error: { borderLeftColor: tokens.colorPaletteRedBorderActive },
  warning: { borderLeftColor: tokens.colorPaletteDarkOrangeBorderActive },
  info: { borderLeftColor: tokens.colorPaletteBlueBorderActive },
  head: { display: "flex", flexWrap: "wrap", alignItems: "center", columnGap: "6px", rowGap: "2px" },
  cell: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorNeutralForeground2 },
  fix: { color: tokens.colorNeutralForeground2 },
  chosen: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorBrandForeground1 },
});

export interface FindingListProps {
  findings: Finding[];
  template?: TemplateSpec;
  /** Only this severity (a badge was chosen). */
  filter?: HighlightSeverity;
  selected?: string;
  /** Browser mode: "Ô đang chọn" is said on the chosen finding. */
  showSelected: boolean;
  onSelect: (f: Finding) => void;
}

export function FindingList(props: FindingListProps) {
  const s = useCommonStyles();
  const [infoOpen, setInfoOpen] = useState(false);
  const groups = bySeverity(props.findings);
  return (
    <div data-testid="findings" className={s.list}>
      {SEVERITIES.filter((sev) => !props.filter || props.filter === sev).map((sev) => (
        <SeverityGroup
          key={sev}
          severity={sev}
          list={groups[sev]}
          collapsible={sev === "info" && props.filter !== "info"}
          open={infoOpen}
          onToggle={() => setInfoOpen((o) => !o)}
          {...props}
        />
      ))}
    </div>
  );
}

/** One severity's findings under its title; information is collapsed until asked for (unless it is the filter). */
function SeverityGroup(
  props: FindingListProps & { severity: HighlightSeverity; list: Finding[]; collapsible: boolean; open: boolean; onToggle: () => void },
) {
  const v = useStyles();
  const { severity: sev, list, collapsible } = props;
  if (list.length === 0) return null;
  const open = !collapsible || props.open;
  return (
    <section className={v.section} aria-label={`${SEVERITY_TITLE[sev]} (${list.length})`} data-testid="finding-group" data-severity={sev}>
      {collapsible ? (
        <h2 className={v.title}>
          <Button appearance="subtle" size="small" aria-expanded={open} onClick={props.onToggle} data-testid="findings-info-toggle">
            {open ? "▾" : "▸"} {SEVERITY_TITLE[sev]} ({list.length}){open ? "" : " — bấm để xem"}
          </Button>
        </h2>
      ) : (
        <h2 className={v.title}>
          {SEVERITY_TITLE[sev]} ({list.length})
        </h2>
      )}
      {open && list.map((f, i) => <FindingCard key={i} finding={f} {...props} />)}
    </section>
  );
}

/** A finding; with a cell, a button that selects it (and, in a browser, says so in place). */
function FindingCard(props: FindingListProps & { finding: Finding }) {
  const v = useStyles();
  const f = props.finding;
  const clickable = f.cell !== "";
  const isSelected = clickable && props.selected === f.cell;
  const cls = [v.finding, v[f.severity], clickable ? v.clickable : "", isSelected ? v.selected : ""].join(" ");
  const body = (
    <>
      <span className={v.head}>
        <SeverityBadge severity={f.severity} />
        <strong title={props.template?.forms.find((x) => x.number === f.form)?.title}>
          {f.form === 0 ? "Toàn sổ" : `Biểu ${f.form}`}
          {f.code ? ` · ${f.code}` : ""}
        </strong>
        {f.cell && <span className={v.cell}>{f.cell}</span>}
      </span>
      <span>{paneText(f.message)}</span>
      {f.fix && <span className={v.fix}>Đề xuất: {paneText(f.fix)}</span>}
      {isSelected && props.showSelected && (
        <span className={v.chosen} data-testid="selected-cell" data-cell={f.cell}>
          Ô đang chọn: {f.cell}
        </span>
      )}
    </>
  );
  const data = {
    "data-testid": "finding",
    "data-cell": f.cell,
    "data-severity": f.severity,
    "data-rule": f.rule,
    "data-code": f.code,
    "data-form": f.form,
  };
  return clickable ? (
    <button type="button" className={cls} {...data} aria-pressed={isSelected} title={`Chọn ô ${f.cell}`} onClick={() => props.onSelect(f)}>
      {body}
    </button>
  ) : (
    <div className={cls} {...data}>
      {body}
    </div>
  );
}
