/**
 * `npm run bench:store`: the in-memory store beside the SQLite store at 10k, 100k and 1M calls
 * (docs/speed.md, docs/store.md): seed, restart on the file, RSS, the scale step's reads and a
 * write under load. Prints a Markdown table and writes reports/bench-store.json. `--sizes`,
 * `--duration` (seconds per measured operation), `--stores memory,sqlite` narrow a run; `--quick`
 * proves the script works (its figures mean nothing). The main `npm run bench` runs the same step
 * with `--only store`.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT_DIR } from '../../mock/openapi/paths.ts';
import { describeMachine } from './report.ts';
import { buildMock } from './startup.ts';
import { measureStoreScale, renderStoreTable, type StoreScaleResult } from './store-scale.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    out: { type: 'string', default: join(ROOT_DIR, 'reports', 'bench-store.json') },
    sizes: { type: 'string' },
    duration: { type: 'string' },
    stores: { type: 'string', default: 'memory,sqlite' },
  },
});
const sizes = (values.sizes ?? (values.quick ? '500' : '10000,100000,1000000')).split(',').map(Number);
const seconds = Number(values.duration ?? (values.quick ? 0.5 : 5));
const stores = values.stores.split(',') as StoreScaleResult['store'][];
const log = (line: string) => process.stderr.write(`${line}\n`);

const machine = describeMachine();
log('building the mock as npm start does (npm run prestart)');
await buildMock();
const dir = await mkdtemp(join(tmpdir(), 'ai-call-center-store-bench-'));
const results: StoreScaleResult[] = [];
try {
  for (const calls of sizes)
    for (const store of stores) {
      log(`measuring the ${store} store with ${calls} calls`);
      results.push(await measureStoreScale(store, calls, dir, seconds));
    }
} finally {
  await rm(dir, { recursive: true, force: true });
}
const out = resolve(values.out);
await mkdir(dirname(out), { recursive: true });
await writeFile(
  out,
  `${JSON.stringify({ date: new Date().toISOString(), machine, seconds, results }, null, 2)}\n`,
);
process.stdout.write(`${renderStoreTable(results)}\n\nWritten to ${out}\n`);
