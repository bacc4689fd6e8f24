import { isProtected } from '../../mock/openapi/operations.ts';
import { type AuthProbes, driveAuthProbes } from '../execute/drive-auth-probes.ts';
import { operationPointer, specPointer } from '../plan/spec-pointer.ts';
import { challengeProblems, challengeRule, expectedChallenge } from './challenge.ts';
import { describeResponse, requestLine } from './describe.ts';
import type { Check } from './types.ts';

/**
 * Every protected operation refuses a missing, malformed or tampered token with 401 and the
 * matching problem code, and takes no credential from the query string unless its security lists
 * the query scheme. The inputs would be refused anyway (a random id, an empty body, a
 * malformed number), so a backend that ignores auth changes nothing while being caught.
 * execute/drive-auth-probes.ts sends them.
 */
export const ignoredAuth: Check<AuthProbes> = {
  name: 'ignored_auth',
  catches:
    'A protected operation that answers without a valid token: no token, a malformed one, a changed payload, a wrong signature, alg=none, also as ?token= where the spec allows it; a valid token accepted as ?token= where the security does not list the query scheme; a refusal whose WWW-Authenticate breaks x-auth.challenge.',
  mutates: false,
  skipReason(ctx) {
    if (!ctx.contract.operations.some((op) => isProtected(op) && ctx.selected(op.operationId)))
      return 'no operation in this run is protected by a security requirement';
    if (!ctx.session.token && ctx.contract.extensions.auth)
      return 'the run has no token to tamper with (no login: pass --email and --password, or --token)';
    return undefined;
  },
  drive: driveAuthProbes,
  judge(ctx, { stated, probes }) {
    // Only what the contract states is held against the server: a malformed, tampered or alg=none
    // token is refused where the spec states its token rules (x-auth); a scheme that only says
    // `bearer` promises nothing about a token's form, and some servers take any token of it.
    if (!stated)
      ctx.note(
        'ignored_auth: only a missing credential is judged: the spec states no token rules (x-auth), so a malformed, tampered or alg=none token is not held against the server.',
      );
    // Problem codes are judged where the spec states its token rules (x-auth); elsewhere any 401 holds.
    const strict = ctx.contract.extensions.auth !== undefined;
    const challenge = challengeRule(ctx.contract);
    const missingCode = ctx.contract.extensions.auth?.refusals?.missing ?? 'token_missing';
    for (const { op, name, codes, exchange } of probes) {
      const res = exchange.response;
      const code = (res?.json as { code?: string } | undefined)?.code;
      if (res?.status === 401 && challenge) {
        // Its WWW-Authenticate as x-auth.challenge states it: no error where no token came.
        const missing = codes.includes(missingCode);
        const header = res.headers['www-authenticate'];
        const wrong = challengeProblems(header, challenge, missing);
        if (wrong.length)
          ctx.fail({
            operationId: op.operationId,
            title: `401 without the challenge x-auth states for ${name}`,
            message: `${requestLine(exchange)} with ${name} was answered 401 with WWW-Authenticate ${header === undefined ? '(none)' : JSON.stringify(header)}: ${wrong.join(', ')}.`,
            expected: expectedChallenge(challenge, missing),
            actual: header === undefined ? 'no such header' : `WWW-Authenticate: ${header}`,
            specPointer: specPointer('x-auth', 'challenge'),
            exchange,
          });
      }
      if (res?.status === 401 && (!strict || (code !== undefined && codes.includes(code)))) continue;
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
