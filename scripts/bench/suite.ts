/**
 * The bench's `suite` step: how long the README's test command takes on this machine, and what the
 * machine was doing meanwhile. It runs `npm test` and `npm run test:quick` in this checkout, one
 * after the other, samples the load average every few seconds (the figure means little without it),
 * and reads vitest's JSON report for the files that took longest. `--quick` (the bench's own smoke
 * test, which runs inside `npm test`) times one small test file instead: the suite cannot run itself.
 */
import { readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT_DIR } from '../../mock/openapi/paths.ts';
import { failureOf, runBounded, userEnv } from './bounded-command.ts';

/** One timed command of the step. */
export interface SuiteRun {
  command: string;
  ms: number;
  passed: boolean;
  error?: string;
  /** The one-minute load average, sampled every few seconds while it ran: mean and highest. */
  load: { mean: number; max: number };
  /** From vitest's JSON report: files, tests, and vitest's own wall time. */
  files: number;
  tests: number;
  vitestMs: number;
  /** The files that took longest, longest first. */
  slowest: Array<{ file: string; ms: number }>;
}

interface VitestReport {
  numTotalTests: number;
  startTime: number;
  testResults: Array<{ name: string; startTime: number; endTime: number }>;
}

const SAMPLE_MS = 5_000;
const HEARTBEAT_MS = 30_000;

/** Runs the step: the full test command and the quick one (`--quick`: one small file). */
export async function measureSuite(quick: boolean, log: (line: string) => void): Promise<SuiteRun[]> {
  // Where vitest.config.ts has the JSON report written; the smoke test's own goes elsewhere, so
  // as not to stand in for the report of the suite it runs inside.
  const suiteReport = join(ROOT_DIR, 'reports', 'vitest.json');
  const smokeReport = join(tmpdir(), `ai-call-center-suite-${process.pid}.json`);
  const commands: Array<{ label: string; command: string; args: string[]; limitMs: number; report: string }> =
    quick
      ? [
          {
            label: 'vitest run contracts/diff/walk-schemas.test.ts (--quick)',
            command: 'npx',
            args: [
              'vitest',
              'run',
              'contracts/diff/walk-schemas.test.ts',
              '--reporter=json',
              `--outputFile=${smokeReport}`,
            ],
            limitMs: 120_000,
            report: smokeReport,
          },
        ]
      : [
          { label: 'npm test', command: 'npm', args: ['test'], limitMs: 40 * 60_000, report: suiteReport },
          {
            label: 'npm run test:quick',
            command: 'npm',
            args: ['run', 'test:quick'],
            limitMs: 10 * 60_000,
            report: suiteReport,
          },
        ];
  const runs: SuiteRun[] = [];
  for (const { label: line, command, args, limitMs, report } of commands) {
    log(`timing ${line} (limit ${limitMs / 60_000} min)`);
    const samples: number[] = [];
    const started = Date.now();
    const sampler = setInterval(() => samples.push(loadavg()[0] ?? 0), SAMPLE_MS);
    const heartbeat = setInterval(
      () =>
        log(`… ${line}: ${Math.round((Date.now() - started) / 1000)} s, load ${loadavg()[0]?.toFixed(1)}`),
      HEARTBEAT_MS,
    );
    samples.push(loadavg()[0] ?? 0);
    const outcome = await runBounded(command, args, { cwd: ROOT_DIR, limitMs, env: userEnv() }).finally(
      () => {
        clearInterval(sampler);
        clearInterval(heartbeat);
      },
    );
    const vitest = await readReport(report, started);
    if (quick) await rm(smokeReport, { force: true });
    runs.push({
      command: line,
      ms: Math.round(outcome.ms),
      passed: outcome.code === 0,
      error: failureOf(line, outcome),
      load: {
        mean: round(samples.reduce((a, b) => a + b, 0) / samples.length),
        max: round(Math.max(...samples)),
      },
      files: vitest?.testResults.length ?? 0,
      tests: vitest?.numTotalTests ?? 0,
      vitestMs: vitest ? Math.max(...vitest.testResults.map((t) => t.endTime)) - vitest.startTime : 0,
      slowest: (vitest?.testResults ?? [])
        .map((t) => ({ file: t.name.replace(`${ROOT_DIR}/`, ''), ms: Math.round(t.endTime - t.startTime) }))
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 5),
    });
  }
  return runs;
}

/** Vitest's report of this run, if the run wrote one (one older than the run is not this run's). */
async function readReport(path: string, since: number): Promise<VitestReport | undefined> {
  const report = await readFile(path, 'utf8')
    .then((text) => JSON.parse(text) as VitestReport)
    .catch(() => undefined);
  return report && report.startTime >= since ? report : undefined;
}

const round = (n: number) => Math.round(n * 10) / 10;
const seconds = (ms: number) => `${(ms / 1000).toFixed(0)} s`;

/** The step's table: each command's wall time beside the load it ran at, and the slowest files. */
export function renderSuiteTable(runs: SuiteRun[]): string {
  const rows = runs.map(
    (r) =>
      `| \`${r.command}\` | ${r.passed ? 'passed' : 'FAILED'} | ${seconds(r.ms)} | ${seconds(r.vitestMs)} | ${r.files} | ${r.tests} | ${r.load.mean} (max ${r.load.max}) | ${r.slowest.map((s) => `${s.file} ${seconds(s.ms)}`).join(', ')} |`,
  );
  return [
    '| command | result | wall | vitest | files | tests | load average (1 min) | slowest files |',
    '| --- | --- | ---: | ---: | ---: | ---: | --- | --- |',
    ...rows,
  ].join('\n');
}
