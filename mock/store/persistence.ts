/**
 * Where the state is kept between starts (`MOCK_DB`): a json-server-style db.json, or an SQLite
 * file. Handlers await `flush()` before answering a write, so an answered write is on disk.
 */
export interface Persistence {
  readonly kind: 'json' | 'sqlite';
  readonly path: string;
  /** Resolves when every change made so far is on disk. */
  flush(): Promise<void>;
  /** Writes the whole state now (after a seed or a reset). */
  write(): Promise<void>;
  /** Writes what is pending and lets go of the file (its lock included). */
  close(): Promise<void>;
}

/** Which store a MOCK_DB path asks for: SQLite for `.sqlite`, `.sqlite3` and `.db`, else db.json. */
export function storeKindOf(path: string): 'json' | 'sqlite' {
  return /\.(sqlite3?|db)$/i.test(path) ? 'sqlite' : 'json';
}
