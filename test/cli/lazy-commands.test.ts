/**
 * The CLI loads a subcommand's module only when it may run (src/cli/main.ts): `--version` loads
 * none, a named command only its own, help and anything else all of them. Needs `npm run build`.
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";

const MAIN = path.resolve(__dirname, "../../build/cli/main.js");
const COMMAND_MODULES = ["template-command", "validate-command", "fill-command", "consolidate-command", "catalog-command", "serve-command"];

/** The command modules loaded by running `argv`, and what it printed. */
function run(argv: string[]): { loaded: string[]; out: string; code: number } {
  const script = `
    const out = [];
    require(${JSON.stringify(MAIN)}).main(${JSON.stringify(argv)}, { out: (s) => out.push(s), err: (s) => out.push(s) }).then((code) => {
      const loaded = Object.keys(require.cache).map((f) => require("path").basename(f, ".js"));
      process.stdout.write(JSON.stringify({ loaded, out: out.join(""), code }));
    });`;
  const r = JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" })) as {
    loaded: string[];
    out: string;
    code: number;
  };
  return { ...r, loaded: COMMAND_MODULES.filter((m) => r.loaded.includes(m)) };
}

test("--version loads no command", () => {
  for (const flag of ["--version", "-V"])
    expect(run([flag])).toEqual({ loaded: [], out: expect.stringMatching(/^\d+\.\d+\.\d+\n$/), code: 0 });
});

test.each([
  ["template", "template-command"],
  ["templates", "template-command"],
  ["validate", "validate-command"],
  ["fill", "fill-command"],
  ["consolidate", "consolidate-command"],
  ["catalog", "catalog-command"],
  ["serve", "serve-command"],
])("%s loads only its own module, and is that command", (name, module) => {
  const r = run([name, "--help"]);
  expect(r.loaded).toEqual([module]);
  expect(r.code).toBe(0);
  expect(r.out).toContain(`Cách dùng: bieumau ${name} `);
});

test("help, no arguments, an unknown command: every command loaded and listed", () => {
  for (const argv of [["--help"], [], ["help"], ["khong-co"]]) {
    const r = run(argv);
    expect(r.loaded).toEqual(COMMAND_MODULES);
  }
  const help = run(["--help"]).out;
  for (const name of ["template", "validate", "fill", "consolidate", "catalog", "templates", "serve"])
    expect(help).toMatch(new RegExp(`\\n  ${name} `));
});
