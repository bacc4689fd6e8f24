import type { Faker } from '@faker-js/faker';
import type { EventBus } from '../../../mock/events/event-bus.ts';
import { isoSeconds, unrefTimer } from '../../../mock/time.ts';
import type { Call, CallStatus, Qa } from '../models.ts';
import { createFaker } from '../seed/seed.ts';
import type { CallCenterData } from '../store/call-center-data.ts';
import { buildConversation, OUTCOME_WEIGHTS } from './conversation.ts';

/** What a test number forces (openapi.yaml `x-test-numbers` on placeCall). */
export type ForcedResult = 'completed' | 'busy' | 'no_answer' | 'failed' | 'long_call';

const FORCED_RESULTS: ReadonlySet<string> = new Set<ForcedResult>([
  'completed',
  'busy',
  'no_answer',
  'failed',
  'long_call',
]);

interface Step {
  afterMs: number;
  status: CallStatus;
}

/**
 * Moves placed calls through the lifecycle of `CallStatus.x-lifecycle` on a clock that
 * `MOCK_CALL_SPEED` speeds up. Each step updates the stored call, then publishes its events, so a
 * GET at any moment agrees with the last event sent. Outcomes are drawn from a faker seeded by the
 * mock's seed and the call's id: the same seed and the same requests give the same calls.
 */
export class CallSimulator {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly deps: {
      store: CallCenterData;
      events: EventBus;
      /** The mock's seed; a function when it can change while running (`POST /__mock/seed`). */
      seed: number | (() => number);
      speed: number;
      testNumbers: Record<string, ForcedResult>;
      now: () => number;
      onChange: () => void;
    },
  ) {
    // A result the simulator cannot play would silently ring as a random call: refuse at start.
    for (const [number, result] of Object.entries(deps.testNumbers))
      if (!FORCED_RESULTS.has(result))
        throw new Error(`x-test-numbers: ${number} forces "${result}", which the call simulator cannot play`);
  }

  get liveCount(): number {
    return this.timers.size;
  }

  /** Starts the simulation of a call just stored as `queued`. */
  start(call: Call): void {
    const { seed } = this.deps;
    const faker = createFaker((typeof seed === 'function' ? seed() : seed) ^ hashOf(call.id));
    const plan = this.plan(faker, this.deps.testNumbers[call.targetNumber]);
    this.advance(call.id, plan, 0, faker);
  }

  /** Cancels every pending step (shutdown, reset). Calls keep the state they reached. */
  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private plan(faker: Faker, forced: ForcedResult | undefined): Step[] {
    const ends =
      forced ??
      faker.helpers.weightedArrayElement<ForcedResult>([
        { value: 'completed', weight: 66 },
        { value: 'no_answer', weight: 17 },
        { value: 'busy', weight: 10 },
        { value: 'failed', weight: 7 },
      ]);
    const ringing: Step = { afterMs: 1_500, status: 'ringing' };
    switch (ends) {
      case 'busy':
        return [ringing, { afterMs: 4_000, status: 'busy' }];
      case 'no_answer':
        return [ringing, { afterMs: 30_000, status: 'no_answer' }];
      case 'failed':
        return [ringing, { afterMs: 2_000, status: 'failed' }];
      case 'long_call':
        return [
          ringing,
          { afterMs: 6_000, status: 'in_progress' },
          { afterMs: 600_000, status: 'completed' },
        ];
      default:
        return [
          ringing,
          { afterMs: faker.number.int({ min: 4_000, max: 9_000 }), status: 'in_progress' },
          { afterMs: faker.number.int({ min: 20_000, max: 150_000 }), status: 'completed' },
        ];
    }
  }

  private advance(id: string, plan: Step[], index: number, faker: Faker): void {
    const step = plan[index];
    if (!step) {
      this.timers.delete(id);
      return;
    }
    const timer = setTimeout(() => {
      this.apply(id, step.status, faker);
      this.advance(id, plan, index + 1, faker);
    }, step.afterMs / this.deps.speed);
    unrefTimer(timer);
    this.timers.set(id, timer);
  }

  private apply(id: string, status: CallStatus, faker: Faker): void {
    const { store, events } = this.deps;
    const previous = store.calls.get(id);
    if (!previous) return; // deleted with its history while live: nothing left to move
    const nowMs = this.deps.now();
    const at = isoSeconds(nowMs);
    const next: Call = { ...previous, status, updatedAt: at };
    if (status === 'in_progress') next.answeredAt = at;
    const final =
      status === 'completed' || status === 'busy' || status === 'no_answer' || status === 'failed';
    if (final) {
      next.endedAt = at;
      if (status === 'completed' && previous.answeredAt) {
        // From the stored, whole-second timestamps, so that endedAt - answeredAt is the duration
        // exactly, as the Call schema defines it (rounding the clock could differ by a second).
        next.durationSeconds = Math.max(0, (Date.parse(at) - Date.parse(previous.answeredAt)) / 1000);
        const outcome = faker.helpers.weightedArrayElement(OUTCOME_WEIGHTS);
        Object.assign(
          next,
          { outcome },
          buildConversation(faker, this.qasOf(previous), previous.language, next.durationSeconds, outcome),
        );
      }
      if (status === 'failed') next.failureReason = 'Carrier rejected the call (SIP 503)';
    }
    store.calls.replace(next);
    this.deps.onChange();
    events.publish('call.status_changed', next, { previousStatus: previous.status });
    if (final) {
      events.publish('call.ended', next);
      events.publish('statistics.changed', { reason: 'call.ended', since: next.createdAt });
    }
  }

  private qasOf(call: Call): Qa[] {
    if (!call.topicId) return [];
    return [...this.deps.store.qas.all()].filter((qa) => qa.topicId === call.topicId && qa.enabled);
  }
}

function hashOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
