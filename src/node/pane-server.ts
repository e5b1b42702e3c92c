/**
 * Serves the built task pane (dist/) and, optionally, the sample unit
 * workbooks, on localhost: over HTTPS with the development certificate, or
 * plain HTTP for tests. Used by `bieumau serve`, `npm start` and the browser tests.
 */
import * as fs from "node:fs";
import * as http from "node:http";
import * as https from "node:https";
import * as path from "node:path";
import { devCertificate } from "./dev-certificate";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".png": "image/png",
  ".xml": "application/xml; charset=utf-8",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json",
};

/** Where the files come from: the built page and, for `?samples=1`, the sample folder. */
export interface PaneFiles {
  /** The bytes of `relative` (forward slashes, no leading slash) in the built page, or undefined. */
  page: (relative: string) => Buffer | undefined;
  /** samples/ (holding don-vi/ and danh-sach-xa.txt), when there is one. */
  samplesDir?: string;
}

/** A PaneFiles reading a dist/ folder on disk. */
export function folderFiles(distDir: string, samplesDir?: string): PaneFiles {
  return { page: (relative) => readInside(distDir, relative), samplesDir };
}

/** The file `relative` under `base`, never outside it; undefined when absent or a folder. */
function readInside(base: string, relative: string): Buffer | undefined {
  const file = path.normalize(path.join(base, relative));
  if (!file.startsWith(path.normalize(base + path.sep))) return undefined;
  try {
    return fs.statSync(file).isFile() ? fs.readFileSync(file) : undefined;
  } catch {
    return undefined;
  }
}

/** The request handler: the page at the root, samples under /samples/, a JSON list of the sample unit files. */
export function paneHandler(files: PaneFiles): http.RequestListener {
  return (req, res) => {
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    } catch {
      return send(res, 400, ".txt", Buffer.from("Địa chỉ không hợp lệ"));
    }
    if (pathname === "/") pathname = "/taskpane.html";
    if (pathname === "/samples/don-vi/index.json")
      return send(res, 200, ".json", Buffer.from(JSON.stringify(sampleUnitFiles(files.samplesDir))));
    const body = pathname.startsWith("/samples/")
      ? files.samplesDir && readInside(files.samplesDir, pathname.slice("/samples/".length))
      : files.page(pathname.slice(1));
    if (!body) return send(res, 404, ".txt", Buffer.from("Không tìm thấy"));
    send(res, 200, path.extname(pathname), body);
  };
}

function sampleUnitFiles(samplesDir: string | undefined): string[] {
  const dir = samplesDir && path.join(samplesDir, "don-vi");
  return dir && fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => /\.xlsx?$/i.test(f))
        .sort()
    : [];
}

function send(res: http.ServerResponse, status: number, ext: string, body: Buffer): void {
  res.writeHead(status, { "content-type": TYPES[ext] ?? "application/octet-stream", "cache-control": "no-store" });
  res.end(body);
}

export interface PaneServerOptions {
  files: PaneFiles;
  port?: number;
  host?: string;
  /** false: plain HTTP (tests on 127.0.0.1); true (default): HTTPS with the certificate in certDir. */
  secure?: boolean;
  certDir?: string;
}

/** Starts listening; rejects with the listen error (EADDRINUSE …). */
export async function startPaneServer(options: PaneServerOptions): Promise<http.Server> {
  const { files, port = 3000, host = "localhost", secure = true } = options;
  const handler = paneHandler(files);
  let server: http.Server;
  if (secure) {
    if (!options.certDir) throw new Error("thiếu thư mục chứng chỉ");
    const { key, cert } = devCertificate(options.certDir);
    server = https.createServer({ key, cert }, handler);
  } else {
    server = http.createServer(handler);
  }
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
