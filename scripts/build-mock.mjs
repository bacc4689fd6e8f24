/**
 * `npm run prestart`: bundles the mock and its dependencies into one file, dist/mock.mjs, which
 * `npm start` runs with plain node. One file instead of some 400 modules: Node no longer resolves,
 * stats and wraps each dependency at every start (a quarter of a start, profiled), and no
 * TypeScript is compiled at run time.
 */
// Plain JavaScript run by node: a TypeScript runner would add a second to every `npm start`.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');

await build({
  entryPoints: [join(ROOT_DIR, 'profiles', 'call-center', 'cli.ts')],
  outfile: join(ROOT_DIR, 'dist', 'mock.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  // Smaller source to read and parse at every start; names are kept, so a logged stack stays readable.
  // BUILD_READABLE=1 keeps the layout too, for reading a CPU profile line by line.
  minifyWhitespace: process.env.BUILD_READABLE !== '1',
  minifySyntax: process.env.BUILD_READABLE !== '1',
  // swagger-ui-dist is a folder of browser assets served from disk, found through its package.json;
  // ws's two native accelerators are optional and loaded only when installed; better-sqlite3 is a
  // native addon, loaded from node_modules when MOCK_DB names an SQLite file.
  external: ['swagger-ui-dist', 'bufferutil', 'utf-8-validate', 'better-sqlite3'],
  // The CommonJS dependencies call require() for Node's own modules; an ES module has none.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});
