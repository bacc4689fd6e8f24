import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { SeedCache, SeededState } from './seeded-state.ts';

/**
 * Seeded states on disk, by the SHA-256 of everything that decides them (the build, the contract,
 * the seed, the seed day, the options): a start of the same build with the same inputs reads what
 * the last one made instead of generating and checking it again (most of a start: 5000 calls
 * generated, conformed and validated). A changed input is another name, so nothing is ever stale;
 * a file that cannot be read or written costs the seed again, never an error. V8's serializer
 * keeps the records' types and the files' bytes exactly.
 */
export function folderSeedCache(dir: string, build: string): SeedCache {
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
      const target = path(key);
      const partial = `${target}.${process.pid}.tmp`;
      await mkdir(dir, { recursive: true })
        .then(() => writeFile(partial, serialize(state)))
        .then(() => rename(partial, target))
        .catch(() => undefined);
    },
  };
}
