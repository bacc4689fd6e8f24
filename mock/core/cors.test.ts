import { describe, expect, it } from 'vitest';
import type { CorsPolicy } from '../openapi/extensions.ts';
import { corsPolicy, isLoopbackOrigin } from './cors.ts';

const POLICY: CorsPolicy = {
  allowedOrigins: ['http://localhost:5173', 'https://staging.example.uz'],
  productionOriginsEnv: 'CORS_ORIGINS',
  allowedMethods: ['GET', 'POST'],
  allowedHeaders: ['Authorization', 'Content-Type'],
  exposedHeaders: ['X-Request-Id'],
  allowCredentials: true,
  maxAgeSeconds: 600,
};

describe('isLoopbackOrigin', () => {
  it.each([
    ['http://localhost:5174', true],
    ['http://127.0.0.1:61234', true],
    ['http://[::1]:3000', true],
    ['https://localhost', true],
    ['http://localhost.evil.example', false],
    ['http://127.0.0.2:5173', false],
    ['file://localhost', false],
    ['null', false],
  ])('%s: %s', (origin, want) => expect(isLoopbackOrigin(origin)).toBe(want));
});

/** The policy alone, as the core asks it, and what it warned. */
function serve(options: Parameters<typeof corsPolicy>[1]) {
  const warnings: string[] = [];
  const decide = corsPolicy(POLICY, options, (message) => warnings.push(message));
  const allowOrigin = async (origin: string) => {
    const decision = decide('GET', { origin, host: '127.0.0.1:1' });
    if (decision.kind === 'none') return null;
    return decision.headers.find(([name]) => name === 'Access-Control-Allow-Origin')?.[1] ?? null;
  };
  return { warnings, allowOrigin };
}

describe('corsPolicy', () => {
  const cases: [string, { strict: boolean; corsOrigins?: string[]; origin: string; allowed: boolean }][] = [
    ["Vite's fallback port, by default", { strict: false, origin: 'http://localhost:5174', allowed: true }],
    ['any loopback port, by default', { strict: false, origin: 'http://[::1]:8080', allowed: true }],
    ["the spec's list", { strict: false, origin: 'https://staging.example.uz', allowed: true }],
    [
      'CORS_ORIGINS, added',
      { strict: false, corsOrigins: ['https://app.uz'], origin: 'https://app.uz', allowed: true },
    ],
    ['a foreign origin', { strict: false, origin: 'https://evil.example', allowed: false }],
    ["strict: the spec's list", { strict: true, origin: 'http://localhost:5173', allowed: true }],
    ["strict: Vite's fallback port", { strict: true, origin: 'http://localhost:5174', allowed: false }],
    [
      "strict: CORS_ORIGINS replaces the spec's list",
      { strict: true, corsOrigins: ['https://app.uz'], origin: 'http://localhost:5173', allowed: false },
    ],
  ];
  it.each(cases)('%s', async (_name, { strict, corsOrigins, origin, allowed }) => {
    const { allowOrigin } = serve({ corsStrict: strict, corsOrigins });
    expect(await allowOrigin(origin)).toBe(allowed ? origin : null);
  });

  it('warns once per refused origin, naming it and CORS_ORIGINS', async () => {
    const { warnings, allowOrigin } = serve({ corsStrict: false, corsOrigins: undefined });
    for (const origin of [
      'https://evil.example',
      'https://evil.example',
      'http://localhost:5174',
      'https://b.example',
    ])
      await allowOrigin(origin);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('https://evil.example');
    expect(warnings[0]).toContain('CORS_ORIGINS');
    expect(warnings[1]).toContain('https://b.example');
  });
});

describe('a preflight', () => {
  it('is answered whole for an allowed origin, with the methods, headers and max age of x-cors', () => {
    const decision = corsPolicy(POLICY, { corsStrict: false, corsOrigins: undefined })('OPTIONS', {
      origin: 'http://localhost:5173',
    });
    expect(decision.kind).toBe('preflight');
    expect(Object.fromEntries(decision.kind === 'preflight' ? decision.headers : [])).toMatchObject({
      'Access-Control-Allow-Origin': 'http://localhost:5173',
      'Access-Control-Allow-Methods': 'GET,POST',
      'Access-Control-Allow-Headers': 'Authorization,Content-Type',
      'Access-Control-Max-Age': '600',
      'Access-Control-Allow-Credentials': 'true',
      Vary: 'Origin',
    });
  });

  it("exposes the contract's headers and the mock's X-Mock-Problem to the page", () => {
    const decision = corsPolicy(POLICY, { corsStrict: false, corsOrigins: undefined })('GET', {
      origin: 'http://localhost:5173',
    });
    expect(Object.fromEntries(decision.kind === 'headers' ? decision.headers : [])).toMatchObject({
      'Access-Control-Expose-Headers': 'X-Request-Id,X-Mock-Problem',
    });
  });

  it('gets nothing from a refused origin, so that the browser blocks it', () => {
    const decide = corsPolicy(POLICY, { corsStrict: true, corsOrigins: undefined });
    expect(decide('OPTIONS', { origin: 'https://evil.example' })).toEqual({ kind: 'none' });
  });
});
