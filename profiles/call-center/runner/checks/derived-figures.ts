import type { Statistics } from '../../models.ts';

/** The derivations an operation's `x-derived` states, by the figure they compute. */
export type Derivations = Record<string, string>;

const COUNTERS = [
  'calls',
  'completed',
  'busy',
  'noAnswer',
  'failed',
  'live',
  'totalDurationSeconds',
] as const;

/**
 * Recomputes the statistics' derived figures from the counts they summarise, for each derivation
 * the contract states (getStatistics' `x-derived`), and answers every disagreement as
 * `[figure, expected, actual]`. Pure: the consistency check fetches, this judges.
 */
export function derivedProblems(stats: Statistics, derived: Derivations): [string, string, string][] {
  const problems: [string, string, string][] = [];
  const { totals, series } = stats;
  if (derived.answerRate) {
    const decimals = Number(/rounded to (\d+) decimals/.exec(derived.answerRate)?.[1] ?? 15);
    const ended = totals.calls - totals.live;
    const exact = ended === 0 ? 0 : totals.completed / ended;
    const rounded = Number(exact.toFixed(decimals));
    if (Math.abs(stats.answerRate - rounded) > 10 ** -(decimals + 1))
      problems.push([
        'answerRate',
        `${rounded} (${totals.completed} completed of ${ended} ended)`,
        String(stats.answerRate),
      ]);
  }
  if (derived.averageDurationSeconds) {
    const average = (c: typeof totals) =>
      c.completed === 0 ? 0 : Math.round(c.totalDurationSeconds / c.completed);
    const explain = (c: typeof totals) =>
      `${average(c)} (${c.totalDurationSeconds} s over ${c.completed} completed)`;
    if (totals.averageDurationSeconds !== average(totals))
      problems.push([
        'totals averageDurationSeconds',
        explain(totals),
        String(totals.averageDurationSeconds),
      ]);
    // One problem for the series, however many points share it, naming the first.
    const wrong = series.filter((p) => p.averageDurationSeconds !== average(p));
    const first = wrong[0];
    if (first)
      problems.push([
        'series averageDurationSeconds',
        `${explain(first)} at ${first.period}${wrong.length > 1 ? ` (and ${wrong.length - 1} more of ${series.length} points)` : ''}`,
        String(first.averageDurationSeconds),
      ]);
  }
  if (derived.byOutcome) {
    const outcomes = Object.entries(stats.byOutcome ?? {});
    const summed = outcomes.reduce((sum, [, count]) => sum + count, 0);
    if (summed !== totals.completed)
      problems.push([
        'byOutcome',
        `counts adding up to totals.completed = ${totals.completed}`,
        `${outcomes.map(([name, count]) => `${name} ${count}`).join(', ')} (${summed} in all)`,
      ]);
  }
  if (derived.byTopic) {
    const counts = (stats.byTopic ?? []).map((t) => t.calls);
    const summed = counts.reduce((sum, count) => sum + count, 0);
    const unsorted = counts.findIndex((count, i) => i > 0 && count > (counts[i - 1] as number));
    if (summed > totals.calls)
      problems.push(['byTopic', `at most totals.calls = ${totals.calls} calls in all`, `${summed} in all`]);
    if (unsorted > 0)
      problems.push([
        'byTopic order',
        'most calls first',
        `${counts[unsorted - 1]} then ${counts[unsorted]} at positions ${unsorted} and ${unsorted + 1}`,
      ]);
  }
  if (derived.uniqueNumbers) {
    const least = totals.calls > 0 ? 1 : 0;
    if (stats.uniqueNumbers > totals.calls || stats.uniqueNumbers < least)
      problems.push([
        'uniqueNumbers',
        `from ${least} to totals.calls = ${totals.calls}`,
        String(stats.uniqueNumbers),
      ]);
  }
  if (derived.totals)
    for (const counter of COUNTERS) {
      const summed = series.reduce((sum, point) => sum + point[counter], 0);
      if (summed !== totals[counter])
        problems.push([`totals.${counter}`, `${summed} (the sum over series)`, String(totals[counter])]);
    }
  return problems;
}
