/**
 * `npm run db:export -- FILE`: writes the mock's state as a json-server-style db.json, from any
 * store: the SQLite file or db.json that MOCK_DB names (stop the mock that has it first: one
 * process per file), else the state the seed options (MOCK_SEED, MOCK_CALLS, MOCK_SEED_DATE)
 * generate. Exit 0 with one line saying what was written; a problem is one line and exit 1.
 */
import { resolve } from 'node:path';
import { createMockApp } from '../../mock/create-mock-app.ts';
import { optionsFromEnv } from '../../mock/options.ts';
import { PROFILES } from '../../profiles/index.ts';
import { loadSpec } from '../../spec/load-spec.ts';
import { writeJsonDb } from './write-json-db.ts';

const [target] = process.argv.slice(2);
if (!target) {
  console.error('usage: npm run db:export -- FILE (the store is the one MOCK_DB names, else the seed)');
  process.exit(2);
}
try {
  const options = { ...optionsFromEnv(process.env), log: 'off' as const };
  const spec = await loadSpec(options.spec, { validate: false });
  const mock = await createMockApp(spec, options, PROFILES);
  try {
    const count = await writeJsonDb(mock.ctx.store, resolve(target));
    console.log(`wrote ${count} records of ${options.db ?? `seed ${options.seed}`} to ${target}`);
  } finally {
    await mock.close();
  }
} catch (error) {
  console.error(`could not export: ${(error as Error).message}`);
  process.exit(1);
}
