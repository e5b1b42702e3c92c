/** "Tổng hợp": many units' workbooks → the province's sheets, with every missing, duplicate or bad file visible. */
import { Button, Checkbox, Field, ProgressBar, Select, Spinner, Text, tokens } from "@fluentui/react-components";
import { useMemo } from "react";
import type { TemplateSpec } from "../../catalog/types";
import type { Consolidation } from "../../core/consolidate";
import type { WorkbookHost } from "../../core/host";
import { commonPeriod } from "../../xlsx/write-consolidation";
import { consolidationAnnouncement, type ConsolidationOutcome, countSentences, statusCount } from "../../app/consolidation";
import { intoChoices } from "../../app/templates";
import { useConsolidation } from "../hooks/use-consolidation";
import { templateLabel } from "../pane-text";
import { Announce, Note, TemplateSelect, useCommonStyles } from "./common";
import { HeaderFields } from "./HeaderFields";
import { FileRows } from "./consolidate/FileRows";
import { Problems } from "./consolidate/Problems";
import { RosterPicker } from "./consolidate/RosterPicker";
import { UnitList } from "./consolidate/UnitList";
import { UnitPicker } from "./consolidate/UnitPicker";
import { RankingChart } from "./RankingChart";

export interface ConsolidatePanelProps {
  host: WorkbookHost;
  templates: TemplateSpec[];
  /** Browser mode: open one unit's file in Kiểm tra (its bytes are already in memory). */
  onOpenUnit?: (file: string, bytes: Uint8Array) => void;
}

type Consolidating = ReturnType<typeof useConsolidation>;

export function ConsolidatePanel(props: ConsolidatePanelProps) {
  const s = useCommonStyles();
  const c = useConsolidation(props.host, props.templates);
  const { files, reading, outcome, written } = c;
  return (
    <div className={s.panel}>
      <p className={s.help}>
        Chọn các tệp báo cáo của đơn vị (xã, phường, sở, ngành). Mỗi tệp được kiểm tra; đơn vị thiếu, gửi trùng, tệp hỏng đều được liệt kê.
        Tệp chỉ đọc trong trình duyệt, không gửi đi đâu.
      </p>
      <UnitPicker files={files} reading={reading.reading} />
      <RosterPicker roster={files.roster} error={files.rosterError} onFile={(f) => void files.loadRoster(f)} onClear={files.clearRoster} />
      <ConsolidateOptions c={c} templates={props.templates} />
      <div className={s.row}>
        <Button
          appearance="primary"
          disabled={reading.reading || files.sources.length === 0}
          onClick={() => void c.run()}
          data-testid="consolidate-run"
        >
          Tổng hợp
        </Button>
        {reading.reading && (
          <Button onClick={reading.cancel} data-testid="consolidate-cancel">
            Dừng
          </Button>
        )}
      </div>
      <ReadingProgress c={c} />
      <Announce text={reading.reading ? "" : announceOf(outcome, written.outcome?.text)} testId="consolidate-announce" />
      <div ref={reading.resultRef} tabIndex={-1} className={s.result} data-testid="consolidate-result">
        {outcome && !outcome.ok && (
          <Note intent="error" title="Không tổng hợp được" testId="consolidate-error">
            {outcome.message.replace(/^Không tổng hợp được:\s*/, "")}
          </Note>
        )}
        {outcome?.ok && <ConsolidationResult c={c} result={outcome.result} {...props} />}
      </div>
      <div ref={written.ref} tabIndex={-1} className={s.result}>
        {written.outcome && (
          <Note intent={written.outcome.intent} testId="consolidate-write-result">
            {written.outcome.text}
          </Note>
        )}
      </div>
      <FileRows reading={reading.reading} rows={reading.rows} sources={files.sources} />
    </div>
  );
}

function announceOf(outcome: ConsolidationOutcome | undefined, written?: string): string {
  if (written) return written;
  if (!outcome) return "";
  if (!outcome.ok) return outcome.message;
  return consolidationAnnouncement(outcome.result);
}

/** Leave out units with errors; the template to consolidate; the province form to write too. */
function ConsolidateOptions({ c, templates }: { c: Consolidating; templates: TemplateSpec[] }) {
  const s = useCommonStyles();
  const o = c.options;
  const intoOptions = useMemo(() => intoChoices(templates), [templates]);
  return (
    <div style={{ display: "flex", flexDirection: "column", rowGap: 6 }}>
      <Checkbox
        checked={o.excludeErrors}
        onChange={(_, d) => o.setExcludeErrors(d.checked === true)}
        label="Không cộng các đơn vị có lỗi (vẫn liệt kê)"
        data-testid="consolidate-exclude-errors"
      />
      <Field label="Mẫu tổng hợp" className={s.field}>
        <TemplateSelect
          templates={templates}
          value={o.templateId}
          onChange={o.setTemplateId}
          testId="consolidate-template"
          autoLabel="Tự nhận biết (mẫu đa số tệp dùng)"
        />
      </Field>
      <Field label="Ghi thêm biểu của tỉnh" className={s.field}>
        <Select className={s.select} value={o.into} onChange={(_, d) => o.setInto(d.value)} data-testid="consolidate-into">
          <option value="">Không</option>
          {intoOptions.map((t) => (
            <option key={t.id} value={t.id} title={t.name}>
              {templateLabel(t)}
            </option>
          ))}
        </Select>
      </Field>
    </div>
  );
}

function ReadingProgress({ c }: { c: Consolidating }) {
  const { reading, rows, progress } = c.reading;
  if (!reading && rows.length === 0) return null;
  return (
    <div data-testid="consolidate-progress" data-done={progress.done} data-total={progress.total} role="status">
      <ProgressBar value={progress.total ? progress.done / progress.total : 0} thickness="large" aria-label="Tiến độ đọc tệp" />
      <Text size={200}>
        Đã đọc {progress.done}/{progress.total} tệp{reading ? "…" : "."}
      </Text>
    </div>
  );
}

/** The summary, "Ghi bảng tổng hợp", each unit, the problems, the ranking and the province sheets' header. */
function ConsolidationResult({ c, result, host, onOpenUnit }: ConsolidatePanelProps & { c: Consolidating; result: Consolidation }) {
  const s = useCommonStyles();
  const roster = c.files.roster;
  const warn = result.missing.length || result.skipped.length || statusCount(result, "errors");
  return (
    <>
      <h2 className={s.sectionTitle}>Kết quả tổng hợp</h2>
      <Note
        intent={warn ? "warning" : "success"}
        testId="consolidate-summary"
        title={`${templateLabel(result.template)}${result.period ? `, kỳ ${result.period}` : ""}: ${result.units.length} tệp`}
      >
        {countSentences(result, { rosterSize: roster?.names.length }).join(" ")}
      </Note>
      <div className={s.row}>
        <Button appearance="primary" onClick={() => void c.write()} disabled={c.written.busy} data-testid="consolidate-write">
          Ghi bảng tổng hợp
        </Button>
        {c.written.busy && <Spinner size="tiny" label="Đang ghi…" />}
      </div>
      <UnitList result={result} onOpen={onOpenUnit ? (f) => void c.openUnit(f, onOpenUnit) : undefined} />
      <Problems result={result} />
      <RankingChart result={result} />
      <ProvinceHeader result={result} c={c} />
      <p className={s.help}>
        {host.kind === "excel" ? "Các trang tổng hợp được thêm vào sổ làm việc đang mở." : "Tệp tong-hop.xlsx được tải xuống."} Mỗi số tổng
        hợp là công thức trên trang Chi tiết, truy được về từng đơn vị và tệp gốc.
      </p>
    </>
  );
}

/** The header of the province sheets: the consolidating unit and the period (default: the units' common period). */
function ProvinceHeader({ result, c }: { result: Consolidation; c: Consolidating }) {
  const h = c.header;
  return (
    <details>
      <summary style={{ cursor: "pointer", fontSize: tokens.fontSizeBase200 }}>Đầu biểu: đơn vị tổng hợp và kỳ báo cáo</summary>
      <div style={{ display: "flex", flexDirection: "column", rowGap: 6, marginTop: 6 }}>
        <HeaderFields
          testIdPrefix="consolidate"
          unitLabel="Đơn vị tổng hợp"
          unitPlaceholder="Ví dụ: Sở Nội vụ tỉnh Sơn La"
          periodPlaceholder={commonPeriod(result) ?? "Ví dụ: Quý I năm 2025"}
          unit={h.unit}
          period={h.period}
          onUnit={h.setUnit}
          onPeriod={h.setPeriod}
        />
      </div>
    </details>
  );
}
