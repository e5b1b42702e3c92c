/** "Tổng hợp": many units' workbooks → the province's sheets, with every missing, duplicate or bad file visible. */
import { Badge, Button, Checkbox, Field, Input, ProgressBar, Select, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useMemo, useRef, useState } from "react";
import type { TemplateSpec } from "../../catalog/types";
import type { Consolidation, UnitInput, UnitStatus } from "../../core/consolidate";
import type { WorkbookHost } from "../../core/host";
import {
  consolidationAnnouncement,
  consolidationBytes,
  FILE_STATE_LABEL,
  type FileProgress,
  type FileState,
  formatBytes,
  intoChoices,
  mergeSources,
  parseRoster,
  readUnitSources,
  runConsolidation,
  statusCount,
  UNIT_STATUS_LABEL,
  type UnitSource,
} from "../actions";
import { pickDrop, pickFileList, type PickedFiles, sourcesFromFileList } from "../dropped-files";
import { templateLabel } from "../pane-text";
import { fetchSampleUnits, wantsSamples } from "../samples";
import { commonPeriod } from "../../xlsx/write-consolidation";
import {
  Announce,
  DropZone,
  errorText,
  FilePickButton,
  Note,
  paint,
  useBringIntoView,
  useCommonStyles,
  TemplateSelect,
  useRemembered,
} from "./common";
import { RankingChart } from "./RankingChart";

const useStyles = makeStyles({
  item: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "baseline",
    columnGap: "6px",
    rowGap: "2px",
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    padding: "3px 0",
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    overflowWrap: "anywhere",
  },
  name: { fontWeight: tokens.fontWeightSemibold },
  reason: { color: tokens.colorNeutralForeground3, flexBasis: "100%" },
});

const STATE_COLOR: Record<FileState | "pending", "success" | "warning" | "danger" | "informative"> = {
  ok: "success",
  errors: "danger",
  unreadable: "danger",
  "no-form": "danger",
  pending: "informative",
};
const STATUS_COLOR: Record<UnitStatus, "success" | "warning" | "danger" | "informative"> = {
  ok: "success",
  errors: "danger",
  excluded: "warning",
  duplicate: "informative",
  unreadable: "danger",
  "no-form": "danger",
  "other-template": "danger",
  "own-output": "informative",
  "other-period": "warning",
};

/** At most this many file rows on screen; beyond it only the files with a problem. */
const MAX_ROWS = 300;

export interface ConsolidatePanelProps {
  host: WorkbookHost;
  templates: TemplateSpec[];
  /** Browser mode: open one unit's file in Kiểm tra (its bytes are already in memory). */
  onOpenUnit?: (file: string, bytes: Uint8Array) => void;
}

export function ConsolidatePanel(props: ConsolidatePanelProps) {
  const { host, templates } = props;
  const s = useCommonStyles();
  const [sources, setSources] = useState<UnitSource[]>([]);
  const [roster, setRoster] = useState<{ file: string; names: string[] }>();
  const [rosterError, setRosterError] = useState<string>();
  const [excludeErrors, setExcludeErrors] = useState(false);
  const [into, setInto] = useRemembered("consolidate-into", "", (v) => v === "" || templates.some((t) => t.id === v));
  const [templateId, setTemplateId] = useRemembered("consolidate-template", "", (v) => v === "" || templates.some((t) => t.id === v));
  const [ignored, setIgnored] = useState<string[]>([]);
  const [headerUnit, setHeaderUnit] = useState("");
  const [headerPeriod, setHeaderPeriod] = useState("");
  const [resultRef, bringResult] = useBringIntoView<HTMLDivElement>();
  const [writtenRef, bringWritten] = useBringIntoView<HTMLDivElement>();
  const [reading, setReading] = useState(false);
  const [progress, setProgress] = useState({ done: 0, total: 0 });
  const [rows, setRows] = useState<FileProgress[]>([]);
  const [inputs, setInputs] = useState<UnitInput[]>();
  const [readTemplates, setReadTemplates] = useState<TemplateSpec[]>(templates);
  const [writing, setWriting] = useState(false);
  const [written, setWritten] = useState<{ intent: "success" | "error" | "warning"; text: string }>();
  const abort = useRef({ aborted: false });

  const intoOptions = useMemo(() => intoChoices(templates), [templates]);
  const outcome = useMemo(
    () =>
      inputs
        ? runConsolidation(inputs, readTemplates, { templateId: templateId || undefined, excludeErrors, roster: roster?.names })
        : undefined,
    [inputs, readTemplates, templateId, excludeErrors, roster],
  );

  // npm start's page (?samples=1): the sample unit workbooks and roster, ready to consolidate.
  useEffect(() => {
    if (!wantsSamples()) return;
    fetchSampleUnits()
      .then(async ({ files, roster: rosterFile }) => {
        if (files.length) setSources((old) => mergeSources(old, sourcesFromFileList(files)));
        if (rosterFile)
          setRoster({ file: rosterFile.name, names: parseRoster(rosterFile.name, new Uint8Array(await rosterFile.arrayBuffer())) });
      })
      .catch(() => undefined);
  }, []);

  const addSources = (picked: PickedFiles) => {
    setIgnored(picked.ignored);
    const added = picked.sources;
    if (added.length === 0) return;
    setSources((old) => mergeSources(old, added));
    setInputs(undefined);
    setRows([]);
    setWritten(undefined);
  };

  const loadRoster = async (files: FileList) => {
    const file = files[0];
    setRosterError(undefined);
    try {
      const names = parseRoster(file.name, new Uint8Array(await file.arrayBuffer()));
      setRoster({ file: file.name, names });
    } catch (e) {
      setRoster(undefined);
      setRosterError(errorText(e));
    }
  };

  const run = async () => {
    const list = sources;
    abort.current = { aborted: false };
    setReading(true);
    setInputs(undefined);
    setWritten(undefined);
    setRows([]);
    setProgress({ done: 0, total: list.length });
    const seen: FileProgress[] = [];
    let lastPaint = 0;
    const used = templates;
    try {
      const read = await readUnitSources(list, used, {
        signal: abort.current,
        onFile: (done, total, p) => {
          seen.push(p);
          const now = Date.now();
          if (done === total || now - lastPaint > 100) {
            lastPaint = now;
            setRows([...seen]);
            setProgress({ done, total });
          }
        },
      });
      setRows([...seen]);
      setProgress({ done: read.length, total: list.length });
      setReadTemplates(used);
      setInputs(read);
    } finally {
      setReading(false);
      bringResult();
    }
  };

  const openUnit = async (file: string) => {
    const source = sources.find((x) => x.name === file);
    if (!source || !props.onOpenUnit) return;
    try {
      props.onOpenUnit(file, await source.read());
    } catch (e) {
      setWritten({ intent: "error", text: `${file}: ${errorText(e)}` });
      bringWritten();
    }
  };

  const write = async () => {
    if (!outcome?.ok) return;
    setWriting(true);
    setWritten(undefined);
    try {
      await paint();
      const header = { unit: headerUnit, period: headerPeriod || (outcome.result ? commonPeriod(outcome.result) : undefined) };
      const { bytes, note, into: intoTemplate } = consolidationBytes(outcome.result, readTemplates, into || undefined, header);
      const how = await host.addWorkbookSheets(bytes, "tong-hop.xlsx");
      const sheets = `Biểu mẫu, Xếp hạng, Chi tiết${intoTemplate ? ", Tỉnh - Biểu mẫu" : ""}, Kiểm tra, Nguồn`;
      const text =
        how === "inserted"
          ? `Đã chèn các trang tổng hợp vào sổ làm việc (${sheets}).`
          : `Đã tải xuống tong-hop.xlsx (${formatBytes(bytes.length)}): các trang ${sheets}.`;
      setWritten({ intent: note ? "warning" : "success", text: note ? `${text} ${note}` : text });
    } catch (e) {
      setWritten({ intent: "error", text: errorText(e) });
    } finally {
      setWriting(false);
      bringWritten();
    }
  };

  const totalSize = sources.reduce((a, x) => a + x.size, 0);
  const result = outcome?.ok ? outcome.result : undefined;

  return (
    <div className={s.panel}>
      <p className={s.help}>
        Chọn các tệp báo cáo của đơn vị (xã, phường, sở, ngành). Mỗi tệp được kiểm tra; đơn vị thiếu, gửi trùng, tệp hỏng đều được liệt kê.
        Tệp chỉ đọc trong trình duyệt, không gửi đi đâu.
      </p>
      <DropZone
        testId="consolidate-drop"
        label="Kéo các tệp .xlsx hoặc thư mục vào đây"
        onDrop={(dt) => void pickDrop(dt).then(addSources)}
      >
        <div className={s.row}>
          <FilePickButton
            testId="consolidate-files"
            multiple
            accept=".xlsx,.xls,.xlsm,.ods"
            appearance="primary"
            disabled={reading}
            onFiles={(f) => addSources(pickFileList(f))}
          >
            Chọn tệp…
          </FilePickButton>
          <FilePickButton testId="consolidate-folder" directory disabled={reading} onFiles={(f) => addSources(pickFileList(f))}>
            Chọn thư mục…
          </FilePickButton>
        </div>
        <div className={s.row}>
          <Text size={200} data-testid="consolidate-count" data-count={sources.length}>
            {sources.length ? `${sources.length} tệp (${formatBytes(totalSize)})` : "Hoặc kéo các tệp / thư mục vào khung này."}
          </Text>
          {sources.length > 0 && !reading && (
            <Button
              size="small"
              appearance="subtle"
              data-testid="consolidate-clear"
              onClick={() => {
                setSources([]);
                setIgnored([]);
                setRows([]);
                setInputs(undefined);
                setWritten(undefined);
              }}
            >
              Xóa danh sách
            </Button>
          )}
        </div>
      </DropZone>
      {ignored.length > 0 && (
        <Note intent="warning" title={`Bỏ qua ${ignored.length} tệp không phải Excel trong thư mục`} testId="consolidate-ignored">
          <ul className={s.plainList}>
            {ignored.slice(0, 20).map((n) => (
              <li key={n}>{n}</li>
            ))}
            {ignored.length > 20 && <li>… và {ignored.length - 20} tệp khác</li>}
          </ul>
        </Note>
      )}

      <RosterPicker roster={roster} error={rosterError} onFiles={(f) => void loadRoster(f)} onClear={() => setRoster(undefined)} />

      <div style={{ display: "flex", flexDirection: "column", rowGap: 6 }}>
        <Checkbox
          checked={excludeErrors}
          onChange={(_, d) => setExcludeErrors(d.checked === true)}
          label="Không cộng các đơn vị có lỗi (vẫn liệt kê)"
          data-testid="consolidate-exclude-errors"
        />
        <Field label="Mẫu tổng hợp" className={s.field}>
          <TemplateSelect
            templates={templates}
            value={templateId}
            onChange={setTemplateId}
            testId="consolidate-template"
            autoLabel="Tự nhận biết (mẫu đa số tệp dùng)"
          />
        </Field>
        <Field label="Ghi thêm biểu của tỉnh" className={s.field}>
          <Select className={s.select} value={into} onChange={(_, d) => setInto(d.value)} data-testid="consolidate-into">
            <option value="">Không</option>
            {intoOptions.map((t) => (
              <option key={t.id} value={t.id} title={t.name}>
                {templateLabel(t)}
              </option>
            ))}
          </Select>
        </Field>
      </div>

      <div className={s.row}>
        <Button appearance="primary" disabled={reading || sources.length === 0} onClick={() => void run()} data-testid="consolidate-run">
          Tổng hợp
        </Button>
        {reading && (
          <Button onClick={() => (abort.current.aborted = true)} data-testid="consolidate-cancel">
            Dừng
          </Button>
        )}
      </div>

      {(reading || rows.length > 0) && (
        <div data-testid="consolidate-progress" data-done={progress.done} data-total={progress.total} role="status">
          <ProgressBar value={progress.total ? progress.done / progress.total : 0} thickness="large" aria-label="Tiến độ đọc tệp" />
          <Text size={200}>
            Đã đọc {progress.done}/{progress.total} tệp{reading ? "…" : "."}
          </Text>
        </div>
      )}

      <Announce text={reading ? "" : announceOf(outcome, written?.text)} testId="consolidate-announce" />
      <div ref={resultRef} tabIndex={-1} className={s.result} data-testid="consolidate-result">
        {outcome && !outcome.ok && (
          <Note intent="error" title="Không tổng hợp được" testId="consolidate-error">
            {outcome.message.replace(/^Không tổng hợp được:\s*/, "")}
          </Note>
        )}
        {result && (
          <>
            <h2 className={s.sectionTitle}>Kết quả tổng hợp</h2>
            <Note
              intent={result.missing.length || result.skipped.length || statusCount(result, "errors") ? "warning" : "success"}
              testId="consolidate-summary"
              title={`${templateLabel(result.template)}${result.period ? `, kỳ ${result.period}` : ""}: ${result.units.length} tệp`}
            >
              Được cộng: {result.included.length} đơn vị ({statusCount(result, "ok")} đạt, {statusCount(result, "errors")} có lỗi — đã đánh
              dấu).
              {statusCount(result, "excluded") > 0 && ` Không cộng vì có lỗi: ${statusCount(result, "excluded")}.`}
              {result.duplicates.length > 0 && ` Trùng: ${result.duplicates.length} đơn vị gửi nhiều tệp (mỗi đơn vị chỉ cộng một lần).`}
              {result.skipped.length > 0 && ` Bỏ qua: ${result.skipped.length} tệp.`}
              {roster && ` Theo danh sách ${roster.names.length} đơn vị: thiếu ${result.missing.length}.`}
            </Note>
            <div className={s.row}>
              <Button appearance="primary" onClick={() => void write()} disabled={writing} data-testid="consolidate-write">
                Ghi bảng tổng hợp
              </Button>
              {writing && <Spinner size="tiny" label="Đang ghi…" />}
            </div>
            <UnitList result={result} onOpen={props.onOpenUnit ? (f) => void openUnit(f) : undefined} />
            <Problems result={result} />
            <RankingChart result={result} />
            <HeaderFields result={result} unit={headerUnit} period={headerPeriod} onUnit={setHeaderUnit} onPeriod={setHeaderPeriod} />
            <p className={s.help}>
              {host.kind === "excel" ? "Các trang tổng hợp được thêm vào sổ làm việc đang mở." : "Tệp tong-hop.xlsx được tải xuống."} Mỗi số
              tổng hợp là công thức trên trang Chi tiết, truy được về từng đơn vị và tệp gốc.
            </p>
          </>
        )}
      </div>
      <div ref={writtenRef} tabIndex={-1} className={s.result}>
        {written && (
          <Note intent={written.intent} testId="consolidate-write-result">
            {written.text}
          </Note>
        )}
      </div>

      <FileRows reading={reading} rows={rows} sources={sources} />
    </div>
  );
}

function problemCount(rows: FileProgress[]): number {
  return rows.filter((r) => r.state !== "ok").length;
}

function announceOf(outcome: ReturnType<typeof runConsolidation> | undefined, written?: string): string {
  if (written) return written;
  if (!outcome) return "";
  if (!outcome.ok) return outcome.message;
  return consolidationAnnouncement(outcome.result);
}

/** Every unit with its status; a unit with errors opens in Kiểm tra (browser) or shows its errors with their cells. */
function UnitList({ result, onOpen }: { result: Consolidation; onOpen?: (file: string) => void }) {
  const s = useCommonStyles();
  const c = useStyles();
  const withErrors = result.units.filter((u) => u.errors > 0).length;
  return (
    <details data-testid="consolidate-units" open={withErrors > 0 && result.units.length <= 30 ? true : undefined}>
      <summary style={{ cursor: "pointer", fontSize: tokens.fontSizeBase300 }}>
        Các đơn vị ({result.units.length}
        {withErrors ? `, ${withErrors} có lỗi` : ""})
      </summary>
      <ul className={s.list}>
        {[...result.units]
          .map((u, i) => ({ u, i }))
          .sort((a, b) => Number(b.u.errors > 0) - Number(a.u.errors > 0) || a.i - b.i)
          .map(({ u, i }) => (
            <li key={`${u.file}-${i}`} className={c.item} data-testid="consolidate-unit" data-status={u.status} data-file={u.file}>
              <Badge color={STATUS_COLOR[u.status]} shape="rounded">
                {UNIT_STATUS_LABEL[u.status]}
              </Badge>
              <span className={c.name}>{u.unit}</span>
              <span className={c.reason}>
                {u.file}
                {u.status !== "unreadable" ? ` · ${u.period ?? "không rõ kỳ báo cáo"}` : ""}
                {u.errors ? ` · ${u.errors} lỗi` : ""}
                {u.warnings ? ` · ${u.warnings} cảnh báo` : ""}
                {u.reason ? ` · ${u.reason}` : ""}
                {u.notes.length ? ` · ${u.notes.join("; ")}` : ""}
              </span>
              {u.errors > 0 && onOpen && (
                <Button size="small" onClick={() => onOpen(u.file)} data-testid="consolidate-open-unit" data-file={u.file}>
                  Xem lỗi trong Kiểm tra
                </Button>
              )}
              {u.errors > 0 && !onOpen && (
                <ul className={s.plainList} style={{ flexBasis: "100%" }}>
                  {u.errorFindings.map((f, k) => (
                    <li key={k}>
                      <span className={s.mono}>{f.cell}</span> {f.message}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
      </ul>
    </details>
  );
}

/** The roster: pick it, see the names read (a wrong file is named and refused). */
function RosterPicker(props: {
  roster?: { file: string; names: string[] };
  error?: string;
  onFiles: (f: FileList) => void;
  onClear: () => void;
}) {
  const s = useCommonStyles();
  const { roster, error: rosterError } = props;
  return (
    <>
      <div className={s.row}>
        <FilePickButton testId="consolidate-roster" accept=".txt,.csv,.xlsx" onFiles={props.onFiles}>
          Danh sách đơn vị…
        </FilePickButton>
        {!roster && !rosterError && <Text size={200}>(không bắt buộc: để biết đơn vị nào chưa nộp)</Text>}
      </div>
      {roster && (
        <div className={s.row}>
          <details data-testid="consolidate-roster-status" data-count={roster.names.length} style={{ flexGrow: 1, minWidth: 0 }}>
            <summary style={{ fontSize: tokens.fontSizeBase200, cursor: "pointer", overflowWrap: "anywhere" }}>
              {roster.file}: {roster.names.length} đơn vị — bấm để xem
            </summary>
            <ol className={s.plainList}>
              {roster.names.slice(0, 200).map((n, i) => (
                <li key={i}>{n}</li>
              ))}
              {roster.names.length > 200 && <li>… và {roster.names.length - 200} đơn vị khác</li>}
            </ol>
          </details>
          <Button size="small" appearance="subtle" onClick={props.onClear} data-testid="consolidate-roster-clear">
            Bỏ danh sách
          </Button>
        </div>
      )}
      {rosterError && (
        <Note intent="error" title="Không dùng được danh sách đơn vị" testId="consolidate-roster-error">
          {rosterError}
        </Note>
      )}
    </>
  );
}

/** Missing, unexpected, duplicate units and skipped files. */
function Problems({ result }: { result: Consolidation }) {
  const s = useCommonStyles();
  return (
    <>
      <NameList testId="consolidate-missing" title="Đơn vị chưa nộp" names={result.missing} />
      <NameList testId="consolidate-unexpected" title="Không có trong danh sách" names={result.unexpected} />
      {result.duplicates.length > 0 && (
        <section data-testid="consolidate-duplicates" data-count={result.duplicates.length}>
          <h2 className={s.sectionTitle}>Gửi trùng ({result.duplicates.length})</h2>
          <ul className={s.plainList}>
            {result.duplicates.map((d) => (
              <li key={d.unit + d.kept}>
                {d.unit} ({d.by === "name" ? "cùng tên" : "cùng nội dung"}):{" "}
                {d.tie
                  ? `sửa cùng thời điểm, số liệu khác nhau: chưa cộng ${d.files.join(", ")}`
                  : `cộng ${d.kept}; không cộng ${d.files.filter((x) => x !== d.kept).join(", ")}`}
              </li>
            ))}
          </ul>
        </section>
      )}
      {result.skipped.length > 0 && (
        <section data-testid="consolidate-skipped" data-count={result.skipped.length}>
          <h2 className={s.sectionTitle}>Tệp bỏ qua ({result.skipped.length})</h2>
          <ul className={s.plainList}>
            {result.skipped.map((k) => (
              <li key={k.file}>
                <strong>{k.file}</strong>: {k.reason}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/** The header of the province sheets: the consolidating unit and the period (default: the units' common period). */
function HeaderFields(props: {
  result: Consolidation;
  unit: string;
  period: string;
  onUnit: (v: string) => void;
  onPeriod: (v: string) => void;
}) {
  const s = useCommonStyles();
  return (
    <details>
      <summary style={{ cursor: "pointer", fontSize: tokens.fontSizeBase200 }}>Đầu biểu: đơn vị tổng hợp và kỳ báo cáo</summary>
      <div style={{ display: "flex", flexDirection: "column", rowGap: 6, marginTop: 6 }}>
        <Field label="Đơn vị tổng hợp" className={s.field}>
          <Input
            value={props.unit}
            onChange={(_, d) => props.onUnit(d.value)}
            placeholder="Ví dụ: Sở Nội vụ tỉnh Sơn La"
            data-testid="consolidate-unit"
          />
        </Field>
        <Field label="Kỳ báo cáo" className={s.field}>
          <Input
            value={props.period}
            onChange={(_, d) => props.onPeriod(d.value)}
            placeholder={commonPeriod(props.result) ?? "Ví dụ: Quý I năm 2025"}
            data-testid="consolidate-period"
          />
        </Field>
      </div>
    </details>
  );
}

/** Each file's state, collapsed once read (open while reading); beyond MAX_ROWS only the files with a problem. */
function FileRows({ reading, rows, sources }: { reading: boolean; rows: FileProgress[]; sources: UnitSource[] }) {
  const s = useCommonStyles();
  const c = useStyles();
  const shownRows: (FileProgress & { pending?: boolean })[] =
    reading || rows.length > 0 ? rows : sources.map((x) => ({ file: x.name, state: "ok" as FileState, label: "chờ đọc", pending: true }));
  const visible = shownRows.length <= MAX_ROWS ? shownRows : shownRows.filter((r) => !r.pending && r.state !== "ok");
  if (visible.length === 0) return null;
  return (
    <details open={reading || undefined} data-testid="consolidate-files-details">
      <summary style={{ cursor: "pointer", fontSize: tokens.fontSizeBase200 }}>
        {reading || rows.length
          ? `Từng tệp (${shownRows.length}${problemCount(rows) ? `, ${problemCount(rows)} có vấn đề` : ""})`
          : `Các tệp đã chọn (${shownRows.length})`}
      </summary>
      <ul className={s.list} data-testid="consolidate-file-list">
        {visible.map((r, i) => (
          <li
            key={`${r.file}-${i}`}
            className={c.item}
            data-testid="consolidate-file"
            data-file={r.file}
            data-state={r.pending ? "pending" : r.state}
          >
            <Badge color={STATE_COLOR[r.pending ? "pending" : r.state]} appearance={r.pending ? "outline" : "filled"} shape="rounded">
              {r.pending ? "chờ đọc" : FILE_STATE_LABEL[r.state]}
            </Badge>
            <span className={c.name}>{r.file}</span>
            {!r.pending && r.label !== FILE_STATE_LABEL[r.state] && <span>{r.label.replace(FILE_STATE_LABEL[r.state], "").trim()}</span>}
            {r.reason && <span className={c.reason}>{r.reason}</span>}
          </li>
        ))}
      </ul>
      {visible.length < shownRows.length && (
        <p className={s.help}>
          Còn {shownRows.length - visible.length} tệp {reading || rows.length ? "đạt" : "đã chọn"} không hiện ở đây.
        </p>
      )}
    </details>
  );
}

/** A titled list of unit names (missing, unexpected); nothing when empty. */
function NameList(props: { testId: string; title: string; names: string[] }) {
  const s = useCommonStyles();
  if (props.names.length === 0) return null;
  return (
    <section data-testid={props.testId} data-count={props.names.length}>
      <h2 className={s.sectionTitle}>
        {props.title} ({props.names.length})
      </h2>
      <ul className={s.plainList}>
        {props.names.map((m) => (
          <li key={m}>{m}</li>
        ))}
      </ul>
    </section>
  );
}
