import { afterAll, describe, expect, it } from 'vitest';
import { createMockCore } from '../../mock/create-mock-core.ts';
import { fetchAnswerer } from '../../mock/fetch/answer-fetch.ts';
import { MemoryFiles } from '../../mock/files/memory-files.ts';
import { createLogger } from '../../mock/http/logger.ts';
import { createInProcessMock } from '../../mock/in-process.ts';
import { defaultOptions } from '../../mock/options.ts';
import { makeWav } from '../../profiles/call-center/seed/wav.ts';
import { PROFILES } from '../../profiles/index.ts';
import { loadSpec } from '../../spec/load-spec.ts';
import { TEST_OPTIONS } from '../mock/support.ts';

// The browser's MSW handlers answer through fetchAnswerer (its own router and body reader, no
// Express, files in memory); the server through Express. Both run the same operation pipelines:
// here the same requests go to each, from the same seed, and every answer must be the same.

const options = { ...defaultOptions(), ...TEST_OPTIONS, calls: 30, seedDate: '2026-11-01' };
const server = await createInProcessMock({ ...options });
const core = await createMockCore(await loadSpec(undefined, { validate: false }), { ...options }, PROFILES, {
  logger: createLogger('off'),
  files: new MemoryFiles(),
});
const worker = fetchAnswerer(core.ctx);
afterAll(async () => {
  await server.close();
  await core.close();
});

type Init = { method?: string; headers?: Record<string, string>; body?: string | FormData };

/** What must be the same: status, media type, the Allow-ish headers, and the body without what is per run. */
async function comparable(response: Response) {
  const type = (response.headers.get('content-type') ?? '').split(';')[0];
  const text = await response.text();
  const body =
    type?.includes('json') && text
      ? JSON.parse(text, (key, value) => (VOLATILE.has(key) ? '~' : value))
      : text.length;
  return {
    status: response.status,
    type,
    location: response.headers.get('location'),
    challenge: response.headers.get('www-authenticate')?.split(',')[0],
    body,
  };
}
/** Per-run values: request ids, tokens, and the clock's seconds. */
const VOLATILE = new Set([
  'requestId',
  'token',
  'refreshToken',
  'createdAt',
  'updatedAt',
  'startedAt',
  'answeredAt',
  'expiresAt',
]);

const tokens = { server: '', worker: '' };
async function both(path: string, init: Init = {}, withToken = true) {
  const send = async (side: 'server' | 'worker') => {
    const headers = {
      ...(init.headers ?? {}),
      ...(withToken ? { authorization: `Bearer ${tokens[side]}` } : {}),
    };
    const request = new Request(`http://mock.local${path}`, { ...init, headers });
    return side === 'server' ? server.fetch(request) : worker(request);
  };
  return { server: await comparable(await send('server')), worker: await comparable(await send('worker')) };
}
const json = (method: string, body: unknown): Init => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

describe('the fetch answerer (the browser handlers) and the server give the same answers', () => {
  it('to a login, with a token each', async () => {
    const login = json('POST', { email: 'admin@example.com', password: 'admin123' });
    const s = await server.fetch(new Request('http://mock.local/api/auth/login', login));
    const w = await worker(new Request('http://mock.local/api/auth/login', login));
    tokens.server = ((await s.json()) as { token: string }).token;
    tokens.worker = ((await w.json()) as { token: string }).token;
    expect([s.status, w.status]).toEqual([200, 200]);
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
    const { server: s, worker: w } = await both(path, init, withToken);
    expect(s.status).toBe(status);
    expect(w).toEqual(s);
  });

  it('to an upload, and to a refused one', async () => {
    const upload = (bytes: Uint8Array, name: string) => {
      const form = new FormData();
      form.set('file', new File([bytes], name, { type: 'audio/wav' }));
      form.set('description', 'parity');
      return { method: 'POST', body: form };
    };
    const wav = new Uint8Array(makeWav({ seconds: 1, notes: [440] }));
    const good = await both('/api/voip/file', upload(wav, 'a.wav'));
    expect(good.worker).toEqual(good.server);
    expect(good.server.status).toBe(201);
    const text = await both('/api/voip/file', upload(new TextEncoder().encode('not audio at all'), 'b.wav'));
    expect(text.worker).toEqual(text.server);
    expect(text.server.status).toBe(415);
  });
});
