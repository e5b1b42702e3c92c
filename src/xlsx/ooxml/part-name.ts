/**
 * Part names of an OPC package (the zip inside an .xlsx), as every reader and the patcher compare
 * them: case-insensitive, forward slashes, no leading slash. One rule, so a file `validate` reads is
 * a file `fill` can patch.
 */

/** "/XL\\Workbook.xml" → "xl/workbook.xml". */
export function normalizePartName(name: string): string {
  let s = name.replace(/\\/g, "/");
  while (s.startsWith("/")) s = s.slice(1);
  return s.toLowerCase();
}

/**
 * A relationship's target against the folder of its source part ("xl/"): "worksheets/sheet1.xml",
 * "/xl/worksheets/sheet1.xml", "../xl/x.xml", "sheet%201.xml", "x.xml#frag" → a normalized part name.
 */
export function resolveRelTarget(baseDir: string, target: string): string {
  let t = target.replace(/\\/g, "/");
  if (t.includes("%")) {
    try {
      t = decodeURIComponent(t);
    } catch {
      /* keep as written */
    }
  }
  const hash = t.indexOf("#");
  if (hash >= 0) t = t.slice(0, hash);
  const parts = (t.startsWith("/") ? t.slice(1) : baseDir + t).split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p !== "." && p !== "") out.push(p);
  }
  return out.join("/").toLowerCase();
}

/** The folder of a part, with its trailing slash: "xl/workbook.xml" → "xl/". */
export function partFolder(part: string): string {
  return part.slice(0, part.lastIndexOf("/") + 1);
}
