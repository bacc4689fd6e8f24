import { describe, expect, it } from 'vitest';
import { useMock } from '../mock/support.ts';

const t = await useMock();

/** Every answer: render nothing from it, frame it nowhere, never sniff, never pin to HTTPS. */
function expectCommonHeaders(res: Response) {
  const h = res.headers;
  expect(h.get('x-content-type-options')).toBe('nosniff');
  expect(h.get('referrer-policy')).toBe('no-referrer');
  // Audio downloads play in an <audio> of the frontend's origin.
  expect(h.get('cross-origin-resource-policy')).toBe('cross-origin');
  // Plain HTTP on a developer's machine: nothing may be upgraded or pinned to HTTPS.
  expect(h.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
  expect(h.get('strict-transport-security')).toBeNull();
  expect(h.get('x-powered-by')).toBeNull();
}

/** An API answer is never a document (OWASP REST Security): it may load and frame nothing. */
function expectApiHeaders(res: Response) {
  expectCommonHeaders(res);
  expect(res.headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none'");
  expect(res.headers.get('x-frame-options')).toBe('DENY');
}

/** A page the browser renders (the docs) gets helmet's defaults: same-origin scripts and styles. */
function expectDocumentHeaders(res: Response) {
  expectCommonHeaders(res);
  const h = res.headers;
  expect(h.get('x-frame-options')).toBe('SAMEORIGIN');
  expect(h.get('cross-origin-opener-policy')).toBe('same-origin');
  expect(h.get('x-dns-prefetch-control')).toBe('off');
  const csp = h.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("frame-ancestors 'self'");
}

describe('security headers (helmet)', () => {
  it.each([
    ['a list', '/topics'],
    ['a problem', '/nope'],
    ['the health check', '/health'],
  ])('on %s: the API set', async (_, path) => {
    expectApiHeaders(await t.call(path));
  });

  it('on an audio download: the API set', async () => {
    const files = (await (await t.call('/voip/file?pageSize=1')).json()) as { items: { id: string }[] };
    const id = files.items[0]?.id;
    expect(id).toBeDefined();
    const res = await t.call(`/voip/file/${id}/content`);
    expect(res.status).toBe(200);
    expectApiHeaders(res);
    await res.arrayBuffer();
  });
});

describe('the docs page still works under that policy', () => {
  it('loads only same-origin scripts and styles, with no inline script, each answering 200', async () => {
    const page = await fetch(`${t.base}/docs`);
    expect(page.status).toBe(200);
    expectDocumentHeaders(page);
    const html = await page.text();
    // CSP script-src 'self' forbids inline scripts: every <script> must have a same-origin src.
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, inline] of scripts) {
      expect(inline?.trim()).toBe('');
      expect(attributes).toMatch(/src="\/api\/docs\//);
    }
    expect(html).not.toMatch(/\son\w+=/); // no inline event handlers either (script-src-attr 'none')
    const assets = [...html.matchAll(/(?:src|href)="(\/[^"]+)"/g)].map((m) => m[1] as string);
    expect(assets.length).toBeGreaterThanOrEqual(3);
    for (const asset of assets) {
      const res = await fetch(t.mock.origin + asset);
      expect(res.status, asset).toBe(200);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      if (asset.endsWith('.js')) expect(res.headers.get('content-type'), asset).toContain('javascript');
      if (asset.endsWith('.css')) expect(res.headers.get('content-type'), asset).toContain('text/css');
      await res.arrayBuffer();
    }
  });

  it('points Swagger UI at the contract on the same origin, and its requests there too', async () => {
    const init = await (await fetch(`${t.base}/docs/init.js`)).text();
    const url = /fetch\('([^']+)'\)/.exec(init)?.[1] ?? '';
    expect(url.startsWith('/')).toBe(true);
    expect(init).toContain("spec.servers = [{ url: window.location.origin + '/api'");
    const spec = await fetch(t.mock.origin + url);
    expect(spec.status).toBe(200);
    expect(((await spec.json()) as { openapi: string }).openapi).toBe('3.0.3');
  });
});
