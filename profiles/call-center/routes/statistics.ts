import { DAY_MS, isoSeconds, startOfDayUtc, startOfMonthUtc } from '../../../mock/time.ts';
import type { CallCounts, Statistics, StatisticsPoint } from '../models.ts';
import type { CallCenterHandler } from '../state.ts';

type Outcome = keyof Statistics['byOutcome'];

function emptyCounts(): CallCounts {
  return {
    calls: 0,
    completed: 0,
    busy: 0,
    noAnswer: 0,
    failed: 0,
    live: 0,
    totalDurationSeconds: 0,
    averageDurationSeconds: 0,
  };
}

const COUNT_KEYS = [
  'calls',
  'completed',
  'busy',
  'noAnswer',
  'failed',
  'live',
  'totalDurationSeconds',
] as const;

function finish(counts: CallCounts): CallCounts {
  counts.averageDurationSeconds =
    counts.completed > 0 ? Math.round(counts.totalDurationSeconds / counts.completed) : 0;
  return counts;
}

/** The periods of a window ending now: `days` days or `months` calendar months, oldest first. */
export function periods(
  nowMs: number,
  window: { days: number } | { months: number },
): { start: number; end: number; label: string }[] {
  const result: { start: number; end: number; label: string }[] = [];
  if ('days' in window) {
    const today = startOfDayUtc(nowMs);
    for (let i = window.days - 1; i >= 0; i--) {
      const start = today - i * DAY_MS;
      result.push({ start, end: start + DAY_MS, label: new Date(start).toISOString().slice(0, 10) });
    }
  } else {
    for (let i = window.months - 1; i >= 0; i--) {
      const start = startOfMonthUtc(nowMs, -i);
      result.push({
        start,
        end: startOfMonthUtc(nowMs, -i + 1),
        label: new Date(start).toISOString().slice(0, 7),
      });
    }
  }
  return result;
}

/**
 * Figures of the calls created in the window, from aggregates the store keeps on every change of
 * the same calls the list reads: a call placed now counts today, and deleting a number's history
 * removes its calls from every figure.
 */
export const getStatistics: CallCenterHandler = ({ input, ctx }, cc) => {
  // Not both: the contract's x-constraints (atMostOne), checked before this runs.
  const { days, months } = input.query as { days?: number; months?: number };
  const window = months !== undefined ? { months } : { days: days ?? 7 };
  const slots = periods(ctx.now(), window);
  const from = slots[0]?.start ?? 0;
  const to = slots[slots.length - 1]?.end ?? 0;
  const buckets = cc.data.callIndex.days(from, to);
  const totals = emptyCounts();
  const byOutcome: Record<Outcome, number> = {
    resolved: 0,
    callback_requested: 0,
    transferred_to_operator: 0,
    not_interested: 0,
    wrong_number: 0,
  };
  const byTopic = new Map<string, number>();
  // Sum the per-day aggregates of each period: a year costs 366 bucket reads, not a call scan.
  const series = slots.map((slot) => {
    const counts = emptyCounts();
    for (let day = slot.start; day < slot.end; day += DAY_MS) {
      const bucket = buckets.get(day);
      if (!bucket) continue;
      for (const key of COUNT_KEYS) {
        counts[key] += bucket.counts[key];
        totals[key] += bucket.counts[key];
      }
      for (const key of Object.keys(byOutcome) as Outcome[]) byOutcome[key] += bucket.outcomes[key];
      for (const [topicId, n] of bucket.topics) byTopic.set(topicId, (byTopic.get(topicId) ?? 0) + n);
    }
    return counts;
  });
  const uniqueNumbers = cc.data.callIndex.numbersCalledSince(from);
  const ended = totals.calls - totals.live;
  const body: Statistics = {
    granularity: 'days' in window ? 'day' : 'month',
    from: isoSeconds(from),
    to: isoSeconds(to),
    totals: finish(totals),
    answerRate: ended > 0 ? Math.round((totals.completed / ended) * 10_000) / 10_000 : 0,
    uniqueNumbers,
    byOutcome,
    byTopic: [...byTopic.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([topicId, calls]) => ({ topicId, calls })),
    series: slots.map(
      (s, i) =>
        ({
          period: s.label,
          start: isoSeconds(s.start),
          ...finish(series[i] ?? emptyCounts()),
        }) satisfies StatisticsPoint,
    ),
  };
  return { status: 200, body };
};
