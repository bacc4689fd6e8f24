import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { folderSeedCache } from '../../mock/store/seed-cache.ts';
import type { SeedCache, SeededState } from '../../mock/store/seeded-state.ts';
import { createInProcessMock } from '../../profiles/call-center/package.ts';
import { TEST_OPTIONS } from './support.ts';

// npm start keeps the seeded state of a build on disk, so that a restart reads it instead of
// generating and checking 5000 calls again. What a restart serves must be what a fresh seed serves.

const dir = await mkdtemp(join(tmpdir(), 'seed-cache-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The cache, counting what it was asked and what it answered. */
function counted(cache: SeedCache) {
  const seen = { reads: 0, hits: 0, writes: 0 };
  return {
    seen,
    cache: {
      async read(key: string) {
        seen.reads++;
        const state = await cache.read(key);
        if (state) seen.hits++;
        return state;
      },
      async write(key: string, state: SeededState) {
        seen.writes++;
        await cache.write(key, state);
      },
    } satisfies SeedCache,
  };
}

async function served(seedCache: SeedCache, seed = 7) {
  const mock = await createInProcessMock({ ...TEST_OPTIONS, calls: 60, seed, seedCache });
  try {
    const state = mock.ctx.store.snapshot();
    const files = (state.files ?? []) as { id: string }[];
    const login = await mock.fetch('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.com', password: 'admin123' }),
    });
    const { token } = (await login.json()) as { token: string };
    const audio = await mock.fetch(`/api/voip/file/${files[0]?.id}/content`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return { state, status: audio.status, audio: new Uint8Array(await audio.arrayBuffer()) };
  } finally {
    await mock.close();
  }
}

describe('the seed cache of a build', () => {
  const cache = folderSeedCache(dir, 'build-a');

  it('is written by a first start and read by the next, which serves the same records and files', async () => {
    const first = counted(cache);
    const fresh = await served(first.cache);
    expect(first.seen).toEqual({ reads: 1, hits: 0, writes: 1 });
    const second = counted(cache);
    const cached = await served(second.cache);
    expect(second.seen).toEqual({ reads: 1, hits: 1, writes: 0 });
    expect(cached.state).toEqual(fresh.state);
    expect(cached.status).toBe(200);
    expect(cached.audio).toEqual(fresh.audio);
    expect(cached.audio.length).toBeGreaterThan(44);
  });

  it('is another file for another seed, and for another build', async () => {
    const other = counted(cache);
    await served(other.cache, 8);
    expect(other.seen.hits).toBe(0);
    const rebuilt = counted(folderSeedCache(dir, 'build-b'));
    await served(rebuilt.cache);
    expect(rebuilt.seen.hits).toBe(0);
    expect((await readdir(dir)).filter((name) => name.startsWith('seed-'))).toHaveLength(3);
  });

  it('keeps no state bigger than its limit: a big store is generated at each start', async () => {
    const small = counted(folderSeedCache(dir, 'build-c', 50));
    await served(small.cache);
    expect(small.seen).toEqual({ reads: 1, hits: 0, writes: 1 });
    const again = counted(folderSeedCache(dir, 'build-c', 50));
    await served(again.cache);
    expect(again.seen.hits).toBe(0);
    expect((await readdir(dir)).filter((name) => name.startsWith('seed-'))).toHaveLength(3);
  });

  it('costs a seed, not an error, when its file is unreadable', async () => {
    const broken: SeedCache = { read: async () => undefined, write: async () => undefined };
    expect((await served(broken)).status).toBe(200);
  });
});
