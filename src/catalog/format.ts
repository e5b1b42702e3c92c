/**
 * The template format, read from `template.schema.json`: the schema is its one description.
 * The checker takes from here which fields each part of a template may have, which of them
 * are free text and the allowed values of every enumeration, so a field or a value added to
 * the schema is known to the checker at once. `types.ts` is kept in step with the schema by
 * test/catalog/format.test.ts (every field, optional flag and enumeration value).
 */
import schemaJson from "./template.schema.json";
import type { Aggregation, FormSpec, ListColumn, RowCheck, RowKind, Severity } from "./types";

/** The part of JSON Schema the template schema uses. */
export interface SchemaNode {
  type?: string;
  enum?: string[];
  $ref?: string;
  required?: string[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean;
  items?: SchemaNode;
  minLength?: number;
  pattern?: string;
  description?: string;
}

export const templateSchema = schemaJson as unknown as SchemaNode & { $defs: Record<string, SchemaNode> };

/** Follows a "#/$defs/…" reference (the only kind the schema uses). */
export function resolveSchema(node: SchemaNode): SchemaNode {
  if (node.$ref === undefined) return node;
  const name = /^#\/\$defs\/(\w+)$/.exec(node.$ref)?.[1];
  const target = name === undefined ? undefined : templateSchema.$defs[name];
  if (!target) throw new Error(`template.schema.json: unknown $ref ${node.$ref}`);
  return target;
}

function property(node: SchemaNode, name: string): SchemaNode {
  const found = resolveSchema(node).properties?.[name];
  if (!found) throw new Error(`template.schema.json: no property "${name}"`);
  return resolveSchema(found);
}

function itemsOf(node: SchemaNode): SchemaNode {
  if (!node.items) throw new Error("template.schema.json: an array without items");
  return resolveSchema(node.items);
}

function enumOf(node: SchemaNode): readonly string[] {
  if (!node.enum) throw new Error("template.schema.json: an enumeration without enum");
  return node.enum;
}

/** What the checker needs to know about one kind of object in a template. */
export interface ObjectFormat {
  /** The fields it may have (additionalProperties is false everywhere). */
  fields: ReadonlySet<string>;
  /** Optional fields of free text (notes, source): only their type is checked. */
  freeText: readonly string[];
}

function objectFormat(node: SchemaNode): ObjectFormat {
  const properties = node.properties ?? {};
  const isFreeText = (name: string, p: SchemaNode) =>
    p.type === "string" && p.minLength === undefined && p.pattern === undefined && !(node.required ?? []).includes(name);
  return {
    fields: new Set(Object.keys(properties)),
    freeText: Object.entries(properties)
      .filter(([name, p]) => isFreeText(name, p))
      .map(([name]) => name),
  };
}

const { form, row, listColumn } = templateSchema.$defs;
const mapping = itemsOf(property(templateSchema, "mappings"));
const check = itemsOf(property(row, "checks"));

/** Each kind of object of a template, by its place in the template. */
export const FORMAT = {
  template: objectFormat(templateSchema),
  form: objectFormat(form),
  row: objectFormat(row),
  option: objectFormat(itemsOf(property(row, "options"))),
  ratio: objectFormat(property(row, "ratio")),
  check: objectFormat(check),
  compound: objectFormat(property(row, "compound")),
  listColumn: objectFormat(listColumn),
  section: objectFormat(itemsOf(property(form, "sections"))),
  mapping: objectFormat(mapping),
  mappingRow: objectFormat(itemsOf(property(mapping, "rows"))),
} satisfies Record<string, ObjectFormat>;

// The enumerations, typed as types.ts declares them (format.test.ts proves both lists equal).
export const ROW_KINDS = enumOf(property(row, "kind")) as readonly RowKind[];
export const AGGREGATIONS = enumOf(property(row, "aggregate")) as readonly Aggregation[];
export const FORM_KINDS = enumOf(property(form, "kind")) as readonly NonNullable<FormSpec["kind"]>[];
export const LIST_COLUMN_TYPES = enumOf(property(listColumn, "type")) as readonly ListColumn["type"][];
export const CHECK_RULES = enumOf(property(check, "rule")) as readonly RowCheck["rule"][];
export const SEVERITIES = enumOf(templateSchema.$defs.severity) as readonly Severity[];
