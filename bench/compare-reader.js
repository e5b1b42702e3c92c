// Grids of two builds' readers, deep-equal on every file (issue 13: a faster reader reads the same).
// usage: node bench/compare-reader.js OLD_BUILD NEW_BUILD DIR…   (each DIR's .xlsx files, in name order,
// read one after the other by both builds in one process: the readers' reuse across files is exercised).
// Exit 1 on the first difference (the file, the path of the first differing value).
const fs = require("fs");
const path = require("path");
const util = require("util");
const [oldB, newB, ...dirs] = process.argv.slice(2);
const A = require(path.resolve(oldB) + "/xlsx/read-grid");
const B = require(path.resolve(newB) + "/xlsx/read-grid");

function read(R, bytes) {
  try {
    return { grid: R.readWorkbookGrid(bytes) };
  } catch (e) {
    return { error: `${e.constructor.name} ${e.reason ?? ""} ${e.message}` };
  }
}

function firstDiff(a, b, at) {
  if (Object.is(a, b)) return undefined;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return `${at}: ${util.inspect(a)} ≠ ${util.inspect(b)}`;
  if (Array.isArray(a) !== Array.isArray(b)) return `${at}: array vs not`;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.join() !== kb.join()) return `${at}: keys ${ka} ≠ ${kb}`;
  if (Array.isArray(a) && a.length !== b.length) return `${at}: length ${a.length} ≠ ${b.length}`;
  for (const k of ka) {
    const d = firstDiff(a[k], b[k], `${at}.${k}`);
    if (d) return d;
  }
  return undefined;
}

let files = 0;
for (const dir of dirs) {
  const names = fs.statSync(dir).isDirectory()
    ? fs
        .readdirSync(dir)
        .filter((x) => x.endsWith(".xlsx"))
        .sort()
        .map((n) => path.join(dir, n))
    : [dir];
  for (const f of names) {
    const bytes = fs.readFileSync(f);
    const a = read(A, new Uint8Array(bytes));
    const b = read(B, new Uint8Array(bytes));
    // holes vs undefined matter to the core (`in`, forEach): keys compared, not only values
    const d = firstDiff(a, b, "") ?? (util.isDeepStrictEqual(a, b) ? undefined : "isDeepStrictEqual");
    if (d) {
      console.log("DIFF", f, d);
      process.exit(1);
    }
    files++;
  }
  console.log("same", dir, files);
}
console.log("all same:", files, "files");
