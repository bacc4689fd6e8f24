import { beforeAll, describe, expect, it } from 'vitest';
import { type CorsRecord, REFUSED_ORIGIN } from '../execute/drive-cors.ts';
import { type Contract, loadContract } from '../plan/load-contract.ts';
import { cors } from './cors.ts';
import { judgeContext, recorded } from './judge-context.ts';

// The cors judge over hand-made preflights and requests, against openapi.yaml's x-cors: no server.

let contract: Contract;
beforeAll(async () => {
  contract = await loadContract();
});

const ORIGIN = 'http://localhost:5173';
const PREFLIGHT = {
  'access-control-allow-origin': ORIGIN,
  'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
  'access-control-allow-headers': 'Authorization, Content-Type, Accept, Prefer, X-Request-Id',
  'access-control-allow-credentials': 'true',
  'access-control-max-age': '600',
};
const ACTUAL = {
  'access-control-allow-origin': ORIGIN,
  vary: 'Origin',
  'access-control-expose-headers':
    'RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, RateLimit-Policy, Retry-After, WWW-Authenticate, Location, Content-Disposition, X-Request-Id',
};

/** A record from one allowed origin and the refused one, with the answers' headers as given. */
function record(
  preflight: Record<string, string>,
  actual: Record<string, string>,
  refused: Record<string, string> = {},
): CorsRecord {
  const from = (origin: string) => `from ${origin}`;
  return {
    target: 'listTopics',
    allowed: [
      {
        origin: ORIGIN,
        preflight: recorded(undefined, 204, undefined, { method: 'OPTIONS', headers: preflight }),
        actual: recorded('listTopics', 200, { items: [] }, { headers: actual }),
      },
    ],
    refused: [
      recorded(undefined, 204, undefined, {
        method: 'OPTIONS',
        headers: refused,
        description: `a preflight ${from(REFUSED_ORIGIN)}`,
      }),
      recorded('listTopics', 200, { items: [] }, { description: `a request ${from(REFUSED_ORIGIN)}` }),
    ],
  };
}

describe('cors judges recorded preflights and requests', () => {
  it.each([
    ['the policy kept', () => record(PREFLIGHT, ACTUAL), []],
    [
      'an allowed origin refused',
      () => record({ ...PREFLIGHT, 'access-control-allow-origin': '' }, ACTUAL),
      [/preflight from the allowed origin http:\/\/localhost:5173/],
    ],
    [
      'a method and the max age missing',
      () =>
        record(
          { ...PREFLIGHT, 'access-control-allow-methods': 'GET', 'access-control-max-age': '5' },
          ACTUAL,
        ),
      [/preflight from the allowed origin/],
    ],
    [
      'no Vary: Origin on the request',
      () => record(PREFLIGHT, { ...ACTUAL, vary: 'Accept' }),
      [/request from the allowed origin/],
    ],
    [
      'any origin allowed',
      () => record(PREFLIGHT, ACTUAL, { 'access-control-allow-origin': REFUSED_ORIGIN }),
      [/preflight from https:\/\/evil\.example \(not an allowed origin\)/],
    ],
  ] as [string, () => CorsRecord, RegExp[]][])('%s', (_, given, want) => {
    const { ctx, failures } = judgeContext(contract, { settings: { corsOrigins: [] } });
    cors.judge?.(ctx, given());
    expect(failures.map((f) => f.title)).toHaveLength(want.length);
    for (const [i, title] of want.entries()) expect(failures[i]?.title).toMatch(title);
  });

  it('names what is wrong, in the order a browser meets it', () => {
    const { ctx, failures } = judgeContext(contract);
    cors.judge?.(ctx, record({ ...PREFLIGHT, 'access-control-allow-methods': 'GET' }, ACTUAL));
    expect(failures[0]?.actual).toMatch(/Access-Control-Allow-Methods lacks POST, PUT, DELETE, OPTIONS/);
    expect(failures[0]?.specPointer).toBe('openapi.yaml#/x-cors');
  });
});
