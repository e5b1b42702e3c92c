/**
 * Where the page runs: inside Excel (office.js loaded and Office.onReady says
 * Excel) or in a plain browser. The HTML loads office.js asynchronously and
 * records its fate in `window.__officeJs` ("loading" → "loaded" | "failed"),
 * dispatching an "officejs" event on window. Plain data in, decision out, so
 * the logic is tested without a DOM.
 */

export type HostKind = "excel" | "browser";

export interface Detection {
  kind: HostKind;
  /** Why (Vietnamese, shown in small print). */
  reason: string;
}

/** The part of office.js used here. */
export interface OfficeLike {
  onReady(callback?: (info: { host: unknown; platform?: unknown }) => void): unknown;
  HostType: { Excel: unknown };
}

export interface DetectEnv {
  /** window.Office, once office.js has run. */
  office(): OfficeLike | undefined;
  /** window.__officeJs; undefined when the page has no office.js script tag. */
  scriptState(): "loading" | "loaded" | "failed" | undefined;
  /** Subscribes to the script's load / error event. */
  onScriptEvent(listener: () => void): () => void;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** location.search: Office adds "_host_Info=Excel$…" to the task pane's URL. */
  search?: string;
}

export interface DetectOptions {
  /** How long to wait for office.js in a plain browser (default 3 s). */
  timeoutMs?: number;
  /** How long to wait when the URL says an Office host opened the page (default 30 s). */
  officeHintTimeoutMs?: number;
  /** Called when Excel answers after the page already chose browser mode (slow network). */
  onLateExcel?: () => void;
}

/** The URL carries Office's host information ("?_host_Info=Excel$Win32$16.01$vi-VN…"). */
export function urlSaysOffice(search: string | undefined): boolean {
  return /[?&]_host_Info=excel/i.test(search ?? "");
}

export function detectHost(env: DetectEnv, options: DetectOptions = {}): Promise<Detection> {
  const limit = urlSaysOffice(env.search) ? (options.officeHintTimeoutMs ?? 30_000) : (options.timeoutMs ?? 3000);
  return new Promise<Detection>((resolve) => {
    let decided = false;
    let askedOffice = false;
    // eslint-disable-next-line prefer-const -- assigned below, after `decide` (which calls it) is defined
    let unsubscribe: (() => void) | undefined;
    const decide = (d: Detection) => {
      if (decided) {
        if (d.kind === "excel") options.onLateExcel?.();
        return;
      }
      decided = true;
      env.clearTimeout(timer);
      unsubscribe?.();
      resolve(d);
    };
    const askOffice = (office: OfficeLike) => {
      if (askedOffice) return;
      askedOffice = true;
      try {
        office.onReady((info) => {
          const excel = info && info.host !== null && info.host !== undefined && info.host === office.HostType.Excel;
          decide(
            excel
              ? { kind: "excel", reason: "Đang chạy trong Excel." }
              : { kind: "browser", reason: "office.js đã tải nhưng trang không mở trong Excel." },
          );
        });
      } catch {
        decide({ kind: "browser", reason: "office.js không khởi động được." });
      }
    };
    const check = () => {
      const state = env.scriptState();
      const office = env.office();
      if (office) return askOffice(office);
      if (state === "failed") return decide({ kind: "browser", reason: "Không tải được office.js (không có mạng hoặc bị chặn)." });
      if (state === undefined) return decide({ kind: "browser", reason: "Trang mở ngoài Excel." });
      if (state === "loaded") return decide({ kind: "browser", reason: "office.js đã tải nhưng không có đối tượng Office." });
      // still loading: wait for the event or the time limit
    };
    // Declared before check(): an immediate decision clears it.
    const timer = env.setTimeout(() => {
      decide({ kind: "browser", reason: `Excel không phản hồi sau ${Math.round(limit / 1000)} giây.` });
      // Keep listening: Excel may still answer on a slow network.
      const office = env.office();
      if (office) askOffice(office);
      else {
        const late = env.onScriptEvent(() => {
          late();
          const o = env.office();
          if (o) askOffice(o);
        });
      }
    }, limit);
    unsubscribe = env.onScriptEvent(check);
    check();
  });
}

declare global {
  interface Window {
    __officeJs?: "loading" | "loaded" | "failed";
  }
}

/** The real page's environment. */
export function windowEnv(win: Window): DetectEnv {
  return {
    office: () => (win as unknown as { Office?: OfficeLike }).Office,
    scriptState: () => win.__officeJs,
    onScriptEvent: (listener) => {
      win.addEventListener("officejs", listener);
      return () => win.removeEventListener("officejs", listener);
    },
    setTimeout: (fn, ms) => win.setTimeout(fn, ms),
    clearTimeout: (h) => win.clearTimeout(h as number),
    search: win.location.search,
  };
}
