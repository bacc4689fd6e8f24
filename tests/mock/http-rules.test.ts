import { request } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import type { Problem } from '../../profiles/call-center/models.ts';
import { useMock } from './support.ts';

const t = await useMock({ corsOrigins: undefined });
const custom = await useMock({ corsOrigins: ['https://app.example.uz'], corsStrict: true });
const strict = await useMock({ corsStrict: true });
const limited = await useMock({ rateLimit: 3 });
const body = async <T>(res: Response) => (await res.json()) as T;

describe('bad input gets a clear problem, never a crash', () => {
  it.each([
    [
      'malformed JSON',
      { body: '{"question": ', headers: { 'content-type': 'application/json' } },
      400,
      'malformed_json',
    ],
    [
      'a body that is not JSON',
      { body: 'question=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      415,
      'unsupported_media_type',
    ],
    [
      'an empty body',
      { body: '', headers: { 'content-type': 'application/json' } },
      400,
      'validation_failed',
    ],
    [
      'a body over 1 MB',
      {
        body: JSON.stringify({ question: 'x'.repeat(1_100_000), answer: 'y' }),
        headers: { 'content-type': 'application/json' },
      },
      413,
      'payload_too_large',
    ],
    [
      'a __proto__ key',
      {
        body: '{"question":"Savol bormi?","answer":"ha","__proto__":{"admin":true}}',
        headers: { 'content-type': 'application/json' },
      },
      400,
      'validation_failed',
    ],
  ])('%s', async (_, init, status, code) => {
    const res = await t.call('/qa', { method: 'POST', ...init });
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = await body<Problem>(res);
    expect(problem).toMatchObject({
      status,
      code,
      instance: '/api/qa',
      type: `https://ai-call-center.example/problems/${code}`,
    });
    expect(problem.requestId).toBe(res.headers.get('x-request-id'));
    expect(JSON.stringify(problem)).not.toMatch(/at .*\.ts:\d+|node_modules|\/work\//);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('lists every offending field of a body, not only the first', async () => {
    const res = await t.call('/qa', {
      method: 'POST',
      body: JSON.stringify({ question: 'ab', answer: '', tags: 'x', enabled: 'yes' }),
    });
    const problem = await body<Problem>(res);
    // One entry per broken rule: the empty answer breaks both minLength and the not-blank pattern.
    expect([...new Set(problem.errors?.map((e) => e.field))].sort()).toEqual([
      '/answer',
      '/enabled',
      '/question',
      '/tags',
    ]);
    expect(
      problem.errors
        ?.filter((e) => e.field === '/answer')
        .map((e) => e.code)
        .sort(),
    ).toEqual(['minLength', 'pattern']);
    expect(problem.detail).toBe('4 fields are not valid.');
  });

  it('answers 404 route_not_found for an unknown path or method', async () => {
    for (const [method, path] of [
      ['GET', '/nope'],
      ['PATCH', '/qa'],
      ['POST', '/statistics'],
    ] as const) {
      const res = await t.call(path, { method });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect((await body<Problem>(res)).code).toBe('route_not_found');
    }
  });

  it('keeps a sane client request id and replaces an unsafe one', async () => {
    expect(
      (await t.call('/health', { headers: { 'x-request-id': 'abc-123' } })).headers.get('x-request-id'),
    ).toBe('abc-123');
    expect(
      (await t.call('/health', { headers: { 'x-request-id': 'a b<script>' } })).headers.get('x-request-id'),
    ).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 431 to oversized headers', async () => {
    const status = await new Promise<number>((done) => {
      const req = request(`${t.base}/health`, { headers: { 'x-big': 'x'.repeat(20_000) } }, (res) =>
        done(res.statusCode ?? 0),
      );
      req.on('error', () => done(0));
      req.end();
    });
    expect(status).toBe(431);
  });
});

describe('CORS as x-cors declares', () => {
  const preflight = (base: string, origin: string) =>
    fetch(`${base}/qa`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });

  it.each(['http://localhost:5173', 'http://127.0.0.1:5173'])(
    'lets Vite on %s in: preflight and actual response',
    async (origin) => {
      const pre = await preflight(t.base, origin);
      expect(pre.status).toBe(204);
      expect(pre.headers.get('access-control-allow-origin')).toBe(origin);
      expect(pre.headers.get('access-control-allow-methods')).toBe('GET,POST,PUT,DELETE,OPTIONS');
      expect(pre.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
      expect(pre.headers.get('access-control-allow-credentials')).toBe('true');
      expect(pre.headers.get('access-control-max-age')).toBe('600');
      const actual = await t.call('/qa', { headers: { origin } });
      expect(actual.headers.get('access-control-allow-origin')).toBe(origin);
      expect(actual.headers.get('vary')).toContain('Origin');
      expect(actual.headers.get('access-control-expose-headers')).toContain('RateLimit-Remaining');
      expect(actual.headers.get('access-control-expose-headers')).toContain('WWW-Authenticate');
    },
  );

  it("lets Vite's fallback port 5174 in with no setting (any loopback port in development)", async () => {
    for (const origin of ['http://localhost:5174', 'http://127.0.0.1:5174', 'http://[::1]:5174']) {
      const pre = await preflight(t.base, origin);
      expect(pre.status).toBe(204);
      expect(pre.headers.get('access-control-allow-origin')).toBe(origin);
      const actual = await t.call('/qa', { headers: { origin } });
      expect(actual.headers.get('access-control-allow-origin')).toBe(origin);
    }
  });

  it('gives any other origin no CORS header at all, and names it and CORS_ORIGINS once in the log', async () => {
    const warn = vi.spyOn(t.mock.logger, 'warn');
    try {
      const pre = await preflight(t.base, 'http://evil.example');
      expect(pre.headers.get('access-control-allow-origin')).toBeNull();
      const actual = await t.call('/qa', { headers: { origin: 'http://evil.example' } });
      expect(actual.headers.get('access-control-allow-origin')).toBeNull();
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]?.[0])).toMatch(/http:\/\/evil\.example.*CORS_ORIGINS/);
    } finally {
      warn.mockRestore();
    }
  });

  it('keeps exactly the list in strict mode (CORS_STRICT): 5174 is refused, 5173 let in', async () => {
    expect(
      (await preflight(strict.base, 'http://localhost:5174')).headers.get('access-control-allow-origin'),
    ).toBeNull();
    expect(
      (await preflight(strict.base, 'http://localhost:5173')).headers.get('access-control-allow-origin'),
    ).toBe('http://localhost:5173');
  });

  it('lets CORS_ORIGINS replace the development list in strict mode', async () => {
    expect(
      (await preflight(custom.base, 'https://app.example.uz')).headers.get('access-control-allow-origin'),
    ).toBe('https://app.example.uz');
    expect(
      (await preflight(custom.base, 'http://localhost:5173')).headers.get('access-control-allow-origin'),
    ).toBeNull();
  });
});

describe('rate limits as x-rate-limits declares', () => {
  it('sends the draft-6 headers on every answer and 429 with Retry-After past the limit', async () => {
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await limited.call('/topics'));
    expect(answers.slice(0, 3).map((r) => r.status)).toEqual([200, 200, 200]);
    expect(answers.map((r) => r.headers.get('ratelimit-remaining'))).toEqual(['2', '1', '0', '0']);
    expect(answers[0]?.headers.get('ratelimit-limit')).toBe('3');
    expect(answers[0]?.headers.get('ratelimit-policy')).toBe('3;w=60');
    expect(Number(answers[0]?.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
    const refused = answers[3] as Response;
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await body<Problem>(refused)).code).toBe('rate_limited');
  });

  it('counts login apart, with its own stricter policy', async () => {
    const res = await fetch(`${limited.base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email":"a@b.uz","password":"x"}',
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('ratelimit-policy')).toBe('10;w=60');
  });

  it('never limits the health check', async () => {
    for (let i = 0; i < 5; i++) expect((await limited.call('/health')).status).toBe(200);
    expect((await limited.call('/health')).headers.get('ratelimit-limit')).toBeNull();
  });

  it('is off with MOCK_RATE_LIMIT=0', async () => {
    expect((await t.call('/topics')).headers.get('ratelimit-limit')).toBeNull();
  });
});
