/** "Chèn biểu mẫu": the chosen forms of a template, as sheets in Excel or as a downloaded workbook in a browser. */
import { Button, Checkbox, Field, Input, Spinner } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { TemplateSpec } from "../../catalog/types";
import type { WorkbookHost } from "../../core/host";
import { describeInsert, loadTemplateText, planInsert, templateFileName } from "../actions";
import { download } from "../../browser/download";
import { templateWorkbookBytes } from "../../browser/template-file";
import { templateLabel } from "../pane-text";
import {
  Announce,
  errorText,
  FilePickButton,
  Note,
  paint,
  TemplateSelect,
  useBringIntoView,
  useCommonStyles,
  useRemembered,
} from "./common";

type Outcome = { intent: "success" | "error"; text: string } | undefined;

export interface InsertPanelProps {
  host: WorkbookHost;
  templates: TemplateSpec[];
  onTemplateLoaded: (t: TemplateSpec) => void;
  /** The template the open workbook holds, when recognised: offered first. */
  recognised?: string;
}

export function InsertPanel(props: InsertPanelProps) {
  const { host, templates } = props;
  const s = useCommonStyles();
  const [chosenId, setChosenId] = useRemembered("insert-template", templates[0]?.id ?? "", (v) => templates.some((t) => t.id === v));
  const template = templates.find((t) => t.id === chosenId) ?? templates[0];
  const [resultRef, bringResult] = useBringIntoView<HTMLDivElement>();
  const setTemplateId = (id: string) => {
    setChosenId(id);
    setOutcome(undefined); // the note was about the other template
    setLoaded(undefined);
  };
  const [forms, setForms] = useState<number[]>(() => template?.forms.map((f) => f.number) ?? []);
  const [unit, setUnit] = useState("");
  const [period, setPeriod] = useState("");
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const [loaded, setLoaded] = useState<{ text: string } | undefined>();
  const [problems, setProblems] = useState<{ file: string; list: string[] } | undefined>();

  // A new template: all its forms, by default.
  useEffect(() => {
    setForms(template?.forms.map((f) => f.number) ?? []);
  }, [template]);

  // The open workbook's own template, once recognised.
  useEffect(() => {
    if (props.recognised && templates.some((t) => t.id === props.recognised)) setChosenId(props.recognised);
  }, [props.recognised]);

  const loadJson = async (files: FileList) => {
    const file = files[0];
    setLoaded(undefined);
    setProblems(undefined);
    let text: string;
    try {
      text = await file.text();
    } catch {
      setProblems({ file: file.name, list: ["không đọc được tệp"] });
      return;
    }
    const r = loadTemplateText(text, file.name);
    if (!r.ok) {
      setProblems({ file: file.name, list: r.problems });
      return;
    }
    props.onTemplateLoaded(r.template);
    setTemplateId(r.template.id);
    setLoaded({
      text: `Đã tải mẫu “${r.template.name}” (${templateLabel(r.template)}, ${r.template.forms.length} biểu)${r.replaces ? `; mẫu này thay cho mẫu có sẵn cùng loại` : ""}. Mẫu cũng được dùng khi kiểm tra và tổng hợp.`,
    });
  };

  const run = async () => {
    if (!template) return;
    setBusy(true);
    setOutcome(undefined);
    try {
      await paint();
      if (host.kind === "browser") {
        const bytes = await templateWorkbookBytes(template, { forms, unit: unit.trim() || undefined, period: period.trim() || undefined });
        const name = templateFileName(template, unit.trim());
        download(bytes, name);
        setOutcome({
          intent: "success",
          text: `Đã tạo tệp ${name} (${forms.length} biểu) và tải xuống. Mở tệp bằng Excel để nhập số liệu.`,
        });
      } else {
        const existing = await host.sheetNames();
        const plan = planInsert(template, forms, { unit, period }, existing);
        await host.insertForms(plan.plans);
        setOutcome({ intent: "success", text: describeInsert(plan.sheets) });
      }
    } catch (e) {
      setOutcome({ intent: "error", text: errorText(e) });
    } finally {
      setBusy(false);
      bringResult();
    }
  };

  const toggle = (n: number, on: boolean) => setForms((old) => (on ? [...old, n].sort((a, b) => a - b) : old.filter((x) => x !== n)));

  return (
    <div className={s.panel}>
      <p className={s.help}>
        {host.kind === "browser"
          ? "Tạo tệp Excel có các Biểu mẫu đã chọn: đúng dòng, công thức tỷ lệ và tổng, kiểm soát dữ liệu nhập."
          : "Chèn các Biểu mẫu đã chọn vào sổ làm việc, mỗi biểu một trang; trang đã có không bị ghi đè."}
      </p>
      <Field label="Mẫu biểu" className={s.field}>
        <TemplateSelect templates={templates} value={template?.id ?? ""} onChange={setTemplateId} testId="insert-template" />
      </Field>
      <div className={s.row}>
        <FilePickButton testId="insert-template-json" accept=".json,application/json" onFiles={(f) => void loadJson(f)}>
          Tải mẫu JSON…
        </FilePickButton>
      </div>
      {loaded && (
        <Note intent="success" testId="template-loaded">
          {loaded.text}
        </Note>
      )}
      {problems && (
        <Note intent="error" title={`Mẫu ${problems.file} không dùng được`} testId="template-problems">
          <ul className={s.plainList}>
            {problems.list.slice(0, 30).map((p, i) => (
              <li key={i}>{p}</li>
            ))}
            {problems.list.length > 30 && <li>… và {problems.list.length - 30} lỗi khác</li>}
          </ul>
        </Note>
      )}
      <fieldset style={{ border: "none", margin: 0, padding: 0 }} data-testid="insert-forms">
        <legend className={s.sectionTitle}>Các biểu</legend>
        <div style={{ display: "flex", flexDirection: "column" }}>
          {template?.forms.map((f) => (
            <Checkbox
              key={f.number}
              checked={forms.includes(f.number)}
              onChange={(_, d) => toggle(f.number, d.checked === true)}
              label={`Biểu mẫu ${f.number}: ${f.title}`}
              data-testid={`insert-form-${f.number}`}
            />
          ))}
        </div>
        <div className={s.row}>
          <Button
            size="small"
            appearance="subtle"
            onClick={() => setForms(template?.forms.map((f) => f.number) ?? [])}
            data-testid="insert-forms-all"
          >
            Chọn tất cả
          </Button>
          <Button size="small" appearance="subtle" onClick={() => setForms([])} data-testid="insert-forms-none">
            Bỏ chọn
          </Button>
        </div>
      </fieldset>
      <Field label="Đơn vị báo cáo" className={s.field}>
        <Input value={unit} onChange={(_, d) => setUnit(d.value)} placeholder="Ví dụ: UBND xã Lê Hồng" data-testid="insert-unit" />
      </Field>
      <Field label="Kỳ báo cáo" className={s.field}>
        <Input value={period} onChange={(_, d) => setPeriod(d.value)} placeholder="Ví dụ: Quý I năm 2025" data-testid="insert-period" />
      </Field>
      <div className={s.row}>
        <Button appearance="primary" disabled={busy || forms.length === 0 || !template} onClick={() => void run()} data-testid="insert-run">
          {host.kind === "browser" ? "Tạo tệp mẫu .xlsx" : "Chèn vào sổ làm việc"}
        </Button>
        {busy && <Spinner size="tiny" label={host.kind === "browser" ? "Đang tạo tệp…" : "Đang chèn…"} />}
      </div>
      {forms.length === 0 && <p className={s.help}>Chọn ít nhất một biểu.</p>}
      <Announce text={outcome?.text ?? ""} />
      <div ref={resultRef} tabIndex={-1} className={s.result}>
        {outcome && (
          <Note intent={outcome.intent} testId="insert-result" title={outcome.intent === "error" ? "Không chèn được" : undefined}>
            {outcome.text}
          </Note>
        )}
      </div>
    </div>
  );
}
