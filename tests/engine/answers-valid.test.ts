import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv, type AnySchema } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, describe, expect, it } from 'vitest';
import { type RunningMock, startMock } from '../../mock/start-mock.ts';
import { TEST_OPTIONS } from '../mock/support.ts';
import { SHOP_30, TREE_31 } from './fixtures/real-world-specs.ts';

const addFormats = addFormatsModule.default;

/**
 * Every answer of a mock checked by an Ajv of its own over the raw document (its `$ref`s as
 * written, not the mock's dereferenced copy, nor its validator): a 2020-12 Ajv for 3.1.
 */
function independentCheck(doc: Record<string, unknown>): (ref: string, value: unknown) => string[] {
  const version31 = String(doc.openapi).startsWith('3.1');
  const ajv = version31
    ? new Ajv2020({ strict: false, allErrors: true })
    : new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema((version31 ? doc : asJsonSchema(doc)) as AnySchema, 'doc');
  return (pointer, value) => {
    const validate = ajv.compile({ $ref: `doc#${pointer}` });
    return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  };
}

/**
 * A 3.0 document's schemas as JSON Schema means them, on a copy: `nullable: true` admits null,
 * a boolean `exclusiveMinimum` makes `minimum` exclusive. (The mock's own reading is elsewhere.)
 */
function asJsonSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asJsonSchema);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = asJsonSchema(v);
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const)
    if (typeof out[flag] === 'boolean') {
      if (out[flag]) out[flag] = out[bound];
      else delete out[flag];
      if (out[flag] !== undefined) delete out[bound];
    }
  if (out.nullable === true) {
    const { nullable: _, ...rest } = out;
    return { anyOf: [rest, { type: 'null' }] };
  }
  return out;
}

/** The JSON pointer of an operation's response schema for a media type. */
const schemaAt = (path: string, method: string, status: string, type = 'application/json') =>
  `/paths/${path.replaceAll('~', '~0').replaceAll('/', '~1')}/${method}/responses/${status}/content/${type.replaceAll('/', '~1')}/schema`;

async function serve(doc: Record<string, unknown>): Promise<RunningMock> {
  const dir = await mkdtemp(join(tmpdir(), 'answers-valid-'));
  const file = join(dir, 'openapi.json');
  await writeFile(file, JSON.stringify(doc));
  const mock = await startMock({ ...TEST_OPTIONS, log: 'off' }, file);
  afterAll(async () => {
    await mock.close();
    await rm(dir, { recursive: true, force: true });
  });
  return mock;
}

describe('a shop written as real teams write (3.0): every answer holds for the document', async () => {
  const mock = await serve(SHOP_30);
  const check = independentCheck(SHOP_30);
  const get = async (path: string, accept = 'application/json') => {
    const res = await fetch(mock.baseUrl + path, { headers: { accept, 'x-api-key': 'k' } });
    return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.json() };
  };

  it('lists products whose ids the item path accepts, and reads each back', async () => {
    const list = await get('/products');
    expect(list.status).toBe(200);
    expect(check(schemaAt('/products', 'get', '200'), list.body)).toEqual([]);
    const items = (list.body as { data: { id: string }[] }).data;
    expect(items.length).toBeGreaterThan(0);
    for (const { id } of items) {
      expect(id).toMatch(/^prd_[a-z0-9]{8}$/);
      const one = await get(`/products/${id}`);
      expect(one.status, JSON.stringify(one.body)).toBe(200);
      expect(check(schemaAt('/products/{productId}', 'get', '200'), one.body)).toEqual([]);
    }
  });

  const FROM_EXAMPLES: [string, string, string, string][] = [
    ['a recursive category tree', '/categories/tree', '200', 'application/json'],
    ['a oneOf with a discriminator', '/payment-methods/default', '200', 'application/json'],
    ['an envelope whose example breaks its schema', '/orders/summary', '200', 'application/json'],
    ['a HAL answer asked for by Accept', '/account', '200', 'application/hal+json'],
    ['the plain JSON of the same operation', '/account', '200', 'application/json'],
    ['a `default` answer', '/settings', 'default', 'application/json'],
  ];

  it.each(FROM_EXAMPLES)('%s', async (_, path, status, type) => {
    const answer = await get(path, type);
    expect(answer.status, JSON.stringify(answer.body)).toBe(status === 'default' ? 200 : Number(status));
    expect(answer.type.split(';')[0]).toBe(type);
    expect(check(schemaAt(path, 'get', status, type), answer.body)).toEqual([]);
  });
});

describe('a 3.1 document: type lists, const, prefixItems, recursion', async () => {
  const mock = await serve(TREE_31);
  const check = independentCheck(TREE_31);

  it.each(['/nodes/root', '/pairs', '/flags'])('%s', async (path) => {
    const res = await fetch(mock.baseUrl + path);
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(check(schemaAt(path, 'get', '200'), body)).toEqual([]);
  });
});
