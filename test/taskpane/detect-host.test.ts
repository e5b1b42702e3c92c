/** Host detection: Excel only when office.js answers Office.onReady with the Excel host; otherwise the browser, within 3 s. */
import { type DetectEnv, detectHost, type OfficeLike, urlSaysOffice } from "../../src/taskpane/detect-host";

const EXCEL = "Excel";

class FakeEnv implements DetectEnv {
  state: "loading" | "loaded" | "failed" | undefined = "loading";
  officeObj: OfficeLike | undefined;
  listeners = new Set<() => void>();
  timers: { at: number; fn: () => void; id: number }[] = [];
  now = 0;
  search = "";
  private seq = 0;
  office = () => this.officeObj;
  scriptState = () => this.state;
  onScriptEvent = (l: () => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  setTimeout = (fn: () => void, ms: number) => {
    const id = ++this.seq;
    this.timers.push({ at: this.now + ms, fn, id });
    return id;
  };
  clearTimeout = (id: unknown) => {
    this.timers = this.timers.filter((t) => t.id !== id);
  };
  advance(ms: number) {
    this.now += ms;
    const due = this.timers.filter((t) => t.at <= this.now);
    this.timers = this.timers.filter((t) => t.at > this.now);
    for (const t of due) t.fn();
  }
  /** office.js arrives; onReady answers with `host` after `delay` ms (never when undefined). */
  load(host: string | null, delay: number | undefined = 0) {
    this.officeObj = {
      HostType: { Excel: EXCEL },
      onReady: (cb) => {
        if (delay === undefined) return;
        this.setTimeout(() => cb?.({ host }), delay);
      },
    };
    this.state = "loaded";
    for (const l of [...this.listeners]) l();
  }
  fail() {
    this.state = "failed";
    for (const l of [...this.listeners]) l();
  }
}

const flush = () => new Promise((r) => setImmediate(r));

async function outcome(p: Promise<unknown>): Promise<unknown> {
  let v: unknown = "pending";
  void p.then((x) => (v = x));
  await flush();
  return v;
}

describe("detectHost", () => {
  test("office.js loads and says Excel → excel", async () => {
    const env = new FakeEnv();
    const p = detectHost(env);
    env.load(EXCEL, 100);
    env.advance(100);
    expect(await outcome(p)).toMatchObject({ kind: "excel" });
    expect(env.timers).toHaveLength(0);
  });

  test("office.js loads in a plain browser (host null) → browser at once", async () => {
    const env = new FakeEnv();
    const p = detectHost(env);
    env.load(null, 10);
    env.advance(10);
    expect(await outcome(p)).toMatchObject({ kind: "browser" });
  });

  test("office.js fails to load (no network) → browser without waiting", async () => {
    const env = new FakeEnv();
    const p = detectHost(env);
    env.fail();
    expect(await outcome(p)).toMatchObject({ kind: "browser", reason: expect.stringMatching(/office\.js/) });
  });

  test("no office.js script on the page → browser", async () => {
    const env = new FakeEnv();
    env.state = undefined;
    expect(await outcome(detectHost(env))).toMatchObject({ kind: "browser" });
  });

  test("office.js silent for 3 s → browser; Excel answering later is reported", async () => {
    const env = new FakeEnv();
    let late = 0;
    const p = detectHost(env, { onLateExcel: () => late++ });
    env.advance(2999);
    expect(await outcome(p)).toBe("pending");
    env.advance(1);
    expect(await outcome(p)).toMatchObject({ kind: "browser", reason: expect.stringMatching(/3 giây/) });
    env.load(EXCEL, 500);
    env.advance(500);
    expect(late).toBe(1);
  });

  test("office.js loaded but Office.onReady never answers → browser after 3 s", async () => {
    const env = new FakeEnv();
    const p = detectHost(env);
    env.load(EXCEL, undefined);
    env.advance(3000);
    expect(await outcome(p)).toMatchObject({ kind: "browser" });
  });

  test("a URL from Office (_host_Info=Excel…) waits longer before giving up", async () => {
    expect(urlSaysOffice("?_host_Info=Excel$Win32$16.01$vi-VN$$$$0")).toBe(true);
    expect(urlSaysOffice("?x=1")).toBe(false);
    const env = new FakeEnv();
    env.search = "?_host_Info=Excel$Web$16.00$vi-VN";
    const p = detectHost(env);
    env.advance(5000);
    expect(await outcome(p)).toBe("pending");
    env.load(EXCEL, 0);
    env.advance(0);
    expect(await outcome(p)).toMatchObject({ kind: "excel" });
  });
});
