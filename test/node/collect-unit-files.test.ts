/**
 * The folder listing builds each file's absolute and shown path by concatenation (cheaper than
 * path.resolve / path.join / path.relative per file): it must give exactly what those gave, in
 * the same order (localeCompare), for any way the folder is named on the command line.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { isSkippedName, isUnitFileName } from "../../src/app/unit-files";
import { collectUnitFiles } from "../../src/node/read-units";

/** The listing as it was written before (path.resolve, path.join, path.relative for every entry). */
function referenceListing(args: string[]) {
  const files: { path: string; shown: string }[] = [];
  const problems: { file: string; reason: string }[] = [];
  const seen = new Set<string>();
  const add = (p: string, shown: string) => {
    const abs = path.resolve(p);
    if (seen.has(abs)) return;
    seen.add(abs);
    files.push({ path: abs, shown });
  };
  const walk = (root: string, dir: string) => {
    const shown = (full: string) => path.relative(root, full) || path.basename(full);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      problems.push({ file: (dir === root ? dir : shown(dir)) + path.sep, reason: "?" });
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (isSkippedName(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(root, full);
      else if (!isUnitFileName(entry.name)) continue;
      else if (entry.isFile() || entry.isSymbolicLink()) add(full, shown(full));
      else problems.push({ file: shown(full), reason: "?" });
    }
  };
  for (const arg of args) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(arg);
    } catch {
      problems.push({ file: arg, reason: "?" });
      continue;
    }
    if (stat.isDirectory()) walk(arg, arg);
    else add(arg, path.basename(arg));
  }
  return { files, problems };
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), "bieumau-list-"));
const root = path.join(work, "Đơn vị");
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

beforeAll(() => {
  const names = [
    "xa-9.xlsx",
    "xa-10.xlsx",
    "Xa-2.XLSX",
    "xã Tân Lập.xlsx",
    "xa\u0303 Ta\u0302n Phu\u0301.xlsx", // decomposed (NFD) Vietnamese, as a Mac may write it
    "Ấp Bắc.ods",
    "b c.xlsm",
    "cũ.xls",
    "ghi-chu.txt",
    "~$xa-9.xlsx",
    ".an.xlsx",
    "huyen A/xa-1.xlsx",
    "huyen A/xa-01.xlsx",
    "huyen A/thon/xa-1.xlsx",
    "huyện B/Đông.xlsx",
    ".an/xa-5.xlsx",
    "rong/ghi-chu.txt",
  ];
  for (const name of names) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), "x");
  }
  fs.symlinkSync(path.join(root, "xa-9.xlsx"), path.join(root, "lien-ket.xlsx"));
  fs.symlinkSync(path.join(root, "huyen A"), path.join(root, "thu-muc-lien-ket"));
  if (process.platform !== "win32") execFileSync("mkfifo", [path.join(root, "ong.xlsx")]);
});

const relative = () => path.relative(process.cwd(), root);
const argSets: [string, () => string[]][] = [
  ["the absolute folder", () => [root]],
  ["the folder with a trailing separator", () => [root + path.sep]],
  ["a relative folder", () => [relative()]],
  ["a relative folder through ./ and ..", () => [`.${path.sep}${path.join(relative(), "huyen A", "..")}`]],
  ["a subfolder and its parent (each file once)", () => [path.join(root, "huyen A"), root]],
  ["a file and the folder", () => [path.join(root, "xa-10.xlsx"), root]],
  ["the folder above", () => [work]],
];

test.each(argSets)("%s: the same files, shown names, order and problems as path.resolve/join/relative", (_, args) => {
  const listed = collectUnitFiles(args());
  const expected = referenceListing(args());
  expect(listed.files).toEqual(expected.files);
  expect(listed.problems.map((p) => p.file)).toEqual(expected.problems.map((p) => p.file));
  expect(listed.files.length).toBeGreaterThan(5);
});

test("names are shown relative to the folder given, nested with the platform's separator", () => {
  const shown = collectUnitFiles([root]).files.map((f) => f.shown);
  expect(shown).toContain(path.join("huyen A", "thon", "xa-1.xlsx"));
  expect(shown).toContain(path.join("huyện B", "Đông.xlsx"));
  expect(shown).not.toContain(path.join(".an", "xa-5.xlsx"));
});
