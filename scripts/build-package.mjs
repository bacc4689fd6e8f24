/**
 * `npm run build` (and `npm pack` in a package's folder, through its prepack): compiles each package
 * named on the command line (`client`, `mock`, `contracts`) into its own lib/, JavaScript with .d.ts.
 * A package is what its entries reach: tsc compiles the entries below and every file they import,
 * wherever it lives in the checkout (the runner reads contracts with mock/openapi/, the mock's entry
 * is the call center's profile), keeping their paths under lib/, so a package needs no other package
 * of this repository. Its lib/ also holds its copy of the contract, where mock/openapi/paths.ts looks.
 * The sources import each other with .ts extensions; tsc rewrites them to .js in the JavaScript
 * (rewriteRelativeImportExtensions) but leaves them in the declarations, which a consumer without
 * allowImportingTsExtensions could not follow, so they are rewritten here.
 */
// Plain JavaScript run by node, as scripts/build-mock.mjs: the build needs no TypeScript runner.
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publish } from './publish-build.mjs';

const ROOT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Each package's entries: its exports' sources and its commands' (the bins in <package>/bin run them). */
const ENTRIES = {
  client: ['client/client.ts', 'generated/api.generated.ts'],
  mock: [
    'profiles/call-center/package.ts',
    'profiles/call-center/msw.ts',
    'profiles/call-center/browser.ts',
    'profiles/call-center/cli.ts',
  ],
  contracts: ['contracts/run-contract.ts', 'profiles/call-center/runner/cli.ts', 'contracts/diff/cli.ts'],
};

/** Ambient declarations of the sources, which no import names: every program takes them. */
const AMBIENT = ['mock/core/rate-limiter-memory.d.ts'];

// `from './x.ts'`, `import './x.ts'` and `import('./x.ts')`, relative paths only.
const RELATIVE_TS = /(\b(?:from|import\(?)\s*['"]\.{1,2}\/[^'"]*?)\.ts(['"])/g;

async function buildPackage(name) {
  const entries = ENTRIES[name];
  if (!entries)
    throw new Error(`build-package: no package ${name} (one of ${Object.keys(ENTRIES).join(', ')})`);
  // Built in a folder of this process's own, then moved into lib/ (publish-build.mjs): the tests
  // pack the packages while other tests build them, and a reader of lib/ must never find it
  // emptied or half written.
  const cacheDir = join(ROOT_DIR, 'node_modules', '.cache');
  const libDir = join(cacheDir, `build-${name}-${process.pid}-lib`);
  await rm(libDir, { recursive: true, force: true });
  // tsc takes either a project or files; a project of these entries alone, beside node_modules so
  // that its `types: ["node"]` resolves as the checkout's does.
  await mkdir(cacheDir, { recursive: true });
  // Named for this process: checkouts that share a node_modules (worktrees) or two packs at once
  // would otherwise compile from, and then delete, each other's project file.
  const project = join(cacheDir, `build-${name}-${process.pid}.tsconfig.json`);
  await writeFile(
    project,
    JSON.stringify({
      extends: join(ROOT_DIR, 'tsconfig.json'),
      compilerOptions: {
        noEmit: false,
        rootDir: ROOT_DIR,
        outDir: libDir,
        declaration: true,
        rewriteRelativeImportExtensions: true,
      },
      files: [...entries, ...AMBIENT].map((entry) => join(ROOT_DIR, entry)),
      include: [],
    }),
  );
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', project], { stdio: 'inherit' });
  } finally {
    await rm(project, { force: true });
  }

  for (const entry of await readdir(libDir, { recursive: true })) {
    if (!entry.endsWith('.d.ts')) continue;
    const path = join(libDir, entry);
    const text = await readFile(path, 'utf8');
    const rewritten = text.replace(RELATIVE_TS, '$1.js$2');
    if (rewritten !== text) await writeFile(path, rewritten);
  }
  for (const contract of ['openapi.yaml', 'asyncapi.yaml'])
    await copyFile(join(ROOT_DIR, contract), join(libDir, contract));

  if (name === 'mock') {
    // The browser's MSW handlers ship as prebundled ES modules (scripts/build-browser.mjs).
    const { buildBrowserMock } = await import('./build-browser.mjs');
    await buildBrowserMock(join(libDir, 'browser'));
  }
  await publish(libDir, join(ROOT_DIR, name, 'lib'));
}

const names = process.argv.slice(2);
if (names.length === 0)
  throw new Error('build-package: name the packages to build (client, mock, contracts)');
for (const name of names) await buildPackage(name);
