/**
 * Deployment for a province: `npm run build:web -- --env host=https://…` builds
 * dist/ for that host. Built here into a temporary folder (dist/ is left to the
 * other tests) and checked offline: the manifest is read by office-addin-manifest
 * in a child process (as in manifest.test.ts) and every URL it names must be a
 * file of the build, on the host, over HTTPS.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "acorn";

const ROOT = path.resolve(__dirname, "../..");
const HOST = "https://cchc.example.gov.vn";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require(path.join(ROOT, "webpack.config.js")) as {
  manifestForHost(xml: string, host: string): string;
  normalizeHost(host: string): string;
};

function readManifest(file: string): Record<string, unknown> & { defaultSettings?: { sourceLocation?: string } } {
  const script = `require("office-addin-manifest").OfficeAddinManifest.readManifestFile(process.argv[1]).then((i) => process.stdout.write(JSON.stringify(i)))`;
  return JSON.parse(
    execFileSync(process.execPath, ["-e", script, file], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }),
  );
}

describe(`build:web --env host=${HOST}`, () => {
  let out: string;
  let xml: string;
  beforeAll(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), "bieumau-deploy-"));
    const cli = require.resolve("webpack-cli/bin/cli.js", { paths: [ROOT] });
    execFileSync(process.execPath, [cli, "--mode", "production", "--env", `host=${HOST}/`, "--output-path", out], {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "pipe"],
      timeout: 500_000,
    });
    xml = fs.readFileSync(path.join(out, "manifest.xml"), "utf8");
  }, 600_000);
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  test("the manifest reads offline and names the host: source, icons, support page, add-in domain", () => {
    const info = readManifest(path.join(out, "manifest.xml"));
    expect(info.displayName).toBe("Biểu mẫu CCHC");
    expect(info.defaultLocale).toBe("vi-VN");
    expect(info.defaultSettings?.sourceLocation).toBe(`${HOST}/taskpane.html`);
    expect(info.supportUrl).toBe(`${HOST}/help.html`);
    expect(info.iconUrl).toBe(`${HOST}/assets/icon-32.png`);
    expect(info.appDomains).toEqual([HOST]);
    expect(xml).toContain(`<bt:Url id="GetStarted.LearnMoreUrl" DefaultValue="${HOST}/learn-more.html"/>`);
    expect(xml).not.toContain("localhost");
  });

  test("every URL of the manifest is HTTPS on the host and a file the build wrote", () => {
    const urls = [...xml.matchAll(/(?:DefaultValue="|<AppDomain>)(https?:[^"<]+)/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(8);
    for (const url of urls) {
      expect(url.startsWith(HOST)).toBe(true);
      const file = url.slice(HOST.length).replace(/^\//, "");
      if (file) expect(fs.existsSync(path.join(out, file))).toBe(true);
    }
  });

  test("help and learn-more pages are short Vietnamese pages that link back to the pane and load nothing remote", () => {
    for (const name of ["help.html", "learn-more.html"]) {
      const html = fs.readFileSync(path.join(out, name), "utf8");
      expect(html).toMatch(/<html lang="?vi"?>/); // the build may minify the markup
      expect(html).toMatch(/Biểu mẫu CCHC/);
      expect(html).toMatch(/href="?taskpane\.html"?/);
      expect(Buffer.byteLength(html)).toBeLessThan(6000);
      expect(html).not.toMatch(/(src|href)="?https?:/);
    }
    expect(fs.readFileSync(path.join(out, "learn-more.html"), "utf8")).toMatch(/không tệp hay số liệu nào được gửi đi/);
  });

  test("taskpane.html runs the ES5 bootstrap before office.js and the bundle", () => {
    const html = fs.readFileSync(path.join(out, "taskpane.html"), "utf8");
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts[0][1].trim()).toBe("");
    expect(scripts[0][2]).toContain("__legacyWebview");
    expect(() => parse(scripts[0][2], { ecmaVersion: 5 })).not.toThrow();
    const bundle = scripts.findIndex((m) => /src="?taskpane\.[0-9a-f]+\.js/.test(m[1]));
    const office = scripts.findIndex((m) => /office\.js/.test(m[1]));
    expect(bundle).toBeGreaterThan(0);
    expect(office).toBeGreaterThan(0);
  });
});

describe("manifestForHost / normalizeHost (webpack.config.js)", () => {
  const source = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");

  test("a host with a path keeps it in URLs; the add-in domain is its origin", () => {
    const xml = config.manifestForHost(source, "https://dichvu.snv.example.gov.vn/bieumau/");
    expect(xml).toContain('<SourceLocation DefaultValue="https://dichvu.snv.example.gov.vn/bieumau/taskpane.html"/>');
    expect(xml).toContain("<AppDomain>https://dichvu.snv.example.gov.vn</AppDomain>");
    expect(xml).not.toContain("localhost");
  });

  test.each([
    "http://cchc.example.gov.vn",
    "https://cchc.example.gov.vn/?a=1",
    "https://user:pw@cchc.example.gov.vn",
    "cchc.example.gov.vn",
  ])("refuses %s with a Vietnamese message", (host) => {
    expect(() => config.normalizeHost(host)).toThrow(/Địa chỉ máy chủ/);
  });
});
