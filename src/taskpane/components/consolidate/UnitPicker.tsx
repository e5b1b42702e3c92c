/** The unit files: pick files or a folder, or drop them; the count, "Xóa danh sách", and what a folder held that is not Excel. */
import { Button, Text } from "@fluentui/react-components";
import { formatBytes } from "../../actions";
import { pickDrop, pickFileList } from "../../dropped-files";
import type { useUnitFiles } from "../../hooks/use-consolidation";
import { DropZone, FilePickButton, Note, useCommonStyles } from "../common";

export function UnitPicker({ files, reading }: { files: ReturnType<typeof useUnitFiles>; reading: boolean }) {
  const s = useCommonStyles();
  const { sources, ignored } = files;
  const totalSize = sources.reduce((a, x) => a + x.size, 0);
  return (
    <>
      <DropZone
        testId="consolidate-drop"
        label="Kéo các tệp .xlsx hoặc thư mục vào đây"
        onDrop={(dt) => void pickDrop(dt).then(files.addSources)}
      >
        <div className={s.row}>
          <FilePickButton
            testId="consolidate-files"
            multiple
            accept=".xlsx,.xls,.xlsm,.ods"
            appearance="primary"
            disabled={reading}
            onFiles={(f) => files.addSources(pickFileList(f))}
          >
            Chọn tệp…
          </FilePickButton>
          <FilePickButton testId="consolidate-folder" directory disabled={reading} onFiles={(f) => files.addSources(pickFileList(f))}>
            Chọn thư mục…
          </FilePickButton>
        </div>
        <div className={s.row}>
          <Text size={200} data-testid="consolidate-count" data-count={sources.length}>
            {sources.length ? `${sources.length} tệp (${formatBytes(totalSize)})` : "Hoặc kéo các tệp / thư mục vào khung này."}
          </Text>
          {sources.length > 0 && !reading && (
            <Button size="small" appearance="subtle" data-testid="consolidate-clear" onClick={files.clearSources}>
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
    </>
  );
}
