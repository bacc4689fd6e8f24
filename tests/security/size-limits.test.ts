import { describe, expect, it } from 'vitest';
import type { Problem } from '../../profiles/call-center/models.ts';
import { useMock } from '../mock/support.ts';
import { rawRequest } from '../support/raw-http.ts';

const t = await useMock();
const LEAK = /node_modules|\/work\/|\.ts:\d+|\bat [\w.<>]+ \(/;

function get(target: string, headers: string[] = []): string {
  return [`GET ${target} HTTP/1.1`, 'Host: 127.0.0.1', ...headers, 'Connection: close', '', ''].join('\r\n');
}

/** Every size refusal is a problem of the contract: the right status, code, and no internals. */
function expectProblem(status: number, contentType: string | undefined, body: string, code: string) {
  expect(contentType).toContain('application/problem+json');
  const problem = JSON.parse(body) as Problem;
  expect(problem).toMatchObject({ status, code, type: `https://ai-call-center.example/problems/${code}` });
  expect(problem.requestId).toMatch(/^[0-9a-f-]{36}$/);
  expect(body).not.toMatch(LEAK);
}

describe('URL size: 414 uri_too_long', () => {
  it.each([
    ['9 KB, within the header limit, refused by the app', 9 * 1024],
    ['20 KB, over the header limit, refused by the HTTP parser', 20 * 1024],
    ['100 KB', 100 * 1024],
  ])('%s', async (_, size) => {
    const target = `/api/voip/calls?targetNumber=${'9'.repeat(size)}`;
    const res = await rawRequest(t.mock.port, get(target, [`Authorization: Bearer ${t.token}`]));
    expect(res.status).toBe(414);
    expectProblem(414, res.headers['content-type'], res.body, 'uri_too_long');
  });

  it('leaves an ordinary long URL (7 KB) alone', async () => {
    const res = await t.call(`/topics?q=${'a'.repeat(7 * 1024)}`);
    expect(res.status).not.toBe(414);
    expect(res.status).toBeLessThan(500);
  });
});

describe('header size: 431 headers_too_large', () => {
  it.each([
    ['one 20 KB header', [`X-Big: ${'x'.repeat(20_000)}`]],
    ['many headers adding up to 20 KB', Array.from({ length: 400 }, (_, i) => `X-H${i}: ${'y'.repeat(50)}`)],
    ['a 20 KB cookie', [`Cookie: a=${'c'.repeat(20_000)}`]],
  ])('%s', async (_, headers) => {
    const res = await rawRequest(t.mock.port, get('/api/health', headers));
    expect(res.status).toBe(431);
    expectProblem(431, res.headers['content-type'], res.body, 'headers_too_large');
  });

  it('keeps serving after refusals', async () => {
    expect((await t.call('/health')).status).toBe(200);
  });
});

describe('body size: 413 payload_too_large', () => {
  const big = JSON.stringify({ name: 'x', description: 'd'.repeat(2_000_000) });

  it.each([
    ['POST /topics', 'POST', '/topics'],
    ['PUT /qa/{id}', 'PUT', '/qa/00000000-0000-4000-8000-000000000000'],
    ['POST /voip/call', 'POST', '/voip/call'],
  ])('a 2 MB JSON body on %s', async (_, method, path) => {
    const res = await t.call(path, { method, body: big });
    expect(res.status).toBe(413);
    expectProblem(413, res.headers.get('content-type') ?? undefined, await res.text(), 'payload_too_large');
  });

  it('a 2 MB chunked body that declares no length', async () => {
    const head = [
      'POST /api/topics HTTP/1.1',
      'Host: 127.0.0.1',
      `Authorization: Bearer ${t.token}`,
      'Content-Type: application/json',
      'Transfer-Encoding: chunked',
      'Connection: close',
      '',
      '',
    ].join('\r\n');
    const chunk = (s: string) => `${Buffer.byteLength(s).toString(16)}\r\n${s}\r\n`;
    const pieces = [head, ...Array.from({ length: 32 }, () => chunk('z'.repeat(65_536))), '0\r\n\r\n'];
    const res = await rawRequest(t.mock.port, pieces);
    expect(res.status).toBe(413);
    expectProblem(413, res.headers['content-type'], res.body, 'payload_too_large');
  });
});
