import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runContract } from '../../contracts/run-contract.ts';
import { type RunningMock, startMock } from '../../profiles/call-center/package.ts';
import { callCenterRunner } from '../../profiles/call-center/runner/index.ts';

// --rate-limit-burst against the mock with the spec's own limits: the login policy (10 a minute)
// answers the eleventh failed login with 429 and Retry-After, and the check holds.
describe('rate_limit with --rate-limit-burst', () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ port: 0, log: 'off', calls: 200, seedDate: '2026-11-01' });
  });
  afterAll(() => mock?.close());

  it('sees the 429 of the smallest policy and passes', async () => {
    const result = await runContract({
      profiles: [callCenterRunner],
      baseUrl: mock.baseUrl,
      only: ['rate_limit', 'getHealth', 'login'],
      rateLimitBurst: true,
      seed: 1,
    });
    expect(result.failures).toEqual([]);
    const check = result.checks.find((c) => c.name === 'rate_limit');
    expect(check?.status).toBe('passed');
    expect(check?.requests).toBeGreaterThanOrEqual(9);
  });
});
