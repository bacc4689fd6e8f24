import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ChannelEvent, EventBus } from '../../../mock/events/event-bus.ts';
import { loadSpec } from '../../../mock/openapi/load-spec.ts';
import { type Snapshot, Store } from '../../../mock/store/store.ts';
import type { Call, CallStatus } from '../models.ts';
import { seed } from '../seed/seed.ts';
import { CallCenterData } from '../store/call-center-data.ts';
import { CallSimulator, type ForcedResult } from './call-simulator.ts';
import { newCall } from './new-call.ts';

interface Lifecycle {
  initial: CallStatus;
  live: CallStatus[];
  final: CallStatus[];
  transitions: Partial<Record<CallStatus, CallStatus[]>>;
}

let lifecycle: Lifecycle;
let testNumbers: Record<string, ForcedResult>;
let knowledgeBase: Snapshot;

beforeAll(async () => {
  const { document } = await loadSpec();
  const schemas = document.components?.schemas as Record<string, Record<string, unknown>>;
  lifecycle = schemas.CallStatus?.['x-lifecycle'] as Lifecycle;
  const placeCall = document.paths['/voip/call']?.post as Record<string, unknown>;
  testNumbers = placeCall['x-test-numbers'] as Record<string, ForcedResult>;
  knowledgeBase = (await seed({ seed: 1, calls: 0, endMs: Date.parse('2026-11-01T00:00:00Z') })).snapshot;
});

// Fake timers fake Date.now too: calls run on the realistic clock (speed 1) in no time.
beforeEach(() => vi.useFakeTimers({ now: Date.parse('2026-11-26T09:15:00.250Z') }));
afterEach(() => vi.useRealTimers());

/** A simulator over a seeded knowledge base, recording the events it publishes. */
function simulate(seedValue: number | (() => number) = 7) {
  const store = new CallCenterData(new Store());
  store.store.load(structuredClone(knowledgeBase));
  const events = new EventBus(() => Date.now());
  const published: ChannelEvent[] = [];
  events.subscribe((event) => published.push(event));
  const simulator = new CallSimulator({
    store,
    events,
    seed: seedValue,
    speed: 1,
    testNumbers,
    now: () => Date.now(),
    onChange: () => {},
  });
  const topic = [...store.topics.all()].find((t) => [...store.qas.all()].some((qa) => qa.topicId === t.id));
  /** Places a call as POST /voip/call stores it, then lets it run to its end. */
  const run = (id: string, targetNumber: string): { call: Call; events: ChannelEvent[] } => {
    const at = new Date(Date.now()).toISOString().replace(/\.\d+Z$/, 'Z');
    const call = newCall({
      id,
      direction: 'outbound',
      fromNumber: '+998712000000',
      targetNumber,
      contactName: null,
      status: 'queued',
      language: 'uz',
      topicId: topic?.id ?? null,
      fileId: null,
      createdAt: at,
    });
    store.calls.insert(call);
    const from = published.length;
    simulator.start(call);
    vi.advanceTimersByTime(3_600_000);
    return { call: store.calls.get(id) as Call, events: published.slice(from) };
  };
  return { store, simulator, run, topic };
}

const ID = '0c6f8a2e-1b3d-4e5f-8a9b-7c6d5e4f3a2b';
const ends: Record<ForcedResult, CallStatus> = {
  completed: 'completed',
  busy: 'busy',
  no_answer: 'no_answer',
  failed: 'failed',
  long_call: 'completed',
};

describe('call simulator', () => {
  it('plays every test number of x-test-numbers to its forced end, along x-lifecycle', () => {
    expect(Object.keys(testNumbers).length).toBeGreaterThan(0);
    for (const [number, forced] of Object.entries(testNumbers)) {
      const { call, events } = simulate().run(ID, number);
      const changes = events.filter((e) => e.type === 'call.status_changed');
      let status: CallStatus = lifecycle.initial;
      for (const change of changes) {
        expect(change.previousStatus).toBe(status);
        const next = (change.data as Call).status;
        expect(lifecycle.transitions[status], `${number}: ${status} -> ${next}`).toContain(next);
        status = next;
      }
      expect(status, number).toBe(ends[forced]);
      expect(lifecycle.final).toContain(call.status);
      expect(call.status).toBe(ends[forced]);
      // call.ended and statistics.changed follow the last step, with the call as stored.
      expect(events.map((e) => e.type).slice(-3)).toEqual([
        'call.status_changed',
        'call.ended',
        'statistics.changed',
      ]);
      expect(events.at(-2)?.data).toEqual(call);
    }
  });

  it('ends a call with what the Call schema gives an ended call', () => {
    const table: [ForcedResult, (call: Call) => void][] = [
      [
        'completed',
        (call) => {
          expect(call.outcome).not.toBeNull();
          expect(call.summary).toBeTruthy();
          expect(call.sentiment).not.toBeNull();
          expect(call.failureReason).toBeNull();
          expect(call.transcript.length).toBeGreaterThan(2);
        },
      ],
      ['long_call', (call) => expect(call.durationSeconds).toBeGreaterThanOrEqual(600)],
      ['failed', (call) => expect(call.failureReason).toBeTruthy()],
      ['busy', (call) => expect(call.answeredAt).toBeNull()],
      ['no_answer', (call) => expect(call.durationSeconds).toBe(0)],
    ];
    for (const [forced, check] of table) {
      const number = Object.entries(testNumbers).find(([, r]) => r === forced)?.[0] as string;
      const { call } = simulate().run(ID, number);
      expect(call.endedAt, forced).not.toBeNull();
      expect(call.updatedAt).toBe(call.endedAt);
      if (call.status === 'completed') {
        // durationSeconds is the talk time from answeredAt to endedAt, exactly.
        const talk = (Date.parse(call.endedAt as string) - Date.parse(call.answeredAt as string)) / 1000;
        expect(call.durationSeconds).toBe(talk);
        for (const line of call.transcript) expect(line.atSecond).toBeLessThanOrEqual(call.durationSeconds);
      } else {
        expect([call.outcome, call.summary, call.sentiment, call.durationSeconds]).toEqual([
          null,
          null,
          null,
          0,
        ]);
      }
      check(call);
    }
  });

  it('answers from the QAs of the call topic', () => {
    const sim = simulate();
    const { call } = sim.run(ID, '+998900000001');
    const questions = new Set(
      [...sim.store.qas.all()].filter((qa) => qa.topicId === sim.topic?.id).map((qa) => qa.question),
    );
    const asked = call.transcript.filter((line) => line.speaker === 'customer' && questions.has(line.text));
    if (call.outcome !== 'wrong_number') expect(asked.length).toBeGreaterThan(0);
  });

  it('draws the same call from the same seed and call id, and other calls from others', () => {
    const numbers = Array.from({ length: 12 }, (_, i) => `+99890123${String(i).padStart(4, '0')}`);
    const runAll = (seedValue: number) => {
      const sim = simulate(seedValue);
      return numbers.map((n, i) => {
        vi.setSystemTime(Date.parse('2026-11-26T09:15:00.250Z'));
        const { call } = sim.run(`0c6f8a2e-1b3d-4e5f-8a9b-7c6d5e4f3a${String(i).padStart(2, '0')}`, n);
        return call;
      });
    };
    const first = runAll(7);
    expect(runAll(7)).toEqual(first);
    expect(runAll(8)).not.toEqual(first);
    // A seed read when each call starts: a mock reseeded to 7 plays as one started with 7.
    let current = 8;
    const reseeded = simulate(() => current);
    current = 7;
    expect(
      numbers.map((n, i) => {
        vi.setSystemTime(Date.parse('2026-11-26T09:15:00.250Z'));
        return reseeded.run(`0c6f8a2e-1b3d-4e5f-8a9b-7c6d5e4f3a${String(i).padStart(2, '0')}`, n).call;
      }),
    ).toEqual(first);
    // Random numbers end in more than one way: the outcome really is drawn.
    expect(new Set(first.map((c) => c.status)).size).toBeGreaterThan(1);
  });

  it('keeps a realistic clock at speed 1: rings in seconds, talks for tens of seconds', () => {
    const { call, events } = simulate().run(ID, '+998900000001');
    const times = events
      .filter((e) => e.type === 'call.status_changed')
      .map((e) => Date.parse(e.occurredAt) - Date.parse(call.createdAt));
    expect(times[0]).toBeGreaterThanOrEqual(1_000); // ringing
    expect(call.durationSeconds).toBeGreaterThanOrEqual(20);
  });

  it('cancels pending steps on stop(), leaving no timer behind', () => {
    const sim = simulate();
    sim.store.calls.insert({
      ...sim.run(ID, '+998900000001').call,
      id: `${ID.slice(0, -1)}c`,
      status: 'queued',
    });
    sim.simulator.start(sim.store.calls.get(`${ID.slice(0, -1)}c`) as Call);
    expect(sim.simulator.liveCount).toBe(1);
    expect(vi.getTimerCount()).toBe(1);
    sim.simulator.stop();
    expect(sim.simulator.liveCount).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('refuses a test number whose result it cannot play', () => {
    const make = () =>
      new CallSimulator({
        store: new CallCenterData(new Store()),
        events: new EventBus(),
        seed: 1,
        speed: 1,
        testNumbers: { '+998900000009': 'voicemail' as ForcedResult },
        now: Date.now,
        onChange: () => {},
      });
    expect(make).toThrow(/voicemail/);
  });
});
