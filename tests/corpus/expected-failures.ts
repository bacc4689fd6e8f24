import { readFileSync } from 'node:fs';
import { type DescriptionReport, EXPECTED_FAILURES } from './corpus-entries.ts';

/**
 * What fails on one description, by aspect, in terms that do not move between runs: the
 * operations (`GET /path`), collections and runner checks, not the messages.
 */
export interface Failures {
  /** The description does not start (or its check was stopped: time or memory). */
  start?: string;
  serverErrors?: string[];
  invalid?: string[];
  roundTrips?: string[];
  /** The collections whose records the harness created and could not remove. */
  leftBehind?: string[];
  runner?: string[];
}

/** tests/corpus/expected-failures.json: the failures known today, by description id. */
export function readExpectedFailures(): Record<string, Failures> {
  return JSON.parse(readFileSync(EXPECTED_FAILURES, 'utf8')) as Record<string, Failures>;
}

/** A report's failures in the expected file's terms; empty aspects are left out. */
export function failuresOf(report: DescriptionReport): Failures {
  const failures: Failures = {};
  if (!report.started || report.aborted) {
    failures.start = report.started ? 'stopped after it started' : 'does not start';
    return failures;
  }
  const sorted = (keys: string[]) => [...keys].sort();
  if (Object.keys(report.serverErrors).length > 0)
    failures.serverErrors = sorted(Object.keys(report.serverErrors));
  if (Object.keys(report.invalid).length > 0) failures.invalid = sorted(Object.keys(report.invalid));
  if (Object.keys(report.roundTrips.failed).length > 0)
    failures.roundTrips = sorted(Object.keys(report.roundTrips.failed));
  const left = (report.leftBehind ?? []).map((line) => line.split(' ')[0] as string);
  if (left.length > 0) failures.leftBehind = sorted([...new Set(left)]);
  if (report.runner && !report.runner.ok)
    failures.runner = sorted(report.runner.failedChecks.map(stableCheck));
  return failures;
}

/**
 * A runner outcome in words that do not change between runs: a fatal end names no port, and a run
 * stopped by its bound is `did not finish` whatever it had reached (that depends on the machine).
 */
function stableCheck(check: string): string {
  if (check.startsWith('did not finish')) return DID_NOT_FINISH;
  if (check.startsWith('fatal:')) return 'fatal';
  return check;
}

const DID_NOT_FINISH = 'did not finish';

const isUnfinished = (key: string) => key === DID_NOT_FINISH || key === 'fatal' || key.startsWith('threw:');

/**
 * How a run differs from the expected failures: `regressions` fail where nothing was expected to,
 * `fixed` are expected failures that now pass (to remove from the list), one line each.
 */
export function compareFailures(
  id: string,
  actual: Failures,
  expected: Failures,
): { regressions: string[]; fixed: string[] } {
  const regressions: string[] = [];
  const fixed: string[] = [];
  if (actual.start !== expected.start) {
    if (actual.start && expected.start) fixed.push(`${id}: ${expected.start} before, ${actual.start} now`);
    else if (actual.start) regressions.push(`${id}: ${actual.start}`);
    else fixed.push(`${id}: now starts (and its check ends)`);
    if (actual.start || expected.start) return { regressions, fixed };
  }
  // A runner that did not finish (stopped by its bound, a fatal end, a throw) failed, but which
  // checks it would have failed is unknown, and how far it got depends on the machine: on either
  // side, only whether the runner passes is compared.
  const unfinished = [actual, expected].some((f) => f.runner?.some(isUnfinished));
  if (unfinished && actual.runner && expected.runner) actual = { ...actual, runner: expected.runner };
  for (const aspect of ['serverErrors', 'invalid', 'roundTrips', 'leftBehind', 'runner'] as const) {
    const now = new Set(actual[aspect] ?? []);
    const before = new Set(expected[aspect] ?? []);
    for (const key of now) if (!before.has(key)) regressions.push(`${id} ${aspect}: ${key}`);
    for (const key of before) if (!now.has(key)) fixed.push(`${id} ${aspect}: ${key}`);
  }
  return { regressions, fixed };
}
