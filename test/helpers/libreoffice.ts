/**
 * Recalculates workbooks with a real spreadsheet engine (LibreOffice) so tests
 * can assert what officers will see, not what our own code believes.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

export function sofficePath(): string {
  for (const p of ["/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice"]) {
    if (fs.existsSync(p)) return p;
  }
  throw new Error("LibreOffice (soffice) không có trên máy: cài gói libreoffice-calc-nogui");
}

/**
 * Opens each file in LibreOffice, recalculates every formula and saves it as
 * .xlsx in a new folder; returns the paths of the recalculated copies in order.
 */
export function recalcWithLibreOffice(files: string[]): string[] {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "bieumau-lo-"));
  const profile = path.join(work, "profile");
  fs.mkdirSync(path.join(profile, "user"), { recursive: true });
  fs.writeFileSync(path.join(profile, "user", "registrymodifications.xcu"), RECALC_ALWAYS);
  const outDir = path.join(work, "out");
  execFileSync(
    sofficePath(),
    [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--convert-to", "xlsx", "--outdir", outDir, ...files],
    { stdio: "pipe", timeout: 180_000 },
  );
  return files.map((f) => {
    const out = path.join(outDir, path.basename(f).replace(/\.[^.]+$/, "") + ".xlsx");
    if (!fs.existsSync(out)) throw new Error(`LibreOffice không mở được ${f}`);
    return out;
  });
}
