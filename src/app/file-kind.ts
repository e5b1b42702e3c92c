/** What a file that should be text really is, by its first bytes (a PDF picked by mistake, a Word file…). */

const SIGNATURES: { test: (b: Uint8Array) => boolean; what: string }[] = [
  { test: (b) => b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46, what: "tệp PDF" },
  { test: (b) => b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0, what: "tệp Office cũ (.doc/.xls)" },
  { test: (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47, what: "ảnh PNG" },
  { test: (b) => b[0] === 0xff && b[1] === 0xd8, what: "ảnh JPEG" },
];

/** "tệp PDF" when bytes that should be text are something else; undefined when they look like text. */
export function notTextReason(fileName: string, bytes: Uint8Array): string | undefined {
  const sig = SIGNATURES.find((s) => s.test(bytes));
  if (sig) return `${fileName} là ${sig.what}, không phải danh sách đơn vị`;
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && !/\.xls[xm]$/i.test(fileName))
    return `${fileName} là tệp nén (Word, zip…), không phải danh sách đơn vị`;
  const head = bytes.subarray(0, 4096);
  let control = 0;
  for (const b of head) if (b === 0 || (b < 9 && b !== 0)) control++;
  if (control > 0) return `${fileName} không phải văn bản (có ký tự nhị phân), không phải danh sách đơn vị`;
  return undefined;
}
