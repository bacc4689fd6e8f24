import { beforeAll, describe, expect, it } from 'vitest';
import { judgeContext, recorded } from '../../../../contracts/checks/judge-context.ts';
import { type Contract, loadContract } from '../../../../contracts/plan/load-contract.ts';
import type { Statistics } from '../../models.ts';
import type { ConsistencyRecord, HistoryReading, WindowReading } from '../drive-consistency.ts';
import { consistency } from './consistency.ts';

// The consistency judge over hand-made statistics, call counts and history deletions: no server,
// no calls. (The derived figures have their own table: derived-figures.test.ts.)

let contract: Contract;
beforeAll(async () => {
  contract = await loadContract();
});

const zero = {
  calls: 0,
  completed: 0,
  busy: 0,
  noAnswer: 0,
  failed: 0,
  live: 0,
  totalDurationSeconds: 0,
  averageDurationSeconds: 0,
};
const STATS = {
  granularity: 'day',
  from: '2026-11-01T00:00:00Z',
  to: '2026-12-01T00:00:00Z',
  totals: { ...zero, calls: 2, busy: 2 },
  series: [{ period: '2026-11-02', ...zero, calls: 2, busy: 2 }],
  answerRate: 0,
  uniqueNumbers: 1,
  byOutcome: {},
  byTopic: [],
} as unknown as Statistics;
const listed = (total: number) => ({ exchange: recorded('listCalls', 200, { items: [], total }), total });

function window(over: Partial<WindowReading> = {}, stats: Statistics = STATS): WindowReading {
  return {
    query: { days: 30 },
    settled: true,
    statistics: { exchange: recorded('getStatistics', 200, stats), body: stats },
    counts: [
      { field: 'calls', figure: 2, listed: listed(2) },
      { field: 'busy', figure: 2, listed: listed(2) },
    ],
    ...over,
  };
}
function history(deletedCount: number, left = 0, othersLeft = 5): HistoryReading {
  return {
    testNumber: '+998900000002',
    mine: listed(3),
    everyone: listed(8),
    deleted: recorded(
      'deleteCallHistory',
      200,
      { targetNumber: '+998900000002', deletedCount },
      { method: 'DELETE' },
    ),
    left,
    othersLeft,
  };
}

describe('consistency judges recorded statistics and history deletions', () => {
  it.each([
    ['statistics that agree with the lists', { windows: [window()] }, [], []],
    [
      'a counter the list disagrees with',
      { windows: [window({ counts: [{ field: 'calls', figure: 2, listed: listed(3) }] })] },
      ['Statistics totals.calls disagrees with the call list'],
      [],
    ],
    [
      'a derived figure that does not add up',
      { windows: [window({}, { ...STATS, totals: { ...STATS.totals, calls: 3 } } as Statistics)] },
      ['Statistics totals.calls disagrees with the figures it is computed from'],
      [],
    ],
    [
      'statistics that kept changing: noted, not judged',
      { windows: [window({ settled: false, counts: [] })] },
      [],
      [/kept changing while counted/],
    ],
    ['a history deletion that matches', { windows: [], history: history(3) }, [], []],
    [
      'a deletedCount that is not the calls removed',
      { windows: [], history: history(2) },
      ['History deletion does not match the calls removed'],
      [],
    ],
    [
      'calls of the number left',
      { windows: [], history: history(3, 1) },
      ['History deletion does not match the calls removed'],
      [],
    ],
    [
      "other numbers' calls deleted too",
      { windows: [], history: history(3, 0, 2) },
      ['History deletion does not match the calls removed'],
      [],
    ],
  ] as [string, ConsistencyRecord, string[], RegExp[]][])('%s', (_, record, want, wantNotes) => {
    const { ctx, failures, notes } = judgeContext(contract);
    consistency.judge?.(ctx, record);
    expect(failures.map((f) => f.title)).toEqual(want);
    expect(notes).toHaveLength(wantNotes.length);
    for (const [i, note] of wantNotes.entries()) expect(notes[i]).toMatch(note);
  });
});
