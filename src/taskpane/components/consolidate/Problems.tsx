/** Missing, unexpected, duplicate units and skipped files, each list with its count. */
import type { Consolidation } from "../../../core/consolidate";
import { useCommonStyles } from "../common";

export function Problems({ result }: { result: Consolidation }) {
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
