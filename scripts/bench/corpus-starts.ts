import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LoadedSpec, loadSpec } from '../../mock/openapi/load-spec.ts';
import { listOperations } from '../../mock/openapi/operations.ts';
import { CI_LIMITS } from '../../tests/corpus/check-description.ts';
import { type CorpusEntry, entryFile } from '../../tests/corpus/corpus-entries.ts';
import { judgeOf } from '../../tests/corpus/judge-answer.ts';
import { sampleOperations, typicalRequest } from '../../tests/corpus/typical-request.ts';
import { mockPeer } from './compare.ts';
import { bin, type PeerSpec, type RunningPeer, startPeer, treePeakRssMb } from './peers.ts';

/** The four starts of a description: this mock with an empty cache and then warm, Prism, Scalar. */
export const START_KINDS = ['mock', 'mock-warm', 'prism', 'scalar'] as const;
export type StartKind = (typeof START_KINDS)[number];

/** One server's start on one description, the median of its rounds, and its answers in the first. */
export interface StartFigures {
  server: StartKind;
  started: boolean;
  /** Spawn to the first answer (of any status), median over the rounds; every round's. */
  startMs: number;
  runsMs: number[];
  /** The process tree's RSS at the first answer, and its peak (VmHWM) after the sample's requests. */
  rssMb: number;
  peakRssMb: number;
  sent: number;
  serverErrors: number;
  invalid: number;
  note?: string;
}

/** How a start is bounded: to its first answer, and each request of the sample. */
const START_MS = 120_000;
/** Rounds for a description of a megabyte or more, where a start takes seconds; one below. */
const BIG_ROUNDS = 3;

/**
 * Starts this mock (as `npm start` runs it: first with an empty cache folder, then again on that
 * folder, warm), Prism and Scalar's mock server on one description, in turns, `BIG_ROUNDS` rounds
 * for a large description (the median of each is kept), one for the others. Each start is timed
 * from spawn to its first answer, its process tree's RSS read then, then it is sent the same even
 * sample of typical requests (without listed ids: the peers keep no records), judged by the corpus's
 * independent judge, and its peak RSS read from /proc. One log line per start, each bounded.
 */
export async function measureStarts(
  entry: CorpusEntry,
  quick: boolean,
  log: (line: string) => void,
): Promise<StartFigures[]> {
  const file = entryFile(entry);
  const bytes = (await stat(file)).size;
  const rounds = quick || bytes < 1_000_000 ? 1 : BIG_ROUNDS;
  const spec = await loadSpec(file, { validate: false });
  const runs = new Map<StartKind, StartFigures[]>(START_KINDS.map((k) => [k, []]));
  for (let round = 1; round <= rounds; round++) {
    const cacheDir = await mkdtemp(join(tmpdir(), 'bench-mock-cache-'));
    try {
      for (const server of START_KINDS) {
        const figures = await startOnce(peerSpec(server, file, cacheDir, entry), server, spec, round === 1);
        runs.get(server)?.push(figures);
        log(
          `corpus: ${entry.id} round ${round}/${rounds}, ${server}: ${
            figures.started
              ? `${(figures.startMs / 1000).toFixed(1)} s, ${figures.rssMb} MB, peak ${figures.peakRssMb} MB`
              : `no start (${figures.note})`
          }`,
        );
      }
    } finally {
      await rm(cacheDir, { recursive: true, force: true });
    }
  }
  return START_KINDS.map((server) => medianOf(server, runs.get(server) ?? []));
}

function peerSpec(server: StartKind, file: string, cacheDir: string, entry: CorpusEntry): PeerSpec {
  const answered = { readyPath: '/', readyOnAnyAnswer: true };
  if (server === 'mock' || server === 'mock-warm') {
    const env = {
      MOCK_SPEC: file,
      MOCK_CACHE_DIR: cacheDir,
      ...(entry.lenient ? { MOCK_LENIENT: 'on' } : {}),
    };
    return { ...mockPeer(server, env), ...answered };
  }
  if (server === 'prism')
    return {
      name: 'prism',
      command: bin('prism'),
      args: ['mock', '-h', '127.0.0.1', '-p', '{port}', file],
      prefix: '',
      ...answered,
    };
  return {
    name: 'scalar',
    command: process.execPath,
    args: [join('scripts', 'bench', 'scalar-corpus.mjs')],
    env: { CORPUS_SPEC: file },
    prefix: '',
    ...answered,
  };
}

async function startOnce(
  peerSpec: PeerSpec,
  server: StartKind,
  spec: LoadedSpec,
  judged: boolean,
): Promise<StartFigures> {
  const figures = emptyFigures(server);
  let peer: RunningPeer;
  try {
    peer = await startPeer(peerSpec, START_MS);
  } catch (error) {
    figures.note = String((error as Error).message)
      .split('\n')[0]
      ?.slice(0, 160);
    return figures;
  }
  try {
    Object.assign(figures, { started: true, startMs: Math.round(peer.startMs), rssMb: await peer.rssMb() });
    figures.runsMs = [figures.startMs];
    await sendSample(peer, server, spec, judged ? figures : undefined);
    figures.peakRssMb = await treePeakRssMb(peer.pid);
  } finally {
    await peer.stop();
  }
  return figures;
}

/** The corpus's even sample of typical requests; counted and judged into `figures` when given. */
async function sendSample(
  peer: RunningPeer,
  server: StartKind,
  spec: LoadedSpec,
  figures: StartFigures | undefined,
): Promise<void> {
  const judge = figures ? judgeOf(JSON.parse(await readFile(spec.path, 'utf8'))) : undefined;
  const baseUrl = peer.origin + (server.startsWith('mock') ? basePathOf(spec) : '');
  const target = { baseUrl, document: spec.document, idFor: () => undefined };
  for (const op of sampleOperations(listOperations(spec.document), CI_LIMITS.maxOperations)) {
    // fetch refuses TRACE before it connects.
    if (op.method === 'trace') continue;
    const plan = typicalRequest(target, op);
    if (figures) figures.sent++;
    try {
      const res = await fetch(plan.url, {
        method: plan.method,
        headers: plan.headers,
        body: plan.body ?? null,
        signal: AbortSignal.timeout(CI_LIMITS.requestMs),
      });
      const body = await res.text();
      if (!figures || !judge) continue;
      if (res.status >= 500) figures.serverErrors++;
      const answer = { status: res.status, contentType: res.headers.get('content-type'), body };
      if (judge(op.path, op.method, answer).length > 0) figures.invalid++;
    } catch {
      if (figures) figures.serverErrors++;
    }
  }
}

/** The mock serves under its first server URL's path, as the engine reads it (`/api`). */
function basePathOf(spec: LoadedSpec): string {
  const url = spec.document.servers?.[0]?.url ?? '/';
  try {
    return new URL(url.replace(/\{[^}]+\}/g, 'x'), 'http://localhost').pathname.replace(/\/$/, '');
  } catch {
    return '';
  }
}

/** The median of each figure over the rounds that started; the answers of the first round. */
function medianOf(server: StartKind, runs: StartFigures[]): StartFigures {
  const started = runs.filter((r) => r.started);
  const first = runs[0];
  if (!first || started.length === 0) return first ?? { ...emptyFigures(server), note: 'not run' };
  const median = (pick: (r: StartFigures) => number) => {
    const sorted = started.map(pick).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? 0;
  };
  return {
    ...first,
    started: true,
    startMs: median((r) => r.startMs),
    runsMs: runs.map((r) => (r.started ? r.startMs : -1)),
    rssMb: median((r) => r.rssMb),
    peakRssMb: median((r) => r.peakRssMb),
    ...(started.length < runs.length
      ? { note: `${runs.length - started.length} round(s) did not start` }
      : {}),
  };
}

function emptyFigures(server: StartKind): StartFigures {
  return {
    server,
    started: false,
    startMs: 0,
    runsMs: [],
    rssMb: 0,
    peakRssMb: 0,
    sent: 0,
    serverErrors: 0,
    invalid: 0,
  };
}
