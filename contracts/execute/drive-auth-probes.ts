import { randomUUID } from 'node:crypto';
import type { OpenAPIV3 } from 'openapi-types';
import { isProtected, type SpecOperation } from '../../mock/openapi/operations.ts';
import type { CheckContext } from '../check-context.ts';
import { badTokens } from '../generate/bad-tokens.ts';
import type { Contract } from '../plan/load-contract.ts';
import { isMultipart, jsonBodySchema, parametersIn } from '../plan/request-shape.ts';
import type { Exchange } from '../types.ts';

/** One request sent without a valid credential, and the refusal codes it is due. */
export interface AuthProbe {
  op: SpecOperation;
  /** What it was sent with, as a phrase: `no token`, `a token with a wrong signature in ?token=`. */
  name: string;
  codes: string[];
  exchange: Exchange;
}

/** What ignored_auth judges: its probes, and whether the spec states token rules (x-auth). */
export interface AuthProbes {
  stated: boolean;
  probes: AuthProbe[];
}

/**
 * Sends every protected operation of the run a missing token, and (where the spec states token
 * rules in x-auth) malformed, tampered and alg=none ones to a sample (standard: one operation per
 * tag; deep: all), also as ?token= where the security allows it; and the run's valid token as a
 * query scheme's parameter where the operation's security does not list that scheme. The inputs
 * would be refused anyway (a random id, an empty body), so a backend that ignores auth changes nothing.
 */
export async function driveAuthProbes(
  ctx: Pick<CheckContext, 'contract' | 'http' | 'selected' | 'session' | 'settings'>,
): Promise<AuthProbes> {
  const stated = ctx.contract.extensions.auth !== undefined && Boolean(ctx.session.token);
  // The codes x-auth.refusals names, where it does; else the ones the generator expects.
  const refusals = ctx.contract.extensions.auth?.refusals;
  const tokens = (stated ? badTokens(ctx.session.token) : badTokens('').slice(0, 1)).map((bad) => {
    const named = refusals?.[bad.authorization === undefined ? 'missing' : 'invalid'];
    return named ? { ...bad, expectedCodes: [named] } : bad;
  });
  const probes: AuthProbe[] = [];
  const probe = async (
    op: SpecOperation,
    auth: 'none' | { authorization: string },
    queryToken: string | undefined,
    name: string,
    codes: string[],
    parameter = 'token',
  ) => {
    const exchange = await ctx.http.call(op, {
      auth,
      pathParams: harmlessPathParams(op),
      ...(queryToken ? { query: { [parameter]: queryToken } } : {}),
      ...(jsonBodySchema(op) ? { json: {} } : {}),
      ...(isMultipart(op) ? { form: [] } : {}),
      description: `sent with ${name}`,
    });
    probes.push({ op, name, codes, exchange });
  };
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
  return { stated, probes };
}

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
