import type { Call, CallStatus } from '../models.ts';
import type { DayBucket } from './call-stats.ts';

export interface CallFilter {
  statuses?: CallStatus[];
  targetNumber?: string;
  direction?: Call['direction'];
  topicId?: string;
  /** Inclusive lower bound on createdAt, ISO. */
  from?: string;
  /** Exclusive upper bound on createdAt, ISO. */
  to?: string;
}

export type CallSort =
  | 'createdAt'
  | '-createdAt'
  | 'durationSeconds'
  | '-durationSeconds'
  | 'targetNumber'
  | '-targetNumber';

/**
 * What the call routes ask of the calls, answered by CallIndex (in-memory indexes, the default) or
 * by SqlCallQueries (the SQLite store's indexes and per-day aggregate tables). Both answer the
 * same (call-queries.test.ts runs one suite against both).
 */
export interface CallQueries {
  /** One page of the calls matching `filter`, in `sort` order (ties by time, then id), and how many match. */
  query(filter: CallFilter, sort: CallSort, offset: number, limit: number): { items: Call[]; total: number };
  /** Every call to a number, oldest first. */
  callsTo(targetNumber: string): readonly Call[];
  /** Every call in one status, oldest first. */
  withStatus(status: CallStatus): readonly Call[];
  /** How many different numbers have a call created at or after `fromMs`. */
  numbersCalledSince(fromMs: number): number;
  /** The per-day figures of the days from `fromMs` to `toMs` (midnights UTC) that have calls. */
  days(fromMs: number, toMs: number): Map<number, DayBucket>;
}
