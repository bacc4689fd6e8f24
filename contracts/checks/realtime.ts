import type { SpecOperation } from '../../spec/operations.ts';
import {
  asyncApiPlaces,
  type EventSocket,
  eventsUrl,
  openEventSocket,
  type ReceivedEvent,
} from '../execute/event-socket.ts';
import { type FlowRecord, runFlow } from '../execute/run-flows.ts';
import { deriveFlows } from '../plan/derive-flows.ts';
import { operationPointer } from '../plan/spec-pointer.ts';
import type { EmitExpectation } from '../profile.ts';
import { requestLine } from './describe.ts';
import { socketRefusesBadTokens } from './realtime-auth.ts';
import { reusedEventIds } from './realtime-events.ts';
import type { Check, CheckContext } from './types.ts';

type Expectation = EmitExpectation;

/**
 * The WebSocket of asyncapi.yaml: bad tokens are refused with 4401; a good one gets `ready`; every
 * event an operation names in `x-emits` arrives after it, about the right resource; every payload
 * is valid against its message schema. The events of a real-world create (the call center's
 * placed call: its lifecycle, how it ends) are judged by the run's profile (RealWorld.judgeEvents).
 */
export const realtime: Check = {
  name: 'realtime',
  catches:
    'A socket that lets bad tokens in, a missing ready, an x-emits event that never arrives (or names another resource), a payload that breaks asyncapi.yaml, a reused event id (x-delivery), call events out of lifecycle order.',
  mutates: false,
  // The flows the run drove while its recorder listened are judged here: their call and its events.
  drivers: ['flows'],
  skipReason(ctx) {
    if (!ctx.contract.asyncApiPath)
      return 'the contract has no AsyncAPI document (none beside the spec; pass --asyncapi)';
    if (!ctx.session.token) return 'the socket needs a token and the run has none (pass --token)';
    return undefined;
  },
  async run(ctx) {
    const places = await asyncApiPlaces(ctx.contract.asyncApiPath);
    const url = eventsUrl(ctx.settings.baseUrl, places.address);
    await socketRefusesBadTokens(ctx, url);
    const socket = openEventSocket(url, ctx.session.token, ctx.settings.realtimeTimeoutMs);
    try {
      const ready = await socket.waitFor((events) => events.length > 0, ctx.settings.realtimeTimeoutMs);
      if (!ready || socket.events[0]?.payload.type !== 'ready') {
        const closed = await Promise.race([socket.closed, Promise.resolve(undefined)]);
        return ctx.fail({
          operationId: undefined,
          title: 'No ready message on the events socket',
          message: `Connecting to ${url} with a valid token did not start with a ready message.`,
          expected: '{"type":"ready", …} first',
          actual:
            socket.events[0]?.raw.slice(0, 200) ??
            (closed ? `closed ${closed.code} ${closed.reason}` : 'nothing'),
          specPointer: `asyncapi.yaml#/components/messages/${places.messageKeys.get('ready') ?? 'ready'}`,
        });
      }
      await pingPong(ctx, socket, places.messageKeys);
      // The run's recorder heard the flows from before their first request; while it is still
      // open, their events (and their call's) are judged on it instead of driving the flows again.
      const recorder = ctx.events?.closedAt === undefined ? ctx.events?.socket : undefined;
      if (ctx.settings.readOnly)
        ctx.note('realtime: x-emits not checked in --read-only (they need changes).');
      else await emittedEvents(ctx, recorder ?? socket, recorder ? ctx.flows : undefined);
      await validatePayloads(ctx, [...(recorder?.events ?? []), ...socket.events], places.messageKeys);
      // Ids are unique per socket: one event delivered to the recorder and to this socket is one id.
      if (places.uniqueId)
        for (const heard of [recorder?.events ?? [], socket.events])
          reusedEventIds(ctx, heard, places.uniqueId, places.channel);
    } finally {
      socket.close();
    }
  },
};

/**
 * Every x-emits event of the flows arrives on `socket` after its request, and each call placed
 * follows the lifecycle. `recorded`: flows the run drove while `socket` listened; without them,
 * the flows are driven here.
 */
async function emittedEvents(
  ctx: CheckContext,
  socket: EventSocket,
  recorded: FlowRecord[] | undefined,
): Promise<void> {
  const expectations: Expectation[] = [];
  const created: { id: string; op: SpecOperation }[] = [];
  for (const plan of deriveFlows(ctx.contract)) {
    if (!ctx.selected(plan.create.operationId)) continue;
    if (plan.realWorld && !ctx.settings.testNumber) {
      ctx.note(`realtime: ${plan.create.operationId}'s events not checked: no --test-number.`);
      continue;
    }
    const flow =
      recorded?.find((r) => r.plan.create === plan.create) ??
      (await runFlow(plan, ctx.contract, ctx.http, ctx.resources, {
        ...ctx.settings,
        ...(ctx.realWorld?.whenFree
          ? { whenFree: () => ctx.realWorld?.whenFree?.(ctx) ?? Promise.resolve() }
          : {}),
      }));
    for (const step of flow.steps) {
      if ((step.exchange.response?.status ?? 500) >= 300 || step.op.emits.length === 0) continue;
      if (step.kind === 'delete-again') continue;
      for (const event of step.op.emits) expectations.push({ step, event, id: flow.id });
    }
    if (plan.realWorld && flow.id) created.push({ id: flow.id, op: plan.create });
  }
  // What a real-world create set going (a call's events, how it ends) only its profile can judge.
  if (created.length && ctx.realWorld?.judgeEvents)
    expectations.push(...(await ctx.realWorld.judgeEvents(ctx, socket, created)));
  const met = (x: Expectation) =>
    socket.events.some(
      (e) =>
        e.receivedAt >= x.step.exchange.sentAt &&
        e.payload.type === x.event &&
        (!x.id || !hasId(e) || idOf(e) === x.id),
    );
  ctx.http.waiting(
    `${expectations.filter((x) => !met(x)).length} x-emits events on the socket`,
    Date.now(),
    ctx.settings.realtimeTimeoutMs,
  );
  await socket.waitFor(() => expectations.every(met), ctx.settings.realtimeTimeoutMs);
  for (const x of expectations.filter((e) => !met(e))) {
    ctx.judged(x.step.op.operationId);
    ctx.fail({
      operationId: x.step.op.operationId,
      title: `Missing ${x.event} event`,
      message: `${requestLine(x.step.exchange)} answered ${x.step.exchange.response?.status}, but no ${x.event}${x.id ? ` about ${x.id}` : ''} arrived on the socket within ${ctx.settings.realtimeTimeoutMs} ms.`,
      expected: `a ${x.event} event (x-emits: ${x.step.op.emits.join(', ')})`,
      actual: `received after it: ${
        socket.events
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

async function validatePayloads(
  ctx: CheckContext,
  events: ReceivedEvent[],
  keys: Map<string, string>,
): Promise<void> {
  const { messages } = await ctx.contract.asyncApi();
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

function hasId(e: ReceivedEvent): boolean {
  return typeof idOf(e) === 'string';
}

function idOf(e: ReceivedEvent): unknown {
  return (e.payload.data as { id?: unknown } | undefined)?.id;
}

/** `{"type":"ping"}` is answered with a `pong` (the heartbeat of asyncapi.yaml's receivePing). */
async function pingPong(ctx: CheckContext, socket: EventSocket, keys: Map<string, string>): Promise<void> {
  const before = socket.events.length;
  socket.send(JSON.stringify({ type: 'ping' }));
  const answered = await socket.waitFor(
    (events) => events.slice(before).some((e) => e.payload.type === 'pong'),
    ctx.settings.realtimeTimeoutMs,
  );
  if (answered) return;
  ctx.fail({
    operationId: undefined,
    title: 'No pong for a ping',
    message: `{"type":"ping"} sent on ${socket.url} got no {"type":"pong"} within ${ctx.settings.realtimeTimeoutMs} ms.`,
    expected: '{"type":"pong","serverTime":…}',
    actual:
      socket.events
        .slice(before)
        .map((e) => e.raw.slice(0, 80))
        .join(', ') || 'nothing',
    specPointer: `asyncapi.yaml#/components/messages/${keys.get('pong') ?? 'pong'}`,
  });
}
