"use strict";
/**
 * The floor every consolidation bench is measured against: find each file's worksheet and
 * shared-strings entries, inflate them with zlib, count the cells. As a script,
 * `node bench/floor.js DIR` does it for DIR's workbooks in its own process and prints the cell count
 * (the issue measured the floor that way: whole process, like the CLI).
 */
const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");

/** Unzip + count over the files, one thread; returns the number of `<c ` cells. */
function floor(files) {
  let cells = 0;
  for (const f of files) {
    const buf = fs.readFileSync(f);
    const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const count = buf.readUInt16LE(eocd + 10);
    let p = buf.readUInt32LE(eocd + 16);
    for (let i = 0; i < count; i++) {
      const method = buf.readUInt16LE(p + 10);
      const csize = buf.readUInt32LE(p + 20);
      const nlen = buf.readUInt16LE(p + 28);
      const xlen = buf.readUInt16LE(p + 30);
      const clen = buf.readUInt16LE(p + 32);
      const local = buf.readUInt32LE(p + 42);
      const name = buf.toString("utf8", p + 46, p + 46 + nlen);
      if (/^xl\/(worksheets\/sheet\d+|sharedStrings)\.xml$/.test(name)) {
        const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
        const data = buf.subarray(start, start + csize);
        const xml = (method === 8 ? zlib.inflateRawSync(data) : data).toString("latin1");
        for (let k = xml.indexOf("<c "); k !== -1; k = xml.indexOf("<c ", k + 3)) cells++;
      }
      p += 46 + nlen + xlen + clen;
    }
  }
  return cells;
}

module.exports = { floor };

if (require.main === module) {
  const dir = process.argv[2];
  const files = fs
    .readdirSync(dir)
    .filter((n) => n.endsWith(".xlsx"))
    .sort()
    .map((n) => path.join(dir, n));
  process.stdout.write(`${floor(files)}\n`);
}
