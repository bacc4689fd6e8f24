import { spawn } from 'node:child_process';
import { ROOT_DIR } from '../../mock/openapi/paths.ts';
import { MOCK_ENV, mockPeer, prismPeer, START_ARGS, scalarPeer } from './compare.ts';
import { round } from './load.ts';
import { bin, startPeer } from './peers.ts';

export interface StartupResult {
  name: string;
  /** Median spawn-to-first-200 over the runs, and every run. */
  medianMs: number;
  runsMs: number[];
  rssMb: number;
}

/**
 * Builds the bundle `npm start` runs, with the project's own `prestart` step, and answers how long
 * the build took. Every later start of the mock in the bench runs that bundle.
 */
export async function buildMock(): Promise<number> {
  const started = performance.now();
  await new Promise<void>((done, fail) => {
    const child = spawn('npm', ['run', '--silent', 'prestart'], { cwd: ROOT_DIR, stdio: 'inherit' });
    child.on('close', (code) =>
      code === 0 ? done() : fail(new Error(`npm run prestart exited with ${code}`)),
    );
  });
  return round(performance.now() - started, 0);
}

/**
 * Start to first 200 of the mock with the default data set, as `npm start` runs it (node on the
 * prebuilt bundle) and as it ran before (tsx compiling the TypeScript on the fly), beside Scalar's
 * mock server and Prism on the same contract, measured the same way in the same run.
 */
export async function measureStartup(runs: number): Promise<StartupResult[]> {
  const variants = [
    { name: `npm start: node ${START_ARGS.join(' ')} (prebuilt)`, spec: mockPeer('mock-bundle') },
    {
      name: 'tsx profiles/call-center/cli.ts',
      spec: {
        ...mockPeer('mock-tsx'),
        command: bin('tsx'),
        args: ['profiles/call-center/cli.ts'],
        env: MOCK_ENV,
      },
    },
    {
      name: "Scalar's mock server (@scalar/mock-server on @hono/node-server)",
      spec: scalarPeer('scalar-start'),
    },
    { name: 'Prism static (prism mock openapi.yaml)', spec: prismPeer('prism-start', false) },
  ];
  const results: StartupResult[] = [];
  for (const { name, spec } of variants) {
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
