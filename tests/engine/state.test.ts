import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createInProcessMock, type InProcessMock } from '../../mock/in-process.ts';
import { ROOT_DIR } from '../../mock/openapi/paths.ts';
import { TEST_OPTIONS } from '../mock/support.ts';

// Issue 18, item 5: the state real APIs need. Every inferred collection of two specs shaped after
// real ones keeps what a client writes: create, then read it back and find it in the list, however
// the API spells its paths (a singular item path, `.json`, a parameter not named after the id),
// names its id (`key`), wraps its answers (`{ domain }`, `{ data, status_code }`, a receipt
// `{ silenceID }`); and actions on a record keep it.

const fixture = (name: string) => join(ROOT_DIR, 'tests/engine/fixtures', name);
const json = { 'content-type': 'application/json' };
type Row = Record<string, unknown>;

interface RoundTrip {
  spec: string;
  create: { path: string; body: Row };
  /** The new record's id, from the create's answer. */
  idOf(answer: Row): unknown;
  item(id: unknown): string;
  /** The record, from the item's answer. */
  recordOf(answer: Row): Row;
  list: { path: string; items(answer: unknown): Row[] };
  idField: string;
}

const SILENCE = {
  matchers: [{ name: 'job', value: 'api', isRegex: false }],
  startsAt: '2026-12-07T10:00:00Z',
  endsAt: '2026-12-08T10:00:00Z',
  createdBy: 'ops',
  comment: 'deploy window',
};

const ROUND_TRIPS: [name: string, trip: RoundTrip][] = [
  [
    'a singular item path (/silence/{silenceID}) and a create answering a receipt { silenceID }',
    {
      spec: 'monitoring.yaml',
      create: { path: '/silences', body: SILENCE },
      idOf: (answer) => answer.silenceID,
      item: (id) => `/silence/${id}`,
      recordOf: (answer) => answer,
      list: { path: '/silences', items: (answer) => answer as Row[] },
      idField: 'id',
    },
  ],
  [
    'paths ending in .json, the id under `key`, envelopes { data, status_code } and { domain }',
    {
      spec: 'domains.yaml',
      create: { path: '/domains.json', body: { name: 'mail.example.org' } },
      idOf: (answer) => (answer.data as Row).key,
      item: (id) => `/domains/${id}.json`,
      recordOf: (answer) => answer.domain as Row,
      list: { path: '/domains.json', items: (answer) => (answer as { domains: Row[] }).domains },
      idField: 'key',
    },
  ],
  [
    'a list in { data } beside a bare record',
    {
      spec: 'domains.yaml',
      create: { path: '/orders', body: { sku: 'A-1' } },
      idOf: (answer) => answer.id,
      item: (id) => `/orders/${id}`,
      recordOf: (answer) => answer,
      list: { path: '/orders', items: (answer) => (answer as { data: Row[] }).data },
      idField: 'id',
    },
  ],
  [
    'an item path linked by x-mock (people, /person/{personId})',
    {
      spec: 'domains.yaml',
      create: { path: '/people', body: { name: 'Ada' } },
      idOf: (answer) => answer.id,
      item: (id) => `/person/${id}`,
      recordOf: (answer) => answer,
      list: { path: '/people', items: (answer) => answer as Row[] },
      idField: 'id',
    },
  ],
  [
    'the id under `ticket_id`, found by an item path named {id}',
    {
      spec: 'domains.yaml',
      create: { path: '/tickets', body: { subject: 'Printer on fire' } },
      idOf: (answer) => answer.ticket_id,
      item: (id) => `/tickets/${id}`,
      recordOf: (answer) => answer,
      list: { path: '/tickets', items: (answer) => (answer as { results: Row[] }).results },
      idField: 'ticket_id',
    },
  ],
];

const mocks = new Map<string, InProcessMock>();
async function mockOf(spec: string): Promise<InProcessMock> {
  let mock = mocks.get(spec);
  if (!mock) {
    mock = await createInProcessMock({ ...TEST_OPTIONS, log: 'off' }, fixture(spec));
    mocks.set(spec, mock);
  }
  return mock;
}
afterAll(async () => {
  for (const mock of mocks.values()) await mock.close();
});

async function call(spec: string, method: string, path: string, body?: unknown, type = json) {
  const mock = await mockOf(spec);
  const res = await mock.fetch(mock.baseUrl + path, {
    method,
    headers: type,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Row };
}

/** Creates a record through the trip's create and answers its id. */
async function created(trip: RoundTrip): Promise<unknown> {
  const answer = await call(trip.spec, 'POST', trip.create.path, trip.create.body);
  expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
  const id = trip.idOf(answer.body);
  expect(id).toBeDefined();
  return id;
}

describe('round trips on every inferred collection', () => {
  it('round-trips every collection the engine infers from each spec', async () => {
    for (const spec of new Set(ROUND_TRIPS.map(([, trip]) => trip.spec))) {
      const inferred = (await mockOf(spec)).ctx.resources.map((r) => r.path).sort();
      const tripped = ROUND_TRIPS.filter(([, t]) => t.spec === spec).map(([, t]) => t.create.path);
      expect(inferred, spec).toEqual([...new Set(tripped)].sort());
    }
  });

  for (const [name, trip] of ROUND_TRIPS)
    it(name, async () => {
      const id = await created(trip);
      const read = await call(trip.spec, 'GET', trip.item(id));
      expect(read.status, JSON.stringify(read.body)).toBe(200);
      const record = trip.recordOf(read.body);
      expect(record).toMatchObject({ ...trip.create.body, [trip.idField]: id });
      const list = await call(trip.spec, 'GET', trip.list.path);
      expect(list.status).toBe(200);
      expect(trip.list.items(list.body).find((r) => r[trip.idField] === id)).toMatchObject(trip.create.body);
    });
});

const [, silences] = ROUND_TRIPS[0] as [string, RoundTrip];
const [, domains] = ROUND_TRIPS[1] as [string, RoundTrip];
const [, orders] = ROUND_TRIPS[2] as [string, RoundTrip];

const ACTIONS: [
  name: string,
  given: { trip: RoundTrip; method: string; action: (id: unknown) => string },
  want: { status: number; field: (record: Row) => unknown; value: unknown },
][] = [
  [
    'an action whose verb names a state (expire -> status.state expired)',
    { trip: silences, method: 'POST', action: (id) => `/silence/${id}/expire` },
    { status: 200, field: (r) => (r.status as Row).state, value: 'expired' },
  ],
  [
    'an action whose change x-mock states (stop -> status.state expired)',
    { trip: silences, method: 'PUT', action: (id) => `/silence/${id}/stop` },
    { status: 204, field: (r) => (r.status as Row).state, value: 'expired' },
  ],
  [
    'an action written with a colon (:cancel -> status cancelled)',
    { trip: orders, method: 'POST', action: (id) => `/orders/${id}:cancel` },
    { status: 200, field: (r) => r.status, value: 'cancelled' },
  ],
];

describe('actions keep the record', () => {
  for (const [name, { trip, method, action }, want] of ACTIONS)
    it(name, async () => {
      const id = await created(trip);
      const acted = await call(trip.spec, method, action(id));
      expect(acted.status, JSON.stringify(acted.body)).toBe(want.status);
      if (acted.body) expect(want.field(acted.body)).toBe(want.value);
      const read = await call(trip.spec, 'GET', trip.item(id));
      expect(read.status).toBe(200);
      const record = trip.recordOf(read.body);
      expect(want.field(record)).toBe(want.value);
      expect(record).toMatchObject(trip.create.body);
    });

  it('answers an action on an unknown id with a 404', async () => {
    const missing = await call(
      'monitoring.yaml',
      'POST',
      '/silence/00000000-0000-4000-8000-000000000000/expire',
    );
    expect(missing.status).toBe(404);
  });
});

describe('a PATCH with a valid body', () => {
  it('is accepted, merged and kept (application/merge-patch+json)', async () => {
    const id = await created(domains);
    const patched = await call(
      'domains.yaml',
      'PATCH',
      `/domains/${id}.json`,
      { spam_action: 'block' },
      {
        'content-type': 'application/merge-patch+json',
      },
    );
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.domain).toMatchObject({ key: id, name: 'mail.example.org', spam_action: 'block' });
    const read = await call('domains.yaml', 'GET', `/domains/${id}.json`);
    expect(read.body.domain).toMatchObject({ spam_action: 'block' });
  });
});
