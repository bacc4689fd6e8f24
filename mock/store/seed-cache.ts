import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { SeedCache, SeededState } from './seeded-state.ts';

/**
 * Records a seeded state may hold to be kept: the default seed (5000 calls) many times over, not a
 * big store. Read back, a state is a fresh copy of every string in it (V8's deserializer shares
 * none, where the generator shares every enum value and repeated text): a million calls read from
 * the cache held 1.0 GB live against 0.5 GB generated, and the file was 600 MB. A big store is
 * generated at each start instead; its start is not the one the cache is for.
 */
export const MAX_CACHED_RECORDS = 20_000;

/**
 * Seeded states on disk, by the SHA-256 of everything that decides them (the build, the contract,
 * the seed, the seed day, the options): a start of the same build with the same inputs reads what
 * the last one made instead of generating and checking it again (most of a start: 5000 calls
 * generated, conformed and validated). A changed input is another name, so nothing is ever stale;
 * a file that cannot be read or written costs the seed again, never an error. V8's serializer
 * keeps the records' types and the files' bytes exactly.
 */
export function folderSeedCache(dir: string, build: string, maxRecords = MAX_CACHED_RECORDS): SeedCache {
  const path = (key: string) =>
    join(dir, `seed-${createHash('sha256').update(build).update('\0').update(key).digest('hex')}.v8`);
  return {
    async read(key) {
      const bytes = await readFile(path(key)).catch(() => undefined);
      if (!bytes) return undefined;
      try {
        return deserialize(bytes) as SeededState;
      } catch {
        return undefined;
      }
    },
    async write(key, state) {
      let records = 0;
      for (const list of Object.values(state.snapshot)) records += list.length;
      if (records > maxRecords) return;
      const target = path(key);
      const partial = `${target}.${process.pid}.tmp`;
      await mkdir(dir, { recursive: true })
        .then(() => writeFile(partial, serialize(state)))
        .then(() => rename(partial, target))
        .catch(() => undefined);
    },
  };
}
