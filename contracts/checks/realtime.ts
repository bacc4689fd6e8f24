import type { JudgeContext } from '../check-context.ts';
import { driveRealtime, emitted, type RealtimeRecord } from '../execute/drive-realtime.ts';
import type { ReceivedEvent } from '../execute/event-socket.ts';
import { operationPointer } from '../plan/spec-pointer.ts';
import type { EmitExpectation } from '../real-world.ts';
import { requestLine } from './describe.ts';
import { judgeRefusals } from './realtime-auth.ts';
import { reusedEventIds } from './realtime-events.ts';
import type { Check } from './types.ts';

/**
 * The WebSocket of asyncapi.yaml: bad tokens are refused with 4401; a good one gets `ready`; every
 * event an operation names in `x-emits` arrives after it, about the right resource; every payload
 * is valid against its message schema; every event id is unique (x-delivery). The events of a
 * real-world create (the call center's placed call: its lifecycle, how it ends) are judged by the
 * run's profile (RealWorld.judgeEvents). execute/drive-realtime.ts opens the sockets and listens.
 */
export const realtime: Check<RealtimeRecord | undefined> = {
  name: 'realtime',
  catches:
    'A socket that lets bad tokens in, a missing ready, an x-emits event that never arrives (or names another resource), a payload that breaks asyncapi.yaml, a reused event id (x-delivery), call events out of lifecycle order.',
  mutates: false,
  // It waits for the flows' call to end (its call.ended): beside the checks that do not (run-lanes.ts).
  awaitsRealWorld: true,
  // The flows the run drove while its recorder listened are judged here: their call and its events.
  drivers: ['flows'],
  skipReason(ctx) {
    if (!ctx.contract.asyncApiPath)
      return 'the contract has no AsyncAPI document (none beside the spec; pass --asyncapi)';
    if (!ctx.session.token) return 'the socket needs a token and the run has none (pass --token)';
    return undefined;
  },
  drive: driveRealtime,
  judge(ctx, r) {
    if (!r) return;
    judgeRefusals(ctx, r);
    if (!r.ping) {
      ctx.fail({
        operationId: undefined,
        title: 'No ready message on the events socket',
        message: `Connecting to ${r.url} with a valid token did not start with a ready message.`,
        expected: '{"type":"ready", …} first',
        actual:
          r.socket[0]?.raw.slice(0, 200) ??
          (r.closedBeforeReady
            ? `closed ${r.closedBeforeReady.code} ${r.closedBeforeReady.reason}`
            : 'nothing'),
        specPointer: `asyncapi.yaml#/components/messages/${r.messageKeys.get('ready') ?? 'ready'}`,
      });
      return;
    }
    if (!r.ping.answered)
      ctx.fail({
        operationId: undefined,
        title: 'No pong for a ping',
        message: `{"type":"ping"} sent on ${r.url} got no {"type":"pong"} within ${ctx.settings.realtimeTimeoutMs} ms.`,
        expected: '{"type":"pong","serverTime":…}',
        actual: r.ping.after.map((e) => e.raw.slice(0, 80)).join(', ') || 'nothing',
        specPointer: `asyncapi.yaml#/components/messages/${r.messageKeys.get('pong') ?? 'pong'}`,
      });
    if (r.emits) {
      // What a real-world create set going (a call's order of events, how it ended): its profile's.
      if (r.realWorld !== undefined) ctx.realWorld?.judgeEvents?.(ctx, r.emits.heard, r.realWorld);
      judgeEmits(ctx, r.emits.expectations, r.emits.heard);
    }
    if (r.messages) validatePayloads(ctx, [...r.recorder, ...r.socket], r.messageKeys, r.messages);
    // Ids are unique per socket: one event delivered to the recorder and to this socket is one id.
    if (r.uniqueId)
      for (const heard of [r.recorder, r.socket]) reusedEventIds(ctx, heard, r.uniqueId, r.channel);
    if (r.clientClose) judgeClientClose(ctx, r.url, r.channel, r.clientClose);
  },
};

/** Every x-emits event of the flows arrived after its request, about the right resource. */
function judgeEmits(ctx: JudgeContext, expectations: EmitExpectation[], heard: ReceivedEvent[]): void {
  for (const x of expectations.filter((e) => !emitted(heard, e))) {
    ctx.judged(x.step.op.operationId);
    ctx.fail({
      operationId: x.step.op.operationId,
      title: `Missing ${x.event} event`,
      message: `${requestLine(x.step.exchange)} answered ${x.step.exchange.response?.status}, but no ${x.event}${x.id ? ` about ${x.id}` : ''} arrived on the socket within ${ctx.settings.realtimeTimeoutMs} ms.`,
      expected: `a ${x.event} event (x-emits: ${x.step.op.emits.join(', ')})`,
      actual: `received after it: ${
        heard
          .filter((e) => e.receivedAt >= x.step.exchange.sentAt)
          .map((e) => String(e.payload.type))
          .join(', ') || 'nothing'
      }`,
      specPointer: operationPointer(x.step.op, 'x-emits'),
      exchange: x.step.exchange,
    });
  }
  for (const x of expectations) ctx.judged(x.step.op.operationId);
}

function validatePayloads(
  ctx: JudgeContext,
  events: ReceivedEvent[],
  keys: Map<string, string>,
  messages: NonNullable<RealtimeRecord['messages']>,
): void {
  for (const event of events) {
    const type = String(event.payload.type);
    const message = messages.get(type);
    const result = message ? ctx.contract.validator.validate(message.payload, event.payload) : undefined;
    if (result?.ok) continue;
    const problems =
      result && !result.ok
        ? result.errors
            .slice(0, 5)
            .map((e) => `${e.pointer} ${e.message}`)
            .join('; ')
        : `unknown type ${type}`;
    ctx.fail({
      operationId: undefined,
      title: `Invalid ${type} event`,
      message: `An event on the socket breaks asyncapi.yaml: ${problems}.`,
      expected: message
        ? `a payload valid against the ${type} message`
        : `one of ${[...messages.keys()].join(', ')}`,
      actual: event.raw.slice(0, 300),
      specPointer: `asyncapi.yaml#/components/messages/${keys.get(type) ?? ''}`,
    });
  }
}

/** The run's own close of its socket (1000) answered with the code x-closes-on's clientClose names. */
function judgeClientClose(
  ctx: JudgeContext,
  url: string,
  channel: string,
  { rule, closed, waitedMs }: NonNullable<RealtimeRecord['clientClose']>,
): void {
  ctx.judged(undefined);
  if (closed?.code === rule.code) return;
  const got = closed ? `closed with ${closed.code} "${closed.reason}"` : `no close within ${waitedMs} ms`;
  ctx.fail({
    operationId: undefined,
    title: `Client's close not answered with ${rule.code}`,
    message: `The run closed its events socket on ${url} with 1000 (normal closure); the server's answer: ${got}.`,
    expected: `close code ${rule.code}`,
    actual: got,
    specPointer: `asyncapi.yaml#/channels/${channel}/x-closes-on/clientClose`,
  });
}
