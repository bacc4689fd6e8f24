import { describe, expect, it } from 'vitest';
import { responseSchema } from '../../mock/openapi/operations.ts';
import { SchemaValidator } from '../../mock/openapi/schema-validator.ts';
import type { Call, Page, Problem, Topic } from '../../profiles/call-center/models.ts';
import { useMock } from './support.ts';

const t = await useMock();
const chaos = await useMock({ errorRate: 1 });
const body = async <T>(res: Response) => (await res.json()) as T;

describe('Prefer, after Prism', () => {
  it('code= answers that documented status with its example, storing nothing', async () => {
    const before = (await body<Page>(await t.call('/topics'))).total;
    const res = await t.call('/topics', {
      method: 'POST',
      body: JSON.stringify({ name: 'x' }),
      headers: { prefer: 'code=409' },
    });
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await body<Problem>(res)).code).toBe('call_in_progress');
    expect((await body<Page>(await t.call('/topics'))).total).toBe(before);
    const unauthorized = await t.call('/qa', { headers: { prefer: 'code=401' } });
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('code= refuses an undocumented status, naming the documented ones', async () => {
    const res = await t.call('/qa', { headers: { prefer: 'code=418' } });
    expect(res.status).toBe(400);
    expect((await body<Problem>(res)).errors?.[0]?.message).toContain('200');
  });

  it('example= answers a named example of the spec', async () => {
    const res = await t.call('/voip/calls/00000000-0000-4000-8000-000000000000', {
      headers: { prefer: 'example=ringing' },
    });
    expect(res.status).toBe(200);
    expect((await body<Call>(res)).status).toBe('ringing');
    const unknown = await t.call('/voip/calls/00000000-0000-4000-8000-000000000000', {
      headers: { prefer: 'example=nope' },
    });
    expect((await body<Problem>(unknown)).errors?.[0]?.message).toBe(
      'example must be one of: completed, ringing, failed',
    );
  });

  it('dynamic=true generates a fresh answer that still matches the schema', async () => {
    const op = t.mock.ctx.operations.get('getCall');
    const schema = op && responseSchema(op, '200');
    if (!schema) throw new Error('getCall documents no 200 schema');
    const validator = new SchemaValidator();
    for (let i = 0; i < 20; i++) {
      const res = await t.call('/voip/calls/00000000-0000-4000-8000-000000000000', {
        headers: { prefer: 'dynamic=true' },
      });
      const call = await body<Call>(res);
      expect(validator.validate(schema, call)).toEqual({ ok: true });
      expect(call.targetNumber).toMatch(/^\+998\d{9}$/);
    }
  });

  it('delay= holds the answer back without changing it', async () => {
    const res = await t.call('/health', { headers: { prefer: 'delay=50' } });
    expect(res.status).toBe(200);
    const listed = await t.call('/topics', { headers: { prefer: 'delay=30' } });
    expect(listed.status).toBe(200);
  });
});

describe('chaos', () => {
  it('MOCK_ERROR_RATE=1 answers every operation with a 500 problem, but never the health check or login', async () => {
    const res = await chaos.call('/topics');
    expect(res.status).toBe(500);
    expect((await body<Problem>(res)).code).toBe('internal_error');
    expect((await chaos.call('/health')).status).toBe(200);
  });
});

describe('admin endpoints, outside the contract', () => {
  const admin = (path: string, init: RequestInit = {}) =>
    fetch(`${t.mock.origin}/__mock${path}`, {
      ...init,
      headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' },
    });

  it('inspects the state', async () => {
    const state = await body<{ seed: number; counts: Record<string, number> }>(await admin('/state'));
    expect(state.seed).toBe(1);
    expect(state.counts).toMatchObject({ calls: 400, topics: expect.any(Number) });
    const topics = await body<Topic[]>(await admin('/state/topics'));
    expect(topics.length).toBe(state.counts.topics);
  });

  it('resets to the seed, and reseeds with another seed and size', async () => {
    await t.call('/topics', { method: 'POST', body: JSON.stringify({ name: 'Vaqtinchalik' }) });
    const seeded = await body<Page & { items: Call[] }>(await t.call('/voip/calls'));
    expect(
      (await admin('/seed', { method: 'POST', body: JSON.stringify({ seed: 7, calls: 50 }) })).status,
    ).toBe(204);
    const other = await body<Page & { items: Call[] }>(await t.call('/voip/calls'));
    expect(other.total).toBe(50);
    expect(other.items[0]?.id).not.toBe(seeded.items[0]?.id);
    expect(
      (await admin('/seed', { method: 'POST', body: JSON.stringify({ seed: 1, calls: 400 }) })).status,
    ).toBe(204);
    expect((await admin('/reset', { method: 'POST' })).status).toBe(204);
    expect(await body(await t.call('/voip/calls'))).toEqual(seeded);
    const topics = await body<Page & { items: Topic[] }>(await t.call('/topics?q=Vaqtinchalik'));
    expect(topics.total).toBe(0);
  });

  it('refuses a bad seed with a problem, and strangers with 401', async () => {
    const bad = await admin('/seed', { method: 'POST', body: JSON.stringify({ seed: -1 }) });
    expect(bad.status).toBe(400);
    expect((await fetch(`${t.mock.origin}/__mock/state`)).status).toBe(401);
  });
});

describe('the mock checks its own answers against the contract', () => {
  it('turns an answer that would break the contract into a 500 naming the breach', async () => {
    const topic = (await body<Page & { items: Topic[] }>(await t.call('/topics'))).items[0] as Topic;
    t.mock.ctx.store.collection<Topic>('topics').replace({ ...topic, createdAt: 'last tuesday' });
    const res = await t.call(`/topics/${topic.id}`);
    expect(res.status).toBe(500);
    expect((await body<Problem>(res)).detail).toContain('/createdAt must match format "date-time"');
    t.mock.ctx.store.collection<Topic>('topics').replace(topic);
    expect((await t.call(`/topics/${topic.id}`)).status).toBe(200);
  });
});

describe('docs', () => {
  it('serves Swagger UI from the npm package, and the contract as YAML and JSON', async () => {
    const page = await fetch(`${t.base}/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('swagger-ui-bundle.js');
    expect((await fetch(`${t.base}/docs/swagger-ui-bundle.js`)).status).toBe(200);
    const spec = await body<{ openapi: string; paths: object }>(await fetch(`${t.base}/openapi.json`));
    expect(spec.openapi).toBe('3.0.3');
    expect(spec).toEqual(t.mock.ctx.spec.raw);
    const yaml = await fetch(`${t.base}/openapi.yaml`);
    expect(await yaml.text()).toMatch(/^openapi: 3\.0\.3/);
  });
});
