// Builds the task pane (the same page runs inside Excel and in a plain browser).
const path = require("node:path");
const HtmlWebpackPlugin = require("html-webpack-plugin");

module.exports = (env, argv) => {
  const dev = argv.mode !== "production";
  return {
    entry: { taskpane: "./src/taskpane/index.tsx" },
    output: { path: path.resolve(__dirname, "dist"), filename: "[name].[contenthash:8].js", clean: true },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [{ test: /\.tsx?$/, loader: "ts-loader", options: { configFile: "tsconfig.json", transpileOnly: true }, exclude: /node_modules/ }],
    },
    devtool: dev ? "source-map" : false,
    plugins: [
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./src/taskpane/taskpane.html", chunks: ["taskpane"] }),
    ],
    performance: { hints: false },
  };
};
