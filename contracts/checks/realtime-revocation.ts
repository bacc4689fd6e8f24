import type { TokenPair } from '../../spec/models.ts';
import { type CloseRule, openEventSocket } from '../execute/event-socket.ts';
import type { Exchange } from '../types.ts';
import { describeResponse, requestLine } from './describe.ts';
import type { CheckContext } from './types.ts';

/**
 * An open socket closes when its login is revoked, with the code and reason the channel's
 * `x-closes-on` names: after `logout` with its token, and after `refreshTokenReuse` (a retired
 * refresh token presented again revokes every token of the login). Each on a login of its own, so
 * the run's token is never touched; each wait is bounded by --realtime-timeout.
 */
export async function socketsCloseOnRevocation(
  ctx: CheckContext,
  url: string,
  closesOn: Record<string, CloseRule>,
): Promise<void> {
  const logout = ctx.contract.byId.get('logout');
  const refresh = ctx.contract.byId.get('refreshToken');
  const causes = [closesOn.logout && logout, closesOn.refreshTokenReuse && refresh].filter(Boolean);
  if (causes.length === 0) return;
  if (!ctx.session.canLogin)
    return ctx.note(
      'realtime: sockets closing on logout and revocation not checked: the run has only --token.',
    );
  if (closesOn.logout && logout) {
    const login = await ctx.session.login(ctx.http);
    if (!login.ok)
      return ctx.note(`realtime: could not log in to check a socket on logout (${login.reason}).`);
    await closesAfter(ctx, url, login.pair.token, closesOn.logout, 'logout', true, () =>
      ctx.http.call(logout, { auth: { authorization: `Bearer ${login.pair.token}` } }),
    );
  }
  if (closesOn.refreshTokenReuse && refresh) {
    const login = await ctx.session.login(ctx.http);
    if (!login.ok)
      return ctx.note(`realtime: could not log in to check a socket on reuse (${login.reason}).`);
    const rotated = await ctx.http.call(refresh, {
      json: { refreshToken: login.pair.refreshToken },
      auth: 'none',
    });
    const token = (rotated.response?.json as TokenPair | undefined)?.token;
    if (!token) return ctx.note('realtime: the refresh gave no new token; a socket on reuse not checked.');
    // The reuse itself is refused (401): token_lifecycle judges that answer, this the socket.
    await closesAfter(ctx, url, token, closesOn.refreshTokenReuse, 'refreshTokenReuse', false, () =>
      ctx.http.call(refresh, { json: { refreshToken: login.pair.refreshToken }, auth: 'none' }),
    );
  }
}

async function closesAfter(
  ctx: CheckContext,
  url: string,
  token: string,
  rule: CloseRule,
  cause: string,
  mustSucceed: boolean,
  revoke: () => Promise<Exchange>,
): Promise<void> {
  const wait = ctx.settings.realtimeTimeoutMs;
  const socket = openEventSocket(url, token, wait);
  try {
    // Revoked only once the socket is in: a socket refused at its handshake proves nothing here.
    if (!(await socket.waitFor((events) => events.length > 0, wait)))
      return ctx.note(`realtime: a socket for the ${cause} check did not open; not judged.`);
    const exchange = await revoke();
    if (!exchange.response || (mustSucceed && exchange.response.status >= 300))
      return ctx.note(
        `realtime: ${requestLine(exchange)} answered ${describeResponse(exchange.response, exchange.error)}; the socket on ${cause} not judged.`,
      );
    ctx.judged(exchange.operationId);
    const closed = await Promise.race([
      socket.closed,
      new Promise<undefined>((done) => setTimeout(() => done(undefined), wait)),
    ]);
    if (closed?.code === rule.code && (rule.reason === undefined || closed.reason === rule.reason)) return;
    const want = `close code ${rule.code}${rule.reason ? ` with reason ${rule.reason}` : ''}`;
    const got = closed ? `closed with ${closed.code} "${closed.reason}"` : `still open after ${wait} ms`;
    ctx.fail({
      operationId: exchange.operationId,
      title: closed ? `Socket closed with the wrong code after ${cause}` : `Socket left open after ${cause}`,
      message: `A socket opened with a token of a login was not closed with ${want} after ${requestLine(exchange)} (${cause}): ${got}.`,
      expected: want,
      actual: got,
      specPointer: `asyncapi.yaml#/channels/events/x-closes-on/${cause}`,
      exchange,
    });
  } finally {
    socket.close();
  }
}
