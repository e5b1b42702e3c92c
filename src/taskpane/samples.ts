/**
 * `npm start` opens the browser-mode page with `?samples=1`: the sample unit
 * workbooks and roster it just wrote are loaded into the Tổng hợp area.
 */
export function wantsSamples(search: string = globalThis.location?.search ?? ""): boolean {
  return new URLSearchParams(search).has("samples");
}

/** The sample unit files listed by the dev server, fetched as File objects (empty when absent). */
export async function fetchSampleUnits(base = "/samples"): Promise<{ files: File[]; roster?: File }> {
  const list = await fetch(`${base}/don-vi/index.json`);
  if (!list.ok) return { files: [] };
  const names = (await list.json()) as string[];
  const files = await Promise.all(
    names.map(async (name) => {
      const r = await fetch(`${base}/don-vi/${encodeURIComponent(name)}`);
      return new File([await r.arrayBuffer()], name);
    }),
  );
  const r = await fetch(`${base}/danh-sach-xa.txt`);
  const roster = r.ok ? new File([await r.arrayBuffer()], "danh-sach-xa.txt") : undefined;
  return { files, roster };
}
