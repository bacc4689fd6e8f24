/**
 * The mock's command line: the only place that reads argv and the environment, opens the port,
 * prints and exits. Flags come from the one options definition (mock/options.ts); a flag beats its
 * environment variable, which beats the default. A distribution of the toolkit runs it with the
 * profiles it ships (profiles/call-center/cli.ts is `npm start`), and `--profile` adds a team's own.
 */
import { createHash, randomBytes } from 'node:crypto';
import { watch } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, Option } from 'commander';
import { loadProfiles } from './load-profiles.ts';
import { loadSpec } from './openapi/load-spec.ts';
import { CACHE_DIR, OPENAPI_PATH, ROOT_DIR } from './openapi/paths.ts';
import { checkDistinct, type OptionList } from './option-table.ts';
import {
  type GivenOptions,
  type MockOptions,
  OPTIONS,
  OptionError,
  optionsFromEnv,
  shownDefault,
} from './options.ts';
import type { Profile } from './profile.ts';
import { type RunningMock, startMock } from './start-mock.ts';
import { folderSeedCache } from './store/seed-cache.ts';
import type { SeedOnFirstUse } from './store/seed-on-first-use.ts';
import type { SeedCache } from './store/seeded-state.ts';

/**
 * Options from argv over the environment over the defaults: the engine's and `extra`, the
 * registered profiles' tables, so that a profile's `--calls` is a flag like any other.
 */
function parseArgs(argv: string[], extra: OptionList): GivenOptions {
  const table = [...OPTIONS, ...extra];
  checkDistinct(table);
  const program = new Command('ai-call-center-mock')
    .description(
      'The AI call center API mock: stateful, seeded, contract-exact. Every flag has an environment variable.',
    )
    .helpOption('-h, --help', 'Show this help.')
    .allowExcessArguments(false);
  for (const o of table) {
    // On/off options may be given bare (`--watch`), meaning on.
    const onOff = typeof o.default === 'boolean';
    const flag = o.valueName ? `${o.flag} ${onOff ? `[${o.valueName}]` : `<${o.valueName}>`}` : o.flag;
    program.addOption(new Option(flag, o.help).env(o.env).default(undefined, shownDefault(o) || 'none'));
  }
  program.parse(argv);
  const raw = program.opts<Record<string, string | true | undefined>>();
  const options: Record<string, unknown> = optionsFromEnv({}, extra);
  for (const o of table) {
    const value = raw[camel(o.flag)];
    // An empty variable (`MOCK_RATE_LIMIT=`) means unset, as optionsFromEnv reads it.
    if (value === '') continue;
    if (value !== undefined) options[o.key] = o.parse(value === true ? 'on' : value);
  }
  // Every key of the engine's table was set from its default, then typed by its own parser.
  return options as GivenOptions;
}

/**
 * The `--profile` modules (flag or MOCK_PROFILE), read before the full parse: their profiles'
 * options are flags of that parse. Everything else is left for it, errors and --help included.
 */
function profileModulesOf(argv: string[]): string[] {
  const o = OPTIONS.find((option) => option.key === 'profileModules');
  if (!o) return [];
  const program = new Command()
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .addOption(new Option(`${o.flag} <${o.valueName}>`).env(o.env));
  program.parse(argv);
  const raw = program.opts<Record<string, string | undefined>>()[camel(o.flag)];
  return raw ? o.parse(raw) : [];
}

const camel = (flag: string) => flag.replace(/^--/, '').replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

/**
 * The seeded records, largest collection first: `5000 calls, 27 qas, 8 topics, 5 files`. A
 * collection still to be seeded on its first use is counted, not seeded for the banner.
 */
function counts(mock: RunningMock): string {
  const { store } = mock.ctx;
  const names = store.names();
  const waiting = names.filter(
    (name) => (store.collection(name) as unknown as SeedOnFirstUse).waiting === true,
  );
  const sizes = names
    .filter((name) => !waiting.includes(name))
    .map((name) => [name, store.collection(name).size] as const);
  sizes.sort((a, b) => b[1] - a[1]);
  const later = waiting.length > 0 ? [`${waiting.length} collection(s) seeded on first use`] : [];
  return [...sizes.map(([name, size]) => `${size} ${name}`), ...later].join(', ') || 'no collections';
}

function banner(mock: RunningMock, options: MockOptions): string {
  const shown = mock.origin.replace('127.0.0.1', 'localhost');
  const base = shown + mock.ctx.basePath;
  const auth = !options.auth
    ? 'off (MOCK_AUTH=off): no token needed'
    : mock.ctx.profile.demoUser
      ? `${options.userEmail} / ${options.userPassword}`
      : 'any credential of the security schemes (the contract has no x-auth)';
  return [
    '',
    `  ${mock.ctx.spec.document.info?.title ?? 'API'} mock is ready`,
    `  API        ${base}`,
    `  Docs       ${base}/docs`,
    `  Contract   ${base}/openapi.yaml`,
    ...(mock.realtime.enabled ? [`  Real time  ${base.replace(/^http/, 'ws')}/ws?token=<token>`] : []),
    `  Login      ${auth}`,
    `  Data       seed ${options.seed}, ${counts(mock)}${options.db ? `, persisted to ${options.db}` : ', in memory'}`,
    '',
  ].join('\n');
}

/**
 * The seed cache of this build: only where the running code is a build (npm start's one-file
 * bundle, or the package's compiled lib/), named by its bytes and the package's version, so that
 * an edit of the code is a new build. Run from TypeScript sources (tsx), the code can change
 * without this file changing: no cache there.
 */
async function seedCacheOfBuild(cacheDir = CACHE_DIR): Promise<SeedCache | undefined> {
  const entry = fileURLToPath(import.meta.url);
  if (entry.endsWith('.ts')) return undefined;
  const bytes = await readFile(entry).catch(() => undefined);
  if (!bytes) return undefined;
  const pkg = await readFile(resolve(ROOT_DIR, 'package.json'), 'utf8').catch(() => '');
  const build = createHash('sha256').update(bytes).update(pkg).digest('hex');
  return folderSeedCache(cacheDir, build);
}

/** Runs the mock's command line with `registered` profiles and those of `--profile`. */
export async function runMockCli(registered: Profile[] = []): Promise<void> {
  let options: GivenOptions;
  let profiles: Profile[];
  try {
    profiles = [...(await loadProfiles(profileModulesOf(process.argv))), ...registered];
    options = parseArgs(
      process.argv,
      profiles.flatMap((p) => p.options ?? []),
    );
  } catch (error) {
    if (error instanceof OptionError) {
      console.error(error.message);
      process.exit(2);
    }
    console.error(`The mock could not start: ${(error as Error).message}`);
    process.exit(1);
  }
  // A reload builds a new app: with one secret for the process, logins survive contract edits.
  if (options.watch && !options.jwtSecret) options.jwtSecret = randomBytes(48).toString('base64url');
  let mock: RunningMock;
  try {
    mock = await startMock({ ...options, profiles, seedCache: await seedCacheOfBuild(options.cacheDir) });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      console.error(`Port ${options.port} is in use: stop what runs there, or set PORT.`);
    else if (code === 'EACCES') console.error(`Not allowed to listen on ${options.host}:${options.port}.`);
    else console.error(`The mock could not start: ${(error as Error).message}`);
    process.exit(1);
  }
  const [first, ...more] = mock.specProblems;
  if (first)
    console.warn(
      `--lenient: serving ${mock.ctx.spec.path} although it is not a valid OpenAPI document (${first}${more.length ? `, and ${more.length} more` : ''}); answers may break where it is broken.`,
    );
  console.log(banner(mock, options));
  let current = mock;
  if (options.watch) {
    // Reload on spec change: a new app on the same port, after the old one has let go of it.
    let timer: NodeJS.Timeout | undefined;
    // Watch the folder, not the file: editors save by writing a new file and renaming it.
    const specPath = resolve(options.spec ?? OPENAPI_PATH);
    watch(dirname(specPath), (_event, name) => {
      if (name !== basename(specPath)) return;
      clearTimeout(timer);
      timer = setTimeout(async () => {
        // Check the new contract before letting go of the running one: a typo keeps the old mock up.
        try {
          if (!options.lenient) await loadSpec(specPath);
        } catch (error) {
          console.error(
            `${basename(specPath)} is not valid, still serving the previous version: ${(error as Error).message}`,
          );
          return;
        }
        try {
          const port = current.port;
          // What the new contract still has survives the reload; the rest is dropped with a log line.
          // An SQLite store keeps its state in its file, which the new mock opens once this one let go.
          const state = current.ctx.persistence?.kind === 'sqlite' ? undefined : current.ctx.store.snapshot();
          await current.close();
          current = await startMock(
            { ...options, port, profiles, seedCache: await seedCacheOfBuild(options.cacheDir) },
            undefined,
            state,
          );
          console.log(`${basename(specPath)} changed: contract reloaded, state kept.`);
        } catch (error) {
          console.error(`${basename(specPath)} could not be reloaded: ${(error as Error).message}`);
        }
      }, 200);
    });
  }
  const stop = async () => {
    await current.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
