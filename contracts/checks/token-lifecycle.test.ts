import { beforeAll, describe, expect, it } from 'vitest';
import type { TokenLifecycleRecord } from '../execute/drive-token-lifecycle.ts';
import type { TokenPair } from '../execute/session.ts';
import { type Contract, loadContract } from '../plan/load-contract.ts';
import type { Exchange } from '../types.ts';
import { judgeContext, recorded } from './judge-context.ts';
import { tokenLifecycle } from './token-lifecycle.ts';

// The token_lifecycle judge over a hand-made login's life, against openapi.yaml's x-auth
// (HS256, issuer and audience, 900 s access tokens, rotation, reuse revokes the login): no server.

let contract: Contract;
beforeAll(async () => {
  contract = await loadContract();
});

const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** An access token as x-auth states it, with `over` in its payload. */
function jwt(over: Record<string, unknown> = {}, alg = 'HS256'): string {
  const payload = {
    iss: 'ai-call-center',
    aud: 'ai-call-center-api',
    sub: 'u1',
    email: 'admin@example.com',
    role: 'admin',
    jti: 'j1',
    iat: 1000,
    nbf: 1000,
    exp: 1900,
    ...over,
  };
  return `${part({ alg, typ: 'JWT' })}.${part(payload)}.signature`;
}
const pair = (n: number, token = jwt({ jti: `j${n}` })): TokenPair => ({
  token,
  refreshToken: `r${n}`,
  expiresIn: 900,
  refreshExpiresIn: 604800,
});
const problem = (code: string) => ({
  type: 'about:blank',
  title: 'Unauthorized',
  status: 401,
  code,
  requestId: 'r',
});
const refused = (operationId: string, code: string) => recorded(operationId, 401, problem(code));

/** The life of a login on a backend that keeps every rule, with `change` applied. */
function life(change: (r: TokenLifecycleRecord) => TokenLifecycleRecord = (r) => r): TokenLifecycleRecord {
  const out: Exchange = recorded('logout', 204, undefined, { method: 'POST' });
  return change({
    wrong: refused('login', 'invalid_credentials'),
    first: { pair: pair(1), exchange: recorded('login', 200, pair(1), { method: 'POST' }) },
    rotated: recorded('refreshToken', 200, pair(2), { method: 'POST' }),
    reused: refused('refreshToken', 'refresh_token_invalid'),
    family: refused('getCurrentUser', 'token_revoked'),
    second: { pair: pair(3), exchange: recorded('login', 200, pair(3), { method: 'POST' }) },
    out,
    after: refused('getCurrentUser', 'token_revoked'),
    refreshAfter: refused('refreshToken', 'refresh_token_invalid'),
    closes: [
      {
        cause: 'logout',
        rule: { code: 4401, reason: 'token_revoked' },
        channel: 'events',
        exchange: out,
        closed: { code: 4401, reason: 'token_revoked' },
        waitedMs: 100,
      },
    ],
  });
}

describe('token_lifecycle judges a recorded login life', () => {
  it.each([
    ['a backend that keeps every rule', () => life(), []],
    [
      'a wrong password let in',
      () => life((r) => ({ ...r, wrong: recorded('login', 200, pair(9)) })),
      ['Wrong password not refused'],
    ],
    [
      'a token that breaks x-auth',
      () =>
        life((r) => ({
          ...r,
          first: { pair: pair(1, jwt({ exp: 99999 }, 'none')), exchange: recorded('login', 200, {}) },
        })),
      ['Access token breaks x-auth'],
    ],
    [
      'a refresh that does not rotate',
      () => life((r) => ({ ...r, rotated: recorded('refreshToken', 200, pair(1)) })),
      ['Refresh does not rotate'],
    ],
    [
      'a refresh token accepted twice',
      () => life((r) => ({ ...r, reused: recorded('refreshToken', 200, pair(4)) })),
      ['Refresh token accepted twice'],
    ],
    [
      'reuse that does not revoke the login',
      () => life((r) => ({ ...r, family: recorded('getCurrentUser', 200, { id: 'u1' }) })),
      ['Reuse of a refresh token does not revoke the login'],
    ],
    [
      'a revoked token refused with another code',
      () => life((r) => ({ ...r, after: refused('getCurrentUser', 'token_invalid') })),
      ['Access token still works after logout: refused with token_invalid instead of token_revoked'],
    ],
    [
      'tokens that work after logout',
      () =>
        life((r) => ({
          ...r,
          after: recorded('getCurrentUser', 200, { id: 'u1' }),
          refreshAfter: recorded('refreshToken', 200, pair(5)),
        })),
      ['Access token still works after logout', 'Refresh token still works after logout'],
    ],
    [
      'a socket left open after the logout',
      () => life((r) => ({ ...r, closes: r.closes.map((c) => ({ ...c, closed: undefined })) })),
      ['Socket left open after logout'],
    ],
  ] as [string, () => TokenLifecycleRecord, string[]][])('%s', (_, given, want) => {
    const { ctx, failures } = judgeContext(contract);
    tokenLifecycle.judge?.(ctx, given());
    expect(failures.map((f) => f.title)).toEqual(want);
  });
});
