import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../contracts/run-result.ts';
import type { RunningMock } from '../../mock/start-mock.ts';
import { type BrokenProxy, startBrokenProxy } from '../broken-servers/broken-proxy.ts';
import { bin, run } from '../support/processes.ts';
import { dataCounts, startTestMock, TEST_NUMBER } from './support.ts';

// A backend too slow for the whole run to finish within --timeout: the run stops there, cleans up,
// reports what it found, marks what it never reached as SKIPPED and exits 124.
describe('a run that reaches its --timeout', () => {
  let mock: RunningMock;
  let proxy: BrokenProxy;
  beforeAll(async () => {
    mock = await startTestMock();
    // Every answer a little late: correct, but a full run takes far longer than the timeout below.
    proxy = await startBrokenProxy(mock.baseUrl, {
      response: async (_req, res) => {
        await new Promise((done) => setTimeout(done, 150));
        return res;
      },
    });
  });
  afterAll(async () => {
    await proxy?.close();
    await mock?.close();
  });

  it('stops, cleans up, reports what it found and exits 124', async () => {
    const before = await dataCounts(mock.baseUrl);
    const dir = await mkdtemp(join(tmpdir(), 'contract-timeout-'));
    const { code, output } = await run(bin('tsx'), [
      'profiles/call-center/runner/cli.ts',
      '--base-url',
      proxy.baseUrl,
      '--test-number',
      TEST_NUMBER,
      '--seed',
      '4',
      '--timeout',
      '4000',
      '--json',
      join(dir, 'result.json'),
    ]);
    const result = JSON.parse(await readFile(join(dir, 'result.json'), 'utf8')) as RunResult;
    expect(code, output).toBe(124);
    expect(result.ended).toBe('timeout');
    expect(output).toMatch(/The run's --timeout passed/);
    expect(output).toMatch(/\(the run timed out before its end\)/);
    expect(
      result.checks.some((c) => c.notes.some((n) => /not run, the run's --timeout \(4 s\) passed/.test(n))),
    ).toBe(true);
    expect(result.leftovers).toEqual([]);
    expect(await dataCounts(mock.baseUrl)).toEqual(before);
  }, 90_000);
});
