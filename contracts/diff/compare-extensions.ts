import { compareConstraints } from './compare-constraints.ts';
import { listOperations } from './list-operations.ts';
import { child, entries, rootNode } from './resolve-refs.ts';
import type { ContractVersion, Emit, Node } from './types.ts';

/**
 * The `x-` rules no OpenAPI diff knows: CORS, token rules, rate limits, upload limits, the events
 * each operation emits and its cross-field rules (`x-constraints`). Each is compared where a reviewer would look for it.
 */
export function compareExtensions(base: ContractVersion, head: ContractVersion, emit: Emit): void {
  const [ra, rb] = [rootNode(base, 'openapi.yaml'), rootNode(head, 'openapi.yaml')];
  compareCors(child(ra, 'x-cors'), child(rb, 'x-cors'), emit);
  const [auth, authAfter] = [child(ra, 'x-auth'), child(rb, 'x-auth')];
  if (JSON.stringify(auth.value) !== JSON.stringify(authAfter.value))
    emit('auth-rules-changed', 'x-auth', 'token rules changed', auth, authAfter);

  const after = listOperations(head);
  for (const [key, a] of listOperations(base)) {
    const b = after.get(key);
    if (!b) continue;
    const [emitsA, emitsB] = [child(a.node, 'x-emits'), child(b.node, 'x-emits')];
    const [ea, eb] = [list(emitsA.value), list(emitsB.value)];
    for (const event of ea)
      if (!eb.includes(event))
        emit('emits-event-removed', b.subject, `no longer emits ${event}`, emitsA, emitsB);
    for (const event of eb)
      if (!ea.includes(event)) emit('emits-event-added', b.subject, `must emit ${event}`, emitsA, emitsB);
    const [rateA, rateB] = [rate(base, a.node), rate(head, b.node)];
    if (rateA.perSecond !== rateB.perSecond) {
      const rule = rateB.perSecond < rateA.perSecond ? 'rate-limit-tightened' : 'rate-limit-loosened';
      emit(rule, b.subject, `rate limit ${rateA.text} -> ${rateB.text}`, a.node, b.node);
    }
    compareUploads(base, head, child(a.node, 'requestBody'), child(b.node, 'requestBody'), b.subject, emit);
    compareConstraints(base, head, a, b, emit);
  }
}

const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/** The operation's limit as requests per second (Infinity when `x-rate-limit: none`). */
function rate(version: ContractVersion, op: Node): { perSecond: number; text: string } {
  const limits = (version.files['openapi.yaml'] as Record<string, unknown>)['x-rate-limits'] as
    | { defaultPolicy?: string; policies?: Record<string, { limit: number; windowSeconds: number }> }
    | undefined;
  const name =
    ((op.value as Record<string, unknown>)['x-rate-limit'] as string | undefined) ?? limits?.defaultPolicy;
  const policy = name === undefined || name === 'none' ? undefined : limits?.policies?.[name];
  if (!policy) return { perSecond: Number.POSITIVE_INFINITY, text: 'none' };
  return {
    perSecond: policy.limit / policy.windowSeconds,
    text: `${name} (${policy.limit}/${policy.windowSeconds}s)`,
  };
}

function compareCors(a: Node, b: Node, emit: Emit): void {
  if (a.value === undefined && b.value === undefined) return;
  const [x, y] = [(a.value ?? {}) as Record<string, unknown>, (b.value ?? {}) as Record<string, unknown>];
  for (const key of ['allowedOrigins', 'allowedMethods', 'allowedHeaders', 'exposedHeaders']) {
    const [before, after] = [list(x[key]), list(y[key])];
    for (const v of before)
      if (!after.includes(v))
        emit('cors-tightened', 'x-cors', `${key}: ${v} removed`, child(a, key), child(b, key));
    for (const v of after)
      if (!before.includes(v))
        emit('cors-loosened', 'x-cors', `${key}: ${v} added`, child(a, key), child(b, key));
  }
  if (x.allowCredentials !== y.allowCredentials) {
    const rule = y.allowCredentials === true ? 'cors-loosened' : 'cors-tightened';
    emit(
      rule,
      'x-cors',
      `allowCredentials ${String(x.allowCredentials)} -> ${String(y.allowCredentials)}`,
      a,
      b,
    );
  }
  // The variable's name is deployment configuration: a rename leaves production with no origins.
  if (x.productionOriginsEnv !== y.productionOriginsEnv)
    emit(
      'cors-tightened',
      'x-cors',
      `productionOriginsEnv ${String(x.productionOriginsEnv)} -> ${String(y.productionOriginsEnv)}`,
      a,
      b,
    );
}

function compareUploads(
  base: ContractVersion,
  head: ContractVersion,
  a: Node,
  b: Node,
  subject: string,
  emit: Emit,
) {
  const media = (version: ContractVersion, body: Node) =>
    new Map(entries(version, child(body, 'content')).filter(([type]) => type.startsWith('multipart/')));
  const after = media(head, b);
  for (const [type, before] of media(base, a)) {
    const other = after.get(type);
    if (!other) continue;
    const [x, y] = [before.value as Record<string, unknown>, other.value as Record<string, unknown>];
    const [sx, sy] = [x['x-max-file-size'] as number | undefined, y['x-max-file-size'] as number | undefined];
    if (sx !== sy) {
      const smaller = sy !== undefined && (sx === undefined || sy < sx);
      emit(
        smaller ? 'upload-limit-tightened' : 'upload-limit-loosened',
        subject,
        `x-max-file-size ${sx} -> ${sy}`,
        child(before, 'x-max-file-size'),
        child(other, 'x-max-file-size'),
      );
    }
    const types = (m: Record<string, unknown>) =>
      Object.entries((m.encoding ?? {}) as Record<string, { contentType?: string }>).flatMap(([field, e]) =>
        (e.contentType ?? '')
          .split(',')
          .map((t) => `${field}: ${t.trim()}`)
          .filter((t) => !t.endsWith(': ')),
      );
    const [tx, ty] = [types(x), types(y)];
    for (const t of tx)
      if (!ty.includes(t))
        emit('upload-limit-tightened', subject, `file type ${t} no longer accepted`, before, other);
    for (const t of ty)
      if (!tx.includes(t))
        emit('upload-limit-loosened', subject, `file type ${t} must be accepted`, before, other);
  }
}
