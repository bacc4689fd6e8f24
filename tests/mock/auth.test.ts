import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import type { Problem, TokenPair } from '../../profiles/call-center/models.ts';
import { json, useMock } from './support.ts';

const SECRET = 'a-test-secret-that-is-long-enough-for-hs256';
const key = new TextEncoder().encode(SECRET);
const USER_ID = 'c4a73152-9b2e-4f10-8d56-1e3a7b9c0d21';
const t = await useMock({ jwtSecret: SECRET });
const off = await useMock({ auth: false });
const short = await useMock({ accessTokenTtl: 1 });

/** A token signed like the mock's, with some claims changed. */
async function forged(change: {
  secret?: Uint8Array;
  iss?: string;
  aud?: string;
  exp?: number;
  nbf?: number;
  alg?: string;
}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ email: 'admin@example.com', role: 'admin', fam: 'f' })
    .setProtectedHeader({ alg: change.alg ?? 'HS256', typ: 'JWT' })
    .setIssuer(change.iss ?? 'ai-call-center')
    .setAudience(change.aud ?? 'ai-call-center-api')
    .setSubject(USER_ID)
    .setJti('j1')
    .setIssuedAt(now - 10)
    .setNotBefore(change.nbf ?? now - 10)
    .setExpirationTime(change.exp ?? now + 600)
    .sign(change.secret ?? key);
}

/** `alg: none`: a header and payload with no signature at all. */
function unsigned(): string {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${enc({ alg: 'none', typ: 'JWT' })}.${enc({ sub: USER_ID, iss: 'ai-call-center', aud: 'ai-call-center-api', jti: 'x', iat: now, nbf: now, exp: now + 600 })}.`;
}

async function login(email = 'admin@example.com', password = 'admin123') {
  return fetch(`${t.base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
}

describe('login', () => {
  it('answers a token pair the existing frontend can store', async () => {
    const res = await login();
    expect(res.status).toBe(200);
    const body = (await res.json()) as TokenPair;
    expect(body).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: 900,
      refreshExpiresIn: 604800,
      user: { email: 'admin@example.com', role: 'admin' },
    });
    const [header, payload] = body.token
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
    expect(header).toMatchObject({ alg: 'HS256', typ: 'JWT' });
    expect(payload).toMatchObject({
      iss: 'ai-call-center',
      aud: 'ai-call-center-api',
      sub: USER_ID,
      email: 'admin@example.com',
      role: 'admin',
    });
    expect(payload.exp - payload.iat).toBe(900);
  });

  it.each([
    ['a wrong password', 'admin@example.com', 'nope'],
    ['an unknown email', 'who@example.com', 'admin123'],
  ])('refuses %s with invalid_credentials', async (_, email, password) => {
    const res = await login(email, password);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(((await res.json()) as Problem).code).toBe('invalid_credentials');
  });

  it('lists every missing field at once', async () => {
    const res = await t.call('/auth/login', { ...json('POST', {}), auth: false });
    const body = (await res.json()) as Problem;
    expect(res.status).toBe(400);
    expect(body.errors?.map((e) => e.field).sort()).toEqual(['/email', '/password']);
  });
});

describe('every protected operation refuses a bad token with 401 and WWW-Authenticate', () => {
  const cases: [string, () => Promise<string | undefined>, string][] = [
    ['no token', async () => undefined, 'token_missing'],
    ['a malformed header', async () => 'Basic abc', 'token_invalid'],
    ['a token that is not a JWT', async () => 'Bearer not-a-jwt', 'token_invalid'],
    [
      'a badly signed token',
      async () =>
        `Bearer ${await forged({ secret: new TextEncoder().encode('another-secret-another-secret-another') })}`,
      'token_invalid',
    ],
    [
      'an expired token',
      async () => `Bearer ${await forged({ exp: Math.floor(Date.now() / 1000) - 5 })}`,
      'token_expired',
    ],
    [
      'a token not valid yet',
      async () => `Bearer ${await forged({ nbf: Math.floor(Date.now() / 1000) + 600 })}`,
      'token_invalid',
    ],
    ['another issuer', async () => `Bearer ${await forged({ iss: 'someone-else' })}`, 'token_invalid'],
    ['another audience', async () => `Bearer ${await forged({ aud: 'another-api' })}`, 'token_invalid'],
    ['alg: none', async () => `Bearer ${unsigned()}`, 'token_invalid'],
    ['HS512 instead of HS256', async () => `Bearer ${await forged({ alg: 'HS512' })}`, 'token_invalid'],
  ];
  const paths = ['/voip/calls', '/qa', '/topics', '/voip/file', '/statistics', '/auth/me'];

  it.each(cases)('%s', async (_, header, code) => {
    const authorization = await header();
    for (const path of paths) {
      const res = await fetch(t.base + path, { headers: authorization ? { authorization } : {} });
      expect(res.status, path).toBe(401);
      expect(res.headers.get('www-authenticate'), path).toMatch(/^Bearer realm="ai-call-center"/);
      if (code !== 'token_missing')
        expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"');
      expect(((await res.json()) as Problem).code, path).toBe(code);
    }
  });

  it('accepts a well-signed token, proving the forgeries above fail for their one defect', async () => {
    const res = await fetch(`${t.base}/auth/me`, {
      headers: { authorization: `Bearer ${await forged({})}` },
    });
    expect(res.status).toBe(200);
  });
});

describe('refresh tokens rotate', () => {
  it('answers a new pair and refuses the used refresh token, revoking the whole login', async () => {
    const first = (await (await login()).json()) as TokenPair;
    const refresh = (token: string) =>
      t.call('/auth/refresh', { ...json('POST', { refreshToken: token }), auth: false });
    const second = await refresh(first.refreshToken);
    expect(second.status).toBe(200);
    const pair = (await second.json()) as TokenPair;
    expect(pair.refreshToken).not.toBe(first.refreshToken);
    expect((await t.call('/auth/me', { auth: pair.token })).status).toBe(200);

    const reused = await refresh(first.refreshToken);
    expect(reused.status).toBe(401);
    expect(((await reused.json()) as Problem).code).toBe('refresh_token_invalid');
    // Reuse means theft: the newer pair of the same login is revoked too.
    expect((await refresh(pair.refreshToken)).status).toBe(401);
    const me = await t.call('/auth/me', { auth: pair.token });
    expect(me.status).toBe(401);
    expect(((await me.json()) as Problem).code).toBe('token_revoked');
  });

  it('refuses an unknown refresh token', async () => {
    const res = await t.call('/auth/refresh', {
      ...json('POST', { refreshToken: 'rt_unknown' }),
      auth: false,
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as Problem).code).toBe('refresh_token_invalid');
  });
});

describe('logout', () => {
  it('revokes the access token and its refresh token', async () => {
    const pair = (await (await login()).json()) as TokenPair;
    expect((await t.call('/auth/logout', { method: 'POST', auth: pair.token })).status).toBe(204);
    const me = await t.call('/auth/me', { auth: pair.token });
    expect(me.status).toBe(401);
    expect(((await me.json()) as Problem).code).toBe('token_revoked');
    const refreshed = await t.call('/auth/refresh', {
      ...json('POST', { refreshToken: pair.refreshToken }),
      auth: false,
    });
    expect(refreshed.status).toBe(401);
  });

  it('does not affect other logins', async () => {
    expect((await t.call('/auth/me')).status).toBe(200);
  });
});

describe('MOCK_AUTH=off', () => {
  it('lets a frontend without a login screen in, as the demo user', async () => {
    const res = await fetch(`${off.base}/auth/me`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { email: string }).email).toBe('admin@example.com');
    expect((await fetch(`${off.base}/voip/calls`)).status).toBe(200);
  });
});

describe('MOCK_ACCESS_TOKEN_TTL', () => {
  it('issues access tokens of that lifetime, refused as token_expired once past it, while the refresh token still works', async () => {
    const { base } = short;
    const post = (path: string, body: unknown) =>
      fetch(base + path, { ...json('POST', body), headers: { 'content-type': 'application/json' } });
    const res = await post('/auth/login', { email: 'admin@example.com', password: 'admin123' });
    const pair = (await res.json()) as TokenPair;
    expect(pair.expiresIn).toBe(1);
    const payload = JSON.parse(Buffer.from(pair.token.split('.')[1] ?? '', 'base64url').toString());
    expect(payload.exp - payload.iat).toBe(1);
    // Polled, bounded: the token is refused at the first second boundary past its exp.
    let me = await fetch(`${base}/auth/me`, { headers: { authorization: `Bearer ${pair.token}` } });
    for (let tries = 0; me.status === 200 && tries < 40; tries++) {
      await new Promise((done) => setTimeout(done, 250));
      me = await fetch(`${base}/auth/me`, { headers: { authorization: `Bearer ${pair.token}` } });
    }
    expect(me.status).toBe(401);
    expect(me.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect(((await me.json()) as Problem).code).toBe('token_expired');
    const refreshed = await post('/auth/refresh', { refreshToken: pair.refreshToken });
    expect(refreshed.status).toBe(200);
  });
});
