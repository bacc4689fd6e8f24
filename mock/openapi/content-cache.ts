import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Files that hold what can be recomputed from a content, named by the content's SHA-256: a
 * changed content gets a new name, so nothing is ever stale. A cache that cannot be read or
 * written costs the work again, never an error.
 */
export function cacheFile(cacheDir: string, kind: string, content: string, extension = ''): string {
  return join(cacheDir, `${kind}-${createHash('sha256').update(content).digest('hex')}${extension}`);
}

/** The text of a cache file; undefined when it is missing or unreadable. */
export function readCacheFile(path: string): Promise<string | undefined> {
  return readFile(path, 'utf8').catch(() => undefined);
}

/** Writes a cache file aside and renames it, so that a reader in another process never sees half. */
export async function writeCacheFile(path: string, text: string): Promise<void> {
  const partial = `${path}.${process.pid}.tmp`;
  await mkdir(dirname(path), { recursive: true })
    .then(() => writeFile(partial, text))
    .then(() => rename(partial, path))
    .catch(() => undefined);
}
