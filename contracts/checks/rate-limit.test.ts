import { beforeAll, describe, expect, it } from 'vitest';
import type { BurstRecord } from '../execute/drive-burst.ts';
import { type Contract, loadContract, operation } from '../plan/load-contract.ts';
import type { Exchange } from '../types.ts';
import { judgeContext, recorded } from './judge-context.ts';
import { rateLimit } from './rate-limit.ts';

// The rate_limit judge over hand-made answers and bursts, against openapi.yaml's x-rate-limits
// (default 300 a minute, tunable by a deployment; login 10, a figure of the contract): no server.

let contract: Contract;
beforeAll(async () => {
  contract = await loadContract();
});

const headers = (limit: number, remaining: number, reset = 30) => ({
  'ratelimit-limit': String(limit),
  'ratelimit-remaining': String(remaining),
  'ratelimit-reset': String(reset),
  'ratelimit-policy': `${limit};w=60`,
});
const TOPIC = { id: '5b8f2c1e-3d4a-4f6b-9c7d-1e2f3a4b5c6d', name: 'T' };
const read = (h: Record<string, string>) => recorded('getTopic', 200, TOPIC, { headers: h });
const login = (h: Record<string, string>) =>
  recorded('login', 200, { token: 'a.b.c' }, { method: 'POST', headers: h });

function judge(
  exchanges: Exchange[],
  burst: () => BurstRecord = () => ({}),
  rateLimitBurst = false,
): string[] {
  const { ctx, failures } = judgeContext(contract, { exchanges, settings: { rateLimitBurst } });
  rateLimit.judge?.(ctx, burst());
  return failures.map((f) => f.title);
}

describe('rate_limit judges the RateLimit headers of recorded answers', () => {
  it.each([
    [
      'consistent headers (a deployment may tune the default limit)',
      [read(headers(1000, 999)), login(headers(10, 9))],
      [],
    ],
    ['no header on any answer', [read({}), login({})], ['No RateLimit headers on any answer']],
    [
      'Remaining above Limit',
      [read(headers(300, 301)), login(headers(10, 9))],
      ['RateLimit headers missing or inconsistent'],
    ],
    ['Reset beyond the window', [read(headers(300, 1, 61))], ['RateLimit headers missing or inconsistent']],
    [
      "a named policy's limit changed",
      [read(headers(300, 1)), login(headers(300, 299))],
      ['RateLimit headers missing or inconsistent'],
    ],
    [
      'one missing where the others have them',
      [read(headers(300, 1)), login({ 'ratelimit-limit': '10' })],
      ['RateLimit headers missing or inconsistent'],
    ],
  ] as [string, Exchange[], string[]][])('%s', (_, exchanges, want) => {
    expect(judge(exchanges)).toEqual(want);
  });
});

describe('rate_limit judges a recorded burst (--rate-limit-burst)', () => {
  const burst =
    (status: number, more: Record<string, string> = {}) =>
    (): BurstRecord => ({
      op: operation(contract, 'login'),
      policy: { limit: 10, windowSeconds: 60 },
      last: recorded(
        'login',
        status,
        { code: 'x' },
        { method: 'POST', headers: { ...headers(10, 0), ...more } },
      ),
    });
  it.each([
    ['ended with 429 and Retry-After', burst(429, { 'retry-after': '42' }), []],
    ['never answered 429', burst(401), ['Burst past the limit not answered 429']],
    ['a 429 without Retry-After', burst(429), ['Burst past the limit not answered 429']],
  ] as [string, () => BurstRecord, string[]][])('%s', (_, given, want) => {
    expect(judge([read(headers(300, 1))], given, true)).toEqual(want);
  });

  it('says it did not provoke the 429 without --rate-limit-burst', () => {
    const { ctx, notes } = judgeContext(contract, { exchanges: [read(headers(300, 1))] });
    rateLimit.judge?.(ctx, {});
    expect(notes.join(' ')).toMatch(/not provoked \(opt in with --rate-limit-burst\)/);
  });
});
