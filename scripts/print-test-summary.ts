/**
 * Prints vitest's JSON report (written by vitest.config.ts) as one plain closing line,
 * `tests: N passed, N failed, N skipped`, the line CI reads for its count. Another report and a
 * label may be named (`print-test-summary.ts reports/vitest-node22.json "Node 22 quick tests"`).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT_DIR } from '../mock/openapi/paths.ts';

const [path = 'reports/vitest.json', label = 'tests'] = process.argv.slice(2);
const report = JSON.parse(readFileSync(resolve(ROOT_DIR, path), 'utf8')) as {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
};
console.log(
  `${label}: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests + report.numTodoTests} skipped`,
);
