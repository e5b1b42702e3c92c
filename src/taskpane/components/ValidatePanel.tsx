/** "Kiểm tra": validates the open workbook; findings grouped by form; a click shows the cell. */
import { Button, Field, Spinner, Text, tokens } from "@fluentui/react-components";
import { useState } from "react";
import type { TargetSet } from "../../catalog/targets";
import type { HighlightSeverity } from "../../core/host";
import { validationAnnouncement } from "../../app/validate";
import { useValidation, type ValidationInput } from "../hooks/use-validation";
import { SEVERITIES, templateLabel } from "../pane-text";
import { Announce, Note, SeverityBadge, TemplateSelect, useCommonStyles, useRemembered } from "./common";
import { FindingList } from "./FindingList";
import { TargetsPicker } from "./TargetsPicker";

/** `onRecognised`: the template the open workbook was recognised as (the insert area then offers it). */
export type ValidatePanelProps = ValidationInput;

type Checking = ReturnType<typeof useValidation>;

export function ValidatePanel(props: ValidatePanelProps) {
  const { browser, templates } = props;
  const s = useCommonStyles();
  const [templateId, setTemplateId] = useRemembered("validate-template", "", (v) => v === "" || templates.some((t) => t.id === v));
  const [targets, setTargets] = useState<TargetSet>();
  const v = useValidation(props, templateId, targets);
  const { state, validation } = v;
  const needsFile = browser !== undefined && !browser.hasFile();
  const announce = validation ? validationAnnouncement(validation) : state.phase === "error" ? "Không kiểm tra được." : "";

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
          onClick={() => void v.run()}
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
      <div ref={v.resultRef} tabIndex={-1} className={s.result} data-testid="validate-result">
        {state.phase === "error" && (
          <Note intent="error" title="Không kiểm tra được" testId="validate-error">
            {state.message}
          </Note>
        )}
        {validation?.noForm !== undefined && (
          <Note intent="warning" title="Không tìm thấy biểu mẫu nào" testId="validate-no-form">
            {validation.noForm}
          </Note>
        )}
        {validation && validation.noForm === undefined && <ValidationResult {...props} v={v} />}
      </div>
      <ActionArea {...props} v={v} />
    </div>
  );
}

/** What was checked, the counts (each a filter), the findings and what can be done with them. */
function ValidationResult({ v, browser }: ValidatePanelProps & { v: Checking }) {
  const s = useCommonStyles();
  if (v.state.phase !== "done") return null;
  const { checked } = v.state.validation;
  const located = checked.located;
  const counts = checked.counts;
  return (
    <>
      <div data-testid="validate-summary">
        <h2 className={s.sectionTitle}>Kết quả kiểm tra</h2>
        <Text size={200} className={s.wrap} block>
          {v.state.source} · {templateLabel(located.template!)}
          {located.unit ? ` · ${located.unit}` : ""}
          {located.period ? ` · ${located.period}` : ""} · {located.forms.length} biểu
        </Text>
        <SeverityFilter counts={counts} filter={v.filter} onFilter={v.setFilter} />
      </div>
      {browser && v.state.bytes !== browser.currentBytes() && (
        <Note intent="warning" testId="validate-stale">
          Tệp đã thay đổi sau lần kiểm tra này: bấm “Kiểm tra” để kiểm tra lại.
        </Note>
      )}
      {counts.error === 0 && counts.warning === 0 && (
        <Note intent="success" testId="validate-ok">
          Không có lỗi hay cảnh báo nào.
        </Note>
      )}
      <FindingList
        findings={v.shown}
        template={located.template}
        filter={v.filter}
        selected={v.selected}
        showSelected={browser !== undefined}
        onSelect={(f) => void v.select(f)}
      />
      <div className={s.row}>
        <Button
          size="small"
          onClick={() => void v.highlight()}
          disabled={v.action.busy || v.shown.length === 0}
          data-testid="validate-highlight"
        >
          {browser ? "Tô màu các ô (tải bản sao)" : "Tô màu các ô"}
        </Button>
        <Button size="small" onClick={() => void v.clear()} disabled={v.action.busy} data-testid="validate-clear">
          Xóa tô màu
        </Button>
        <Button
          size="small"
          onClick={() => void v.exportSheet()}
          disabled={v.action.busy || checked.findings.length === 0}
          data-testid="validate-export"
        >
          Xuất ra trang tính
        </Button>
      </div>
    </>
  );
}

/** One button per severity with its count; pressing one shows only that severity. */
function SeverityFilter(props: {
  counts: Record<HighlightSeverity, number>;
  filter?: HighlightSeverity;
  onFilter: (f: (old: HighlightSeverity | undefined) => HighlightSeverity | undefined) => void;
}) {
  const s = useCommonStyles();
  const { counts, filter } = props;
  return (
    <div className={s.row} style={{ marginTop: 6 }} role="group" aria-label="Lọc theo mức độ">
      {SEVERITIES.map((sev) => (
        <Button
          key={sev}
          size="small"
          appearance={filter === sev ? "primary" : "outline"}
          aria-pressed={filter === sev}
          data-testid={`count-${sev}`}
          data-count={counts[sev]}
          disabled={counts[sev] === 0}
          onClick={() => props.onFilter((f) => (f === sev ? undefined : sev))}
          title={filter === sev ? "Bỏ lọc: hiện tất cả" : "Chỉ hiện mức này"}
        >
          <SeverityBadge severity={sev} count={counts[sev]} />
        </Button>
      ))}
    </div>
  );
}

/** What the last highlight, clear or export did; in a browser, the cells marked so far. */
function ActionArea({ v, browser }: ValidatePanelProps & { v: Checking }) {
  const s = useCommonStyles();
  const { busy, outcome } = v.action;
  return (
    <div ref={v.action.ref} tabIndex={-1} className={s.result} data-testid="validate-action-area">
      {busy && <Spinner size="tiny" label="Đang làm…" />}
      {outcome && (
        <Note intent={outcome.intent} testId="validate-action">
          {outcome.text}
        </Note>
      )}
      {browser && (browser.highlights().length ?? 0) > 0 && <HighlightList marks={browser.highlights()} />}
    </div>
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
