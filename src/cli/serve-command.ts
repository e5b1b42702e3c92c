/**
 * `bieumau serve`: the bundled task pane on this computer, over HTTPS with a
 * development certificate, opened in browser mode — the pane on .xlsx files
 * with no hosting and no network.
 */
import * as fs from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { InvalidArgumentError, type Command } from "commander";
import { folderFiles, startPaneServer, type PaneFiles } from "../node/pane-server";
import { UserError, type CommandContext } from "./program";

interface ServeOptions {
  port: number;
  http?: boolean;
  certDir?: string;
  samples?: boolean;
}

/** The installed package's root (build/cli/ → ../..). */
function packageRoot(): string {
  return path.resolve(__dirname, "..", "..");
}

interface SeaModule {
  isSea(): boolean;
  getAsset(key: string): ArrayBuffer;
}

/** The pane embedded in the single executable (npm run dist puts dist/ in as assets "dist/…"). */
function embeddedPaneFiles(): PaneFiles | undefined {
  const asset = (sea: SeaModule, key: string) => {
    try {
      return Buffer.from(sea.getAsset(key));
    } catch {
      return undefined;
    }
  };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sea = require("node:sea") as SeaModule; // Node ≥ 20.12
    if (!sea.isSea() || !asset(sea, "dist/taskpane.html")) return undefined;
    return { page: (relative) => asset(sea, `dist/${relative}`) };
  } catch {
    return undefined;
  }
}

/** The pane inside the single executable, dist/ of the package, or a dist/ beside the executable. */
export function findPaneFiles(roots = [packageRoot(), path.dirname(process.execPath)]): PaneFiles | undefined {
  const embedded = embeddedPaneFiles();
  if (embedded) return embedded;
  for (const root of roots) {
    if (fs.existsSync(path.join(root, "dist", "taskpane.html"))) {
      const samples = path.join(root, "samples");
      return folderFiles(path.join(root, "dist"), fs.existsSync(path.join(samples, "don-vi")) ? samples : undefined);
    }
  }
  return undefined;
}

/** Where the certificate is kept: the user's own folder (the package folder may be read-only). */
export function defaultCertDir(): string {
  const base = process.env.LOCALAPPDATA ? path.join(process.env.LOCALAPPDATA, "bieumau") : path.join(os.homedir(), ".bieumau");
  return path.join(base, "chung-chi");
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError("cần một số cổng từ 0 đến 65535");
  return n;
}

async function listen(files: PaneFiles, options: ServeOptions, certDir: string): Promise<Server> {
  try {
    return await startPaneServer({ files, port: options.port, host: "localhost", secure: !options.http, certDir });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "EADDRINUSE" ? `cổng ${options.port} đang được dùng (chọn cổng khác: --port 3001)` : (e as Error).message;
    throw new UserError(`không mở được máy chủ: ${why}`);
  }
}

/** Resolves when Ctrl+C (or a stop signal) has closed the server. */
function untilStopped(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      server.closeAllConnections();
      server.close(() => resolve());
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

export function addServeCommand(program: Command, { io }: CommandContext): Command {
  return program
    .command("serve")
    .description("mở ngăn tác vụ Biểu mẫu CCHC trên máy này (chế độ trình duyệt, không cần mạng)")
    .option("--port <số>", "cổng trên localhost", parsePort, 3000)
    .option("--samples", "mở kèm các tệp đơn vị mẫu")
    .option("--http", "dùng http thay cho https (không cần chứng chỉ)")
    .option("--cert-dir <thư mục>", "nơi giữ chứng chỉ phát triển (tạo một lần)")
    .action(async (options: ServeOptions) => {
      const files = findPaneFiles();
      if (!files) throw new UserError("không tìm thấy giao diện ngăn tác vụ (thư mục dist/): bản cài này không có nó");
      const certDir = options.certDir ?? defaultCertDir();
      const server = await listen(files, options, certDir);
      const port = (server.address() as AddressInfo).port;
      const query = options.samples && files.samplesDir ? "?samples=1" : "";
      const url = `${options.http ? "http" : "https"}://localhost:${port}/taskpane.html${query}`;
      io.out(`Ngăn tác vụ Biểu mẫu CCHC đang chạy ở chế độ trình duyệt: ${url}\n`);
      io.out("Mở địa chỉ trên bằng trình duyệt (Edge, Chrome, Firefox) để kiểm tra, tính và tổng hợp các tệp Excel trên máy này.\n");
      if (!options.http) {
        io.out(
          `Chứng chỉ tự ký cho localhost: ${path.join(certDir, "localhost.crt")}. Lần đầu trình duyệt sẽ cảnh báo: chọn "Nâng cao" rồi "Tiếp tục truy cập localhost".\n`,
        );
      }
      io.out("Nhấn Ctrl+C để dừng.\n");
      await untilStopped(server);
    });
}
