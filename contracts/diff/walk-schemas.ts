import type { RuleName } from './rules.ts';
import type { ContractVersion, Direction, Emit, Node } from './types.ts';
import { discriminatorOf, type SchemaView, viewSchema } from './view-schema.ts';

/** What a schema comparison needs: both versions, the message's direction and where to report. */
export interface SchemaWalk {
  base: ContractVersion;
  head: ContractVersion;
  direction: Direction;
  subject: string;
  emit: Emit;
  /** Pairs of schema pointers on the way down, so that a recursive schema ends. */
  seen?: Set<string>;
}

type Bound = 'lower' | 'upper';
const BOUNDS: [string, Bound][] = [
  ['minimum', 'lower'],
  ['exclusiveMinimum', 'lower'],
  ['minLength', 'lower'],
  ['minItems', 'lower'],
  ['maximum', 'upper'],
  ['exclusiveMaximum', 'upper'],
  ['maxLength', 'upper'],
  ['maxItems', 'upper'],
];

// Strings as written in the YAML (a pattern `\S` stays `\S`, not JSON's `\\S`).
const show = (value: unknown) =>
  value === undefined ? 'none' : typeof value === 'string' ? `"${value}"` : JSON.stringify(value);

/**
 * Compares two schemas of the same message part and emits a change for every difference a rule
 * knows, recursing into properties, items and oneOf/anyOf branches. `label` says where in the
 * message the schema sits (`request body .name`), for the changelog.
 */
export function compareSchemas(walk: SchemaWalk, beforeNode: Node, afterNode: Node, label: string): void {
  const a = viewSchema(walk.base, beforeNode);
  const b = viewSchema(walk.head, afterNode);
  const key = `${a.node.file}#${a.node.pointer}|${b.node.file}#${b.node.pointer}`;
  const seen = walk.seen ?? new Set<string>();
  if (seen.has(key)) return;
  const inner: SchemaWalk = { ...walk, seen: new Set([...seen, key]) };
  const dir = walk.direction;
  const emit = (rule: RuleName, message: string) =>
    walk.emit(rule, walk.subject, `${label}: ${message}`, a.node, b.node);
  const tightened = (what: string) => emit(`${dir}-constraint-tightened`, what);
  const loosened = (what: string) => emit(`${dir}-constraint-loosened`, what);

  // A body that appears or disappears (no schema on one side) is reported by its fields alone: its
  // type and bounds would only repeat that the body is new or gone.
  if (a.node.value === undefined || b.node.value === undefined) {
    compareProperties(inner, a, b, label, emit);
    return;
  }
  if (!compareTypes(a, b, emit, tightened, loosened)) return;
  if (a.nullable !== b.nullable)
    (b.nullable ? loosened : tightened)(`nullable ${a.nullable} -> ${b.nullable}`);
  compareEnums(a, b, dir, emit, tightened, loosened);
  for (const word of ['format', 'pattern']) {
    const [x, y] = [a.keywords[word], b.keywords[word]];
    if (x === y) continue;
    if (x === undefined) tightened(`${word} ${show(y)} added`);
    else if (y === undefined) loosened(`${word} ${show(x)} removed`);
    else emit('format-or-pattern-changed', `${word} ${show(x)} -> ${show(y)}`);
  }
  // A default is what the server assumes when a client leaves the value out; in a response it means nothing.
  const [da, db] = [JSON.stringify(a.keywords.default), JSON.stringify(b.keywords.default)];
  if (dir === 'request' && da !== db)
    emit('request-default-changed', `default ${show(a.keywords.default)} -> ${show(b.keywords.default)}`);
  for (const [word, bound] of BOUNDS)
    compareBound(word, bound, a.keywords[word], b.keywords[word], tightened, loosened);
  const [m, n] = [a.keywords.multipleOf as number | undefined, b.keywords.multipleOf as number | undefined];
  if (m !== n) {
    // A new step that divides the old one accepts more values; any other change accepts fewer.
    if (n === undefined || (m !== undefined && m % n === 0)) loosened(`multipleOf ${show(m)} -> ${show(n)}`);
    else tightened(`multipleOf ${show(m)} -> ${show(n)}`);
  }
  if (a.keywords.uniqueItems !== b.keywords.uniqueItems)
    (b.keywords.uniqueItems === true ? tightened : loosened)(
      `uniqueItems -> ${show(b.keywords.uniqueItems)}`,
    );
  const [closedA, closedB] = [
    a.keywords.additionalProperties === false,
    b.keywords.additionalProperties === false,
  ];
  if (closedA !== closedB)
    (closedB ? tightened : loosened)(
      closedB ? 'additionalProperties: false added' : 'additionalProperties opened',
    );

  compareProperties(inner, a, b, label, emit);
  if (a.items && b.items) compareSchemas(inner, a.items, b.items, `${label}[]`);
  compareAlternatives(inner, a, b, label, tightened, loosened);
  compareDiscriminators(a, b, dir, emit);
}

/**
 * A discriminator's values are an enum of its property (a value gone narrows what may be sent, a
 * value added widens it); another property, or a discriminator added or dropped, changes how every
 * consumer picks a branch, so it breaks both sides.
 */
function compareDiscriminators(
  a: SchemaView,
  b: SchemaView,
  dir: string,
  emit: (rule: RuleName, message: string) => void,
): void {
  const [x, y] = [discriminatorOf(a), discriminatorOf(b)];
  if (!x && !y) return;
  if (x?.propertyName !== y?.propertyName) {
    emit('discriminator-changed', `discriminator ${show(x?.propertyName)} -> ${show(y?.propertyName)}`);
    return;
  }
  const [vx, vy] = [x?.values ?? new Set<string>(), y?.values ?? new Set<string>()];
  const what = `discriminator ${show(y?.propertyName)} value`;
  for (const v of vx)
    if (!vy.has(v)) emit(`${dir}-enum-value-removed` as RuleName, `${what} ${show(v)} removed`);
  for (const v of vy) if (!vx.has(v)) emit(`${dir}-enum-value-added` as RuleName, `${what} ${show(v)} added`);
}

/** False when the types are unrelated, so that nothing below them is worth comparing. */
function compareTypes(
  a: SchemaView,
  b: SchemaView,
  emit: (rule: RuleName, message: string) => void,
  tightened: (what: string) => void,
  loosened: (what: string) => void,
): boolean {
  const ta = [...a.types].sort().join('|');
  const tb = [...b.types].sort().join('|');
  if (ta === tb) return true;
  const what = `type ${ta || 'any'} -> ${tb || 'any'}`;
  // integer is a subset of number; an absent type accepts every type.
  const widens = (x: Set<string>, y: Set<string>) =>
    y.size === 0 || [...x].every((t) => y.has(t) || (t === 'integer' && y.has('number')));
  if (a.types.size > 0 && widens(a.types, b.types)) loosened(what);
  else if (widens(b.types, a.types)) tightened(what);
  else {
    emit('type-changed', what);
    return false;
  }
  return true;
}

function compareEnums(
  a: SchemaView,
  b: SchemaView,
  dir: string,
  emit: (rule: RuleName, message: string) => void,
  tightened: (what: string) => void,
  loosened: (what: string) => void,
): void {
  const [x, y] = [a.keywords.enum as unknown[] | undefined, b.keywords.enum as unknown[] | undefined];
  if (!x && !y) return;
  if (!x) {
    tightened(`enum ${show(y)} added`);
    return;
  }
  if (!y) {
    loosened(`enum ${show(x)} removed`);
    return;
  }
  const keys = (values: unknown[]) => new Set(values.map((v) => JSON.stringify(v)));
  const [kx, ky] = [keys(x), keys(y)];
  for (const v of kx)
    if (!ky.has(v)) emit(`${dir}-enum-value-removed` as RuleName, `enum value ${v} removed`);
  for (const v of ky) if (!kx.has(v)) emit(`${dir}-enum-value-added` as RuleName, `enum value ${v} added`);
}

function compareBound(
  word: string,
  bound: Bound,
  x: unknown,
  y: unknown,
  tightened: (what: string) => void,
  loosened: (what: string) => void,
): void {
  if (x === y) return;
  const what = `${word} ${show(x)} -> ${show(y)}`;
  // OpenAPI 3.0 writes exclusive bounds as booleans beside minimum/maximum.
  let stricter: boolean;
  if (typeof x === 'boolean' || typeof y === 'boolean') stricter = y === true;
  else if (x === undefined || y === undefined) stricter = x === undefined;
  else stricter = bound === 'lower' ? (y as number) > (x as number) : (y as number) < (x as number);
  (stricter ? tightened : loosened)(what);
}

/**
 * A readOnly property is no part of a request, and a writeOnly one no part of a response (OpenAPI
 * 3.0 and 3.1 alike: its `required` applies only the other way). So a property hidden in the
 * message's direction is compared as absent, and one that becomes hidden or visible has a rule.
 */
function hidden(walk: SchemaWalk, version: ContractVersion, property: Node): boolean {
  const keywords = viewSchema(version, property).keywords;
  return walk.direction === 'request' ? keywords.readOnly === true : keywords.writeOnly === true;
}

const VISIBILITY = {
  request: { hidden: 'request-property-became-read-only', shown: 'request-property-became-writable' },
  response: { hidden: 'response-property-became-write-only', shown: 'response-property-became-readable' },
} as const;

function compareProperties(
  walk: SchemaWalk,
  a: SchemaView,
  b: SchemaView,
  label: string,
  emit: (rule: RuleName, message: string) => void,
): void {
  const dir = walk.direction;
  for (const [name, before] of a.properties) {
    const after = b.properties.get(name);
    const at = `${label}.${name}`;
    const hiddenA = hidden(walk, walk.base, before);
    if (!after) {
      if (!hiddenA) walk.emit(`${dir}-property-removed`, walk.subject, `${at} removed`, before, b.node);
      continue;
    }
    const hiddenB = hidden(walk, walk.head, after);
    if (hiddenA && hiddenB) continue;
    const [wasRequired, isRequired] = [a.required.has(name) && !hiddenA, b.required.has(name) && !hiddenB];
    if (!wasRequired && isRequired) emit(`${dir}-property-became-required`, `\`${name}\` is now required`);
    if (wasRequired && !isRequired) emit(`${dir}-property-became-optional`, `\`${name}\` is now optional`);
    if (hiddenA === hiddenB) compareSchemas(walk, before, after, at);
    else {
      const word = dir === 'request' ? 'readOnly' : 'writeOnly';
      const rule = hiddenB ? VISIBILITY[dir].hidden : VISIBILITY[dir].shown;
      walk.emit(rule, walk.subject, `${at}: ${hiddenB ? `now ${word}` : `no longer ${word}`}`, before, after);
    }
  }
  for (const [name, after] of b.properties) {
    if (a.properties.has(name) || hidden(walk, walk.head, after)) continue;
    const rule = b.required.has(name) ? `${dir}-required-property-added` : `${dir}-optional-property-added`;
    walk.emit(rule as RuleName, walk.subject, `${label}.${name} added`, a.node, after);
  }
}

function compareAlternatives(
  walk: SchemaWalk,
  a: SchemaView,
  b: SchemaView,
  label: string,
  tightened: (what: string) => void,
  loosened: (what: string) => void,
): void {
  const [x, y] = [a.alternatives, b.alternatives];
  for (let i = 0; i < Math.min(x.length, y.length); i++)
    compareSchemas(walk, x[i] as Node, y[i] as Node, `${label} (branch ${i + 1})`);
  if (y.length > x.length) loosened(`${y.length - x.length} oneOf/anyOf branch(es) added`);
  if (y.length < x.length) tightened(`${x.length - y.length} oneOf/anyOf branch(es) removed`);
}
