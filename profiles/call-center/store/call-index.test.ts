import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../../mock/store/sqlite/sqlite-store.ts';
import { Store } from '../../../mock/store/store.ts';
import { DAY_MS, startOfDayUtc } from '../../../mock/time.ts';
import { sqliteUnavailable } from '../../../tests/support/sqlite-available.ts';
import type { Call, CallStatus } from '../models.ts';
import { seed } from '../seed/seed.ts';
import { CallCenterData } from './call-center-data.ts';
import { CallIndex } from './call-index.ts';
import type { CallFilter, CallSort } from './call-queries.ts';

/** The calls as the contract has the SQLite store index them (engine/stored-fields.ts). */
const CALL_PLAN = {
  indexed: ['status', 'targetNumber', 'topicId', 'direction', 'createdAt', 'durationSeconds'],
  orderField: 'createdAt',
};

/** The call data over each store: one suite runs against both (hono's shared-suite style). */
const BACKENDS: [string, () => CallCenterData, number][] = [
  ['in memory', () => new CallCenterData(new Store()), 400],
  [
    'in SQLite',
    () => {
      const store = new Store(SqliteStore.open(':memory:', (path) => new Database(path)));
      store.define('calls', 'id', CALL_PLAN);
      return new CallCenterData(store);
    },
    60,
  ],
];

const STATUSES: CallStatus[] = [
  'queued',
  'ringing',
  'in_progress',
  'completed',
  'busy',
  'no_answer',
  'failed',
];
const SORTS: CallSort[] = [
  'createdAt',
  '-createdAt',
  'durationSeconds',
  '-durationSeconds',
  'targetNumber',
  '-targetNumber',
];

/** The obvious implementation the index must agree with: filter everything, sort everything. */
function naive(calls: Call[], f: CallFilter, sort: CallSort): Call[] {
  const key = sort.replace('-', '') as 'createdAt' | 'durationSeconds' | 'targetNumber';
  const sign = sort.startsWith('-') ? -1 : 1;
  return calls
    .filter(
      (c) =>
        (!f.statuses || f.statuses.includes(c.status)) &&
        (!f.targetNumber || c.targetNumber === f.targetNumber),
    )
    .filter((c) => (!f.direction || c.direction === f.direction) && (!f.topicId || c.topicId === f.topicId))
    .filter((c) => (!f.from || c.createdAt >= f.from) && (!f.to || c.createdAt < f.to))
    .sort((a, b) => {
      if (a[key] !== b[key]) return (a[key] < b[key] ? -1 : 1) * sign;
      if (key !== 'createdAt' && a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
      if (key === 'createdAt') return (a.id < b.id ? -1 : 1) * sign;
      return a.id < b.id ? -1 : 1;
    });
}

const seeded600 = await seed({ seed: 3, calls: 600, endMs: Date.UTC(2026, 10, 1) });

// SQLite's half is skipped, saying why, where its addon cannot load (tests/support/sqlite-available.ts).
for (const [name, makeData, runs] of BACKENDS)
  describe.skipIf(name === 'in SQLite' && sqliteUnavailable)(
    `the call queries ${name} answer what a full scan would`,
    () => {
      const { snapshot } = seeded600;
      const numbers = [...new Set(snapshot.calls.map((c) => c.targetNumber))];
      const topics = snapshot.topics.map((t) => t.id);
      const iso = (day: number) =>
        `${new Date(Date.UTC(2026, 4, 1) + day * DAY_MS).toISOString().slice(0, 19)}Z`;
      // Each filter is present about a third of the time, so that pages are usually full.
      const maybe = <T>(arb: fc.Arbitrary<T>) =>
        fc.oneof({ arbitrary: fc.constant(undefined), weight: 2 }, { arbitrary: arb, weight: 1 });
      const filterArb = fc
        .record({
          statuses: maybe(fc.uniqueArray(fc.constantFrom(...STATUSES), { minLength: 1, maxLength: 4 })),
          targetNumber: maybe(fc.constantFrom(...numbers.slice(0, 20))),
          direction: maybe(fc.constantFrom<Call['direction']>('outbound', 'inbound')),
          topicId: maybe(fc.constantFrom(...topics)),
          window: maybe(fc.tuple(fc.integer({ min: 0, max: 190 }), fc.integer({ min: 1, max: 120 }))),
          open: fc.constantFrom('both', 'from', 'to'),
        })
        .map(({ window, open, ...rest }) => {
          const filter: CallFilter = Object.fromEntries(
            Object.entries(rest).filter(([, v]) => v !== undefined),
          );
          if (window && open !== 'to') filter.from = iso(window[0]);
          if (window && open !== 'from') filter.to = iso(window[0] + window[1]);
          return filter;
        });
      // A change: a status step, an end with a new duration, a deletion of a number's calls, or a new call.
      const changeArb = fc.oneof(
        fc.record({
          kind: fc.constant('status' as const),
          i: fc.nat(),
          status: fc.constantFrom(...STATUSES),
        }),
        fc.record({ kind: fc.constant('delete' as const), i: fc.nat() }),
        fc.record({
          kind: fc.constant('duration' as const),
          i: fc.nat(),
          seconds: fc.integer({ min: 0, max: 900 }),
        }),
        fc.record({
          kind: fc.constant('insert' as const),
          i: fc.nat(),
          day: fc.integer({ min: 0, max: 200 }),
        }),
      );

      it('for any filters, sort, page and history of changes', () => {
        fc.assert(
          fc.property(
            fc.array(changeArb, { maxLength: 15 }),
            filterArb,
            fc.constantFrom(...SORTS),
            fc.integer({ min: 0, max: 40 }),
            fc.integer({ min: 1, max: 50 }),
            (changes, filter, sort, offset, limit) => {
              const store = makeData();
              store.store.load(structuredClone(snapshot));
              let n = 0;
              for (const change of changes) {
                const calls = [...store.calls.all()];
                const call = calls[change.i % Math.max(1, calls.length)];
                if (!call) continue;
                if (change.kind === 'status') store.calls.replace({ ...call, status: change.status });
                if (change.kind === 'duration')
                  store.calls.replace({ ...call, durationSeconds: change.seconds, status: 'completed' });
                if (change.kind === 'delete')
                  for (const c of calls.filter((x) => x.targetNumber === call.targetNumber))
                    store.calls.remove(c.id);
                if (change.kind === 'insert') {
                  const createdAt = `${new Date(Date.UTC(2026, 4, 1) + change.day * DAY_MS).toISOString().slice(0, 19)}Z`;
                  store.calls.insert({
                    ...call,
                    id: `00000000-0000-4000-8000-${String(n++).padStart(12, '0')}`,
                    createdAt,
                  });
                }
              }
              const all = [...store.calls.all()];
              const expected = naive(all, filter, sort);
              const got = store.callIndex.query(filter, sort, offset, limit);
              expect(got.total).toBe(expected.length);
              expect(got.items.map((c) => c.id)).toEqual(
                expected.slice(offset, offset + limit).map((c) => c.id),
              );
              // Aggregates agree with a count of the same calls.
              const day = startOfDayUtc(Date.parse((all[0] as Call).createdAt));
              const onDay = all.filter((c) => startOfDayUtc(Date.parse(c.createdAt)) === day);
              expect(store.callIndex.days(day, day + DAY_MS).get(day)?.counts.calls).toBe(onDay.length);
              const year = [Date.UTC(2025, 10, 1), Date.UTC(2026, 11, 1)] as const;
              expect(store.callIndex.days(...year)).toEqual(indexOf(all).days(...year));
              const since = Date.UTC(2026, 8, 1);
              expect(store.callIndex.numbersCalledSince(since)).toBe(
                new Set(all.filter((c) => Date.parse(c.createdAt) >= since).map((c) => c.targetNumber)).size,
              );
            },
          ),
          { seed: 20261126, numRuns: runs },
        );
      });
    },
  );

/** A fresh in-memory index of `calls`: the reference the other store's aggregates must equal. */
function indexOf(calls: Call[]): CallIndex {
  const index = new CallIndex();
  index.rebuild(calls);
  return index;
}

describe('the number index, built between requests after a load', () => {
  it('answers as a full scan would when a change or a read comes halfway through the build', async () => {
    const { snapshot } = await seed({ seed: 5, calls: 300, endMs: Date.UTC(2026, 10, 1) });
    const slice = CallIndex.numberSlice;
    CallIndex.numberSlice = 7;
    try {
      const store = new CallCenterData(new Store());
      store.store.load(structuredClone(snapshot));
      for (let i = 0; i < 5; i++) await new Promise((done) => setImmediate(done));
      const [first, second] = snapshot.calls as [Call, Call];
      store.calls.insert({
        ...first,
        id: '00000000-0000-4000-8000-000000000001',
        createdAt: second.createdAt,
      });
      const all = [...store.calls.all()];
      for (const sort of ['targetNumber', '-targetNumber'] as CallSort[]) {
        const got = store.callIndex.query({ targetNumber: first.targetNumber }, sort, 0, 50);
        expect(got.items.map((c) => c.id)).toEqual(
          naive(all, { targetNumber: first.targetNumber }, sort).map((c) => c.id),
        );
        const page = store.callIndex.query({}, sort, 0, 40);
        expect(page.items.map((c) => c.id)).toEqual(
          naive(all, {}, sort)
            .slice(0, 40)
            .map((c) => c.id),
        );
      }
      for (const number of new Set(all.map((c) => c.targetNumber)))
        expect(store.callIndex.callsTo(number).map((c) => c.id)).toEqual(
          naive(all, { targetNumber: number }, 'createdAt').map((c) => c.id),
        );
      const since = Date.UTC(2026, 8, 1);
      expect(store.callIndex.numbersCalledSince(since)).toBe(
        new Set(all.filter((c) => Date.parse(c.createdAt) >= since).map((c) => c.targetNumber)).size,
      );
    } finally {
      CallIndex.numberSlice = slice;
    }
  });
});
