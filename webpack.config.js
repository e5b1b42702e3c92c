// Builds the task pane (the same page runs inside Excel and in a plain browser).
//
// dist/
//   taskpane.html            the page (loads office.js asynchronously, works without it)
//   taskpane.<hash>.js       first-load JavaScript: React, Fluent UI, the catalog and the core
//   exceljs.<hash>.js        exceljs + src/xlsx/write-template, loaded on first use (import())
//   assets/*.png, manifest.xml
const fs = require("node:fs");
const path = require("node:path");
const HtmlWebpackPlugin = require("html-webpack-plugin");

/** Copies assets/*.png to dist/assets/ and manifest.xml to dist/ (no extra package needed). */
class CopyStaticPlugin {
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("CopyStaticPlugin", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "CopyStaticPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        const files = [];
        const assetsDir = path.resolve(__dirname, "assets");
        if (fs.existsSync(assetsDir)) {
          for (const name of fs.readdirSync(assetsDir).sort()) {
            if (/\.png$/i.test(name)) files.push([path.join(assetsDir, name), `assets/${name}`]);
          }
          compilation.contextDependencies.add(assetsDir);
        }
        files.push([path.resolve(__dirname, "manifest.xml"), "manifest.xml"]);
        for (const [from, to] of files) {
          if (!fs.existsSync(from)) continue;
          compilation.fileDependencies.add(from);
          compilation.emitAsset(to, new sources.RawSource(fs.readFileSync(from)));
        }
      });
    });
  }
}

module.exports = (env, argv) => {
  const dev = argv.mode !== "production";
  return {
    target: "web",
    entry: { taskpane: "./src/taskpane/index.tsx" },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].[contenthash:8].js",
      chunkFilename: "[name].[contenthash:8].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
      // exceljs's package.json "browser" field already points to dist/exceljs.min.js
      // (a self-contained build, no Node built-ins needed); made explicit here.
      alias: { exceljs$: path.resolve(__dirname, "node_modules/exceljs/dist/exceljs.min.js") },
    },
    module: {
      // The prebuilt exceljs bundle needs no parsing (faster, no warnings).
      noParse: /exceljs[\\/]dist[\\/]exceljs(\.bare)?\.min\.js$/,
      rules: [
        {
          test: /\.tsx?$/,
          loader: "ts-loader",
          exclude: /node_modules/,
          options: {
            configFile: "tsconfig.json",
            transpileOnly: true,
            // ES modules for webpack: import() stays a split point (CommonJS would turn it into
            // require() and pull exceljs into the first-load bundle) and unused exports are dropped.
            compilerOptions: { module: "esnext", moduleResolution: "node", sourceMap: dev },
          },
        },
      ],
    },
    devtool: dev ? "source-map" : false,
    plugins: [
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./src/taskpane/taskpane.html", chunks: ["taskpane"], scriptLoading: "defer" }),
      new CopyStaticPlugin(),
    ],
    performance: { hints: false },
    // No automatic splitting: the two import()s named "exceljs" (exceljs itself and
    // src/xlsx/write-template) make one lazy chunk, everything else is the first-load bundle.
    optimization: { splitChunks: false },
  };
};
