/** The roster: pick it, see the names read (a wrong file is named and refused). */
import { Button, Text, tokens } from "@fluentui/react-components";
import type { Roster } from "../../hooks/use-consolidation";
import { FilePickButton, Note, useCommonStyles } from "../common";

export function RosterPicker(props: { roster?: Roster; error?: string; onFile: (f: File) => void; onClear: () => void }) {
  const s = useCommonStyles();
  const { roster, error: rosterError } = props;
  return (
    <>
      <div className={s.row}>
        <FilePickButton testId="consolidate-roster" accept=".txt,.csv,.xlsx" onFiles={(f) => props.onFile(f[0])}>
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
