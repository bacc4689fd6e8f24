import { asyncApiPlaces, eventsUrl, openEventSocket } from '../execute/event-socket.ts';
import type { Exchange } from '../types.ts';
import { requestLine } from './describe.ts';
import type { CheckContext } from './types.ts';

/** An open events socket of one login, waiting to be judged on how it closes once that login is revoked. */
export interface RevocationWatch {
  /** Fails unless the socket closed (within --realtime-timeout) as `x-closes-on[cause]` says, after `exchange`. */
  judge(cause: string, exchange: Exchange): Promise<void>;
}

/**
 * Opens the events socket with a token that is about to be revoked, when the AsyncAPI document
 * says how the server closes sockets on revocation (the channel's `x-closes-on`): token_lifecycle
 * opens one before a logout and before a refresh token's reuse, on logins it makes anyway, so no
 * login is spent on this alone (the login policy allows 10 a minute). Undefined when there is
 * nothing to judge or the socket did not open (noted).
 */
export async function watchRevocation(
  ctx: CheckContext,
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
    ctx.note(`token_lifecycle: the events socket did not open; its close on revocation not judged.`);
    return undefined;
  }
  return {
    async judge(cause, exchange) {
      const rule = places.closesOn[cause];
      try {
        if (!rule || !exchange.response) return;
        const closed = await Promise.race([
          socket.closed,
          new Promise<undefined>((done) => setTimeout(() => done(undefined), wait)),
        ]);
        if (closed?.code === rule.code && (rule.reason === undefined || closed.reason === rule.reason))
          return;
        const want = `close code ${rule.code}${rule.reason ? ` with reason ${rule.reason}` : ''}`;
        const got = closed ? `closed with ${closed.code} "${closed.reason}"` : `still open after ${wait} ms`;
        ctx.fail({
          operationId: exchange.operationId,
          title: closed
            ? `Socket closed with the wrong code after ${cause}`
            : `Socket left open after ${cause}`,
          message: `An events socket of the login was not closed with ${want} after ${requestLine(exchange)} (${cause}): ${got}.`,
          expected: want,
          actual: got,
          specPointer: `asyncapi.yaml#/channels/${places.channel}/x-closes-on/${cause}`,
          exchange,
        });
      } finally {
        socket.close();
      }
    },
  };
}
