import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createInProcessMock } from '../../mock/in-process.ts';
import { ROOT_DIR } from '../../mock/openapi/paths.ts';
import { TEST_OPTIONS } from '../mock/support.ts';

// Issue 18, the corpus's round trips: a create answered 2xx, read back by what its answer names,
// found in the list. Each row is the shape of a public description on which it failed
// (tests/engine/fixtures/round-trips.yaml says whose); `field` names the value the item path reads.

const SPEC = join(ROOT_DIR, 'tests/engine/fixtures/round-trips.yaml');
const json = { 'content-type': 'application/json' };

type Row = Record<string, unknown>;

const ROUND_TRIPS: [
  name: string,
  given: { path: string; body: Row; list?: string },
  want: { field: string },
][] = [
  [
    'a server-made nullable status whose enum lists no null',
    { path: '/suites', body: { head_sha: 'a1' } },
    { field: 'id' },
  ],
  [
    'an item path that reads by a server-made number (`{stack_number}`)',
    { path: '/stacks', body: { title: 'x' }, list: '/stacks' },
    { field: 'number' },
  ],
  [
    'a detail view holding a field that is a view of the record too',
    { path: '/gists', body: { description: 'd' }, list: '/gists' },
    { field: 'id' },
  ],
  [
    'a string id that the create answers as an integer',
    { path: '/projects', body: { key: 'K', name: 'n' }, list: '/projects' },
    { field: 'id' },
  ],
  [
    'an integer id that the create answers as a string',
    { path: '/schemes', body: { name: 'n' }, list: '/schemes' },
    { field: 'id' },
  ],
  ['an issue read by its number', { path: '/issues', body: { title: 't' } }, { field: 'number' }],
  [
    'a nested record whose parent field is an object, not the path’s value',
    { path: '/commits/abc/comments', body: { text: 't' }, list: '/commits/abc/comments' },
    { field: 'id' },
  ],
];

describe('round trips on the shapes that failed in the corpus', async () => {
  const mock = await createInProcessMock({ ...TEST_OPTIONS, log: 'off' }, SPEC);
  afterAll(() => mock.close());
  const call = (path: string, init: RequestInit = {}) =>
    mock.fetch(mock.baseUrl + path, { ...init, headers: json });

  for (const [name, { path, body, list }, { field }] of ROUND_TRIPS)
    it(name, async () => {
      const created = await call(path, { method: 'POST', body: JSON.stringify(body) });
      expect(created.status, await created.clone().text()).toBe(201);
      const answer = (await created.json()) as Row;
      const key = answer[field];
      expect(['string', 'number']).toContain(typeof key);
      const read = await call(`${path}/${String(key)}`);
      expect(read.status, await read.clone().text()).toBe(200);
      const record = (await read.json()) as Row;
      expect(String(record[field])).toBe(String(key));
      expect(record).toMatchObject(body);
      if (list) {
        const listed = (await (await call(list)).json()) as Row[];
        expect(listed.map((r) => String(r[field]))).toContain(String(key));
      }
    });

  it('answers the issue for a create of assignees, a change of the issue, not a record of its own', async () => {
    const issue = (await (await call('/issues', { method: 'POST', body: '{"title":"t"}' })).json()) as Row;
    const added = await call(`/issues/${issue.number}/assignees`, {
      method: 'POST',
      body: JSON.stringify({ assignees: ['octocat'] }),
    });
    expect(added.status, await added.clone().text()).toBe(201);
    expect(await added.json()).toMatchObject({ number: issue.number, title: 't' });
  });
});
