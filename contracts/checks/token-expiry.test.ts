import { beforeAll, describe, expect, it } from 'vitest';
import type { ExpiryClose, TokenExpiryRecord } from '../execute/drive-token-expiry.ts';
import { type Contract, loadContract } from '../plan/load-contract.ts';
import { challengeParams } from './challenge.ts';
import { judgeContext, recorded } from './judge-context.ts';
import { tokenExpiry } from './token-expiry.ts';

// The token_expiry judge over hand-made refusals of an expired token, against openapi.yaml's x-auth
// (refusals.expired: token_expired; challenge: realm ai-call-center, error invalid_token, a
// description) and asyncapi.yaml's x-closes-on (tokenExpired, expiredToken: 4401 token_expired).

let contract: Contract;
beforeAll(async () => {
  contract = await loadContract();
});

const CHALLENGE =
  'Bearer realm="ai-call-center", error="invalid_token", error_description="The access token expired"';
const refusal = (code: string, challenge: string | null = CHALLENGE, status = 401) =>
  recorded(
    'getCurrentUser',
    status,
    { type: 'about:blank', title: 'x', status, code, requestId: 'r' },
    challenge === null ? {} : { headers: { 'www-authenticate': challenge } },
  );
const close = (cause: string, closed: ExpiryClose['closed']): ExpiryClose => ({
  cause,
  rule: { code: 4401, reason: 'token_expired' },
  channel: 'events',
  closed,
  waitedMs: 100,
});
const EXPIRED = { code: 4401, reason: 'token_expired' };

/** A backend that keeps every rule of an expired token, with `change` applied. */
function record(change: Partial<Extract<TokenExpiryRecord, { clock: unknown }>> = {}): TokenExpiryRecord {
  return {
    clock: {
      token: 'a.b.c',
      lifetime: { seconds: 2, from: 'expiresIn' },
      expiredAtMs: 0,
      login: {
        pair: { token: 'a.b.c', refreshToken: 'r1', expiresIn: 2 },
        exchange: recorded('login', 200, { token: 'a.b.c', refreshToken: 'r1' }, { method: 'POST' }),
      },
    },
    waitedMs: 1500,
    expired: refusal('token_expired'),
    closes: [close('tokenExpired', EXPIRED), close('expiredToken', EXPIRED)],
    refreshed: recorded('refreshToken', 200, { token: 'd.e.f', refreshToken: 'r2' }, { method: 'POST' }),
    ...change,
  };
}

describe('token_expiry judges the refusal of an expired access token whole', () => {
  it.each([
    ['a backend that keeps every rule', record(), []],
    [
      'an expired token accepted',
      record({ expired: recorded('getCurrentUser', 200, { id: 'u1' }) }),
      ['Expired access token accepted'],
    ],
    [
      'refused with another problem code',
      record({ expired: refusal('token_invalid') }),
      ['Expired access token refused with token_invalid instead of token_expired'],
    ],
    [
      'refused with 403',
      record({ expired: refusal('token_expired', CHALLENGE, 403) }),
      ['Expired access token not refused with 401'],
    ],
    [
      'no answer',
      record({ expired: recorded('getCurrentUser', undefined) }),
      ['Expired access token not refused with 401'],
    ],
    [
      'no WWW-Authenticate',
      record({ expired: refusal('token_expired', null) }),
      ['Expired access token refused without the challenge x-auth states'],
    ],
    [
      'another realm',
      record({ expired: refusal('token_expired', CHALLENGE.replace('ai-call-center', 'api')) }),
      ['Expired access token refused without the challenge x-auth states'],
    ],
    [
      'no error_description',
      record({ expired: refusal('token_expired', 'Bearer realm="ai-call-center", error="invalid_token"') }),
      ['Expired access token refused without the challenge x-auth states'],
    ],
    [
      'a socket left open when its token ran out',
      record({ closes: [close('tokenExpired', undefined), close('expiredToken', EXPIRED)] }),
      ['Socket left open on tokenExpired'],
    ],
    [
      'a socket opened with the expired token closed with another code',
      record({ closes: [close('tokenExpired', EXPIRED), close('expiredToken', { code: 1000, reason: '' })] }),
      ['Socket closed with the wrong code on expiredToken'],
    ],
    [
      'the refresh token refused after its access token expired',
      record({
        refreshed: recorded('refreshToken', 401, { code: 'refresh_token_invalid' }, { method: 'POST' }),
      }),
      ['Refresh token refused after its access token expired'],
    ],
  ] as const)('%s', (_, given, titles) => {
    const { ctx, failures } = judgeContext(contract);
    tokenExpiry.judge?.(ctx, given);
    expect(failures.map((f) => f.title)).toEqual(titles);
  });

  it('holds the refresh token to nothing where x-auth does not say it outlives the access token', () => {
    const { ctx, failures } = judgeContext(contract);
    const refused = recorded('refreshToken', 401, { code: 'refresh_token_invalid' }, { method: 'POST' });
    const base = record({ refreshed: refused });
    if ('skipped' in base) throw new Error('a record');
    tokenExpiry.judge?.(ctx, {
      ...base,
      clock: { ...base.clock, lifetime: { seconds: 604_800, from: 'expiresIn' } },
    });
    expect(failures).toEqual([]);
  });

  it('says why it sent nothing, and judges nothing', () => {
    const { ctx, failures, notes, judged } = judgeContext(contract);
    tokenExpiry.judge?.(ctx, { skipped: 'the login states no lifetime' });
    expect(failures).toEqual([]);
    expect(judged).toEqual([]);
    expect(notes).toEqual(['token_expiry: skipped: the login states no lifetime.']);
  });
});

describe('challengeParams reads a WWW-Authenticate challenge (RFC 9110 section 11.2)', () => {
  it.each([
    [
      CHALLENGE,
      'Bearer',
      { realm: 'ai-call-center', error: 'invalid_token', error_description: 'The access token expired' },
    ],
    ['Bearer realm=api, error=invalid_token', 'Bearer', { realm: 'api', error: 'invalid_token' }],
    ['Bearer REALM="a \\"b\\""', 'Bearer', { realm: 'a "b"' }],
    ['', '', {}],
  ])('%j', (header, scheme, params) => {
    expect(challengeParams(header)).toEqual({ scheme, params });
  });
});
