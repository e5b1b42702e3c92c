/** "Tính tỷ lệ"'s state and actions: plan and write the fill through the host, and undo its own writes, latest first. */
import { useEffect, useState } from "react";
import type { TemplateSpec } from "../../catalog/types";
import type { FillAction } from "../../core/fill";
import type { CellSnapshot, WorkbookHost } from "../../core/host";
import { fillCounts, fillCountsText, planFillOf } from "../../app/fill";
import { type Unsettled, unsettledFindings } from "../pane-text";
import { errorText, paint, useBringIntoView } from "../components/common";

export type FillResult = { actions: FillAction[]; written: number; unsettled: Unsettled[] };

export function useFill(host: WorkbookHost, templates: TemplateSpec[], openSeq: number) {
  const [formulas, setFormulas] = useState(false);
  const [overwrite, setOverwrite] = useState(false);
  const [busy, setBusy] = useState<"run" | "undo" | undefined>();
  const [result, setResult] = useState<FillResult>();
  const [error, setError] = useState<string>();
  const [info, setInfo] = useState<string>();
  /** One entry per write, latest last: "Hoàn tác" undoes the latest. */
  const [undo, setUndo] = useState<CellSnapshot[][]>([]);
  const [resultRef, bringResult] = useBringIntoView<HTMLDivElement>();

  // A newly opened file: the previous results and undo steps belonged to the old one.
  useEffect(() => {
    setResult(undefined);
    setUndo([]);
    setError(undefined);
    setInfo(undefined);
  }, [openSeq]);

  const step = async (kind: "run" | "undo", what: () => Promise<void>) => {
    setBusy(kind);
    setError(undefined);
    try {
      await what();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(undefined);
      bringResult();
    }
  };

  const run = () =>
    step("run", async () => {
      setInfo(undefined);
      setResult(undefined);
      await paint();
      const plan = planFillOf(await host.readGrid(), templates, { formulas, overwrite });
      if (!plan.ok) throw new Error(plan.reason);
      const snapshots = plan.writes.length > 0 ? await host.writeCells(plan.writes) : [];
      if (snapshots.length > 0) setUndo((u) => [...u, snapshots]);
      setResult({ actions: plan.actions, written: plan.writes.length, unsettled: unsettledFindings(plan.checked.findings, plan.actions) });
    });

  const undoLast = async () => {
    const last = undo[undo.length - 1];
    if (!last) return;
    await step("undo", async () => {
      await host.restoreCells(last);
      setUndo((u) => u.slice(0, -1));
      setResult(undefined);
      setInfo(`Đã hoàn tác: ${last.length} ô trở lại như trước khi tính.`);
    });
  };

  return { formulas, setFormulas, overwrite, setOverwrite, busy, result, error, info, canUndo: undo.length > 0, run, undoLast, resultRef };
}

/** The result in one sentence: what was written, or why nothing was, and what is left for the officer. */
export function fillSummaryText(result: FillResult): string {
  const left = result.unsettled.length;
  const leftText = left ? ` Còn ${left} điều Tính tỷ lệ không tự sửa được (xem dưới): cán bộ quyết định.` : "";
  if (result.actions.length === 0) {
    return left
      ? `Không ghi ô nào: các ô tỷ lệ và tổng còn trống đều đã có số, nhưng số liệu vẫn chưa khớp.${leftText}`
      : "Không có ô nào cần tính: các ô tỷ lệ và tổng đã có số đúng, hoặc chưa đủ số liệu để tính.";
  }
  return `Đã ghi ${result.written} ô: ${fillCountsText(fillCounts(result.actions))}.${leftText}`;
}

export function fillAnnouncement(result: FillResult | undefined, error: string | undefined, info: string | undefined): string {
  if (error) return `Không tính được: ${error}`;
  if (info) return info;
  return result ? fillSummaryText(result) : "";
}
