import type { AddressInfo } from 'node:net';
import express from 'express';
import { setupServer } from 'msw/node';
import { afterAll, describe, expect, it } from 'vitest';
import { mockMiddleware } from '../../mock/adapters/express.ts';
import { fetchHandler } from '../../mock/adapters/fetch.ts';
import { createRequestHandler } from '../../mock/core/handle-request.ts';
import { createMockCore } from '../../mock/create-mock-core.ts';
import { MemoryFiles } from '../../mock/files/memory-files.ts';
import { createLogger } from '../../mock/http/logger.ts';
import { API_SECURITY_HEADERS } from '../../mock/http/security-headers.ts';
import { loadSpec } from '../../mock/openapi/load-spec.ts';
import { defaultOptions } from '../../mock/options.ts';
import { callCenterProfile } from '../../profiles/call-center/index.ts';
import { createMockHandlers } from '../../profiles/call-center/msw.ts';
import { createInProcessMock, startMock } from '../../profiles/call-center/package.ts';
import { makeWav } from '../../profiles/call-center/seed/wav.ts';
import { TEST_OPTIONS } from '../mock/support.ts';

// One core answers through every adapter: node:http (npm start), a team's Express app, an
// in-process fetch, MSW in Node, and the page's handlers (memory files, no server). The same
// requests, from the same seed and in the same order, go to a mock behind each, and every answer
// must be the same bytes: status, headers and body, but for what is per run (tokens, clocks).

const options = { ...defaultOptions(), ...TEST_OPTIONS, calls: 30, seedDate: '2026-11-01' };
const spec = await loadSpec(undefined, { validate: false });

const server = await startMock({ ...options });
const inProcess = await createInProcessMock({ ...options });
const forExpress = await createInProcessMock({ ...options });
const app = express();
// The team's app, as a careful team sets it up: Express names itself otherwise, on every answer.
app.disable('x-powered-by');
app.use(mockMiddleware(forExpress.handle));
app.use((_req, res) => res.status(418).send("the app's own route"));
const expressServer = app.listen(0, '127.0.0.1');
await new Promise((done) => expressServer.once('listening', done));
const expressOrigin = `http://127.0.0.1:${(expressServer.address() as AddressInfo).port}`;
const msw = await createMockHandlers({ ...options, origin: 'http://msw.local' });
const interceptor = setupServer(...msw.handlers);
interceptor.listen({ onUnhandledRequest: 'bypass' });
const pageCore = await createMockCore(spec, { ...options }, [callCenterProfile], {
  logger: createLogger('off'),
  files: new MemoryFiles(),
});
const page = fetchHandler(createRequestHandler(pageCore), { client: 'page' });
afterAll(async () => {
  interceptor.close();
  await new Promise((done) => expressServer.close(done));
  await Promise.all([
    server.close(),
    inProcess.close(),
    forExpress.close(),
    msw.mock.close(),
    pageCore.close(),
  ]);
});

const SIDES = ['server', 'express', 'in-process', 'msw', 'page'] as const;
type Side = (typeof SIDES)[number];
type Init = { method?: string; headers?: Record<string, string>; body?: string | FormData };

function send(side: Side, path: string, init: RequestInit): Promise<Response> {
  switch (side) {
    case 'server':
      return fetch(server.origin + path, init);
    case 'express':
      return fetch(expressOrigin + path, init);
    case 'in-process':
      return inProcess.fetch(path, init);
    case 'msw':
      return fetch(`http://msw.local${path}`, init);
    case 'page':
      return page(new Request(`http://page.local${path}`, init));
  }
}

/** Per-run values: tokens, and the clock's seconds. */
const VOLATILE = new Set([
  'token',
  'refreshToken',
  'createdAt',
  'updatedAt',
  'startedAt',
  'answeredAt',
  'expiresAt',
]);
/**
 * Headers of the connection, not of the answer, and the security headers, which a server's hosts
 * add and the page's does not (tests/security/security-headers.test.ts holds them on the server).
 */
const TRANSPORT = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);
const SERVER_ONLY = new Set(API_SECURITY_HEADERS.map(([name]) => name.toLowerCase()));

async function answerOf(response: Response) {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (TRANSPORT.has(name) || SERVER_ONLY.has(name)) return;
    // A rate-limit window's seconds left move with the clock.
    headers[name] = name === 'ratelimit-reset' ? '~' : value;
  });
  const text = await response.text();
  const body = text.replace(/"(\w+)":("[^"]*"|\d+)/g, (all, key: string) =>
    VOLATILE.has(key) ? `"${key}":"~"` : all,
  );
  const length = headers['content-length'];
  if (length !== undefined) headers['content-length'] = String(Number(length) - (text.length - body.length));
  return { status: response.status, headers, body };
}

const tokens: Record<Side, string> = { server: '', express: '', 'in-process': '', msw: '', page: '' };
let sequence = 0;
async function everywhere(path: string, init: Init = {}, withToken = true) {
  // The same request id on every side, so that the problems' requestId is the same too.
  const requestId = `parity-${++sequence}`;
  const answers = {} as Record<Side, Awaited<ReturnType<typeof answerOf>>>;
  for (const side of SIDES) {
    const headers = {
      'x-request-id': requestId,
      ...(init.headers ?? {}),
      ...(withToken ? { authorization: `Bearer ${tokens[side]}` } : {}),
    };
    answers[side] = await answerOf(await send(side, path, { ...init, headers }));
  }
  return answers;
}
const json = (method: string, body: unknown): Init => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

describe('every adapter gives the same answers, from one core', () => {
  it('to a login, with a token each', async () => {
    const login = json('POST', { email: 'admin@example.com', password: 'admin123' });
    for (const side of SIDES) {
      const answer = await send(side, '/api/auth/login', login);
      expect(answer.status, side).toBe(200);
      tokens[side] = ((await answer.json()) as { token: string }).token;
    }
  });

  // Each case with the status the server gives, so that two equally wrong answers cannot pass.
  const cases: [string, number, string, Init?, boolean?][] = [
    ['health', 200, '/api/health', {}, false],
    ['no token', 401, '/api/qa', {}, false],
    ['a bad token', 401, '/api/qa', { headers: { authorization: 'Basic eA==' } }, false],
    ['the first page', 200, '/api/qa?pageSize=3'],
    ['a search', 200, '/api/qa?q=qo%27ng%27iroq&pageSize=2'],
    ['an empty query value', 400, '/api/qa?q='],
    ['a page out of range', 400, '/api/qa?page=0'],
    [
      'a list in its declared style',
      200,
      '/api/voip/calls?status=completed,failed&pageSize=4&sort=-durationSeconds',
    ],
    ['a list in another style', 400, '/api/voip/calls?status=completed&status=failed'],
    ['a filtered call list', 200, '/api/voip/calls?direction=outbound&pageSize=5'],
    ['statistics', 200, '/api/statistics?days=7'],
    ['cross-field rules', 400, '/api/statistics?days=7&months=2'],
    ['an unknown id', 404, '/api/qa/00000000-0000-4000-8000-000000000000'],
    ['a malformed id', 400, '/api/qa/not-a-uuid'],
    ['an unknown path', 404, '/api/nothing-here'],
    ['a method the path lacks', 404, '/api/health', { method: 'DELETE' }],
    ['a trailing slash', 200, '/api/topics/'],
    ['Prefer a documented status', 500, '/api/qa', { headers: { prefer: 'code=500' } }],
    ['Prefer an undocumented status', 400, '/api/qa', { headers: { prefer: 'code=418' } }],
    ['a create', 201, '/api/topics', json('POST', { name: 'Brauzer', description: null })],
    ['the same name again', 409, '/api/topics', json('POST', { name: 'Brauzer', description: null })],
    ['an invalid body', 400, '/api/qa', json('POST', { question: '' })],
    ['malformed JSON', 400, '/api/qa', json('POST', '{"question":')],
    [
      'a wrong media type',
      415,
      '/api/qa',
      { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hi' },
    ],
    ['no body where one is required', 400, '/api/qa', { method: 'POST' }],
    ['a call', 201, '/api/voip/call', json('POST', { targetNumber: '+998901112233' })],
    ['who I am', 200, '/api/auth/me'],
  ];
  it.each(cases)('to %s (%i)', async (_name, status, path, init = {}, withToken = true) => {
    const answers = await everywhere(path, init, withToken);
    expect(answers.server.status).toBe(status);
    // What no operation takes is the team's app's to answer, where the mock is its middleware.
    const elsewhere = answers.server.body.includes('"code":"route_not_found"');
    for (const side of SIDES)
      if (side === 'express' && elsewhere) expect(answers.express.status).toBe(418);
      else expect(answers[side], side).toEqual(answers.server);
  });

  it('to an upload, and to a refused one', async () => {
    const upload = (bytes: Uint8Array, name: string) => {
      const form = new FormData();
      form.set('file', new File([bytes], name, { type: 'audio/wav' }));
      form.set('description', 'parity');
      return { method: 'POST', body: form };
    };
    const wav = new Uint8Array(makeWav({ seconds: 1, notes: [440] }));
    const good = await everywhere('/api/voip/file', upload(wav, 'a.wav'));
    expect(good.server.status).toBe(201);
    for (const side of SIDES) expect(good[side], side).toEqual(good.server);
    const id = (JSON.parse(good.server.body) as { id: string }).id;
    const download = await everywhere(`/api/voip/file/${id}/content`);
    expect(download.server.status).toBe(200);
    for (const side of SIDES) expect(download[side], side).toEqual(download.server);
    const text = await everywhere(
      '/api/voip/file',
      upload(new TextEncoder().encode('not audio at all'), 'b.wav'),
    );
    expect(text.server.status).toBe(415);
    for (const side of SIDES) expect(text[side], side).toEqual(text.server);
  });

  it("leaves to the team's app what the mock does not serve (Express middleware)", async () => {
    const answer = await fetch(`${expressOrigin}/somewhere/else`);
    expect([answer.status, await answer.text()]).toEqual([418, "the app's own route"]);
  });
});
