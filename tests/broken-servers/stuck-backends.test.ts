import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Contract, loadContract } from '../../contracts/plan/load-contract.ts';
import { runContract } from '../../contracts/run-contract.ts';
import type { RunningMock } from '../../mock/start-mock.ts';
import { callCenterRunner } from '../../profiles/call-center/runner/index.ts';
import { type BrokenRule, startBrokenProxy } from './broken-proxy.ts';
import { startUpstreamMock } from './upstream-mock.ts';

const CALLS = /\/voip\/calls$/;

/** Every number in a JSON value as a string, as a backend that serialises numbers as text does. */
function numbersAsStrings(value: unknown): unknown {
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(numbersAsStrings);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, numbersAsStrings(v)]));
  return value;
}

function rewriteJson(change: (body: unknown) => unknown): BrokenRule['response'] {
  return (req, res) => {
    if (!CALLS.test(req.url.pathname) || req.method !== 'GET' || res.status !== 200) return res;
    return { ...res, body: Buffer.from(JSON.stringify(change(JSON.parse(res.body.toString('utf8'))))) };
  };
}

// Backends that kept earlier runs polling for minutes: each must end in a failing verdict, found by
// the checks, well before the run's --timeout (which would end it too, but without a verdict).
const STUCK: [string, BrokenRule][] = [
  [
    'ignores the status filter of the call list',
    {
      request: (req) => {
        if (!CALLS.test(req.url.pathname)) return req;
        const url = new URL(req.url);
        url.searchParams.delete('status');
        return { ...req, url };
      },
    },
  ],
  [
    'counts one call too many in total',
    {
      response: rewriteJson((page) => ({
        ...(page as object),
        total: (page as { total: number }).total + 1,
      })),
    },
  ],
  [
    'answers every number as a JSON string',
    {
      response: (_req, res) =>
        /json/.test(res.headers['content-type'] ?? '') && res.body.length
          ? {
              ...res,
              body: Buffer.from(JSON.stringify(numbersAsStrings(JSON.parse(res.body.toString('utf8'))))),
            }
          : res,
    },
  ],
];

describe('runs against backends that used to keep the runner polling', () => {
  let contract: Contract;
  beforeAll(async () => {
    contract = await loadContract();
  });

  describe.concurrent.each(STUCK)('a backend that %s', (_, rule) => {
    let mock: RunningMock;
    afterAll(() => mock?.close());

    it('ends with a failing verdict, not a timeout', async () => {
      mock = await startUpstreamMock(200);
      const proxy = await startBrokenProxy(mock.baseUrl, rule);
      try {
        const result = await runContract({
          profiles: [callCenterRunner],
          baseUrl: proxy.baseUrl,
          contract,
          seed: 11,
          examples: 2,
          testNumber: '+998900000001',
          realtimeTimeoutMs: 2_000,
          // Long calls would be waited for up to this; the verdict must not need it.
          callTimeoutMs: 180_000,
          runTimeoutMs: 150_000,
        });
        expect(result.fatal, result.fatal).toBeUndefined();
        expect(result.ended).toBeUndefined();
        expect(result.ok).toBe(false);
        expect(result.failures.length).toBeGreaterThan(0);
      } finally {
        await proxy.close();
      }
    }, 170_000);
  });
});
