import { afterAll, describe, expect, it } from 'vitest';
import { createInProcessMock } from '../../profiles/call-center/package.ts';
import { demoLogin } from '../../scripts/support/demo-login.ts';
import { TEST_OPTIONS } from '../../tests/mock/support.ts';
import { ListMemo } from './list-memo.ts';
import type { Reply } from './reply.ts';

const page = (n: number): Reply => ({ status: 200, body: { items: [n], total: 1 } });

describe('ListMemo: a reply per query while the collection holds', () => {
  it('keeps a reply per query, and lets it go when the collection changes', async () => {
    let version = 0;
    const memo = new ListMemo(() => version);
    expect(memo.get('page=1')).toBeUndefined();
    const made = await memo.remember('page=1', () => page(1));
    expect(memo.get('page=1')).toBe(made);
    expect(memo.get('page=2')).toBeUndefined();
    version++;
    expect(memo.get('page=1')).toBeUndefined();
  });

  it('freezes what it keeps, so that its bytes and its check can be kept with it', async () => {
    const memo = new ListMemo(() => 0);
    const kept = (await memo.remember('', () => page(1))) as { body: { items: number[] } };
    expect(Object.isFrozen(kept.body)).toBe(true);
    expect(Object.isFrozen(kept.body.items)).toBe(true);
  });

  it('keeps nothing made while the collection changed (a first read that seeds it) or refused', async () => {
    let version = 0;
    const memo = new ListMemo(() => version);
    await memo.remember('a', () => {
      version++;
      return page(1);
    });
    expect(memo.get('a')).toBeUndefined();
    await memo.remember('b', () => ({ status: 404, body: { code: 'not_found' } }));
    expect(memo.get('b')).toBeUndefined();
  });

  it('holds a bounded number of queries: a client choosing a new query each time grows nothing', async () => {
    const memo = new ListMemo(() => 0);
    for (let i = 0; i < 200; i++) await memo.remember(`page=${i}`, () => page(i));
    const kept = Array.from({ length: 200 }, (_, i) => memo.get(`page=${i}`)).filter(Boolean);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThanOrEqual(64);
  });
});

describe('a list read after a write sees the write', async () => {
  const mock = await createInProcessMock({ ...TEST_OPTIONS, calls: 20 });
  afterAll(() => mock.close());
  const token = await demoLogin(mock.baseUrl, mock.fetch);
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const send = (path: string, method = 'GET', body?: unknown) =>
    mock.fetch(`/api${path}`, { method, headers, ...(body ? { body: JSON.stringify(body) } : {}) });
  type Qa = { id: string; question: string };
  const list = async (query = 'pageSize=100') => {
    const res = await send(`/qa?${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as { items: Qa[]; total: number };
  };

  it('answers the same bytes to the same query, and a create, a replace and a delete at once', async () => {
    const before = await list();
    expect(await list()).toEqual(before);
    const created = (await (
      await send('/qa', 'POST', { question: 'Memo savoli?', answer: 'Birinchi javob.' })
    ).json()) as Qa;
    const afterCreate = await list();
    expect(afterCreate.total).toBe(before.total + 1);
    expect(afterCreate.items.map((q) => q.id)).toContain(created.id);

    const replaced = await send(`/qa/${created.id}`, 'PUT', {
      question: 'Memo savoli, yangi?',
      answer: 'Ikkinchi.',
    });
    expect(replaced.status).toBe(200);
    expect((await list()).items.find((q) => q.id === created.id)?.question).toBe('Memo savoli, yangi?');

    expect((await send(`/qa/${created.id}`, 'DELETE')).status).toBe(204);
    const afterDelete = await list();
    expect(afterDelete.items.map((q) => q.id)).not.toContain(created.id);
    expect(afterDelete).toEqual(before);
  });

  it('keeps each query apart, and starts again from the seed after a reset', async () => {
    const first = await list('pageSize=2');
    const second = await list('pageSize=2&page=2');
    expect(first.items).toHaveLength(2);
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);
    await send('/qa', 'POST', { question: 'Reset oldidan?', answer: 'Ha.' });
    expect((await list('pageSize=2')).items[0]?.question).toBe('Reset oldidan?');
    await mock.reset();
    expect(await list('pageSize=2')).toEqual(first);
  });

  it('still refuses a bad query every time, and checks the token of every read', async () => {
    for (let i = 0; i < 2; i++) expect((await send('/qa?pageSize=0')).status).toBe(400);
    await list('pageSize=3');
    const anonymous = await mock.fetch('/api/qa?pageSize=3');
    expect(anonymous.status).toBe(401);
  });

  it('refuses a kept list to a token revoked by a logout, from the next request on', async () => {
    await list('pageSize=4');
    expect((await send('/auth/logout', 'POST')).status).toBe(204);
    const refused = await send('/qa?pageSize=4');
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { code: string }).code).toBe('token_revoked');
  });
});
