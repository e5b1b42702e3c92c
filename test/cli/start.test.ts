/** `npm start` tries the optional sideloading and explains, in Vietnamese, when it cannot. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const start = require("../../scripts/start.js") as {
  findSideloader: (root?: string) => string | undefined;
  sideload: (o: {
    platform: string;
    log: (m: string) => void;
    find?: () => string | undefined;
    run?: (cli: string) => number | null;
  }) => string;
};

function capture(platform: string, find: () => string | undefined, run?: (cli: string) => number | null) {
  const lines: string[] = [];
  const outcome = start.sideload({ platform, log: (m) => lines.push(m), find, run });
  return { outcome, text: lines.join("\n") };
}

describe("npm start: sideloading into desktop Excel", () => {
  test("optional package absent (npm ci --omit=optional): says why and what to do, runs nothing", () => {
    const run = jest.fn(() => 0);
    const r = capture("win32", () => undefined, run);
    expect(r.outcome).toBe("absent");
    expect(run).not.toHaveBeenCalled();
    expect(r.text).toMatch(/chưa cài gói tùy chọn office-addin-debugging/);
    expect(r.text).toMatch(/Tải lên bổ trợ, chọn manifest\.xml/);
  });

  test("package present: its own script is run (no npx download); a failure is explained", () => {
    const run = jest.fn(() => 0);
    expect(capture("darwin", () => "/x/cli.js", run).outcome).toBe("loaded");
    expect(run).toHaveBeenCalledWith("/x/cli.js");
    const failed = capture(
      "win32",
      () => "/x/cli.js",
      () => 1,
    );
    expect(failed.outcome).toBe("failed");
    expect(failed.text).toMatch(/Không nạp được vào Excel tự động/);
  });

  test("no desktop Excel (Linux): points to the browser mode and Excel on the web", () => {
    expect(capture("linux", () => "/x/cli.js").text).toMatch(/chế độ trình duyệt/);
  });

  test("the package is found only where it is installed", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "bieumau-start-"));
    expect(start.findSideloader(root)).toBeUndefined();
    const pkg = path.join(root, "node_modules", "office-addin-debugging");
    fs.mkdirSync(pkg, { recursive: true });
    fs.writeFileSync(
      path.join(pkg, "package.json"),
      JSON.stringify({ name: "office-addin-debugging", bin: { "office-addin-debugging": "./cli.js" } }),
    );
    expect(start.findSideloader(root)).toBe(path.join(fs.realpathSync(pkg), "cli.js"));
  });
});
