import { describe, expect, it } from 'vitest';
import type { Constraint } from '../../mock/openapi/constraints.ts';
import { constraintErrors } from '../../mock/openapi/constraints.ts';
import { breakingQueries, keepConstraints } from './constraint-values.ts';

const before: Constraint = { rule: 'before', fields: ['query.from', 'query.to'] };
const atMostOne: Constraint = { rule: 'atMostOne', fields: ['query.days', 'query.months'] };
const errorsOf = (query: Record<string, unknown>) =>
  constraintErrors([before, atMostOne], { path: {}, query, body: undefined });

describe('generated queries and x-constraints', () => {
  it.each<[string, { given: Record<string, unknown>; want: Record<string, unknown> }]>([
    [
      'in order',
      {
        given: { from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' },
        want: { from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' },
      },
    ],
    [
      'reversed',
      {
        given: { from: '2027-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' },
        want: { from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' },
      },
    ],
    [
      'equal',
      {
        given: { from: '2026-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' },
        want: { from: '2026-01-01T00:00:00Z' },
      },
    ],
    ['both windows', { given: { days: 3, months: 2, page: 1 }, want: { days: 3, page: 1 } }],
  ])('keeps them: %s', (_, { given, want }) => {
    const kept = keepConstraints([before, atMostOne], given);
    expect(kept).toEqual(want);
    expect(errorsOf(kept)).toEqual([]);
  });

  it('breaks each rule once, naming the field the refusal must name', () => {
    const valid: Record<string, unknown[]> = {
      from: ['2026-05-01T00:00:00Z'],
      to: ['2026-03-01T00:00:00Z', '2026-09-01T00:00:00Z'],
      days: [7],
      months: [2],
    };
    const broken = breakingQueries([before, atMostOne], (name) => valid[name] ?? []);
    expect(broken.map((b) => b.field)).toEqual(['to', 'months']);
    for (const b of broken) expect(errorsOf(b.query).map((e) => e.field)).toContain(b.field);
  });
});
