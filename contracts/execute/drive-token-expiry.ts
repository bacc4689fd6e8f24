import type { CheckContext } from '../check-context.ts';
import { AUTH_OPERATIONS as AUTH } from '../plan/auth-operations.ts';
import { operation } from '../plan/load-contract.ts';
import type { Exchange } from '../types.ts';
import {
  asyncApiPlaces,
  type CloseRule,
  type EventSocket,
  eventsUrl,
  openEventSocket,
} from './event-socket.ts';
import { CLOSE_CAUSES, protectedRead, startExpiryClock } from './expiry-clock.ts';
import type { ExpiryClock } from './expiry-start.ts';
import type { TokenPair } from './session.ts';

/** How an events socket closed for one cause of x-closes-on, and the rule it is held to. */
export interface ExpiryClose {
  cause: string;
  rule: CloseRule;
  channel: string;
  closed: { code: number; reason: string } | undefined;
  waitedMs: number;
}

/**
 * What token_expiry judges: the token waited out and how long the wait was; the token sent to a
 * protected read once past its lifetime; how the socket opened with it while valid closed, and
 * how one opened with it expired closed; the login's refresh token presented after the access
 * token expired. Or why nothing was sent.
 */
export type TokenExpiryRecord =
  | { skipped: string }
  | {
      clock: ExpiryClock;
      waitedMs: number;
      expired: Exchange;
      closes: ExpiryClose[];
      refreshed?: Exchange;
    };

/**
 * Waits out the token of the run's expiry clock (started with the run: startExpiryClock), saying
 * what it waits for every half second, then presents it where it must be refused. Every step
 * follows from the one before, never from a judgement.
 */
export async function driveTokenExpiry(ctx: CheckContext): Promise<TokenExpiryRecord> {
  const start = (await ctx.expiry) ?? (await startExpiryClock(ctx, undefined));
  if (!start.ok) return { skipped: start.reason };
  const { clock } = start;
  const op = protectedRead(ctx.contract, ctx.selected);
  if (!op) return { skipped: "no protected read is in this run's selection" };
  const since = Date.now();
  const total = Math.max(0, clock.expiredAtMs - since);
  const what = clock.lifetime
    ? `an access token to expire (${clock.lifetime.from} ${clock.lifetime.seconds} s)`
    : 'the --expired-token to expire';
  while (Date.now() < clock.expiredAtMs && !ctx.http.stopped) {
    ctx.http.waiting(what, since, total);
    await new Promise((done) => setTimeout(done, Math.min(500, clock.expiredAtMs - Date.now())));
  }
  // Cut short (--timeout, Ctrl-C): nothing more is sent, and no socket is waited for.
  if (ctx.http.stopped) return { skipped: `not run to its end: ${ctx.http.stopped}` };
  const waitedMs = Date.now() - since;
  const past = Math.round((Date.now() - clock.expiredAtMs) / 1000) + 1;
  const expired = await ctx.http.call(op, {
    auth: { authorization: `Bearer ${clock.token}` },
    description: `an access token ${past} s past its lifetime`,
  });
  const closes = await socketCloses(ctx, clock);
  const record: TokenExpiryRecord = { clock, waitedMs, expired, closes };
  const refreshToken = clock.login?.pair.refreshToken;
  if (refreshToken && ctx.contract.byId.has(AUTH.refresh) && ctx.selected(AUTH.refresh)) {
    record.refreshed = await ctx.http.call(operation(ctx.contract, AUTH.refresh), {
      json: { refreshToken },
      auth: 'none',
      description: 'the refresh token of a login whose access token expired',
    });
    // The login this made is ended, as token_lifecycle ends its own; nothing is judged on it.
    const pair = record.refreshed.response?.json as TokenPair | undefined;
    const logout = ctx.contract.byId.get(AUTH.logout);
    if (record.refreshed.response?.status === 200 && pair?.token && logout && ctx.selected(AUTH.logout))
      await ctx.http.call(logout, { auth: { authorization: `Bearer ${pair.token}` } });
  }
  return record;
}

/**
 * How the socket opened with the token while it was valid closed once it ran out, and how a socket
 * opened with the expired token closes, where the channel's x-closes-on names those causes; each
 * waited for within --realtime-timeout.
 */
async function socketCloses(ctx: CheckContext, clock: ExpiryClock): Promise<ExpiryClose[]> {
  if (!ctx.contract.asyncApiPath) return [];
  const places = await asyncApiPlaces(ctx.contract.asyncApiPath);
  const wait = ctx.settings.realtimeTimeoutMs;
  const closes: ExpiryClose[] = [];
  const record = async (cause: string, socket: EventSocket | undefined) => {
    const rule = places.closesOn[cause];
    if (!rule || !socket) return socket?.close();
    const closed = await Promise.race([
      socket.closed,
      new Promise<undefined>((done) => setTimeout(() => done(undefined), wait).unref()),
    ]);
    socket.close();
    closes.push({ cause, rule, channel: places.channel, closed, waitedMs: wait });
  };
  await record(CLOSE_CAUSES.runsOut, clock.socket);
  const url = eventsUrl(ctx.settings.baseUrl, places.address);
  if (places.closesOn[CLOSE_CAUSES.openedExpired])
    await record(CLOSE_CAUSES.openedExpired, openEventSocket(url, clock.token, wait));
  return closes;
}
