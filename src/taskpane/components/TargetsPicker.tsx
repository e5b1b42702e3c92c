/** Plan targets (chỉ tiêu phấn đấu) for "Kiểm tra": built-in sets, or one loaded from a JSON file (a wrong file refused in Vietnamese). */
import { Field, Select, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { builtinTargetSets, type TargetSet } from "../../catalog/targets";
import type { TemplateSpec } from "../../catalog/types";
import { targetsFromText } from "../../app/targets";
import { errorText, FilePickButton, Note, useCommonStyles } from "./common";

export function TargetsPicker({ templates, onChange }: { templates: TemplateSpec[]; onChange: (t: TargetSet | undefined) => void }) {
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
      const set = targetsFromText(await file.text(), file.name, templates);
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
