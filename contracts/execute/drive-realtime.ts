import type { LoadedAsyncApi } from '../../mock/openapi/load-asyncapi.ts';
import type { SpecOperation } from '../../mock/openapi/operations.ts';
import type { CheckContext } from '../check-context.ts';
import { badTokens } from '../generate/bad-tokens.ts';
import { deriveFlows } from '../plan/derive-flows.ts';
import type { EmitExpectation } from '../real-world.ts';
import {
  asyncApiPlaces,
  type CloseRule,
  type EventSocket,
  eventsUrl,
  openEventSocket,
  type ReceivedEvent,
} from './event-socket.ts';
import { type FlowRecord, runFlow } from './run-flows.ts';

type Closed = { code: number; reason: string };

/** What the realtime check judges: every socket it opened, what each heard, and why it was opened. */
export interface RealtimeRecord {
  url: string;
  channel: string;
  uniqueId: string | undefined;
  /** The AsyncAPI document's message keys by type, for the pointers. */
  messageKeys: Map<string, string>;
  /** A socket opened with each bad token: how it closed within --realtime-timeout (undefined: still open). */
  refusals: {
    name: string;
    expectedCodes: string[];
    closed: Closed | undefined;
    firstEvent: string | undefined;
  }[];
  /** The socket opened with the run's token: what it heard, and how it closed if it did before a first event. */
  socket: ReceivedEvent[];
  closedBeforeReady: Closed | undefined;
  /** The events of the socket from the ping on, and whether a pong came; undefined when there was no ready. */
  ping?: { after: ReceivedEvent[]; answered: boolean };
  /** The x-emits due after the flows' successful requests, and the socket they had to arrive on. */
  emits?: { expectations: EmitExpectation[]; heard: ReceivedEvent[] };
  /** The profile's record of what its real-world creates set going (RealWorld.driveEvents). */
  realWorld?: unknown;
  /** The run's recorder's events (it listened from before the flows), when it was used. */
  recorder: ReceivedEvent[];
  /** The AsyncAPI document's messages by type, to validate every payload heard. */
  messages?: LoadedAsyncApi['messages'];
  /** How the server answered the run's own close of its socket, where x-closes-on states `clientClose`. */
  clientClose?: { rule: CloseRule; closed: Closed | undefined; waitedMs: number };
}

/**
 * Opens the events socket of asyncapi.yaml with each bad token and with the run's, pings it, and
 * collects the x-emits events of the flows: those the run's recorder heard while the flows ran, or
 * a run of the flows here. Waits (each wait bounded by --realtime-timeout) only for what it is
 * owed: a close, a first event, a pong, the expected events.
 */
export async function driveRealtime(ctx: CheckContext): Promise<RealtimeRecord | undefined> {
  if (!ctx.contract.asyncApiPath) return undefined;
  const places = await asyncApiPlaces(ctx.contract.asyncApiPath);
  const url = eventsUrl(ctx.settings.baseUrl, places.address);
  const wait = ctx.settings.realtimeTimeoutMs;
  const record: RealtimeRecord = {
    url,
    channel: places.channel,
    uniqueId: places.uniqueId,
    messageKeys: places.messageKeys,
    refusals: [],
    socket: [],
    closedBeforeReady: undefined,
    recorder: [],
  };
  // The bad tokens' sockets are independent of each other: opened at once, each waited for at most
  // --realtime-timeout, so that a server letting them all in costs one wait, not one per token.
  const bad = badTokens(ctx.session.token).filter((t) => t.name !== 'a token with a wrong signature');
  record.refusals = await Promise.all(
    bad.map(async ({ name, token, expectedCodes }) => {
      const socket = openEventSocket(url, token, wait);
      const closed = await closedWithin(socket, wait);
      socket.close();
      return { name, expectedCodes, closed, firstEvent: socket.events[0]?.raw.slice(0, 120) };
    }),
  );
  const socket = openEventSocket(url, ctx.session.token, wait);
  record.socket = socket.events;
  try {
    const ready = await socket.waitFor((events) => events.length > 0, wait);
    if (!ready || socket.events[0]?.payload.type !== 'ready') {
      record.closedBeforeReady = await Promise.race([socket.closed, Promise.resolve(undefined)]);
      return record;
    }
    const before = socket.events.length;
    socket.send(JSON.stringify({ type: 'ping' }));
    const answered = await socket.waitFor(
      (events) => events.slice(before).some((e) => e.payload.type === 'pong'),
      wait,
    );
    record.ping = { after: socket.events.slice(before), answered };
    // The run's recorder heard the flows from before their first request; while it is still open,
    // their events (and their call's) are taken from it instead of driving the flows again.
    const recorder = ctx.events?.closedAt === undefined ? ctx.events?.socket : undefined;
    record.recorder = recorder?.events ?? [];
    if (ctx.settings.readOnly) ctx.note('realtime: x-emits not checked in --read-only (they need changes).');
    else await emittedEvents(ctx, recorder ?? socket, recorder ? ctx.flows : undefined, record);
    record.messages = (await ctx.contract.asyncApi()).messages;
  } finally {
    socket.close();
  }
  const rule = places.closesOn.clientClose;
  if (rule) record.clientClose = { rule, closed: await closedWithin(socket, wait), waitedMs: wait };
  return record;
}

async function closedWithin(socket: EventSocket, ms: number): Promise<Closed | undefined> {
  return Promise.race([
    socket.closed,
    new Promise<undefined>((done) => setTimeout(() => done(undefined), ms)),
  ]);
}

/** The x-emits of the flows' successful steps, waited for on `socket` (see met: the judge's rule too). */
async function emittedEvents(
  ctx: CheckContext,
  socket: EventSocket,
  recorded: FlowRecord[] | undefined,
  record: RealtimeRecord,
): Promise<void> {
  const expectations: EmitExpectation[] = [];
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
  // What a real-world create set going (a call and how it ends) only its profile can drive.
  if (created.length && ctx.realWorld?.driveEvents) {
    const driven = await ctx.realWorld.driveEvents(ctx, socket, created);
    record.realWorld = driven.record;
    expectations.push(...driven.expectations);
  }
  ctx.http.waiting(
    `${expectations.filter((x) => !emitted(socket.events, x)).length} x-emits events on the socket`,
    Date.now(),
    ctx.settings.realtimeTimeoutMs,
  );
  await socket.waitFor(
    (events) => expectations.every((x) => emitted(events, x)),
    ctx.settings.realtimeTimeoutMs,
  );
  record.emits = { expectations, heard: socket.events };
}

/** Whether an expected event arrived: its type, after its request, about its resource where it names one. */
export function emitted(events: ReceivedEvent[], x: EmitExpectation): boolean {
  return events.some(
    (e) =>
      e.receivedAt >= x.step.exchange.sentAt &&
      e.payload.type === x.event &&
      (!x.id || !hasId(e) || idOf(e) === x.id),
  );
}

function hasId(e: ReceivedEvent): boolean {
  return typeof idOf(e) === 'string';
}

function idOf(e: ReceivedEvent): unknown {
  return (e.payload.data as { id?: unknown } | undefined)?.id;
}
