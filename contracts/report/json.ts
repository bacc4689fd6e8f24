import type { RunResult } from '../run-result.ts';

/** The result as JSON: every check, failure (with curl and spec pointer), note and the coverage. */
export function renderJson(result: RunResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
