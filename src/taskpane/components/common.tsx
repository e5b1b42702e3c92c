/** Small pieces shared by the panels: styles, messages, file pickers, drop zones. */
import {
  Select,
  Badge,
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  tokens,
  type ButtonProps,
} from "@fluentui/react-components";
import { type DragEvent, type ReactNode, type RefObject, useCallback, useEffect, useRef, useState } from "react";
import type { TemplateSpec } from "../../catalog/types";
import type { HighlightSeverity } from "../../core/host";
import { SEVERITY_LABEL } from "../actions";
import { templateLabel } from "../pane-text";

export const useCommonStyles = makeStyles({
  panel: { display: "flex", flexDirection: "column", rowGap: "12px", padding: "12px 12px 24px" },
  row: { display: "flex", flexWrap: "wrap", columnGap: "8px", rowGap: "8px", alignItems: "center" },
  help: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, margin: 0 },
  sectionTitle: {
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    margin: "4px 0 0",
    lineHeight: tokens.lineHeightBase300,
  },
  /** Read by screen readers, not shown. */
  srOnly: { position: "absolute", width: "1px", height: "1px", overflow: "hidden", clipPath: "inset(50%)", whiteSpace: "nowrap" },
  /** A result block that receives focus after an action (no outline box around a whole block, only a left bar). */
  result: {
    display: "flex",
    flexDirection: "column",
    rowGap: "8px",
    scrollMarginTop: "8px",
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "2px" },
  },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: "4px" },
  plainList: { margin: 0, paddingLeft: "18px", fontSize: tokens.fontSizeBase200 },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, wordBreak: "break-all" },
  drop: {
    border: `1px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: "10px",
    display: "flex",
    flexDirection: "column",
    rowGap: "6px",
    backgroundColor: tokens.colorNeutralBackground2,
  },
  dropActive: { border: `2px dashed ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  hiddenInput: { display: "none" },
  wrap: { overflowWrap: "anywhere" },
  /** A native select never wider than the pane (long template names are cut with "…"). */
  select: {
    width: "100%",
    minWidth: 0,
    "& select": { minWidth: 0, width: "100%", textOverflow: "ellipsis" },
    // At the task pane's width a template's whole name ("Cấp xã — Biểu mẫu 1–7 (581/BNV-CCHC)") still fits.
    "@media (max-width: 350px)": { "& select": { fontSize: tokens.fontSizeBase200 } },
  },
  field: { minWidth: 0 },
});

/** A Vietnamese message bar. */
export function Note(props: { intent: "error" | "warning" | "success" | "info"; title?: string; children?: ReactNode; testId?: string }) {
  return (
    <MessageBar intent={props.intent} data-testid={props.testId} layout="multiline">
      <MessageBarBody>
        {props.title && <MessageBarTitle>{props.title}</MessageBarTitle>}
        {props.title ? <div>{props.children}</div> : props.children}
      </MessageBarBody>
    </MessageBar>
  );
}

/** One colour per meaning across the pane: red errors, orange warnings, blue information, green done. */
export const SEVERITY_COLOR: Record<HighlightSeverity, "danger" | "warning" | "informative"> = {
  error: "danger",
  warning: "warning",
  info: "informative",
};

export function SeverityBadge({ severity, count, testId }: { severity: HighlightSeverity; count?: number; testId?: string }) {
  return (
    <Badge color={SEVERITY_COLOR[severity]} appearance={count === undefined ? "filled" : "tint"} data-testid={testId} shape="rounded">
      {count === undefined ? SEVERITY_LABEL[severity] : `${count} ${SEVERITY_LABEL[severity].toLowerCase()}`}
    </Badge>
  );
}

/** A button that opens a (hidden) file input. The input carries `testId` (for Playwright's setInputFiles), the button `${testId}-button`. */
export function FilePickButton(props: {
  testId: string;
  accept?: string;
  multiple?: boolean;
  directory?: boolean;
  disabled?: boolean;
  appearance?: ButtonProps["appearance"];
  children: ReactNode;
  onFiles: (files: FileList) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const s = useCommonStyles();
  const dirProps = props.directory ? ({ webkitdirectory: "", directory: "" } as Record<string, string>) : {};
  return (
    <>
      <Button
        appearance={props.appearance ?? "secondary"}
        disabled={props.disabled}
        data-testid={`${props.testId}-button`}
        onClick={() => input.current?.click()}
      >
        {props.children}
      </Button>
      <input
        ref={input}
        type="file"
        className={s.hiddenInput}
        accept={props.accept}
        multiple={props.multiple}
        data-testid={props.testId}
        aria-label={typeof props.children === "string" ? props.children : undefined}
        tabIndex={-1}
        {...dirProps}
        onChange={(e) => {
          const files = e.currentTarget.files;
          if (files && files.length > 0) props.onFiles(files);
          e.currentTarget.value = ""; // the same file can be picked again
        }}
      />
    </>
  );
}

/** A drop zone around its children. */
export function DropZone(props: { testId: string; label: string; onDrop: (dt: DataTransfer) => void; children: ReactNode }) {
  const s = useCommonStyles();
  const [over, setOver] = useState(false);
  const onDragOver = (e: DragEvent) => {
    if (!Array.from(e.dataTransfer.types).includes("Files")) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "copy";
    setOver(true);
  };
  return (
    <div
      className={over ? `${s.drop} ${s.dropActive}` : s.drop}
      data-testid={props.testId}
      aria-label={props.label}
      role="group"
      onDragOver={onDragOver}
      onDragEnter={onDragOver}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        props.onDrop(e.dataTransfer);
      }}
    >
      {props.children}
    </div>
  );
}

/** Lets React paint (a spinner) before a long synchronous step. */
export function paint(): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (!done) {
        done = true;
        resolve();
      }
    };
    // After the next frame; a hidden page gets no frames, hence the timer too.
    if (typeof requestAnimationFrame === "function") requestAnimationFrame(() => setTimeout(finish, 0));
    setTimeout(finish, 50);
  });
}

export function errorText(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m || "Lỗi không rõ.";
}

/** A choice of template by its human name, with a first option for "detect it" (its text given by the caller) unless none. */
export function TemplateSelect(props: {
  templates: TemplateSpec[];
  value: string;
  onChange: (id: string) => void;
  testId: string;
  autoLabel?: string;
  id?: string;
}) {
  const s = useCommonStyles();
  return (
    <Select className={s.select} value={props.value} onChange={(_, d) => props.onChange(d.value)} data-testid={props.testId} id={props.id}>
      {props.autoLabel !== undefined && <option value="">{props.autoLabel}</option>}
      {props.templates.map((t) => (
        <option key={t.id} value={t.id} title={t.name}>
          {templateLabel(t)}
        </option>
      ))}
    </Select>
  );
}

const STORE_PREFIX = "bieumau-cchc:";

function readStored(key: string): string | undefined {
  try {
    return globalThis.localStorage?.getItem(STORE_PREFIX + key) ?? undefined;
  } catch {
    return undefined; // storage blocked (private mode, Office's sandbox): nothing remembered
  }
}

/** A choice kept in localStorage, so the pane opens on what the officer chose last. */
export function useRemembered(key: string, fallback: string, valid: (v: string) => boolean = () => true): [string, (v: string) => void] {
  const [value, setValue] = useState(() => {
    const stored = readStored(key);
    return stored !== undefined && valid(stored) ? stored : fallback;
  });
  const set = useCallback(
    (v: string) => {
      setValue(v);
      try {
        globalThis.localStorage?.setItem(STORE_PREFIX + key, v);
      } catch {
        // not remembered; the choice still applies now
      }
    },
    [key],
  );
  return [value, set];
}

/**
 * After an action: the result block scrolled to the top of the pane and focused
 * (keyboard and screen-reader users land on it). Call `bring()` when the result is set.
 */
export function useBringIntoView<T extends HTMLElement>(): [RefObject<T | null>, () => void] {
  const ref = useRef<T>(null);
  const [seq, setSeq] = useState(0);
  useEffect(() => {
    if (seq === 0) return;
    const el = ref.current;
    if (!el) return;
    el.scrollIntoView({ block: "start" });
    el.focus({ preventScroll: true });
  }, [seq]);
  return [ref, useCallback(() => setSeq((n) => n + 1), [])];
}

/** A polite live region: what just happened, read out once. */
export function Announce({ text, testId }: { text: string; testId?: string }) {
  const s = useCommonStyles();
  return (
    <div className={s.srOnly} role="status" aria-live="polite" data-testid={testId}>
      {text}
    </div>
  );
}
