/** What the first bytes say: a zip goes on to the reader; an .xls, an encrypted file or another format is refused by name. */
import { isEncryptedOoxml, isOle2 } from "../legacy/detect";
import { encrypted, ReadError } from "./errors";

export function sniff(d: Uint8Array): void {
  if (isOle2(d)) {
    if (isEncryptedOoxml(d)) throw encrypted();
    throw new ReadError("xls", "tệp Excel 97–2003 (.xls) chưa được hỗ trợ: hãy mở bằng Excel và lưu lại dạng .xlsx");
  }
  if (d.length >= 4 && d[0] === 0x50 && d[1] === 0x4b && d[2] < 9 && d[3] < 9) return; // "PK" + record type
  let hint = "";
  let i = 0;
  if (d[0] === 0xef && d[1] === 0xbb && d[2] === 0xbf) i = 3;
  while (i < d.length && i < 64 && (d[i] === 0x20 || d[i] === 0x09 || d[i] === 0x0a || d[i] === 0x0d)) i++;
  if (d[i] === 0x3c /* < */) hint = "; có vẻ là trang HTML hoặc XML được đổi đuôi";
  else if (d[i] === 0x25 && d[i + 1] === 0x50 && d[i + 2] === 0x44 && d[i + 3] === 0x46) hint = "; có vẻ là tệp PDF";
  else if (d[i] === 0x7b && d[i + 1] === 0x5c && d[i + 2] === 0x72) hint = "; có vẻ là tệp RTF";
  throw new ReadError("not-zip", `không phải tệp Excel .xlsx (không phải tệp nén zip${hint})`);
}
