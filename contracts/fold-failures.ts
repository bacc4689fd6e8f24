import type { Failure } from './types.ts';

/**
 * Folds failures that say the same thing (same check, operation, title and actual answer) into
 * one with a count: fifty 500s from one operation are one thing to fix, not fifty.
 */
export function foldFailures(failures: Failure[]): Failure[] {
  const byKey = new Map<string, Failure>();
  for (const failure of failures) {
    const key = [failure.check, failure.operationId, failure.title, failure.actual].join('\u0000');
    const existing = byKey.get(key);
    if (existing) existing.occurrences = (existing.occurrences ?? 1) + 1;
    else byKey.set(key, { ...failure });
  }
  return [...byKey.values()];
}
