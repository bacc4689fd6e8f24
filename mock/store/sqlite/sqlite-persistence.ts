import type { LockFile } from '../lock-file.ts';
import type { Persistence } from '../persistence.ts';
import type { SqliteStore } from './sqlite-store.ts';

/**
 * Persistence of the SQLite store: every change is already a row in the open transaction, so a
 * flush waits for its commit, at the end of the turn (one fsync for every change made in it).
 */
export class SqlitePersistence implements Persistence {
  readonly kind = 'sqlite' as const;
  readonly path: string;

  constructor(
    readonly store: SqliteStore,
    private readonly lock: LockFile,
  ) {
    this.path = store.path;
  }

  flush(): Promise<void> {
    return this.store.flushed();
  }

  async write(): Promise<void> {
    this.store.commit();
  }

  async close(): Promise<void> {
    try {
      this.store.close();
    } finally {
      await this.lock.release();
    }
  }
}
