import { describe, expect, it } from 'vitest';
import type { Statistics } from '../../spec/models.ts';
import { derivedProblems } from './derived-figures.ts';

const DERIVED = {
  answerRate: 'totals.completed / (totals.calls - totals.live), rounded to 4 decimals; 0 when none ended',
  averageDurationSeconds: 'round(totalDurationSeconds / completed); 0 when completed = 0',
  totals: 'each counter is the sum over series',
};
const counts = (completed: number, total: number, live = 0, calls = completed + live) => ({
  calls,
  completed,
  busy: 0,
  noAnswer: 0,
  failed: 0,
  live,
  totalDurationSeconds: total,
  averageDurationSeconds: completed ? Math.round(total / completed) : 0,
});
const stats = (over: Partial<Statistics> = {}): Statistics =>
  ({
    granularity: 'day',
    from: '2026-11-01T00:00:00Z',
    to: '2026-11-03T00:00:00Z',
    totals: counts(3, 301, 1, 5),
    answerRate: 0.75,
    uniqueNumbers: 2,
    byOutcome: {},
    byTopic: [],
    series: [
      { period: '2026-11-01', start: '2026-11-01T00:00:00Z', ...counts(1, 100, 0, 2) },
      { period: '2026-11-02', start: '2026-11-02T00:00:00Z', ...counts(2, 201, 1, 3) },
    ],
    ...over,
  }) as Statistics;

describe('derivedProblems', () => {
  it.each([
    ['figures that agree', stats(), []],
    ['an answer rate counting live calls as unanswered', stats({ answerRate: 0.6 }), ['answerRate']],
    [
      'an answer rate rounded to 4 decimals',
      stats({ totals: counts(1, 10, 0, 3), answerRate: 0.3333 }),
      ['totals.calls', 'totals.completed', 'totals.live', 'totals.totalDurationSeconds'],
    ],
    [
      'no ended call: a rate of 0',
      stats({ totals: { ...counts(0, 0, 5, 5) }, answerRate: 0, series: [] }),
      ['totals.calls', 'totals.live'],
    ],
    [
      'an average over every call instead of the completed ones',
      stats({ totals: { ...counts(3, 301, 1, 5), averageDurationSeconds: 60 } }),
      ['totals averageDurationSeconds'],
    ],
    [
      'every point of the series with a wrong average: one problem, not one per point',
      stats({ series: stats().series.map((p) => ({ ...p, averageDurationSeconds: 1 })) }),
      ['series averageDurationSeconds'],
    ],
  ] as [string, Statistics, string[]][])('%s', (_, given, want) => {
    expect(derivedProblems(given, DERIVED).map(([figure]) => figure)).toEqual(want);
  });
});
