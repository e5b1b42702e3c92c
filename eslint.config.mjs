// Lint and layer boundaries (issue 10). Recommended rules only, not type-checked, so it stays fast.
// The layers: src/core (pure) ← src/xlsx ← src/app (workflows) ← src/node, src/cli, src/excel, src/browser, src/taskpane.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const nodeBuiltins = { group: ["node:*"], message: "Node-only code lives in src/node (this folder also runs in the browser)." };
const upward = (...folders) =>
  folders.map((f) => ({ group: [`../${f}`, `../${f}/*`, `../../${f}`, `../../${f}/*`], message: `This layer does not import src/${f}.` }));
const officeGlobals = ["Office", "Excel"].map((name) => ({ name, message: "Only src/excel calls Office.js." }));
const cliCommands = ["./template-command", "./validate-command", "./fill-command", "./consolidate-command", "./catalog-command"];

export default tseslint.config(
  {
    ignores: [
      "build/**",
      "dist/**",
      ".tmp/**",
      "release/**",
      ".certs/**",
      "coverage/**",
      "node_modules/**",
      ".bench-builds/**",
      "test-output/**",
      "src/taskpane/legacy-bootstrap.js",
      "src/xlsx/legacy/cpexcel.d.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // Unused names are allowed when they say so with a leading underscore.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      // `ok && next()` and `a ? b() : c()` as statements are the readers' idiom in hot loops.
      "@typescript-eslint/no-unused-expressions": ["error", { allowShortCircuit: true, allowTernary: true }],
      // The readers, the writer and the terminal escaper match control characters on purpose.
      "no-control-regex": "off",
    },
  },
  {
    // Scripts, benches, tests and the CLI launcher are CommonJS Node programs.
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: {
      sourceType: "commonjs",
      globals: {
        require: "readonly",
        module: "writable",
        __dirname: "readonly",
        process: "readonly",
        console: "readonly",
        Buffer: "readonly",
        __filename: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        URL: "readonly",
      },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // The readers' hot loops write `(a = x), (b = y)` on one line; the rule cannot allow comma sequences.
    files: ["src/xlsx/**", "test/**"],
    rules: { "@typescript-eslint/no-unused-expressions": "off" },
  },
  {
    // Tests build odd inputs on purpose (loose JSON, imprecise literals, fakes of Office.js objects).
    files: ["test/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off", "no-loss-of-precision": "off", "@typescript-eslint/no-this-alias": "off" },
  },
  {
    // Issue 10's house rules: a file a newcomer can read, a function that fits on a screen.
    files: ["src/**/*.ts", "src/**/*.tsx"],
    rules: { "max-lines": ["error", { max: 600 }], "max-lines-per-function": ["error", { max: 80 }] },
  },
  {
    files: ["src/**/*.ts", "src/**/*.tsx"],
    ignores: ["src/excel/**"],
    rules: { "no-restricted-globals": ["error", ...officeGlobals] },
  },
  {
    files: ["src/core/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [nodeBuiltins, ...upward("xlsx", "excel", "taskpane", "cli", "node", "app")] }],
    },
  },
  {
    files: ["src/app/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [nodeBuiltins, ...upward("cli", "taskpane", "excel", "node")] }] },
  },
  {
    // Loaded in the browser or the Excel pane: Node-only code stays in src/node.
    files: ["src/xlsx/**", "src/taskpane/**", "src/excel/**", "src/catalog/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [nodeBuiltins, ...upward("cli", "node")] }] },
  },
  {
    // The plain browser page's workbook host, beside src/excel's: browser APIs only (no Office.js, no node:*), no pane UI.
    files: ["src/browser/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [nodeBuiltins, ...upward("cli", "node", "taskpane", "excel")] }] },
  },
  {
    files: ["src/cli/*-command.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: cliCommands.map((name) => ({
            name,
            message: "CLI commands do not import each other: shared helpers go to a shared module (output-file, resolve-template).",
          })),
        },
      ],
    },
  },
);
