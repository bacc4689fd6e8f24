import type { EventSocket, ReceivedEvent } from '../../../contracts/execute/event-socket.ts';
import { operation } from '../../../contracts/plan/load-contract.ts';
import { operationPointer } from '../../../contracts/plan/spec-pointer.ts';
import type { DriveContext, EmitExpectation, EventsJudgeContext } from '../../../contracts/real-world.ts';
import type { SpecOperation } from '../../../mock/openapi/operations.ts';
import type { Call } from '../models.ts';
import { lifecycleProblems, statusTrail } from './checks/call-lifecycle.ts';
import { lifecycle, waitUntilEnded } from './test-calls.ts';

/** Each call the flows placed, and how it ended as a client reads it (undefined: still live after --call-timeout). */
export interface CallEvents {
  calls: { id: string; op: SpecOperation; ended: Call | undefined }[];
}

/**
 * The realtime driver's part that only the call center knows: each call the flows placed is read
 * once as a client reads it (or polled until it ends) and its call.ended awaited on the socket;
 * deleting the test number's history afterwards emits what its `x-emits` names, answered as
 * further expectations.
 */
export async function driveCallEvents(
  ctx: DriveContext,
  socket: EventSocket,
  created: { id: string; op: SpecOperation }[],
): Promise<{ record: CallEvents; expectations: EmitExpectation[] }> {
  const record: CallEvents = { calls: [] };
  const expectations: EmitExpectation[] = [];
  for (const { id: callId, op } of created) {
    // A recorded call may be over, and its history deleted since (consistency): its call.ended on
    // the socket says it ended; only a call without one is polled until it ends.
    const endedOnSocket = socket.events.find((e) => e.payload.type === 'call.ended' && idOf(e) === callId);
    const ended = endedOnSocket
      ? ((await callAsRead(ctx, callId)) ?? (endedOnSocket.payload.data as Call | undefined))
      : await waitUntilEnded(ctx.contract, ctx.http, callId, ctx.settings.callTimeoutMs, socket);
    ctx.http.waiting(
      `call.ended of call ${callId.slice(0, 8)}… on the socket`,
      Date.now(),
      ctx.settings.realtimeTimeoutMs,
    );
    await socket.waitFor(
      (events) => events.some((e) => e.payload.type === 'call.ended' && idOf(e) === callId),
      ctx.settings.realtimeTimeoutMs,
    );
    record.calls.push({ id: callId, op, ended });
  }
  if (created.length && ctx.settings.testNumber && ctx.selected('deleteCallHistory')) {
    const remove = operation(ctx.contract, 'deleteCallHistory');
    const exchange = await ctx.http.call(remove, { pathParams: { targetNumber: ctx.settings.testNumber } });
    if ((exchange.response?.status ?? 500) < 300)
      for (const event of remove.emits)
        expectations.push({ step: { kind: 'delete', op: remove, exchange }, event, id: undefined });
  }
  return { record, expectations };
}

/**
 * Judges each placed call against the events the socket heard: it ended with the status its test
 * number promises (`x-test-numbers`), and its events follow `CallStatus.x-lifecycle`.
 */
export function judgeCallEvents(ctx: EventsJudgeContext, events: ReceivedEvent[], record: unknown): void {
  const rules = lifecycle(ctx.contract);
  for (const { id: callId, op, ended } of (record as CallEvents).calls) {
    const promised = ended && testNumberOutcome(op, ctx.settings.testNumber);
    if (promised && ended.status !== promised.outcome && rules.final.includes(promised.outcome))
      ctx.fail({
        operationId: promised.op.operationId,
        title: `Call to ${ctx.settings.testNumber} did not end ${promised.outcome}`,
        message: `Call ${callId} to the test number ${ctx.settings.testNumber} ended ${ended.status}, where x-test-numbers says it ends ${promised.outcome}.`,
        expected: `status ${promised.outcome}`,
        actual: `status ${ended.status}`,
        specPointer: operationPointer(promised.op, 'x-test-numbers', ctx.settings.testNumber ?? ''),
      });
    let problems = lifecycleProblems(events, callId, rules);
    if (!ended) {
      // Still live after --call-timeout: judge the steps so far, not the missing end.
      problems = problems.filter((p) => !/is not final|no call\.ended/.test(p));
      ctx.note(`realtime: call ${callId} did not end within --call-timeout; its steps so far were judged.`);
    }
    if (problems.length)
      ctx.fail({
        operationId: 'placeCall',
        title: 'Call events out of lifecycle order',
        message: `The events of call ${callId}: ${problems.join('; ')}.`,
        expected:
          'call.created, then call.status_changed along CallStatus.x-lifecycle from queued to a final status, then call.ended',
        actual: statusTrail(events, callId),
        specPointer: 'openapi.yaml#/components/schemas/CallStatus/x-lifecycle',
      });
  }
}

/** The outcome x-test-numbers promises for a call to the test number, and the operation that says so. */
function testNumberOutcome(op: SpecOperation | undefined, testNumber: string | undefined) {
  const numbers = (op?.operation as Record<string, unknown> | undefined)?.['x-test-numbers'];
  const outcome = testNumber ? (numbers as Record<string, string> | undefined)?.[testNumber] : undefined;
  return op && outcome ? { op, outcome } : undefined;
}

/**
 * The call as a client reads it once it ended (one GET: what a page shows), or undefined where its
 * history is gone by now; the socket's call.ended then says how it ended.
 */
async function callAsRead(ctx: DriveContext, callId: string): Promise<Call | undefined> {
  const read = await ctx.http.call(operation(ctx.contract, 'getCall'), { pathParams: { callId } });
  const call = read.response?.status === 200 ? (read.response.json as Call | undefined) : undefined;
  return call && lifecycle(ctx.contract).final.includes(call.status) ? call : undefined;
}

function idOf(e: ReceivedEvent): string | undefined {
  return (e.payload.data as Call | undefined)?.id;
}
