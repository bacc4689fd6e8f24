import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../contracts/run-result.ts';
import { classify, FINDINGS } from '../../scripts/real-servers/findings.ts';
import { REAL_SERVERS } from '../../scripts/real-servers/servers.ts';
import { bin, run } from '../support/processes.ts';

const dir = await mkdtemp(join(tmpdir(), 'contract-real-test-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

// `npm run contract:real` on each real server: it starts, its installed description converts, a
// default run completes, some operations answer 2xx, and every failure the runner reports is
// classified in findings.ts (docs/runner.md, "Real servers"). CI installs the Debian packages
// (.ci/run); a machine without them skips, CI never does.
describe('the runner on real servers (npm run contract:real)', () => {
  it.each(REAL_SERVERS.map((s) => [s.name, s] as const))(
    '%s: the run completes and every failure it reports is classified',
    async (name, server) => {
      if (!existsSync(server.command) && !process.env.CI) {
        console.warn(`${name} is not installed: apt-get install -y ${server.packages.join(' ')}`);
        return;
      }
      const { code, output } = await run(
        bin('tsx'),
        ['scripts/real-servers/run-real-servers.ts', '--only', name, '--out', dir],
        {},
        { timeoutMs: 280_000 },
      );
      expect(output).not.toContain('NOT CLASSIFIED');
      expect(code, output).toBe(0);
      const result = JSON.parse(await readFile(join(dir, `${name}.json`), 'utf8')) as RunResult;
      expect(result.fatal, output).toBeUndefined();
      expect(result.ended, output).toBeUndefined();
      const answered2xx = result.coverage.operations.filter((o) =>
        o.observedStatuses.some((s) => s.startsWith('2')),
      );
      expect(answered2xx.length, output).toBeGreaterThanOrEqual(server.answering2xx);
      for (const failure of result.failures) expect(classify(name, failure), failure.title).toBeDefined();
      // The server's own deviations (Jupyter's crashes on bodies of the wrong shape) are still found.
      const deviations = FINDINGS.filter((f) => f.server === name && f.kind === 'server deviation');
      if (deviations.length)
        expect(
          result.failures.some((f) => classify(name, f)?.kind === 'server deviation'),
          deviations.map((d) => `${d.check} ${d.operationId}: ${d.why}`).join('\n'),
        ).toBe(true);
    },
    300_000,
  );
});
