import { child, deref, entries } from './resolve-refs.ts';
import type { ContractVersion, Node } from './types.ts';

/** A schema as the comparison sees it: `allOf` merged, 3.0 `nullable` and 3.1 `type: [.., null]` alike. */
export interface SchemaView {
  node: Node;
  types: Set<string>;
  nullable: boolean;
  /** Keywords read as written (bounds, format, pattern, enum, default, readOnly, discriminator, ...), the first `allOf` part's winning. */
  keywords: Record<string, unknown>;
  properties: Map<string, Node>;
  required: Set<string>;
  items?: Node;
  /** The branches of `oneOf` or `anyOf`. */
  alternatives: Node[];
}

const KEYWORDS = [
  'default',
  'enum',
  'format',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'uniqueItems',
  'additionalProperties',
  'readOnly',
  'writeOnly',
  'discriminator',
] as const;

/** Reads a schema node (following `$ref`s) into a SchemaView. */
export function viewSchema(version: ContractVersion, start: Node, depth = 0): SchemaView {
  const node = deref(version, start);
  const schema = (node.value ?? {}) as Record<string, unknown>;
  const rawTypes = schema.type === undefined ? [] : [schema.type].flat().map(String);
  const view: SchemaView = {
    node,
    types: new Set(rawTypes.filter((t) => t !== 'null')),
    nullable: schema.nullable === true || rawTypes.includes('null'),
    keywords: {},
    properties: new Map(),
    required: new Set((schema.required as string[] | undefined) ?? []),
    alternatives: [],
  };
  for (const key of KEYWORDS) if (schema[key] !== undefined) view.keywords[key] = schema[key];
  for (const [name, property] of entries(version, child(node, 'properties')))
    view.properties.set(name, property);
  if (schema.items !== undefined) view.items = deref(version, child(node, 'items'));
  for (const key of ['oneOf', 'anyOf'])
    if (Array.isArray(schema[key]))
      view.alternatives = (schema[key] as unknown[]).map((_, i) => deref(version, child(node, key, i)));
  if (Array.isArray(schema.allOf) && depth < 20)
    schema.allOf.forEach((_, i) => {
      mergeInto(view, viewSchema(version, child(node, 'allOf', i), depth + 1));
    });
  return view;
}

function mergeInto(view: SchemaView, part: SchemaView): void {
  for (const t of part.types) view.types.add(t);
  view.nullable ||= part.nullable;
  for (const [key, value] of Object.entries(part.keywords)) view.keywords[key] ??= value;
  for (const [name, property] of part.properties)
    if (!view.properties.has(name)) view.properties.set(name, property);
  for (const name of part.required) view.required.add(name);
  view.items ??= part.items;
  if (view.alternatives.length === 0) view.alternatives = part.alternatives;
}

/**
 * The property that picks a `oneOf`/`anyOf` branch and every value it takes: the keys of `mapping`
 * and, for a branch that is a `$ref` to a component schema no mapping names, that schema's name
 * (OpenAPI's implicit value). Undefined when the schema has no discriminator.
 */
export function discriminatorOf(view: SchemaView): { propertyName: string; values: Set<string> } | undefined {
  const d = view.keywords.discriminator as
    | { propertyName?: string; mapping?: Record<string, string> }
    | undefined;
  if (typeof d?.propertyName !== 'string') return undefined;
  const mapping = d.mapping ?? {};
  const values = new Set(Object.keys(mapping));
  const mapped = new Set(Object.values(mapping).map((target) => target.split('/').pop()));
  for (const branch of view.alternatives) {
    const name = /^\/components\/schemas\/([^/]+)$/.exec(branch.pointer)?.[1];
    if (name !== undefined && !mapped.has(name)) values.add(name);
  }
  return { propertyName: d.propertyName, values };
}
