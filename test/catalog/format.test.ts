/**
 * The template format is described once, by template.schema.json. These tests fail when
 * another description drifts from it:
 * - types.ts (read with the TypeScript compiler): every field, its optional flag, its kind of
 *   value and every enumeration value must be the schema's;
 * - the checker (which reads its field lists and enumerations from the schema, format.ts):
 *   every field the schema declares must be checked (a wrong value is reported), every
 *   required field must be required, every unknown field refused, in every part of a template.
 */
import * as path from "node:path";
import ts from "typescript";
import { checkTemplate } from "../../src/catalog";
import { resolveSchema, templateSchema, type SchemaNode } from "../../src/catalog/format";
import { validTemplate } from "./broken-templates";

/** A kind of value, as both descriptions can state it. */
type Shape =
  | "string"
  | "number"
  | "boolean"
  | { enum: string[] }
  | { array: Shape }
  | { object: Record<string, { optional: boolean; shape: Shape }> }
  | { unsupported: string };

function schemaShape(node: SchemaNode): Shape {
  const n = resolveSchema(node);
  if (n.enum) return { enum: [...n.enum].sort() };
  if (n.type === "string") return "string";
  if (n.type === "integer" || n.type === "number") return "number";
  if (n.type === "boolean") return "boolean";
  if (n.type === "array" && n.items) return { array: schemaShape(n.items) };
  if (n.type === "object" && n.properties) {
    const entries = Object.entries(n.properties).map(([name, p]) => [
      name,
      { optional: !(n.required ?? []).includes(name), shape: schemaShape(p) },
    ]);
    return { object: Object.fromEntries(entries) };
  }
  return { unsupported: JSON.stringify(n).slice(0, 80) };
}

function typeShape(checker: ts.TypeChecker, type: ts.Type): Shape {
  const t = checker.getNonNullableType(type);
  if (t.flags & ts.TypeFlags.String) return "string";
  if (t.flags & ts.TypeFlags.Number) return "number";
  if (t.flags & ts.TypeFlags.Boolean) return "boolean";
  if (t.isUnion() && t.types.every((m) => m.isStringLiteral()))
    return { enum: t.types.map((m) => (m as ts.StringLiteralType).value).sort() };
  if (checker.isArrayType(t)) return { array: typeShape(checker, checker.getTypeArguments(t as ts.TypeReference)[0]) };
  if (t.flags & ts.TypeFlags.Object) {
    const entries = checker.getPropertiesOfType(t).map((p) => {
      const optional = (p.flags & ts.SymbolFlags.Optional) !== 0;
      return [p.name, { optional, shape: typeShape(checker, checker.getTypeOfSymbol(p)) }];
    });
    return { object: Object.fromEntries(entries) };
  }
  return { unsupported: checker.typeToString(t) };
}

/** TemplateSpec as types.ts declares it. */
function templateSpecShape(): Shape {
  const file = path.resolve(__dirname, "../../src/catalog/types.ts");
  const program = ts.createProgram([file], { strict: true, noEmit: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(file)!)!;
  const spec = checker.getExportsOfModule(moduleSymbol).find((s) => s.name === "TemplateSpec")!;
  return typeShape(checker, checker.getDeclaredTypeOfSymbol(spec));
}

/**
 * Where the code's types differ from the file format on purpose:
 * - "$schema" tells an editor which schema a file follows; the code never reads it;
 * - a list form's file may leave out "rows"; loadTemplate gives it an empty list.
 */
function asTheCodeSeesIt(shape: Shape): Shape {
  const copy = JSON.parse(JSON.stringify(shape));
  delete copy.object.$schema;
  copy.object.forms.shape.array.object.rows.optional = false;
  return copy;
}

test("types.ts declares exactly the schema's fields, optional flags, kinds of value and enumeration values", () => {
  expect(templateSpecShape()).toEqual(asTheCodeSeesIt(schemaShape(templateSchema)));
});

/** An object of a template (path from the root) and the schema node that describes it. */
interface Site {
  at: (string | number)[];
  node: SchemaNode;
}

/** Every object of `value` with its schema node, the template itself first. */
function sites(value: unknown, node: SchemaNode, at: (string | number)[] = []): Site[] {
  const n = resolveSchema(node);
  if (Array.isArray(value) && n.items) return value.flatMap((v, i) => sites(v, n.items!, [...at, i]));
  if (typeof value !== "object" || value === null || !n.properties) return [];
  const inside = Object.entries(value).flatMap(([k, v]) => (n.properties![k] ? sites(v, n.properties![k], [...at, k]) : []));
  return [{ at, node: n }, ...inside];
}

function pathText(at: (string | number)[]): string {
  return at.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}

/** The problems of the valid template changed by `change` at one object of it. */
function problemPaths(site: Site, change: (obj: Record<string, unknown>) => void): string[] {
  const t = validTemplate();
  change(site.at.reduce((obj, key) => obj[key], t));
  return checkTemplate(t, "thu.json").map((p) => p.path);
}

/** A problem about `field` of the object at `site` (or about the whole object). */
function concerns(paths: string[], site: Site, field: string): boolean {
  const fieldPath = pathText([...site.at, field]);
  return paths.some((p) => p === pathText(site.at) || p === fieldPath || p.startsWith(fieldPath + ".") || p.startsWith(fieldPath + "["));
}

/** A value the schema refuses for `node`. */
function wrongValue(node: SchemaNode): unknown {
  const n = resolveSchema(node);
  if (n.enum) return "không-có";
  return n.type === "string" ? 42 : "x";
}

const SITES = sites(validTemplate(), templateSchema);

test("the sample template has every kind of object the schema describes", () => {
  const described = new Set<SchemaNode>();
  const collect = (node: SchemaNode) => {
    const n = resolveSchema(node);
    if (n.properties) described.add(n);
    for (const p of Object.values(n.properties ?? {})) collect(p);
    if (n.items) collect(n.items);
  };
  collect(templateSchema);
  expect(described.size).toBeGreaterThanOrEqual(11);
  expect([...described].filter((n) => !SITES.some((s) => s.node === n)).map((n) => Object.keys(n.properties!))).toEqual([]);
  expect(checkTemplate(validTemplate(), "thu.json")).toEqual([]);
});

test("every field the schema declares is checked: a value of the wrong kind is reported", () => {
  const unchecked = SITES.flatMap((site) =>
    Object.entries(site.node.properties!)
      .filter(
        ([field, p]) =>
          !concerns(
            problemPaths(site, (obj) => (obj[field] = wrongValue(p))),
            site,
            field,
          ),
      )
      .map(([field]) => pathText([...site.at, field])),
  );
  expect(unchecked).toEqual([]);
});

test("every field the schema requires is required by the checker", () => {
  const optional = SITES.flatMap((site) =>
    (site.node.required ?? [])
      .filter(
        (field) =>
          !concerns(
            problemPaths(site, (obj) => delete obj[field]),
            site,
            field,
          ),
      )
      .map((field) => pathText([...site.at, field])),
  );
  expect(optional).toEqual([]);
});

test("a field the schema does not declare is refused by name in every part of a template", () => {
  const accepted = SITES.filter((site) => !problemPaths(site, (obj) => (obj.truongLa = 1)).includes(pathText([...site.at, "truongLa"])));
  expect(accepted.map((site) => pathText(site.at) || "(mẫu)")).toEqual([]);
});
