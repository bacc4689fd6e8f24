import { open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isAlive, type LockFile } from './lock-file.ts';
import type { Persistence } from './persistence.ts';
import { StoreFileError } from './sqlite/store-file-error.ts';
import type { Snapshot, Store } from './store.ts';

/** Above this many bytes a db.json is not read at all: V8's longest string is about 512 MB. */
const MAX_JSON_BYTES = 256 * 1024 * 1024;

/**
 * Keeps a Store in a json-server-style db.json. Writes are atomic (a temporary file, fsync, then
 * rename over the old one), so a crash at any moment leaves either the old or the new file, never a
 * torn one. Changes are group-committed: `flush()` resolves once a write that includes every change
 * made before the call is on disk, and many concurrent callers share one write.
 */
export class JsonFilePersistence implements Persistence {
  readonly kind = 'json' as const;
  private dirty = false;
  private writing: Promise<void> | undefined;

  /**
   * `maxRecords`: the most records a db.json is written with. Every change rewrites the whole file
   * (7 MB per write at 5,000 calls, seconds per write at 100,000), so a bigger state is refused
   * with a line naming the SQLite store instead of stalling every request.
   */
  constructor(
    private readonly store: Store,
    readonly path: string,
    private readonly maxRecords: number,
    private readonly lock?: LockFile,
  ) {
    store.onAnyChange(() => {
      this.dirty = true;
    });
  }

  /** Reads the file; answers undefined when it does not exist yet. */
  static async read(path: string, maxRecords = Number.POSITIVE_INFINITY): Promise<Snapshot | undefined> {
    await removeLeftovers(path);
    let text: string;
    try {
      const { size } = await stat(path);
      if (size > MAX_JSON_BYTES) throw tooBig(path, `${Math.round(size / 2 ** 20)} MB`);
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    let data: Record<string, unknown>;
    try {
      data = JSON.parse(text) as Record<string, unknown>;
    } catch (error) {
      throw new StoreFileError(
        `${path} is not valid JSON (${(error as Error).message}); fix it or move it away`,
      );
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data))
      throw new StoreFileError(`${path}: must hold one object of collections`);
    for (const [name, records] of Object.entries(data))
      if (!Array.isArray(records)) throw new StoreFileError(`${path}: "${name}" must be an array`);
    const count = Object.values(data).reduce((n: number, records) => n + (records as unknown[]).length, 0);
    if (count > maxRecords) throw tooBig(path, `${count} records`, maxRecords);
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
      this.writing = this.write()
        .catch((error: unknown) => {
          // Not on disk: the next flush tries again.
          this.dirty = true;
          throw StoreFileError.from(this.path, error);
        })
        .finally(() => {
          this.writing = undefined;
        });
      await this.writing;
    }
  }

  /** Writes the current state now, whatever is dirty. */
  async write(): Promise<void> {
    const size = this.store.size;
    if (size > this.maxRecords) throw tooBig(this.path, `${size} records`, this.maxRecords);
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

  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      await this.lock?.release();
    }
  }
}

/** The one line of a state too big for a db.json, naming the store that takes it. */
function tooBig(path: string, what: string, max?: number): StoreFileError {
  const limit = max === undefined ? '' : ` (MOCK_DB_JSON_MAX_RECORDS is ${max})`;
  return new StoreFileError(
    `${path}: ${what} is too big for a db.json${limit}; keep a state this size in SQLite: MOCK_DB=${path.replace(/\.json$/i, '')}.sqlite (npm run db:import -- ${path} ${path.replace(/\.json$/i, '')}.sqlite)`,
    'TOO_BIG',
  );
}

/**
 * Deletes temporary files of writes that a crash interrupted (`.db.json.<pid>.tmp`): the rename
 * never happened, so they hold nothing the answered requests depend on. A file whose pid still
 * runs is a live process's write in progress, and is left alone.
 */
export async function removeLeftovers(path: string): Promise<void> {
  const prefix = `.${basename(path)}.`;
  const entries = await readdir(dirname(path)).catch(() => [] as string[]);
  await Promise.all(
    entries
      .filter((name) => name.startsWith(prefix) && name.endsWith('.tmp'))
      .filter((name) => {
        const pid = Number(name.slice(prefix.length, -'.tmp'.length));
        return !(Number.isInteger(pid) && pid !== process.pid && isAlive(pid));
      })
      .map((name) => rm(join(dirname(path), name), { force: true })),
  );
}
