import { describe, expect, it } from 'vitest';
import { seed } from '../../profiles/call-center/seed/seed.ts';
import { loadSpec } from '../openapi/load-spec.ts';
import { listOperations, responseSchema } from '../openapi/operations.ts';
import { SchemaValidator } from '../openapi/schema-validator.ts';
import { RecordMemo } from './record-memo.ts';

const spec = await loadSpec(undefined, { validate: false });
const op = (id: string) => listOperations(spec.document).find((o) => o.operationId === id);
const schemaOf = (id: string) =>
  responseSchema(op(id) as NonNullable<ReturnType<typeof op>>, '200') as object;
const seeded = await seed({ seed: 7, calls: 30, endMs: Date.parse('2026-11-01T00:00:00Z') });
const qas = (seeded.snapshot.qas ?? []).slice(0, 5);
const page = (items: unknown[]) => ({ items, total: items.length, page: 1, pageSize: 20, totalPages: 1 });

describe('RecordMemo: each stored record stringified and checked once', () => {
  it('writes exactly the bytes JSON.stringify writes, for pages, empty pages and other bodies', () => {
    const memo = new RecordMemo(new SchemaValidator({ formats: 'fast' }));
    const bodies = [
      page(qas),
      page([]),
      page(qas),
      qas[0],
      { token: 'x', items: 3 },
      [1, 2],
      null,
      { items: [] },
    ];
    for (const body of bodies) expect(memo.json(body).toString()).toBe(JSON.stringify(body));
  });

  it('accepts a valid page of the contract, twice (the second time from memory)', () => {
    const memo = new RecordMemo(new SchemaValidator({ formats: 'fast' }));
    expect(memo.check(schemaOf('listQas'), page(qas))).toEqual([]);
    expect(memo.check(schemaOf('listQas'), page(qas))).toEqual([]);
  });

  it('finds a broken record of a page, pointing into the page, every time it is sent', () => {
    const memo = new RecordMemo(new SchemaValidator({ formats: 'fast' }));
    const broken = { ...qas[1], enabled: 'yes' };
    for (let i = 0; i < 2; i++) {
      const errors = memo.check(schemaOf('listQas'), page([qas[0], broken]));
      expect(errors.map((e) => e.pointer)).toEqual(['/items/1/enabled']);
    }
  });

  it('still checks the envelope of a page whose records are remembered', () => {
    const memo = new RecordMemo(new SchemaValidator({ formats: 'fast' }));
    expect(memo.check(schemaOf('listQas'), page(qas))).toEqual([]);
    const errors = memo.check(schemaOf('listQas'), { ...page(qas), total: -1 });
    expect(errors.map((e) => e.pointer)).toEqual(['/total']);
  });

  it('checks a body that is not a page whole', () => {
    const memo = new RecordMemo(new SchemaValidator({ formats: 'fast' }));
    expect(memo.check(schemaOf('getQa'), qas[0])).toEqual([]);
    expect(memo.check(schemaOf('getQa'), { ...qas[0], id: 'not-a-uuid' }).map((e) => e.pointer)).toEqual([
      '/id',
    ]);
  });

  it('makes the bytes of a frozen page once, and still finds a broken frozen page every time', () => {
    const memo = new RecordMemo(new SchemaValidator({ formats: 'fast' }));
    const kept = Object.freeze(page(qas));
    expect(memo.json(kept)).toBe(memo.json(kept));
    expect(memo.json(kept).toString()).toBe(JSON.stringify(kept));
    expect(memo.check(schemaOf('listQas'), kept)).toEqual([]);
    expect(memo.check(schemaOf('listQas'), kept)).toEqual([]);
    const broken = Object.freeze({ ...page(qas), total: -1 });
    for (let i = 0; i < 2; i++)
      expect(memo.check(schemaOf('listQas'), broken).map((e) => e.pointer)).toEqual(['/total']);
  });
});
