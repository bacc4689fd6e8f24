import { readFileSync } from 'node:fs';
import { copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT_DIR } from '../../mock/openapi/paths.ts';
import { demoLogin } from '../support/demo-login.ts';
import { type LoadFigures, type LoadOptions, type LoadRequest, measureLoad, round } from './load.ts';
import { bin, type PeerSpec, type RunningPeer, startPeer } from './peers.ts';

function startArguments(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT_DIR, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const [command, ...args] = pkg.scripts.start.split(/\s+/);
  if (command !== 'node') throw new Error(`npm start runs ${command}, not node: the bench cannot mirror it`);
  return args;
}

/** The two operations every peer is loaded with: an authenticated list read and a create. */
export const GET_PATH = '/qa?pageSize=20';
export const POST_PATH = '/topics';
const POST_BODY = JSON.stringify({ name: 'Bench [<id>]', description: 'Created by the benchmark.' });

/**
 * The mock in its default configuration, quiet, with its rate limits counting and answering their
 * headers but set too high to refuse (a load test is one client sending thousands a second).
 */
export const MOCK_ENV = { MOCK_LOG: 'off', MOCK_RATE_LIMIT: '1000000000' };
/** Every load request comes from a page of a development server, so the mock's CORS stage runs too. */
const ORIGIN_HEADER = { origin: 'http://localhost:5173' };
/**
 * What `npm start` runs, read from package.json so that the bench can never measure something
 * else: node, its flags and the bundle `prestart` builds (see startup.ts, which builds it).
 */
export const START_ARGS = startArguments();
export const mockPeer = (name: string, env: NodeJS.ProcessEnv = {}): PeerSpec => ({
  name,
  command: process.execPath,
  args: START_ARGS,
  env: { ...MOCK_ENV, ...env },
  readyPath: '/api/health',
  prefix: '/api',
});

/** Scalar's mock server on the same contract, served as its README shows (scripts/bench/scalar-mock.mjs). */
export const scalarPeer = (name: string): PeerSpec => ({
  name,
  command: process.execPath,
  args: [join('scripts', 'bench', 'scalar-mock.mjs')],
  env: { BENCH_SPEC: join('generated', 'openapi.bundle.json') },
  readyPath: '/health',
  prefix: '',
});

/** Prism's mock of the same contract, static or dynamic. */
export const prismPeer = (name: string, dynamic: boolean): PeerSpec => ({
  name,
  command: bin('prism'),
  args: ['mock', '-h', '127.0.0.1', '-p', '{port}', ...(dynamic ? ['-d'] : []), 'openapi.yaml'],
  readyPath: '/health',
  prefix: '',
});

export interface Fixture {
  get: { path: string; status: number; contentType: string; body: string };
  post: { path: string; status: number; contentType: string; body: string };
}

/** A peer's figures: its start, its memory, and a load run per operation. */
export interface PeerResult {
  name: string;
  label: string;
  startMs: number;
  rssIdleMb: number;
  rssLoadedMb: number;
  get: LoadFigures;
  post: LoadFigures;
}

/**
 * Starts the mock with MOCK_DB once, to capture the exact bytes it answers to the two operations
 * (for the bare servers to repeat) and the db.json it exports (for json-server to serve).
 */
export async function captureFixture(dir: string): Promise<{ fixture: Fixture; dbPath: string }> {
  const dbPath = join(dir, 'db.json');
  const peer = await startPeer(mockPeer('capture', { MOCK_DB: dbPath }));
  try {
    const base = `${peer.origin}/api`;
    const auth = { authorization: `Bearer ${await demoLogin(base)}` };
    const got = await fetch(base + GET_PATH, { headers: auth });
    const posted = await fetch(base + POST_PATH, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: POST_BODY.replace('[<id>]', 'capture'),
    });
    const fixture: Fixture = {
      get: {
        path: `/api${GET_PATH}`,
        status: got.status,
        contentType: got.headers.get('content-type') ?? '',
        body: await got.text(),
      },
      post: {
        path: `/api${POST_PATH}`,
        status: posted.status,
        contentType: posted.headers.get('content-type') ?? '',
        body: await posted.text(),
      },
    };
    if (fixture.get.status !== 200 || fixture.post.status !== 201)
      throw new Error(`capture answered ${fixture.get.status} and ${fixture.post.status}`);
    return { fixture, dbPath };
  } finally {
    await peer.stop();
  }
}

interface Contender {
  spec: PeerSpec;
  label: string;
  /** The list read, on this server's own paths (json-server spells pagination its own way). */
  getPath: string;
  /** A bearer token for this server, when it checks one. */
  token?: (base: string) => Promise<string>;
}

/** The seven servers of the comparison, (a) to (f). */
export async function contenders(dir: string, fixturePath: string, dbPath: string): Promise<Contender[]> {
  const fixtureEnv = { BENCH_FIXTURE: fixturePath };
  const jsonDb = join(dir, 'json-server-db.json');
  await copyFile(dbPath, jsonDb);
  const bare = (name: string, file: string): PeerSpec => ({
    name,
    command: process.execPath,
    args: [join('scripts', 'bench', file)],
    env: fixtureEnv,
    readyPath: `/api${GET_PATH}`,
    prefix: '/api',
  });
  return [
    { spec: bare('node', 'bare-node.mjs'), label: '(a) bare node:http', getPath: GET_PATH },
    { spec: bare('express', 'bare-express.mjs'), label: '(b) bare Express 5', getPath: GET_PATH },
    { spec: mockPeer('mock'), label: '(c) this mock', getPath: GET_PATH, token: demoLogin },
    { spec: prismPeer('prism-static', false), label: '(d) Prism static', getPath: GET_PATH },
    { spec: prismPeer('prism-dynamic', true), label: '(d) Prism dynamic', getPath: GET_PATH },
    {
      spec: scalarPeer('scalar'),
      label: "(f) Scalar's mock server 0.3 (its last release for Node 20)",
      getPath: GET_PATH,
    },
    {
      spec: {
        name: 'json-server',
        command: bin('json-server'),
        args: ['--port', '{port}', '--host', '127.0.0.1', '--quiet', jsonDb],
        readyPath: '/topics',
        prefix: '',
      },
      label: '(e) json-server 0.17',
      getPath: '/qas?_page=1&_limit=20',
    },
  ];
}

/** Settings of the interleaved load runs. */
export interface PeerLoadOptions extends LoadOptions {
  /** Each operation's measured seconds are split into this many rounds, servers taking turns. */
  rounds: number;
}

/**
 * Starts every contender (one at a time, so that each start is timed alone), then measures both
 * operations in rounds: in each round every server takes its turn, in an order that rotates from
 * round to round. On a shared machine the load of other work drifts over minutes; measured in
 * turns, every server sees the same drift, and the median of its rounds drops the outliers. The
 * ratios between servers are what the bench reports, and what interleaving protects.
 */
export async function measurePeers(list: Contender[], load: PeerLoadOptions): Promise<PeerResult[]> {
  const running: {
    c: Contender;
    peer: RunningPeer;
    rssIdleMb: number;
    get: LoadRequest;
    post: LoadRequest;
  }[] = [];
  try {
    for (const c of list) {
      const peer = await startPeer(c.spec);
      const rssIdleMb = await peer.rssMb();
      const base = peer.origin + c.spec.prefix;
      const token = c.token ? await c.token(base) : 'bench-token';
      const headers = { authorization: `Bearer ${token}`, ...ORIGIN_HEADER };
      running.push({
        c,
        peer,
        rssIdleMb,
        get: { url: base + c.getPath, method: 'GET', headers },
        post: {
          url: base + POST_PATH,
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: POST_BODY,
        },
      });
    }
    const perRound = { ...load, durationSeconds: load.durationSeconds / load.rounds, warmupSeconds: 0 };
    const figures = running.map(() => ({ get: [] as LoadFigures[], post: [] as LoadFigures[] }));
    for (const op of ['get', 'post'] as const) {
      for (const r of running)
        await measureLoad(r[op], { ...load, durationSeconds: load.warmupSeconds, warmupSeconds: 0 });
      for (let round = 0; round < load.rounds; round++) {
        for (let k = 0; k < running.length; k++) {
          const i = (k + round) % running.length;
          const r = running[i] as (typeof running)[number];
          figures[i]?.[op].push(await measureLoad(r[op], perRound));
        }
      }
    }
    const results: PeerResult[] = [];
    for (const [i, r] of running.entries()) {
      const f = figures[i] as (typeof figures)[number];
      results.push({
        name: r.c.spec.name,
        label: r.c.label,
        startMs: round(r.peer.startMs, 0),
        rssIdleMb: r.rssIdleMb,
        rssLoadedMb: await r.peer.rssMb(),
        get: medianFigures(f.get),
        post: medianFigures(f.post),
      });
    }
    return results;
  } finally {
    for (const r of running) await r.peer.stop();
  }
}

/** The median round's rate and latencies; counts of requests and failures over every round. */
function medianFigures(rounds: LoadFigures[]): LoadFigures {
  const median = (pick: (f: LoadFigures) => number) => {
    const sorted = rounds.map(pick).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? 0;
  };
  const sum = (pick: (f: LoadFigures) => number) => rounds.reduce((n, f) => n + pick(f), 0);
  return {
    rps: median((f) => f.rps),
    p50Ms: median((f) => f.p50Ms),
    p99Ms: median((f) => f.p99Ms),
    requests: sum((f) => f.requests),
    non2xx: sum((f) => f.non2xx),
    errors: sum((f) => f.errors),
  };
}

export async function writeFixture(dir: string, fixture: Fixture): Promise<string> {
  const path = join(dir, 'fixture.json');
  await writeFile(path, JSON.stringify(fixture));
  return path;
}
