import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from './http-client.ts';
import { serializeParameter } from './serialize-parameter.ts';

// A tiny in-process backend: each path shows one thing the client must handle.
let server: Server;
let client: HttpClient;
let limitedOnce = false;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/api/slow') return; // never answers
    if (req.url === '/api/limited' && !limitedOnce) {
      limitedOnce = true;
      return res
        .writeHead(429, { 'retry-after': '0', 'content-type': 'application/problem+json' })
        .end('{"code":"rate_limited"}');
    }
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () =>
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(
        JSON.stringify({
          method: req.method,
          url: req.url,
          auth: req.headers.authorization ?? null,
          type: req.headers['content-type'] ?? null,
          body,
        }),
      ),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  client = new HttpClient({ baseUrl: `http://127.0.0.1:${port}/api`, fetch, timeoutMs: 300 });
  client.setToken('secret.jwt.value');
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('HttpClient', () => {
  it('sends --query on every request, and leaves a query credential out of a bare one', async () => {
    const keyed = new HttpClient({
      ...client.options,
      query: { 'circle-token': 'k1', tenant: 't' },
      credentialQuery: ['circle-token'],
    });
    const url = async (auth: 'public' | 'none', query?: Record<string, string>) => {
      const exchange = await keyed.send({ method: 'GET', path: '/echo', auth, ...(query ? { query } : {}) });
      return (exchange.response?.json as { url?: string } | undefined)?.url;
    };
    expect(await url('public', { a: '1' })).toBe('/api/echo?a=1&circle-token=k1&tenant=t');
    expect(await url('none')).toBe('/api/echo?tenant=t');
    // A request that names the parameter itself keeps its own value.
    expect(await url('public', { tenant: 'other' })).toBe('/api/echo?tenant=other&circle-token=k1');
  });

  it('records the request and the parsed answer, and renders curl with the token hidden', async () => {
    const exchange = await client.as('cors').send({
      method: 'POST',
      path: '/echo',
      query: { a: 1, b: undefined },
      json: { x: 'é' },
      auth: 'session',
    });
    expect(exchange.by).toBe('cors');
    expect(exchange.response?.status).toBe(200);
    expect(exchange.response?.json).toMatchObject({
      method: 'POST',
      url: '/api/echo?a=1',
      auth: 'Bearer secret.jwt.value',
      body: '{"x":"é"}',
    });
    expect(client.journal).toContain(exchange);
    expect(client.curl(exchange.request)).toContain(`-H "authorization: Bearer $TOKEN"`);
    expect(client.curl(exchange.request)).not.toContain('secret.jwt.value');
  });

  it('sends multipart forms and records them as curl -F arguments', async () => {
    const exchange = await client.send({
      method: 'POST',
      path: '/upload',
      form: [{ name: 'file', value: new Uint8Array([1, 2, 3]), filename: 'a.wav', contentType: 'audio/wav' }],
    });
    const echoed = exchange.response?.json as { type: string } | undefined;
    expect(String(echoed?.type)).toMatch(/^multipart\/form-data; boundary=/);
    expect(exchange.request.form).toEqual(['file=@a.wav;type=audio/wav (3 bytes)']);
  });

  it('gives up after its timeout with one sentence', async () => {
    const exchange = await client.send({ method: 'GET', path: '/slow' });
    expect(exchange.response).toBeUndefined();
    expect(exchange.error).toMatch(/did not answer .*\/api\/slow within 0\.3 s/);
  });

  it('waits out a 429 as Retry-After says and asks again', async () => {
    const exchange = await client.send({ method: 'GET', path: '/limited' });
    expect(exchange.response?.status).toBe(200);
    expect(client.totalRateLimitedMs).toBeGreaterThan(0);
  });
});

describe('a credential given with --header', () => {
  it.each([
    ['public: sent as given', 'public', 'token abc'],
    ['none: left out, so that a check can send no credential', 'none', null],
    ['another: replaced, not sent twice', { authorization: 'Bearer other' }, 'Bearer other'],
  ] as const)('%s', async (_name, auth, want) => {
    const withHeader = new HttpClient({
      ...client.options,
      headers: { Authorization: 'token abc' },
    });
    const exchange = await withHeader.send({ method: 'GET', path: '/echo', auth });
    expect((exchange.response?.json as { auth?: unknown } | undefined)?.auth).toBe(want);
  });
});

describe('serializeParameter', () => {
  it('writes arrays comma-separated and objects as JSON, prototype-less ones included', () => {
    const bare = Object.assign(Object.create(null) as object, { a: 1 });
    expect(serializeParameter(['busy', 'no_answer'])).toBe('busy,no_answer');
    expect(serializeParameter(bare)).toBe('{"a":1}');
    expect(serializeParameter([bare, 2])).toBe('{"a":1},2');
    expect(serializeParameter(3)).toBe('3');
  });
});
