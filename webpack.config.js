// Builds the task pane (the same page runs inside Excel and in a plain browser).
//
// dist/
//   taskpane.html            the page (loads office.js asynchronously, works without it); an inline
//                            ES5 script (src/taskpane/legacy-bootstrap.js) runs first and explains
//                            what to do in Internet Explorer / old Edge webviews
//   taskpane.<hash>.js       first-load JavaScript: React, Fluent UI, the catalog and the core
//   exceljs.<hash>.js        exceljs + src/xlsx/write-template, loaded on first use (import())
//   help.html, learn-more.html   the manifest's SupportUrl and LearnMoreUrl: src/help/pages/* in the shell src/help/page.html
//   commands.html                the manifest's FunctionFile (src/help/commands.html as is)
//   assets/*.png, manifest.xml
//
// Host: `npm run build:web -- --env host=https://cchc.example.gov.vn` writes dist/manifest.xml
// for that address (HTTPS; a path such as https://may-chu.gov.vn/bieumau works too); without it
// the manifest points at https://localhost:3000 (development).
const fs = require("node:fs");
const path = require("node:path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { NormalModuleReplacementPlugin } = require("webpack");

const DEV_HOST = "https://localhost:3000";

/** "https://cchc.example.gov.vn/" → "https://cchc.example.gov.vn"; anything but a plain HTTPS address is refused. */
function normalizeHost(host) {
  let url;
  try {
    url = new URL(String(host));
  } catch {
    throw new Error(`Địa chỉ máy chủ “${host}” không hợp lệ; ví dụ đúng: --env host=https://cchc.example.gov.vn`);
  }
  if (url.protocol !== "https:" || url.username || url.password || url.search || url.hash) {
    throw new Error(
      `Địa chỉ máy chủ “${host}” phải là một địa chỉ https:// không có tên đăng nhập, “?” hay “#” (Office chỉ nạp tiện ích qua HTTPS).`,
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/** The manifest for `host`: every URL on it, the add-in domain its origin. */
function manifestForHost(xml, host) {
  const base = normalizeHost(host);
  return xml
    .split(`<AppDomain>${DEV_HOST}</AppDomain>`)
    .join(`<AppDomain>${new URL(base).origin}</AppDomain>`)
    .split(`${DEV_HOST}/`)
    .join(`${base}/`);
}

/**
 * Copies assets/*.png to dist/assets/, the help pages (src/help/*.html) to dist/, and the
 * manifest to dist/ (for `host` when given). No extra package needed.
 */
class CopyStaticPlugin {
  constructor(host) {
    this.host = host;
  }
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
        const helpDir = path.resolve(__dirname, "src/help");
        for (const name of fs.existsSync(helpDir) ? fs.readdirSync(helpDir).sort() : []) {
          // page.html is the shell of the help pages (see helpPages), not a page itself.
          if (/\.html$/i.test(name) && name !== "page.html") files.push([path.join(helpDir, name), name]);
        }
        files.push([path.resolve(__dirname, "manifest.xml"), "manifest.xml"]);
        for (const [from, to] of files) {
          if (!fs.existsSync(from)) continue;
          compilation.fileDependencies.add(from);
          let bytes = fs.readFileSync(from);
          if (to === "manifest.xml" && this.host) bytes = Buffer.from(manifestForHost(bytes.toString("utf8"), this.host), "utf8");
          compilation.emitAsset(to, new sources.RawSource(bytes));
        }
      });
    });
  }
}

/** The manifest's SupportUrl and LearnMoreUrl pages: each body (src/help/pages/) in the one page shell (src/help/page.html). */
const HELP_PAGES = [
  { file: "help.html", title: "Hướng dẫn" },
  { file: "learn-more.html", title: "Tìm hiểu thêm" },
];

function helpPages() {
  return HELP_PAGES.map(
    ({ file, title }) =>
      new HtmlWebpackPlugin({
        filename: file,
        template: "./src/help/page.html",
        inject: false,
        chunks: [],
        templateParameters: { title, body: fs.readFileSync(path.resolve(__dirname, "src/help/pages", file), "utf8") },
      }),
  );
}

module.exports = (env = {}, argv = {}) => {
  const dev = argv.mode !== "production";
  const host = env.host ? normalizeHost(env.host) : undefined;
  const legacyBootstrap = fs.readFileSync(path.resolve(__dirname, "src/taskpane/legacy-bootstrap.js"), "utf8");
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
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
        scriptLoading: "defer",
        templateParameters: { legacyBootstrap },
      }),
      ...helpPages(),
      new CopyStaticPlugin(host),
      // Node loads fflate at its first use (src/xlsx/fflate-lazy.ts, a require()); the bundle imports it (tree-shaken, one copy).
      new NormalModuleReplacementPlugin(/[\\/]fflate-lazy$/, (r) => {
        r.request = r.request.replace(/fflate-lazy$/, "fflate-static");
      }),
    ],
    performance: { hints: false },
    // No automatic splitting: the two import()s named "exceljs" (exceljs itself and
    // src/xlsx/write-template) make one lazy chunk, everything else is the first-load bundle.
    optimization: { splitChunks: false },
  };
};

module.exports.manifestForHost = manifestForHost;
module.exports.normalizeHost = normalizeHost;
