import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Call } from '../../profiles/call-center/models.ts';
import { type RunningMock, startMock } from '../../profiles/call-center/package.ts';
import { browserSkipReason, launchChromium } from '../mock-e2e/support/chromium.ts';
import { type ServedPage, servePage } from '../mock-e2e/support/serve-page.ts';
import { REALTIME_TEST_OPTIONS } from './support.ts';

// The README's browser example, run as written in headless Chromium: the "done when" is a
// page that sees a placed call ring, connect and end, in order, agreeing with the REST API.

const README = fileURLToPath(new URL('../../docs/realtime.md', import.meta.url));

/** The ```html block of the README, taking the API's URL from the page's `?api=`. */
async function examplePage(): Promise<string> {
  const markdown = await readFile(README, 'utf8');
  const html = /```html\n([\s\S]*?)```/.exec(markdown)?.[1];
  if (!html) throw new Error('README.md has no html example');
  expect(html).toContain("const API = 'http://localhost:3001/api';");
  return html.replace(
    "const API = 'http://localhost:3001/api';",
    "const API = new URLSearchParams(location.search).get('api');",
  );
}

const skipReason = browserSkipReason();

describe.skipIf(skipReason !== undefined)('the README example in a browser', () => {
  let browser: Browser;
  let mock: RunningMock;
  let frontend: ServedPage;
  let token: string;

  beforeAll(async () => {
    // The page's origin is known once it listens; the mock then allows exactly that origin.
    frontend = await servePage(await examplePage());
    mock = await startMock({ ...REALTIME_TEST_OPTIONS, corsOrigins: [frontend.origin] });
    const login = await fetch(`${mock.baseUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.com', password: 'admin123' }),
    });
    token = ((await login.json()) as { token: string }).token;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await frontend?.close();
    await mock?.close();
  });

  it('shows a placed call go queued, ringing, in progress and completed, as GET answers it', async () => {
    const context = await browser.newContext();
    // The existing frontend keeps the token here after its login page.
    await context.addInitScript(`localStorage.setItem('ai_call_center.token', ${JSON.stringify(token)});`);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${frontend.origin}/?api=${encodeURIComponent(mock.baseUrl)}`);
    await expect.poll(() => mock.realtime.stats().clients).toBe(1);
    await page.click('#call');
    const row = page.locator('#calls li').first();
    await row.filter({ hasText: /\(\d+ s, / }).waitFor();
    const shown = await row.textContent();
    expect(shown).toMatch(/^\+998900000001: queued → ringing → in_progress → completed \(\d+ s, \w+\)$/);
    const calls = (await (
      await fetch(`${mock.baseUrl}/voip/calls?targetNumber=%2B998900000001`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as { items: Call[] };
    const call = calls.items[0] as Call;
    expect(shown).toContain(`(${call.durationSeconds} s, ${call.outcome})`);
    expect(await row.getAttribute('title')).toBe(call.summary);
    expect(errors).toEqual([]);
    await context.close();
  });
});
