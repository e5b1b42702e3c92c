/** Every unit with its status; a unit with errors opens in Kiểm tra (browser) or shows its errors with their cells. */
import { Badge, Button, tokens } from "@fluentui/react-components";
import type { Consolidation, UnitEntry } from "../../../core/consolidate";
import { UNIT_STATUS_LABEL } from "../../../app/consolidation";
import { useCommonStyles } from "../common";
import { STATUS_COLOR, useListStyles } from "./styles";

export function UnitList({ result, onOpen }: { result: Consolidation; onOpen?: (file: string) => void }) {
  const s = useCommonStyles();
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
            <UnitRow key={`${u.file}-${i}`} unit={u} onOpen={onOpen} />
          ))}
      </ul>
    </details>
  );
}

function UnitRow({ unit: u, onOpen }: { unit: UnitEntry; onOpen?: (file: string) => void }) {
  const s = useCommonStyles();
  const c = useListStyles();
  return (
    <li className={c.item} data-testid="consolidate-unit" data-status={u.status} data-file={u.file}>
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
  );
}
