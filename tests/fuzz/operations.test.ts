import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import type { OpenAPIV3 } from 'openapi-types';
import { describe, expect, it } from 'vitest';
import { listOperations, type SpecOperation } from '../../mock/openapi/operations.ts';
import type { AudioFile, Call, Qa, Topic } from '../../profiles/call-center/models.ts';
import { useMock } from '../mock/support.ts';
import { deepJson, FUZZ_SEED, fuzzParameters, POLLUTERS, prototypesClean, schemaValue } from './support.ts';

type Schema = OpenAPIV3.SchemaObject;

/** encodeURIComponent that takes lone surrogates too (as U+FFFD, the way a UTF-8 client sends them). */
const encode = (text: string) => encodeURIComponent(Buffer.from(text, 'utf8').toString('utf8'));

const t = await useMock({ calls: 200 });
const operations = listOperations(t.mock.ctx.spec.document);
const RUNS = Number(process.env.FUZZ_RUNS ?? 100);

/** Ids that exist when the run starts, so that generated requests reach the handlers too. */
const store = t.mock.ctx.store;
const knownIds = [
  ...[...store.collection<Topic>('topics').all()].slice(0, 3).map((r) => r.id),
  ...[...store.collection<Qa>('qas').all()].slice(0, 3).map((r) => r.id),
  ...[...store.collection<Call>('calls').all()].slice(0, 3).map((r) => r.id),
  ...[...store.collection<AudioFile>('files').all()].slice(0, 2).map((r) => r.id),
];

interface Fuzzed {
  path: string;
  query: string;
  headers: Record<string, string>;
  body: Uint8Array | FormData | undefined;
  note: string;
}

const encodedPathValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...knownIds),
  fc.constantFrom(
    '..%2F..%2Fetc%2Fpasswd',
    '%2e%2e',
    '%00',
    'a%00b',
    '%ff%fe',
    '%E0%A4%A',
    '%2F',
    '%5C..%5C',
  ),
  schemaValue({ type: 'string' }, true).map((v) => encode(asText(v))),
);

/**
 * A generated value as the text a client would put in a URL. String() throws on an object with no
 * prototype (a generated `{ __proto__: ... }`), which JSON still writes.
 */
function asText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(asText).join(',');
  if (typeof v === 'object' && v !== null) return JSON.stringify(v);
  return String(v);
}

function queryFor(op: SpecOperation): fc.Arbitrary<string> {
  const params = op.parameters.filter((p) => p.in === 'query');
  const pairs = params.map((p) =>
    fc.option(
      fc.oneof(
        schemaValue(p.schema as Schema, true).map((v) => {
          return `${p.name}=${encode(asText(v))}`;
        }),
        // Array-valued: the same parameter twice, or bracketed as qs would write it.
        fc.tuple(fc.string(), fc.string()).map(([a, b]) => `${p.name}=${encode(a)}&${p.name}=${encode(b)}`),
        fc.constant(`${p.name}[]=1&${p.name}[]=2`),
        fc.constant(`${p.name}[__proto__][polluted]=yes`),
      ),
      { nil: undefined },
    ),
  );
  const hostile = fc.option(
    fc.constantFrom(
      '__proto__[polluted]=yes',
      'constructor[prototype][polluted]=yes',
      '__proto__=x',
      'a=%ff',
      '%ff=1',
      `x=${'y'.repeat(6000)}`,
    ),
    { nil: undefined },
  );
  return fc.tuple(fc.tuple(...pairs), hostile).map(([p, h]) => [...p, h].filter(Boolean).join('&'));
}

function bodyFor(
  op: SpecOperation,
): fc.Arbitrary<{ body: Uint8Array | FormData | undefined; type?: string; note: string }> {
  const content = (op.operation.requestBody as OpenAPIV3.RequestBodyObject | undefined)?.content ?? {};
  if (content['multipart/form-data']) {
    return fc
      .tuple(
        fc.uint8Array({ maxLength: 2048 }),
        fc.string(),
        fc.option(fc.string({ maxLength: 600 })),
        fc.boolean(),
      )
      .map(([bytes, name, description, withFile]) => {
        const form = new FormData();
        if (withFile) form.set('file', new Blob([bytes]), name || 'x.wav');
        if (description !== null) form.set('description', description);
        return { body: form, note: `multipart ${bytes.length} bytes` };
      });
  }
  const schema = content['application/json']?.schema as Schema | undefined;
  if (!schema) return fc.constant({ body: undefined, note: 'no body' });
  const json = schemaValue(schema, true).map((v) => JSON.stringify(v) ?? 'null');
  return fc
    .oneof(
      { weight: 6, arbitrary: json.map((text) => ({ text, note: 'generated JSON' })) },
      {
        weight: 2,
        arbitrary: fc.tuple(json, fc.constantFrom(...POLLUTERS)).map(([text, key]) => ({
          text: text.startsWith('{') ? `{${key},${text.slice(1)}` : `{${key}}`,
          note: 'hostile key',
        })),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.integer({ min: 100, max: 100_000 }), fc.constantFrom('array' as const, 'object' as const))
          .map(([depth, kind]) => ({ text: deepJson(depth, kind), note: `deep JSON ${depth}` })),
      },
      {
        weight: 1,
        arbitrary: json.map((text) => ({
          text: text.slice(0, Math.floor(text.length / 2)),
          note: 'truncated JSON',
        })),
      },
      {
        weight: 1,
        arbitrary: fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => ({
          bytes: new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, ...bytes, 0x22, 0x7d]),
          note: 'invalid UTF-8',
        })),
      },
    )
    .chain((b) =>
      fc
        .constantFrom(
          'application/json',
          'application/json; charset=utf-8',
          'text/plain',
          'application/merge-patch+json',
        )
        .map((type) => ({
          body: 'bytes' in b ? (b.bytes as Uint8Array) : new TextEncoder().encode(b.text as string),
          type,
          note: b.note,
        })),
    );
}

function requestFor(op: SpecOperation): fc.Arbitrary<Fuzzed> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const path = fc
    .tuple(...pathParams.map(() => encodedPathValue))
    .map((values) =>
      pathParams.reduce((p, param, i) => p.replace(`{${param.name}}`, values[i] as string), op.path),
    );
  const auth = fc.oneof(
    { weight: 8, arbitrary: fc.constant(`Bearer ${t.token}`) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('', 'Bearer', 'Bearer a.b.c', `Basic ${t.token}`, `Bearer ${t.token}x`),
    },
  );
  const prefer = fc.option(
    fc.constantFrom(
      'dynamic=true',
      'example=nope',
      'code=404',
      'code=abc',
      'code=200, dynamic=true',
      'delay=1',
    ),
    {
      nil: undefined,
    },
  );
  return fc
    .tuple(path, queryFor(op), bodyFor(op), auth, prefer)
    .map(([p, query, body, authorization, preferred]) => {
      const headers: Record<string, string> = {};
      if (authorization) headers.authorization = authorization;
      if (body.type) headers['content-type'] = body.type;
      if (preferred) headers.prefer = preferred;
      return { path: p, query, headers, body: body.body, note: body.note };
    });
}

async function freshToken(): Promise<string> {
  const { data } = await t.api.POST('/auth/login', {
    body: { email: 'admin@example.com', password: 'admin123' },
  });
  return data?.token ?? '';
}

/** Sends one generated request and checks the answer is never a 5xx and never leaks internals. */
async function check(op: SpecOperation, r: Fuzzed): Promise<void> {
  const url = `${t.base}${r.path}${r.query ? `?${r.query}` : ''}`;
  // Logging out with the suite's token would refuse every later request: log out a login of its own.
  if (op.operationId === 'logout' && r.headers.authorization === `Bearer ${t.token}`)
    r.headers.authorization = `Bearer ${await freshToken()}`;
  const res = await fetch(url, { method: op.method.toUpperCase(), headers: r.headers, body: r.body });
  const text = await res.text();
  const what = `${op.method.toUpperCase()} ${url.slice(0, 300)} (${r.note}) answered ${res.status}: ${text.slice(0, 300)}`;
  expect(res.status, what).toBeLessThan(500);
  if (res.status >= 400) expect(res.headers.get('content-type'), what).toContain('application/problem+json');
  expect(text, what).not.toMatch(/node_modules|\.ts:\d+|\bat [\w.<>]+ \(/);
  expect(prototypesClean(), `prototype polluted by ${what}`).toBe(true);
}

async function fuzzOperation(op: SpecOperation, runs: number, seedOffset = 0): Promise<void> {
  await fc.assert(
    fc.asyncProperty(requestFor(op), (r) => check(op, r)),
    { ...fuzzParameters(runs), seed: FUZZ_SEED + seedOffset },
  );
}

describe(`every operation, ${RUNS} generated requests each, valid and malformed (seed ${FUZZ_SEED})`, () => {
  it.each(operations.map((op) => [`${op.method.toUpperCase()} ${op.path}`, op] as const))(
    '%s',
    async (_, op) => {
      await fuzzOperation(op, RUNS);
    },
  );

  it('is still up and answering', async () => {
    expect((await t.call('/health')).status).toBe(200);
    expect((await t.call('/topics')).status).toBe(200);
  });
});

describe('memory stays flat over repeated fuzzing', () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;

  async function settledHeapMb(): Promise<number> {
    const reset = await fetch(`${t.mock.origin}/__mock/reset`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.token}` },
    });
    expect(reset.status).toBeLessThan(300);
    for (let i = 0; i < 3; i++) {
      gc();
      await new Promise((r) => setTimeout(r, 20));
    }
    return process.memoryUsage().heapUsed / 2 ** 20;
  }

  it('a second and a third round, after a reset to the seed, leave the heap where the first left it', async () => {
    const rounds: number[] = [];
    for (let round = 1; round <= 3; round++) {
      for (const op of operations) await fuzzOperation(op, Math.ceil(RUNS / 4), round * 7919);
      rounds.push(await settledHeapMb());
    }
    const [first = 0, , third = 0] = rounds;
    expect(
      third - first,
      `heap after each round: ${rounds.map((r) => r.toFixed(1)).join(', ')} MB`,
    ).toBeLessThan(25);
    // Three rounds of fuzzing: about 10 s alone, several times that beside the suite's other worker.
  }, 120_000);
});
