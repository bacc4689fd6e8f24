import { openEventSocket } from '../execute/event-socket.ts';
import { badTokens } from '../generate/bad-tokens.ts';
import type { CheckContext } from './types.ts';

const POINTER = 'asyncapi.yaml#/info/description';
const AUTH_FAILED = 4401;

/**
 * The socket refuses a missing or bad token the way asyncapi.yaml says: the handshake completes
 * and the server closes at once with 4401 and the problem code as the reason.
 */
export async function socketRefusesBadTokens(ctx: CheckContext, url: string): Promise<void> {
  const wait = ctx.settings.realtimeTimeoutMs;
  for (const bad of badTokens(ctx.session.token).filter((t) => t.name !== 'a token with a wrong signature')) {
    const socket = openEventSocket(url, bad.token, wait);
    const closed = await Promise.race([
      socket.closed,
      new Promise<undefined>((done) => setTimeout(() => done(undefined), wait)),
    ]);
    socket.close();
    if (closed?.code === AUTH_FAILED && bad.expectedCodes.includes(closed.reason)) continue;
    const got = closed
      ? `closed with ${closed.code} "${closed.reason}"`
      : `still open after ${wait} ms${socket.events.length ? `, sent ${socket.events[0]?.raw.slice(0, 120)}` : ''}`;
    ctx.fail({
      operationId: undefined,
      title: `Socket not refused with ${bad.name}`,
      message: `Connecting to ${url} with ${bad.name} was not closed with ${AUTH_FAILED}: ${got}.`,
      expected: `close code ${AUTH_FAILED} with reason ${bad.expectedCodes.join(' or ')}`,
      actual: got,
      specPointer: POINTER,
    });
  }
}
