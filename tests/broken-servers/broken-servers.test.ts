import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_NAMES } from '../../contracts/checks/index.ts';
import { type Contract, loadContract } from '../../contracts/plan/load-contract.ts';
import { runContract } from '../../contracts/run-contract.ts';
import type { RunningMock } from '../../mock/start-mock.ts';
import { callCenterRunner } from '../../profiles/call-center/runner/index.ts';
import { startBrokenProxy } from './broken-proxy.ts';
import { BROKEN_SERVERS } from './rules.ts';
import { startUpstreamMock } from './upstream-mock.ts';

// Every check must be able to fail: each broken server (the mock behind a proxy that breaks one
// rule) must make exactly its check fail, with a message a backend developer can act on.
describe('each check fails against a server that breaks its rule', () => {
  let contract: Contract;
  beforeAll(async () => {
    contract = await loadContract();
  });

  it('covers every check of the registry', () => {
    expect(new Set(BROKEN_SERVERS.map((b) => b.check))).toEqual(
      new Set([...CHECK_NAMES, ...(callCenterRunner.checks ?? []).map((c) => c.name)]),
    );
  });

  describe.concurrent.each(BROKEN_SERVERS)(
    '$check: a server that $name',
    ({ check, title, message, rule, options, mock: mockOptions }) => {
      let mock: RunningMock;
      afterAll(() => mock?.close());

      it('fails the check with a useful message', async () => {
        mock = await startUpstreamMock(300, mockOptions);
        const proxy = await startBrokenProxy(mock.baseUrl, rule);
        try {
          const result = await runContract({
            profiles: [callCenterRunner],
            baseUrl: proxy.baseUrl,
            contract,
            only: [check],
            seed: 7,
            examples: 3,
            testNumber: '+998900000001',
            timeoutMs: 10_000,
            realtimeTimeoutMs: 2_000,
            ...options,
          });
          expect(result.fatal).toBeUndefined();
          expect(result.ok).toBe(false);
          const mine = result.failures.filter((f) => f.check === check);
          expect(mine.map((f) => f.title).join('\n'), JSON.stringify(result.failures, null, 2)).toMatch(
            title,
          );
          if (message) expect(mine.map((f) => f.message).join('\n')).toMatch(message);
          for (const f of mine) {
            expect(f.message.length).toBeGreaterThan(20);
            expect(f.expected).not.toBe('');
            expect(f.actual).not.toBe('');
            expect(f.specPointer).toMatch(/^(openapi|asyncapi)\.yaml#\//);
          }
        } finally {
          await proxy.close();
        }
      }, 90_000);
    },
  );
});
