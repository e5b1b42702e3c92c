/** "Tính tỷ lệ": computes blank rates and totals, writes them, and can undo its own writes. */
import { Badge, Button, Checkbox, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { TemplateSpec } from "../../catalog/types";
import { checkWorkbook } from "../../core/check-workbook";
import { type FillAction, planFill } from "../../core/fill";
import type { CellSnapshot, WorkbookHost } from "../../core/host";
import { noFormReason } from "../../app/forms-found";
import { FILL_ACTION_LABEL, fillCounts, fillMessage, fillWrites, withSuffix } from "../actions";
import type { BrowserHost } from "../../browser/browser-host";
import { undoNote } from "../../excel/excel-host"; // what Ctrl+Z does in the running Excel (ExcelApi 1.20)
import { paneText, type Unsettled, unsettledFindings } from "../pane-text";
import { Announce, errorText, Note, paint, SeverityBadge, useBringIntoView, useCommonStyles } from "./common";

const useStyles = makeStyles({
  item: {
    display: "flex",
    flexDirection: "column",
    rowGap: "2px",
    padding: "6px 8px",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    overflowWrap: "anywhere",
  },
  head: { display: "flex", flexWrap: "wrap", alignItems: "center", columnGap: "6px" },
  cell: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorNeutralForeground2 },
  reason: { color: tokens.colorNeutralForeground2, fontStyle: "italic" },
});

const ACTION_COLOR: Record<FillAction["action"], "success" | "warning" | "informative"> = {
  filled: "success",
  overwritten: "warning",
  kept: "informative",
};

type Result = { actions: FillAction[]; written: number; unsettled: Unsettled[] };

export function FillPanel(props: { host: WorkbookHost; browser?: BrowserHost; templates: TemplateSpec[]; openSeq: number }) {
  const { host, browser, templates } = props;
  const s = useCommonStyles();
  const f = useStyles();
  const [formulas, setFormulas] = useState(false);
  const [overwrite, setOverwrite] = useState(false);
  const [busy, setBusy] = useState<"run" | "undo" | undefined>();
  const [result, setResult] = useState<Result>();
  const [error, setError] = useState<string>();
  const [info, setInfo] = useState<string>();
  /** One entry per write, latest last: "Hoàn tác" undoes the latest. */
  const [undo, setUndo] = useState<CellSnapshot[][]>([]);
  const needsFile = browser !== undefined && !browser.hasFile();
  const [resultRef, bringResult] = useBringIntoView<HTMLDivElement>();

  // A newly opened file: the previous results and undo steps belonged to the old one.
  useEffect(() => {
    setResult(undefined);
    setUndo([]);
    setError(undefined);
    setInfo(undefined);
  }, [props.openSeq]);

  const run = async () => {
    setBusy("run");
    setError(undefined);
    setInfo(undefined);
    setResult(undefined);
    try {
      await paint();
      const grid = await host.readGrid();
      const checked = checkWorkbook(grid, templates);
      const noForm = noFormReason(checked, "Không tìm thấy biểu mẫu nào trong sổ làm việc.");
      if (noForm) throw new Error(noForm);
      const actions = planFill(checked.forms, { formulas, overwrite });
      const writes = fillWrites(actions);
      const snapshots = writes.length > 0 ? await host.writeCells(writes) : [];
      if (snapshots.length > 0) setUndo((u) => [...u, snapshots]);
      setResult({ actions, written: writes.length, unsettled: unsettledFindings(checked.findings, actions) });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(undefined);
      bringResult();
    }
  };

  const undoLast = async () => {
    const last = undo[undo.length - 1];
    if (!last) return;
    setBusy("undo");
    setError(undefined);
    try {
      await host.restoreCells(last);
      setUndo((u) => u.slice(0, -1));
      setResult(undefined);
      setInfo(`Đã hoàn tác: ${last.length} ô trở lại như trước khi tính.`);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(undefined);
      bringResult();
    }
  };

  const counts = result ? fillCounts(result.actions) : undefined;
  return (
    <div className={s.panel}>
      <p className={s.help}>
        Tính các ô tỷ lệ và tổng còn trống từ số liệu đã nhập (ví dụ Biểu 1 dòng 2 = 2.2 / 2.1 × 100). Số người nhập được giữ nguyên, trừ
        khi chọn ghi đè.
      </p>
      <div style={{ display: "flex", flexDirection: "column" }}>
        <Checkbox
          checked={formulas}
          onChange={(_, d) => setFormulas(d.checked === true)}
          label="Ghi công thức (thay cho giá trị)"
          data-testid="fill-formulas"
        />
        <Checkbox
          checked={overwrite}
          onChange={(_, d) => setOverwrite(d.checked === true)}
          label="Ghi đè số đã nhập nếu sai"
          data-testid="fill-overwrite"
        />
      </div>
      {overwrite && (
        <Note intent="warning" testId="fill-overwrite-warning">
          Các số người nhập khác với phép tính sẽ bị thay; mỗi ô bị thay được liệt kê cùng giá trị cũ và có thể hoàn tác.
        </Note>
      )}
      <div className={s.row}>
        <Button appearance="primary" onClick={() => void run()} disabled={busy !== undefined || needsFile} data-testid="fill-run">
          Tính và ghi
        </Button>
        <Button onClick={() => void undoLast()} disabled={busy !== undefined || undo.length === 0} data-testid="fill-undo">
          Hoàn tác
        </Button>
        {busy && <Spinner size="tiny" label={busy === "run" ? "Đang tính…" : "Đang hoàn tác…"} />}
      </div>
      {host.kind === "excel" && <p className={s.help}>{undoNote()}</p>}
      {browser && (
        <div className={s.row}>
          <Button
            onClick={() => browser.downloadCurrent(withSuffix(browser.fileName ?? "bao-cao.xlsx", "-da-tinh"))}
            disabled={!browser.isModified()}
            data-testid="fill-download"
          >
            Tải tệp đã tính
          </Button>
          <Text size={200}>
            {browser.isModified() ? "Tệp gốc không bị sửa; tệp tải xuống có các số vừa tính." : "Chưa có gì thay đổi."}
          </Text>
        </div>
      )}
      {needsFile && (
        <Note intent="info" testId="fill-empty">
          Mở một tệp .xlsx ở trên để tính.
        </Note>
      )}
      <Announce text={announceOf(result, error, info)} testId="fill-announce" />
      <div ref={resultRef} tabIndex={-1} className={s.result} data-testid="fill-result">
        {error && (
          <Note intent="error" title="Không tính được" testId="fill-error">
            {error}
          </Note>
        )}
        {info && (
          <Note intent="success" testId="fill-info">
            {info}
          </Note>
        )}
        {result && counts && (
          <>
            <h2 className={s.sectionTitle}>Kết quả tính</h2>
            <Note intent={result.actions.length === 0 ? (result.unsettled.length ? "warning" : "info") : "success"} testId="fill-summary">
              {summaryText(result, counts)}
            </Note>
            {result.unsettled.length > 0 && <UnsettledList items={result.unsettled} />}
            {result.actions.length > 0 && (
              <ul className={s.list} data-testid="fill-actions" aria-label="Các ô đã tính">
                {result.actions.map((a, i) => (
                  <li key={i} className={f.item} data-testid="fill-action" data-cell={a.cell} data-action={a.action} data-value={a.value}>
                    <span className={f.head}>
                      <Badge color={ACTION_COLOR[a.action]} shape="rounded">
                        {FILL_ACTION_LABEL[a.action]}
                      </Badge>
                      <strong>
                        Biểu {a.form} · {a.code}
                      </strong>
                      <span className={f.cell}>{a.cell}</span>
                    </span>
                    <span>{fillMessage(a)}</span>
                    {a.action === "overwritten" && a.previous !== undefined && <span>Giá trị cũ: “{a.previous}”</span>}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
    </div>
  );
}

function summaryText(result: Result, counts: { filled: number; overwritten: number; kept: number }): string {
  const left = result.unsettled.length;
  const leftText = left ? ` Còn ${left} điều Tính tỷ lệ không tự sửa được (xem dưới): cán bộ quyết định.` : "";
  if (result.actions.length === 0) {
    return left
      ? `Không ghi ô nào: các ô tỷ lệ và tổng còn trống đều đã có số, nhưng số liệu vẫn chưa khớp.${leftText}`
      : "Không có ô nào cần tính: các ô tỷ lệ và tổng đã có số đúng, hoặc chưa đủ số liệu để tính.";
  }
  return `Đã ghi ${result.written} ô: điền ${counts.filled}, thay ${counts.overwritten}; giữ nguyên ${counts.kept} ô do người nhập.${leftText}`;
}

function announceOf(result: Result | undefined, error: string | undefined, info: string | undefined): string {
  if (error) return `Không tính được: ${error}`;
  if (info) return info;
  if (!result) return "";
  return summaryText(result, fillCounts(result.actions));
}

/** What filling cannot settle, each with the reason (an identity between typed numbers is the officer's call). */
function UnsettledList({ items }: { items: Unsettled[] }) {
  const s = useCommonStyles();
  const f = useStyles();
  return (
    <section data-testid="fill-unsettled" data-count={items.length} aria-label="Không tự tính được, cần xem lại">
      <h2 className={s.sectionTitle}>Không tự tính được, cần xem lại ({items.length})</h2>
      <ul className={s.list}>
        {items.map(({ finding, reason }, i) => (
          <li
            key={i}
            className={f.item}
            data-testid="fill-unsettled-item"
            data-cell={finding.cell}
            data-rule={finding.rule}
            data-code={finding.code}
          >
            <span className={f.head}>
              <SeverityBadge severity={finding.severity} />
              <strong>
                Biểu {finding.form}
                {finding.code ? ` · ${finding.code}` : ""}
              </strong>
              {finding.cell && <span className={f.cell}>{finding.cell}</span>}
            </span>
            <span>{paneText(finding.message)}</span>
            <span className={f.reason}>Vì sao không tự sửa: {reason}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
