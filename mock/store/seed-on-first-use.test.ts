import { describe, expect, it } from 'vitest';
import type { StoredRecord } from './collection.ts';
import { MemoryCollection } from './memory-collection.ts';
import { SeedOnFirstUse } from './seed-on-first-use.ts';

describe('SeedOnFirstUse', () => {
  const seeded = () => {
    const made: string[] = [];
    const collection = new SeedOnFirstUse<StoredRecord>(new MemoryCollection<StoredRecord>('id'));
    collection.later(() => {
      made.push('seed');
      return [{ id: 'a' }, { id: 'b' }];
    });
    return { collection, made };
  };

  it.each([
    ['get', (c: SeedOnFirstUse) => c.get('a')],
    ['size', (c: SeedOnFirstUse) => c.size],
    ['all', (c: SeedOnFirstUse) => [...c.all()]],
    ['find', (c: SeedOnFirstUse) => c.find({})],
    ['insert', (c: SeedOnFirstUse) => c.insert({ id: `c${c.size}` })],
  ])('makes the seed once, on the first %s', (_, use) => {
    const { collection, made } = seeded();
    expect(made).toEqual([]);
    use(collection);
    use(collection);
    expect(made).toEqual(['seed']);
    expect(collection.get('b')).toEqual({ id: 'b' });
  });

  it('registers listeners without seeding, and a load replaces the pending seed', () => {
    const { collection, made } = seeded();
    let loads = 0;
    collection.onLoad(() => loads++);
    collection.onChange(() => {});
    expect(made).toEqual([]);
    collection.load([{ id: 'z' }]);
    expect([...collection.all()]).toEqual([{ id: 'z' }]);
    expect(made).toEqual([]);
    expect(loads).toBe(1);
  });
});
