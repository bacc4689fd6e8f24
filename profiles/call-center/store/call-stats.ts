import { startOfDayUtc } from '../../../mock/time.ts';
import type { Call, CallCounts, Statistics } from '../models.ts';

type Outcome = keyof Statistics['byOutcome'];

/** The figures of one UTC day: what GET /statistics adds up, kept current on every change. */
export interface DayBucket {
  counts: Omit<CallCounts, 'averageDurationSeconds'>;
  outcomes: Record<Outcome, number>;
  topics: Map<string, number>;
}

export function emptyBucket(): DayBucket {
  return {
    counts: { calls: 0, completed: 0, busy: 0, noAnswer: 0, failed: 0, live: 0, totalDurationSeconds: 0 },
    outcomes: {
      resolved: 0,
      callback_requested: 0,
      transferred_to_operator: 0,
      not_interested: 0,
      wrong_number: 0,
    },
    topics: new Map(),
  };
}

export const STATUS_FIELD: Record<Call['status'], keyof DayBucket['counts']> = {
  completed: 'completed',
  busy: 'busy',
  no_answer: 'noAnswer',
  failed: 'failed',
  queued: 'live',
  ringing: 'live',
  in_progress: 'live',
};

/**
 * Per-day aggregates of the calls, so that statistics over a year cost a few hundred bucket reads
 * instead of a scan of every call. `add` and `remove` are exact inverses; an update is a remove of
 * the old call and an add of the new one.
 */
export class CallStats {
  private readonly days = new Map<number, DayBucket>();

  add(call: Call): void {
    this.apply(call, 1);
  }

  remove(call: Call): void {
    this.apply(call, -1);
  }

  clear(): void {
    this.days.clear();
  }

  /** The bucket of the day starting at `dayMs` (midnight UTC), if any call was created that day. */
  day(dayMs: number): DayBucket | undefined {
    return this.days.get(dayMs);
  }

  private apply(call: Call, sign: 1 | -1): void {
    const key = dayOf(call.createdAt);
    let bucket = this.days.get(key);
    if (!bucket) {
      bucket = emptyBucket();
      this.days.set(key, bucket);
    }
    const c = bucket.counts;
    c.calls += sign;
    c[STATUS_FIELD[call.status]] += sign;
    c.totalDurationSeconds += sign * call.durationSeconds;
    if (call.outcome) bucket.outcomes[call.outcome] += sign;
    if (call.topicId) {
      const n = (bucket.topics.get(call.topicId) ?? 0) + sign;
      if (n === 0) bucket.topics.delete(call.topicId);
      else bucket.topics.set(call.topicId, n);
    }
    if (c.calls === 0) this.days.delete(key);
  }
}

/** Midnight UTC of an ISO timestamp's day, parsed once per distinct day. */
const dayCache = new Map<string, number>();
function dayOf(createdAt: string): number {
  const date = createdAt.slice(0, 10);
  let ms = dayCache.get(date);
  if (ms === undefined) {
    ms = startOfDayUtc(Date.parse(createdAt));
    if (dayCache.size > 10_000) dayCache.clear();
    dayCache.set(date, ms);
  }
  return ms;
}
