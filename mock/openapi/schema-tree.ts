import { translatePattern } from './translate-pattern.ts';

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

/** Keys that constrain nothing: vendor extensions and OpenAPI's annotations. */
const ANNOTATION = /^(x-|example$|examples$|externalDocs$|xml$|description$|title$)/;

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every schema a schema object holds directly (its children), wherever its keywords put them. */
export function children(node: Node): Node[] {
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

/** Where the parts of schemas compiled on their own are kept: one per validator (its Ajv). */
export interface SchemaParts {
  /** The id of a part already added. */
  idOf(node: object): string | undefined;
  /** Adds a part (its tree, with `$ref`s to other parts) under an id, for Ajv to compile on use. */
  add(node: object, build: (id: string) => object): string;
}

/**
 * A dereferenced document's schema as a tree Ajv can compile. Dereferencing makes each `$ref`
 * target one shared object, so a recursive schema (a tree of comments) is a cyclic object graph,
 * on which Ajv recurses until the stack runs out (the schema was then left unchecked), and a
 * schema shared by many others is compiled once per use. Here every object schema (one with
 * `properties`) and every schema reached twice becomes a part of its own, added once to the
 * validator's Ajv and pointed at by `$ref`: cycles close on a reference, and each part is
 * traversed and compiled once however many answers use it, so compiling an answer's schema costs
 * its own few levels, not the whole document again (Stripe's description reaches most of itself
 * from any answer). OpenAPI 3.0's boolean `exclusiveMinimum`/`exclusiveMaximum` become the
 * numbers JSON Schema means. The input is not changed; values such as `enum` or `example` are shared.
 */
export function toSchemaTree(root: object, parts: SchemaParts): object {
  const visits = new Map<Node, number>();
  const stack: Node[] = [root as Node];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    const count = visits.get(node) ?? 0;
    visits.set(node, count + 1);
    // A part added before is not walked again: its tree is already with the validator.
    if (count === 0 && (node === root || parts.idOf(node) === undefined)) stack.push(...children(node));
  }
  const own = (node: Node) =>
    parts.idOf(node) !== undefined || (visits.get(node) ?? 0) > 1 || isNode(node.properties);
  const refTo = (node: Node): Node => ({
    $ref: parts.idOf(node) ?? parts.add(node, () => build(node)),
  });
  const child = (node: unknown): unknown => (!isNode(node) ? node : own(node) ? refTo(node) : build(node));
  const build = (node: Node): Node => {
    const out: Node = {};
    // Annotations are left out: Ajv walks every key of what it compiles, and a vendor key may hold
    // more of the dereferenced graph (Stripe's `x-expansionResources`), examples whole objects.
    for (const key in node) if (!ANNOTATION.test(key)) out[key] = node[key];
    for (const key of ONE) if (key in node) out[key] = child(node[key]);
    for (const key of LIST) if (Array.isArray(node[key])) out[key] = (node[key] as unknown[]).map(child);
    for (const key of MAP)
      if (isNode(node[key]))
        out[key] = Object.fromEntries(Object.entries(node[key] as Node).map(([k, v]) => [k, child(v)]));
    if ('items' in node) out.items = Array.isArray(node.items) ? node.items.map(child) : child(node.items);
    // Another dialect's anchors (`\A…\Z`) in JavaScript's words, so that the rule is checked.
    if (typeof out.pattern === 'string') out.pattern = translatePattern(out.pattern).pattern;
    exclusiveBounds(out);
    tupleOfDraft7(out);
    return nullableWithoutType(out);
  };
  // A root that its own parts point back at is a part too; the tree compiled is a reference to it.
  return (visits.get(root as Node) ?? 0) > 1 || parts.idOf(root) !== undefined
    ? refTo(root as Node)
    : build(root as Node);
}

/**
 * 3.1's tuple (`prefixItems`, then `items` for the rest) in the draft-07 words the validator's Ajv
 * reads (`items` as a list, then `additionalItems`).
 */
function tupleOfDraft7(node: Node): void {
  if (!Array.isArray(node.prefixItems)) return;
  if ('items' in node) node.additionalItems = node.items;
  node.items = node.prefixItems;
  delete node.prefixItems;
}

/**
 * 3.0's `nullable: true` beside no `type` (`{ allOf: [$ref], nullable: true }`, as many contracts
 * make a reference nullable): null, or the schema. Ajv reads `nullable` only beside `type`, and
 * refused to compile the schema, which was then left unchecked.
 */
function nullableWithoutType(node: Node): Node {
  if (node.nullable !== true || 'type' in node) return node;
  const { nullable: _, ...rest } = node;
  return { anyOf: [rest, { type: 'null' }] };
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
