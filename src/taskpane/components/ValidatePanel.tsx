/** "Kiểm tra": validates the open workbook; findings grouped by form; a click shows the cell. */
import { noFormReason } from "../../app/forms-found";
import { Button, Field, Select, Spinner, Text, tokens } from "@fluentui/react-components";
import { useEffect, useMemo, useRef, useState } from "react";
import { builtinTargetSets, loadTargets, type TargetSet } from "../../catalog/targets";
import type { TemplateSpec } from "../../catalog/types";
import { type CheckedWorkbook, checkWorkbook } from "../../core/check-workbook";
import type { Finding } from "../../core/findings";
import { freeSheetName, type WorkbookHost } from "../../core/host";
import type { HighlightSeverity } from "../../core/host";
import { findingsTable, highlightTargets, withSuffix } from "../actions";
import type { BrowserHost } from "../../browser/browser-host";
import { download } from "../../browser/download";
import { parseJsonFile, SEVERITIES, templateLabel } from "../pane-text";
import {
  Announce,
  errorText,
  FilePickButton,
  Note,
  paint,
  SeverityBadge,
  TemplateSelect,
  useBringIntoView,
  useCommonStyles,
  useRemembered,
} from "./common";
import { FindingList } from "./FindingList";

type State =
  | { phase: "idle" }
  | { phase: "loading" }
  | { phase: "error"; message: string }
  | { phase: "done"; checked: CheckedWorkbook; source: string; bytes?: Uint8Array };

export interface ValidatePanelProps {
  host: WorkbookHost;
  browser?: BrowserHost;
  templates: TemplateSpec[];
  openSeq: number;
  /** The template the open workbook was recognised as (the insert area then offers it). */
  onRecognised?: (templateId: string) => void;
}

export function ValidatePanel(props: ValidatePanelProps) {
  const { host, browser, templates } = props;
  const s = useCommonStyles();
  const [templateId, setTemplateId] = useRemembered("validate-template", "", (v) => v === "" || templates.some((t) => t.id === v));
  const [state, setState] = useState<State>({ phase: "idle" });
  const [filter, setFilter] = useState<HighlightSeverity>();
  const [action, setAction] = useState<{ intent: "success" | "error"; text: string }>();
  const [selected, setSelected] = useState<string>();
  const [busy, setBusy] = useState(false);
  const running = useRef(false);
  const [resultRef, bringResult] = useBringIntoView<HTMLDivElement>();
  const [actionRef, bringAction] = useBringIntoView<HTMLDivElement>();

  const candidates = useMemo(() => (templateId ? templates.filter((t) => t.id === templateId) : templates), [templates, templateId]);
  const [targets, setTargets] = useState<TargetSet>();
  const needsFile = browser !== undefined && !browser.hasFile();

  const run = async () => {
    if (running.current) return;
    running.current = true;
    setState({ phase: "loading" });
    setAction(undefined);
    setSelected(undefined);
    setFilter(undefined);
    try {
      await paint();
      const grid = await host.readGrid();
      const checked = checkWorkbook(grid, candidates, { targets });
      setState({ phase: "done", checked, source: await host.describe(), bytes: browser?.currentBytes() });
      if (checked.located.template) props.onRecognised?.(checked.located.template.id);
    } catch (e) {
      setState({ phase: "error", message: errorText(e) });
    } finally {
      running.current = false;
      bringResult();
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
      bringAction();
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
      bringAction();
    }
  };

  const checked = state.phase === "done" ? state.checked : undefined;
  const found = checked !== undefined && noFormReason(checked) === undefined;
  const shown = checked ? checked.findings.filter((f) => !filter || f.severity === filter) : [];

  const highlight = () =>
    hostAction(async () => {
      const targets = highlightTargets(shown);
      await host.highlight(targets);
      if (browser && state.phase === "done" && state.bytes) {
        const { highlightedCopy } = await import(/* webpackChunkName: "exceljs" */ "../highlight-file");
        const copy = await highlightedCopy(state.bytes, shown);
        const name = withSuffix(browser.fileName ?? "bao-cao.xlsx", "-to-mau");
        download(copy.bytes, name);
        return `Đã tải xuống bản sao ${name}: ${copy.cells} ô được tô màu (đỏ: lỗi, cam: cảnh báo, xanh: thông tin), mỗi ô có ghi chú nội dung. Tệp gốc không bị sửa.`;
      }
      return `Đã tô màu ${targets.length} ô (đỏ: lỗi, cam: cảnh báo, xanh: thông tin).`;
    });
  const clear = () =>
    hostAction(async () => {
      await host.clearHighlights();
      return browser ? "Đã bỏ đánh dấu các ô (bản sao đã tải xuống vẫn giữ màu)." : "Đã xóa tô màu của tiện ích.";
    });
  const exportSheet = () =>
    hostAction(async () => {
      const { header, rows } = findingsTable(checked!.findings);
      const name = freeSheetName("Kết quả kiểm tra", await host.sheetNames());
      await host.addTableSheet(name, header, rows);
      return host.kind === "browser"
        ? `Đã tải xuống bảng kết quả kiểm tra (${rows.length} dòng).`
        : `Đã thêm trang “${name}” (${rows.length} dòng).`;
    });

  const counts = checked?.counts;
  const announce =
    state.phase === "done" && checked
      ? found
        ? `Kiểm tra xong: ${counts!.error} lỗi, ${counts!.warning} cảnh báo, ${counts!.info} thông tin.`
        : "Không tìm thấy biểu mẫu nào."
      : state.phase === "error"
        ? "Không kiểm tra được."
        : "";

  return (
    <div className={s.panel}>
      <p className={s.help}>Kiểm tra tỷ lệ, tổng, thành phần ≤ tổng, mã trả lời và ô bỏ trống theo quy tắc của biểu mẫu.</p>
      <div className={s.row} style={{ alignItems: "flex-end" }}>
        <Field label="Đối chiếu với mẫu" style={{ flexGrow: 1, minWidth: 160 }}>
          <TemplateSelect
            templates={templates}
            value={templateId}
            onChange={setTemplateId}
            testId="validate-template"
            autoLabel="Tự nhận biết"
          />
        </Field>
        <Button
          appearance="primary"
          onClick={() => void run()}
          disabled={state.phase === "loading" || needsFile}
          data-testid="validate-run"
        >
          Kiểm tra
        </Button>
      </div>
      <TargetsPicker templates={templates} onChange={setTargets} />
      {needsFile && state.phase !== "loading" && (
        <Note intent="info" testId="validate-empty">
          Mở một tệp .xlsx ở trên để kiểm tra.
        </Note>
      )}
      {state.phase === "idle" && !needsFile && <p className={s.help}>Bấm “Kiểm tra” để đọc sổ làm việc đang mở.</p>}
      {state.phase === "loading" && <Spinner size="small" label="Đang đọc và kiểm tra…" data-testid="validate-loading" />}
      <Announce text={announce} testId="validate-announce" />
      <div ref={resultRef} tabIndex={-1} className={s.result} data-testid="validate-result">
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
              <h2 className={s.sectionTitle}>Kết quả kiểm tra</h2>
              <Text size={200} className={s.wrap} block>
                {state.source} · {templateLabel(checked.located.template!)}
                {checked.located.unit ? ` · ${checked.located.unit}` : ""}
                {checked.located.period ? ` · ${checked.located.period}` : ""} · {checked.located.forms.length} biểu
              </Text>
              <div className={s.row} style={{ marginTop: 6 }} role="group" aria-label="Lọc theo mức độ">
                {SEVERITIES.map((sev) => (
                  <Button
                    key={sev}
                    size="small"
                    appearance={filter === sev ? "primary" : "outline"}
                    aria-pressed={filter === sev}
                    data-testid={`count-${sev}`}
                    data-count={counts![sev]}
                    disabled={counts![sev] === 0}
                    onClick={() => setFilter((f) => (f === sev ? undefined : sev))}
                    title={filter === sev ? "Bỏ lọc: hiện tất cả" : "Chỉ hiện mức này"}
                  >
                    <SeverityBadge severity={sev} count={counts![sev]} />
                  </Button>
                ))}
              </div>
            </div>
            {browser && state.bytes !== browser.currentBytes() && (
              <Note intent="warning" testId="validate-stale">
                Tệp đã thay đổi sau lần kiểm tra này: bấm “Kiểm tra” để kiểm tra lại.
              </Note>
            )}
            {counts!.error === 0 && counts!.warning === 0 && (
              <Note intent="success" testId="validate-ok">
                Không có lỗi hay cảnh báo nào.
              </Note>
            )}
            <FindingList
              findings={shown}
              template={checked.located.template}
              filter={filter}
              selected={selected}
              showSelected={browser !== undefined}
              onSelect={(f) => void select(f)}
            />
            <div className={s.row}>
              <Button size="small" onClick={() => void highlight()} disabled={busy || shown.length === 0} data-testid="validate-highlight">
                {browser ? "Tô màu các ô (tải bản sao)" : "Tô màu các ô"}
              </Button>
              <Button size="small" onClick={() => void clear()} disabled={busy} data-testid="validate-clear">
                Xóa tô màu
              </Button>
              <Button
                size="small"
                onClick={() => void exportSheet()}
                disabled={busy || checked.findings.length === 0}
                data-testid="validate-export"
              >
                Xuất ra trang tính
              </Button>
            </div>
          </>
        )}
      </div>
      <div ref={actionRef} tabIndex={-1} className={s.result} data-testid="validate-action-area">
        {busy && <Spinner size="tiny" label="Đang làm…" />}
        {action && (
          <Note intent={action.intent} testId="validate-action">
            {action.text}
          </Note>
        )}
        {browser && (browser.highlights().length ?? 0) > 0 && <HighlightList marks={browser.highlights()} />}
      </div>
    </div>
  );
}

/** Plan targets (chỉ tiêu phấn đấu): built-in sets, or one loaded from a JSON file (a wrong file refused in Vietnamese). */
function TargetsPicker({ templates, onChange }: { templates: TemplateSpec[]; onChange: (t: TargetSet | undefined) => void }) {
  const s = useCommonStyles();
  const [targetSets, setTargetSets] = useState<TargetSet[]>(() => builtinTargetSets(templates));
  const [targetsId, setId] = useState("");
  const [targetsError, setTargetsError] = useState<string>();
  const targets = targetSets.find((t) => t.id === targetsId);
  const setTargetsId = (id: string, sets = targetSets) => {
    setId(id);
    onChange(sets.find((t) => t.id === id));
  };
  const loadTargetsFile = async (files: FileList) => {
    setTargetsError(undefined);
    try {
      const file = files[0];
      const set = loadTargets(parseJsonFile(await file.text(), file.name), file.name, templates);
      const sets = [...targetSets.filter((t) => t.id !== set.id), set];
      setTargetSets(sets);
      setTargetsId(set.id, sets);
    } catch (e) {
      setTargetsError(errorText(e));
    }
  };
  return (
    <>
      <details>
        <summary style={{ fontSize: tokens.fontSizeBase200, cursor: "pointer" }}>
          Chỉ tiêu kế hoạch{targets ? `: ${targets.name}` : " (không so)"}
        </summary>
        <div className={s.row} style={{ alignItems: "flex-end", marginTop: 6 }}>
          <Field label="Chưa đạt chỉ tiêu là thông tin, không phải lỗi" style={{ flexGrow: 1, minWidth: 160 }}>
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
      </details>
      {targetsError && (
        <Note intent="error" title="Không dùng được tệp chỉ tiêu" testId="validate-targets-error">
          {targetsError}
        </Note>
      )}
    </>
  );
}

function HighlightList({ marks }: { marks: { ref: string; severity: HighlightSeverity }[] }) {
  const s = useCommonStyles();
  const word: Record<HighlightSeverity, string> = { error: "lỗi", warning: "cảnh báo", info: "thông tin" };
  return (
    <details data-testid="highlight-list">
      <summary style={{ fontSize: tokens.fontSizeBase200, cursor: "pointer" }}>Các ô đã tô màu ({marks.length})</summary>
      <ul className={s.plainList}>
        {marks.map((m) => (
          <li key={m.ref} data-cell={m.ref} data-severity={m.severity}>
            <span className={s.mono}>{m.ref}</span> — {word[m.severity]}
          </li>
        ))}
      </ul>
    </details>
  );
}
