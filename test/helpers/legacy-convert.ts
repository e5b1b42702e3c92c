/**
 * .xls and .ods made the way officers make them: LibreOffice opens a workbook
 * (recalculating every formula, so cached results are real) and saves it as
 * Excel 97–2003 or OpenDocument.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { sofficePath } from "./libreoffice";

const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** Saves each file as `to` into outDir (same base name); returns the new paths in order. */
export function convertWithLibreOffice(files: string[], to: "xls" | "ods" | "xlsx", outDir: string): string[] {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "bieumau-lo-legacy-"));
  const profile = path.join(work, "profile");
  fs.mkdirSync(path.join(profile, "user"), { recursive: true });
  fs.writeFileSync(path.join(profile, "user", "registrymodifications.xcu"), RECALC_ALWAYS);
  fs.mkdirSync(outDir, { recursive: true });
  execFileSync(
    sofficePath(),
    [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--convert-to", to, "--outdir", outDir, ...files],
    {
      stdio: "pipe",
      timeout: 180_000,
    },
  );
  fs.rmSync(work, { recursive: true, force: true });
  return files.map((f) => {
    const out = path.join(outDir, `${path.basename(f).replace(/\.[^.]+$/, "")}.${to}`);
    if (!fs.existsSync(out)) throw new Error(`LibreOffice không lưu được ${f} dạng .${to}`);
    return out;
  });
}
