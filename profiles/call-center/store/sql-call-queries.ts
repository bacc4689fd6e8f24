import type { Condition, OrderKey } from '../../../mock/store/collection.ts';
import type { SqliteCollection } from '../../../mock/store/sqlite/sqlite-collection.ts';
import type { SqliteStore } from '../../../mock/store/sqlite/sqlite-store.ts';
import { DAY_MS, isoSeconds } from '../../../mock/time.ts';
import type { Call, CallStatus } from '../../../spec/models.ts';
import { createAggregates, rebuildAggregates } from './call-aggregates.ts';
import type { CallFilter, CallQueries, CallSort } from './call-queries.ts';
import { type DayBucket, emptyBucket, STATUS_FIELD } from './call-stats.ts';

const ORDERS: Record<CallSort, OrderKey[]> = {
  createdAt: [{ field: 'createdAt' }, { field: 'id' }],
  '-createdAt': [
    { field: 'createdAt', desc: true },
    { field: 'id', desc: true },
  ],
  durationSeconds: [{ field: 'durationSeconds' }, { field: 'createdAt' }, { field: 'id' }],
  '-durationSeconds': [{ field: 'durationSeconds', desc: true }, { field: 'createdAt' }, { field: 'id' }],
  targetNumber: [{ field: 'targetNumber' }, { field: 'createdAt' }, { field: 'id' }],
  '-targetNumber': [{ field: 'targetNumber', desc: true }, { field: 'createdAt' }, { field: 'id' }],
};

/**
 * The call queries over the SQLite store: pages from the calls table's indexes, and statistics,
 * distinct numbers and the commonest totals from aggregate tables that triggers keep current in
 * the transaction of every change (call-aggregates.ts). Nothing is held in memory.
 */
export class SqlCallQueries implements CallQueries {
  constructor(
    private readonly sqlite: SqliteStore,
    private readonly calls: SqliteCollection<Call>,
  ) {
    const fresh = createAggregates(sqlite.db, calls);
    if (fresh) rebuildAggregates(sqlite.db, calls);
    calls.onLoad(() => rebuildAggregates(sqlite.db, calls));
  }

  query(filter: CallFilter, sort: CallSort, offset: number, limit: number): { items: Call[]; total: number } {
    const where = conditionsOf(filter);
    const items = this.calls.select({ where, order: ORDERS[sort], offset, limit });
    return { items, total: this.total(filter, where) };
  }

  callsTo(targetNumber: string): readonly Call[] {
    return this.calls.select({ where: conditionsOf({ targetNumber }), order: ORDERS.createdAt });
  }

  withStatus(status: CallStatus): readonly Call[] {
    return this.calls.select({ where: conditionsOf({ statuses: [status] }), order: ORDERS.createdAt });
  }

  numbersCalledSince(fromMs: number): number {
    return this.sqlite.db
      .prepare('SELECT count(*) FROM call_numbers WHERE latest >= ?')
      .pluck()
      .get(isoSeconds(fromMs)) as number;
  }

  days(fromMs: number, toMs: number): Map<number, DayBucket> {
    const db = this.sqlite.db;
    const days = new Map<number, DayBucket>();
    const bucket = (day: number) => {
      let b = days.get(day);
      if (!b) {
        b = emptyBucket();
        days.set(day, b);
      }
      return b;
    };
    const counts = db
      .prepare(
        'SELECT day, status, sum(calls) AS calls, sum(duration) AS duration FROM call_day_counts WHERE day >= ? AND day < ? GROUP BY day, status',
      )
      .all(fromMs, toMs) as { day: number; status: CallStatus; calls: number; duration: number }[];
    for (const row of counts) {
      if (row.calls === 0) continue;
      const c = bucket(row.day).counts;
      c.calls += row.calls;
      c[STATUS_FIELD[row.status]] += row.calls;
      c.totalDurationSeconds += row.duration;
    }
    const outcomes = db
      .prepare('SELECT day, outcome, calls FROM call_day_outcomes WHERE day >= ? AND day < ? AND calls != 0')
      .all(fromMs, toMs) as { day: number; outcome: keyof DayBucket['outcomes']; calls: number }[];
    for (const row of outcomes) bucket(row.day).outcomes[row.outcome] += row.calls;
    const topics = db
      .prepare('SELECT day, topicId, calls FROM call_day_topics WHERE day >= ? AND day < ? AND calls != 0')
      .all(fromMs, toMs) as { day: number; topicId: string; calls: number }[];
    for (const row of topics) bucket(row.day).topics.set(row.topicId, row.calls);
    return days;
  }

  /**
   * How many calls match. Filters of status, direction and time only (the dashboard's) add up the
   * per-day counts of the whole days in the window and count the two part days at its ends: a
   * quarter of a million matches cost a hundred aggregate rows, not a quarter of a million index
   * entries. Any other filter is selective enough for the indexes to count.
   */
  private total(filter: CallFilter, where: Condition[]): number {
    if (filter.targetNumber || filter.topicId) return this.calls.count(where);
    const firstDay = filter.from
      ? Math.ceil(Date.parse(filter.from) / DAY_MS) * DAY_MS
      : Number.NEGATIVE_INFINITY;
    const endDay = filter.to ? Math.floor(Date.parse(filter.to) / DAY_MS) * DAY_MS : Number.POSITIVE_INFINITY;
    if (!(firstDay < endDay)) return this.calls.count(where);
    const params: unknown[] = [];
    let sql = 'SELECT coalesce(sum(calls), 0) FROM call_day_counts WHERE 1';
    if (Number.isFinite(firstDay)) {
      sql += ' AND day >= ?';
      params.push(firstDay);
    }
    if (Number.isFinite(endDay)) {
      sql += ' AND day < ?';
      params.push(endDay);
    }
    if (filter.statuses) {
      sql += ` AND status IN (${filter.statuses.map(() => '?').join(', ')})`;
      params.push(...filter.statuses);
    }
    if (filter.direction) {
      sql += ' AND direction = ?';
      params.push(filter.direction);
    }
    let total = this.sqlite.db
      .prepare(sql)
      .pluck()
      .get(...params) as number;
    const rest = conditionsOf({ ...filter, from: undefined, to: undefined });
    if (filter.from && Number.isFinite(firstDay))
      total += this.calls.count([...rest, ...conditionsOf({ from: filter.from, to: isoSeconds(firstDay) })]);
    if (filter.to && Number.isFinite(endDay))
      total += this.calls.count([...rest, ...conditionsOf({ from: isoSeconds(endDay), to: filter.to })]);
    return total;
  }
}

/** A call filter as the store's conditions. */
function conditionsOf(filter: CallFilter): Condition[] {
  const where: Condition[] = [];
  if (filter.statuses) where.push({ fields: ['status'], match: 'in', value: filter.statuses });
  if (filter.targetNumber)
    where.push({ fields: ['targetNumber'], match: 'equals', value: filter.targetNumber });
  if (filter.direction) where.push({ fields: ['direction'], match: 'equals', value: filter.direction });
  if (filter.topicId) where.push({ fields: ['topicId'], match: 'equals', value: filter.topicId });
  if (filter.from) where.push({ fields: ['createdAt'], match: 'gte', value: filter.from });
  if (filter.to) where.push({ fields: ['createdAt'], match: 'lt', value: filter.to });
  return where;
}
