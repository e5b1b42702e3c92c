/** "Chèn biểu mẫu": the chosen forms of a template, as sheets in Excel or as a downloaded workbook in a browser. */
import { Button, Checkbox, Field, Spinner } from "@fluentui/react-components";
import { type InsertInput, useInsert } from "../hooks/use-insert";
import { Announce, FilePickButton, Note, TemplateSelect, useCommonStyles } from "./common";
import { HeaderFields } from "./HeaderFields";

export type InsertPanelProps = InsertInput;

type Inserting = ReturnType<typeof useInsert>;

export function InsertPanel(props: InsertPanelProps) {
  const { host, templates } = props;
  const s = useCommonStyles();
  const ins = useInsert(props);
  const { template, forms, action } = ins;
  const outcome = action.outcome;
  const browser = host.kind === "browser";
  return (
    <div className={s.panel}>
      <p className={s.help}>
        {browser
          ? "Tạo tệp Excel có các Biểu mẫu đã chọn: đúng dòng, công thức tỷ lệ và tổng, kiểm soát dữ liệu nhập."
          : "Chèn các Biểu mẫu đã chọn vào sổ làm việc, mỗi biểu một trang; trang đã có không bị ghi đè."}
      </p>
      <Field label="Mẫu biểu" className={s.field}>
        <TemplateSelect templates={templates} value={template?.id ?? ""} onChange={ins.setTemplateId} testId="insert-template" />
      </Field>
      <TemplateFile ins={ins} />
      <FormChoice ins={ins} />
      <HeaderFields
        testIdPrefix="insert"
        unitLabel="Đơn vị báo cáo"
        unitPlaceholder="Ví dụ: UBND xã Lê Hồng"
        periodPlaceholder="Ví dụ: Quý I năm 2025"
        unit={ins.unit}
        period={ins.period}
        onUnit={ins.setUnit}
        onPeriod={ins.setPeriod}
      />
      <div className={s.row}>
        <Button
          appearance="primary"
          disabled={action.busy || forms.length === 0 || !template}
          onClick={() => void ins.run()}
          data-testid="insert-run"
        >
          {browser ? "Tạo tệp mẫu .xlsx" : "Chèn vào sổ làm việc"}
        </Button>
        {action.busy && <Spinner size="tiny" label={browser ? "Đang tạo tệp…" : "Đang chèn…"} />}
      </div>
      {forms.length === 0 && <p className={s.help}>Chọn ít nhất một biểu.</p>}
      <Announce text={outcome?.text ?? ""} />
      <div ref={action.ref} tabIndex={-1} className={s.result}>
        {outcome && (
          <Note intent={outcome.intent} testId="insert-result" title={outcome.intent === "error" ? "Không chèn được" : undefined}>
            {outcome.text}
          </Note>
        )}
      </div>
    </div>
  );
}

/** "Tải mẫu JSON…": a province's own template, then what was loaded or why it cannot be used. */
function TemplateFile({ ins }: { ins: Inserting }) {
  const s = useCommonStyles();
  const { loaded, problems } = ins.file;
  return (
    <>
      <div className={s.row}>
        <FilePickButton testId="insert-template-json" accept=".json,application/json" onFiles={(f) => void ins.file.loadJson(f[0])}>
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
    </>
  );
}

/** The template's forms, each a checkbox, with "Chọn tất cả" and "Bỏ chọn". */
function FormChoice({ ins }: { ins: Inserting }) {
  const s = useCommonStyles();
  return (
    <fieldset style={{ border: "none", margin: 0, padding: 0 }} data-testid="insert-forms">
      <legend className={s.sectionTitle}>Các biểu</legend>
      <div style={{ display: "flex", flexDirection: "column" }}>
        {ins.template?.forms.map((f) => (
          <Checkbox
            key={f.number}
            checked={ins.forms.includes(f.number)}
            onChange={(_, d) => ins.toggle(f.number, d.checked === true)}
            label={`Biểu mẫu ${f.number}: ${f.title}`}
            data-testid={`insert-form-${f.number}`}
          />
        ))}
      </div>
      <div className={s.row}>
        <Button size="small" appearance="subtle" onClick={ins.allForms} data-testid="insert-forms-all">
          Chọn tất cả
        </Button>
        <Button size="small" appearance="subtle" onClick={ins.noForms} data-testid="insert-forms-none">
          Bỏ chọn
        </Button>
      </div>
    </fieldset>
  );
}
