import { open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Snapshot, Store } from './store.ts';

/**
 * Keeps a Store in a json-server-style db.json. Writes are atomic (a temporary file, fsync, then
 * rename over the old one), so a crash at any moment leaves either the old or the new file, never a
 * torn one. Changes are group-committed: `flush()` resolves once a write that includes every change
 * made before the call is on disk, and many concurrent callers share one write.
 */
export class JsonFilePersistence {
  private dirty = false;
  private writing: Promise<void> | undefined;

  constructor(
    private readonly store: Store,
    readonly path: string,
  ) {
    store.onAnyChange(() => {
      this.dirty = true;
    });
  }

  /** Reads the file; answers undefined when it does not exist yet. */
  static async read(path: string): Promise<Snapshot | undefined> {
    await removeLeftovers(path);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const data = JSON.parse(text) as Record<string, unknown>;
    if (typeof data !== 'object' || data === null || Array.isArray(data))
      throw new Error(`${path}: must hold one object of collections`);
    for (const [name, records] of Object.entries(data))
      if (!Array.isArray(records)) throw new Error(`${path}: "${name}" must be an array`);
    return data as Snapshot;
  }

  /** Resolves when every change made so far is on disk. */
  async flush(): Promise<void> {
    while (this.dirty || this.writing) {
      if (this.writing) {
        await this.writing;
        continue;
      }
      this.dirty = false;
      this.writing = this.write().finally(() => {
        this.writing = undefined;
      });
      await this.writing;
    }
  }

  /** Writes the current state now, whatever is dirty. */
  async write(): Promise<void> {
    const temporary = join(dirname(this.path), `.${basename(this.path)}.${process.pid}.tmp`);
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(`${JSON.stringify(this.store.snapshot(), null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, this.path);
  }
}

/**
 * Deletes temporary files of writes that a crash interrupted (`.db.json.<pid>.tmp`): the rename
 * never happened, so they hold nothing the answered requests depend on.
 */
async function removeLeftovers(path: string): Promise<void> {
  const prefix = `.${basename(path)}.`;
  const entries = await readdir(dirname(path)).catch(() => [] as string[]);
  await Promise.all(
    entries
      .filter((name) => name.startsWith(prefix) && name.endsWith('.tmp'))
      .map((name) => rm(join(dirname(path), name), { force: true })),
  );
}
