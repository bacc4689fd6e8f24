import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { TokenService } from '../../mock/auth/tokens.ts';
import type { Problem, User } from '../../profiles/call-center/models.ts';
import { useMock } from '../mock/support.ts';

// tests/mock/auth.test.ts covers a wrong secret, expiry, nbf, issuer, audience, alg none and HS512;
// these are the forgeries it leaves out, and the secret's lifetime.
const SECRET = 'a-shared-secret-that-is-long-enough-for-hs256';
const first = await useMock();
const second = await useMock();
const sharedA = await useMock({ jwtSecret: SECRET });
const sharedB = await useMock({ jwtSecret: SECRET });
const USER_ID = 'c4a73152-9b2e-4f10-8d56-1e3a7b9c0d21';

const me = (base: string, token: string) =>
  fetch(`${base}/auth/me`, { headers: { authorization: `Bearer ${token}` } });

async function refusal(res: Response): Promise<string> {
  expect(res.status).toBe(401);
  expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"');
  return ((await res.json()) as Problem).code;
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const parts = (token: string) => token.split('.') as [string, string, string];
const claims = (extra: object = {}) => {
  const now = Math.floor(Date.now() / 1000);
  return {
    email: 'admin@example.com',
    role: 'admin',
    fam: 'f',
    iss: 'ai-call-center',
    aud: 'ai-call-center-api',
    sub: USER_ID,
    jti: 'j',
    iat: now,
    nbf: now,
    exp: now + 600,
    ...extra,
  };
};

describe('the JWT secret', () => {
  it('is generated per start unless configured: one mock refuses the tokens of another', async () => {
    expect((await me(first.base, first.token)).status).toBe(200);
    expect(await refusal(await me(second.base, first.token))).toBe('token_invalid');
    expect(await refusal(await me(first.base, second.token))).toBe('token_invalid');
  });

  it('is shared by every start given the same JWT_SECRET', async () => {
    expect((await me(sharedB.base, sharedA.token)).status).toBe(200);
  });
});

describe('forged and tampered tokens are refused', () => {
  const cases: [string, () => Promise<string>][] = [
    [
      'a payload changed after signing (another user, another role)',
      async () => {
        const [h, , s] = parts(first.token);
        return `${h}.${b64(claims({ sub: '00000000-0000-4000-8000-000000000000', role: 'superuser' }))}.${s}`;
      },
    ],
    [
      'a signature with one character changed',
      async () => {
        const [h, p, s] = parts(first.token);
        const flipped = (s[5] === 'A' ? 'B' : 'A') + s.slice(6);
        return `${h}.${p}.${s.slice(0, 5)}${flipped}`;
      },
    ],
    ['a signature cut off', async () => parts(first.token).slice(0, 2).join('.')],
    ['an empty signature', async () => `${parts(first.token).slice(0, 2).join('.')}.`],
    ['"alg": "None" spelled otherwise', async () => `${b64({ alg: 'None', typ: 'JWT' })}.${b64(claims())}.`],
    [
      'algorithm confusion: RS256 with the attacker key embedded as a jwk header',
      async () => {
        const { privateKey, publicKey } = await generateKeyPair('RS256');
        return new SignJWT(claims())
          .setProtectedHeader({ alg: 'RS256', typ: 'JWT', jwk: await exportJWK(publicKey) })
          .sign(privateKey);
      },
    ],
    [
      'algorithm confusion: ES256 with a key of its own',
      async () => {
        const { privateKey } = await generateKeyPair('ES256');
        return new SignJWT(claims()).setProtectedHeader({ alg: 'ES256' }).sign(privateKey);
      },
    ],
    [
      'algorithm confusion: HS256 signed with a public key text as the secret',
      async () => {
        const { publicKey } = await generateKeyPair('RS256', { extractable: true });
        const pem = JSON.stringify(await exportJWK(publicKey));
        return new SignJWT(claims()).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(pem));
      },
    ],
    [
      'a header pointing at a key elsewhere (jku, kid)',
      async () =>
        new SignJWT(claims())
          .setProtectedHeader({ alg: 'HS256', jku: 'http://127.0.0.1:1/keys', kid: '../../dev/null' })
          .sign(new TextEncoder().encode('the-attacker-secret-is-long-enough-too')),
    ],
    ['three dots of nothing', async () => '..'],
    ['a JSON object instead of a JWT', async () => b64(claims())],
    ['a huge token', async () => `${'a'.repeat(8000)}.${'b'.repeat(4000)}.c`],
  ];

  it.each(cases)('%s', async (_, make) => {
    expect(['token_invalid', 'token_expired']).toContain(await refusal(await me(first.base, await make())));
  });

  it('a token sent as ?token= where the contract allows only the header', async () => {
    const res = await fetch(`${first.base}/auth/me?token=${first.token}`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as Problem).code).toBe('token_missing');
  });
});

describe('a token verified once is still checked on every use', () => {
  it('expires on time and is refused once revoked, though its signature is not checked again', async () => {
    let clock = Date.parse('2026-11-01T10:00:00Z');
    const { ctx } = first.mock;
    const service = new TokenService(ctx.extensions.auth, ctx.users, undefined, () => clock);
    const user = ctx.users.get(USER_ID) as User;
    const pair = await service.issue(user);
    expect((await service.verify(pair.accessToken)).user.id).toBe(USER_ID);
    clock += (pair.accessTtlSeconds - 1) * 1000;
    expect((await service.verify(pair.accessToken)).user.id).toBe(USER_ID);
    clock += 1000;
    await expect(service.verify(pair.accessToken)).rejects.toMatchObject({ code: 'token_expired' });

    const other = await service.issue(user);
    await service.verify(other.accessToken);
    const claims = await service.verify(other.accessToken);
    service.revoke(claims);
    await expect(service.verify(other.accessToken)).rejects.toMatchObject({ code: 'token_revoked' });
  });
});
