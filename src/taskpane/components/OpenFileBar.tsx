/** Browser mode: the one .xlsx the "Kiểm tra" and "Tính tỷ lệ" areas work on (button + drag and drop). */
import { Badge, Spinner, Text } from "@fluentui/react-components";
import { useState } from "react";
import type { BrowserHost } from "../../browser/browser-host";
import { DropZone, errorText, FilePickButton, Note, useCommonStyles } from "./common";

export function OpenFileBar({ host, onOpened }: { host: BrowserHost; onOpened: () => void }) {
  const s = useCommonStyles();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const open = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setError(undefined);
    try {
      await host.open(file);
      onOpened();
    } catch (e) {
      setError(`${file.name}: ${errorText(e)}`);
    } finally {
      setBusy(false);
    }
  };

  const name = host.fileName;
  return (
    <div style={{ padding: "10px 12px 0" }}>
      <DropZone testId="open-drop" label="Kéo tệp .xlsx vào đây để mở" onDrop={(dt) => void open(dt.files[0])}>
        <div className={s.row}>
          <FilePickButton
            testId="open-file"
            accept=".xlsx,.xlsm,.xls,.ods"
            appearance="primary"
            disabled={busy}
            onFiles={(f) => void open(f[0])}
          >
            Mở tệp .xlsx…
          </FilePickButton>
          {busy && <Spinner size="extra-tiny" label="Đang đọc…" />}
        </div>
        {name ? (
          <Text size={200} className={s.wrap} data-testid="open-file-name">
            Đang mở: <strong>{name}</strong>{" "}
            {host.isModified() && (
              <Badge appearance="tint" color="brand" size="small">
                đã ghi số tính được
              </Badge>
            )}
          </Text>
        ) : (
          <p className={s.help}>
            Hoặc kéo một tệp báo cáo .xlsx vào khung này. Tệp chỉ được đọc trong trình duyệt, không gửi đi đâu; tệp gốc không bị sửa.
          </p>
        )}
      </DropZone>
      {error && (
        <div style={{ marginTop: 8 }}>
          <Note intent="error" title="Không mở được tệp" testId="open-error">
            {error}
          </Note>
        </div>
      )}
    </div>
  );
}
