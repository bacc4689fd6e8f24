import { describe, expect, it } from 'vitest';
import { type Constraint, constraintErrors, type RequestValues, readConstraints } from './constraints.ts';
import type { SpecOperation } from './operations.ts';

const values = (query: Record<string, unknown>, body?: unknown): RequestValues => ({ path: {}, query, body });
const before: Constraint = { rule: 'before', fields: ['query.from', 'query.to'] };
const atMostOne: Constraint = { rule: 'atMostOne', fields: ['query.days', 'query.months'] };
const exists: Constraint = { rule: 'exists', field: 'body.topicId', collection: 'topics' };
const known = (_: string, id: string) => id === 'known';

describe('x-constraints', () => {
  it.each<[string, { given: [Constraint, RequestValues]; want: string[] }]>([
    [
      'from before to',
      { given: [before, values({ from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' })], want: [] },
    ],
    [
      'to before from',
      {
        given: [before, values({ from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' })],
        want: ['query to before'],
      },
    ],
    [
      'to equal to from',
      {
        given: [before, values({ from: '2026-01-01T00:00:00Z', to: '2026-01-01T00:00:00.000Z' })],
        want: ['query to before'],
      },
    ],
    ['only from', { given: [before, values({ from: '2026-01-02T00:00:00Z' })], want: [] }],
    [
      'numbers in order',
      {
        given: [{ rule: 'before', fields: ['query.min', 'query.max'] }, values({ min: 2, max: 10 })],
        want: [],
      },
    ],
    ['days alone', { given: [atMostOne, values({ days: 7 })], want: [] }],
    [
      'days and months',
      {
        given: [atMostOne, values({ days: 7, months: 1 })],
        want: ['query days atMostOne', 'query months atMostOne'],
      },
    ],
    ['a known reference', { given: [exists, values({}, { topicId: 'known' })], want: [] }],
    [
      'an unknown reference',
      { given: [exists, values({}, { topicId: 'other' })], want: ['body /topicId not_found'] },
    ],
    ['a null reference', { given: [exists, values({}, { topicId: null })], want: [] }],
  ])('%s', (_, { given: [constraint, request], want }) => {
    const errors = constraintErrors([constraint], request, known);
    expect(errors.map((e) => `${e.in} ${e.field} ${e.code}`)).toEqual(want);
  });

  it('refuses a declaration it does not understand, naming the operation', () => {
    const op = (declared: unknown) =>
      ({ operationId: 'listThings', operation: { 'x-constraints': declared } }) as unknown as SpecOperation;
    expect(readConstraints(op([before]))).toEqual([before]);
    expect(() => readConstraints(op([{ rule: 'before', fields: ['query.from'] }]))).toThrow(/listThings/);
    expect(() => readConstraints(op([{ rule: 'after', fields: ['query.a', 'query.b'] }]))).toThrow(
      /listThings/,
    );
    expect(() => readConstraints(op([{ rule: 'atMostOne', fields: ['header.a'] }]))).toThrow(/listThings/);
  });
});
