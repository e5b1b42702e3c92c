/** The Ghi chú of a coded row lists the units that answered "no" while the list is short: its length is counted, not joined. */
import fc from "fast-check";
import { joinedLength } from "../../src/xlsx/write-consolidation";

test("joinedLength is the joined list's length up to the limit, and over the limit exactly when the list is", () => {
  fc.assert(
    fc.property(fc.array(fc.string({ maxLength: 12 }), { maxLength: 12 }), fc.integer({ min: 0, max: 80 }), (names, limit) => {
      const joined = names.join(", ").length;
      const counted = joinedLength(names, limit);
      expect(counted <= limit).toBe(joined <= limit);
      if (joined <= limit) expect(counted).toBe(joined);
    }),
    { numRuns: 5000 },
  );
  expect(joinedLength([], 60)).toBe(0);
  expect(joinedLength(["xã A", "xã B"], 60)).toBe("xã A, xã B".length);
});
