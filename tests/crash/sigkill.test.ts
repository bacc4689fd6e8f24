import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { demoLogin } from '../../scripts/support/demo-login.ts';
import { bin, freePort, type Service, startService } from '../support/processes.ts';

/**
 * Crash safety of MOCK_DB, for a db.json and an SQLite file alike: the mock is killed with SIGKILL
 * (no handler runs, nothing is flushed) at a random moment of a stream of writes, again and again.
 * After each kill the file must be readable, and every write the mock answered with 2xx must be in
 * it, and in the restarted mock's answers.
 */
const SEED = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
console.info(`crash seed ${SEED} (replay with CRASH_SEED=${SEED})`);
const CYCLES = 4;

/** mulberry32: a small seeded generator, so that a failing run's kill moments can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const dir = await mkdtemp(join(tmpdir(), 'ai-call-center-crash-'));
let db = join(dir, 'db.json');
let current: Service | undefined;
afterAll(async () => {
  await current?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** The topics the file holds, read as the next start will read them. */
async function topicsOnDisk(): Promise<Map<string, string>> {
  let topics: { id: string; name: string }[];
  if (db.endsWith('.json')) {
    const saved = JSON.parse(await readFile(db, 'utf8')) as { topics: typeof topics; calls: unknown[] };
    expect(Array.isArray(saved.calls)).toBe(true);
    topics = saved.topics;
  } else {
    // Opened read-write, as the mock opens it: the committed part of the log is replayed.
    const file = new Database(db);
    try {
      const texts = file.prepare('SELECT record FROM "topics records"').pluck().all() as string[];
      topics = texts.map((text) => JSON.parse(text) as { id: string; name: string });
    } finally {
      file.close();
    }
  }
  return new Map(topics.map((topic) => [topic.id, topic.name]));
}

async function start(): Promise<{ base: string; token: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}/api`;
  current = await startService(
    bin('tsx'),
    ['profiles/call-center/cli.ts'],
    async () => (await fetch(`${base}/health`)).status === 200,
    {
      env: {
        PORT: String(port),
        MOCK_DB: db,
        MOCK_LOG: 'off',
        MOCK_RATE_LIMIT: '0',
        MOCK_CALLS: '200',
        MOCK_SEED_DATE: '2026-11-01',
      },
      timeoutMs: 60_000,
    },
  );
  return { base, token: await demoLogin(base) };
}

function kill(service: Service): Promise<void> {
  const pid = service.process.pid as number;
  const exited = new Promise<void>((done) => service.process.once('exit', () => done()));
  process.kill(-pid, 'SIGKILL');
  return exited;
}

/** What the clients were told: created ids (and their names), deleted ids, and deletes in doubt. */
const created = new Map<string, string>();
const deleted = new Set<string>();
const inDoubt = new Set<string>();

/** One client writing as fast as it can until its connection dies: creates, and deletes some. */
async function writer(base: string, token: string, name: string, rand: () => number): Promise<void> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  for (let i = 0; ; i++) {
    const victims = [...created.keys()].filter((id) => !deleted.has(id) && !inDoubt.has(id));
    const victim = rand() < 0.25 ? victims[Math.floor(rand() * victims.length)] : undefined;
    try {
      if (victim) {
        inDoubt.add(victim);
        const res = await fetch(`${base}/topics/${victim}`, { method: 'DELETE', headers });
        if (res.status === 204) {
          deleted.add(victim);
          inDoubt.delete(victim);
        }
      } else {
        const topic = { name: `crash ${name} ${i}`, description: `written by ${name}` };
        const res = await fetch(`${base}/topics`, { method: 'POST', headers, body: JSON.stringify(topic) });
        if (res.status === 201) created.set(((await res.json()) as { id: string }).id, topic.name);
      }
    } catch {
      return; // the mock was killed: this request's answer never came
    }
  }
}

describe.each(['db.json', 'state.sqlite'])(
  `SIGKILL during a stream of writes to %s, ${CYCLES} times (seed ${SEED})`,
  (file) => {
    it('leaves a readable file with every write answered 2xx, before and after a restart', async () => {
      db = join(dir, file);
      for (const set of [created, deleted, inDoubt]) set.clear();
      const rand = random(SEED);
      let running = await start();
      for (let cycle = 1; cycle <= CYCLES; cycle++) {
        const writers = Array.from({ length: 4 }, (_, w) =>
          writer(running.base, running.token, `c${cycle}w${w}`, random(SEED + cycle * 10 + w)),
        );
        await new Promise((done) => setTimeout(done, 100 + rand() * 900));
        await kill(current as Service);
        await Promise.all(writers);

        const onDisk = await topicsOnDisk();
        for (const [id, name] of created)
          if (!deleted.has(id) && !inDoubt.has(id))
            expect(onDisk.get(id), `cycle ${cycle}: ${name}`).toBe(name);
        for (const id of deleted) expect(onDisk.has(id), `cycle ${cycle}: deleted ${id}`).toBe(false);

        running = await start();
        // A write the kill interrupted leaves a temporary file; the restart clears it away.
        expect(
          (await readdir(dir)).filter((name) => name.endsWith('.tmp')),
          `cycle ${cycle}`,
        ).toEqual([]);
        const headers = { authorization: `Bearer ${running.token}` };
        // Ids go on where they were: a restart must not hand out the ids of earlier records again.
        const fresh = await fetch(`${running.base}/topics`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ name: `after restart ${cycle}` }),
        });
        expect(fresh.status, `cycle ${cycle}: the first create after a restart`).toBe(201);
        const freshId = ((await fresh.json()) as { id: string }).id;
        expect(created.has(freshId), `cycle ${cycle}: id ${freshId} handed out again`).toBe(false);
        created.set(freshId, `after restart ${cycle}`);
        for (const [id, name] of created) {
          if (inDoubt.has(id)) continue;
          const res = await fetch(`${running.base}/topics/${id}`, { headers });
          expect(res.status, `cycle ${cycle}: ${name} after restart`).toBe(deleted.has(id) ? 404 : 200);
          await res.arrayBuffer();
        }
      }
      // The last restart's mock is this test's to stop: the next file's test starts its own.
      await current?.stop();
      current = undefined;
      expect(created.size, 'writes were answered before the kills').toBeGreaterThan(CYCLES);
      console.info(
        `crash: ${created.size} creates and ${deleted.size} deletes answered 2xx, ${inDoubt.size} deletes in doubt; files left in the folder: ${(await readdir(dir)).join(', ')}`,
      );
    }, 240_000);
  },
);
