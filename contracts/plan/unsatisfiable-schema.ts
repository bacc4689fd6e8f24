/**
 * Where a description's schema admits no value at all, so that no server can answer it: Vercel's
 * `namespaceId: { type: 'null', oneOf: [{ type: string }, { type: number }] }` (a 3.0 `nullable`
 * converted to 3.1 as `type: 'null'` beside the choice) is null and a string or a number at once.
 * A body that breaks such a schema is the description's defect, not the server's, and the runner
 * says so rather than failing a server that had no valid answer to give.
 *
 * The test is by JSON types only, so it never calls a satisfiable schema unsatisfiable: the types
 * a schema admits are those its `type`, `enum`, `const` and `nullable` allow, narrowed by every
 * `allOf` part and by the union of the branches of each `oneOf` and `anyOf`; none left, no value.
 */

type Node = Record<string, unknown>;

const ALL = ['null', 'boolean', 'object', 'array', 'number', 'string'] as const;
type JsonType = (typeof ALL)[number];

const MAX_DEPTH = 16;

/**
 * Why the schema that `pointer` (a JSON Pointer into a value valid against `schema`) reaches admits
 * no value: `type "null" beside a oneOf of number, string`; undefined when it admits one, or when
 * the pointer leads nowhere the schema names.
 */
export function unsatisfiableAt(schema: unknown, pointer: string): string | undefined {
  // The validator writes the root as `/`.
  const segments = (pointer === '/' ? '' : pointer)
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let nodes = [schema].filter(isNode);
  for (const segment of segments) nodes = nodes.flatMap((node) => childrenAt(node, segment, 0));
  for (const node of nodes) {
    const reason = whyNoValue(node);
    if (reason) return reason;
  }
  return undefined;
}

/**
 * The schemas a value's member `segment` must meet, through `allOf`. Not through the branches of a
 * `oneOf` or `anyOf`: another branch may let the value through, and only a schema every valid
 * value must meet can prove that none exists.
 */
function childrenAt(node: Node, segment: string, depth: number): Node[] {
  if (depth > MAX_DEPTH) return [];
  const found: Node[] = [];
  const properties = node.properties as Record<string, unknown> | undefined;
  if (isNode(properties?.[segment])) found.push(properties[segment] as Node);
  else if (/^\d+$/.test(segment) && isNode(node.items)) found.push(node.items);
  else if (isNode(node.additionalProperties) && !/^\d+$/.test(segment)) found.push(node.additionalProperties);
  for (const part of listOf(node.allOf)) found.push(...childrenAt(part, segment, depth + 1));
  return found;
}

/** Why no value meets the schema itself, or undefined when one may. */
function whyNoValue(node: Node): string | undefined {
  if (admitted(node, 0).size > 0) return undefined;
  const said = [
    node.type !== undefined ? `type ${[node.type].flat().join(', ')}` : '',
    node.nullable === true ? 'nullable' : '',
    Array.isArray(node.enum) ? `an enum of ${[...new Set(node.enum.map(typeOfValue))].join(', ')}` : '',
    'const' in node ? `a const ${typeOfValue(node.const)}` : '',
  ]
    .filter(Boolean)
    .join(' and ');
  for (const key of ['oneOf', 'anyOf', 'allOf']) {
    const parts = listOf(node[key]);
    if (parts.length === 0) continue;
    const types = [...new Set(parts.flatMap((p) => [...admitted(p, 1)]))].sort();
    return `${said || 'no type'} beside an ${key} of ${types.join(', ') || 'nothing'}`;
  }
  return `${said}: no value has all of them`;
}

/** The JSON types a value of the schema may have. */
function admitted(node: Node, depth: number): Set<JsonType> {
  if (depth > MAX_DEPTH) return new Set(ALL);
  let types = ownTypes(node) ?? new Set<JsonType>(ALL);
  const narrow = (other: Set<JsonType>) => {
    types = new Set([...types].filter((t) => other.has(t)));
  };
  for (const part of listOf(node.allOf)) narrow(admitted(part, depth + 1));
  for (const key of ['oneOf', 'anyOf']) {
    const branches = listOf(node[key]);
    if (branches.length > 0) narrow(new Set(branches.flatMap((b) => [...admitted(b, depth + 1)])));
  }
  return types;
}

/** What `type`, `enum`, `const` and `nullable` allow, or undefined when none of them is said. */
function ownTypes(node: Node): Set<JsonType> | undefined {
  let types: Set<JsonType> | undefined;
  const narrow = (other: Iterable<JsonType>) => {
    const next = new Set(other);
    types = types ? new Set([...types].filter((t) => next.has(t))) : next;
  };
  if (node.type !== undefined) {
    const listed = (Array.isArray(node.type) ? node.type : [node.type]).map((t) =>
      t === 'integer' ? 'number' : t,
    );
    // 3.0's `nullable: true` adds null to whatever `type` says.
    narrow([...listed, ...(node.nullable === true ? ['null'] : [])].filter(isJsonType));
  }
  if (Array.isArray(node.enum)) narrow(node.enum.map(typeOfValue));
  if ('const' in node) narrow([typeOfValue(node.const)]);
  return types;
}

function typeOfValue(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  return type === 'boolean' || type === 'number' || type === 'string' ? type : 'object';
}

const isJsonType = (t: unknown): t is JsonType => (ALL as readonly unknown[]).includes(t);
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null;
const listOf = (value: unknown): Node[] => (Array.isArray(value) ? value.filter(isNode) : []);
