import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT_DIR } from '../../mock/openapi/paths.ts';
import { demoLogin } from '../support/demo-login.ts';
import { GET_PATH, mockPeer, START_ARGS } from './compare.ts';
import { measureLatency, measureLoad, round } from './load.ts';
import { type RunningPeer, startPeer } from './peers.ts';

/** What the heap probe (heap-probe.mjs) reports: the heap as the bench found it, then what is live. */
export interface HeapFigures {
  usedMb: number;
  totalMb: number;
  rssMb: number;
  liveMb: number;
}

/** The seed day is pinned, so that every run seeds the same calls and the figures are comparable. */
export const SCALE_SEED_DATE = '2026-11-01';

/** The reads whose single-user latency must stay flat as the store grows. */
export const SCALE_QUERIES: Record<string, string> = {
  'calls, filtered and paginated': `/voip/calls?status=completed,no_answer&direction=outbound&from=2026-08-01T00:00:00Z&to=2026-10-31T23:59:59Z&sort=-durationSeconds&page=3&pageSize=20`,
  'statistics, 30 days': '/statistics?days=30',
  'statistics, 12 months': '/statistics?months=12',
};

export interface ScaleResult {
  calls: number;
  /** Spawn to the first 200 of the health check: process start, contract load and seeding. */
  seedMs?: number;
  rssMb?: number;
  /** Median latency of each query, one request at a time, in ms. */
  p50Ms: Record<string, number>;
  requests: Record<string, number>;
  /** The heap after the reads and a sustained load, and its live size (a full collection after). */
  heap?: HeapFigures;
  error?: string;
}

// `npm start`'s command with the heap probe loaded first: the same process, one more module.
const PROBE = pathToFileURL(join(ROOT_DIR, 'scripts', 'bench', 'heap-probe.mjs')).href;
const PROBED_ARGS = [...START_ARGS.slice(0, -1), '--import', PROBE, ...START_ARGS.slice(-1)];

/** Starts the mock with `calls` seeded calls and measures how it copes; never throws. */
export async function measureScale(calls: number, secondsPerQuery: number): Promise<ScaleResult> {
  const result: ScaleResult = { calls, p50Ms: {}, requests: {} };
  let peer: RunningPeer | undefined;
  try {
    peer = await startPeer(
      {
        ...mockPeer(`mock-${calls}`, { MOCK_CALLS: String(calls), MOCK_SEED_DATE: SCALE_SEED_DATE }),
        args: PROBED_ARGS,
      },
      600_000,
    );
    result.seedMs = round(peer.startMs, 0);
    const base = `${peer.origin}/api`;
    const headers = { authorization: `Bearer ${await demoLogin(base)}` };
    for (const [name, figures] of Object.entries(await timeQueries(base, headers, secondsPerQuery))) {
      result.p50Ms[name] = figures.p50Ms;
      result.requests[name] = figures.requests;
    }
    // Then ten clients at once, the heaviest read and the list, as a busy frontend would send them:
    // whatever requests leave behind in the old generation shows in the heap against its live size.
    for (const path of [SCALE_QUERIES['calls, filtered and paginated'] as string, GET_PATH])
      await measureLoad(
        { url: base + path, method: 'GET', headers },
        { durationSeconds: secondsPerQuery * 2, warmupSeconds: 0, connections: 10 },
      );
    result.rssMb = await peer.rssMb();
    result.heap = await probeHeap(peer);
  } catch (error) {
    result.error = (error as Error).message.slice(0, 2000);
  } finally {
    await peer?.stop();
  }
  return result;
}

/** Asks the heap probe of a running mock (once) for its heap and live size; waits at most a minute. */
async function probeHeap(peer: RunningPeer): Promise<HeapFigures> {
  process.kill(peer.pid, 'SIGUSR2');
  const until = performance.now() + 60_000;
  while (performance.now() < until) {
    const line = /heap-probe (\{.*\})/.exec(peer.output());
    if (line?.[1]) return JSON.parse(line[1]) as HeapFigures;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error('the heap probe did not answer within a minute');
}

/**
 * Each query of SCALE_QUERIES, checked once for a 200 (a wrong answer measured fast means nothing)
 * and then timed one request at a time: its median latency and how many requests were sent.
 */
export async function timeQueries(
  base: string,
  headers: Record<string, string>,
  secondsPerQuery: number,
): Promise<Record<string, { p50Ms: number; requests: number }>> {
  const figures: Record<string, { p50Ms: number; requests: number }> = {};
  for (const [name, path] of Object.entries(SCALE_QUERIES)) {
    const check = await fetch(base + path, { headers });
    if (check.status !== 200) throw new Error(`${path} answered ${check.status}: ${await check.text()}`);
    const { p50Ms, requests } = await measureLatency(
      { url: base + path, method: 'GET', headers },
      secondsPerQuery,
    );
    figures[name] = { p50Ms, requests };
  }
  return figures;
}
