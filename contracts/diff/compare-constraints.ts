import type { Constraint } from '../../mock/openapi/constraints.ts';
import type { Operation } from './list-operations.ts';
import { child, deref, entries } from './resolve-refs.ts';
import type { ContractVersion, Emit, Node } from './types.ts';
import { viewSchema } from './view-schema.ts';

/** One entry of an operation's `x-constraints` with its node. */
interface Entry {
  node: Node;
  constraint: Constraint;
}

/** What one side of the comparison knows: its entries, where its list is, the request's fields. */
interface Side {
  entries: Entry[];
  /** The list, or its operation when there is none (a pointer must name a node of that version). */
  where: Node;
  fields: Set<string>;
}

const show = (fields: readonly string[]) => `[${fields.join(', ')}]`;

function describe(c: Constraint): string {
  if (c.rule === 'before') return `before ${show(c.fields)}`;
  if (c.rule === 'exists') return `exists ${c.field} in ${c.collection}`;
  if (c.rule === 'atMostOne') return `atMostOne ${show(c.fields)}`;
  return JSON.stringify(c);
}

/**
 * Matches `before` entries whichever order their fields are in (a reversed pair is a change, not a
 * removal and an addition) and `exists` entries by field. An entry this check cannot read is matched
 * by its text, and taken to refuse something.
 */
function key(c: Constraint): { key: string; fields: string[] } {
  if (c.rule === 'before' && Array.isArray(c.fields))
    return { key: `before ${[...c.fields].sort().join(' ')}`, fields: c.fields };
  if (c.rule === 'exists') return { key: `exists ${c.field}`, fields: [c.field] };
  return { key: JSON.stringify(c), fields: [] };
}

// atMostOne [a, b, c] forbids a+b, a+c and b+c together. Comparing those pairs makes [a, b] ->
// [a, b, c] a tightening by its new pairs alone, whichever entry of the list holds them.
const pairs = (fields: readonly string[]) =>
  fields.flatMap((f, i) => fields.slice(i + 1).map((g) => [f, g].sort().join(' + ')));

/**
 * The operation's `x-constraints` (mock/openapi/constraints.ts), cross-field rules on one request: one added
 * or widened narrows the request (it breaks clients), one removed widens it (servers must accept what
 * they refuse today), and a reversed `before` or an `exists` in another collection is both. A rule
 * over a field that only one version's request has judges no request of the other: the field is
 * reported as added or removed by its own rule, and the rule with it is no change of its own. An
 * `exists` message is prose, no change.
 */
export function compareConstraints(
  base: ContractVersion,
  head: ContractVersion,
  a: Operation,
  b: Operation,
  emit: Emit,
): void {
  const [x, y] = [side(base, a), side(head, b)];
  if (x.entries.length === 0 && y.entries.length === 0) return;
  const report: Report = (rule, message, before, after) =>
    emit(rule, b.subject, `x-constraints ${message}`, before, after);
  // In both versions' requests: a rule over anything else judges no request that passes in both.
  const shared = (fields: readonly string[]) => fields.every((f) => x.fields.has(f) && y.fields.has(f));

  const others = (s: Side) => s.entries.filter((e) => e.constraint.rule !== 'atMostOne');
  const byKey = (s: Side) => new Map(others(s).map((e) => [key(e.constraint).key, e]));
  const [ka, kb] = [byKey(x), byKey(y)];
  for (const [k, e] of ka) {
    const other = kb.get(k);
    const { fields } = key(e.constraint);
    if (fields.length > 0 && !shared(fields)) continue;
    if (!other) report('cross-field-rule-loosened', `${describe(e.constraint)} removed`, e.node, y.where);
    else if (describe(other.constraint) !== describe(e.constraint))
      report(
        'cross-field-rule-changed',
        `${describe(e.constraint)} -> ${describe(other.constraint)}`,
        e.node,
        other.node,
      );
  }
  for (const [k, e] of kb) {
    const { fields } = key(e.constraint);
    if (!ka.has(k) && (fields.length === 0 || shared(fields)))
      report('cross-field-rule-tightened', `${describe(e.constraint)} added`, x.where, e.node);
  }

  compareAtMostOne(x, y, shared, report);
}

type Report = (
  rule: 'cross-field-rule-tightened' | 'cross-field-rule-loosened' | 'cross-field-rule-changed',
  message: string,
  before: Node,
  after: Node,
) => void;

/** `atMostOne` entries by the pairs of fields they forbid together, whichever entries hold them. */
function compareAtMostOne(
  x: Side,
  y: Side,
  shared: (fields: readonly string[]) => boolean,
  report: Report,
): void {
  const [oa, ob] = [atMostOne(x), atMostOne(y)];
  const forbidden = (list: typeof oa) => new Set(list.flatMap((e) => pairs(e.fields)));
  const [pa, pb] = [forbidden(oa), forbidden(ob)];
  // The entry of the other version sharing most fields with one, to show `[a, b] -> [a, b, c]`.
  const closest = (fields: string[], list: typeof oa) =>
    list
      .map((o) => ({ o, count: o.fields.filter((f) => fields.includes(f)).length }))
      .filter(({ count }) => count > 0)
      .sort((p, q) => q.count - p.count)[0]?.o;
  const change = (from: string[] | undefined, to: string[] | undefined) =>
    from && to
      ? `atMostOne ${show(from)} -> ${show(to)}`
      : `atMostOne ${show(from ?? to ?? [])} ${from ? 'removed' : 'added'}`;
  for (const e of ob)
    if (pairs(e.fields).some((p) => !pa.has(p) && shared(p.split(' + ')))) {
      const was = closest(e.fields, oa);
      report('cross-field-rule-tightened', change(was?.fields, e.fields), was?.node ?? x.where, e.node);
    }
  for (const e of oa)
    if (pairs(e.fields).some((p) => !pb.has(p) && shared(p.split(' + ')))) {
      const now = closest(e.fields, ob);
      report('cross-field-rule-loosened', change(e.fields, now?.fields), e.node, now?.node ?? y.where);
    }
}

function atMostOne(s: Side): { node: Node; fields: string[] }[] {
  return s.entries.flatMap(({ node, constraint: c }) =>
    c.rule === 'atMostOne' && Array.isArray(c.fields) ? [{ node, fields: c.fields }] : [],
  );
}

function side(version: ContractVersion, op: Operation): Side {
  const list = child(op.node, 'x-constraints');
  const found = Array.isArray(list.value)
    ? list.value.map((constraint: Constraint, i) => ({ node: child(list, i), constraint }))
    : [];
  return {
    entries: found,
    where: list.value === undefined ? op.node : list,
    fields: requestFields(version, op),
  };
}

/** The request fields of an operation as x-constraints names them: `query.from`, `path.id`, `body.topicId`. */
function requestFields(version: ContractVersion, op: Operation): Set<string> {
  const found = new Set<string>();
  for (const list of [child(op.pathItem, 'parameters'), child(op.node, 'parameters')])
    for (const [, node] of entries(version, list)) {
      const p = node.value as { in: string; name: string };
      found.add(`${p.in}.${p.name}`);
    }
  const body = deref(version, child(op.node, 'requestBody'));
  for (const [, media] of entries(version, child(body, 'content')))
    for (const name of viewSchema(version, child(media, 'schema')).properties.keys())
      found.add(`body.${name}`);
  return found;
}
