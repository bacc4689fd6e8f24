import { describe, expect, it } from 'vitest';
import type { Statistics } from '../../models.ts';
import { derivedProblems } from './derived-figures.ts';

const DERIVED = {
  answerRate: 'totals.completed / (totals.calls - totals.live), rounded to 4 decimals; 0 when none ended',
  averageDurationSeconds: 'round(totalDurationSeconds / completed); 0 when completed = 0',
  totals: 'each counter is the sum over series',
  byOutcome: 'the counts add up to totals.completed',
  byTopic: 'most calls first, adding up to at most totals.calls',
  uniqueNumbers: 'at most totals.calls, at least 1 when there are calls',
};
/** `resolved` completed calls, no other outcome. */
const outcomes = (resolved: number) => ({
  resolved,
  callback_requested: 0,
  transferred_to_operator: 0,
  not_interested: 0,
  wrong_number: 0,
});
const TOPIC = '5b8f2c1e-3d4a-4f6b-9c7d-1e2f3a4b5c6d';
const OTHER = '6c9f3d2e-4e5b-4a7c-8d8e-2f3a4b5c6d7e';
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
    byOutcome: {
      resolved: 2,
      callback_requested: 1,
      transferred_to_operator: 0,
      not_interested: 0,
      wrong_number: 0,
    },
    byTopic: [
      { topicId: TOPIC, calls: 3 },
      { topicId: OTHER, calls: 1 },
    ],
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
      stats({ totals: counts(1, 10, 0, 3), answerRate: 0.3333, byOutcome: outcomes(1), byTopic: [] }),
      ['totals.calls', 'totals.completed', 'totals.live', 'totals.totalDurationSeconds'],
    ],
    [
      'no ended call: a rate of 0',
      stats({ totals: { ...counts(0, 0, 5, 5) }, answerRate: 0, series: [], byOutcome: outcomes(0) }),
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
    [
      'outcomes counted over every call, not the completed ones',
      stats({ byOutcome: { ...stats().byOutcome, not_interested: 2 } }),
      ['byOutcome'],
    ],
    [
      'topics counting more calls than there are',
      stats({
        byTopic: [
          { topicId: TOPIC, calls: 5 },
          { topicId: OTHER, calls: 1 },
        ],
      }),
      ['byTopic'],
    ],
    [
      'topics least first',
      stats({
        byTopic: [
          { topicId: OTHER, calls: 1 },
          { topicId: TOPIC, calls: 3 },
        ],
      }),
      ['byTopic order'],
    ],
    ['more numbers than calls', stats({ uniqueNumbers: 6 }), ['uniqueNumbers']],
    ['no number for calls that were made', stats({ uniqueNumbers: 0 }), ['uniqueNumbers']],
  ] as [string, Statistics, string[]][])('%s', (_, given, want) => {
    expect(derivedProblems(given, DERIVED).map(([figure]) => figure)).toEqual(want);
  });
});
