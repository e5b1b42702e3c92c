/** "Tính tỷ lệ": computes blank rates and totals, writes them, and can undo its own writes. */
import { Badge, Button, Checkbox, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { TemplateSpec } from "../../catalog/types";
import type { FillAction } from "../../core/fill";
import type { WorkbookHost } from "../../core/host";
import type { BrowserHost } from "../../browser/browser-host";
import { withSuffix } from "../../browser/file-names";
import { undoNote } from "../../excel/excel-host"; // what Ctrl+Z does in the running Excel (ExcelApi 1.20)
import { FILL_ACTION_LABEL, fillMessage } from "../actions";
import { fillAnnouncement, type FillResult, fillSummaryText, useFill } from "../hooks/use-fill";
import { paneText, type Unsettled } from "../pane-text";
import { Announce, Note, SeverityBadge, useCommonStyles } from "./common";

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

export function FillPanel(props: { host: WorkbookHost; browser?: BrowserHost; templates: TemplateSpec[]; openSeq: number }) {
  const { host, browser } = props;
  const s = useCommonStyles();
  const fill = useFill(host, props.templates, props.openSeq);
  const { busy, result, error, info } = fill;
  const needsFile = browser !== undefined && !browser.hasFile();
  return (
    <div className={s.panel}>
      <p className={s.help}>
        Tính các ô tỷ lệ và tổng còn trống từ số liệu đã nhập (ví dụ Biểu 1 dòng 2 = 2.2 / 2.1 × 100). Số người nhập được giữ nguyên, trừ
        khi chọn ghi đè.
      </p>
      <FillOptions fill={fill} />
      <div className={s.row}>
        <Button appearance="primary" onClick={() => void fill.run()} disabled={busy !== undefined || needsFile} data-testid="fill-run">
          Tính và ghi
        </Button>
        <Button onClick={() => void fill.undoLast()} disabled={busy !== undefined || !fill.canUndo} data-testid="fill-undo">
          Hoàn tác
        </Button>
        {busy && <Spinner size="tiny" label={busy === "run" ? "Đang tính…" : "Đang hoàn tác…"} />}
      </div>
      {host.kind === "excel" && <p className={s.help}>{undoNote()}</p>}
      {browser && <DownloadRow browser={browser} />}
      {needsFile && (
        <Note intent="info" testId="fill-empty">
          Mở một tệp .xlsx ở trên để tính.
        </Note>
      )}
      <Announce text={fillAnnouncement(result, error, info)} testId="fill-announce" />
      <div ref={fill.resultRef} tabIndex={-1} className={s.result} data-testid="fill-result">
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
        {result && <FillResultView result={result} />}
      </div>
    </div>
  );
}

function FillOptions({ fill }: { fill: ReturnType<typeof useFill> }) {
  return (
    <>
      <div style={{ display: "flex", flexDirection: "column" }}>
        <Checkbox
          checked={fill.formulas}
          onChange={(_, d) => fill.setFormulas(d.checked === true)}
          label="Ghi công thức (thay cho giá trị)"
          data-testid="fill-formulas"
        />
        <Checkbox
          checked={fill.overwrite}
          onChange={(_, d) => fill.setOverwrite(d.checked === true)}
          label="Ghi đè số đã nhập nếu sai"
          data-testid="fill-overwrite"
        />
      </div>
      {fill.overwrite && (
        <Note intent="warning" testId="fill-overwrite-warning">
          Các số người nhập khác với phép tính sẽ bị thay; mỗi ô bị thay được liệt kê cùng giá trị cũ và có thể hoàn tác.
        </Note>
      )}
    </>
  );
}

/** Browser mode: the file with the computed numbers, as a download (the officer's own file is never changed). */
function DownloadRow({ browser }: { browser: BrowserHost }) {
  const s = useCommonStyles();
  return (
    <div className={s.row}>
      <Button
        onClick={() => browser.downloadCurrent(withSuffix(browser.fileName ?? "bao-cao.xlsx", "-da-tinh"))}
        disabled={!browser.isModified()}
        data-testid="fill-download"
      >
        Tải tệp đã tính
      </Button>
      <Text size={200}>{browser.isModified() ? "Tệp gốc không bị sửa; tệp tải xuống có các số vừa tính." : "Chưa có gì thay đổi."}</Text>
    </div>
  );
}

function FillResultView({ result }: { result: FillResult }) {
  const s = useCommonStyles();
  return (
    <>
      <h2 className={s.sectionTitle}>Kết quả tính</h2>
      <Note intent={result.actions.length === 0 ? (result.unsettled.length ? "warning" : "info") : "success"} testId="fill-summary">
        {fillSummaryText(result)}
      </Note>
      {result.unsettled.length > 0 && <UnsettledList items={result.unsettled} />}
      {result.actions.length > 0 && (
        <ul className={s.list} data-testid="fill-actions" aria-label="Các ô đã tính">
          {result.actions.map((a, i) => (
            <FillActionItem key={i} action={a} />
          ))}
        </ul>
      )}
    </>
  );
}

function FillActionItem({ action: a }: { action: FillAction }) {
  const f = useStyles();
  return (
    <li className={f.item} data-testid="fill-action" data-cell={a.cell} data-action={a.action} data-value={a.value}>
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
  );
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
