import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT_DIR } from '../../mock/openapi/paths.ts';
import { type CommandOutcome, failureOf, runBounded, userEnv } from './bounded-command.ts';
import { round } from './load.ts';

/**
 * The install step of `npm run bench`: what the quick start's install costs on a fresh clone, with
 * npm's cache warm and empty, and what each package costs a project that installs it alone, beside
 * `openapi-fetch` and `msw` alone (the client must cost no more than openapi-fetch). Every figure
 * comes from a command run here in a temporary folder of its own, under a time limit.
 */
export interface InstallResult {
  commit: string;
  quickStart: InstallRow[];
  packed: PackedRow[];
  alone: InstallRow[];
}

export interface InstallRow {
  name: string;
  cache: 'warm' | 'empty';
  /** Packages in node_modules (the workspaces' links left out: npm's own "added" counts them). */
  packages?: number;
  /**
   * Of those, the ones npm marks `devOptional`: devDependencies that a package also names as an
   * optional peer, which `omit=dev` keeps (the mock's msw, Express and better-sqlite3, until the mock
   * stopped declaring them): 0 is what the quick start must show.
   */
  devOptional?: number;
  /** node_modules on disk, as `du -sk` counts it, in MB of 2^20 bytes. */
  mb?: number;
  seconds?: number;
  /** `npm warn` lines of the install (EBADENGINE, deprecations...). */
  warnings?: string[];
  /** The 1-minute load average when the step began. */
  load: number;
  error?: string;
}

export interface PackedRow {
  folder: string;
  name: string;
  /** The tarball, kB of 1,000 bytes, and the files in it. */
  kb?: number;
  files?: number;
  /** `npm pack`, its prepack build included. */
  seconds?: number;
  error?: string;
}

const MINUTE = 60_000;
// Limits: a cold quick start took 2 min at a load of 2; five times that means something is stuck.
const LIMITS = {
  clone: MINUTE,
  warm: 5 * MINUTE,
  cold: 10 * MINUTE,
  // The test bench is some 1,000 packages (Specmatic, Prism, Dredd...): about 2 minutes, warm.
  testBench: 10 * MINUTE,
  pack: 4 * MINUTE,
  alone: 3 * MINUTE,
};
const FOLDERS = ['client', 'mock', 'contracts'] as const;

type Manifest = {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
};
const manifestOf = async (folder: string) =>
  JSON.parse(await readFile(join(ROOT_DIR, folder, 'package.json'), 'utf8')) as Manifest;

/**
 * Measures, in this order: the quick start's `npm ci` in a clone of the current commit (warm cache,
 * then an empty one), each package packed, then each installed alone into an empty project beside
 * the peers. `quick` packs and installs the client and openapi-fetch alone (a few seconds): it
 * proves the step works, as `npm run bench -- --quick` does for the others.
 */
export async function measureInstall(quick: boolean, log: (line: string) => void): Promise<InstallResult> {
  const dir = await mkdtemp(join(tmpdir(), 'ai-call-center-install-'));
  const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT_DIR, encoding: 'utf8' }).trim();
  try {
    const quickStart = quick ? [] : await measureQuickStart(dir, commit, log);
    const folders = quick ? (['client'] as const) : FOLDERS;
    const packed: PackedRow[] = [];
    const alone: InstallRow[] = [];
    for (const folder of folders) {
      const { row, tarball } = await pack(folder, dir, log);
      packed.push(row);
      if (tarball) alone.push(await installAlone(row.name, tarball, dir, log));
      else alone.push({ name: row.name, cache: 'warm', load: load1(), error: 'not packed' });
    }
    const client = await manifestOf('client');
    // The peers at the ranges the client and the checkout name, so that both sides resolve the
    // same versions (msw is what a user of the mock's handlers adds; the checkout tests with it).
    const checkout = await manifestOf('.');
    const peers = [`openapi-fetch@${client.dependencies?.['openapi-fetch']}`];
    if (!quick) peers.push(`msw@${checkout.devDependencies?.msw}`);
    for (const spec of peers) alone.push(await installAlone(spec, spec, dir, log));
    return { commit, quickStart, packed, alone };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const load1 = () => round(loadavg()[0] ?? 0, 2);

/**
 * The quick start's install in a fresh `git clone` of the commit, three times: `npm ci` with npm's
 * cache as it is (then the test bench on top), the same without install scripts (what they cost:
 * better-sqlite3 compiles SQLite where it finds no prebuilt binary), and with an empty cache.
 */
async function measureQuickStart(dir: string, commit: string, log: (line: string) => void) {
  const short = commit.slice(0, 7);
  const runs = [
    { name: `npm ci in a fresh clone of ${short} (the quick start's install)`, cache: 'warm', args: [] },
    { name: 'the same, npm ci --ignore-scripts', cache: 'warm', args: ['--ignore-scripts'] },
    { name: `npm ci in a fresh clone of ${short} (the quick start's install)`, cache: 'empty', args: [] },
  ] as const;
  const rows: InstallRow[] = [];
  for (const [index, { name, cache, args }] of runs.entries()) {
    const clone = join(dir, `clone-${index}`);
    log(`cloning ${short} into a temporary folder (limit ${LIMITS.clone / 1000} s)`);
    const cloned = await runBounded('git', ['clone', '--quiet', '--no-checkout', ROOT_DIR, clone], {
      cwd: dir,
      limitMs: LIMITS.clone,
    });
    const checkedOut =
      cloned.code === 0
        ? await runBounded('git', ['checkout', '--quiet', commit], { cwd: clone, limitMs: LIMITS.clone })
        : cloned;
    const cloneError = failureOf('git clone', checkedOut);
    if (cloneError) {
      rows.push({ name, cache, load: load1(), error: cloneError });
      continue;
    }
    const limitMs = cache === 'warm' ? LIMITS.warm : LIMITS.cold;
    const env = cache === 'warm' ? userEnv() : userEnv({ npm_config_cache: join(dir, 'empty-cache') });
    const how =
      cache === 'warm' ? "npm's cache as it is" : 'an empty npm cache (everything from the registry)';
    log(
      `npm ci ${args.join(' ')} in the clone, ${how}: waits for npm to install the quick start's packages (limit ${limitMs / MINUTE} min)`,
    );
    const load = load1();
    const outcome = await runBounded('npm', ['ci', ...args], { cwd: clone, limitMs, env });
    const row: InstallRow = { name, cache, load, ...(await describeInstall(clone, outcome, 'npm ci')) };
    rows.push(row);
    if (index === 0 && !row.error) rows.push(await installTestBench(clone, log));
    await rm(clone, { recursive: true, force: true });
    await rm(join(dir, 'empty-cache'), { recursive: true, force: true });
  }
  return rows;
}

/**
 * What `npm test` adds the first time it runs: its pretest installs the devDependencies (the test
 * bench) into the clone the quick start installed. The row's figures are the clone's totals after.
 */
async function installTestBench(clone: string, log: (line: string) => void): Promise<InstallRow> {
  log(
    `node scripts/install-test-tools.mjs in the clone (npm test's pretest): waits for npm to install the test bench (limit ${LIMITS.testBench / MINUTE} min)`,
  );
  const load = load1();
  const outcome = await runBounded('node', ['scripts/install-test-tools.mjs'], {
    cwd: clone,
    limitMs: LIMITS.testBench,
  });
  const name = "then npm test's pretest: the test bench on top (totals)";
  return { name, cache: 'warm', load, ...(await describeInstall(clone, outcome, 'the test bench install')) };
}

/** `npm pack --workspace <folder>` into `dir` (its prepack builds lib/ first): tarball size and files. */
async function pack(folder: string, dir: string, log: (line: string) => void) {
  const { name, version } = await manifestOf(folder);
  log(
    `npm pack --workspace ${folder}: waits for its prepack build and the tarball (limit ${LIMITS.pack / MINUTE} min)`,
  );
  const outcome = await runBounded(
    'npm',
    ['pack', '--workspace', folder, '--pack-destination', dir, '--loglevel=error'],
    { cwd: ROOT_DIR, limitMs: LIMITS.pack },
  );
  const error = failureOf(`npm pack --workspace ${folder}`, outcome);
  if (error) return { row: { folder, name, error } satisfies PackedRow, tarball: undefined };
  const tarball = join(dir, `${name}-${version}.tgz`);
  const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' });
  const row: PackedRow = {
    folder,
    name,
    kb: round((await stat(tarball)).size / 1000, 1),
    files: listing.split('\n').filter((line) => line && !line.endsWith('/')).length,
    seconds: round(outcome.ms / 1000, 1),
  };
  return { row, tarball };
}

/** `npm install <spec>` into an empty project of its own, npm's cache as it is. */
async function installAlone(name: string, spec: string, dir: string, log: (line: string) => void) {
  const project = join(dir, `alone-${name.replace(/[^a-z0-9]+/gi, '-')}`);
  await mkdir(project);
  await writeFile(join(project, 'package.json'), '{ "name": "alone", "private": true }\n');
  log(`npm install ${name} into an empty project: waits for npm (limit ${LIMITS.alone / MINUTE} min)`);
  const load = load1();
  const outcome = await runBounded('npm', ['install', spec], { cwd: project, limitMs: LIMITS.alone });
  const row: InstallRow = {
    name,
    cache: 'warm',
    load,
    ...(await describeInstall(project, outcome, 'npm install')),
  };
  await rm(project, { recursive: true, force: true });
  return row;
}

/** What an install left in `project`: packages (from npm's hidden lock file), MB on disk, seconds. */
async function describeInstall(project: string, outcome: CommandOutcome, what: string) {
  const error = failureOf(what, outcome);
  if (error) return { error };
  const lock = JSON.parse(await readFile(join(project, 'node_modules', '.package-lock.json'), 'utf8')) as {
    packages: Record<string, { link?: boolean; devOptional?: boolean }>;
  };
  const installed = Object.entries(lock.packages).filter(
    ([location, entry]) => location.includes('node_modules/') && !entry.link,
  );
  const kb = Number(
    execFileSync('du', ['-sk', join(project, 'node_modules')], { encoding: 'utf8' }).split('\t')[0],
  );
  return {
    packages: installed.length,
    devOptional: installed.filter(([, entry]) => entry.devOptional).length,
    mb: round(kb / 1024, 2),
    seconds: round(outcome.ms / 1000, 1),
    warnings: warningsOf(outcome.output),
  };
}

/**
 * npm's warnings, one line each: npm writes some over several `npm warn <topic>` lines
 * (EBADENGINE's object, install-scripts' list), joined here. A line continues the warning above it
 * when it has the same topic and is indented, empty, a closing `}`, or follows a line that ended
 * with `:`, `{` or nothing.
 */
export function warningsOf(output: string): string[] {
  const warnings: string[] = [];
  let previous: { topic: string; raw: string } | undefined;
  for (const line of output.split('\n')) {
    const match = /^npm warn (\S+)(.*)$/i.exec(line);
    if (!match) {
      previous = undefined;
      continue;
    }
    const [, topic = '', raw = ''] = match;
    const text = raw.trim().replace(/\s+/g, ' ');
    const continues =
      previous?.topic === topic &&
      (/^\s{2,}/.test(raw) || text === '' || text.startsWith('}') || /(^|[:{])$/.test(previous.raw.trim()));
    if (continues) warnings[warnings.length - 1] += text ? ` ${text}` : '';
    else warnings.push(`${topic}: ${text}`);
    previous = { topic, raw };
  }
  return warnings;
}
