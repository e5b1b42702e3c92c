#!/usr/bin/env node
"use strict";
/**
 * The README's main job on bundled sample data (`npm start`):
 *  1. blank templates for the province and the communes (bieumau template);
 *  2. twelve commune workbooks made from the commune seed's values, with the
 *     usual problems (a wrong rate, a total that does not add up, a unit that
 *     sends twice, a file that is not Excel) — checked with bieumau validate;
 *  3. a computed copy of one of them (bieumau fill);
 *  4. the provincial consolidation with its province form (bieumau consolidate).
 */
const path = require("node:path");
const fs = require("node:fs");
const { main } = require("../build/cli/main.js");
const { findTemplate } = require("../build/catalog");
const { writeFilledWorkbook } = require("../build/xlsx/plan-writer");

const samples = path.join(__dirname, "..", "samples");
const units = path.join(samples, "don-vi");
fs.mkdirSync(units, { recursive: true });
for (const f of fs.readdirSync(units)) fs.rmSync(path.join(units, f));
const io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s), isTTY: process.stdout.isTTY };

const COMMUNES = [
  "Lê Hồng",
  "An Bình",
  "Bình Minh",
  "Cát Tiên",
  "Đông Hòa",
  "Gia Phú",
  "Hòa Lạc",
  "Kim Sơn",
  "Long Hải",
  "Mường La",
  "Nà Bó",
  "Phú Lộc",
];

/** The commune seed's (xã Lê Hồng, Q1/2024) input values, varied per commune. */
function communeValues(i) {
  const v = {
    "1/1": 26 + i,
    "1/2.1": 30,
    "1/2.2": 18 + i,
    "1/4.1": 58,
    "1/4.2": 50 - i,
    "1/4.3": 0,
    "1/4.4": 0,
    "1/5": i % 3 === 0 ? 0 : 1,
    "1/6": i % 2,
    "2/1.3": i % 4,
    "2/2.1": 0,
    "2/3.1": 0,
    "3/1.1": 0,
    "3/1.2": 2,
    "3/1.3": 2,
    "3/1.4.3": 139,
    "3/2.1": 2,
    "3/2.2": 42,
    "3/2.3": 5,
    "3/3.3.1": 265 + 10 * i,
    "3/3.3.2": 262 + 10 * i,
    "3/3.4.1": i % 3,
    "3/3.4.2": i % 3,
    "4/1.2": 100,
    "4/2.1": 20,
    "4/2.2": 19 - (i % 2),
    "4/2.3": 0,
    "4/2.4": 0,
    "5/1.1": 1,
    "5/3": 0,
    "5/4": 0,
    "6/1.1": 3000,
    "6/1.2": 200 * i,
    "7/1": 1,
    "7/2": 2,
    "7/3": 100,
    "7/4": 2,
    "7/5.1.3": 100,
    "7/5.2.3": 100,
    "7/5.3.3": 100,
    "7/6.4.1": 64,
    "7/6.4.2": 64,
    "7/6.4.3": 16,
    "7/6.5.1": 46,
    "7/6.5.2": 46,
    "7/6.5.3": 9,
    "7/6.6.1": 110,
    "7/6.6.2": 110,
    "7/6.7.1": 272 + i,
    "7/6.7.2": 264,
    "7/6.8.1": 32,
    "7/6.8.2": 24,
  };
  if (i === 1) v["7/6.6.1"] = 112; // the seed's own inconsistency: 112 ≠ 64 + 46
  if (i === 4) v["1/2.2"] = 35; // more tasks done than planned
  return v;
}

(async () => {
  const run = async (args) => {
    console.log(`\n$ bieumau ${args.map((a) => (/\s/.test(a) ? `"${a}"` : a)).join(" ")}`);
    return main(args, io);
  };
  const steps = [
    [
      "template",
      "--template",
      "bnv581-tinh",
      "--unit",
      "UBND tỉnh Sơn La",
      "--period",
      "Quý I năm 2024",
      "-o",
      path.join(samples, "bnv581-tinh.xlsx"),
      "--force",
    ],
    [
      "template",
      "--template",
      "bnv581-xa",
      "--unit",
      "UBND xã Lê Hồng",
      "--period",
      "Quý I năm 2024",
      "-o",
      path.join(samples, "bnv581-xa.xlsx"),
      "--force",
    ],
  ];
  for (const args of steps) if ((await run(args)) !== 0) process.exit(2);

  const xa = findTemplate("bnv581-xa");
  COMMUNES.forEach((name, i) => {
    const file = path.join(units, `xa-${String(i + 1).padStart(2, "0")}.xlsx`);
    // Xã Lê Hồng typed its figures without the formulas: its rates and totals are blank until filled.
    const computed = i === 0 ? "blank" : "formula";
    fs.writeFileSync(file, writeFilledWorkbook(xa, { unit: `UBND xã ${name}`, period: "Quý I năm 2024" }, communeValues(i), { computed }));
  });
  fs.copyFileSync(path.join(units, "xa-03.xlsx"), path.join(units, "xa-03-gui-lai.xlsx"));
  fs.writeFileSync(path.join(units, "bao-cao-nham.xlsx"), "Đây là thư xin gia hạn nộp báo cáo, không phải tệp Excel.");
  fs.writeFileSync(
    path.join(samples, "danh-sach-xa.txt"),
    [...COMMUNES.map((n) => `UBND xã ${n}`), "UBND xã Quỳnh Nhai"].join("\n") + "\n",
  );

  await run(["validate", path.join(units, "xa-02.xlsx"), path.join(units, "xa-05.xlsx")]);
  await run(["fill", path.join(units, "xa-01.xlsx"), "-o", path.join(samples, "xa-01-da-tinh.xlsx"), "--force"]);
  const code = await run([
    "consolidate",
    units,
    "--units",
    path.join(samples, "danh-sach-xa.txt"),
    "--into",
    "bnv581-tinh",
    "-o",
    path.join(samples, "tong-hop.xlsx"),
    "--force",
  ]);
  console.log(`\nCác tệp mẫu nằm trong ${samples}`);
  process.exit(code);
})();
