/** "Chèn biểu mẫu"'s state and actions: the template and its forms, a province's own template file, inserting or downloading. */
import { useEffect, useState } from "react";
import type { TemplateSpec } from "../../catalog/types";
import type { WorkbookHost } from "../../core/host";
import { download } from "../../browser/download";
import { templateFileName } from "../../browser/file-names";
import { templateWorkbookBytes } from "../../browser/template-file";
import { describeInsert, loadTemplateText, planInsert } from "../actions";
import { templateLabel } from "../pane-text";
import { paint, useRemembered } from "../components/common";
import { useAction } from "./use-action";

export interface InsertInput {
  host: WorkbookHost;
  templates: TemplateSpec[];
  onTemplateLoaded: (t: TemplateSpec) => void;
  /** The template the open workbook holds, when recognised: offered first. */
  recognised?: string;
}

/** A province's own template (.json): loaded and offered, or its problems listed. */
function useTemplateFile(onLoaded: (t: TemplateSpec) => void) {
  const [loaded, setLoaded] = useState<{ text: string } | undefined>();
  const [problems, setProblems] = useState<{ file: string; list: string[] } | undefined>();
  const loadJson = async (file: File) => {
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
    onLoaded(r.template);
    setLoaded({
      text: `Đã tải mẫu “${r.template.name}” (${templateLabel(r.template)}, ${r.template.forms.length} biểu)${r.replaces ? `; mẫu này thay cho mẫu có sẵn cùng loại` : ""}. Mẫu cũng được dùng khi kiểm tra và tổng hợp.`,
    });
  };
  return { loaded, problems, loadJson, forget: () => setLoaded(undefined) };
}

export function useInsert(props: InsertInput) {
  const { host, templates } = props;
  const [chosenId, setChosenId] = useRemembered("insert-template", templates[0]?.id ?? "", (v) => templates.some((t) => t.id === v));
  const template = templates.find((t) => t.id === chosenId) ?? templates[0];
  const [forms, setForms] = useState<number[]>(() => template?.forms.map((f) => f.number) ?? []);
  const [unit, setUnit] = useState("");
  const [period, setPeriod] = useState("");
  const action = useAction();
  const file = useTemplateFile((t) => {
    props.onTemplateLoaded(t);
    setTemplateId(t.id);
  });
  const setTemplateId = (id: string) => {
    setChosenId(id);
    action.show(undefined); // the note was about the other template
    file.forget();
  };

  // A new template: all its forms, by default.
  useEffect(() => {
    setForms(template?.forms.map((f) => f.number) ?? []);
  }, [template]);

  // The open workbook's own template, once recognised.
  useEffect(() => {
    if (props.recognised && templates.some((t) => t.id === props.recognised)) setChosenId(props.recognised);
  }, [props.recognised]);

  const run = async () => {
    if (!template) return;
    await action.run(async () => {
      await paint();
      if (host.kind === "browser") {
        const bytes = await templateWorkbookBytes(template, { forms, unit: unit.trim() || undefined, period: period.trim() || undefined });
        const name = templateFileName(template, unit.trim());
        download(bytes, name);
        return `Đã tạo tệp ${name} (${forms.length} biểu) và tải xuống. Mở tệp bằng Excel để nhập số liệu.`;
      }
      const plan = planInsert(template, forms, { unit, period }, await host.sheetNames());
      await host.insertForms(plan.plans);
      return describeInsert(plan.sheets);
    });
  };

  const toggle = (n: number, on: boolean) => setForms((old) => (on ? [...old, n].sort((a, b) => a - b) : old.filter((x) => x !== n)));
  const allForms = () => setForms(template?.forms.map((f) => f.number) ?? []);
  const noForms = () => setForms([]);
  return { template, setTemplateId, forms, toggle, allForms, noForms, unit, setUnit, period, setPeriod, run, action, file };
}
