/**
 * `npm run db:import -- db.json state.sqlite`: reads a json-server-style db.json (one made by this
 * mock, by json-server, or by hand) into a new SQLite store, which `MOCK_DB=state.sqlite` then
 * serves at any size. Records the contract refuses are left out with a line each, as a restart
 * from a db.json does. The SQLite file must not exist yet: an import never overwrites a state.
 */
import { access } from 'node:fs/promises';
import { createMockApp } from '../../mock/create-mock-app.ts';
import { loadSpec } from '../../mock/openapi/load-spec.ts';
import { optionsFromEnv } from '../../mock/options.ts';
import { JsonFilePersistence } from '../../mock/store/persist.ts';
import { storeKindOf } from '../../mock/store/persistence.ts';
import { callCenterProfile } from '../../profiles/call-center/index.ts';
import { CALL_CENTER_OPTIONS } from '../../profiles/call-center/options.ts';

const [source, target] = process.argv.slice(2);
if (!source || !target || storeKindOf(target) !== 'sqlite') {
  console.error('usage: npm run db:import -- db.json state.sqlite (the target ends in .sqlite or .db)');
  process.exit(2);
}
try {
  if (
    await access(target).then(
      () => true,
      () => false,
    )
  )
    throw new Error(`${target} exists: an import writes a new file only; name another, or move it away`);
  const snapshot = await JsonFilePersistence.read(source);
  if (!snapshot) throw new Error(`${source} does not exist`);
  const options = { ...optionsFromEnv(process.env, CALL_CENTER_OPTIONS), db: target, log: 'pretty' as const };
  const spec = await loadSpec(options.spec, { validate: false });
  const mock = await createMockApp(spec, options, [callCenterProfile], snapshot);
  const count = mock.ctx.store.size;
  await mock.close();
  console.log(`imported ${count} records of ${source} into ${target}`);
} catch (error) {
  console.error(`could not import: ${(error as Error).message}`);
  process.exit(1);
}
