import type { JudgeContext } from '../check-context.ts';
import { driveTokenLifecycle, type TokenLifecycleRecord } from '../execute/drive-token-lifecycle.ts';
import type { TokenPair } from '../execute/session.ts';
import { AUTH_OPERATIONS as AUTH } from '../plan/auth-operations.ts';
import { operation } from '../plan/load-contract.ts';
import { operationPointer, specPointer } from '../plan/spec-pointer.ts';
import type { Exchange } from '../types.ts';
import { describeResponse, requestLine } from './describe.ts';
import { judgeClose } from './realtime-revocation.ts';
import type { Check } from './types.ts';

/**
 * The token rules of the spec's `x-auth`, on logins of its own (the run's token is never touched):
 * a wrong password is refused; the access token is a JWT with the declared algorithm, issuer, audience, claims and lifetime;
 * a refresh answers a new pair; a reused refresh token is refused and revokes the login; logout
 * revokes the access and refresh tokens; an events socket of a login closes as asyncapi.yaml's
 * `x-closes-on` says when the login is logged out or its refresh token reused.
 */
export const tokenLifecycle: Check<TokenLifecycleRecord> = {
  name: 'token_lifecycle',
  catches:
    'A refresh that does not rotate, a refresh token usable twice, reuse that does not revoke the login, a logout that leaves tokens working, a revoked token refused with another code than x-auth.refusals names, an events socket left open after logout or reuse (x-closes-on), tokens that break x-auth (algorithm, issuer, audience, lifetimes, claims).',
  mutates: true,
  skipReason(ctx) {
    if (!ctx.contract.extensions.auth) return 'the spec declares no x-auth token rules';
    const missing = [AUTH.login, AUTH.refresh, AUTH.currentUser, AUTH.logout].filter(
      (id) => !ctx.contract.byId.has(id),
    );
    if (missing.length) return `the spec has no ${missing.join(', ')} operation`;
    if (!ctx.selected(AUTH.login)) return `${AUTH.login} is not in this run (--only/--skip)`;
    if (!ctx.session.canLogin)
      return ctx.session.email
        ? 'it logs in by itself and the run was given only --token'
        : 'it logs in by itself and the run has no --email and --password';
    return undefined;
  },
  drive: driveTokenLifecycle,
  judge(ctx, r) {
    const refresh = operation(ctx.contract, AUTH.refresh);
    const me = operation(ctx.contract, AUTH.currentUser);
    const logout = operation(ctx.contract, AUTH.logout);
    const loginOp = operation(ctx.contract, AUTH.login);
    // The problem codes x-auth names for a revoked access token and a refused refresh token; where
    // it names none, the status alone is compared (and the expectation says only the status).
    const revoked = ctx.contract.extensions.auth?.refusals?.revoked;
    const refreshRefusal = ctx.contract.extensions.auth?.refreshToken.refusal;
    expect(
      ctx,
      loginOp.operationId,
      r.wrong,
      r.wrong.response?.status === 401 &&
        (r.wrong.response.json as { code?: string } | undefined)?.code === 'invalid_credentials',
      'Wrong password not refused',
      'logs in with a wrong password',
      '401 invalid_credentials',
      operationPointer(loginOp, 'responses', '401'),
    );
    if (r.first) claims(ctx, r.first.pair, r.first.exchange);
    if (r.first && r.rotated) {
      const pair = r.rotated.response?.json as TokenPair | undefined;
      expect(
        ctx,
        refresh.operationId,
        r.rotated,
        r.rotated.response?.status === 200 &&
          !!pair?.token &&
          pair.refreshToken !== r.first.pair.refreshToken &&
          pair.token !== r.first.pair.token,
        'Refresh does not rotate',
        'exchanges a fresh refresh token',
        '200 with a new token and a new refreshToken',
        operationPointer(refresh, 'responses', '200'),
      );
    }
    for (const close of r.closes) judgeClose(ctx, close);
    if (r.reused)
      expect(
        ctx,
        refresh.operationId,
        r.reused,
        refused(r.reused, refreshRefusal),
        'Refresh token accepted twice',
        'presents a refresh token that was already exchanged',
        `401${refreshRefusal ? ` ${refreshRefusal}` : ''}`,
        operationPointer(refresh, 'responses', '401'),
      );
    if (r.family)
      expect(
        ctx,
        me.operationId,
        r.family,
        refused(r.family, revoked),
        'Reuse of a refresh token does not revoke the login',
        'uses the access token of a login whose old refresh token was just reused',
        `401${revoked ? ` ${revoked}` : ''}`,
        specPointer('x-auth', 'refreshToken', 'reuseRevokesFamily'),
      );
    if (r.out)
      expect(
        ctx,
        logout.operationId,
        r.out,
        (r.out.response?.status ?? 500) < 300,
        'Logout refused',
        'logs out with a valid token',
        'a 2xx',
        operationPointer(logout, 'responses', '204'),
      );
    if (r.after)
      expect(
        ctx,
        me.operationId,
        r.after,
        refused(r.after, revoked),
        'Access token still works after logout',
        'uses the access token after logging out',
        `401${revoked ? ` ${revoked}` : ''}`,
        operationPointer(logout),
      );
    if (r.refreshAfter)
      expect(
        ctx,
        refresh.operationId,
        r.refreshAfter,
        refused(r.refreshAfter, refreshRefusal),
        'Refresh token still works after logout',
        'exchanges the refresh token of a login that logged out',
        `401${refreshRefusal ? ` ${refreshRefusal}` : ''}`,
        operationPointer(logout),
      );
  },
};

function expect(
  ctx: JudgeContext,
  operationId: string,
  exchange: Exchange,
  ok: boolean,
  title: string,
  what: string,
  expected: string,
  pointer: string,
) {
  ctx.judged(operationId);
  if (ok) return;
  // Refused, but with another problem code than the one expected: say that, not that it was accepted.
  const [, status, code] = /^(\d{3}) ([a-z_]+)$/.exec(expected) ?? [];
  const actualCode = problemCode(exchange);
  const wrongCode = code && String(exchange.response?.status) === status && actualCode !== code;
  ctx.fail({
    operationId,
    title: wrongCode ? `${title}: refused with ${actualCode ?? 'no code'} instead of ${code}` : title,
    message: `${requestLine(exchange)} ${what}.`,
    expected,
    actual: describeResponse(exchange.response, exchange.error),
    specPointer: pointer,
    exchange,
  });
}

/** A 401 with the problem code given (any code when none is). */
function refused(exchange: Exchange, code: string | undefined): boolean {
  return exchange.response?.status === 401 && (code === undefined || problemCode(exchange) === code);
}

function problemCode(exchange: Exchange): string | undefined {
  return (exchange.response?.json as { code?: string } | undefined)?.code;
}

function claims(ctx: JudgeContext, pair: TokenPair, exchange: Exchange): void {
  const rules = ctx.contract.extensions.auth?.accessToken;
  if (!rules) return;
  const [header, payload] = pair.token.split('.').map((part) => {
    try {
      return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
    } catch {
      return {};
    }
  });
  const problems: string[] = [];
  if (header?.alg !== rules.algorithm) problems.push(`alg ${String(header?.alg)}`);
  if (payload?.iss !== rules.issuer) problems.push(`iss ${String(payload?.iss)}`);
  const aud = payload?.aud;
  if (aud !== rules.audience && !(Array.isArray(aud) && aud.includes(rules.audience)))
    problems.push(`aud ${String(aud)}`);
  const missing = rules.claims.filter((c) => payload?.[c] === undefined);
  if (missing.length) problems.push(`missing claims ${missing.join(', ')}`);
  const lifetime = Number(payload?.exp) - Number(payload?.iat);
  if (lifetime !== rules.ttlSeconds || pair.expiresIn !== rules.ttlSeconds)
    problems.push(`lifetime ${lifetime} s, expiresIn ${pair.expiresIn}`);
  const refreshTtl = ctx.contract.extensions.auth?.refreshToken.ttlSeconds;
  if (refreshTtl !== undefined && pair.refreshExpiresIn !== refreshTtl)
    problems.push(`refreshExpiresIn ${pair.refreshExpiresIn}`);
  if (problems.length === 0) return;
  ctx.fail({
    operationId: AUTH.login,
    title: 'Access token breaks x-auth',
    message: `The access token from ${requestLine(exchange)} has ${problems.join(', ')}.`,
    expected: `alg ${rules.algorithm}, iss ${rules.issuer}, aud ${rules.audience}, claims ${rules.claims.join(' ')}, lifetime and expiresIn ${rules.ttlSeconds} s${refreshTtl !== undefined ? `, refreshExpiresIn ${refreshTtl}` : ''}`,
    actual: problems.join(', '),
    specPointer: specPointer('x-auth', 'accessToken'),
    exchange,
  });
}
