import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { oneLine, runCli, storeDir } from './support.ts';

const dir = await storeDir();

/** A folder this process cannot write in: a read-only one, or (as root, who writes anywhere) /sys. */
async function readOnlyDir(): Promise<string> {
  if (process.getuid?.() === 0) return '/sys';
  const path = join(dir, 'read-only');
  await mkdir(path, { mode: 0o500 });
  return path;
}

/**
 * Store files the mock cannot use end the start with one line that names the file and what to do,
 * and exit 1: never a stack trace, and never a file changed by the attempt.
 */
describe('a store file the mock cannot use', () => {
  it.each([
    [
      'a corrupt SQLite file',
      'corrupt.sqlite',
      async (path: string) => writeFile(path, 'not a database, only text '.repeat(200)),
      'is not a usable SQLite file',
    ],
    [
      "another program's SQLite file",
      'foreign.db',
      async (path: string) => {
        const db = new Database(path);
        db.exec(
          "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO users (name) VALUES ('ada')",
        );
        db.close();
      },
      'is an SQLite file of something else (tables users)',
    ],
    [
      'a db.json that is not JSON',
      'broken.json',
      async (path: string) => writeFile(path, '{"topics": [ {'),
      'is not valid JSON',
    ],
  ])('%s', async (_what, name, make, said) => {
    const path = join(dir, name);
    await make(path);
    const before = await readFile(path);
    const { code, output } = await runCli({ MOCK_DB: path });
    expect(code).toBe(1);
    expect(oneLine(output)).toContain(said);
    expect(await readFile(path)).toEqual(before);
  });

  it('in a folder it cannot write in', async () => {
    const path = join(await readOnlyDir(), 'state.sqlite');
    const { code, output } = await runCli({ MOCK_DB: path });
    expect(code).toBe(1);
    expect(oneLine(output)).toContain('cannot be written');
  });

  it('a db.json above MOCK_DB_JSON_MAX_RECORDS, naming the SQLite store', async () => {
    const path = join(dir, 'big.json');
    await writeFile(
      path,
      JSON.stringify({ topics: Array.from({ length: 30 }, (_, i) => ({ id: String(i) })) }),
    );
    const { code, output } = await runCli({ MOCK_DB: path, MOCK_DB_JSON_MAX_RECORDS: '20' });
    expect(code).toBe(1);
    expect(oneLine(output)).toMatch(/30 records is too big for a db\.json .*MOCK_DB=.*big\.sqlite/);
  });

  it('a seed bigger than MOCK_DB_JSON_MAX_RECORDS for a new db.json', async () => {
    const path = join(dir, 'seeded.json');
    const { code, output } = await runCli({
      MOCK_DB: path,
      MOCK_CALLS: '500',
      MOCK_DB_JSON_MAX_RECORDS: '100',
    });
    expect(code).toBe(1);
    expect(oneLine(output)).toContain('is too big for a db.json');
  });
});
