/**
 * `npm run bench`: the mock side by side with its peers on loopback (bare node:http, bare Express,
 * Prism static and dynamic, json-server), how its start depends on tsx, how it scales to a million
 * calls, and how long a full contract run takes next to Dredd's. Prints Markdown tables and writes
 * everything to reports/bench.json. `--quick` runs every step with tiny durations, to prove the
 * script works (CI); its figures mean nothing. `--only peers,startup,scale,store,runners,corpus,browser,install,suite`
 * picks steps (`install`: the quick start's install on a fresh clone, warm and cold, and each package
 * packed and installed alone; scripts/bench/install.ts; `suite`: `npm test` and `npm run test:quick`
 * timed beside the load average, scripts/bench/suite.ts), `--peers express,mock` picks servers, `--corpus xkcd,github` the corpus's
 * descriptions, `--sizes 10000,1000000` the scale steps, `--duration` the measured seconds of each
 * operation, `--rounds` how many interleaved turns they are split into, `--runner-rounds` how many
 * rounds the contract runner and Dredd take turns in (3).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT_DIR } from '../../mock/openapi/paths.ts';
import { type BrowserResult, measureBrowser, renderBrowserTable } from './browser.ts';
import { captureFixture, contenders, measurePeers, type PeerResult, writeFixture } from './compare.ts';
import { type CorpusBenchRow, measureCorpus, renderCorpusTable } from './corpus.ts';
import { type InstallResult, measureInstall } from './install.ts';
import { renderInstallTable } from './install-table.ts';
import { type BenchReport, describeMachine, judgeTargets, renderReport } from './report.ts';
import { type RunnerResult, timeRunners } from './runners.ts';
import { measureScale, type ScaleResult } from './scale.ts';
import { buildMock, measureStartup, type StartupResult } from './startup.ts';
import { measureStoreScale, renderStoreTable, type StoreScaleResult } from './store-scale.ts';
import { measureSuite, renderSuiteTable, type SuiteRun } from './suite.ts';

const SECTIONS = [
  'peers',
  'startup',
  'scale',
  'store',
  'runners',
  'corpus',
  'browser',
  'install',
  'suite',
] as const;
type Section = (typeof SECTIONS)[number];

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    out: { type: 'string', default: join(ROOT_DIR, 'reports', 'bench.json') },
    only: { type: 'string', default: SECTIONS.join(',') },
    sizes: { type: 'string' },
    duration: { type: 'string' },
    peers: { type: 'string' },
    rounds: { type: 'string' },
    'runner-rounds': { type: 'string' },
    corpus: { type: 'string' },
  },
});

const quick = values.quick;
const only = new Set(values.only.split(',') as Section[]);
for (const s of only)
  if (!SECTIONS.includes(s)) throw new Error(`--only takes ${SECTIONS.join(',')}, not ${s}`);
const settings = {
  durationSeconds: Number(values.duration ?? (quick ? 1 : 10)),
  warmupSeconds: quick ? 0.2 : 3,
  connections: 10,
  rounds: Number(values.rounds ?? (quick ? 1 : 5)),
};
const sizes = (values.sizes ?? (quick ? '500' : '10000,100000,1000000')).split(',').map(Number);
const log = (line: string) => process.stderr.write(`${line}\n`);

const machine = describeMachine();
const dir = await mkdtemp(join(tmpdir(), 'ai-call-center-bench-'));
const peers: PeerResult[] = [];
const startup: StartupResult[] = [];
const scale: ScaleResult[] = [];
const store: StoreScaleResult[] = [];
let runners: RunnerResult[] = [];
let corpus: CorpusBenchRow[] = [];
let browser: BrowserResult | undefined;
let install: InstallResult | undefined;
let suite: SuiteRun[] = [];
let buildMs = 0;
try {
  log('building the mock as npm start does (npm run prestart)');
  buildMs = await buildMock();
  if (only.has('peers')) {
    log('capturing the mock answers and db.json');
    const { fixture, dbPath } = await captureFixture(dir);
    const fixturePath = await writeFixture(dir, fixture);
    const chosen = values.peers?.split(',');
    const list = (await contenders(dir, fixturePath, dbPath)).filter(
      (c) => !chosen || chosen.includes(c.spec.name),
    );
    log(`measuring ${list.map((c) => c.label).join(', ')}, in ${settings.rounds} interleaved rounds`);
    peers.push(...(await measurePeers(list, settings)));
  }
  if (only.has('startup')) {
    log('measuring the start of the mock: tsx and precompiled');
    startup.push(...(await measureStartup(quick ? 1 : 7)));
  }
  if (only.has('scale')) {
    for (const calls of sizes) {
      log(`measuring the mock with ${calls} calls`);
      scale.push(await measureScale(calls, quick ? 0.5 : 5));
    }
  }
  if (only.has('store')) {
    // The same sizes in an SQLite file beside memory (also `npm run bench:store`, on its own).
    for (const calls of sizes)
      for (const kind of ['memory', 'sqlite'] as const) {
        log(`measuring the ${kind} store with ${calls} calls`);
        store.push(await measureStoreScale(kind, calls, dir, quick ? 0.5 : 5));
      }
  }
  if (only.has('runners')) {
    log('timing the contract runner and Dredd');
    // Rounds of the runners step: each is three full runs (the runner, Dredd twice), about a minute.
    runners = await timeRunners(
      quick ? 180_000 : 600_000,
      quick,
      Number(values['runner-rounds'] ?? (quick ? 1 : 3)),
    );
  }
  if (only.has('corpus')) {
    // The public descriptions of tests/corpus/corpus.json, beside Prism and Scalar (--quick: three).
    corpus = await measureCorpus(quick, log, values.corpus?.split(','));
  }
  if (only.has('browser')) {
    // The browser mock in a production vite build, loaded in Chromium (--quick: one visit).
    browser = await measureBrowser(quick ? 1 : 5, log);
  }
  if (only.has('install')) {
    // The quick start's install, warm and cold, and each package alone (--quick: the client alone).
    install = await measureInstall(quick, log);
  }
  if (only.has('suite')) {
    // npm test and npm run test:quick on this machine, beside its load (--quick: one small file).
    suite = await measureSuite(quick, log);
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}

const partial = {
  date: new Date().toISOString(),
  quick,
  machine,
  settings,
  buildMs,
  peers,
  startup,
  scale,
  store,
  runners,
};
const report: BenchReport = { ...partial, targets: judgeTargets(partial) };
const out = resolve(values.out);
await mkdir(dirname(out), { recursive: true });
await writeFile(out, `${JSON.stringify({ ...report, corpus, browser, install, suite }, null, 2)}\n`);
const storeTable = store.length > 0 ? `\n\n${renderStoreTable(store)}` : '';
const corpusTable = corpus.length > 0 ? `\n\n${renderCorpusTable(corpus)}` : '';
const browserTable = browser ? `\n\n${renderBrowserTable(browser)}` : '';
const installTable = install ? `\n\n${renderInstallTable(install)}` : '';
const suiteTable = suite.length > 0 ? `\n\n${renderSuiteTable(suite)}` : '';
process.stdout.write(
  `${renderReport(report)}${storeTable}${corpusTable}${browserTable}${installTable}${suiteTable}\n\nWritten to ${out}\n`,
);
