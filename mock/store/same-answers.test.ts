import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sqliteUnavailable } from '../../tests/support/sqlite-available.ts';
import type { Collection, Condition, OrderKey, StoredRecord } from './collection.ts';
import { MemoryCollection } from './memory-collection.ts';
import { SqliteStore } from './sqlite/sqlite-store.ts';

/**
 * The two backends answer every query alike: the same page, in the same order, with the same
 * total, after the same history of changes. The memory backend is the reference (it is what the
 * list pages answered before the SQLite store existed).
 */
const TAGS = ['alpha', 'Beta', 'gamma', 'ōzbek', ''];
const recordArb = fc.record({
  name: fc.constantFrom('Olma', 'olma pishiq', 'Ōrik', 'ANOR', 'shaftoli', 'Zarafshon', 'ʻOʻrik', ''),
  n: fc.integer({ min: -5, max: 20 }),
  tag: fc.constantFrom(...TAGS),
  flag: fc.boolean(),
  list: fc.uniqueArray(fc.constantFrom(...TAGS), { maxLength: 3 }),
});
const conditionArb: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({
    fields: fc.constant(['tag']),
    match: fc.constant('equals' as const),
    value: fc.constantFrom(...TAGS),
  }),
  fc.record({
    fields: fc.constant(['list']),
    match: fc.constant('equals' as const),
    value: fc.constantFrom(...TAGS),
  }),
  fc.record({ fields: fc.constant(['flag']), match: fc.constant('equals' as const), value: fc.boolean() }),
  fc.record({
    fields: fc.constant(['tag']),
    match: fc.constant('in' as const),
    value: fc.uniqueArray(fc.constantFrom(...TAGS), { minLength: 1, maxLength: 3 }),
  }),
  fc.record({
    fields: fc.constant(['n']),
    match: fc.constantFrom('gte' as const, 'gt' as const, 'lte' as const, 'lt' as const),
    value: fc.integer({ min: -5, max: 20 }),
  }),
  fc.record({
    fields: fc.constantFrom(['name'], ['name', 'tag']),
    match: fc.constant('contains' as const),
    value: fc.constantFrom('o', 'OLMA', 'rik', 'ō', 'zz'),
  }),
);
const orderArb: fc.Arbitrary<OrderKey[]> = fc.constantFrom(
  [],
  [{ field: 'n' }],
  [{ field: 'n', desc: true }],
  [{ field: 'tag' }, { field: 'n', desc: true }],
  [{ field: 'name', locale: 'uz' }],
  [{ field: 'name', desc: true, locale: 'uz' }],
);
const changeArb = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), record: recordArb }),
  fc.record({ kind: fc.constant('replace' as const), i: fc.nat(), record: recordArb }),
  fc.record({ kind: fc.constant('remove' as const), i: fc.nat() }),
);

function sqliteCollection(): Collection {
  const store = SqliteStore.open(':memory:', (path) => new Database(path));
  return store.collection('things', 'id', { indexed: ['n', 'tag'], orderField: 'n' });
}

describe.skipIf(sqliteUnavailable)('the SQLite store answers what the memory store answers', () => {
  it('for any records, changes, filters, order and page', () => {
    fc.assert(
      fc.property(
        fc.array(recordArb, { maxLength: 30 }),
        fc.array(changeArb, { maxLength: 10 }),
        fc.array(conditionArb, { maxLength: 3 }),
        orderArb,
        fc.integer({ min: 0, max: 10 }),
        fc.option(fc.integer({ min: 1, max: 15 }), { nil: undefined }),
        (seeded, changes, where, order, offset, limit) => {
          const both = [new MemoryCollection(), sqliteCollection()];
          const records = seeded.map((r, i) => ({ id: `id-${String(i).padStart(3, '0')}`, ...r }));
          for (const c of both) c.load(records.map((r) => ({ ...r })));
          let next = records.length;
          for (const change of changes) {
            const ids = [...(both[0] as Collection).all()].map((r) => r.id as string);
            const id = ids[('i' in change ? change.i : 0) % Math.max(1, ids.length)];
            for (const c of both) {
              if (change.kind === 'insert') c.insert({ id: `id-${next}`, ...change.record });
              if (change.kind === 'replace' && id) c.replace({ id, ...change.record });
              if (change.kind === 'remove' && id) c.remove(id);
            }
            if (change.kind === 'insert') next++;
          }
          const [memory, sqlite] = both.map((c) =>
            c.find({ where, order, offset, ...(limit ? { limit } : {}) }),
          ) as [{ items: StoredRecord[]; total: number }, { items: StoredRecord[]; total: number }];
          expect(sqlite.items).toEqual(memory.items);
          expect(sqlite.total).toBe(memory.total);
          expect((both[1] as Collection).count(where)).toBe(memory.total);
          expect((both[1] as Collection).size).toBe((both[0] as Collection).size);
          expect([...(both[1] as Collection).all()]).toEqual([...(both[0] as Collection).all()]);
        },
      ),
      { seed: 20261129, numRuns: 300 },
    );
  });

  it('refuses a second record with the same id, as the memory store does', () => {
    for (const c of [new MemoryCollection(), sqliteCollection()]) {
      c.insert({ id: 'a' });
      expect(() => c.insert({ id: 'a' })).toThrow('duplicate id a');
      expect(c.size).toBe(1);
    }
  });
});
