/**
 * `npm run contract`: runs the contract runner (profiles/call-center/runner/cli.ts) as one bundled
 * file, dist/contract.mjs, rebuilt by esbuild only when one of the files it was built from changed
 * (their list is esbuild's metafile, kept beside the bundle), so a checkout never runs a stale build.
 * Through tsx the same command spent about 1.8 s before its first line and 3 s before its first
 * request (tsx's loader compiling and resolving some 300 modules); the bundle, 0.4 s and 1.4 s
 * (docs/speed.md, "Contract runner and Dredd").
 */
// Plain JavaScript run by node, as scripts/build-mock.mjs: a TypeScript runner is what this avoids.
import { readFileSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLE = join(ROOT_DIR, 'dist', 'contract.mjs');
const META = join(ROOT_DIR, 'dist', 'contract.meta.json');

/** Whether the bundle is older than any file it was built from (or missing). */
function stale() {
  let built;
  let inputs;
  try {
    built = statSync(BUNDLE).mtimeMs;
    inputs = Object.keys(JSON.parse(readFileSync(META, 'utf8')).inputs);
  } catch {
    return true;
  }
  return inputs.some((input) => {
    try {
      return statSync(join(ROOT_DIR, input)).mtimeMs > built;
    } catch {
      return true;
    }
  });
}

if (stale()) {
  const { build } = await import('esbuild');
  // Written under this process's own name, then renamed: two runs starting at once never read
  // each other's half-written bundle.
  const temporary = `${BUNDLE}.${process.pid}.tmp.mjs`;
  const started = new Date();
  const result = await build({
    absWorkingDir: ROOT_DIR,
    entryPoints: [join(ROOT_DIR, 'profiles', 'call-center', 'runner', 'cli.ts')],
    outfile: temporary,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    metafile: true,
    minifyWhitespace: true,
    minifySyntax: true,
    // ws's two native accelerators are optional, loaded only when installed.
    external: ['bufferutil', 'utf-8-validate'],
    // The CommonJS dependencies call require() for Node's own modules; an ES module has none.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  });
  writeFileSync(`${META}.${process.pid}.tmp`, JSON.stringify({ inputs: result.metafile.inputs }));
  // Dated from the build's start: a source saved while esbuild read it still counts as newer.
  utimesSync(temporary, started, started);
  renameSync(temporary, BUNDLE);
  renameSync(`${META}.${process.pid}.tmp`, META);
}

await import(pathToFileURL(BUNDLE).href);
