/**
 * Task pane entry: renders at once, then finds out where it runs — inside
 * Excel (office.js answers Office.onReady with the Excel host) or in a plain
 * browser (office.js missing, failed, not Excel, or silent for 3 s) — and
 * gives the UI the matching WorkbookHost.
 */
import { createRoot } from "react-dom/client";
import { useEffect, useState } from "react";
import type { WorkbookHost } from "../core/host";
import { ExcelHost } from "../excel/excel-host";
import { BrowserHost } from "../browser/browser-host";
import { App } from "./components/App";
import { type Detection, detectHost, windowEnv } from "./detect-host";
import { download } from "../browser/download";

interface RootState {
  host: WorkbookHost | null;
  detection?: Detection;
  notice?: string;
}

function Root() {
  const [state, setState] = useState<RootState>({ host: null });
  const [notes, setNotes] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    const addNote = (n: string) => {
      if (live) setNotes((old) => (old.includes(n) ? old : [...old, n]));
    };
    const excelHost = () => {
      const host = new ExcelHost({ download, onNote: addNote });
      // What this Excel cannot do, said once up front.
      try {
        for (const m of host.requirements().missing) addNote(m);
      } catch {
        // requirement sets unknown: the host says so when it matters
      }
      return host;
    };
    void detectHost(windowEnv(window), {
      onLateExcel: () => {
        if (live)
          setState({
            host: excelHost(),
            detection: { kind: "excel", reason: "Excel đã phản hồi (chậm)." },
            notice: "Đã kết nối với Excel.",
          });
      },
    }).then((detection) => {
      if (!live) return;
      setState((old) => (old.host ? old : { host: detection.kind === "excel" ? excelHost() : new BrowserHost(download), detection }));
    });
    return () => {
      live = false;
    };
  }, []);
  return <App host={state.host} detection={state.detection} notice={state.notice} notes={notes} />;
}

const root = document.getElementById("root");
if (root) createRoot(root).render(<Root />);
