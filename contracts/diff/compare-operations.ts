import { compareParameters } from './compare-parameters.ts';
import { listOperations, type Operation } from './list-operations.ts';
import { child, deref, entries } from './resolve-refs.ts';
import type { ContractVersion, Emit, Node } from './types.ts';
import { compareSchemas, type SchemaWalk } from './walk-schemas.ts';

/** Compares every operation of the two versions' openapi.yaml. */
export function compareOperations(base: ContractVersion, head: ContractVersion, emit: Emit): void {
  const before = listOperations(base);
  const after = listOperations(head);
  for (const [key, a] of before) {
    const b = after.get(key);
    if (!b) emit('operation-removed', a.subject, `${a.subject} removed`, a.node);
    else compareOperation(base, head, a, b, emit);
  }
  for (const [key, b] of after)
    if (!before.has(key)) emit('operation-added', b.subject, `${b.subject} added`, undefined, b.node);
}

/** The security requirements in force, the operation's own or the document's, as sorted strings. */
function security(version: ContractVersion, op: Operation): string[] {
  const own = (op.node.value as { security?: object[] }).security;
  const global = (version.files['openapi.yaml'] as { security?: object[] }).security;
  // A requirement is its schemes with their scopes (`oauth:calls.read`); several are alternatives.
  const requirement = (r: object) =>
    Object.entries(r as Record<string, string[]>)
      .map(([scheme, scopes]) => [scheme, ...[...(scopes ?? [])].sort()].join(':'))
      .sort()
      .join('+');
  return (own ?? global ?? []).map(requirement).sort();
}

function compareOperation(
  base: ContractVersion,
  head: ContractVersion,
  a: Operation,
  b: Operation,
  emit: Emit,
) {
  const subject = b.subject;
  const walk = (direction: 'request' | 'response'): SchemaWalk => ({ base, head, direction, subject, emit });
  const deprecated = (op: Operation) => (op.node.value as { deprecated?: boolean }).deprecated === true;
  if (!deprecated(a) && deprecated(b))
    emit('operation-deprecated', subject, `${subject} is deprecated`, a.node, b.node);

  compareParameters(a, b, walk('request'));

  const [sa, sb] = [security(base, a), security(head, b)];
  if (sa.join() !== sb.join()) {
    const what = `security [${sa.join(', ') || 'public'}] -> [${sb.join(', ') || 'public'}]`;
    const rule =
      sa.length === 0 ? 'security-added' : sb.length === 0 ? 'security-removed' : 'security-changed';
    emit(rule, subject, what, a.node, b.node);
  }

  compareRequestBody(base, head, a, b, emit, walk('request'));
  compareResponses(base, head, a, b, emit, walk('response'));
}

function compareRequestBody(
  base: ContractVersion,
  head: ContractVersion,
  a: Operation,
  b: Operation,
  emit: Emit,
  walk: SchemaWalk,
): void {
  const [ba, bb] = [deref(base, child(a.node, 'requestBody')), deref(head, child(b.node, 'requestBody'))];
  const required = (n: Node) => (n.value as { required?: boolean } | undefined)?.required === true;
  if (!required(ba) && required(bb))
    emit('request-body-became-required', walk.subject, 'request body is now required', ba, bb);
  // Only a body that stays: a body removed altogether is reported by its media types.
  if (required(ba) && !required(bb) && bb.value !== undefined)
    emit('request-body-became-optional', walk.subject, 'request body is now optional', ba, bb);
  const [ca, cb] = [
    new Map(entries(base, child(ba, 'content'))),
    new Map(entries(head, child(bb, 'content'))),
  ];
  for (const [type, before] of ca) {
    const after = cb.get(type);
    if (!after)
      emit('request-media-type-removed', walk.subject, `request body ${type} no longer accepted`, before, bb);
    else compareSchemas(walk, child(before, 'schema'), child(after, 'schema'), `request body (${type})`);
  }
  // A body added where there was none is a new request: its fields are compared as added properties.
  for (const [type, after] of cb)
    if (!ca.has(type)) {
      if (ca.size > 0)
        emit('request-media-type-added', walk.subject, `request body ${type} must be accepted`, ba, after);
      else compareSchemas(walk, child(ba, 'schema'), child(after, 'schema'), `request body (${type})`);
    }
}

function compareResponses(
  base: ContractVersion,
  head: ContractVersion,
  a: Operation,
  b: Operation,
  emit: Emit,
  walk: SchemaWalk,
): void {
  const subject = walk.subject;
  const [ra, rb] = [
    new Map(entries(base, child(a.node, 'responses'))),
    new Map(entries(head, child(b.node, 'responses'))),
  ];
  for (const [status, before] of ra) {
    const after = rb.get(status);
    if (after) compareResponse(base, head, status, before, after, emit, walk);
    else
      emit(
        'response-status-removed',
        subject,
        `response ${status} removed`,
        before,
        child(b.node, 'responses'),
      );
  }
  for (const [status, after] of rb)
    if (!ra.has(status))
      emit('response-status-added', subject, `response ${status} added`, child(a.node, 'responses'), after);
}

/** One status present in both versions: its headers (names in any case, their schemas) and its bodies. */
function compareResponse(
  base: ContractVersion,
  head: ContractVersion,
  status: string,
  before: Node,
  after: Node,
  emit: Emit,
  walk: SchemaWalk,
): void {
  const subject = walk.subject;
  const headers = (version: ContractVersion, response: Node) =>
    new Map(
      entries(version, child(response, 'headers')).map(([name, node]) => [
        name.toLowerCase(),
        { name, node },
      ]),
    );
  const [ha, hb] = [headers(base, before), headers(head, after)];
  for (const [key, { name, node }] of ha)
    if (!hb.has(key))
      emit('response-header-removed', subject, `response ${status} header ${name} removed`, node, after);
  const required = (header: Node) => (header.value as { required?: boolean }).required === true;
  for (const [key, { name, node }] of hb) {
    const was = ha.get(key)?.node;
    const at = `response ${status} header ${name}`;
    if (!was) {
      if (required(node))
        emit(
          'response-required-header-added',
          subject,
          `response ${status} must send header ${name}`,
          before,
          node,
        );
      continue;
    }
    if (!required(was) && required(node))
      emit('response-header-became-required', subject, `${at} is now required`, was, node);
    if (required(was) && !required(node))
      emit('response-header-became-optional', subject, `${at} is now optional`, was, node);
    compareSchemas(walk, child(was, 'schema'), child(node, 'schema'), at);
  }

  const [ca, cb] = [
    new Map(entries(base, child(before, 'content'))),
    new Map(entries(head, child(after, 'content'))),
  ];
  for (const [type, media] of ca) {
    const other = cb.get(type);
    if (other)
      compareSchemas(walk, child(media, 'schema'), child(other, 'schema'), `response ${status} (${type})`);
    else emit('response-media-type-removed', subject, `response ${status} ${type} removed`, media, after);
  }
  for (const [type, media] of cb)
    if (!ca.has(type) && ca.size > 0)
      emit('response-media-type-added', subject, `response ${status} may be ${type}`, before, media);
  // A body that appears or disappears is compared with "no schema": a new body's required fields
  // are work for servers, and the fields of a body that is gone are lost to clients.
  const [onlyA] = ca.size > 0 && cb.size === 0 ? [...ca] : [];
  if (onlyA)
    compareSchemas(
      walk,
      child(onlyA[1], 'schema'),
      child(after, 'content'),
      `response ${status} (${onlyA[0]})`,
    );
  const [onlyB] = cb.size > 0 && ca.size === 0 ? [...cb] : [];
  if (onlyB)
    compareSchemas(
      walk,
      child(before, 'content'),
      child(onlyB[1], 'schema'),
      `response ${status} (${onlyB[0]})`,
    );
}
