/** The pane's shared state: the area shown, the templates (with a province's own), the file opened and the template recognised. */
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from "react";
import type { TemplateSpec } from "../../catalog/types";
import { checkWorkbook } from "../../core/check-workbook";
import type { WorkbookHost } from "../../core/host";
import { allTemplates } from "../../app/templates";
import { BrowserHost } from "../../browser/browser-host";
import { wantsSamples } from "../samples";

export type TabId = "insert" | "validate" | "fill" | "consolidate";

const noSubscribe = () => () => {};
const zero = () => 0;

export function usePane(host: WorkbookHost | null) {
  const [tab, setTab] = useState<TabId>(wantsSamples() ? "consolidate" : "insert");
  const [extra, setExtra] = useState<TemplateSpec[]>([]);
  const [openSeq, setOpenSeq] = useState(0);
  const templates = useMemo(() => allTemplates(extra), [extra]);
  const browser = host instanceof BrowserHost ? host : undefined;
  // Re-render when the opened file, the selection or the highlights change (browser mode).
  useSyncExternalStore(browser?.subscribe ?? noSubscribe, browser?.getVersion ?? zero);

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

  return { tab, setTab, templates, browser, openSeq, recognised, setRecognised, addTemplate, onOpened, openUnit };
}
