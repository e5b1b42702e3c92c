/** "Kiểm tra": validates the open workbook; findings grouped by form; a click shows the cell. */
import { Button, Checkbox, Field, Select, Spinner, Text, tokens, makeStyles } from "@fluentui/react-components";
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from "react";
import { builtinTargetSets, loadTargets, type TargetSet } from "../../catalog/targets";
import type { TemplateSpec } from "../../catalog/types";
import { type CheckedWorkbook, checkWorkbook } from "../../core/check-workbook";
import type { Finding } from "../../core/findings";
import { freeSheetName, type WorkbookHost } from "../../core/host";
import { findingsTable, groupFindings, highlightTargets } from "../actions";
import type { BrowserHost } from "../browser-host";
import { errorText, FilePickButton, Note, paint, SeverityBadge, TemplateSelect, useCommonStyles } from "./common";

const useStyles = makeStyles({
  group: { display: "flex", flexDirection: "column", rowGap: "4px" },
  groupTitle: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, margin: "8px 0 2px" },
  finding: {
    display: "flex",
    flexDirection: "column",
    rowGap: "2px",
    padding: "6px 8px",
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderLeftWidth: "4px",
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
});

type State =
  | { phase: "idle" }
  | { phase: "loading" }
  | { phase: "error"; message: string }
  | { phase: "done"; checked: CheckedWorkbook; source: string; bytes?: Uint8Array };

export function ValidatePanel(props: { host: WorkbookHost; browser?: BrowserHost; templates: TemplateSpec[]; openSeq: number }) {
  const { host, browser, templates } = props;
  const s = useCommonStyles();
  const v = useStyles();
  const [templateId, setTemplateId] = useState("");
  const [state, setState] = useState<State>({ phase: "idle" });
  const [hideInfo, setHideInfo] = useState(false);
  const [action, setAction] = useState<{ intent: "success" | "error"; text: string }>();
  const [selected, setSelected] = useState<string>();
  const [busy, setBusy] = useState(false);
  const running = useRef(false);

  const candidates = useMemo(() => (templateId ? templates.filter((t) => t.id === templateId) : templates), [templates, templateId]);
  // Plan targets (chỉ tiêu phấn đấu): built-in sets, or one loaded from a JSON file.
  const [targetSets, setTargetSets] = useState<TargetSet[]>(() => builtinTargetSets(templates));
  const [targetsId, setTargetsId] = useState("");
  const [targetsError, setTargetsError] = useState<string>();
  const targets = targetSets.find((t) => t.id === targetsId);
  const loadTargetsFile = async (files: FileList) => {
    setTargetsError(undefined);
    try {
      const file = files[0];
      const set = loadTargets(JSON.parse(await file.text()), file.name, templates);
      setTargetSets((old) => [...old.filter((t) => t.id !== set.id), set]);
      setTargetsId(set.id);
    } catch (e) {
      setTargetsError(errorText(e));
    }
  };
  const needsFile = browser !== undefined && !browser.hasFile();

  const run = async () => {
    if (running.current) return;
    running.current = true;
    setState({ phase: "loading" });
    setAction(undefined);
    try {
      await paint();
      const grid = await host.readGrid();
      const checked = checkWorkbook(grid, candidates, { targets });
      setState({ phase: "done", checked, source: await host.describe(), bytes: browser?.currentBytes() });
    } catch (e) {
      setState({ phase: "error", message: errorText(e) });
    } finally {
      running.current = false;
    }
  };

  // Browser mode: a newly opened file is checked at once.
  useEffect(() => {
    if (props.openSeq > 0 && browser?.hasFile()) void run();
  }, [props.openSeq]);

  const select = async (f: Finding) => {
    if (!f.cell) return;
    setSelected(f.cell);
    try {
      await host.selectCell(f.cell);
    } catch (e) {
      setAction({ intent: "error", text: errorText(e) });
    }
  };

  const hostAction = async (what: () => Promise<string>) => {
    setBusy(true);
    setAction(undefined);
    try {
      setAction({ intent: "success", text: await what() });
    } catch (e) {
      setAction({ intent: "error", text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  const checked = state.phase === "done" ? state.checked : undefined;
  const found = checked?.located.template && checked.located.forms.length > 0;
  const groups = useMemo(() => (checked ? groupFindings(checked) : []), [checked]);
  const shownGroups = hideInfo
    ? groups.map((g) => ({ ...g, findings: g.findings.filter((f) => f.severity !== "info") })).filter((g) => g.findings.length > 0)
    : groups;

  const highlight = () =>
    hostAction(async () => {
      const targets = highlightTargets(checked!.findings.filter((f) => !hideInfo || f.severity !== "info"));
      await host.highlight(targets);
      return `Đã tô màu ${targets.length} ô (đỏ: lỗi, cam: cảnh báo, xanh: thông tin).`;
    });
  const clear = () =>
    hostAction(async () => {
      await host.clearHighlights();
      return "Đã xóa tô màu của tiện ích.";
    });
  const exportSheet = () =>
    hostAction(async () => {
      const { header, rows } = findingsTable(checked!.findings);
      const name = freeSheetName("Kết quả kiểm tra", await host.sheetNames());
      await host.addTableSheet(name, header, rows);
      return host.kind === "browser" ? `Đã tải xuống bảng kết quả kiểm tra (${rows.length} dòng).` : `Đã thêm trang “${name}” (${rows.length} dòng).`;
    });

  const onKey = (e: KeyboardEvent, f: Finding) => {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      void select(f);
    }
  };

  const browserSelected = browser?.selectedCell();
  const marks = browser?.highlights() ?? [];

  return (
    <div className={s.panel}>
      <p className={s.help}>
        Kiểm tra số liệu theo quy tắc của biểu mẫu: tỷ lệ = tử số / mẫu số, tổng = các thành phần, thành phần ≤ tổng, mã trả lời, ô bỏ trống.
      </p>
      <div className={s.row} style={{ alignItems: "flex-end" }}>
        <Field label="Đối chiếu với mẫu" style={{ flexGrow: 1, minWidth: 160 }}>
          <TemplateSelect templates={templates} value={templateId} onChange={setTemplateId} testId="validate-template" autoLabel="Tự nhận biết" />
        </Field>
        <Button appearance="primary" onClick={() => void run()} disabled={state.phase === "loading" || needsFile} data-testid="validate-run">
          Kiểm tra
        </Button>
      </div>
      <div className={s.row} style={{ alignItems: "flex-end" }}>
        <Field label="Chỉ tiêu kế hoạch (chưa đạt là thông tin, không phải lỗi)" style={{ flexGrow: 1, minWidth: 160 }}>
          <Select className={s.select} value={targetsId} onChange={(_, d) => setTargetsId(d.value)} data-testid="validate-targets">
            <option value="">Không so chỉ tiêu</option>
            {targetSets.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </Select>
        </Field>
        <FilePickButton testId="validate-targets-file" accept=".json" onFiles={(f) => void loadTargetsFile(f)}>
          Tải chỉ tiêu…
        </FilePickButton>
      </div>
      {targetsError && <Note intent="error" testId="validate-targets-error">{targetsError}</Note>}
      {needsFile && state.phase !== "loading" && (
        <Note intent="info" testId="validate-empty">
          Mở một tệp .xlsx ở trên để kiểm tra.
        </Note>
      )}
      {state.phase === "idle" && !needsFile && <p className={s.help}>Bấm “Kiểm tra” để đọc sổ làm việc đang mở.</p>}
      {state.phase === "loading" && <Spinner size="small" label="Đang đọc và kiểm tra…" data-testid="validate-loading" />}
      {state.phase === "error" && (
        <Note intent="error" title="Không kiểm tra được" testId="validate-error">
          {state.message}
        </Note>
      )}
      {checked && !found && (
        <Note intent="warning" title="Không tìm thấy biểu mẫu nào" testId="validate-no-form">
          {checked.located.issues[0]?.message ?? "Sổ làm việc không có bảng STT / Chỉ tiêu / Đơn vị tính / Số liệu của Biểu mẫu 1–7."}
        </Note>
      )}
      {checked && found && state.phase === "done" && (
        <>
          <div data-testid="validate-summary">
            <Text size={200} className={s.wrap} block>
              {state.source} · mẫu <strong>{checked.located.template!.id}</strong>
              {checked.located.unit ? ` · ${checked.located.unit}` : ""}
              {checked.located.period ? ` · ${checked.located.period}` : ""} · {checked.located.forms.length} biểu
            </Text>
            <div className={s.row} style={{ marginTop: 6 }}>
              <SeverityBadge severity="error" count={checked.counts.error} testId="count-error" />
              <SeverityBadge severity="warning" count={checked.counts.warning} testId="count-warning" />
              <SeverityBadge severity="info" count={checked.counts.info} testId="count-info" />
            </div>
          </div>
          {browser && state.bytes !== browser.currentBytes() && (
            <Note intent="warning" testId="validate-stale">
              Tệp đã thay đổi sau lần kiểm tra này: bấm “Kiểm tra” để kiểm tra lại.
            </Note>
          )}
          {checked.counts.error === 0 && checked.counts.warning === 0 && (
            <Note intent="success" testId="validate-ok">
              Không có lỗi hay cảnh báo nào.
            </Note>
          )}
          <div className={s.row}>
            <Button size="small" onClick={() => void highlight()} disabled={busy || checked.findings.length === 0} data-testid="validate-highlight">
              Tô màu các ô
            </Button>
            <Button size="small" onClick={() => void clear()} disabled={busy} data-testid="validate-clear">
              Xóa tô màu
            </Button>
            <Button size="small" onClick={() => void exportSheet()} disabled={busy || checked.findings.length === 0} data-testid="validate-export">
              Xuất ra trang tính
            </Button>
          </div>
          <Checkbox checked={hideInfo} onChange={(_, d) => setHideInfo(d.checked === true)} label="Chỉ hiện lỗi và cảnh báo" data-testid="validate-hide-info" />
          {action && (
            <Note intent={action.intent} testId="validate-action">
              {action.text}
            </Note>
          )}
          {browser && browserSelected && (
            <Text size={200} data-testid="selected-cell" data-cell={browserSelected} className={s.wrap}>
              Ô đang chọn: <span className={s.mono}>{browserSelected}</span>
            </Text>
          )}
          {browser && marks.length > 0 && (
            <details data-testid="highlight-list">
              <summary style={{ fontSize: tokens.fontSizeBase200, cursor: "pointer" }}>Các ô đang tô màu ({marks.length})</summary>
              <ul className={s.plainList}>
                {marks.map((m) => (
                  <li key={m.ref} data-cell={m.ref} data-severity={m.severity}>
                    <span className={s.mono}>{m.ref}</span> — {m.severity === "error" ? "lỗi" : m.severity === "warning" ? "cảnh báo" : "thông tin"}
                  </li>
                ))}
              </ul>
            </details>
          )}
          <div data-testid="findings">
            {shownGroups.map((g) => (
              <section key={g.form} className={v.group} aria-label={g.title} data-testid="finding-group" data-form={g.form}>
                <h3 className={v.groupTitle}>
                  {g.title} <Text size={200}>({g.findings.length})</Text>
                </h3>
                <ul className={s.list}>
                  {g.findings.map((f, i) => {
                    const clickable = f.cell !== "";
                    const cls = [v.finding, v[f.severity], clickable ? v.clickable : "", clickable && selected === f.cell ? v.selected : ""].join(" ");
                    return (
                      <li
                        key={i}
                        className={cls}
                        data-testid="finding"
                        data-cell={f.cell}
                        data-severity={f.severity}
                        data-rule={f.rule}
                        data-code={f.code}
                        {...(clickable
                          ? {
                              role: "button",
                              tabIndex: 0,
                              title: `Chọn ô ${f.cell}`,
                              onClick: () => void select(f),
                              onKeyDown: (e: KeyboardEvent) => onKey(e, f),
                            }
                          : {})}
                      >
                        <span className={v.head}>
                          <SeverityBadge severity={f.severity} />
                          {f.code && <strong>{f.code}</strong>}
                          {f.cell && <span className={v.cell}>{f.cell}</span>}
                        </span>
                        <span>{f.message}</span>
                        {f.fix && <span className={v.fix}>Đề xuất: {f.fix}</span>}
                      </li>
                    );
                  })}
                </ul>
              </section>
            ))}
            {shownGroups.length === 0 && checked.findings.length > 0 && <p className={s.help}>Chỉ có thông tin (đang ẩn).</p>}
          </div>
        </>
      )}
    </div>
  );
}
