import { stat } from 'node:fs/promises';
import { type DescriptionReport, entryFile, readCorpus } from '../../tests/corpus/corpus-entries.ts';
import { CI_RUN, runCorpus } from '../../tests/corpus/run-corpus.ts';
import { measureStarts, type StartFigures, type StartKind } from './corpus-starts.ts';

/** One description: this mock's answers through the corpus harness, and the four starts beside it. */
export interface CorpusBenchRow {
  id: string;
  bytes: number;
  /** The harness's verdict on this mock: answers, round trips (only this mock keeps state). */
  harness: {
    started: boolean;
    sent: number;
    serverErrors: number;
    invalid: number;
    roundTrips: string;
    note?: string;
  };
  /** This mock with an empty cache folder and warm, Prism and Scalar: spawned, timed, sent the sample. */
  starts: StartFigures[];
}

/** The descriptions of `--quick`: three small ones, to prove the step works. */
const QUICK = ['xkcd', 'circleci', 'musixmatch'];

/**
 * The corpus beside Prism and Scalar's mock server: this mock's answers and round trips through the
 * corpus harness (bounds of `npm test`), then, description by description, each server started as
 * a user starts it and timed to its first answer, this mock first from an empty cache folder (a
 * first start) and then warm (corpus-starts.ts).
 */
export async function measureCorpus(
  quick: boolean,
  log: (line: string) => void,
  only?: string[],
): Promise<CorpusBenchRow[]> {
  const chosen = only ?? (quick ? QUICK : undefined);
  const entries = readCorpus().filter((e) => !chosen || chosen.includes(e.id));
  log(`corpus: this mock on ${entries.length} descriptions, through the harness`);
  const reports = await runCorpus(entries, {
    ...CI_RUN,
    onReport: (r) => log(`corpus: harness on ${r.id}: ${r.started ? 'started' : 'no start'}`),
  });
  const rows: CorpusBenchRow[] = [];
  for (const entry of entries) {
    const report = reports.find((r) => r.id === entry.id);
    const starts = await measureStarts(entry, quick, log);
    rows.push({
      id: entry.id,
      bytes: (await stat(entryFile(entry))).size,
      harness: harnessOf(report),
      starts,
    });
  }
  return rows;
}

function harnessOf(r: DescriptionReport | undefined): CorpusBenchRow['harness'] {
  if (!r) return { started: false, sent: 0, serverErrors: 0, invalid: 0, roundTrips: '-', note: 'not run' };
  const trips = r.roundTrips.passed.length + Object.keys(r.roundTrips.failed).length;
  return {
    started: r.started && !r.aborted,
    sent: r.sent,
    serverErrors: Object.keys(r.serverErrors).length,
    invalid: Object.keys(r.invalid).length,
    roundTrips: `${r.roundTrips.passed.length}/${trips}`,
    ...(r.startError || r.aborted ? { note: r.aborted ?? r.startError } : {}),
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const size = (bytes: number) =>
  bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1e3))} kB`;
const startOf = (row: CorpusBenchRow, server: StartKind) => row.starts.find((s) => s.server === server);
const startCell = (s: StartFigures | undefined) =>
  !s?.started ? 'no start' : `${seconds(s.startMs)}, ${Math.round(s.rssMb)} MB, peak ${s.peakRssMb} MB`;
const ratio = (a: number, b: number) => (a > 0 && b > 0 ? `${(a / b).toFixed(2)}×` : '-');

/**
 * The corpus as two Markdown tables, the servers of a description side by side: the starts (time
 * to first answer, RSS then and at peak, and this mock's first start as a ratio of Prism's and
 * Scalar's), and the answers to the sample; then each server's totals.
 */
export function renderCorpusTable(rows: CorpusBenchRow[]): string {
  const lines = [
    '| description | size | this mock, first start | this mock, warm | Prism | Scalar | first start ÷ Prism, ÷ Scalar (time; peak RSS) |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const row of rows) {
    const [mock, warm, prism, scalar] = (['mock', 'mock-warm', 'prism', 'scalar'] as const).map((k) =>
      startOf(row, k),
    );
    const ratios =
      mock?.started && prism?.started && scalar?.started
        ? `${ratio(mock.startMs, prism.startMs)}, ${ratio(mock.startMs, scalar.startMs)}; ${ratio(mock.peakRssMb, prism.peakRssMb)}, ${ratio(mock.peakRssMb, scalar.peakRssMb)}`
        : '-';
    const rounds = mock && mock.runsMs.length > 1 ? ` (median of ${mock.runsMs.length})` : '';
    lines.push(
      `| ${row.id}${rounds} | ${size(row.bytes)} | ${startCell(mock)} | ${startCell(warm)} | ${startCell(prism)} | ${startCell(scalar)} | ${ratios} |`,
    );
  }
  lines.push('', '| description | this mock (harness) | round trips | this mock (sample) | Prism | Scalar |');
  lines.push('| --- | --- | --- | --- | --- | --- |');
  const answers = (
    s: { started: boolean; serverErrors: number; invalid: number; sent: number } | undefined,
  ) => (s?.started ? `${s.serverErrors} 5xx, ${s.invalid}/${s.sent} invalid` : 'no start');
  for (const row of rows)
    lines.push(
      `| ${row.id} | ${answers(row.harness)} | ${row.harness.roundTrips} | ${answers(startOf(row, 'mock'))} | ${answers(startOf(row, 'prism'))} | ${answers(startOf(row, 'scalar'))} |`,
    );
  lines.push('');
  const medians: Partial<Record<StartKind, number>> = {};
  for (const server of ['mock', 'mock-warm', 'prism', 'scalar'] as const) {
    const mine = rows.map((r) => startOf(r, server)).filter((s) => s !== undefined);
    const started = mine.filter((s) => s.started);
    const starts = started.map((s) => s.startMs).sort((a, b) => a - b);
    medians[server] = starts[Math.floor(starts.length / 2)] ?? 0;
    const sum = (f: (s: StartFigures) => number) => mine.reduce((n, s) => n + f(s), 0);
    const biggest = started.reduce<StartFigures | undefined>(
      (m, s) => (!m || s.peakRssMb > m.peakRssMb ? s : m),
      undefined,
    );
    const peakOf = biggest
      ? `${biggest.peakRssMb} MB (${rows.find((r) => r.starts.includes(biggest))?.id})`
      : '-';
    lines.push(
      `- ${server}: ${started.length}/${mine.length} start, median start ${seconds(medians[server] ?? 0)}, max peak RSS ${peakOf}, ${sum((s) => s.serverErrors)} 5xx and ${sum((s) => s.invalid)} invalid of ${sum((s) => s.sent)} answers`,
    );
  }
  lines.push(
    `- median first start of this mock ÷ Prism's ${ratio(medians.mock ?? 0, medians.prism ?? 0)}, ÷ Scalar's ${ratio(medians.mock ?? 0, medians.scalar ?? 0)}; warm ÷ first ${ratio(medians['mock-warm'] ?? 0, medians.mock ?? 0)}`,
  );
  return lines.join('\n');
}
