import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadSpec } from '../../mock/openapi/load-spec.ts';
import { listOperations } from '../../mock/openapi/operations.ts';
import { CI_LIMITS } from '../../tests/corpus/check-description.ts';
import {
  type CorpusEntry,
  type DescriptionReport,
  entryFile,
  readCorpus,
} from '../../tests/corpus/corpus-entries.ts';
import { judgeOf } from '../../tests/corpus/judge-answer.ts';
import { CI_RUN, runCorpus } from '../../tests/corpus/run-corpus.ts';
import { sampleOperations, typicalRequest } from '../../tests/corpus/typical-request.ts';
import { mockPeer } from './compare.ts';
import { bin, type PeerSpec, startPeer } from './peers.ts';

/** One server on one description: does it start, how fast, how big, and are its answers valid. */
export interface CorpusBenchRow {
  id: string;
  server: 'mock' | 'prism' | 'scalar';
  started: boolean;
  startMs: number;
  rssMb: number;
  sent: number;
  serverErrors: number;
  invalid: number;
  /** Round trips passed/tried: only this mock keeps state. */
  roundTrips: string;
  note?: string;
}

/** The descriptions of `--quick`: three small ones, to prove the step works. */
const QUICK = ['xkcd', 'circleci', 'musixmatch'];

/**
 * The corpus beside Prism and Scalar's mock server: this mock's answers and round trips through the
 * corpus harness (bounds of `npm test`); the three servers each spawned on the same description
 * (time to its first answer, its process tree's RSS); the peers sent the same sample of typical
 * requests (without listed ids: they keep no records), judged by the same Ajv judge.
 */
export async function measureCorpus(
  quick: boolean,
  log: (line: string) => void,
  only?: string[],
): Promise<CorpusBenchRow[]> {
  const chosen = only ?? (quick ? QUICK : undefined);
  const entries = readCorpus().filter((e) => !chosen || chosen.includes(e.id));
  const rows: CorpusBenchRow[] = [];
  log(`corpus: this mock on ${entries.length} descriptions`);
  for (const report of await runCorpus(entries, CI_RUN)) rows.push(mockRow(report));
  for (const entry of entries) {
    // Started as `npm start` starts it, and timed like the peers: spawn to first answer, the
    // process tree's RSS (the harness's own figures are taken inside its process).
    log(`corpus: this mock, spawned, on ${entry.id}`);
    const spawned = await measurePeer(entry, 'mock');
    const row = rows.find((r) => r.id === entry.id && r.server === 'mock');
    if (row)
      Object.assign(row, {
        startMs: spawned.startMs,
        rssMb: spawned.rssMb,
        started: row.started && spawned.started,
      });
    for (const server of ['prism', 'scalar'] as const) {
      log(`corpus: ${server} on ${entry.id}`);
      rows.push(await measurePeer(entry, server));
    }
  }
  return rows;
}

function mockRow(r: DescriptionReport): CorpusBenchRow {
  const trips = r.roundTrips.passed.length + Object.keys(r.roundTrips.failed).length;
  return {
    id: r.id,
    server: 'mock',
    started: r.started && !r.aborted,
    startMs: r.startMs,
    rssMb: r.rssMb,
    sent: r.sent,
    serverErrors: Object.keys(r.serverErrors).length,
    invalid: Object.keys(r.invalid).length,
    roundTrips: `${r.roundTrips.passed.length}/${trips}`,
    ...(r.startError || r.aborted ? { note: r.aborted ?? r.startError } : {}),
  };
}

function peerSpec(server: CorpusBenchRow['server'], file: string): PeerSpec {
  if (server === 'mock')
    return { ...mockPeer('mock', { MOCK_SPEC: file }), readyPath: '/', readyOnAnyAnswer: true };
  return server === 'prism'
    ? {
        name: 'prism',
        command: bin('prism'),
        args: ['mock', '-h', '127.0.0.1', '-p', '{port}', file],
        readyPath: '/',
        prefix: '',
        readyOnAnyAnswer: true,
      }
    : {
        name: 'scalar',
        command: process.execPath,
        args: [join('scripts', 'bench', 'scalar-corpus.mjs')],
        env: { CORPUS_SPEC: file },
        readyPath: '/',
        prefix: '',
        readyOnAnyAnswer: true,
      };
}

async function measurePeer(entry: CorpusEntry, server: CorpusBenchRow['server']): Promise<CorpusBenchRow> {
  const file = entryFile(entry);
  const row: CorpusBenchRow = {
    id: entry.id,
    server,
    started: false,
    startMs: 0,
    rssMb: 0,
    sent: 0,
    serverErrors: 0,
    invalid: 0,
    roundTrips: '-',
  };
  let peer: Awaited<ReturnType<typeof startPeer>>;
  try {
    peer = await startPeer(peerSpec(server, file), CI_RUN.timeoutMs);
  } catch (error) {
    row.note = String((error as Error).message)
      .split('\n')[0]
      ?.slice(0, 160);
    return row;
  }
  try {
    row.started = true;
    row.startMs = Math.round(peer.startMs);
    row.rssMb = await peer.rssMb();
    if (server === 'mock') return row;
    const document = JSON.parse(await readFile(file, 'utf8'));
    const judge = judgeOf(document);
    const spec = await loadSpec(file, { validate: false });
    const target = { baseUrl: peer.origin, document: spec.document, idFor: () => undefined };
    for (const op of sampleOperations(listOperations(spec.document), CI_LIMITS.maxOperations)) {
      if (op.method === 'trace') continue;
      const plan = typicalRequest(target, op);
      row.sent++;
      try {
        const res = await fetch(plan.url, {
          method: plan.method,
          headers: plan.headers,
          body: plan.body ?? null,
          signal: AbortSignal.timeout(CI_LIMITS.requestMs),
        });
        const body = await res.text();
        if (res.status >= 500) row.serverErrors++;
        if (
          judge(op.path, op.method, {
            status: res.status,
            contentType: res.headers.get('content-type'),
            body,
          }).length > 0
        )
          row.invalid++;
      } catch {
        row.serverErrors++;
      }
    }
  } finally {
    await peer.stop();
  }
  return row;
}

/** The corpus rows as a Markdown table, the three servers of a description side by side, and the totals. */
export function renderCorpusTable(rows: CorpusBenchRow[]): string {
  const servers = ['mock', 'prism', 'scalar'] as const;
  const ids = [...new Set(rows.map((r) => r.id))];
  const cell = (r: CorpusBenchRow | undefined) =>
    !r
      ? '-'
      : r.started
        ? `${(r.startMs / 1000).toFixed(1)} s, ${Math.round(r.rssMb)} MB, ${r.serverErrors} 5xx, ${r.invalid}/${r.sent} invalid`
        : 'no start';
  const lines = [
    '| description | this mock | round trips | Prism | Scalar |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const id of ids) {
    const of = (s: string) => rows.find((r) => r.id === id && r.server === s);
    lines.push(
      `| ${id} | ${cell(of('mock'))} | ${of('mock')?.roundTrips ?? '-'} | ${cell(of('prism'))} | ${cell(of('scalar'))} |`,
    );
  }
  for (const server of servers) {
    const mine = rows.filter((r) => r.server === server);
    const started = mine.filter((r) => r.started);
    const starts = started.map((r) => r.startMs).sort((a, b) => a - b);
    const sum = (f: (r: CorpusBenchRow) => number) => mine.reduce((n, r) => n + f(r), 0);
    lines.push(
      `\n${server}: ${started.length}/${mine.length} start, median start ${((starts[Math.floor(starts.length / 2)] ?? 0) / 1000).toFixed(1)} s, max RSS ${Math.round(Math.max(0, ...started.map((r) => r.rssMb)))} MB, ${sum((r) => r.serverErrors)} 5xx and ${sum((r) => r.invalid)} invalid of ${sum((r) => r.sent)} answers`,
    );
  }
  return lines.join('\n');
}
