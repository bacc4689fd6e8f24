import type { JudgeContext } from '../check-context.ts';
import type { RealtimeRecord } from '../execute/drive-realtime.ts';

const POINTER = 'asyncapi.yaml#/info/description';
const AUTH_FAILED = 4401;

/**
 * The socket refuses a missing or bad token the way asyncapi.yaml says: the handshake completes
 * and the server closes at once with 4401 and the problem code as the reason.
 */
export function judgeRefusals(ctx: JudgeContext, { url, refusals }: RealtimeRecord): void {
  const wait = ctx.settings.realtimeTimeoutMs;
  for (const { name, expectedCodes, closed, firstEvent } of refusals) {
    if (closed?.code === AUTH_FAILED && expectedCodes.includes(closed.reason)) continue;
    const got = closed
      ? `closed with ${closed.code} "${closed.reason}"`
      : `still open after ${wait} ms${firstEvent ? `, sent ${firstEvent}` : ''}`;
    ctx.fail({
      operationId: undefined,
      title: `Socket not refused with ${name}`,
      message: `Connecting to ${url} with ${name} was not closed with ${AUTH_FAILED}: ${got}.`,
      expected: `close code ${AUTH_FAILED} with reason ${expectedCodes.join(' or ')}`,
      actual: got,
      specPointer: POINTER,
    });
  }
}
