/**
 * fflate is loaded at its first use under Node (fflate-lazy.ts) and imported in the task pane's
 * bundle (fflate-static.ts, swapped in by webpack.config.js): both hand out fflate's own functions.
 * The fallbacks that use them (deflater "fflate", inflater "fflate", .ods) have their own tests.
 */
import * as Fflate from "fflate";
import { fflate } from "../../src/xlsx/fflate-lazy";
import { fflate as fflateStatic } from "../../src/xlsx/fflate-static";

describe("fflate at its first use", () => {
  it("is fflate's deflateSync, inflateSync and Inflate, in Node and in the bundle", () => {
    for (const f of [fflate(), fflateStatic()]) {
      expect(f.deflateSync).toBe(Fflate.deflateSync);
      expect(f.inflateSync).toBe(Fflate.inflateSync);
      expect(f.Inflate).toBe(Fflate.Inflate);
    }
    const bytes = new TextEncoder().encode("Biểu mẫu CCHC ".repeat(100));
    expect(fflate().inflateSync(fflate().deflateSync(bytes, { level: 1 }))).toEqual(bytes);
  });
});
