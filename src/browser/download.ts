/**
 * Offering bytes as a file download in a browser (Blob + object URL + a
 * temporary <a download>). The last download is kept so the page can show it
 * again ("Tải lại") and end-to-end tests can find it.
 */

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export interface DownloadRecord {
  fileName: string;
  size: number;
  /** Object URL of the bytes (kept until the next download replaces it). */
  url: string;
  /** Increases with every download. */
  seq: number;
}

let last: DownloadRecord | undefined;
let seq = 0;
const listeners = new Set<() => void>();

export function lastDownload(): DownloadRecord | undefined {
  return last;
}

export function onDownload(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Saves `bytes` as `fileName` through the browser's download. */
export function download(bytes: Uint8Array, fileName: string, mime = XLSX_MIME): void {
  // A copy into a plain ArrayBuffer: the caller's view may be a slice of a larger or shared buffer.
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  const blob = new Blob([copy.buffer], { type: mime });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.rel = "noopener";
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
  if (last) {
    const old = last.url;
    // Give the browser time to start the previous download before freeing it.
    setTimeout(() => URL.revokeObjectURL(old), 60_000);
  }
  last = { fileName, size: bytes.byteLength, url, seq: ++seq };
  for (const l of listeners) l();
}
