import type { Database } from 'better-sqlite3';
import type { Collection } from '../collection.ts';
import { containsText } from '../match-records.ts';
import type { CollectionPlan, StoreBackend } from '../store.ts';
import { SqliteCollection } from './sqlite-collection.ts';
import { StoreFileError } from './store-file-error.ts';

/** The mark of a file this mock made: the `format` row of its `mock_meta` table. */
const FORMAT = 'contract-mock-store/1';

/**
 * The SQLite backend: one file, one table per collection, and `mock_meta` for what the mock must
 * remember across starts (the format, how the state was seeded). Changes are group-committed: the
 * first change opens a transaction, committed at the end of that turn of the event loop, and a
 * flush (awaited before a write is answered) waits for that commit, so every answered write is on
 * disk and the writes of one turn share one fsync. A commit that fails (a full disk) is rolled back
 * whole: the file never holds half a request.
 */
export class SqliteStore implements StoreBackend {
  readonly kind = 'sqlite' as const;
  private readonly collections: SqliteCollection[] = [];
  private loading = 0;
  private pending: NodeJS.Immediate | undefined;
  private commitFailure: ((error: unknown) => void) | undefined;
  /** Counts the transactions opened; the last one that failed to commit, and why. */
  private generation = 0;
  /** The open transaction's commit, for the flushes waiting on it. */
  private turn: { done: Promise<void>; resolve: () => void; reject: (error: unknown) => void } | undefined;
  private failed: { generation: number; error: StoreFileError } | undefined;

  constructor(
    readonly db: Database,
    readonly path: string,
  ) {
    // Triggers of a profile's aggregates skip rows a bulk load writes (it rebuilds them in one go).
    db.function('mock_loading', { deterministic: false }, () => (this.loading > 0 ? 1 : 0));
    db.function('mock_contains', { deterministic: true }, (value: unknown, wanted: unknown) =>
      containsText(value, wanted) ? 1 : 0,
    );
  }

  /** Opens `path` (made when missing) as this mock's store; refuses files of anything else. */
  static open(path: string, open: (path: string) => Database): SqliteStore {
    let db: Database;
    try {
      db = open(path);
    } catch (error) {
      throw StoreFileError.from(path, error);
    }
    try {
      // Read before anything is written: a file of another program is left exactly as it was.
      const tables = db
        .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`)
        .pluck()
        .all() as string[];
      if (tables.length > 0 && !tables.includes('mock_meta'))
        throw new StoreFileError(
          `${path} is an SQLite file of something else (tables ${tables.slice(0, 5).join(', ')}); name a new file for MOCK_DB`,
        );
      db.pragma('journal_mode = WAL');
      // FULL: WAL commits are fsynced before COMMIT returns, so an answered write survives a power
      // cut, not only a crash of the process (NORMAL would lose the last commits on power loss).
      db.pragma('synchronous = FULL');
      db.pragma('busy_timeout = 2000');
      db.exec('CREATE TABLE IF NOT EXISTS mock_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
      const format = db.prepare(`SELECT value FROM mock_meta WHERE key = 'format'`).pluck().get() as
        | string
        | undefined;
      if (format === undefined) db.prepare(`INSERT INTO mock_meta VALUES ('format', ?)`).run(FORMAT);
      else if (format !== FORMAT)
        throw new StoreFileError(
          `${path} was written by another version of the mock (${format}, this one reads ${FORMAT})`,
        );
    } catch (error) {
      db.close();
      throw StoreFileError.from(path, error);
    }
    return new SqliteStore(db, path);
  }

  collection(name: string, idField: string, plan: CollectionPlan): Collection {
    const collection = new SqliteCollection(
      this.db,
      {
        beginChange: () => this.beginChange(),
        bulk: (work) => this.bulk(work),
        fail: (error) => this.abort(error),
      },
      name,
      idField,
      plan,
    );
    this.collections.push(collection as SqliteCollection);
    return collection;
  }

  /** Caps the file at `mb` megabytes: a commit past it fails as on a full disk (SQLITE_FULL). */
  limitSize(mb: number): void {
    const pageSize = this.db.pragma('page_size', { simple: true }) as number;
    this.db.pragma(`max_page_count = ${Math.max(1, Math.floor((mb * 2 ** 20) / pageSize))}`);
  }

  meta(key: string): string | undefined {
    return this.db.prepare('SELECT value FROM mock_meta WHERE key = ?').pluck().get(key) as
      | string
      | undefined;
  }

  setMeta(key: string, value: string): void {
    this.beginChange();
    this.db
      .prepare('INSERT INTO mock_meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(key, value);
  }

  /** Reports a commit that failed outside a request (the safety-net commit of a turn). */
  onCommitFailure(listener: (error: unknown) => void): void {
    this.commitFailure = listener;
  }

  private beginChange(): void {
    if (this.db.inTransaction) return;
    this.db.exec('BEGIN IMMEDIATE');
    this.generation++;
    let settle: { resolve: () => void; reject: (error: unknown) => void } | undefined;
    const done = new Promise<void>((resolve, reject) => {
      settle = { resolve, reject };
    });
    // Waited on by flushes; a failure no flush waits on is reported by onCommitFailure instead.
    done.catch(() => {});
    this.turn = { done, ...(settle as NonNullable<typeof settle>) };
    // Every change of this turn of the event loop, from any number of requests, shares one commit
    // (one fsync) at its end: ten clients writing at once wait for one disk write, not ten.
    this.pending = setImmediate(() => {
      this.pending = undefined;
      try {
        this.commit();
      } catch (error) {
        this.commitFailure?.(error);
      }
    });
  }

  /** Resolves once every change made so far is committed; rejects when its commit failed. */
  flushed(): Promise<void> {
    if (this.turn) return this.turn.done;
    if (this.failed?.generation === this.generation) return Promise.reject(this.failed.error);
    return Promise.resolve();
  }

  /**
   * Runs `work` in one transaction (a savepoint inside an open one), with a profile's aggregate
   * triggers standing aside (mock_loading() is 1): for loads, and rebuilds of the aggregates.
   */
  bulk(work: () => void): void {
    this.loading++;
    try {
      this.beginChange();
      this.db.transaction(work)();
    } finally {
      this.loading--;
    }
  }

  /**
   * A whole new content (a seed, a reset, an import) in one transaction, the file's journal
   * switched from WAL to a rollback journal for it: WAL would write every page twice (to the log,
   * then to the file), a gigabyte each way for a million calls. Writes pending before it are
   * committed first. The planner's statistics are refreshed after, on a sample.
   */
  loadAll(work: () => void): void {
    this.commit();
    this.db.pragma('journal_mode = DELETE');
    this.db.pragma('cache_size = -131072');
    this.loading++;
    try {
      this.db.transaction(work)();
      this.db.pragma('analysis_limit = 1000');
      this.db.exec('ANALYZE');
    } catch (error) {
      for (const collection of this.collections) collection.reread();
      throw StoreFileError.from(this.path, error);
    } finally {
      this.loading--;
      this.db.pragma('cache_size = -16384');
      this.db.pragma('journal_mode = WAL');
    }
  }

  /**
   * A write statement failed (no room on the disk, an I/O error): SQLite may already have rolled
   * the transaction back, so all of it is, and every flush waiting on it fails with the error.
   */
  private abort(error: unknown): StoreFileError {
    const failure = StoreFileError.from(this.path, error);
    const turn = this.turn;
    this.turn = undefined;
    if (this.pending) clearImmediate(this.pending);
    this.pending = undefined;
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    for (const collection of this.collections) collection.reread();
    this.failed = { generation: this.generation, error: failure };
    turn?.reject(failure);
    return failure;
  }

  /**
   * Ends the open transaction; on failure rolls it back and every collection rereads the file. A
   * change whose transaction failed fails every flush that waits on it, not only the first: two
   * requests that wrote in one turn share one commit, and neither may be answered as written.
   */
  commit(): void {
    const generation = this.generation;
    const turn = this.turn;
    this.turn = undefined;
    if (this.pending) clearImmediate(this.pending);
    this.pending = undefined;
    if (this.db.inTransaction) {
      try {
        this.db.exec('COMMIT');
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        for (const collection of this.collections) collection.reread();
        this.failed = { generation, error: StoreFileError.from(this.path, error) };
      }
    }
    if (this.failed?.generation === generation) {
      turn?.reject(this.failed.error);
      throw this.failed.error;
    }
    turn?.resolve();
  }

  close(): void {
    try {
      this.commit();
    } catch {
      // Already answered (or logged) where the write failed; what the file holds is whole.
    } finally {
      this.db.close();
    }
  }
}
