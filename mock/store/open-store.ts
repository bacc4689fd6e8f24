import { LockFile } from './lock-file.ts';
import { JsonFilePersistence } from './persist.ts';
import { type Persistence, storeKindOf } from './persistence.ts';
import type { SqliteStore } from './sqlite/sqlite-store.ts';
import { memoryBackend, type Store, type StoreBackend } from './store.ts';

/** A store file opened for one process: its backend, and the persistence to attach once collections exist. */
export interface OpenedStore {
  backend: StoreBackend;
  /** The SQLite store, when `MOCK_DB` names one: for a profile's aggregates and the seed marker. */
  sqlite: SqliteStore | undefined;
  persist(store: Store): Persistence | undefined;
  /** Lets go of the file when the mock fails to start after opening it. */
  abandon(): Promise<void>;
}

/**
 * Opens what `MOCK_DB` names: nothing (memory only), a db.json, or an SQLite file. Takes the file's
 * lock first, so a second process is refused before it reads or writes anything. better-sqlite3
 * is imported only here and only for an SQLite path: in-memory mocks and the browser never load it.
 */
export async function openStore(
  db: string | undefined,
  limits: { maxJsonRecords: number; maxMb?: number | undefined },
): Promise<OpenedStore> {
  if (!db)
    return { backend: memoryBackend, sqlite: undefined, persist: () => undefined, abandon: async () => {} };
  const lock = await LockFile.acquire(db);
  if (storeKindOf(db) === 'json')
    return {
      backend: memoryBackend,
      sqlite: undefined,
      persist: (store) => new JsonFilePersistence(store, db, limits.maxJsonRecords, lock),
      abandon: () => lock.release(),
    };
  try {
    const [{ default: Database }, { SqliteStore }, { SqlitePersistence }] = await Promise.all([
      importSqlite(db),
      import('./sqlite/sqlite-store.ts'),
      import('./sqlite/sqlite-persistence.ts'),
    ]);
    const sqlite = SqliteStore.open(db, (path) => new Database(path));
    if (limits.maxMb !== undefined) sqlite.limitSize(limits.maxMb);
    return {
      backend: sqlite,
      sqlite,
      persist: () => new SqlitePersistence(sqlite, lock),
      abandon: async () => {
        sqlite.db.close();
        await lock.release();
      },
    };
  } catch (error) {
    await lock.release();
    throw error;
  }
}

/**
 * better-sqlite3 is not a dependency of the mock's package (a native addon a frontend that only wants
 * the mock in memory should not have to build); the checkout's test bench has it. Missing, it is
 * named in one line.
 */
async function importSqlite(db: string): Promise<{ default: typeof import('better-sqlite3') }> {
  try {
    return await import('better-sqlite3');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new Error(
      `MOCK_DB=${db} keeps the state in SQLite, which needs the better-sqlite3 package: npm install better-sqlite3@12 (or use MOCK_DB=db.json)`,
    );
  }
}
