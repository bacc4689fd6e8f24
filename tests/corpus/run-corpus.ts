import { spawn } from 'node:child_process';
import { ROOT_DIR } from '../../mock/openapi/paths.ts';
import type { CheckLimits } from './check-description.ts';
import { type CorpusEntry, type DescriptionReport, emptyReport } from './corpus-entries.ts';

export interface CorpusRun {
  /** The bound of one description's check, start to runner, and its heap. */
  timeoutMs: number;
  heapMb: number;
  /** Descriptions checked at once. */
  concurrency: number;
  limits?: Partial<CheckLimits>;
  onReport?: (report: DescriptionReport) => void;
}

/**
 * How `npm test` and `npm run corpus` run the corpus: two descriptions at once (the CI machine's two
 * cores), each bounded to two minutes (a hang, not a slow start: GitHub's first start is about 7 s)
 * and a 2 GB heap (#18 saw one description take 4 GB and more).
 */
export const CI_RUN: CorpusRun = { timeoutMs: 120_000, heapMb: 2048, concurrency: 2 };

/**
 * Checks every description, each in a child process of its own with a time and heap bound: a
 * description that runs the mock out of either is reported as `aborted`, and the rest go on.
 */
export async function runCorpus(entries: CorpusEntry[], run: CorpusRun): Promise<DescriptionReport[]> {
  const reports: DescriptionReport[] = [];
  const queue = [...entries];
  const worker = async () => {
    for (let entry = queue.shift(); entry; entry = queue.shift()) {
      const began = performance.now();
      const report = await checkInChild(entry, run);
      report.checkMs = Math.round(performance.now() - began);
      reports.push(report);
      run.onReport?.(report);
    }
  };
  await Promise.all(Array.from({ length: run.concurrency }, worker));
  const order = entries.map((e) => e.id);
  return reports.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
}

function checkInChild(entry: CorpusEntry, run: CorpusRun): Promise<DescriptionReport> {
  return new Promise((done) => {
    const args = [`--max-old-space-size=${run.heapMb}`, '--import', 'tsx', 'tests/corpus/check-one.ts'];
    const child = spawn(process.execPath, [...args, entry.id, JSON.stringify(run.limits ?? {})], {
      cwd: ROOT_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let timedOut = false;
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, run.timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const lines = output.split('\n');
      const line = lines.find((l) => l.startsWith('REPORT '));
      if (line) return done(JSON.parse(line.slice(7)) as DescriptionReport);
      const started = lines.find((l) => l.startsWith('STARTED '));
      const why = timedOut
        ? `stopped after ${run.timeoutMs / 1000} s`
        : /heap out of memory|Allocation failed/.test(output)
          ? `out of memory at a ${run.heapMb} MB heap`
          : `exited with ${signal ?? code}: ${firstError(output)}`;
      done(
        started
          ? { ...(JSON.parse(started.slice(8)) as DescriptionReport), aborted: `${why}, after it started` }
          : abortedReport(entry, why),
      );
    });
  });
}

function abortedReport(entry: CorpusEntry, why: string): DescriptionReport {
  return { ...emptyReport(entry.id), startError: why, aborted: why };
}

/** The first line of the output that names an error (a stack's own lines are noise here). */
function firstError(output: string): string {
  const lines = output.trim().split('\n');
  return (lines.find((l) => /^\w*Error\b|Error:|Error \[/.test(l.trim())) ?? lines.at(-1) ?? '')
    .trim()
    .slice(0, 200);
}
