/**
 * Just enough of the PE/COFF format (Windows .exe) to list the RT_RCDATA
 * resources by name, as Node's single-executable support finds its blob
 * (FindResource(…, "NODE_SEA_BLOB", RT_RCDATA)).
 */
const RT_RCDATA = 10;

interface Section {
  virtualAddress: number;
  virtualSize: number;
  rawSize: number;
  rawPointer: number;
}

/** Named RT_RCDATA resources → their bytes (the first language of each). Throws on a file that is not PE32+. */
export function peResources(file: Buffer): Map<string, Buffer> {
  if (file.toString("latin1", 0, 2) !== "MZ") throw new Error("not an MZ executable");
  const pe = file.readUInt32LE(0x3c);
  if (file.toString("latin1", pe, pe + 4) !== "PE\0\0") throw new Error("no PE signature");
  const sectionCount = file.readUInt16LE(pe + 6);
  const optionalSize = file.readUInt16LE(pe + 20);
  const optional = pe + 24;
  if (file.readUInt16LE(optional) !== 0x20b) throw new Error("not PE32+");
  const resourceRva = file.readUInt32LE(optional + 112 + 2 * 8); // data directory 2: resources
  const sections: Section[] = [];
  for (let i = 0; i < sectionCount; i++) {
    const s = optional + optionalSize + 40 * i;
    sections.push({
      virtualSize: file.readUInt32LE(s + 8),
      virtualAddress: file.readUInt32LE(s + 12),
      rawSize: file.readUInt32LE(s + 16),
      rawPointer: file.readUInt32LE(s + 20),
    });
  }
  const offsetOf = (rva: number): number => {
    const s = sections.find((x) => rva >= x.virtualAddress && rva < x.virtualAddress + Math.max(x.virtualSize, x.rawSize));
    if (!s) throw new Error(`RVA ${rva} is in no section`);
    return rva - s.virtualAddress + s.rawPointer;
  };
  const base = offsetOf(resourceRva);
  const entries = (dir: number) => {
    const count = file.readUInt16LE(dir + 12) + file.readUInt16LE(dir + 14);
    return Array.from({ length: count }, (_, i) => {
      const name = file.readUInt32LE(dir + 16 + 8 * i);
      const target = file.readUInt32LE(dir + 20 + 8 * i);
      const label = name & 0x80000000 ? stringAt(file, base + (name & 0x7fffffff)) : name;
      return {
        label,
        subdirectory: target & 0x80000000 ? base + (target & 0x7fffffff) : undefined,
        data: target & 0x80000000 ? undefined : base + target,
      };
    });
  };
  const out = new Map<string, Buffer>();
  for (const type of entries(base).filter((e) => e.label === RT_RCDATA && e.subdirectory !== undefined)) {
    for (const named of entries(type.subdirectory!)) {
      if (typeof named.label !== "string" || named.subdirectory === undefined) continue;
      const language = entries(named.subdirectory).find((e) => e.data !== undefined);
      if (!language) continue;
      const start = offsetOf(file.readUInt32LE(language.data!));
      out.set(named.label, file.subarray(start, start + file.readUInt32LE(language.data! + 4)));
    }
  }
  return out;
}

/** A resource directory string: length in UTF-16 units, then the units. */
function stringAt(file: Buffer, at: number): string {
  const length = file.readUInt16LE(at);
  return file.toString("utf16le", at + 2, at + 2 + 2 * length);
}
