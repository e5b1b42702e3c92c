/** Ghi chú breakdowns are parsed in time linear in the note's length (issue 9 item 11). */
import { parseSubUnits } from "../../src/core/subunits";

const SUB_UNITS = ["Tin", "Bài", "Video", "Khác", "Trên mạng xã hội, mạng viễn thông, công nghệ thông tin"];

test("a 128,000-character note with the breakdown at its end: read in well under a second", () => {
  const prose = "trên mạng xã hội và các kênh khác ".repeat(4000).slice(0, 128_000);
  const started = Date.now();
  const read = parseSubUnits(`${prose} Tin: 3; Bài: 2; Trên mạng xã hội: 4`, SUB_UNITS);
  const ms = Date.now() - started;
  expect(read?.parts).toEqual([
    { name: "Tin", value: 3 },
    { name: "Bài", value: 2 },
    { name: "Trên mạng xã hội, mạng viễn thông, công nghệ thông tin", value: 4 },
  ]);
  expect(ms).toBeLessThan(1000); // was minutes: every ending of the text before a number was folded
});

test("doubling a long note about doubles the time", () => {
  const note = (n: number) => "ảnh 1 bài viết Tin 2, ".repeat(n);
  const time = (text: string) => {
    const t = process.hrtime.bigint();
    parseSubUnits(text, SUB_UNITS);
    return Number(process.hrtime.bigint() - t) / 1e6;
  };
  time(note(200)); // warm up
  const small = time(note(3000));
  const large = time(note(6000));
  expect(large).toBeLessThan(Math.max(small * 4, 50));
});
