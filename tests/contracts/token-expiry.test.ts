import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Contract, loadContract } from '../../contracts/plan/load-contract.ts';
import { type ProgressEvent, runContract } from '../../contracts/run-contract.ts';
import type { RunningMock } from '../../mock/start-mock.ts';
import { callCenterRunner } from '../../profiles/call-center/runner/index.ts';
import { expiredToken, startTestMock } from './support.ts';

// token_expiry against the mock, the three ways a run gets an expired token: waiting out a login's
// (the mock issuing 2-second tokens: MOCK_ACCESS_TOKEN_TTL=2), a token given with --expired-token,
// and neither (the contract's 900 s, beyond --expiry-wait): skipped, saying how to judge it.
const SECRET = 'a-secret-of-this-test-long-enough-for-hs256';

describe('token_expiry against the mock', () => {
  let contract: Contract;
  let short: RunningMock;
  let standard: RunningMock;
  beforeAll(async () => {
    contract = await loadContract();
    [short, standard] = await Promise.all([
      startTestMock({ accessTokenTtl: 2 }),
      startTestMock({ jwtSecret: SECRET }),
    ]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([short?.close(), standard?.close()]);
  });

  const run = (
    baseUrl: string,
    options: { expiredToken?: string; onProgress?: (e: ProgressEvent) => void } = {},
  ) =>
    runContract({
      baseUrl,
      contract,
      profiles: [callCenterRunner],
      only: ['token_expiry'],
      seed: 1,
      realtimeTimeoutMs: 3_000,
      rules: true,
      ...options,
    });

  it("waits out a login's 2-second token, saying what it waits for, and judges the whole refusal", async () => {
    const waits: string[] = [];
    const result = await run(short.baseUrl, {
      onProgress: (e) => {
        if (e.kind === 'wait') waits.push(e.text);
      },
    });
    expect(result.failures).toEqual([]);
    expect(result.checks.map((c) => [c.name, c.status])).toEqual([['token_expiry', 'passed']]);
    expect(waits.some((w) => w.startsWith('an access token to expire (expiresIn 2 s)'))).toBe(true);
    const judged = Object.fromEntries((result.rules ?? []).map((r) => [r.pointer, [r.check, r.judged]]));
    for (const pointer of [
      'openapi.yaml#/x-auth/refusals/expired',
      'asyncapi.yaml#/channels/events/x-closes-on/tokenExpired',
      'asyncapi.yaml#/channels/events/x-closes-on/expiredToken',
    ])
      expect(judged[pointer]?.[0], pointer).toBe('token_expiry');
    expect(judged['openapi.yaml#/x-auth/refusals/expired']?.[1]).toBeGreaterThan(0);
  }, 60_000);

  it('judges a token given with --expired-token at once, with no login of its own', async () => {
    const result = await run(standard.baseUrl, { expiredToken: await expiredToken(standard, SECRET) });
    expect(result.failures).toEqual([]);
    expect(result.checks.map((c) => [c.name, c.status])).toEqual([['token_expiry', 'passed']]);
    expect(result.checks[0]?.requests).toBe(1);
  }, 60_000);

  it('is skipped where the token lives longer than --expiry-wait, saying how to judge it, and sends nothing', async () => {
    const result = await run(standard.baseUrl);
    expect(result.checks.map((c) => [c.name, c.status])).toEqual([['token_expiry', 'skipped']]);
    expect(result.checks[0]?.requests).toBe(0);
    expect(result.checks[0]?.notes.join(' ')).toMatch(
      /lives 900 s \(expiresIn\), longer than --expiry-wait \(30 s\): pass --expired-token with one the backend issued more than 900 s ago, --expiry-wait 901000 to wait one out/,
    );
    const row = result.rules?.find((r) => r.pointer === 'openapi.yaml#/x-auth/refusals/expired');
    expect(row).toMatchObject({ check: 'token_expiry', judged: 0, result: 'skipped' });
  }, 60_000);
});
