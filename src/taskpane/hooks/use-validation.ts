/** "Kiểm tra"'s state and actions: check the open workbook, select a finding's cell, highlight, clear, export. */
import { useEffect, useMemo, useRef, useState } from "react";
import type { TargetSet } from "../../catalog/targets";
import type { TemplateSpec } from "../../catalog/types";
import type { Finding } from "../../core/findings";
import { freeSheetName, type HighlightSeverity, type WorkbookHost } from "../../core/host";
import { templatesFor } from "../../app/templates";
import { validateGrid, type Validation } from "../../app/validate";
import type { BrowserHost } from "../../browser/browser-host";
import { download } from "../../browser/download";
import { withSuffix } from "../../browser/file-names";
import { findingsTable, highlightTargets } from "../actions";
import { errorText, paint, useBringIntoView } from "../components/common";
import { useAction } from "./use-action";

export type ValidationState =
  | { phase: "idle" }
  | { phase: "loading" }
  | { phase: "error"; message: string }
  | { phase: "done"; validation: Validation; source: string; bytes?: Uint8Array };

export interface ValidationInput {
  host: WorkbookHost;
  browser?: BrowserHost;
  templates: TemplateSpec[];
  openSeq: number;
  onRecognised?: (templateId: string) => void;
}

export function useValidation(props: ValidationInput, templateId: string, targets: TargetSet | undefined) {
  const { host, browser } = props;
  const [state, setState] = useState<ValidationState>({ phase: "idle" });
  const [filter, setFilter] = useState<HighlightSeverity>();
  const [selected, setSelected] = useState<string>();
  const running = useRef(false);
  const [resultRef, bringResult] = useBringIntoView<HTMLDivElement>();
  const action = useAction();
  const candidates = useMemo(() => templatesFor(props.templates, templateId || undefined), [props.templates, templateId]);

  const run = async () => {
    if (running.current) return;
    running.current = true;
    setState({ phase: "loading" });
    action.show(undefined);
    setSelected(undefined);
    setFilter(undefined);
    try {
      await paint();
      const validation = validateGrid(await host.readGrid(), candidates, targets);
      setState({ phase: "done", validation, source: await host.describe(), bytes: browser?.currentBytes() });
      const recognised = validation.checked.located.template;
      if (recognised) props.onRecognised?.(recognised.id);
    } catch (e) {
      setState({ phase: "error", message: errorText(e) });
    } finally {
      running.current = false;
      bringResult();
    }
  };

  // Browser mode: a newly opened file is checked at once.
  useEffect(() => {
    if (props.openSeq > 0 && browser?.hasFile()) void run();
  }, [props.openSeq]);

  const select = async (f: Finding) => {
    if (!f.cell) return;
    setSelected(f.cell);
    try {
      await host.selectCell(f.cell);
    } catch (e) {
      action.show({ intent: "error", text: errorText(e) });
    }
  };

  const validation = state.phase === "done" ? state.validation : undefined;
  const shown = validation ? validation.checked.findings.filter((f) => !filter || f.severity === filter) : [];
  const bytes = state.phase === "done" ? state.bytes : undefined;
  const { highlight, clear, exportFindings } = useHostActions(host, browser, shown, bytes, action.run);
  const exportSheet = () => exportFindings(validation?.checked.findings ?? []);
  return { state, validation, shown, filter, setFilter, selected, run, select, resultRef, action, highlight, clear, exportSheet };
}

/** Highlight, clear and export: each says what it did (in a browser, what it downloaded). */
function useHostActions(
  host: WorkbookHost,
  browser: BrowserHost | undefined,
  shown: Finding[],
  bytes: Uint8Array | undefined,
  run: (what: () => Promise<string>) => Promise<void>,
) {
  const highlight = () =>
    run(async () => {
      const targets = highlightTargets(shown);
      await host.highlight(targets);
      if (browser && bytes) {
        const { highlightedCopy } = await import(/* webpackChunkName: "exceljs" */ "../highlight-file");
        const copy = await highlightedCopy(bytes, shown);
        const name = withSuffix(browser.fileName ?? "bao-cao.xlsx", "-to-mau");
        download(copy.bytes, name);
        return `Đã tải xuống bản sao ${name}: ${copy.cells} ô được tô màu (đỏ: lỗi, cam: cảnh báo, xanh: thông tin), mỗi ô có ghi chú nội dung. Tệp gốc không bị sửa.`;
      }
      return `Đã tô màu ${targets.length} ô (đỏ: lỗi, cam: cảnh báo, xanh: thông tin).`;
    });
  const clear = () =>
    run(async () => {
      await host.clearHighlights();
      return browser ? "Đã bỏ đánh dấu các ô (bản sao đã tải xuống vẫn giữ màu)." : "Đã xóa tô màu của tiện ích.";
    });
  const exportFindings = (findings: Finding[]) =>
    run(async () => {
      const { header, rows } = findingsTable(findings);
      const name = freeSheetName("Kết quả kiểm tra", await host.sheetNames());
      await host.addTableSheet(name, header, rows);
      return host.kind === "browser"
        ? `Đã tải xuống bảng kết quả kiểm tra (${rows.length} dòng).`
        : `Đã thêm trang “${name}” (${rows.length} dòng).`;
    });
  return { highlight, clear, exportFindings };
}
