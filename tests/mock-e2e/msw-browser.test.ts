import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { build, stop } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../mock/openapi/paths.ts';
import { makeWav } from '../../profiles/call-center/seed/wav.ts';
import { buildBrowserMock } from '../../scripts/build-browser.mjs';
import { browserSkipReason, launchChromium } from './support/chromium.ts';
import { type Asset, type ServedPage, servePage } from './support/serve-page.ts';

// The MSW handlers in a real browser: a page registers MSW's service worker with the handlers the
// package ships for `./msw/browser` (profiles/call-center/browser.ts built by
// scripts/build-browser.mjs, faker's data and the contract prepared at build time, chunks loaded
// on demand), bundled with the page's script as a frontend's bundler would, and its own fetch
// calls, same-origin and relative as a frontend's are, get the mock's answers with no server
// behind them: the static server below serves only the page, its scripts and the worker.

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>msw</title><link rel="icon" href="data:,"></head>
<body><p id="status">loading</p><script type="module" src="/page.js"></script></body></html>`;

/** The page's script: the handlers, the worker, and a flag the test waits for. */
const PAGE_SCRIPT = `
import { setupWorker } from 'msw/browser';
import { createBrowserMockHandlers } from './msw-browser.js';
try {
  const { handlers, mock } = await createBrowserMockHandlers({ seed: 42, calls: 50 });
  await setupWorker(...handlers).start({ quiet: true, onUnhandledRequest: 'bypass' });
  window.mock = mock;
  document.getElementById('status').textContent = 'ready';
} catch (error) {
  document.getElementById('status').textContent = 'error ' + (error && error.stack || error);
}
`;

const skip = browserSkipReason();

describe.skipIf(skip)('the MSW handlers in Chromium (a service worker, no server)', () => {
  let browser: Browser;
  let page: Page;
  let served: ServedPage;

  const built = mkdtemp(join(tmpdir(), 'msw-browser-build-'));

  beforeAll(async () => {
    const lib = await built;
    await buildBrowserMock(lib);
    const bundle = await build({
      stdin: { contents: PAGE_SCRIPT, resolveDir: lib, loader: 'js', sourcefile: 'page.js' },
      bundle: true,
      splitting: true,
      outdir: join(lib, 'page'),
      // msw, from outside the build's folder: the app's own, as in a frontend's node_modules.
      nodePaths: [join(ROOT_DIR, 'node_modules')],
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      write: false,
      logLevel: 'silent',
    });
    // The page's script and the chunks it loads on demand, each at its own path.
    const assets: Record<string, Asset> = {};
    for (const file of bundle.outputFiles) {
      const path = `/${relative(join(lib, 'page'), file.path)}`;
      assets[path === '/stdin.js' ? '/page.js' : path] = { type: 'text/javascript', body: file.text };
    }
    const worker = readFileSync(createRequire(import.meta.url).resolve('msw/mockServiceWorker.js'), 'utf8');
    served = await servePage(PAGE, {
      ...assets,
      '/mockServiceWorker.js': { type: 'text/javascript', body: worker },
    });
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(served.origin);
    await pageReady();
  }, 120_000);

  /** Waits for the page's script to end (bounded) and holds that it made the mock ready. */
  async function pageReady() {
    await page.waitForFunction(
      () => {
        const text = (
          globalThis as unknown as { document: { getElementById(id: string): { textContent: string } } }
        ).document.getElementById('status').textContent;
        return text !== 'loading';
      },
      undefined,
      { timeout: 60_000 },
    );
    expect(await page.textContent('#status')).toBe('ready');
  }

  afterAll(async () => {
    await browser?.close();
    await served?.close();
    await rm(await built, { recursive: true, force: true });
    // esbuild's service would outlive the file by a moment, and the suite's end counts it left over.
    await stop();
  });

  /** Runs `fetch` in the page and answers status, content type and body (JSON, or its length). */
  const call = (
    path: string,
    init: { method?: string; headers?: Record<string, string>; body?: string } = {},
  ) =>
    page.evaluate(
      async ({ path, init }) => {
        const res = await fetch(path, init);
        const type = res.headers.get('content-type') ?? '';
        const body = type.includes('json') ? await res.json() : (await res.arrayBuffer()).byteLength;
        return { status: res.status, type, body, requestId: res.headers.get('x-request-id') };
      },
      { path, init },
    );

  let token = '';
  const auth = () => ({ Authorization: `Bearer ${token}` });

  it('answers the health check and a login from the engine in the page', async () => {
    expect((await call('/api/health')).status).toBe(200);
    const login = await call('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.com', password: 'admin123' }),
    });
    expect(login.status).toBe(200);
    token = (login.body as { token: string }).token;
    expect(token).toMatch(/^ey/);
  });

  it('refuses without a token, in the contract problem format', async () => {
    const refused = await call('/api/qa');
    expect(refused.status).toBe(401);
    expect(refused.type).toContain('application/problem+json');
    expect((refused.body as { code: string }).code).toBe('token_missing');
    expect(refused.requestId).toBeTruthy();
  });

  it('serves the seeded knowledge base and keeps what is created', async () => {
    const list = await call('/api/qa?pageSize=5', { headers: auth() });
    expect(list.status).toBe(200);
    const page1 = list.body as { items: { id: string }[]; total: number };
    expect(page1.items).toHaveLength(5);
    const topic = (await call('/api/topics', { headers: auth() })).body as { items: { id: string }[] };
    const created = await call('/api/qa', {
      method: 'POST',
      headers: { ...auth(), 'Content-Type': 'application/json' },
      body: JSON.stringify({
        question: 'Brauzerda ishlaydimi?',
        answer: 'Ha, MSW orqali.',
        topicId: topic.items[0]?.id,
      }),
    });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    const read = await call(`/api/qa/${id}`, { headers: auth() });
    expect(read.status).toBe(200);
    expect((read.body as { question: string }).question).toBe('Brauzerda ishlaydimi?');
    const after = (await call('/api/qa?pageSize=5', { headers: auth() })).body as { total: number };
    expect(after.total).toBe(page1.total + 1);
  });

  it('validates requests: a bad body is a 400 naming the field', async () => {
    const bad = await call('/api/qa', {
      method: 'POST',
      headers: { ...auth(), 'Content-Type': 'application/json' },
      body: JSON.stringify({ question: '' }),
    });
    expect(bad.status).toBe(400);
    const fields = (bad.body as { errors: { field: string }[] }).errors.map((e) => e.field);
    expect(fields.join(' ')).toMatch(/question|answer/);
    const malformed = await call('/api/qa', {
      method: 'POST',
      headers: { ...auth(), 'Content-Type': 'application/json' },
      body: '{"question":',
    });
    expect(malformed.status).toBe(400);
    expect((malformed.body as { code: string }).code).toBe('malformed_json');
  });

  it('obeys Prefer: a documented example status on request', async () => {
    const preferred = await call('/api/qa', { headers: { ...auth(), Prefer: 'code=500' } });
    expect(preferred.status).toBe(500);
    expect(preferred.type).toContain('json');
  });

  it('takes an upload as FormData, keeps it in memory and serves its bytes back', async () => {
    const wav = [...makeWav({ seconds: 1, notes: [440, 523] })];
    const uploaded = await page.evaluate(
      async ({ wav, token }) => {
        const form = new FormData();
        form.set('file', new File([new Uint8Array(wav)], 'beep.wav', { type: 'audio/wav' }));
        form.set('description', 'from the browser');
        const res = await fetch('/api/voip/file', {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}` },
          body: form,
        });
        const file = (await res.json()) as { downloadUrl: string };
        const content = await fetch(file.downloadUrl, { headers: { Authorization: `Bearer ${token}` } });
        return {
          status: res.status,
          file,
          contentStatus: content.status,
          bytes: (await content.arrayBuffer()).byteLength,
        };
      },
      { wav, token },
    );
    expect(uploaded.status).toBe(201);
    expect(uploaded.file).toMatchObject({
      format: 'wav',
      sizeBytes: wav.length,
      durationSeconds: 1,
      channels: 1,
    });
    expect(uploaded.contentStatus).toBe(200);
    expect(uploaded.bytes).toBe(wav.length);
  });

  it("sends real-time events on the page's own WebSocket: ready, then the call it places", async () => {
    const seen = await page.evaluate(async (token) => {
      const types: string[] = [];
      const socket = new WebSocket(`ws://localhost:3001/api/ws?token=${token}`);
      const done = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no call.created within 10 s: ${types}`)), 10_000);
        socket.addEventListener('message', (event) => {
          const message = JSON.parse(String(event.data)) as { type: string };
          types.push(message.type);
          if (message.type === 'ready')
            void fetch('/api/voip/call', {
              method: 'POST',
              headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
              body: JSON.stringify({ targetNumber: '+998901234500' }),
            });
          if (message.type === 'call.created') {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      await done;
      socket.close();
      return types;
    }, token);
    expect(seen[0]).toBe('ready');
    expect(seen).toContain('call.created');
  });

  it('refuses a socket without a valid token with 4401 and the problem code', async () => {
    const closed = await page.evaluate(
      () =>
        new Promise<{ code: number; reason: string }>((resolve) => {
          const socket = new WebSocket('ws://localhost:3001/api/ws?token=not-a-token');
          socket.addEventListener('close', (event) => resolve({ code: event.code, reason: event.reason }));
        }),
    );
    expect(closed).toEqual({ code: 4401, reason: 'token_invalid' });
  });

  it('places a call that the profile progresses, and reset() restores the seed', async () => {
    const placed = await call('/api/voip/call', {
      method: 'POST',
      headers: { ...auth(), 'Content-Type': 'application/json' },
      body: JSON.stringify({ targetNumber: '+998901234567' }),
    });
    expect(placed.status).toBe(201);
    const before = (await call('/api/qa?pageSize=1', { headers: auth() })).body as { total: number };
    await page.evaluate(() => (globalThis as unknown as { mock: { reset(): Promise<void> } }).mock.reset());
    const after = (await call('/api/qa?pageSize=1', { headers: auth() })).body as { total: number };
    expect(after.total).toBe(before.total - 1);
  });

  it('keeps its seed in IndexedDB and reads it at the next load of the page, not seeding again', async () => {
    // The kept state is written after the start: wait for it (bounded), then mark a record in it.
    // (waitForFunction would take the function's promise for a truthy answer: polled here.)
    let marked = false;
    for (let i = 0; i < 300 && !marked; i++) {
      marked = await page.evaluate(keptSeedMarked);
      if (!marked) await new Promise((done) => setTimeout(done, 100));
    }
    expect(marked, 'a seed kept in IndexedDB within 30 s').toBe(true);
    await page.reload();
    await pageReady();
    const login = await call('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.com', password: 'admin123' }),
    });
    token = (login.body as { token: string }).token;
    const topics = (await call('/api/topics?pageSize=100', { headers: auth() })).body as {
      items: { name: string }[];
    };
    // Only a state read from IndexedDB holds the mark: a seed made again would not.
    expect(topics.items.map((t) => t.name)).toContain('Kept in IndexedDB');
  }, 60_000);
});

/**
 * In the page: renames the first topic of the seed kept in IndexedDB (mock/browser/
 * indexeddb-seed-cache.ts) to 'Kept in IndexedDB'; false while nothing is kept yet.
 */
function keptSeedMarked(): Promise<boolean> {
  type Req<T> = { result: T; onsuccess: (() => void) | null; onerror: (() => void) | null };
  type Entry = { snapshot: { topics: { name: string }[] } };
  type Store = {
    getAllKeys(): Req<string[]>;
    get(key: string): Req<Entry>;
    put(value: Entry, key: string): Req<unknown>;
  };
  type Db = {
    objectStoreNames: { contains(name: string): boolean };
    transaction(name: string, mode: string): { objectStore(name: string): Store };
  };
  const done = <T>(request: Req<T>) =>
    new Promise<T>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(new Error('IndexedDB refused'));
    });
  const factory = (globalThis as unknown as { indexedDB: { open(name: string): Req<Db> } }).indexedDB;
  return done(factory.open('msw-mock-seed')).then(async (db) => {
    if (!db.objectStoreNames.contains('seeds')) return false;
    const store = db.transaction('seeds', 'readwrite').objectStore('seeds');
    const [key] = await done(store.getAllKeys());
    if (key === undefined) return false;
    const entry = await done(store.get(key));
    const topic = entry.snapshot.topics[0];
    if (!topic) return false;
    topic.name = 'Kept in IndexedDB';
    await done(store.put(entry, key));
    return true;
  });
}
