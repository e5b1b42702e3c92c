/** Starts `bieumau serve` as a process and fetches the pane over HTTPS, trusting only the certificate it made. */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as https from "node:https";
import * as path from "node:path";
import type { Launcher } from "./sample-run";

export interface ServeCheck {
  banner: string;
  page: { status: number; body: string };
  samples: { status: number; body: string };
  /** The page's own script (taskpane.<hash>.js), fetched as the browser would. */
  script: { status: number; body: string };
  exitCode: number | null;
}

function get(url: string, ca: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on("error", reject);
  });
}

/** Runs `serve --port 0 --samples`, waits for its address, fetches the page and the sample list, stops it. */
export async function checkServe(launcher: Launcher, certDir: string): Promise<ServeCheck> {
  const child = spawn(launcher.command, [...launcher.args, "serve", "--port", "0", "--samples", "--cert-dir", certDir], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  let banner = "";
  const started = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bieumau serve did not start: ${banner}`)), 60_000);
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (text: string) => {
      banner += text;
      const m = /https:\/\/localhost:\d+\/taskpane\.html\S*/.exec(banner);
      if (m && banner.includes("Ctrl+C")) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    });
    child.stderr.on("data", (text: Buffer) => (banner += text.toString()));
    void exited.then(() => reject(new Error(`bieumau serve stopped: ${banner}`)));
  });
  try {
    const url = await started;
    const ca = fs.readFileSync(path.join(certDir, "localhost.crt"));
    const page = await get(url, ca);
    const samples = await get(new URL("/samples/don-vi/index.json", url).href, ca);
    const src = /<script[^>]*src="?([^" >]*taskpane\.[0-9a-f]+\.js)/.exec(page.body)?.[1] ?? "taskpane.js";
    const script = await get(new URL(src, url).href, ca);
    return { banner, page, samples, script, exitCode: await stop() };
  } catch (e) {
    await stop();
    throw e;
  }

  async function stop(): Promise<number | null> {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    return exited;
  }
}
