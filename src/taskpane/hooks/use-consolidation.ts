/**
 * "Tổng hợp"'s state and actions: the unit files picked or dropped, the
 * roster, reading each file with progress (cancellable), the consolidation
 * (recomputed when an option changes) and writing its workbook.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import type { TemplateSpec } from "../../catalog/types";
import type { UnitInput } from "../../core/consolidate";
import type { WorkbookHost } from "../../core/host";
import { commonPeriod } from "../../xlsx/write-consolidation";
import { consolidationBytes, type FileProgress, runConsolidation } from "../../app/consolidation";
import { readRosterSource } from "../../app/roster";
import type { UnitSource } from "../../app/unit-source";
import { formatBytes, mergeSources, readUnitSources, unitSourceOf } from "../actions";
import { type PickedFiles, sourcesFromFileList } from "../dropped-files";
import { fetchSampleUnits, wantsSamples } from "../samples";
import { errorText, paint, useBringIntoView, useRemembered } from "../components/common";
import { useAction } from "./use-action";

export interface Roster {
  file: string;
  names: string[];
}

/** The files to consolidate and the roster, as the officer picks them. */
export function useUnitFiles(onChange: () => void) {
  const [sources, setSources] = useState<UnitSource[]>([]);
  const [ignored, setIgnored] = useState<string[]>([]);
  const [roster, setRoster] = useState<Roster>();
  const [rosterError, setRosterError] = useState<string>();

  const loadRoster = async (file: File) => {
    setRosterError(undefined);
    try {
      setRoster({ file: file.name, names: await readRosterSource(unitSourceOf(file, file.name)) });
    } catch (e) {
      setRoster(undefined);
      setRosterError(errorText(e));
    }
  };

  // npm start's page (?samples=1): the sample unit workbooks and roster, ready to consolidate.
  useEffect(() => {
    if (!wantsSamples()) return;
    fetchSampleUnits()
      .then(async ({ files, roster: rosterFile }) => {
        if (files.length) setSources((old) => mergeSources(old, sourcesFromFileList(files)));
        if (rosterFile) setRoster({ file: rosterFile.name, names: await readRosterSource(unitSourceOf(rosterFile, rosterFile.name)) });
      })
      .catch(() => undefined);
  }, []);

  const addSources = (picked: PickedFiles) => {
    setIgnored(picked.ignored);
    if (picked.sources.length === 0) return;
    setSources((old) => mergeSources(old, picked.sources));
    onChange();
  };
  const clearSources = () => {
    setSources([]);
    setIgnored([]);
    onChange();
  };
  return { sources, ignored, addSources, clearSources, roster, rosterError, loadRoster, clearRoster: () => setRoster(undefined) };
}

/** Reading the files one after another: each file's state as it comes, the inputs once all are read. */
export function useUnitReading(templates: TemplateSpec[]) {
  const [reading, setReading] = useState(false);
  const [progress, setProgress] = useState({ done: 0, total: 0 });
  const [rows, setRows] = useState<FileProgress[]>([]);
  const [inputs, setInputs] = useState<UnitInput[]>();
  const [readTemplates, setReadTemplates] = useState<TemplateSpec[]>(templates);
  const abort = useRef({ aborted: false });
  const [resultRef, bringResult] = useBringIntoView<HTMLDivElement>();

  const reset = () => {
    setInputs(undefined);
    setRows([]);
  };
  const read = async (list: UnitSource[]) => {
    abort.current = { aborted: false };
    setReading(true);
    reset();
    setProgress({ done: 0, total: list.length });
    const seen: FileProgress[] = [];
    let lastPaint = 0;
    const used = templates;
    try {
      const got = await readUnitSources(list, used, {
        signal: abort.current,
        onFile: (done, total, p) => {
          seen.push(p);
          const now = Date.now();
          if (done === total || now - lastPaint > 100) {
            lastPaint = now;
            setRows([...seen]);
            setProgress({ done, total });
          }
        },
      });
      setRows([...seen]);
      setProgress({ done: got.length, total: list.length });
      setReadTemplates(used);
      setInputs(got);
    } finally {
      setReading(false);
      bringResult();
    }
  };
  const cancel = () => (abort.current.aborted = true);
  return { reading, progress, rows, inputs, readTemplates, read, cancel, reset, resultRef };
}

/** The whole of "Tổng hợp": files, options, reading, the consolidation and its workbook. */
export function useConsolidation(host: WorkbookHost, templates: TemplateSpec[]) {
  const valid = (v: string) => v === "" || templates.some((t) => t.id === v);
  const [excludeErrors, setExcludeErrors] = useState(false);
  const [into, setInto] = useRemembered("consolidate-into", "", valid);
  const [templateId, setTemplateId] = useRemembered("consolidate-template", "", valid);
  const [headerUnit, setHeaderUnit] = useState("");
  const [headerPeriod, setHeaderPeriod] = useState("");
  const reading = useUnitReading(templates);
  const written = useAction();
  const files = useUnitFiles(() => {
    reading.reset();
    written.show(undefined);
  });
  const { inputs, readTemplates } = reading;
  const roster = files.roster;
  const outcome = useMemo(
    () =>
      inputs
        ? runConsolidation(inputs, readTemplates, { templateId: templateId || undefined, excludeErrors, roster: roster?.names })
        : undefined,
    [inputs, readTemplates, templateId, excludeErrors, roster],
  );

  const run = () => {
    written.show(undefined);
    return reading.read(files.sources);
  };
  const write = async () => {
    if (!outcome?.ok) return;
    const result = outcome.result;
    await written.run(async () => {
      await paint();
      const header = { unit: headerUnit, period: headerPeriod || commonPeriod(result) };
      const { bytes, note, into: intoTemplate } = consolidationBytes(result, readTemplates, into || undefined, header);
      const how = await host.addWorkbookSheets(bytes, "tong-hop.xlsx");
      const sheets = `Biểu mẫu, Xếp hạng, Chi tiết${intoTemplate ? ", Tỉnh - Biểu mẫu" : ""}, Kiểm tra, Nguồn`;
      const text =
        how === "inserted"
          ? `Đã chèn các trang tổng hợp vào sổ làm việc (${sheets}).`
          : `Đã tải xuống tong-hop.xlsx (${formatBytes(bytes.length)}): các trang ${sheets}.`;
      return { intent: note ? "warning" : "success", text: note ? `${text} ${note}` : text };
    });
  };
  /** Browser mode: one unit's file, already in memory, opened in Kiểm tra. */
  const openUnit = async (file: string, onOpen: (file: string, bytes: Uint8Array) => void) => {
    const source = files.sources.find((x) => x.name === file);
    if (!source) return;
    try {
      onOpen(file, await source.read());
    } catch (e) {
      written.show({ intent: "error", text: `${file}: ${errorText(e)}` });
    }
  };
  const options = { excludeErrors, setExcludeErrors, into, setInto, templateId, setTemplateId };
  const header = { unit: headerUnit, period: headerPeriod, setUnit: setHeaderUnit, setPeriod: setHeaderPeriod };
  return { files, reading, outcome, options, header, run, write, written, openUnit };
}
