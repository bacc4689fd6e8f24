import { readdir } from 'node:fs/promises';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeWav } from '../../profiles/call-center/seed/wav.ts';
import { useMock } from '../mock/support.ts';
import { rawRequest } from '../support/raw-http.ts';
import { FUZZ_SEED, fuzzParameters, prototypesClean } from './support.ts';

// What no HTTP client library would send: bytes on a socket, as an attacker or a broken proxy might.
const t = await useMock({ calls: 100 });
const port = t.mock.port;
const auth = `Authorization: Bearer ${t.token}`;
const LEAK = /node_modules|\.ts:\d+|\bat [\w.<>]+ \(/;

function expectSane(answer: { status: number; text: string }, what: string) {
  expect(answer.status, `${what}: ${answer.text.slice(0, 300)}`).toBeGreaterThanOrEqual(200);
  expect(answer.status, `${what}: ${answer.text.slice(0, 300)}`).toBeLessThan(500);
  expect(answer.text, what).not.toMatch(LEAK);
  expect(prototypesClean(), what).toBe(true);
}

const targets = fc.constantFrom(
  '/api/topics',
  '/api/qa?pageSize=5',
  '/api/voip/calls?status=completed&status=failed',
  '/api/voip/calls/%ff%fe',
  '/api/topics/\u00ff\u00fe',
  '/api/qa/..%2f..%2f',
  '/api/statistics?days=1&days=2&months=3',
  '/api/topics?q=%00&q[]=x&__proto__[a]=1',
  '/api/../../etc/passwd',
  '/api/voip/file/%2e%2e%2fpackage.json/content',
  '*',
  'http://127.0.0.1/api/topics',
);

const headerSets = fc.array(
  fc.oneof(
    fc.constant(auth),
    fc.constant('Authorization: Bearer a.b.c'),
    fc.constant('Content-Type: application/json'),
    fc.constant('Content-Type: text/plain'),
    fc.constant('Content-Type: multipart/form-data; boundary='),
    fc.constant('Host: evil.example'),
    fc.constant('Prefer: code=404'),
    fc.constant('Origin: http://localhost:5173'),
    fc.constant('X-Request-Id: ../../etc'),
    fc.constant('Transfer-Encoding: gzip'),
    fc.constant('Expect: 100-continue'),
    fc.constant('Accept: application/xml'),
    fc.integer({ min: 1, max: 12_000 }).map((n) => `X-Long: ${'v'.repeat(n)}`),
  ),
  { maxLength: 8 },
);

describe(`raw HTTP, generated (seed ${FUZZ_SEED})`, () => {
  it('duplicate, conflicting and oversized headers, odd targets and bodies: never a 5xx', async () => {
    const request = fc.record({
      method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH'),
      target: targets,
      headers: headerSets,
      body: fc.oneof(
        fc.constant(''),
        fc.constant('{"name":"x"}'),
        fc.constant('{"__proto__":{"polluted":"yes"},"name":"p"}'),
        fc.uint8Array({ maxLength: 256 }).map((b) => Buffer.from(b).toString('latin1')),
      ),
      lengths: fc.constantFrom('right', 'twice', 'conflicting', 'none'),
    });
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const body = Buffer.from(r.body, 'latin1');
        const lengths =
          r.lengths === 'right'
            ? [`Content-Length: ${body.length}`]
            : r.lengths === 'twice'
              ? [`Content-Length: ${body.length}`, `Content-Length: ${body.length}`]
              : r.lengths === 'conflicting'
                ? [`Content-Length: ${body.length}`, `Content-Length: ${body.length + 1}`]
                : [];
        const head = [
          `${r.method} ${r.target} HTTP/1.1`,
          'Host: 127.0.0.1',
          ...r.headers,
          ...lengths,
          'Connection: close',
          '',
          '',
        ].join('\r\n');
        const answer = await rawRequest(port, [Buffer.from(head, 'latin1'), body], { timeoutMs: 3000 });
        // A request with no length and a body is read as having none; the rest is a second request.
        if (answer.status === 0 && r.lengths === 'none') return;
        expectSane(answer, `${r.method} ${r.target} [${r.headers.map((h) => h.slice(0, 40)).join(' | ')}]`);
      }),
      fuzzParameters(Number(process.env.FUZZ_RUNS ?? 100) * 2),
    );
  });
});

describe('truncated multipart uploads', () => {
  const wav = makeWav({ seconds: 1, sampleRate: 8000, notes: [440] });
  const boundary = 'fuzzboundary';
  const full = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.wav"\r\nContent-Type: audio/wav\r\n\r\n`,
    ),
    wav,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const head = (length: number) =>
    [
      'POST /api/voip/file HTTP/1.1',
      'Host: 127.0.0.1',
      auth,
      `Content-Type: multipart/form-data; boundary=${boundary}`,
      `Content-Length: ${length}`,
      'Connection: close',
      '',
      '',
    ].join('\r\n');

  it('a complete request whose form ends early is a 4xx', async () => {
    await fc.assert(
      // Cut anywhere before the close delimiter `--boundary--` is complete; the CRLF after it is
      // optional (RFC 2046), so a form cut inside that CRLF is whole and rightly accepted.
      fc.asyncProperty(fc.integer({ min: 0, max: full.length - 3 }), async (cut) => {
        const answer = await rawRequest(port, [head(cut), full.subarray(0, cut)]);
        expectSane(answer, `form cut at ${cut} of ${full.length}`);
        expect(answer.status, `form cut at ${cut}`).toBeGreaterThanOrEqual(400);
      }),
      fuzzParameters(40),
    );
  });

  it('a client that hangs up mid-upload leaves no partial file behind', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: full.length - 1 }), async (cut) => {
        await rawRequest(port, [head(full.length), full.subarray(0, cut)], { timeoutMs: 150 });
      }),
      fuzzParameters(15),
    );
    await new Promise((done) => setTimeout(done, 300));
    const left = (await readdir(t.mock.ctx.dataDir)).filter((name) => name.startsWith('.upload-'));
    expect(left).toEqual([]);
    expect((await t.call('/health')).status).toBe(200);
  });
});

describe('slow senders', () => {
  it('a request dribbled in small pieces is answered as if sent at once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 15 }),
        async (size, pauseMs) => {
          const body = JSON.stringify({ name: `slow ${size} ${pauseMs} ${Math.random()}`, description: 'd' });
          const text = [
            'POST /api/topics HTTP/1.1',
            'Host: 127.0.0.1',
            auth,
            'Content-Type: application/json',
            `Content-Length: ${Buffer.byteLength(body)}`,
            'Connection: close',
            '',
            body,
          ].join('\r\n');
          const pieces: string[] = [];
          for (let i = 0; i < text.length; i += Math.max(size, Math.ceil(text.length / 40)))
            pieces.push(text.slice(i, i + Math.max(size, Math.ceil(text.length / 40))));
          const answer = await rawRequest(port, pieces, { pauseMs, timeoutMs: 10_000 });
          expect(answer.status, answer.text.slice(0, 300)).toBe(201);
        },
      ),
      fuzzParameters(6),
    );
  });

  it('a sender that stops mid-headers does not hold the server up for others', async () => {
    const stalled = rawRequest(port, ['GET /api/topics HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A'], {
      timeoutMs: 1500,
    });
    expect((await t.call('/topics')).status).toBe(200);
    await stalled;
  });
});
