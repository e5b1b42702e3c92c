/**
 * Characterisation of `bieumau catalog check` on broken templates: every check's Vietnamese
 * message, location and JSON path, byte for byte. The expected text was recorded from the
 * checker before it was split into small checks and made to read its field lists from the
 * schema; a change here is a change users see.
 *
 * After a deliberate change of a message, record the new text with
 *   BIEUMAU_RECORD=1 npx jest test/catalog/check-output.test.ts
 * and review the diff of catalog-check.expected.txt.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../../src/cli/main";
import { BROKEN_TEMPLATES } from "./broken-templates";

const EXPECTED = path.join(__dirname, "catalog-check.expected.txt");

async function catalogCheck(files: string[]): Promise<{ code: number; out: string }> {
  let out = "";
  const code = await main(["catalog", "check", ...files], { out: (s) => (out += s), err: (s) => (out += `[stderr] ${s}`) });
  return { code, out };
}

test("catalog check prints the same problems, locations and paths for every broken template", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bieumau-catalog-check-"));
  const files = BROKEN_TEMPLATES.map(({ name, raw }, i) => {
    const file = path.join(dir, `${String(i + 1).padStart(3, "0")}-${name}.json`);
    fs.writeFileSync(file, JSON.stringify(raw, null, 2));
    return file;
  });
  files.push(path.join(dir, "khong-co-tep.json"));

  const { code, out } = await catalogCheck(files);
  const text = `exit ${code}\n${out}`;
  if (process.env.BIEUMAU_RECORD === "1") fs.writeFileSync(EXPECTED, text);
  expect(text).toBe(fs.readFileSync(EXPECTED, "utf8"));
  fs.rmSync(dir, { recursive: true, force: true });
});
