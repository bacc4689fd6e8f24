/**
 * `npm run build` (and `npm pack`, through prepack): compiles spec/, mock/, profiles/ and contracts/
 * into lib/ as JavaScript with .d.ts, what the published package runs and type-checks against.
 * The sources import each other with .ts extensions; tsc rewrites them to .js in the JavaScript
 * (rewriteRelativeImportExtensions) but leaves them in the declarations, which a consumer without
 * allowImportingTsExtensions could not follow, so they are rewritten here.
 */
// Plain JavaScript run by node, as scripts/build-mock.mjs: the build needs no TypeScript runner.
import { execFileSync } from 'node:child_process';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const LIB_DIR = join(ROOT_DIR, 'lib');

await rm(LIB_DIR, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', join(ROOT_DIR, 'tsconfig.build.json')], { stdio: 'inherit' });

// `from './x.ts'`, `import './x.ts'` and `import('./x.ts')`, relative paths only.
const RELATIVE_TS = /(\b(?:from|import\(?)\s*['"]\.{1,2}\/[^'"]*?)\.ts(['"])/g;
for (const entry of await readdir(LIB_DIR, { recursive: true })) {
  if (!entry.endsWith('.d.ts')) continue;
  const path = join(LIB_DIR, entry);
  const text = await readFile(path, 'utf8');
  const rewritten = text.replace(RELATIVE_TS, '$1.js$2');
  if (rewritten !== text) await writeFile(path, rewritten);
}

// The browser's MSW handlers ship as prebundled ES modules (scripts/build-browser.mjs).
const { buildBrowserMock } = await import('./build-browser.mjs');
await buildBrowserMock(join(LIB_DIR, 'browser'));
