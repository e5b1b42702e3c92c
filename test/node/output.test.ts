/** Output files: identity of inputs, and writes that are whole or nothing. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { checkOutput, OutputError, sameFile, writeAtomically, writeFileAtomically } from "../../src/node/output";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "bieumau-output-"));
const file = (name: string) => path.join(work, name);

describe("sameFile", () => {
  test("symbolic and hard links, other spellings: the same file; a copy is not", () => {
    fs.writeFileSync(file("a.xlsx"), "a");
    fs.symlinkSync("a.xlsx", file("sym.xlsx"));
    fs.linkSync(file("a.xlsx"), file("hard.xlsx"));
    fs.copyFileSync(file("a.xlsx"), file("copy.xlsx"));
    expect(sameFile(file("a.xlsx"), file("sym.xlsx"))).toBe(true);
    expect(sameFile(file("a.xlsx"), file("hard.xlsx"))).toBe(true);
    expect(sameFile(file("a.xlsx"), path.join(work, ".", "x", "..", "a.xlsx"))).toBe(true);
    expect(sameFile(file("a.xlsx"), file("copy.xlsx"))).toBe(false);
    expect(sameFile(file("a.xlsx"), file("missing.xlsx"))).toBe(false);
  });
});

describe("checkOutput", () => {
  test("refuses an input (through a link), a folder, a missing folder, another extension; an existing file only with force", () => {
    fs.writeFileSync(file("in.xlsx"), "x");
    fs.symlinkSync("in.xlsx", file("in-link.xlsx"));
    fs.mkdirSync(file("dir.xlsx"));
    const refuse = (out: string, force: boolean, re: RegExp) =>
      expect(() => checkOutput(out, { force, inputs: [file("in.xlsx")] })).toThrow(re);
    refuse(file("in-link.xlsx"), true, /chính là tệp nguồn/);
    refuse(file("dir.xlsx"), true, /là một thư mục/);
    refuse(path.join(work, "nope", "o.xlsx"), true, /không tồn tại/);
    refuse(file("o.csv"), true, /đuôi \.xlsx/);
    refuse(file("in.xlsx"), false, /chính là tệp nguồn/);
    fs.writeFileSync(file("old.xlsx"), "old");
    refuse(file("old.xlsx"), false, /đã có/);
    expect(checkOutput(file("old.xlsx"), { force: true, inputs: [file("in.xlsx")] })).toBe(file("old.xlsx"));
  });
});

describe("writeAtomically", () => {
  test("a failing write leaves the earlier output as it was and no temporary file", async () => {
    fs.mkdirSync(file("w"));
    const out = path.join(work, "w", "out.xlsx");
    fs.writeFileSync(out, "good");
    await expect(
      writeAtomically(out, (tmp) => {
        fs.writeFileSync(tmp, "half");
        throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
      }),
    ).rejects.toThrow(new OutputError(`không ghi được ${out}: ổ đĩa đã đầy`));
    expect(fs.readFileSync(out, "utf8")).toBe("good");
    expect(fs.readdirSync(path.join(work, "w"))).toEqual(["out.xlsx"]);
    await writeFileAtomically(out, new TextEncoder().encode("new"));
    expect(fs.readFileSync(out, "utf8")).toBe("new");
    expect(fs.readdirSync(path.join(work, "w"))).toEqual(["out.xlsx"]);
  });

  test("writing through a link replaces the link, never the file it points to", async () => {
    fs.writeFileSync(file("target.xlsx"), "unit");
    fs.symlinkSync("target.xlsx", file("via.xlsx"));
    await writeFileAtomically(file("via.xlsx"), new TextEncoder().encode("out"));
    expect(fs.readFileSync(file("target.xlsx"), "utf8")).toBe("unit");
    expect(fs.lstatSync(file("via.xlsx")).isSymbolicLink()).toBe(false);
  });
});
