/** Keywords whose value is one schema. */
const ONE = [
  'additionalProperties',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'additionalItems',
  'unevaluatedProperties',
  'unevaluatedItems',
];
/** Keywords whose value is a list of schemas. */
const LIST = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
/** Keywords whose value maps names to schemas. */
const MAP = ['properties', 'patternProperties', 'dependentSchemas', '$defs', 'definitions'];

type Node = Record<string, unknown>;

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every schema a schema object holds directly (its children), wherever its keywords put them. */
function children(node: Node): Node[] {
  const out: Node[] = [];
  for (const key of ONE) if (isNode(node[key])) out.push(node[key] as Node);
  for (const key of LIST)
    if (Array.isArray(node[key])) for (const s of node[key] as unknown[]) if (isNode(s)) out.push(s);
  for (const key of MAP)
    if (isNode(node[key])) for (const s of Object.values(node[key] as Node)) if (isNode(s)) out.push(s);
  const items = node.items;
  if (isNode(items)) out.push(items);
  else if (Array.isArray(items)) for (const s of items) if (isNode(s)) out.push(s);
  return out;
}

/**
 * A dereferenced document's schema as a tree Ajv can compile. Dereferencing makes each `$ref`
 * target one shared object, so a recursive schema (a tree of comments) is a cyclic object graph,
 * on which Ajv recurses until the stack runs out (the schema was then left unchecked), and a
 * schema shared by many others is compiled once per use. Here every schema reached more than once
 * becomes one entry of `definitions`, pointed at by `$ref`: cycles close on a reference, and shared
 * parts are compiled once. OpenAPI 3.0's boolean `exclusiveMinimum`/`exclusiveMaximum` become the
 * numbers JSON Schema means. The input is not changed; values such as `enum` or `example` are shared.
 */
export function toSchemaTree(root: object): object {
  const visits = new Map<Node, number>();
  const stack: Node[] = [root as Node];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    const count = visits.get(node) ?? 0;
    visits.set(node, count + 1);
    if (count === 0) stack.push(...children(node));
  }
  const names = new Map<Node, string>();
  const definitions: Node = {};
  const refTo = (node: Node): Node => {
    if (node === root) return { $ref: '#' };
    let name = names.get(node);
    if (name === undefined) {
      name = `s${names.size}`;
      names.set(node, name);
      definitions[name] = build(node);
    }
    return { $ref: `#/definitions/${name}` };
  };
  const child = (node: unknown): unknown =>
    !isNode(node) ? node : node === root || (visits.get(node) ?? 0) > 1 ? refTo(node) : build(node);
  const build = (node: Node): Node => {
    const out: Node = { ...node };
    for (const key of ONE) if (key in node) out[key] = child(node[key]);
    for (const key of LIST) if (Array.isArray(node[key])) out[key] = (node[key] as unknown[]).map(child);
    for (const key of MAP)
      if (isNode(node[key]))
        out[key] = Object.fromEntries(Object.entries(node[key] as Node).map(([k, v]) => [k, child(v)]));
    if ('items' in node) out.items = Array.isArray(node.items) ? node.items.map(child) : child(node.items);
    exclusiveBounds(out);
    return out;
  };
  const tree = build(root as Node);
  if (names.size === 0) return tree;
  return { ...tree, definitions: { ...(isNode(tree.definitions) ? tree.definitions : {}), ...definitions } };
}

/** OpenAPI 3.0's `exclusiveMinimum: true` beside `minimum: 3` is JSON Schema's `exclusiveMinimum: 3`. */
function exclusiveBounds(node: Node): void {
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof node[flag] !== 'boolean') continue;
    if (node[flag] === true && typeof node[bound] === 'number') {
      node[flag] = node[bound];
      delete node[bound];
    } else delete node[flag];
  }
}
