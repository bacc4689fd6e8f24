import { randomUUID } from 'node:crypto';
import { isProtected, type SpecOperation } from '../../spec/operations.ts';
import { badTokens } from '../generate/bad-tokens.ts';
import { isMultipart, jsonBodySchema, parametersIn } from '../plan/request-shape.ts';
import { operationPointer } from '../plan/spec-pointer.ts';
import { describeResponse, requestLine } from './describe.ts';
import type { Check } from './types.ts';

/**
 * Every protected operation refuses a missing, malformed or tampered token with 401 and the
 * matching problem code. The inputs would be refused anyway (a random id, an empty body, a
 * malformed number), so a backend that ignores auth changes nothing while being caught.
 */
export const ignoredAuth: Check = {
  name: 'ignored_auth',
  catches:
    'A protected operation that answers without a valid token: no token, a malformed one, a changed payload, a wrong signature, alg=none, also as ?token= where the spec allows it.',
  mutates: false,
  skipReason(ctx) {
    if (!ctx.contract.operations.some((op) => isProtected(op) && ctx.selected(op.operationId)))
      return 'no operation in this run is protected by a security requirement';
    if (!ctx.session.token && ctx.contract.extensions.auth)
      return 'the run has no token to tamper with (the spec has no login; pass --token)';
    return undefined;
  },
  async run(ctx) {
    // Only what the contract states is held against the server: a malformed, tampered or alg=none
    // token must be refused where the spec states its token rules (x-auth); a scheme that only says
    // `bearer` promises nothing about a token's form, and some servers take any token of it.
    const stated = ctx.contract.extensions.auth !== undefined && Boolean(ctx.session.token);
    const tokens = stated ? badTokens(ctx.session.token) : badTokens('').slice(0, 1);
    if (!stated)
      ctx.note(
        'ignored_auth: only a missing credential is judged: the spec states no token rules (x-auth), so a malformed, tampered or alg=none token is not held against the server.',
      );
    // Token checking is one middleware in most backends: every protected operation gets the missing
    // token, and the tampered ones go to a sample (standard: one operation per tag; deep: all).
    const sampled = new Set<string>();
    for (const op of ctx.contract.operations) {
      if (!isProtected(op) || !ctx.selected(op.operationId)) continue;
      const viaQuery = op.security.some((req) => 'queryToken' in req);
      const key = ctx.settings.depth === 'quick' ? 'all' : `${op.tags[0]}:${viaQuery}`;
      const everyToken = ctx.settings.depth === 'deep' || !sampled.has(key);
      sampled.add(key);
      for (const bad of everyToken ? tokens : tokens.slice(0, 1)) {
        await probe(
          op,
          bad.authorization ? { authorization: bad.authorization } : 'none',
          undefined,
          bad.name,
          bad.expectedCodes,
        );
        if (viaQuery && bad.token)
          await probe(op, 'none', bad.token, `${bad.name} in ?token=`, bad.expectedCodes);
      }
    }

    async function probe(
      op: SpecOperation,
      auth: 'none' | { authorization: string },
      queryToken: string | undefined,
      name: string,
      codes: string[],
    ) {
      const exchange = await ctx.http.call(op, {
        auth,
        pathParams: harmlessPathParams(op),
        ...(queryToken ? { query: { token: queryToken } } : {}),
        ...(jsonBodySchema(op) ? { json: {} } : {}),
        ...(isMultipart(op) ? { form: [] } : {}),
        description: `sent with ${name}`,
      });
      const res = exchange.response;
      const code = (res?.json as { code?: string } | undefined)?.code;
      // Problem codes are judged where the spec states its token rules (x-auth); elsewhere any 401 holds.
      const strict = ctx.contract.extensions.auth !== undefined;
      if (res?.status === 401 && (!strict || (code !== undefined && codes.includes(code)))) return;
      const refusedOtherwise = res?.status === 401;
      const schemes = op.security.map((req) => Object.keys(req).join(' + ')).join(' or ');
      const documented = Object.keys(
        (op.operation.responses?.['401'] as { content?: object } | undefined)?.content ?? {},
      );
      ctx.fail({
        operationId: op.operationId,
        title: refusedOtherwise ? `401 with the wrong problem code for ${name}` : `Accepted ${name}`,
        message: refusedOtherwise
          ? `${requestLine(exchange)} with ${name} was refused, but its problem code does not say why.`
          : `${requestLine(exchange)} with ${name} was not refused with 401: the operation is protected (security: ${schemes}).`,
        expected: strict
          ? `401 ${documented[0] ?? 'application/problem+json'} with code ${codes.join(' or ')} and WWW-Authenticate: Bearer …`
          : `401${documented.length ? ` ${documented.join(' or ')}` : ''}`,
        actual: describeResponse(res, exchange.error),
        specPointer: operationPointer(op, 'responses', '401'),
        exchange,
      });
    }
  },
};

/** Path values that name nothing: a fresh uuid, or a malformed value where the parameter is not an id. */
function harmlessPathParams(op: SpecOperation): Record<string, string> {
  const params: Record<string, string> = {};
  for (const p of parametersIn(op, 'path'))
    params[p.name] =
      (p.schema as { format?: string } | undefined)?.format === 'uuid' ? randomUUID() : 'not-a-valid-value';
  return params;
}
