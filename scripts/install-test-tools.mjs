/**
 * `pretest`: installs the test bench when it is missing. The quick start installs only what the
 * mock needs (.npmrc: omit=dev); the tests need the devDependencies too (vitest, TypeScript, Biome,
 * the outside tools they compare with, the public descriptions of the corpus). Plain JavaScript
 * run by node: tsx is one of the tools this installs.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
// A cold cache on 2 cores took about 4 minutes; past this, something is wrong and waiting longer
// will not help.
const INSTALL_LIMIT_MS = 20 * 60_000;

const manifest = JSON.parse(readFileSync(join(ROOT_DIR, 'package.json'), 'utf8'));
const missing = Object.keys(manifest.devDependencies ?? {}).filter(
  (name) => !existsSync(join(ROOT_DIR, 'node_modules', name, 'package.json')),
);

if (missing.length > 0) {
  const named =
    missing.slice(0, 6).join(', ') + (missing.length > 6 ? `, and ${missing.length - 6} more` : '');
  console.log(
    `Installing the test bench first (${missing.length} devDependencies missing: ${named}); ` +
      `once per checkout, a few minutes (limit ${INSTALL_LIMIT_MS / 60_000} min); npm's summary follows.`,
  );
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const child = spawn(npm, ['install', '--include=dev', '--no-audit', '--no-fund'], {
    cwd: ROOT_DIR,
    stdio: 'inherit',
    timeout: INSTALL_LIMIT_MS,
  });
  // npm draws no progress where its output is no terminal (CI, a log): say every 30 s that it goes on.
  const started = Date.now();
  const heartbeat = setInterval(
    () => console.log(`… still installing the test bench (${Math.round((Date.now() - started) / 1000)} s)`),
    30_000,
  );
  const result = await new Promise((resolve) => {
    child.on('error', (error) => resolve({ error, status: null }));
    child.on('close', (status) => resolve({ error: undefined, status }));
  });
  clearInterval(heartbeat);
  if (result.error || result.status !== 0) {
    const why = result.error
      ? result.error.message
      : result.status === null
        ? `stopped at the ${INSTALL_LIMIT_MS / 60_000}-minute limit`
        : `npm exited with ${result.status}`;
    console.error(`Could not install the test bench (${why}). Run: npm install --include=dev`);
    process.exit(1);
  }
}
