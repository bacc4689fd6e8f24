import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { demoLogin } from '../support/demo-login.ts';
import { mockPeer, POST_PATH } from './compare.ts';
import { measureLatency, measureLoad, round } from './load.ts';
import { type RunningPeer, startPeer } from './peers.ts';
import { SCALE_QUERIES, SCALE_SEED_DATE, timeQueries } from './scale.ts';

/** One store at one size: how it starts, what it holds in memory, how fast it reads and writes. */
export interface StoreScaleResult {
  store: 'memory' | 'sqlite';
  calls: number;
  /** Spawn to first 200 with nothing saved: the seed generated (and, in SQLite, written). */
  seedMs?: number;
  /** Spawn to first 200 on the file the seeding run left (SQLite only). */
  restartMs?: number;
  fileMb?: number;
  rssMb?: number;
  p50Ms: Record<string, number>;
  /** `POST /topics`, 10 connections: a write answered only once it is on disk. */
  post?: { rps: number; p50Ms: number; p99Ms: number };
  /** The same write from one client at a time: what one user waits for. */
  postOne?: { p50Ms: number; p99Ms: number };
  error?: string;
}

const POST_BODY = JSON.stringify({ name: 'Store bench [<id>]', description: 'Created by the store bench.' });

/**
 * Measures the mock with `calls` seeded calls in memory, or in an SQLite file in `dir`: seeded
 * once (the bulk write), then stopped and started again on the file, which is what a team's mock
 * does every morning. Never throws: a failure is the result's `error`.
 */
export async function measureStoreScale(
  store: 'memory' | 'sqlite',
  calls: number,
  dir: string,
  secondsPerQuery: number,
): Promise<StoreScaleResult> {
  const result: StoreScaleResult = { store, calls, p50Ms: {} };
  const file = join(dir, `calls-${calls}.sqlite`);
  const env = {
    MOCK_CALLS: String(calls),
    MOCK_SEED_DATE: SCALE_SEED_DATE,
    ...(store === 'sqlite' ? { MOCK_DB: file } : {}),
  };
  let peer: RunningPeer | undefined;
  try {
    peer = await startPeer(mockPeer(`${store}-${calls}`, env), 600_000);
    result.seedMs = round(peer.startMs, 0);
    if (store === 'sqlite') {
      await peer.stop();
      peer = await startPeer(mockPeer(`${store}-${calls}-restart`, env), 600_000);
      result.restartMs = round(peer.startMs, 0);
      result.fileMb = round((await stat(file)).size / 2 ** 20, 0);
    }
    const base = `${peer.origin}/api`;
    const headers = { authorization: `Bearer ${await demoLogin(base)}` };
    for (const [name, figures] of Object.entries(await timeQueries(base, headers, secondsPerQuery)))
      result.p50Ms[name] = figures.p50Ms;
    const write = {
      url: base + POST_PATH,
      method: 'POST' as const,
      headers: { ...headers, 'content-type': 'application/json' },
      body: POST_BODY,
    };
    const one = await measureLatency(write, secondsPerQuery);
    const post = await measureLoad(write, {
      durationSeconds: secondsPerQuery,
      warmupSeconds: Math.min(1, secondsPerQuery),
      connections: 10,
    });
    if (post.non2xx + one.non2xx > 0) throw new Error(`POST ${POST_PATH}: answers that were not 2xx`);
    result.postOne = { p50Ms: one.p50Ms, p99Ms: one.p99Ms };
    result.post = { rps: post.rps, p50Ms: post.p50Ms, p99Ms: post.p99Ms };
    result.rssMb = await peer.rssMb();
  } catch (error) {
    result.error = (error as Error).message.slice(0, 2000);
  } finally {
    await peer?.stop();
  }
  return result;
}

/** The results as one Markdown table, in-memory and SQLite rows side by side per size. */
export function renderStoreTable(results: StoreScaleResult[]): string {
  const queries = Object.keys(SCALE_QUERIES);
  const head = [
    'calls',
    'store',
    'seed ms',
    'restart ms',
    'file MB',
    'RSS MB',
    ...queries.map((q) => `p50 ${q} ms`),
    'POST, 1 client, p50 / p99 ms',
    'POST, 10 clients, req/s',
    'POST, 10 clients, p50 / p99 ms',
  ];
  const cell = (v: number | undefined) => (v === undefined ? '' : String(v));
  const rows = results.map((r) =>
    r.error
      ? `| ${r.calls.toLocaleString('en')} | ${r.store} | failed: ${r.error.split('\n')[0]} |`
      : `| ${[
          r.calls.toLocaleString('en'),
          r.store,
          cell(r.seedMs),
          cell(r.restartMs),
          cell(r.fileMb),
          cell(r.rssMb),
          ...queries.map((q) => cell(r.p50Ms[q])),
          r.postOne ? `${r.postOne.p50Ms} / ${r.postOne.p99Ms}` : '',
          cell(r.post?.rps),
          r.post ? `${r.post.p50Ms} / ${r.post.p99Ms}` : '',
        ].join(' | ')} |`,
  );
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---:').join('|')}|`, ...rows].join('\n');
}
