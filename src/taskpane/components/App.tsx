/**
 * The task pane: four areas (insert, validate, fill, consolidate) over one
 * WorkbookHost — Excel through Office.js, or an opened .xlsx in a browser.
 */
import { Badge, FluentProvider, Link, makeStyles, Spinner, Tab, TabList, Text, tokens, webLightTheme } from "@fluentui/react-components";
import { useSyncExternalStore } from "react";
import type { WorkbookHost } from "../../core/host";
import { formatBytes } from "../actions";
import { type TabId, usePane } from "../hooks/use-pane";
import type { Detection } from "../detect-host";
import { lastDownload, onDownload } from "../../browser/download";
import { Note } from "./common";
import { ConsolidatePanel } from "./ConsolidatePanel";
import { FillPanel } from "./FillPanel";
import { InsertPanel } from "./InsertPanel";
import { OpenFileBar } from "./OpenFileBar";
import { ValidatePanel } from "./ValidatePanel";

const TABS: { id: TabId; label: string }[] = [
  { id: "insert", label: "Chèn biểu mẫu" },
  { id: "validate", label: "Kiểm tra" },
  { id: "fill", label: "Tính tỷ lệ" },
  { id: "consolidate", label: "Tổng hợp" },
];

const useStyles = makeStyles({
  root: { minHeight: "100vh", display: "flex", flexDirection: "column", backgroundColor: tokens.colorNeutralBackground1 },
  header: {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    columnGap: "8px",
    padding: "10px 12px 4px",
  },
  title: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: 0, lineHeight: tokens.lineHeightBase500 },
  tabs: {
    display: "flex",
    flexWrap: "wrap",
    padding: "0 4px",
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  // Four tabs on one line down to the task pane's 320 px.
  tab: {
    paddingLeft: "4px",
    paddingRight: "4px",
    "& .fui-Tab__content": { paddingLeft: "1px", paddingRight: "1px" },
    "@media (max-width: 350px)": {
      "& .fui-Tab__content": { fontSize: tokens.fontSizeBase200 },
      // the hidden bold copy that reserves the selected width
      "& .fui-Tab__content--reserved-space": { fontSize: tokens.fontSizeBase200, paddingLeft: "1px", paddingRight: "1px" },
    },
  },
  main: { flexGrow: 1 },
  loading: { padding: "24px 12px" },
  footer: {
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: "6px 12px",
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground3,
    overflowWrap: "anywhere",
  },
  notice: { padding: "8px 12px 0" },
});

export interface AppProps {
  /** null while the page is still finding out whether it runs in Excel. */
  host: WorkbookHost | null;
  detection?: Detection;
  /** A message shown above the areas (e.g. "Đã kết nối với Excel"). */
  notice?: string;
  /** Notes from the host (what this Excel cannot do, what happened instead). */
  notes?: string[];
}

type Pane = ReturnType<typeof usePane>;

export function App({ host, detection, notice, notes = [] }: AppProps) {
  const s = useStyles();
  const pane = usePane(host);
  const { tab, browser } = pane;
  const mode = !host ? "Đang kết nối…" : host.kind === "excel" ? "Trong Excel" : "Trình duyệt";
  return (
    <FluentProvider theme={webLightTheme} className={s.root} lang="vi">
      <header className={s.header}>
        <h1 className={s.title}>Biểu mẫu CCHC</h1>
        <Badge
          appearance="tint"
          color={host?.kind === "excel" ? "success" : "informative"}
          data-testid="host-mode"
          data-mode={host?.kind ?? "detecting"}
          title={detection?.reason}
        >
          {mode}
        </Badge>
      </header>
      <TabList
        className={s.tabs}
        size="small"
        selectedValue={tab}
        onTabSelect={(_, d) => pane.setTab(d.value as TabId)}
        aria-label="Chức năng"
      >
        {TABS.map((t) => (
          <Tab key={t.id} value={t.id} data-testid={`tab-${t.id}`} className={s.tab}>
            {t.label}
          </Tab>
        ))}
      </TabList>
      <HostNotices notice={notice} notes={notes} />
      {browser && (tab === "validate" || tab === "fill") && <OpenFileBar host={browser} onOpened={pane.onOpened} />}
      <main className={s.main}>
        {!host ? (
          <div className={s.loading}>
            <Spinner size="small" label="Đang kết nối với Excel…" data-testid="host-loading" />
          </div>
        ) : (
          <Areas host={host} pane={pane} />
        )}
      </main>
      <DownloadFooter />
    </FluentProvider>
  );
}

function HostNotices({ notice, notes }: { notice?: string; notes: string[] }) {
  const s = useStyles();
  return (
    <>
      {notice && (
        <div className={s.notice}>
          <Note intent="success" testId="host-notice">
            {notice}
          </Note>
        </div>
      )}
      {notes.length > 0 && (
        <div className={s.notice} data-testid="host-notes">
          <Note intent="warning">
            {notes.map((n, i) => (
              <div key={i}>{n}</div>
            ))}
          </Note>
        </div>
      )}
    </>
  );
}

/** The four areas, all mounted (each keeps its state while another is shown). */
function Areas({ host, pane }: { host: WorkbookHost; pane: Pane }) {
  const { tab, browser, templates, openSeq } = pane;
  return (
    // Keyed by host: when Excel answers late, the areas start afresh on the Excel workbook.
    <div key={host.kind}>
      <section role="tabpanel" aria-label="Chèn biểu mẫu" hidden={tab !== "insert"} data-testid="panel-insert">
        <InsertPanel host={host} templates={templates} onTemplateLoaded={pane.addTemplate} recognised={pane.recognised} />
      </section>
      <section role="tabpanel" aria-label="Kiểm tra" hidden={tab !== "validate"} data-testid="panel-validate">
        <ValidatePanel host={host} browser={browser} templates={templates} openSeq={openSeq} onRecognised={pane.setRecognised} />
      </section>
      <section role="tabpanel" aria-label="Tính tỷ lệ" hidden={tab !== "fill"} data-testid="panel-fill">
        <FillPanel host={host} browser={browser} templates={templates} openSeq={openSeq} />
      </section>
      <section role="tabpanel" aria-label="Tổng hợp" hidden={tab !== "consolidate"} data-testid="panel-consolidate">
        <ConsolidatePanel host={host} templates={templates} onOpenUnit={browser ? pane.openUnit : undefined} />
      </section>
    </div>
  );
}

/** The last download, again: some browsers show no download bar in a task pane. */
function DownloadFooter() {
  const s = useStyles();
  const download = useSyncExternalStore(onDownload, lastDownload);
  if (!download) return null;
  return (
    <footer className={s.footer}>
      <Text size={200}>
        Tệp vừa tải xuống:{" "}
        <Link
          href={download.url}
          download={download.fileName}
          data-testid="last-download"
          data-file={download.fileName}
          data-seq={download.seq}
        >
          {download.fileName}
        </Link>{" "}
        ({formatBytes(download.size)}) — bấm để tải lại.
      </Text>
    </footer>
  );
}
