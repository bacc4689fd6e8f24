import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runContract } from '../../contracts/run-contract.ts';
import type { RunResult } from '../../contracts/run-result.ts';
import type { RunningMock } from '../../mock/start-mock.ts';
import { callCenterRunner } from '../../profiles/call-center/runner/index.ts';
import { type BrokenProxy, startBrokenProxy } from '../broken-servers/broken-proxy.ts';
import { dataCounts, startTestMock } from './support.ts';

// --read-only must be safe against production: a recording proxy proves nothing but safe requests
// (and the login) reach the backend, and the data is untouched.
describe('--read-only', () => {
  let mock: RunningMock;
  let proxy: BrokenProxy;
  const sent: string[] = [];
  let result: RunResult;
  let before: Record<string, number>;

  beforeAll(async () => {
    mock = await startTestMock();
    before = await dataCounts(mock.baseUrl);
    proxy = await startBrokenProxy(mock.baseUrl, {
      request: (req) => {
        sent.push(`${req.method} ${req.url.pathname}`);
        return req;
      },
    });
    result = await runContract({
      baseUrl: proxy.baseUrl,
      profiles: [callCenterRunner],
      readOnly: true,
      seed: 3,
      realtimeTimeoutMs: 2000,
    });
  }, 60_000);
  afterAll(async () => {
    await proxy?.close();
    await mock?.close();
  });

  it('passes against the mock', () => {
    expect(result.failures).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('sends only GET, OPTIONS and the login', () => {
    const unsafe = sent.filter((s) => !/^(GET|OPTIONS) /.test(s) && s !== 'POST /api/auth/login');
    expect(unsafe).toEqual([]);
    expect(sent.length).toBeGreaterThan(100);
  });

  it('leaves the data as it was and says which checks it left out', async () => {
    expect(await dataCounts(mock.baseUrl), sent.filter((s) => !s.startsWith('GET')).join('\n')).toEqual(
      before,
    );
    expect(result.notes.join('\n')).toMatch(/--read-only: .*token_lifecycle/);
  });
});
