/**
 * Prints vitest's JSON report (written by vitest.config.ts) as one plain closing line,
 * `tests: N passed, N failed, N skipped`, the line CI reads for its count.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT_DIR } from '../spec/paths.ts';

const report = JSON.parse(readFileSync(resolve(ROOT_DIR, 'reports', 'vitest.json'), 'utf8')) as {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
};
console.log(
  `tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests + report.numTodoTests} skipped`,
);
