/**
 * The browser's MSW handlers (`./msw/browser`) as prebundled ES modules in lib/browser/: the
 * mock's core runs in the page, and a frontend's bundler should not have to find stand-ins for the
 * few Node-isms its libraries carry (Buffer). msw stays the consumer's own: handlers must come from
 * the msw its worker runs. Run by scripts/build-package.mjs and by the bench's browser step.
 *
 * What the page does not use, it does not download: faker's locales are cut at build time to the
 * categories the bundled contract reaches (mock/browser/faker-locales.ts), the contract's validators
 * are compiled here (mock/browser/validators/), the options come as their defaults, and what only
 * some pages use (the whole locales and Ajv's compiler, for a contract of the page's own;
 * file-type, for an upload) are chunks of their own, loaded on first use (code splitting).
 */
// Plain JavaScript run by node, as scripts/build-mock.mjs: the build needs no TypeScript runner.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, transform } from 'esbuild';

const ROOT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(await readFile(join(ROOT_DIR, 'mock', 'package.json'), 'utf8'));
export const BROWSER_ENTRY = join(ROOT_DIR, 'profiles', 'call-center', 'browser.ts');
const FAKER_LOCALES = join(ROOT_DIR, 'mock', 'browser', 'faker-locales.ts');

/**
 * The categories of faker's data the page carries, by locale: those the bundled contract and the
 * call center's profile reach. The profile's faker (Uzbek, then English, then base data) draws
 * names (its seed, `x-faker: person.fullName`, an `email` format: a name at example.com) and lorem
 * words (strings without a format); its other categories and the engine's English faker (for
 * contracts without a profile's) are never read with the bundled contract.
 * tests/engine/browser-faker.test.ts records what a mock reads of faker's data and fails when it
 * reaches a category left out here.
 */
export const PREPARED_LOCALES = { uz_UZ_latin: ['person', 'lorem'], en: [] };

/** The locale modules the mock imports, served in the page from the prepared categories. */
const LOCALE_MODULE = /^@faker-js\/faker\/locale\/(\w+)$/;

/** `@faker-js/faker/locale/<name>` as `localeFaker(its categories, a loader of the whole)`. */
const preparedLocales = {
  name: 'prepared-faker-locales',
  setup(build) {
    build.onResolve({ filter: LOCALE_MODULE }, (args) => {
      // The whole locale, as a prepared one imports it for loadFullLocales, and locales not
      // prepared: faker's own.
      const name = LOCALE_MODULE.exec(args.path)?.[1] ?? '';
      if (args.namespace === 'prepared-locale' || args.pluginData === 'whole') return undefined;
      if (!Object.hasOwn(PREPARED_LOCALES, name)) return undefined;
      return { path: args.path, namespace: 'prepared-locale' };
    });
    build.onResolve({ filter: /.*/, namespace: 'prepared-locale' }, async (args) => {
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        resolveDir: ROOT_DIR,
        pluginData: 'whole',
      });
      return { path: resolved.path, namespace: 'file', errors: resolved.errors };
    });
    build.onLoad({ filter: /.*/, namespace: 'prepared-locale' }, async (args) => {
      const { faker } = await import(args.path);
      const categories = PREPARED_LOCALES[LOCALE_MODULE.exec(args.path)?.[1]];
      const prepared = Object.fromEntries(categories.map((c) => [c, faker.rawDefinitions[c]]));
      const contents = `import { localeFaker } from ${JSON.stringify(FAKER_LOCALES)};
export const faker = localeFaker(${JSON.stringify(prepared)}, () => import(${JSON.stringify(args.path)}));`;
      return { contents, loader: 'js', resolveDir: ROOT_DIR };
    });
  },
};

/**
 * Keys whose values are data the mock answers with or reads as written (examples, defaults, enum
 * members, extensions): copied whole, prose and all.
 */
const DATA_KEYS = new Set(['example', 'examples', 'default', 'enum', 'const', 'value']);
/** Maps of names the contract chooses, where `description` may be a name: kept. */
const NAME_MAPS = new Set(['properties', 'patternProperties', 'mapping', 'variables']);

/**
 * The contract without its prose: the `description` and `summary` texts of its objects, half of
 * the document's bytes, which the mock reads nowhere (validators skip them, answers come from
 * schemas and examples). tests/engine/browser-build.test.ts holds the answers of a mock of this
 * document equal to those of the whole one.
 */
export function withoutProse(node, key = '') {
  if (Array.isArray(node)) return node.map((item) => withoutProse(item));
  if (typeof node !== 'object' || node === null) return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    // OpenAPI's named examples: each an object whose `value` is data and the rest prose.
    if (k === 'examples' && typeof v === 'object' && v !== null && !Array.isArray(v))
      out[k] = Object.fromEntries(Object.entries(v).map(([name, example]) => [name, exampleValue(example)]));
    else if (DATA_KEYS.has(k) || k.startsWith('x-')) out[k] = v;
    else if ((k === 'description' || k === 'summary') && typeof v === 'string' && !NAME_MAPS.has(key))
      continue;
    else out[k] = withoutProse(v, k);
  }
  return out;
}

/** An Example Object without its summary and description (a `$ref` or `externalValue` kept). */
function exampleValue(example) {
  if (typeof example !== 'object' || example === null) return example;
  const { summary: _summary, description: _description, ...rest } = example;
  return rest;
}

/** generated/openapi.bundle.json and asyncapi.bundle.json, as the page imports them: without their prose. */
const preparedContract = {
  name: 'prepared-contract',
  setup(build) {
    build.onLoad({ filter: /[\\/]generated[\\/](openapi|asyncapi)\.bundle\.json$/ }, async (args) => {
      const document = JSON.parse(await readFile(args.path, 'utf8'));
      return { contents: JSON.stringify(withoutProse(document)), loader: 'json' };
    });
  },
};

const VALIDATORS_DIR = join(ROOT_DIR, 'mock', 'browser', 'validators');
/** What the page has in place of Ajv's compiler: the bundled contract's validators, generated. */
const PRECOMPILED_VALIDATOR = join(VALIDATORS_DIR, 'precompiled-validator.ts');

/**
 * The source of the bundled contract's validators, compiled now with Ajv's standalone code
 * generation (mock/browser/validators/precompile-schemas.ts, TypeScript: bundled by esbuild and
 * run from memory), from the documents as the page reads them (without their prose). The code is
 * tree-shaken at its top level (the schema objects no error reads: a fifth of it gzipped), then
 * wrapped in `validators(formats)`, called once with each of the two sets of format checks.
 */
async function validatorsSource() {
  const { schemasOf, precompile } = await importBundled(join(VALIDATORS_DIR, 'precompile-schemas.ts'));
  const read = async (name) =>
    withoutProse(JSON.parse(await readFile(join(ROOT_DIR, 'generated', name), 'utf8')));
  const { names, envelopes, unreadable, code } = precompile(
    schemasOf(await read('openapi.bundle.json'), await read('asyncapi.bundle.json')),
  );
  // Under other names while shaken: esbuild would take `exports` and `require` for a CommonJS module.
  // Ajv writes `exports.v0 = validate0;` and `require("ajv/dist/runtime/...")` as statements and
  // calls; the same words inside the schemas' JSON have their quotes escaped, and are left alone.
  const plain = code
    .replace(/(^|[;}\n])exports\.(v\d+) = /g, '$1__out.$2 = ')
    .replace(/\brequire\("(ajv\/dist\/runtime\/[\w./-]+)"\)/g, '__load("$1")');
  const shaken = await transform(plain, { treeShaking: true, format: 'esm', logLevel: 'warning' });
  return [
    '// Generated by the browser build (scripts/build-browser.mjs): do not edit.',
    `export const names = ${JSON.stringify(names)};`,
    `export const envelopes = ${JSON.stringify(envelopes)};`,
    `export const unreadable = ${JSON.stringify(unreadable)};`,
    'export function validators(formats) {',
    'const __out = {};',
    shaken.code.replace(/\b__load\("/g, 'require("'),
    'return __out;',
    '}',
  ].join('\n');
}

/**
 * The page's validators: mock/openapi/schema-validator.ts (Ajv, compiling at run time) is replaced
 * by precompiled-validator.ts, which finds the bundled contract's validators generated here and
 * loads Ajv only for a contract of the page's own (mock/browser/validators/schema-compiler.ts).
 */
const precompiledValidators = {
  name: 'precompiled-validators',
  setup(build) {
    build.onResolve({ filter: /[\\/](schema-validator|schema-compiler)\.ts$/ }, (args) => {
      // precompiled-validator.ts's own import of Ajv's validator: the chunk loaded on demand.
      if (args.importer === PRECOMPILED_VALIDATOR) return undefined;
      const target = join(args.resolveDir, args.path);
      if (
        target !== join(ROOT_DIR, 'mock', 'openapi', 'schema-validator.ts') &&
        target !== join(VALIDATORS_DIR, 'schema-compiler.ts')
      )
        return undefined;
      return { path: PRECOMPILED_VALIDATOR };
    });
    build.onResolve({ filter: /^browser-validators:bundled$/ }, (args) => ({
      path: args.path,
      namespace: 'browser-validators',
    }));
    build.onLoad({ filter: /.*/, namespace: 'browser-validators' }, async () => ({
      contents: await validatorsSource(),
      loader: 'js',
      resolveDir: ROOT_DIR,
    }));
  },
};

/**
 * Runs a TypeScript module of the mock here: bundled by esbuild, dependencies and all, into a
 * temporary file (a stack trace then names lines of it), imported, and removed.
 */
async function importBundled(entry) {
  const dir = await mkdtemp(join(tmpdir(), 'build-browser-'));
  try {
    const outfile = join(dir, 'module.mjs');
    await build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      logLevel: 'warning',
    });
    return await import(pathToFileURL(outfile).href);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A value as JavaScript source: JSON, with `undefined` kept where an option has no default. */
function source(value) {
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `[${value.map(source).join(',')}]`;
  if (typeof value === 'object' && value !== null)
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${source(v)}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

const OPTIONS_MODULE = join(ROOT_DIR, 'mock', 'options.ts');
const BROWSER_ENGINE = join(ROOT_DIR, 'mock', 'msw-browser.ts');

/**
 * mock/options.ts as the page imports it: the page reads only the defaults, so it gets them as
 * values made at build time, without every option's flag, variable and help text (2 kB gzipped).
 */
const pageOptions = {
  name: 'page-options',
  setup(build) {
    build.onResolve({ filter: /[\\/]options\.ts$/ }, (args) =>
      args.importer === BROWSER_ENGINE && join(args.resolveDir, args.path) === OPTIONS_MODULE
        ? { path: OPTIONS_MODULE, namespace: 'page-options' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'page-options' }, async () => {
      const { defaultOptions } = await importBundled(OPTIONS_MODULE);
      return {
        contents: `export function defaultOptions() {\n  return ${source(defaultOptions())};\n}\n`,
        loader: 'js',
      };
    });
  },
};

/**
 * The call center's SQL queries over an SQLite store (profiles/call-center/store/sql-call-queries.ts,
 * with the aggregate tables it keeps): a page has no SQLite, only the memory store (its seed kept in
 * IndexedDB), so the branch that would build them never runs there. The page gets a class that says
 * so instead of 8 kB of SQL (2.5 kB gzipped).
 */
const noSqlInPage = {
  name: 'no-sql-in-page',
  setup(build) {
    build.onResolve({ filter: /[\\/]sql-call-queries\.ts$/ }, () => ({
      path: 'sql-call-queries',
      namespace: 'no-sql-in-page',
    }));
    build.onLoad({ filter: /.*/, namespace: 'no-sql-in-page' }, () => ({
      contents:
        "export class SqlCallQueries {\n  constructor() {\n    throw new Error('An SQLite store is for Node: a page keeps its state in memory');\n  }\n}\n",
      loader: 'js',
    }));
  },
};

/**
 * Bundles the browser entry into `outdir` (`msw-browser.js` and its chunks); `metafile: true`
 * answers esbuild's account of what each output holds.
 */
export async function buildBrowserMock(outdir, { minify = false, metafile = false } = {}) {
  return build({
    entryPoints: { 'msw-browser': BROWSER_ENTRY },
    outdir,
    bundle: true,
    splitting: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    external: ['msw', 'msw/*'],
    chunkNames: 'chunks/[name]-[hash]',
    legalComments: 'linked',
    logLevel: 'warning',
    minify,
    metafile,
    // Names the seeds a page keeps (mock/browser/indexeddb-seed-cache.ts): another build seeds anew.
    define: { BROWSER_BUILD_ID: JSON.stringify(`${version}+${Date.now().toString(36)}`) },
    plugins: [preparedLocales, preparedContract, precompiledValidators, pageOptions, noSqlInPage],
  });
}
