/**
 * The task pane: four areas (insert, validate, fill, consolidate) over one
 * WorkbookHost — Excel through Office.js, or an opened .xlsx in a browser.
 */
import { Badge, FluentProvider, Link, makeStyles, Spinner, Tab, TabList, Text, tokens, webLightTheme } from "@fluentui/react-components";
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { checkWorkbook } from "../../core/check-workbook";
import { wantsSamples } from "../samples";
import type { TemplateSpec } from "../../catalog/types";
import type { WorkbookHost } from "../../core/host";
import { allTemplates, formatBytes } from "../actions";
import { BrowserHost } from "../../browser/browser-host";
import type { Detection } from "../detect-host";
import { lastDownload, onDownload } from "../../browser/download";
import { Note } from "./common";
import { ConsolidatePanel } from "./ConsolidatePanel";
import { FillPanel } from "./FillPanel";
import { InsertPanel } from "./InsertPanel";
import { OpenFileBar } from "./OpenFileBar";
import { ValidatePanel } from "./ValidatePanel";

export type TabId = "insert" | "validate" | "fill" | "consolidate";

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

const noSubscribe = () => () => {};
const zero = () => 0;

export interface AppProps {
  /** null while the page is still finding out whether it runs in Excel. */
  host: WorkbookHost | null;
  detection?: Detection;
  /** A message shown above the areas (e.g. "Đã kết nối với Excel"). */
  notice?: string;
  /** Notes from the host (what this Excel cannot do, what happened instead). */
  notes?: string[];
}

export function App({ host, detection, notice, notes = [] }: AppProps) {
  const s = useStyles();
  const [tab, setTab] = useState<TabId>(wantsSamples() ? "consolidate" : "insert");
  const [extra, setExtra] = useState<TemplateSpec[]>([]);
  const [openSeq, setOpenSeq] = useState(0);
  const templates = useMemo(() => allTemplates(extra), [extra]);
  const browser = host instanceof BrowserHost ? host : undefined;
  // Re-render when the opened file, the selection or the highlights change (browser mode).
  useSyncExternalStore(browser?.subscribe ?? noSubscribe, browser?.getVersion ?? zero);
  const download = useSyncExternalStore(onDownload, lastDownload);

  const [recognised, setRecognised] = useState<string>();
  const addTemplate = useCallback((t: TemplateSpec) => setExtra((old) => [t, ...old.filter((x) => x.id !== t.id)]), []);
  const onOpened = useCallback(() => {
    setOpenSeq((n) => n + 1);
    setTab((t) => (t === "fill" ? t : "validate"));
  }, []);
  // From Tổng hợp: one unit's file (already in memory) opened in Kiểm tra with its findings and cells.
  const openUnit = useCallback(
    (file: string, bytes: Uint8Array) => {
      if (!browser) return;
      browser.openBytes(bytes, file.split(/[\\/]/).pop() ?? file);
      setOpenSeq((n) => n + 1);
      setTab("validate");
    },
    [browser],
  );
  // In Excel: the open workbook's template, when it holds one, is the one offered for inserting.
  useEffect(() => {
    if (host?.kind !== "excel") return;
    let live = true;
    host
      .readGrid()
      .then((grid) => {
        const id = checkWorkbook(grid, templates).located.template?.id;
        if (live && id) setRecognised(id);
      })
      .catch(() => undefined); // an empty or unreadable workbook: nothing to recognise
    return () => {
      live = false;
    };
  }, [host]);

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
      <TabList className={s.tabs} size="small" selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as TabId)} aria-label="Chức năng">
        {TABS.map((t) => (
          <Tab key={t.id} value={t.id} data-testid={`tab-${t.id}`} className={s.tab}>
            {t.label}
          </Tab>
        ))}
      </TabList>
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
      {browser && (tab === "validate" || tab === "fill") && <OpenFileBar host={browser} onOpened={onOpened} />}
      <main className={s.main}>
        {!host ? (
          <div className={s.loading}>
            <Spinner size="small" label="Đang kết nối với Excel…" data-testid="host-loading" />
          </div>
        ) : (
          // Keyed by host: when Excel answers late, the areas start afresh on the Excel workbook.
          <div key={host.kind}>
            <section role="tabpanel" aria-label="Chèn biểu mẫu" hidden={tab !== "insert"} data-testid="panel-insert">
              <InsertPanel host={host} templates={templates} onTemplateLoaded={addTemplate} recognised={recognised} />
            </section>
            <section role="tabpanel" aria-label="Kiểm tra" hidden={tab !== "validate"} data-testid="panel-validate">
              <ValidatePanel host={host} browser={browser} templates={templates} openSeq={openSeq} onRecognised={setRecognised} />
            </section>
            <section role="tabpanel" aria-label="Tính tỷ lệ" hidden={tab !== "fill"} data-testid="panel-fill">
              <FillPanel host={host} browser={browser} templates={templates} openSeq={openSeq} />
            </section>
            <section role="tabpanel" aria-label="Tổng hợp" hidden={tab !== "consolidate"} data-testid="panel-consolidate">
              <ConsolidatePanel host={host} templates={templates} onOpenUnit={browser ? openUnit : undefined} />
            </section>
          </div>
        )}
      </main>
      {download && (
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
      )}
    </FluentProvider>
  );
}
