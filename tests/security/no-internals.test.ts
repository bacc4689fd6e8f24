import { describe, expect, it } from 'vitest';
import type { Page, Problem, Topic } from '../../profiles/call-center/models.ts';
import { useMock } from '../mock/support.ts';
import { rawRequest } from '../support/raw-http.ts';

const t = await useMock();
// A stack frame, a source file, a dependency, or a path on this machine.
const INTERNALS = [
  /\bat [\w.<>$]+ \(/,
  /\.[cm]?[jt]s:\d+/,
  /node_modules/,
  /\/work\//,
  /\/tmp\//,
  /\/home\//,
];
const HEADER_LEAKS = ['x-powered-by', 'server'];

function expectNoInternals(what: string, text: string, headers: Headers | Record<string, string>) {
  for (const pattern of INTERNALS) expect(text, `${what}: body matches ${pattern}`).not.toMatch(pattern);
  const names = headers instanceof Headers ? [...headers.keys()] : Object.keys(headers);
  for (const name of HEADER_LEAKS) expect(names, what).not.toContain(name);
}

describe('no stack trace or internal path in any answer', () => {
  const requests: [string, string, RequestInit & { auth?: boolean | string }][] = [
    ['malformed JSON', '/topics', { method: 'POST', body: '{"name": ' }],
    ['JSON of the wrong shape', '/topics', { method: 'POST', body: '[1,2,3]' }],
    ['deep JSON', '/topics', { method: 'POST', body: `${'['.repeat(5000)}${']'.repeat(5000)}` }],
    [
      'an unknown charset',
      '/topics',
      { method: 'POST', body: '{}', headers: { 'content-type': 'application/json; charset=klingon' } },
    ],
    [
      'gzip that is not gzip',
      '/topics',
      {
        method: 'POST',
        body: 'nope',
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      },
    ],
    [
      'an unknown content encoding',
      '/topics',
      {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json', 'content-encoding': 'br2' },
      },
    ],
    [
      'a malformed multipart',
      '/voip/file',
      { method: 'POST', body: '--x\r\nnope', headers: { 'content-type': 'multipart/form-data; boundary=x' } },
    ],
    [
      'multipart without a boundary',
      '/voip/file',
      { method: 'POST', body: 'x', headers: { 'content-type': 'multipart/form-data' } },
    ],
    ['a malformed id', '/topics/..%2F..%2Fetc%2Fpasswd', {}],
    ['a malformed percent-encoding', '/topics/%E0%A4%A', {}],
    ['an unknown route', '/does/not/exist', {}],
    ['a bad token', '/topics', { auth: 'x.y.z' }],
    ['Prefer code=500', '/topics', { headers: { prefer: 'code=500' } }],
    ['Prefer of nonsense', '/topics', { headers: { prefer: 'code=abc, example=../../x, dynamic=maybe' } }],
    ['a bad query', '/voip/calls?page=-1&pageSize=1e9&sort=__proto__&status=constructor', {}],
  ];

  it.each(requests)('%s', async (what, path, init) => {
    const res = await t.call(path, init);
    expect(res.status, what).toBeLessThan(600);
    expectNoInternals(what, await res.text(), res.headers);
  });

  it('an unexpected error inside a handler is a bare 500 problem, with its detail only in the log', async () => {
    const topics = t.mock.ctx.store.collection<Topic>('topics');
    const original = topics.find.bind(topics);
    topics.find = () => {
      throw new TypeError(`Cannot read properties of undefined at ${import.meta.filename}:1:1`);
    };
    try {
      const res = await t.call('/topics');
      expect(res.status).toBe(500);
      const text = await res.text();
      expect((JSON.parse(text) as Problem).code).toBe('internal_error');
      expect(text).not.toContain('Cannot read');
      expectNoInternals('thrown error', text, res.headers);
    } finally {
      topics.find = original;
    }
  });

  it('an answer that breaks the contract names the breach, not the code', async () => {
    const page = (await (await t.call('/topics')).json()) as Page & { items: Topic[] };
    const topic = page.items[0] as Topic;
    t.mock.ctx.store.collection<Topic>('topics').replace({ ...topic, name: 42 as unknown as string });
    try {
      const res = await t.call(`/topics/${topic.id}`);
      expect(res.status).toBe(500);
      expectNoInternals('response breach', await res.text(), res.headers);
    } finally {
      t.mock.ctx.store.collection<Topic>('topics').replace(topic);
    }
  });

  it.each([
    ['a request line that is not HTTP', 'HELLO\r\n\r\n'],
    ['a header without a colon', 'GET /api/health HTTP/1.1\r\nHost x\r\n\r\n'],
    ['a bad chunk size', 'POST /api/topics HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'],
    [
      'both Content-Length and chunked',
      'POST /api/topics HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    ],
    ['a NUL byte in the path', 'GET /api/topics/\u0000 HTTP/1.1\r\nHost: x\r\n\r\n'],
  ])('what the HTTP parser refuses: %s', async (what, payload) => {
    const res = await rawRequest(t.mock.port, payload, { timeoutMs: 3000 });
    expect(res.status, what).toBeGreaterThanOrEqual(400);
    expectNoInternals(what, res.text, res.headers);
  });
});
