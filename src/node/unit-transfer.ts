/**
 * Units read on a worker thread, sent to the main thread compactly. As JSON, a commune's unit was
 * ≈5.9 KB, most of it its values as {raw, value, address} per code: stringifying them on the worker
 * and parsing them on the main thread cost more than the second core saved. Here a form's codes
 * and cells (its layout) are sent once per worker and named by number after that; its values go
 * as one Float64Array of all the chunk's numbers (NaN: no number), moved, not copied; a raw text
 * is sent only where it is not the number's own text ("" for no number). The rest of the unit
 * (header, findings, counts) stays JSON.
 *
 * A decoded unit equals the one read on the main thread (test/node/unit-transfer.test.ts); one
 * packer and one unpacker per worker, messages decoded in the order they were sent.
 */
import type { UnitData, UnitInput } from "../core/consolidate";

type Values = UnitData["forms"][number]["values"];

type Form = UnitData["forms"][number];

/**
 * A form as sent: its fields but `values` as they are (form, sheet, any added later), its layout's
 * number, where its numbers start, and the raw texts that differ ([position, text]…).
 */
type PackedForm = Omit<Form, "values"> & {
  layout: number;
  at: number;
  raws?: (number | string)[];
};

export interface PackedUnits {
  /** JSON of [index, input][] with each form as a PackedForm. */
  json: string;
  numbers: Float64Array;
  /** Layouts first seen in this message: codes and addresses, alternating. */
  layouts: string[][];
}

function withoutKeys(o: object, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));
}

/** The text a number's raw is when nothing else is sent. */
const ownText = (value: number | null) => (value === null ? "" : String(value));

export class UnitPacker {
  private readonly layouts = new Map<string, number>();

  pack(units: { index: number; input: UnitInput }[]): { message: PackedUnits; transfer: ArrayBuffer[] } {
    const numbers: number[] = [];
    const fresh: string[][] = [];
    const packed = units.map(({ index, input }) => {
      if (!input.data) return [index, input];
      const forms = input.data.forms.map((f) => this.packForm(f, numbers, fresh));
      return [index, { ...input, data: { ...input.data, forms } }];
    });
    const array = new Float64Array(numbers);
    return { message: { json: JSON.stringify(packed), numbers: array, layouts: fresh }, transfer: [array.buffer as ArrayBuffer] };
  }

  private packForm(f: Form, numbers: number[], fresh: string[][]): PackedForm {
    const layout: string[] = [];
    const at = numbers.length;
    let raws: (number | string)[] | undefined;
    let position = 0;
    for (const code in f.values) {
      const v = f.values[code];
      layout.push(code, v.address);
      numbers.push(v.value === null ? NaN : v.value);
      if (v.raw !== ownText(v.value)) (raws ??= []).push(position, v.raw);
      position++;
    }
    // The key is a new flat string: it keeps no file's XML alive in this thread.
    const key = JSON.stringify(layout);
    let id = this.layouts.get(key);
    if (id === undefined) {
      id = this.layouts.size;
      this.layouts.set(key, id);
      fresh.push(layout);
    }
    const packed: PackedForm = { form: f.form, sheet: f.sheet, layout: id, at, ...(raws ? { raws } : {}) };
    // Any other field a form has (none today) travels as it is.
    return Object.keys(f).length === 3 ? packed : { ...withoutKeys(f, ["values"]), ...packed };
  }
}

export class UnitUnpacker {
  private readonly layouts: string[][] = [];

  unpack(message: PackedUnits): { index: number; input: UnitInput }[] {
    this.layouts.push(...message.layouts);
    const units = JSON.parse(message.json) as [number, UnitInput][];
    return units.map(([index, input]) => {
      if (input.data) input.data.forms = (input.data.forms as unknown as PackedForm[]).map((f) => this.unpackForm(f, message.numbers));
      return { index, input };
    });
  }

  private unpackForm(f: PackedForm, numbers: Float64Array): Form {
    const layout = this.layouts[f.layout];
    const values: Values = {};
    const raws = f.raws;
    let next = 0;
    for (let i = 0, at = f.at; i < layout.length; i += 2, at++) {
      const n = numbers[at];
      const value = Number.isNaN(n) ? null : n;
      let raw: string;
      if (raws !== undefined && raws[next] === i / 2) {
        raw = raws[next + 1] as string;
        next += 2;
      } else raw = ownText(value);
      const code = layout[i];
      const v = { raw, value, address: layout[i + 1] };
      // "__proto__" would set the prototype: kept as an own property, as the reader does.
      if (code === "__proto__") Object.defineProperty(values, code, { value: v, enumerable: true, writable: true, configurable: true });
      else values[code] = v;
    }
    const form: Form = { form: f.form, sheet: f.sheet, values };
    return Object.keys(f).length === (raws ? 5 : 4) ? form : { ...withoutKeys(f, ["layout", "at", "raws"]), ...form };
  }
}
