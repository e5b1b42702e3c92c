/** The add-in manifest, checked offline (Microsoft's online validation: npm run validate). */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/**
 * office-addin-manifest pulls in ESM-only packages that Jest's CommonJS runtime cannot load;
 * Node itself can (require(esm)), so it runs in a child process.
 */
function readManifest(file: string): { id: string; displayName: string; defaultLocale: string; hosts: string[] } {
  const script = `require("office-addin-manifest").OfficeAddinManifest.readManifestFile(process.argv[1]).then((i) => process.stdout.write(JSON.stringify(i)))`;
  return JSON.parse(
    execFileSync(process.execPath, ["-e", script, file], {
      cwd: path.resolve(__dirname, "../.."),
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }),
  );
}

const ROOT = path.resolve(__dirname, "../..");
const MANIFEST = path.join(ROOT, "manifest.xml");

describe("manifest.xml", () => {
  let info: ReturnType<typeof readManifest>;
  let xml: string;
  beforeAll(() => {
    info = readManifest(MANIFEST);
    xml = fs.readFileSync(MANIFEST, "utf8");
  });

  test("id, name, Vietnamese locale, Excel host, ExcelApi 1.8 minimum", () => {
    expect(info.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(info.displayName).toBe("Biểu mẫu CCHC");
    expect(info.defaultLocale).toBe("vi-VN");
    expect(info.hosts).toEqual(["Workbook"]);
    expect(xml).toMatch(/<Set Name="ExcelApi" MinVersion="1.8"\/>/);
  });

  test("every URL is HTTPS on the add-in's domain, and every icon exists in assets/", () => {
    const urls = [...xml.matchAll(/DefaultValue="(https?:[^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url).toMatch(/^https:\/\/localhost:3000\//);
    for (const m of xml.matchAll(/\/assets\/([\w-]+\.png)/g)) expect(fs.existsSync(path.join(ROOT, "assets", m[1]))).toBe(true);
    for (const size of [16, 32, 64, 80]) expect(fs.existsSync(path.join(ROOT, "assets", `icon-${size}.png`))).toBe(true);
  });

  test("a ribbon button 'Biểu mẫu CCHC' on the Home tab opens the task pane; every resid is defined", () => {
    expect(xml).toMatch(/<OfficeTab id="TabHome">[\s\S]*<Control xsi:type="Button"[\s\S]*<Action xsi:type="ShowTaskpane">/);
    const defined = new Set([...xml.matchAll(/<bt:(?:Image|Url|String) id="([^"]+)"/g)].map((m) => m[1]));
    const used = [...xml.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(5);
    for (const id of used) expect(defined.has(id)).toBe(true);
    expect(xml).toMatch(/<bt:String id="TaskpaneButton.Label" DefaultValue="Biểu mẫu CCHC"\/>/);
  });
});
