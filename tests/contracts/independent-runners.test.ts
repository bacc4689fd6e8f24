import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLogin } from '../../scripts/support/demo-login.ts';
import { startBrokenProxy } from '../broken-servers/broken-proxy.ts';
import { BROKEN_SERVERS } from '../broken-servers/rules.ts';
import { bin, freePort, run, type Service, startService } from '../support/processes.ts';
import { dataCounts, startTestMock, TEST_NUMBER } from './support.ts';

const missingCreatedAt = BROKEN_SERVERS.find((b) => b.check === 'response_schema_conformance')?.rule ?? {};

// The design's independent runners, as wired in package.json: Dredd over the documented examples
// (with hooks for auth and what Dredd cannot express) and Prism's validation proxy for live traffic.
// Each test has its own mock: the login's rate limit (10 a minute) is per backend.
describe.concurrent('independent runners', () => {
  const started: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const s of started.reverse()) await s.close();
  });
  async function backends() {
    const mock = await startTestMock();
    const broken = await startBrokenProxy(mock.baseUrl, missingCreatedAt);
    started.push(mock, broken);
    return { mock, broken };
  }

  it('contract:dredd passes every example against the mock and leaves no data behind', async () => {
    const { mock } = await backends();
    const before = await dataCounts(mock.baseUrl);
    const { code, output } = await run(bin('tsx'), [
      'profiles/call-center/runner/dredd/run-dredd.ts',
      '--base-url',
      mock.baseUrl,
      '--test-number',
      TEST_NUMBER,
    ]);
    const summary = /complete: (\d+) passing, (\d+) failing, (\d+) errors/.exec(output);
    expect(summary?.slice(2), output).toEqual(['0', '0']);
    expect(Number(summary?.[1])).toBeGreaterThanOrEqual(20);
    expect(code).toBe(0);
    expect(await dataCounts(mock.baseUrl)).toEqual(before);
  }, 120_000);

  it('contract:dredd fails against a backend that leaves out a required field', async () => {
    const { broken } = await backends();
    const { code, output } = await run(bin('tsx'), [
      'profiles/call-center/runner/dredd/run-dredd.ts',
      '--base-url',
      broken.baseUrl,
    ]);
    expect(output).toMatch(/fail: GET \(200\) \/topics\/.*[\s\S]*createdAt/);
    expect(code).not.toBe(0);
  }, 120_000);

  describe('proxy', () => {
    let prism: Service;
    let base: string;
    beforeAll(async () => {
      const { broken } = await backends();
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      prism = await startService(
        bin('tsx'),
        ['contracts/proxy/run-proxy.ts', '--upstream', broken.baseUrl, '--port', String(port)],
        async () => (await fetch(`${base}/health`)).ok,
        { timeoutMs: 60_000 },
      );
    }, 90_000);
    afterAll(() => prism?.stop());

    it('forwards real traffic and logs each violation of the contract', async () => {
      const headers = { authorization: `Bearer ${await demoLogin(base)}` };
      const topics = (await (await fetch(`${base}/topics`, { headers })).json()) as {
        items: { id: string }[];
      };
      const one = await fetch(`${base}/topics/${topics.items[0]?.id}`, { headers });
      expect(one.status).toBe(200);
      await fetch(`${base}/voip/calls?pageSize=abc`, { headers });
      await new Promise((done) => setTimeout(done, 500));
      expect(prism.output()).toContain(
        "Violation: response.body Response body must have required property 'createdAt'",
      );
      expect(prism.output()).toMatch(/Violation: request\.query\.pagesize .*must be integer/);
    });
  });
});
