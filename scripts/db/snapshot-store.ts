import { access, copyFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { storeKindOf } from '../../mock/store/persistence.ts';

/**
 * A consistent copy of a store file in `dir`, taken while a mock may be writing it: SQLite's online
 * backup for an SQLite file (a reader beside the writer, as WAL allows; the copy is one committed
 * state), a plain copy for a db.json (written whole and renamed, so any moment's file is whole).
 * Exporting from the copy leaves the live file, its lock and its mock untouched.
 */
export async function snapshotStore(path: string, dir: string): Promise<string> {
  await access(path).catch(() => {
    throw new Error(`${path} does not exist: MOCK_DB must name a store file to export from`);
  });
  const copy = join(dir, basename(path));
  if (storeKindOf(path) === 'json') {
    await copyFile(path, copy);
    return copy;
  }
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    await db.backup(copy);
  } finally {
    db.close();
  }
  return copy;
}
