import type { CheckContext } from '../check-context.ts';
import { AUTH_OPERATIONS as AUTH } from '../plan/auth-operations.ts';
import type { Contract } from '../plan/load-contract.ts';
import type { Exchange } from '../types.ts';
import { asyncApiPlaces, eventsUrl, openEventSocket } from './event-socket.ts';
import type { ExpiryClock, ExpiryStart, StatedLifetime } from './expiry-start.ts';

/**
 * The lifetime a login answer states: the field x-auth names (`accessToken.expiresInField`), else
 * `expiresIn` or OAuth's `expires_in`, else the JWT's `exp - iat`. Undefined when it states none.
 */
export function statedLifetime(contract: Contract, body: unknown): StatedLifetime | undefined {
  const record = (body ?? {}) as Record<string, unknown>;
  const named = (contract.extensions.auth?.accessToken as { expiresInField?: string } | undefined)
    ?.expiresInField;
  for (const field of named ? [named] : ['expiresIn', 'expires_in']) {
    const value = record[field];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0)
      return { seconds: value, from: field };
  }
  const claims = jwtClaims(record.token ?? record.access_token);
  if (typeof claims?.exp === 'number' && typeof claims.iat === 'number')
    return { seconds: claims.exp - claims.iat, from: 'exp - iat of the JWT' };
  return undefined;
}

/** The payload of a JWT, or undefined for anything else. */
export function jwtClaims(token: unknown): Record<string, unknown> | undefined {
  if (typeof token !== 'string') return undefined;
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    return typeof payload === 'object' && payload !== null ? payload : undefined;
  } catch {
    return undefined;
  }
}

/** A second past the stated lifetime: JWT times are whole seconds, and servers compare `now > exp` or `>=`. */
const ROUNDING_MS = 1_000;

/**
 * Starts the wait for token_expiry at the start of the run, so that it overlaps the flows and the
 * other checks: with --expired-token, its clock is the token's own `exp` (now, for a token that is
 * not a JWT); otherwise, when the run's login states a lifetime within --expiry-wait, a login of
 * its own (the run's token is never let expire), and an events socket opened with it. Without a
 * clock it says why, and what would give one.
 */
export async function startExpiryClock(
  ctx: Pick<CheckContext, 'contract' | 'http' | 'session' | 'settings' | 'selected'>,
  runLogin: Exchange | undefined,
): Promise<ExpiryStart> {
  const { settings } = ctx;
  // Nothing to present a token to: the check is skipped for that (its skipReason), no login spent.
  if (!protectedRead(ctx.contract, ctx.selected)) return { ok: false, reason: 'no protected read' };
  const budget = `--expiry-wait (${Math.round(settings.expiryWaitMs / 1000)} s)`;
  if (settings.expiredToken) {
    const exp = jwtClaims(settings.expiredToken)?.exp;
    const expiredAtMs = typeof exp === 'number' ? exp * 1000 + ROUNDING_MS : Date.now();
    if (expiredAtMs - Date.now() > settings.expiryWaitMs)
      return {
        ok: false,
        reason: `the --expired-token expires at ${new Date(expiredAtMs - ROUNDING_MS).toISOString()}, later than ${budget} from now: give one that has expired, or raise --expiry-wait`,
      };
    return { ok: true, clock: { token: settings.expiredToken, expiredAtMs } };
  }
  const given = 'pass --expired-token with an access token the backend issued that has expired since';
  if (!ctx.session.canLogin)
    return { ok: false, reason: `the run cannot log in to get a token to wait out: ${given}` };
  const lifetime = runLogin?.response ? statedLifetime(ctx.contract, runLogin.response.json) : undefined;
  if (!lifetime)
    return {
      ok: false,
      reason: `the login states no lifetime (no expiresIn, no JWT exp and iat) to wait out: ${given}`,
    };
  if (lifetime.seconds * 1000 + ROUNDING_MS > settings.expiryWaitMs)
    return {
      ok: false,
      reason: `the login's access token lives ${lifetime.seconds} s (${lifetime.from}), longer than ${budget}: pass --expired-token with one the backend issued more than ${lifetime.seconds} s ago, --expiry-wait ${lifetime.seconds * 1000 + ROUNDING_MS} to wait one out, or run the backend with shorter-lived tokens`,
    };
  const login = await ctx.session.login(ctx.http);
  if (!login.ok) return { ok: false, reason: `its own login failed (${login.reason})` };
  const own = statedLifetime(ctx.contract, login.exchange.response?.json) ?? lifetime;
  const receivedAt = login.exchange.sentAt + login.exchange.durationMs;
  const clock: ExpiryClock = {
    token: login.pair.token,
    login,
    lifetime: own,
    expiredAtMs: receivedAt + own.seconds * 1000 + ROUNDING_MS,
  };
  // The socket must close when the token runs out (x-closes-on tokenExpired): opened now, while valid.
  if (ctx.contract.asyncApiPath) {
    const places = await asyncApiPlaces(ctx.contract.asyncApiPath);
    if (places.closesOn[CLOSE_CAUSES.runsOut])
      clock.socket = openEventSocket(
        eventsUrl(settings.baseUrl, places.address),
        login.pair.token,
        settings.realtimeTimeoutMs,
      );
  }
  return { ok: true, clock };
}

/** The causes of x-closes-on token_expiry judges: a socket whose token runs out, one opened with an expired token. */
export const CLOSE_CAUSES = { runsOut: 'tokenExpired', openedExpired: 'expiredToken' } as const;

/** The problem code x-auth names for an expired access token. */
export function refusalOf(contract: Contract): string | undefined {
  return contract.extensions.auth?.refusals?.expired;
}

/**
 * The operation an expired token is sent to, among those of the run (`--only`, `--skip`): the
 * current user's, else a protected GET that needs no parameter.
 */
export function protectedRead(contract: Contract, selected: (id: string) => boolean = () => true) {
  const me = contract.byId.get(AUTH.currentUser);
  if (me && me.security.length > 0 && selected(me.operationId)) return me;
  return contract.operations.find(
    (op) =>
      op.method === 'get' &&
      op.security.length > 0 &&
      selected(op.operationId) &&
      !op.parameters.some((p) => p.required && (p.in === 'path' || p.in === 'query')),
  );
}
