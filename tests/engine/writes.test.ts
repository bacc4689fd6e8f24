import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createInProcessMock } from '../../mock/in-process.ts';
import { ROOT_DIR } from '../../mock/openapi/paths.ts';
import { TEST_OPTIONS } from '../mock/support.ts';

// Issue 18, item 4: writes never poison a collection. The fields the server makes satisfy the
// served schema (an id by its pattern, a snowflake, date-times, a counter); a record the contract
// would refuse is never stored; a list sent to a bulk create is one record per item.

const WRITES = join(ROOT_DIR, 'tests/engine/fixtures/writes.yaml');
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const json = { 'content-type': 'application/json' };

type Row = Record<string, unknown>;

const CREATES: [name: string, given: { path: string; body: Row }, want: { id: RegExp; fields?: Row }][] = [
  [
    'an id with a prefix pattern, a date-time stamp and a counter',
    { path: '/messages', body: { text: 'hi' } },
    { id: /^m_[a-z0-9]{8}$/, fields: { created_at: expect.stringMatching(DATE_TIME), edits: 0 } },
  ],
  [
    'a snowflake id, checked by the item path too',
    { path: '/channels', body: { name: 'general' } },
    { id: /^(0|[1-9][0-9]*)$/ },
  ],
  [
    'a server-made field that two parts of an allOf name meets both (an enum and a plain string)',
    { path: '/backups', body: { label: 'nightly' } },
    { id: /^\S+$/, fields: { type: expect.stringMatching(/^(auto|snapshot)$/) } },
  ],
  [
    'a string id the item path reads as an integer: the digits of one',
    { path: '/filters', body: { name: 'mine' } },
    { id: /^[1-9][0-9]*$/ },
  ],
  [
    'server-made timestamps where the create takes a oneOf of bodies',
    { path: '/fields', body: { name: 'notes', data_type: 'text' } },
    {
      id: /^\S+$/,
      fields: { created_at: expect.stringMatching(DATE_TIME), updated_at: expect.stringMatching(DATE_TIME) },
    },
  ],
];

describe('writes that never poison', async () => {
  const mock = await createInProcessMock({ ...TEST_OPTIONS, log: 'off' }, WRITES);
  afterAll(() => mock.close());
  const call = (path: string, init: RequestInit = {}) =>
    mock.fetch(mock.baseUrl + path, { ...init, headers: json });
  const listed = async (path: string): Promise<Row[]> => {
    const res = await call(path);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Row[] | { data: Row[] };
    return Array.isArray(body) ? body : body.data;
  };

  for (const [name, { path, body }, want] of CREATES)
    it(name, async () => {
      const created = await call(path, { method: 'POST', body: JSON.stringify(body) });
      expect(created.status).toBe(201);
      const record = (await created.json()) as Row;
      expect(record.id).toMatch(want.id);
      expect(record).toMatchObject({ ...body, ...want.fields });
      const read = await call(`${path}/${record.id}`);
      expect(read.status).toBe(200);
      expect(await read.json()).toEqual(record);
      expect(await listed(path)).toContainEqual(record);
    });

  it('keeps each create of a nested path whose parent parameter is named like the id field', async () => {
    for (const users of [['admin'], ['ops']]) {
      const res = await call('/roles/1/actors', { method: 'POST', body: JSON.stringify({ user: users }) });
      expect(res.status, await res.clone().text()).toBe(200);
    }
  });

  it('answers the redirect an operation documents where it documents no 2xx (303 to a task)', async () => {
    const [backup] = await listed('/backups');
    const res = await call(`/backups/${backup?.id}`, { method: 'DELETE', redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(await res.json()).toMatchObject({ self: expect.any(String), status: expect.any(String) });
  });

  it('removes a record whose delete documents content on its 204', async () => {
    const created = await call('/filters', { method: 'POST', body: JSON.stringify({ name: 'gone' }) });
    const { id } = (await created.json()) as Row;
    const removed = await call(`/filters/${id}`, { method: 'DELETE' });
    expect(removed.status).toBe(204);
    expect((await call(`/filters/${id}`)).status).toBe(404);
  });

  it('stores a create answered in another view whose field the record cannot fill', async () => {
    const created = await call('/items', { method: 'POST', body: JSON.stringify({ content_type: 'Issue' }) });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as Row;
    expect((await call(`/items/${id}`)).status).toBe(200);
  });

  it('refuses a record the contract would refuse, names the field, and keeps the list readable', async () => {
    const before = await listed('/messages');
    const refused = await call('/messages', {
      method: 'POST',
      body: JSON.stringify({ text: 'urgent one', priority: 'urgent' }),
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(/priority/);
    const after = await listed('/messages');
    expect(after).toEqual(before);
  });

  it('stores each item of a bulk create as a record of its own', async () => {
    const alerts = [{ labels: { alertname: 'DiskFull' } }, { labels: { alertname: 'HighLoad' } }];
    const posted = await call('/alerts', { method: 'POST', body: JSON.stringify(alerts) });
    expect(posted.status).toBe(200);
    const all = await listed('/alerts');
    const mine = all.filter((a) => ['DiskFull', 'HighLoad'].includes((a.labels as Row).alertname as string));
    expect(mine).toHaveLength(2);
    expect(new Set(mine.map((a) => a.fingerprint)).size).toBe(2);
    for (const alert of mine) expect(alert.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    for (const alert of mine) expect(Object.keys(alert)).not.toContain('0');
  });

  it('refuses a list sent to a create of one record, and stores nothing', async () => {
    const before = await listed('/messages');
    const refused = await call('/messages', { method: 'POST', body: JSON.stringify([{ text: 'a' }]) });
    expect(refused.status).toBe(400);
    expect(await listed('/messages')).toEqual(before);
  });
});
