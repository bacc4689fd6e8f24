import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ROOT_DIR } from '../../mock/openapi/paths.ts';
import { launchChromium } from '../../tests/mock-e2e/support/chromium.ts';
import { buildBrowserMock } from '../build-browser.mjs';
import { publish } from '../publish-build.mjs';
import { type BuiltApp, buildScratchApp, type ChunkSize } from './browser-app.ts';

/** The browser step of `npm run bench`: what the page downloads for the mock, and when it answers. */
export interface BrowserResult {
  chunks: { msw: ChunkSize[]; mock: ChunkSize[]; onDemand: ChunkSize[] };
  /** Sums of the chunks above, bytes minified and gzipped (zlib's default level). */
  sizes: Record<'msw' | 'mock' | 'onDemand', { bytes: number; gzipBytes: number }>;
  viteBuildMs: number;
  /** Milliseconds from the page's import to each step, the median of the rounds, and each round. */
  mock: PageTimes;
  /** The mock's page reloaded, its seed kept in IndexedDB by the first visit. */
  reload: PageTimes;
  msw: PageTimes;
  rounds: number;
}

interface PageTimes {
  /** Modules downloaded and evaluated. */
  loadedMs: number;
  /** createBrowserMockHandlers resolved (the mock only): its seed goes on after, while MSW's worker registers. */
  createdMs?: number;
  /** The seeded state in the store (`mock.seeded`; the mock only). */
  seededMs?: number;
  /** MSW's worker started: requests are answered from here on. */
  startedMs: number;
  /** The first page of data answered (a login and a list of calls; the mock only). */
  answeredMs?: number;
  each: Record<string, number>[];
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.json': 'application/json',
};

/** Serves the build's folder on a loopback port of its own (the page's origin). */
export async function serveFolder(dir: string): Promise<{ origin: string; server: Server }> {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://page').pathname;
    const file = normalize(join(dir, path === '/' ? 'index.html' : path));
    const found = file.startsWith(dir) && (await stat(file).catch(() => undefined))?.isFile();
    if (!found) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/**
 * The page's times, from the page's ask, read from the console line it writes once it has them
 * (`__bench {...}`) as `navigate` loads it. Read from Chromium's protocol, not polled with
 * waitForFunction: Playwright's script in the page (about 40 ms of its main thread, profiled) ran
 * while the page loaded, and was counted in both pages' times.
 */
export async function timesOf(page: Page, navigate: () => Promise<unknown>): Promise<Record<string, number>> {
  const [message] = await Promise.all([
    page.waitForEvent('console', { predicate: (m) => m.text().startsWith(NOTE), timeout: 60_000 }),
    navigate(),
  ]);
  const {
    error,
    asked = 0,
    ...times
  } = JSON.parse(message.text().slice(NOTE.length)) as Record<string, number> & { error?: string };
  if (error) throw new Error(`the page failed: ${error}`);
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, k === 'calls' ? v : v - asked]));
}

/** How the page's console line of times begins (browser-app.ts). */
const NOTE = '__bench ';

/** Whether the page's IndexedDB holds a kept seed yet (it is written after the start). */
const seedKept = () =>
  new Promise<boolean>((resolve) => {
    type Req<T> = { result: T; onsuccess: (() => void) | null; onerror: (() => void) | null };
    type Db = {
      objectStoreNames: { contains(name: string): boolean };
      transaction(name: string): { objectStore(name: string): { count(): Req<number> } };
    };
    const request = (globalThis as unknown as { indexedDB: { open(name: string): Req<Db> } }).indexedDB.open(
      'msw-mock-seed',
    );
    request.onerror = () => resolve(false);
    request.onsuccess = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains('seeds')) return resolve(false);
      const count = db.transaction('seeds').objectStore('seeds').count();
      count.onsuccess = () => resolve(count.result > 0);
      count.onerror = () => resolve(false);
    };
  });

/**
 * A first visit in a fresh context (no cache, no worker registered, nothing kept), then, for the
 * mock's page, a reload once its seed is kept: what a developer's every reload costs.
 */
async function visit(browser: Browser, url: string, reload: boolean): Promise<Record<string, number>[]> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const first = await timesOf(page, () => page.goto(url));
    if (!reload) return [first];
    // Polled: waitForFunction would take the function's promise for a truthy answer.
    let kept = false;
    for (let i = 0; i < 300 && !kept; i++) {
      kept = await page.evaluate(seedKept);
      if (!kept) await new Promise((done) => setTimeout(done, 100));
    }
    if (!kept) throw new Error('the page kept no seed in IndexedDB within 30 s');
    return [first, await timesOf(page, () => page.reload())];
  } finally {
    await context.close();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)] ?? Number.NaN);
};

function summarize(each: Record<string, number>[]): PageTimes {
  const at = (key: string) =>
    each[0]?.[key] === undefined ? undefined : median(each.map((t) => t[key] ?? 0));
  return {
    loadedMs: at('loaded') ?? Number.NaN,
    createdMs: at('created'),
    seededMs: at('seeded'),
    startedMs: at('started') ?? Number.NaN,
    answeredMs: at('answered'),
    each,
  };
}

const total = (chunks: ChunkSize[]) => ({
  bytes: chunks.reduce((n, c) => n + c.bytes, 0),
  gzipBytes: chunks.reduce((n, c) => n + c.gzipBytes, 0),
});

/**
 * Builds the mock package's browser entry (mock/lib/browser, as `npm run build` does), a scratch app that
 * imports it lazily behind `VITE_MOCK=browser` (browser-app.ts) with a production `vite build`,
 * and loads it in Debian's Chromium `rounds` times, each in a fresh context, the page with MSW's
 * worker alone taking turns with it.
 */
export async function measureBrowser(rounds: number, log: (line: string) => void): Promise<BrowserResult> {
  // Built apart, then moved in whole: the suite packs the mock package at the same time.
  await mkdir(join(ROOT_DIR, 'node_modules', '.cache'), { recursive: true });
  const built = await mkdtemp(join(ROOT_DIR, 'node_modules', '.cache', 'bench-browser-'));
  await buildBrowserMock(built);
  await publish(built, join(ROOT_DIR, 'mock', 'lib', 'browser'));
  const dir = await mkdtemp(join(tmpdir(), 'ai-call-center-browser-'));
  let served: { origin: string; server: Server } | undefined;
  let browser: Browser | undefined;
  try {
    log('building a scratch app with vite (the mock imported lazily, behind VITE_MOCK)');
    const app: BuiltApp = await buildScratchApp(dir);
    served = await serveFolder(app.outDir);
    browser = await launchChromium();
    const mock: Record<string, number>[] = [];
    const reloaded: Record<string, number>[] = [];
    const msw: Record<string, number>[] = [];
    // One unmeasured visit each first: the browser's own start is no page's cost.
    await visit(browser, `${served.origin}/msw.html`, false);
    await visit(browser, `${served.origin}/`, false);
    for (let round = 0; round < rounds; round++) {
      log(`loading the page in Chromium, round ${round + 1} of ${rounds}`);
      msw.push(...(await visit(browser, `${served.origin}/msw.html`, false)));
      const [first, again] = await visit(browser, `${served.origin}/`, true);
      mock.push(first as Record<string, number>);
      reloaded.push(again as Record<string, number>);
    }
    return {
      chunks: { msw: app.msw, mock: app.mock, onDemand: app.onDemand },
      sizes: { msw: total(app.msw), mock: total(app.mock), onDemand: total(app.onDemand) },
      viteBuildMs: Math.round(app.buildMs),
      mock: summarize(mock),
      reload: summarize(reloaded),
      msw: summarize(msw),
      rounds,
    };
  } finally {
    await browser?.close();
    if (served) {
      served.server.closeAllConnections();
      await new Promise((done) => served?.server.close(done));
    }
    await rm(dir, { recursive: true, force: true });
  }
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

/** The step's Markdown table: sizes and times, the mock beside MSW's own. */
export function renderBrowserTable(result: BrowserResult): string {
  const { sizes, mock, reload, msw } = result;
  const steps = (t: PageTimes) =>
    `loaded ${t.loadedMs}, handlers ${t.createdMs}, seeded ${t.seededMs}, worker started ${t.startedMs}, first data answered ${t.answeredMs}`;
  const row = (name: string, size: { bytes: number; gzipBytes: number }, times: string) =>
    `| ${name} | ${kB(size.bytes)} | ${kB(size.gzipBytes)} | ${times} |`;
  return [
    `Browser mock in a production vite build (Chromium, median of ${result.rounds} fresh visits)`,
    '',
    '| what the page loads | minified | gzipped | ms after the page asks |',
    '|---|---|---|---|',
    row("MSW's own chunks (msw/browser)", sizes.msw, `worker started ${msw.startedMs}`),
    row('the mock, over MSW: first visit', sizes.mock, steps(mock)),
    `| the same page reloaded (the seed kept in IndexedDB) | | | ${steps(reload)} |`,
    row('the mock on demand (another contract, an upload)', sizes.onDemand, 'not before it is used'),
  ].join('\n');
}
