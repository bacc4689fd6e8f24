import { beforeAll, describe, expect, it } from 'vitest';
import { recorded } from '../checks/judge-context.ts';
import { type Contract, loadContract } from '../plan/load-contract.ts';
import type { RunSettings } from '../run-settings.ts';
import { protectedRead, startExpiryClock, statedLifetime } from './expiry-clock.ts';
import type { HttpClient } from './http-client.ts';
import type { Session } from './session.ts';

// How token_expiry learns a token's lifetime, and when it spends no login and waits for nothing.

let contract: Contract;
beforeAll(async () => {
  contract = await loadContract();
});

const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (payload: object) => `${part({ alg: 'HS256' })}.${part(payload)}.sig`;
const now = () => Math.floor(Date.now() / 1000);

describe('statedLifetime reads what a login answer says of its token', () => {
  it.each([
    ['expiresIn', { token: 'x', expiresIn: 900 }, { seconds: 900, from: 'expiresIn' }],
    ["OAuth's expires_in", { access_token: 'x', expires_in: 60 }, { seconds: 60, from: 'expires_in' }],
    [
      "the JWT's exp - iat",
      { token: jwt({ iat: 1000, exp: 1030 }) },
      { seconds: 30, from: 'exp - iat of the JWT' },
    ],
    ['nothing', { token: 'opaque' }, undefined],
    ['a lifetime that is no number', { token: 'x', expiresIn: '900' }, undefined],
  ])('%s', (_, body, want) => {
    expect(statedLifetime(contract, body)).toEqual(want);
  });

  it('reads the field x-auth names, where it names one', () => {
    const named = {
      ...contract,
      extensions: {
        ...contract.extensions,
        auth: contract.extensions.auth && {
          ...contract.extensions.auth,
          accessToken: { ...contract.extensions.auth.accessToken, expiresInField: 'ttl' },
        },
      },
    } as Contract;
    expect(statedLifetime(named, { ttl: 5, expiresIn: 900 })).toEqual({ seconds: 5, from: 'ttl' });
  });
});

describe('startExpiryClock spends no login where it cannot judge, and says how to', () => {
  const settings = { baseUrl: 'http://127.0.0.1:9/api', expiryWaitMs: 30_000, realtimeTimeoutMs: 100 };
  const refusingHttp = {} as HttpClient; // any request would throw: none may be sent
  const session = (canLogin: boolean) =>
    ({
      canLogin,
      login: () => {
        throw new Error('no login may be made');
      },
    }) as unknown as Session;
  const start = (over: Partial<RunSettings>, canLogin: boolean, body?: object) =>
    startExpiryClock(
      {
        contract,
        http: refusingHttp,
        session: session(canLogin),
        settings: { ...settings, ...over } as RunSettings,
        selected: () => true,
      },
      body ? recorded('login', 200, body, { method: 'POST' }) : undefined,
    );

  it.each([
    [
      'tokens longer than --expiry-wait',
      {},
      true,
      { token: 'x', expiresIn: 900 },
      /lives 900 s \(expiresIn\), longer than --expiry-wait \(30 s\): pass --expired-token with one the backend issued more than 900 s ago, --expiry-wait 901000 to wait one out/,
    ],
    [
      'a login that states no lifetime',
      {},
      true,
      { token: 'opaque' },
      /states no lifetime .*--expired-token/,
    ],
    ['a run that cannot log in (--token)', {}, false, undefined, /cannot log in .*--expired-token/],
    [
      'an --expired-token that expires beyond --expiry-wait',
      { expiredToken: jwt({ exp: now() + 3600 }) },
      false,
      undefined,
      /--expired-token expires at .*, later than --expiry-wait \(30 s\) from now/,
    ],
  ] as const)('%s', async (_, over, canLogin, body, reason) => {
    const started = await start(over, canLogin, body);
    expect(started.ok).toBe(false);
    expect(started.ok ? '' : started.reason).toMatch(reason);
  });

  it('takes an --expired-token as it is: expired now, or at its exp', async () => {
    const exp = now() - 60;
    const given = await start({ expiredToken: jwt({ exp }) }, false);
    expect(given).toMatchObject({ ok: true, clock: { expiredAtMs: exp * 1000 + 1000 } });
    const opaque = await start({ expiredToken: 'opaque-token' }, false);
    expect(opaque.ok && opaque.clock.expiredAtMs).toBeLessThanOrEqual(Date.now());
  });
});

describe("protectedRead picks where the expired token goes, within the run's selection", () => {
  it.each([
    ['every operation', () => true, 'getCurrentUser'],
    ['--only topics', (id: string) => ['listTopics', 'createTopic'].includes(id), 'listTopics'],
    ['only public operations', (id: string) => id === 'getHealth', undefined],
  ])('%s', (_, selected, want) => {
    expect(protectedRead(contract, selected)?.operationId).toBe(want);
  });
});
