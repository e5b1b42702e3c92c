"use strict";
/* global __non_webpack_require__ */
/**
 * The single executable's main script (npm run dist bundles it with webpack): the bundled CLI
 * rides as the SEA asset "lib/bieumau.js" and is compiled with a V8 code cache kept in the user's
 * cache folder (src/node/compile-cache.ts runCachedScript), so a start does not compile all of it.
 * Only Node's built-in modules can be required here: the CLI gets Node's require (in this bundle,
 * `require` is webpack's own).
 */
const { getAsset } = require("node:sea");
const { runCachedScript } = require("../build/node/compile-cache.js");

const nodeRequire = typeof __non_webpack_require__ === "function" ? __non_webpack_require__ : require;
const filename = require("node:path").join(__dirname, "bieumau.js");
runCachedScript(getAsset("lib/bieumau.js", "utf8"), filename, { require: nodeRequire, module: { exports: {} }, dirname: __dirname });
