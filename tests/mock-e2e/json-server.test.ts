import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../mock/store/store.ts';
import type { Topic } from '../../profiles/call-center/models.ts';
import { startMock } from '../../profiles/call-center/package.ts';
import { demoLogin as login } from '../../scripts/support/demo-login.ts';
import { bin, freePort, type Service, startService } from '../support/processes.ts';

// MOCK_DB promises a json-server-style db.json. json-server itself (typicode, v0.17) is the judge:
// it must serve the file the mock wrote, record for record, and the mock must read it back.

const TOPIC = { name: 'json-server mavzusi', description: 'MOCK_DB orqali saqlangan' };

describe('MOCK_DB is a db.json that json-server serves', () => {
  let dir: string;
  let db: string;
  let topic: Topic;
  let saved: Snapshot;
  let jsonServer: Service;
  let base: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mock-e2e-db-'));
    db = join(dir, 'db.json');
    const mock = await startMock({ port: 0, log: 'off', rateLimit: 0, calls: 30, db });
    try {
      const res = await fetch(`${mock.baseUrl}/topics`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await login(mock.baseUrl)}`, 'content-type': 'application/json' },
        body: JSON.stringify(TOPIC),
      });
      expect(res.status).toBe(201);
      topic = (await res.json()) as Topic;
    } finally {
      await mock.close();
    }
    saved = JSON.parse(await readFile(db, 'utf8')) as Snapshot;
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    jsonServer = await startService(
      bin('json-server'),
      ['--port', String(port), '--host', '127.0.0.1', '--quiet', db],
      async () => (await fetch(`${base}/db`)).ok,
    );
  }, 60_000);
  afterAll(async () => {
    await jsonServer?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('holds the four collections of the API, seeded and created alike', () => {
    expect(Object.keys(saved).sort()).toEqual(['calls', 'files', 'qas', 'topics']);
    expect(saved.calls).toHaveLength(30);
    expect(saved.topics).toContainEqual(topic);
  });

  it('GET /topics of json-server lists the topic created through the API', async () => {
    const topics = (await (await fetch(`${base}/topics`)).json()) as Topic[];
    expect(topics).toContainEqual(topic);
    expect(await (await fetch(`${base}/topics/${topic.id}`)).json()).toEqual(topic);
  });

  it.each([['calls'], ['files'], ['qas'], ['topics']])(
    'GET /%s of json-server serves the records of the file',
    async (name: string) => {
      const res = await fetch(`${base}/${name}`);
      expect(res.status).toBe(200);
      const records = (await res.json()) as unknown[];
      expect(records.length).toBeGreaterThan(0);
      expect(records).toEqual(saved[name]);
    },
  );

  it('json-server finds each record by its id', async () => {
    const call = saved.calls?.[0];
    expect(await (await fetch(`${base}/calls/${call?.id}`)).json()).toEqual(call);
  });

  it('the mock restarted on the same MOCK_DB reloads the state, with what json-server wrote', async () => {
    // json-server as an editor of the mock's state: a whole Topic record, written to the file by it.
    const at = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const edited: Topic = {
      id: randomUUID(),
      name: 'json-server yozgan',
      description: null,
      createdAt: at,
      updatedAt: at,
    };
    const created = await fetch(`${base}/topics`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(edited),
    });
    expect(created.status).toBe(201);
    // json-server's FileAsync adapter answers before its write lands (its write middleware does not
    // wait for lowdb's write): wait, within 10 s, for the file to hold the record before restarting.
    await fileHolds(db, edited.id, 10_000);
    const mock = await startMock({ port: 0, log: 'off', rateLimit: 0, calls: 5, db });
    try {
      const headers = { authorization: `Bearer ${await login(mock.baseUrl)}` };
      for (const want of [topic, edited]) {
        const one = await fetch(`${mock.baseUrl}/topics/${want.id}`, { headers });
        expect(one.status).toBe(200);
        expect(await one.json()).toEqual(want);
      }
      const calls = (await (await fetch(`${mock.baseUrl}/voip/calls`, { headers })).json()) as {
        total: number;
      };
      expect(calls.total).toBe(saved.calls?.length);
    } finally {
      await mock.close();
    }
  });
});

/** Resolves once the file's text names `text`; throws, saying what it waited for, after `limitMs`. */
async function fileHolds(path: string, text: string, limitMs: number): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await readFile(path, 'utf8').catch(() => '')).includes(text)) {
    if (Date.now() > deadline)
      throw new Error(`json-server did not write ${text} to ${path} within ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
