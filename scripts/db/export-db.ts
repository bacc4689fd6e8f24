/**
 * `npm run db:export -- FILE`: writes the mock's state as a json-server-style db.json, from any
 * store: the SQLite file or db.json that MOCK_DB names, read from a consistent copy so that a
 * running mock (a team's) keeps its file, its lock and its state, else the state the seed options
 * (MOCK_SEED, MOCK_CALLS, MOCK_SEED_DATE) generate. Exit 0 with one line saying what was written;
 * a problem is one line and exit 1.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createMockApp } from '../../mock/create-mock-app.ts';
import { loadSpec } from '../../mock/openapi/load-spec.ts';
import { optionsFromEnv } from '../../mock/options.ts';
import { callCenterProfile } from '../../profiles/call-center/index.ts';
import { CALL_CENTER_OPTIONS } from '../../profiles/call-center/options.ts';
import { snapshotStore } from './snapshot-store.ts';
import { writeJsonDb } from './write-json-db.ts';

const [target] = process.argv.slice(2);
if (!target) {
  console.error('usage: npm run db:export -- FILE (the store is the one MOCK_DB names, else the seed)');
  process.exit(2);
}
const scratch = await mkdtemp(join(tmpdir(), 'db-export-'));
try {
  const options = { ...optionsFromEnv(process.env, CALL_CENTER_OPTIONS), log: 'off' as const };
  const source = options.db;
  if (source) options.db = await snapshotStore(source, scratch);
  const spec = await loadSpec(options.spec, { validate: false });
  const mock = await createMockApp(spec, options, [callCenterProfile]);
  try {
    const count = await writeJsonDb(mock.ctx.store, resolve(target));
    console.log(`wrote ${count} records of ${source ?? `seed ${options.seed}`} to ${target}`);
  } finally {
    await mock.close();
  }
} catch (error) {
  console.error(`could not export: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await rm(scratch, { recursive: true, force: true });
}
