import type { JudgeContext } from '../check-context.ts';
import type { SocketClose } from '../execute/watch-revocation.ts';
import { requestLine } from './describe.ts';

/**
 * A login's events socket closes as the channel's `x-closes-on` says after the request that
 * revoked the login (a logout, a refresh token's reuse): with its close code, and its reason where
 * the rule names one. execute/watch-revocation.ts records the close.
 */
export function judgeClose(
  ctx: JudgeContext,
  { cause, rule, channel, exchange, closed, waitedMs }: SocketClose,
): void {
  if (closed?.code === rule.code && (rule.reason === undefined || closed.reason === rule.reason)) return;
  const want = `close code ${rule.code}${rule.reason ? ` with reason ${rule.reason}` : ''}`;
  const got = closed ? `closed with ${closed.code} "${closed.reason}"` : `still open after ${waitedMs} ms`;
  ctx.fail({
    operationId: exchange.operationId,
    title: closed ? `Socket closed with the wrong code after ${cause}` : `Socket left open after ${cause}`,
    message: `An events socket of the login was not closed with ${want} after ${requestLine(exchange)} (${cause}): ${got}.`,
    expected: want,
    actual: got,
    specPointer: `asyncapi.yaml#/channels/${channel}/x-closes-on/${cause}`,
    exchange,
  });
}
