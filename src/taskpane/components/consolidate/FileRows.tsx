/** Each file's state, collapsed once read (open while reading); beyond MAX_ROWS only the files with a problem. */
import { Badge, tokens } from "@fluentui/react-components";
import { FILE_STATE_LABEL, type FileProgress, type FileState } from "../../../app/consolidation";
import type { UnitSource } from "../../../app/unit-source";
import { useCommonStyles } from "../common";
import { STATE_COLOR, useListStyles } from "./styles";

/** At most this many file rows on screen; beyond it only the files with a problem. */
const MAX_ROWS = 300;

type Row = FileProgress & { pending?: boolean };

function problemCount(rows: FileProgress[]): number {
  return rows.filter((r) => r.state !== "ok").length;
}

export function FileRows({ reading, rows, sources }: { reading: boolean; rows: FileProgress[]; sources: UnitSource[] }) {
  const s = useCommonStyles();
  const shownRows: Row[] =
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
          <FileRow key={`${r.file}-${i}`} row={r} />
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

function FileRow({ row: r }: { row: Row }) {
  const c = useListStyles();
  return (
    <li className={c.item} data-testid="consolidate-file" data-file={r.file} data-state={r.pending ? "pending" : r.state}>
      <Badge color={STATE_COLOR[r.pending ? "pending" : r.state]} appearance={r.pending ? "outline" : "filled"} shape="rounded">
        {r.pending ? "chờ đọc" : FILE_STATE_LABEL[r.state]}
      </Badge>
      <span className={c.name}>{r.file}</span>
      {!r.pending && r.label !== FILE_STATE_LABEL[r.state] && <span>{r.label.replace(FILE_STATE_LABEL[r.state], "").trim()}</span>}
      {r.reason && <span className={c.reason}>{r.reason}</span>}
    </li>
  );
}
