import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT_DIR } from '../../spec/paths.ts';
import { MOCK_ENV, mockPeer } from './compare.ts';
import { round } from './load.ts';
import { bin, type PeerSpec, startPeer } from './peers.ts';

/**
 * Where the precompiled mock is bundled: a folder one level under the root, so that the bundle's
 * `import.meta.url` finds openapi.yaml and node_modules where the sources do.
 */
const BUNDLE = join(ROOT_DIR, 'reports', 'mock-cli.bundle.mjs');

export interface StartupResult {
  name: string;
  /** Median spawn-to-first-200 over the runs, and every run. */
  medianMs: number;
  runsMs: number[];
  rssMb: number;
}

/** Bundles mock/cli.ts with esbuild (dependencies left external), as a build step of `npm start` would. */
async function bundle(): Promise<void> {
  const args = ['mock/cli.ts', '--bundle', '--platform=node', '--format=esm', '--packages=external'];
  await new Promise<void>((done, fail) => {
    const child = spawn(bin('esbuild'), [...args, `--outfile=${BUNDLE}`, '--log-level=warning'], {
      cwd: ROOT_DIR,
      stdio: 'inherit',
    });
    child.on('close', (code) => (code === 0 ? done() : fail(new Error(`esbuild exited with ${code}`))));
  });
}

/**
 * Start to first 200 of the mock with the default data set, run as `npm start` runs it today (tsx
 * compiling TypeScript on the fly) and precompiled to one JavaScript file run by plain node.
 */
export async function measureStartup(runs: number): Promise<StartupResult[]> {
  await bundle();
  const variants: [string, PeerSpec][] = [
    ['tsx mock/cli.ts (npm start)', mockPeer('mock-tsx')],
    [
      'node, precompiled bundle',
      {
        name: 'mock-bundle',
        command: process.execPath,
        args: [BUNDLE],
        env: MOCK_ENV,
        readyPath: '/api/health',
        prefix: '/api',
      },
    ],
  ];
  const results: StartupResult[] = [];
  for (const [name, spec] of variants) {
    const runsMs: number[] = [];
    let rssMb = 0;
    for (let i = 0; i < runs; i++) {
      const peer = await startPeer(spec);
      runsMs.push(round(peer.startMs, 0));
      rssMb = await peer.rssMb();
      await peer.stop();
    }
    const sorted = [...runsMs].sort((a, b) => a - b);
    results.push({ name, medianMs: sorted[Math.floor(sorted.length / 2)] ?? 0, runsMs, rssMb });
  }
  return results;
}
