import type { Statement } from 'better-sqlite3';
import type { Condition, OrderKey } from '../../../mock/store/collection.ts';
import type { SqliteCollection } from '../../../mock/store/sqlite/sqlite-collection.ts';
import type { SqliteStore } from '../../../mock/store/sqlite/sqlite-store.ts';
import { DAY_MS, isoSeconds } from '../../../mock/time.ts';
import type { Call, CallStatus } from '../models.ts';
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
  private readonly statements: Record<'counts' | 'outcomes' | 'topics', Statement>;

  constructor(
    private readonly sqlite: SqliteStore,
    private readonly calls: SqliteCollection<Call>,
  ) {
    const fresh = createAggregates(sqlite.db, calls);
    const range = 'WHERE day >= ? AND day < ? AND calls != 0';
    this.statements = {
      counts: sqlite.db
        .prepare(
          `SELECT day, status, sum(calls), sum(duration) FROM call_day_counts ${range} GROUP BY day, status`,
        )
        .raw(),
      outcomes: sqlite.db.prepare(`SELECT day, outcome, calls FROM call_day_outcomes ${range}`).raw(),
      topics: sqlite.db.prepare(`SELECT day, topicId, calls FROM call_day_topics ${range}`).raw(),
    };
    if (fresh) rebuildAggregates(sqlite, calls);
    calls.onLoad(() => rebuildAggregates(sqlite, calls));
  }

  query(filter: CallFilter, sort: CallSort, offset: number, limit: number): { items: Call[]; total: number } {
    const where = conditionsOf(filter);
    const total = this.total(filter, where);
    return { items: this.calls.select({ where, order: ORDERS[sort], offset, limit }, total), total };
  }

  callsTo(targetNumber: string): readonly Call[] {
    return this.calls.select({ where: conditionsOf({ targetNumber }), order: ORDERS.createdAt });
  }

  withStatus(status: CallStatus): readonly Call[] {
    return this.calls.select({ where: conditionsOf({ statuses: [status] }), order: ORDERS.createdAt });
  }

  numbersCalledSince(fromMs: number): number {
    // Statistics ask from a midnight: a sum over the days of each number's latest call.
    if (fromMs % DAY_MS === 0)
      return this.sqlite.db
        .prepare('SELECT coalesce(sum(numbers), 0) FROM call_number_days WHERE day >= ?')
        .pluck()
        .get(fromMs) as number;
    return this.sqlite.db
      .prepare('SELECT count(*) FROM call_numbers WHERE latest >= ?')
      .pluck()
      .get(isoSeconds(fromMs)) as number;
  }

  days(fromMs: number, toMs: number): Map<number, DayBucket> {
    const days = new Map<number, DayBucket>();
    const bucket = (day: number) => {
      let b = days.get(day);
      if (!b) {
        b = emptyBucket();
        days.set(day, b);
      }
      return b;
    };
    // Rows as arrays (raw): a year is some ten thousand rows, and objects for them cost more than the query.
    for (const [day, status, calls, duration] of this.statements.counts.all(fromMs, toMs) as [
      number,
      CallStatus,
      number,
      number,
    ][]) {
      if (calls === 0) continue;
      const c = bucket(day).counts;
      c.calls += calls;
      c[STATUS_FIELD[status]] += calls;
      c.totalDurationSeconds += duration;
    }
    for (const [day, outcome, calls] of this.statements.outcomes.all(fromMs, toMs) as [
      number,
      keyof DayBucket['outcomes'],
      number,
    ][])
      bucket(day).outcomes[outcome] += calls;
    for (const [day, topicId, calls] of this.statements.topics.all(fromMs, toMs) as [
      number,
      string,
      number,
    ][])
      bucket(day).topics.set(topicId, calls);
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
