import type { IncomingMessage } from 'node:http';
import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockOptions } from '../../mock/options.ts';
import { type RunningMock, startMock } from '../../profiles/call-center/package.ts';
import { browserSkipReason, launchChromium } from './support/chromium.ts';
import { type ServedPage, servePage } from './support/serve-page.ts';

// A real browser is the judge of CORS and of the docs page's Content-Security-Policy: only it
// decides what a script may read and what a page may load. Node's fetch ignores both.

const TOKEN_KEY = 'ai_call_center.token';

/**
 * The existing frontend's flow as a page: log in, keep the token in localStorage, list the knowledge
 * base with `Authorization: Bearer` (a preflighted cross-origin request), and show the QAs and the
 * exposed headers it could read. The API's base URL comes in the query (`?api=`).
 */
const FRONTEND_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>frontend</title><link rel="icon" href="data:,"></head>
<body>
  <p id="status">loading</p>
  <p>total <span id="total"></span>, request <span id="request-id"></span>,
    remaining <span id="remaining"></span>, frame options <span id="hidden"></span></p>
  <ul id="qas"></ul>
  <script type="module">
    const API = new URLSearchParams(location.search).get('api');
    const show = (id, text) => { document.getElementById(id).textContent = text; };
    try {
      const login = await fetch(API + '/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'admin@example.com', password: 'admin123' }),
      });
      const data = await login.json();
      localStorage.setItem(${JSON.stringify(TOKEN_KEY)}, data.token);
      const res = await fetch(API + '/qa?pageSize=100', {
        headers: { Authorization: 'Bearer ' + localStorage.getItem(${JSON.stringify(TOKEN_KEY)}) },
      });
      const page = await res.json();
      show('total', String(page.total));
      show('request-id', res.headers.get('X-Request-Id') ?? 'unreadable');
      show('remaining', res.headers.get('RateLimit-Remaining') ?? 'unreadable');
      show('hidden', res.headers.get('X-Frame-Options') ?? 'unreadable');
      document.getElementById('qas').replaceChildren(...page.items.map((qa) => {
        const li = document.createElement('li');
        li.textContent = qa.question;
        return li;
      }));
      show('status', 'loaded ' + res.status);
    } catch (error) {
      show('status', 'error ' + error.name + ': ' + error.message);
    }
  </script>
</body>
</html>
`;

// Page scripts are strings: the tests are type-checked without the DOM library, as Node code.
const RECORD_CSP_REFUSALS = `window.cspRefused = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.cspRefused.push(event.violatedDirective + ' ' + event.blockedURI);
});`;

interface Seen {
  method: string;
  url: string;
  origin: string | undefined;
}

/** Records every request that reaches the mock's HTTP server, beside (not instead of) the app. */
function recordRequests(mock: RunningMock): Seen[] {
  const seen: Seen[] = [];
  mock.server.prependListener('request', (req: IncomingMessage) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', origin: req.headers.origin });
  });
  return seen;
}

/** Console errors and uncaught exceptions of a page, collected as they happen. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

async function qaQuestions(mock: RunningMock): Promise<string[]> {
  const login = await fetch(`${mock.baseUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@example.com', password: 'admin123' }),
  });
  const { token } = (await login.json()) as { token: string };
  const res = await fetch(`${mock.baseUrl}/qa?pageSize=100`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return ((await res.json()) as { items: { question: string }[] }).items.map((qa) => qa.question);
}

const skipReason = browserSkipReason();
if (skipReason) console.warn(`browser tests skipped: ${skipReason}`);

const title = `the mock in headless Chromium${skipReason ? ` (skipped: ${skipReason})` : ''}`;

describe.skipIf(skipReason !== undefined)(title, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  /**
   * Opens `url` in a fresh context (its own localStorage) and hands the page to `use`, with the
   * errors it logs. `initScript` runs in the page before any of its own scripts.
   */
  async function withPage<T>(
    url: string,
    use: (page: Page, errors: string[], response: Response | null) => Promise<T>,
    initScript?: string,
  ): Promise<T> {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const errors = collectErrors(page);
      if (initScript) await page.addInitScript({ content: initScript });
      return await use(page, errors, await page.goto(url));
    } finally {
      await context.close();
    }
  }

  const variants: [string, { rateLimit: MockOptions['rateLimit']; remaining: RegExp }][] = [
    ['rate limits off', { rateLimit: 0, remaining: /^unreadable$/ }],
    ["the spec's rate limits", { rateLimit: undefined, remaining: /^\d+$/ }],
  ];

  describe.each(variants)('a page on an allowed origin (%s)', (_name, { rateLimit, remaining }) => {
    let mock: RunningMock;
    let frontend: ServedPage;
    let seen: Seen[];

    beforeAll(async () => {
      // The page's port is known only once it listens, and the mock must allow exactly that
      // origin: CORS_ORIGINS (corsOrigins), the documented production mechanism, replaces the
      // spec's development list, so the test never depends on port 5173 being free.
      frontend = await servePage(FRONTEND_PAGE);
      mock = await startMock({ port: 0, log: 'off', rateLimit, calls: 20, corsOrigins: [frontend.origin] });
      seen = recordRequests(mock);
    });
    afterAll(async () => {
      await frontend?.close();
      await mock?.close();
    });

    it('logs in, keeps the token, lists the QAs and reads the exposed headers', async () => {
      const want = await qaQuestions(mock);
      expect(want.length).toBeGreaterThan(0);
      await withPage(`${frontend.origin}/?api=${encodeURIComponent(mock.baseUrl)}`, async (page, errors) => {
        await page.waitForFunction("document.getElementById('status').textContent !== 'loading'");
        expect(await page.textContent('#status')).toBe('loaded 200');
        expect(await page.locator('#qas li').allTextContents()).toEqual(want);
        expect(await page.textContent('#total')).toBe(String(want.length));
        expect(await page.textContent('#request-id')).toMatch(/^[\w-]{8,}$/);
        expect(await page.textContent('#remaining')).toMatch(remaining);
        // Sent by the mock (helmet) but not in x-cors.exposedHeaders: the browser hides it.
        expect(await page.textContent('#hidden')).toBe('unreadable');
        const token = await page.evaluate<string | null>(
          `localStorage.getItem(${JSON.stringify(TOKEN_KEY)})`,
        );
        expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
        expect(errors).toEqual([]);
      });
      const preflights = seen.filter((r) => r.method === 'OPTIONS' && r.origin === frontend.origin);
      expect(preflights.map((r) => r.url)).toEqual(['/api/auth/login', '/api/qa?pageSize=100']);
    });
  });

  describe('a page on a disallowed origin', () => {
    let mock: RunningMock;
    let stranger: ServedPage;
    let seen: Seen[];

    beforeAll(async () => {
      // Strict mode (CORS_STRICT): the spec's list (Vite's ports) and nothing else. By default any
      // loopback port is a development origin, and this page's random port would be let in.
      stranger = await servePage('<!doctype html><title>stranger</title><link rel="icon" href="data:,">');
      mock = await startMock({ port: 0, log: 'off', rateLimit: 0, calls: 20, corsStrict: true });
      seen = recordRequests(mock);
    });
    afterAll(async () => {
      await stranger?.close();
      await mock?.close();
    });

    const blocked: [string, { path: string; init: RequestInit; reaching: string[] }][] = [
      [
        'a preflighted POST /auth/login: the preflight fails, the POST is never sent',
        {
          path: '/auth/login',
          init: {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ email: 'admin@example.com', password: 'admin123' }),
          },
          reaching: ['OPTIONS'],
        },
      ],
      [
        'a simple GET /health: sent and answered, but the script may not read it',
        { path: '/health', init: {}, reaching: ['GET'] },
      ],
    ];

    it.each(blocked)('blocks %s', async (_name, { path, init, reaching }) => {
      const outcome = await withPage(`${stranger.origin}/`, async (page, errors) => {
        const result = await page.evaluate(
          async ({ url, init }) => {
            try {
              return `read ${(await fetch(url, init)).status}`;
            } catch (error) {
              return `${(error as Error).name}: ${(error as Error).message}`;
            }
          },
          { url: mock.baseUrl + path, init },
        );
        return { result, errors };
      });
      expect(outcome.result).toBe('TypeError: Failed to fetch');
      expect(outcome.errors.join('\n')).toContain('blocked by CORS policy');
      const reached = seen.filter((r) => r.origin === stranger.origin && r.url === `/api${path}`);
      expect(reached.map((r) => r.method)).toEqual(reaching);
    });
  });

  describe('the API reference at /api/docs', () => {
    let mock: RunningMock;
    beforeAll(async () => {
      mock = await startMock({ port: 0, log: 'off', rateLimit: 0, calls: 20 });
    });
    afterAll(() => mock?.close());

    it('renders Swagger UI with every operation, within the Content-Security-Policy', async () => {
      // The browser reports what the CSP refused as events, besides any console message.
      await withPage(
        `${mock.baseUrl}/docs`,
        async (page, errors, response) => {
          expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
          const title = page.locator('.swagger-ui .info .title');
          await title.waitFor();
          expect(await title.textContent()).toContain('AI Call Center API');
          const operations = page.locator('.swagger-ui .opblock');
          await expect.poll(() => operations.count(), { timeout: 15_000 }).toBe(mock.ctx.operations.size);
          expect(await page.locator('.opblock-summary-path').allTextContents()).toContain('/voip/calls');
          expect(await page.evaluate<string[]>('window.cspRefused')).toEqual([]);
          expect(errors).toEqual([]);
        },
        RECORD_CSP_REFUSALS,
      );
    });

    // The mock listens on a random port here (never the contract's 3001), and is opened both at
    // 127.0.0.1 and at localhost: "Try it out" must reach the origin the page came from, each time.
    it.each(['127.0.0.1', 'localhost'])(
      'runs "Try it out" on GET /health at %s on a random port: 200',
      async (host) => {
        const origin = `http://${host}:${mock.port}`;
        const seen = recordRequests(mock);
        await withPage(
          `${origin}/api/docs#/system/getHealth`,
          async (page, errors, response) => {
            expect(response?.headers()['content-security-policy']).toContain("connect-src 'self'");
            const operation = page.locator('#operations-system-getHealth');
            await operation.locator('button.try-out__btn').click();
            await operation.locator('button.execute').click();
            const status = operation.locator('.live-responses-table tbody .response-col_status');
            await expect.poll(() => status.first().textContent(), { timeout: 15_000 }).toContain('200');
            expect(await operation.locator('.request-url pre').textContent()).toBe(`${origin}/api/health`);
            expect(await page.evaluate<string[]>('window.cspRefused')).toEqual([]);
            expect(errors).toEqual([]);
          },
          RECORD_CSP_REFUSALS,
        );
        expect(seen.filter((r) => r.url === '/api/health').map((r) => r.method)).toEqual(['GET']);
      },
    );
  });
});
