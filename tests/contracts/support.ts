import { SignJWT } from 'jose';
import { type MockOptions, type RunningMock, startMock } from '../../profiles/call-center/package.ts';
import { demoLogin } from '../../scripts/support/demo-login.ts';

/** The test number every runner test places calls to: `completed`, it never rings anyone. */
export const TEST_NUMBER = '+998900000001';

/**
 * A mock for the runner's tests: on 127.0.0.1 and a free port, a limit high enough for a whole run
 * (the headers are still sent), calls sped up so that a placed call ends in about a second.
 */
export function startTestMock(overrides: Partial<MockOptions> = {}): Promise<RunningMock> {
  return startMock({
    ...overrides,
    port: 0,
    log: 'off',
    rateLimit: 100_000,
    callSpeed: 100,
    calls: 500,
    seedDate: '2026-11-01',
  });
}

/** How much data the backend holds, per list, to prove a run leaves nothing behind. */
export async function dataCounts(baseUrl: string): Promise<Record<string, number>> {
  const token = await demoLogin(baseUrl);
  const counts: Record<string, number> = {};
  for (const path of [
    '/topics',
    '/qa',
    '/voip/file',
    '/voip/calls',
    `/voip/calls?targetNumber=${encodeURIComponent(TEST_NUMBER)}`,
  ]) {
    const res = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    counts[path] = ((await res.json()) as { total: number }).total;
  }
  return counts;
}

/**
 * An access token the mock (started with this `jwtSecret`) would have issued 20 minutes ago, by
 * x-auth's rules, expired 5 minutes ago: what a user hands `--expired-token` from their backend.
 */
export async function expiredToken(mock: RunningMock, secret: string): Promise<string> {
  const { accessToken } = mock.ctx.extensions.auth;
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ email: mock.ctx.credentials.email, role: 'admin', fam: 'expired' })
    .setProtectedHeader({ alg: accessToken.algorithm, typ: 'JWT' })
    .setIssuer(accessToken.issuer)
    .setAudience(accessToken.audience)
    .setSubject(mock.ctx.credentials.userId)
    .setJti(crypto.randomUUID())
    .setIssuedAt(now - 1200)
    .setNotBefore(now - 1200)
    .setExpirationTime(now - 300)
    .sign(new TextEncoder().encode(secret));
}
