import { builtinTemplates } from "../../src/catalog";
import type { FormSpec } from "../../src/catalog/types";
import { formRows } from "../../src/core/rules/form-rows";

/** The rows each rule reads are picked once per form: the same as walking every row, and picked again when the rows change. */
describe("formRows", () => {
  const forms = builtinTemplates().flatMap((t) => t.forms);

  it("picks exactly the rows each rule's walk over all rows would take, in order", () => {
    for (const form of forms) {
      const picked = formRows(form);
      expect(picked.ratio).toEqual(form.rows.filter((s) => s.ratio !== undefined));
      expect(picked.sum).toEqual(form.rows.filter((s) => s.sum !== undefined));
      expect(picked.checks).toEqual(form.rows.filter((s) => s.checks !== undefined));
      expect(picked.subUnits).toEqual(form.rows.filter((s) => (s.subUnits ?? []).length > 0));
      expect(picked.compound).toEqual(form.rows.filter((s) => s.compound !== undefined));
      expect(formRows(form)).toBe(picked); // kept with the form
    }
  });

  it("picks again when the form's rows are another list or another length", () => {
    const form = forms.find((f) => f.rows.some((r) => r.sum))!;
    const copy: FormSpec = JSON.parse(JSON.stringify(form));
    const before = formRows(copy).sum.length;
    copy.rows = copy.rows.filter((r) => !r.sum); // another array
    expect(formRows(copy).sum).toHaveLength(0);
    copy.rows.push({ ...form.rows.find((r) => r.sum)! }); // same array, another length
    expect(formRows(copy).sum).toHaveLength(1);
    expect(before).toBeGreaterThan(0);
  });
});
