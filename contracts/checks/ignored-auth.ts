import { randomUUID } from 'node:crypto';
import type { OpenAPIV3 } from 'openapi-types';
import { isProtected, type SpecOperation } from '../../spec/operations.ts';
import { badTokens } from '../generate/bad-tokens.ts';
import type { Contract } from '../plan/load-contract.ts';
import { isMultipart, jsonBodySchema, parametersIn } from '../plan/request-shape.ts';
import { operationPointer } from '../plan/spec-pointer.ts';
import { describeResponse, requestLine } from './describe.ts';
import type { Check } from './types.ts';

/**
 * Every protected operation refuses a missing, malformed or tampered token with 401 and the
 * matching problem code, and takes no credential from the query string unless its security lists
 * the query scheme. The inputs would be refused anyway (a random id, an empty body, a
 * malformed number), so a backend that ignores auth changes nothing while being caught.
 */
export const ignoredAuth: Check = {
  name: 'ignored_auth',
  catches:
    'A protected operation that answers without a valid token: no token, a malformed one, a changed payload, a wrong signature, alg=none, also as ?token= where the spec allows it; a valid token accepted as ?token= where the security does not list the query scheme.',
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
    if (!stated)
      ctx.note(
        'ignored_auth: only a missing credential is judged: the spec states no token rules (x-auth), so a malformed, tampered or alg=none token is not held against the server.',
      );
    // The codes x-auth.refusals names, where it does; else the ones the generator expects.
    const refusals = ctx.contract.extensions.auth?.refusals;
    const tokens = (stated ? badTokens(ctx.session.token) : badTokens('').slice(0, 1)).map((bad) => {
      const named = refusals?.[bad.authorization === undefined ? 'missing' : 'invalid'];
      return named ? { ...bad, expectedCodes: [named] } : bad;
    });
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
    // A credential only where the security allows it: the run's own valid token, sent as the query
    // scheme's parameter to an operation whose security does not list that scheme, must be refused
    // as if no token came (one operation per tag; deep: every one).
    const missing = refusals?.missing ? [refusals.missing] : (tokens[0]?.expectedCodes ?? []);
    for (const [scheme, parameter] of querySchemes(ctx.contract)) {
      const tags = new Set<string>();
      for (const op of ctx.contract.operations) {
        if (!isProtected(op) || !ctx.selected(op.operationId)) continue;
        if (op.security.some((req) => scheme in req)) continue;
        if (ctx.settings.depth !== 'deep' && tags.has(op.tags[0] ?? '')) continue;
        tags.add(op.tags[0] ?? '');
        const schemes = op.security.flatMap((req) => Object.keys(req)).join(', ');
        await probe(
          op,
          'none',
          ctx.session.token,
          `the run's valid token as ?${parameter}= (its security lists ${schemes}, not ${scheme})`,
          missing,
          parameter,
        );
      }
    }

    async function probe(
      op: SpecOperation,
      auth: 'none' | { authorization: string },
      queryToken: string | undefined,
      name: string,
      codes: string[],
      parameter = 'token',
    ) {
      const exchange = await ctx.http.call(op, {
        auth,
        pathParams: harmlessPathParams(op),
        ...(queryToken ? { query: { [parameter]: queryToken } } : {}),
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
      const documented = Object.keys(
        (op.operation.responses?.['401'] as { content?: object } | undefined)?.content ?? {},
      );
      ctx.fail({
        operationId: op.operationId,
        title: refusedOtherwise ? `401 with the wrong problem code for ${name}` : `Accepted ${name}`,
        message: refusedOtherwise
          ? `${requestLine(exchange)} with ${name} was refused, but its problem code does not say why.`
          : `${requestLine(exchange)} with ${name} was not refused with 401: the operation is protected (security: ${op.security.flatMap((req) => Object.keys(req)).join(' or ')}).`,
        expected: strict
          ? `401 ${documented[0] ?? 'application/problem+json'} with code ${codes.join(' or ')}`
          : `401${documented.length ? ` ${documented.join(' or ')}` : ''}`,
        actual: describeResponse(res, exchange.error),
        specPointer: operationPointer(op, 'responses', '401'),
        exchange,
      });
    }
  },
};

/** The spec's security schemes that carry a credential in the query string, with their parameter. */
function querySchemes(contract: Contract): [string, string][] {
  return Object.entries(contract.spec.document.components?.securitySchemes ?? {}).flatMap(
    ([name, scheme]) => {
      const s = scheme as OpenAPIV3.ApiKeySecurityScheme;
      return s.type === 'apiKey' && s.in === 'query' ? [[name, s.name] as [string, string]] : [];
    },
  );
}

/** Path values that name nothing: a fresh uuid, or a malformed value where the parameter is not an id. */
function harmlessPathParams(op: SpecOperation): Record<string, string> {
  const params: Record<string, string> = {};
  for (const p of parametersIn(op, 'path'))
    params[p.name] =
      (p.schema as { format?: string } | undefined)?.format === 'uuid' ? randomUUID() : 'not-a-valid-value';
  return params;
}
