import type { CheckContext } from '../check-context.ts';
import { AUTH_OPERATIONS as AUTH } from '../plan/auth-operations.ts';
import { operation } from '../plan/load-contract.ts';
import type { Exchange } from '../types.ts';
import type { TokenPair } from './session.ts';
import { type SocketClose, watchRevocation } from './watch-revocation.ts';

/** A login of the run's user: the pair it answered and the exchange. */
export interface Login {
  pair: TokenPair;
  exchange: Exchange;
}

/**
 * What token_lifecycle judges, in the order it was sent: a wrong password; a login, its refresh,
 * the old refresh token reused and the access token of that login afterwards; a second login, its
 * logout, and its access and refresh tokens after it; how the login's events socket closed after
 * the reuse and after the logout. A step is missing where the run could not go on (noted).
 */
export interface TokenLifecycleRecord {
  wrong: Exchange;
  first?: Login;
  rotated?: Exchange;
  reused?: Exchange;
  family?: Exchange;
  second?: Login;
  out?: Exchange;
  after?: Exchange;
  refreshAfter?: Exchange;
  closes: SocketClose[];
}

/**
 * Drives a login's life on logins of its own (the run's token is never touched): every request
 * follows from what the last one answered (a pair to refresh, a token to reuse), never from a
 * judgement.
 */
export async function driveTokenLifecycle(
  ctx: Pick<CheckContext, 'contract' | 'http' | 'note' | 'session' | 'settings'>,
): Promise<TokenLifecycleRecord> {
  const refresh = operation(ctx.contract, AUTH.refresh);
  const me = operation(ctx.contract, AUTH.currentUser);
  const logout = operation(ctx.contract, AUTH.logout);
  const wrong = await ctx.http.call(operation(ctx.contract, AUTH.login), {
    json: { email: ctx.session.email, password: `${ctx.session.password}-wrong` },
    description: 'a wrong password',
  });
  const record: TokenLifecycleRecord = { wrong, closes: [] };
  const close = (c: SocketClose | undefined) => c && record.closes.push(c);
  const first = await ctx.session.login(ctx.http);
  if (!first.ok) {
    ctx.note(`token_lifecycle: could not log in (${first.reason}).`);
    return record;
  }
  record.first = first;
  record.rotated = await ctx.http.call(refresh, {
    json: { refreshToken: first.pair.refreshToken },
    auth: 'none',
  });
  const pair = record.rotated.response?.json as TokenPair | undefined;
  if (!pair?.refreshToken) return record;

  // A socket of the login, open while its old refresh token is reused: it must close (x-closes-on).
  const familySocket = await watchRevocation(ctx, pair.token);
  record.reused = await ctx.http.call(refresh, {
    json: { refreshToken: first.pair.refreshToken },
    auth: 'none',
  });
  close(await familySocket?.closeAfter('refreshTokenReuse', record.reused));
  if (ctx.contract.extensions.auth?.refreshToken.reuseRevokesFamily)
    record.family = await ctx.http.call(me, {
      auth: { authorization: `Bearer ${pair.token}` },
      description: 'the token issued before a refresh token was reused',
    });

  const second = await ctx.session.login(ctx.http);
  if (!second.ok) {
    ctx.note(`token_lifecycle: could not log in again (${second.reason}).`);
    return record;
  }
  record.second = second;
  const bearer = { authorization: `Bearer ${second.pair.token}` };
  const loggedOutSocket = await watchRevocation(ctx, second.pair.token);
  record.out = await ctx.http.call(logout, { auth: bearer });
  close(await loggedOutSocket?.closeAfter('logout', record.out));
  record.after = await ctx.http.call(me, { auth: bearer, description: 'a token after its logout' });
  record.refreshAfter = await ctx.http.call(refresh, {
    json: { refreshToken: second.pair.refreshToken },
    auth: 'none',
  });
  return record;
}
