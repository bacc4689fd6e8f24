import type { CheckContext } from '../check-context.ts';
import type { Exchange } from '../types.ts';
import { asyncApiPlaces, type CloseRule, eventsUrl, openEventSocket } from './event-socket.ts';

/** How a login's events socket closed after the request that revoked the login, and how it must. */
export interface SocketClose {
  cause: string;
  /** The rule of the channel's `x-closes-on` for the cause, and the channel that states it. */
  rule: CloseRule;
  channel: string;
  exchange: Exchange;
  /** The close, or undefined when the socket was still open after `waitedMs`. */
  closed: { code: number; reason: string } | undefined;
  waitedMs: number;
}

/** An open events socket of one login, waiting to record how it closes once that login is revoked. */
export interface RevocationWatch {
  /** Records how the socket closed (within --realtime-timeout) after `exchange`; undefined with no rule for the cause. */
  closeAfter(cause: string, exchange: Exchange): Promise<SocketClose | undefined>;
}

/**
 * Opens the events socket with a token that is about to be revoked, when the AsyncAPI document
 * says how the server closes sockets on revocation (the channel's `x-closes-on`): token_lifecycle
 * opens one before a logout and before a refresh token's reuse, on logins it makes anyway, so no
 * login is spent on this alone (the login policy allows 10 a minute). Undefined when there is
 * nothing to record or the socket did not open (noted).
 */
export async function watchRevocation(
  ctx: Pick<CheckContext, 'contract' | 'note' | 'settings'>,
  token: string,
): Promise<RevocationWatch | undefined> {
  if (!ctx.contract.asyncApiPath) return undefined;
  const places = await asyncApiPlaces(ctx.contract.asyncApiPath);
  if (Object.keys(places.closesOn).length === 0) return undefined;
  const wait = ctx.settings.realtimeTimeoutMs;
  const socket = openEventSocket(eventsUrl(ctx.settings.baseUrl, places.address), token, wait);
  // Revoked only once the socket is in: a socket refused at its handshake proves nothing here.
  if (!(await socket.waitFor((events) => events.length > 0, wait))) {
    socket.close();
    ctx.note('token_lifecycle: the events socket did not open; its close on revocation not judged.');
    return undefined;
  }
  return {
    async closeAfter(cause, exchange) {
      const rule = places.closesOn[cause];
      try {
        if (!rule || !exchange.response) return undefined;
        const closed = await Promise.race([
          socket.closed,
          new Promise<undefined>((done) => setTimeout(() => done(undefined), wait)),
        ]);
        return { cause, rule, channel: places.channel, exchange, closed, waitedMs: wait };
      } finally {
        socket.close();
      }
    },
  };
}
