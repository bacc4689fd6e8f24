import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AudioFile, OperationId, Problem, TokenPair } from '../../profiles/call-center/models.ts';
import { type RunningMock, startMock } from '../../profiles/call-center/package.ts';
import { makeWav } from '../../profiles/call-center/seed/wav.ts';
import { judge, type PrismProxy, startPrismProxy } from './support/prism.ts';
import { CREDENTIALS, STEPS, type State, send } from './support/prism-tour.ts';

// Prism (Stoplight's validation proxy) is an independent judge of the mock: it reads openapi.yaml
// on its own, checks every request we send and every answer the mock gives, and with --errors
// answers an error of its own (and an `sl-violations` header) for anything that breaks the spec.
// Every operation of the contract goes through it (the tour in support/prism-tour.ts), with the
// documented errors too.

/**
 * Prism 5's proxy reads bodies as UTF-8 text, so binary bytes do not survive it: a 32 044-byte WAV
 * arrives as 58 063 bytes, in a multipart upload as in a download. Uploads therefore go to the mock
 * directly (their answer checked against the File schema here); downloads still go through Prism,
 * which judges their status and headers, and their bytes are compared on a direct download.
 */
const DIRECT: OperationId[] = ['uploadFile'];

describe('Prism, proxying to the mock, finds no violation of openapi.yaml', () => {
  let mock: RunningMock;
  let strict: PrismProxy;
  let lenient: PrismProxy;
  const wav = makeWav({ seconds: 1, notes: [440, 660] });
  const s: State = {
    token: '',
    refreshToken: '',
    usedRefreshToken: '',
    topicId: '',
    qaId: '',
    greetingId: '',
    fileId: '',
    callId: '',
  };
  const exercised = new Set<OperationId>();

  /** A token straight from the mock, for the exchanges that cannot go through Prism. */
  async function directToken(): Promise<string> {
    const res = await fetch(`${mock.baseUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(CREDENTIALS),
    });
    return ((await res.json()) as TokenPair).token;
  }

  /** Validates a value against a schema of the spec, as Prism would have. */
  function expectSchema(name: string, value: unknown): void {
    const schema = mock.ctx.spec.document.components?.schemas?.[name] as object;
    expect(mock.ctx.validator.validate(schema, value)).toEqual({ ok: true });
  }

  /** Uploads straight to the mock (see DIRECT). */
  async function upload(name: string): Promise<AudioFile> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(wav)], { type: 'audio/wav' }), name);
    const headers = { authorization: `Bearer ${await directToken()}` };
    const res = await fetch(`${mock.baseUrl}/voip/file`, { method: 'POST', headers, body: form });
    expect(res.status).toBe(201);
    const file = (await res.json()) as AudioFile;
    expect(res.headers.get('location')).toBe(`/api/voip/file/${file.id}`);
    expectSchema('File', file);
    expect(file).toMatchObject({ name, format: 'wav', sizeBytes: wav.length, durationSeconds: 1 });
    exercised.add('uploadFile');
    return file;
  }

  beforeAll(async () => {
    // Fast calls: the "completed" test number ends within about 3 s, the long call lives about 12 s.
    mock = await startMock({ port: 0, log: 'off', rateLimit: 0, calls: 50, callSpeed: 50 });
    [strict, lenient] = await Promise.all([
      startPrismProxy(mock.baseUrl),
      startPrismProxy(mock.baseUrl, { validateRequests: false }),
    ]);
    s.greetingId = (await upload('prism-greeting.wav')).id;
    s.fileId = (await upload('prism-beep.wav')).id;
  }, 120_000);
  afterAll(async () => {
    await Promise.all([strict?.stop(), lenient?.stop()]);
    await mock?.close();
  });

  for (const step of STEPS) {
    it(`${step.name}: ${step.want}${step.code ? ` ${step.code}` : ''}`, async () => {
      const proxy = step.via === 'lenient' ? lenient : strict;
      let verdict = await judge(await send(proxy.base, step.send(s), s));
      for (let polls = 0; ; polls++) {
        const { status, violations, prismError } = verdict;
        const want = { status: step.want, violations: null, prismError: null };
        expect({ status, violations, prismError }, JSON.stringify(verdict.body)).toEqual(want);
        if (!step.until || step.until(verdict.body) || polls >= 600) break;
        await new Promise((done) => setTimeout(done, 100));
        verdict = await judge(await send(proxy.base, step.send(s), s));
      }
      if (step.code) expect((verdict.body as Problem).code).toBe(step.code);
      step.check?.(verdict.body as never, s, verdict);
      exercised.add(step.operationId);
    });
  }

  it('downloads the bytes that were uploaded (checked directly: Prism re-encodes binary bodies)', async () => {
    const res = await fetch(`${mock.baseUrl}/voip/file/${s.greetingId}/content?token=${await directToken()}`);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(wav)).toBe(true);
  });

  it('refuses a request without a token in Prism itself, as the spec says; the mock agrees', async () => {
    // Prism checks the spec's security before forwarding, even with request validation off, so
    // the mock's own 401 is checked directly against the Unauthorized response.
    const viaPrism = await judge(await fetch(`${lenient.base}/voip/calls`));
    expect([viaPrism.status, viaPrism.prismError]).toEqual([
      401,
      'https://stoplight.io/prism/errors#UNAUTHORIZED',
    ]);
    const direct = await fetch(`${mock.baseUrl}/voip/calls`);
    expect(direct.status).toBe(401);
    expect(direct.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    // RFC 6750 3.1: a request with no credentials at all gets the challenge without an error code.
    expect(direct.headers.get('www-authenticate')).toMatch(/^Bearer realm=/);
    const problem = (await direct.json()) as Problem;
    expectSchema('Problem', problem);
    expect(problem.code).toBe('token_missing');
  });

  it('went through every operation of openapi.yaml', () => {
    const all = [...mock.ctx.operations.keys()].sort();
    expect([...exercised].sort()).toEqual(all);
    expect(DIRECT.filter((id) => !all.includes(id))).toEqual([]);
  });
});

describe('Prism, the judge, fails a broken answer', () => {
  it('answers 500 with sl-violations when the upstream breaks the spec', async () => {
    const broken = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"broken"}');
    });
    await new Promise<void>((done) => broken.listen(0, '127.0.0.1', done));
    try {
      const prism = await startPrismProxy(`http://127.0.0.1:${(broken.address() as AddressInfo).port}/api`);
      try {
        const verdict = await judge(await fetch(`${prism.base}/health`));
        expect(verdict.status).toBe(500);
        expect(verdict.prismError).toBe('https://stoplight.io/prism/errors#VIOLATIONS');
        expect(verdict.violations).toContain('"status"');
      } finally {
        await prism.stop();
      }
    } finally {
      broken.closeAllConnections();
      broken.close();
    }
  }, 90_000);
});
